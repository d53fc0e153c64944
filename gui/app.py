"""The desktop application's entry: open the store, show the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from core.errors import UserFacingError
from core.persistence.store import Store, open_store
from gui.main_window import MainWindow


def main(db: str | None = None) -> int:
    """Run the application until the window closes; return the exit code."""
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
