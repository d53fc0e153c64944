"""The ``zeromile`` executable: a command runs in the core; no command opens the window."""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path
from typing import NoReturn

from core.cli.main import run


def _open_gui(db: str | None, screenshot: Path | None = None) -> int:
    try:
        from gui.app import main as gui_main
    except ImportError as exc:
        print(f"zeromile: error: the desktop application needs PySide6 ({exc})", file=sys.stderr)
        return 2
    return gui_main(db=db, screenshot=screenshot)


def main() -> NoReturn:
    # The window's worker processes are started with "spawn"; a frozen Windows build
    # must let a child run its job instead of the whole program again.
    multiprocessing.freeze_support()
    sys.exit(run(open_gui=_open_gui))
