"""The desktop application's entry: open the store, show the main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from core.errors import UserFacingError
from core.persistence.store import Store, open_store
from gui.main_window import MainWindow


def main(db: str | None = None) -> int:
    """Run the application until the window closes; return the exit code."""
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
        return app.exec()
    finally:
        store.close()


def _no_display() -> bool:
    """On Linux without X11, Wayland or an explicit Qt platform, Qt would abort."""
    if not sys.platform.startswith("linux"):
        return False
    return not any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
