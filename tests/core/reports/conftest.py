"""A demo store exported through the command line, for the report tests."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.cli.main import run

HOSTILE = '=HYPERLINK("http://example.invalid","click")'


@dataclass
class Exported:
    db: str
    refs: dict[str, str]  # jurisdiction -> reference
    folder: Path

    def export(self, jurisdiction: str, *args: str) -> int:
        return run(["--db", self.db, "export", self.refs[jurisdiction], *args])


@pytest.fixture
def demo(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Exported:
    assert run(["--db", db_url, "demo", "--json"]) == 0
    loaded = json.loads(capsys.readouterr().out)
    refs = {c["jurisdiction"]: c["reference"] for c in loaded}
    # A hostile title, as typed: markup characters must print as themselves.
    assert (
        run(["--db", db_url, "case", "set", refs["KZ"], "title", "Партия 7: Chery Tiggo <b>&"]) == 0
    )
    capsys.readouterr()
    out = tmp_path / "out"
    out.mkdir()
    return Exported(db_url, refs, out)


def pdftotext(path: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    text = subprocess.run(
        [*args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())  # table cells wrap; compare words, not line breaks


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
