"""The case file's writers take plain data: importing them loads neither the store nor
the use cases (the layers contract in pyproject.toml says the same of the imports)."""

from __future__ import annotations

import subprocess
import sys


def test_the_writers_load_neither_the_store_nor_the_services() -> None:
    probe = (
        "import sys\n"
        "import core.reports.bundle, core.reports.case_data, core.reports.pdf, core.reports.xlsx\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('core.persistence', "
        "'core.services', 'core.evidence', 'core.rules')))\n"
        "print(loaded)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout
