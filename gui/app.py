"""The desktop application's entry: open the store, show the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QElapsedTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from core.errors import UserFacingError
from core.persistence.store import Store, open_store
from gui.main_window import MainWindow


def main(db: str | None = None, screenshot: Path | None = None) -> int:
    """Run the application until the window closes; return the exit code.

    With ``screenshot``, render the main window at 1280x800 with the first case open,
    save it as PNG and exit (no display needed).
    """
    if screenshot is not None and _no_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if _no_display():
        print(
            "zeromile: error: no display to open the window on; run it in a desktop session "
            "(or set QT_QPA_PLATFORM=offscreen for a headless check)",
            file=sys.stderr,
        )
        return 2
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("ZeroMile Case Desk")
    app.setOrganizationName("ZeroMile")
    try:
        store: Store = open_store(db)
    except UserFacingError as exc:
        QMessageBox.critical(None, "ZeroMile Case Desk", str(exc))
        return 2
    window = MainWindow(store)
    window.show()
    try:
        if screenshot is not None:
            return _screenshot(app, window, screenshot)
        return app.exec()
    finally:
        window.runner.wait()
        store.close()


def _screenshot(app: QApplication, window: MainWindow, path: Path) -> int:
    window.resize(1280, 800)
    if window.model.rowCount():
        window.open_row(0)
    deadline = QElapsedTimer()
    deadline.start()
    while deadline.elapsed() < 400:  # let layouts settle and paint
        app.processEvents()
    if not window.grab().save(str(path), "PNG"):
        print(f"zeromile: error: cannot write {path}", file=sys.stderr)
        return 2
    print(f"screenshot written to {path}")
    return 0


def _no_display() -> bool:
    """On Linux without X11, Wayland or an explicit Qt platform, Qt would abort."""
    if not sys.platform.startswith("linux"):
        return False
    return not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
