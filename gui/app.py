"""The desktop application's entry: paint the main window, then open the store.

The window is shown before the store is opened: SQLAlchemy, SQLModel and the
services are imported and the store opened (and upgraded) on the worker thread,
then attached. A change of interface language rebuilds the window over the same
store.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from core import settings
from core.errors import UserFacingError
from gui.i18n import install_translators
from gui.main_window import MainWindow
from gui.platform_check import platform_problem


class DeskApp:
    """Owns the one main window; replaces it when the interface language changes."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.window: MainWindow | None = None

    def start(self, db: str | None, language: str) -> MainWindow:
        install_translators(self.app, language)
        window = self._new_window()
        window.show()
        window.open_store(db)
        return window

    def _new_window(self) -> MainWindow:
        window = MainWindow()
        window.language_changed.connect(self.change_language)
        self.window = window
        return window

    def change_language(self, language: str) -> None:
        old = self.window
        if old is None or old.opened is None:
            return
        install_translators(self.app, language)
        window = self._new_window()
        window.setGeometry(old.geometry())
        reference = old.workspace.reference if old.workspace is not None else None
        window.attach(old.opened, select=reference, actor=old.actor)
        window.show()
        old.hide()
        old.runner.shutdown()  # its worker processes, before Qt deletes it
        old.deleteLater()


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
    problem = platform_problem()
    if problem is not None:  # Qt would abort (exit 134) and suggest reinstalling
        print(f"zeromile: error: {problem}", file=sys.stderr)
        return 2
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("ZeroMile Case Desk")
    app.setOrganizationName("ZeroMile")
    try:
        language = settings.load_settings().language
    except UserFacingError as exc:
        print(f"zeromile: warning: {exc}; using the default settings", file=sys.stderr)
        language = "en"
    desk = DeskApp(app)
    desk.start(db, language)
    try:
        if screenshot is not None:
            return _screenshot(app, desk, screenshot)
        return app.exec()
    finally:
        current = desk.window
        if current is not None:
            current.runner.shutdown()  # the worker processes end before the interpreter
        from core.services.stores import forget_stores

        forget_stores()


def _settle(app: QApplication, msecs: int) -> None:
    """Let the event loop run for ``msecs`` (layouts settle, the window paints)."""
    loop = QEventLoop()
    QTimer.singleShot(msecs, loop.quit)
    loop.exec()


def _wait_for(app: QApplication, signal: SignalInstance, msecs: int = 120000) -> bool:
    """Run the event loop until ``signal`` fires (True) or ``msecs`` pass (False)."""
    fired: list[bool] = []
    loop = QEventLoop()

    def done(*_: object) -> None:
        fired.append(True)
        loop.quit()

    signal.connect(done)
    QTimer.singleShot(msecs, loop.quit)
    loop.exec()
    return bool(fired)


def _screenshot(app: QApplication, desk: DeskApp, path: Path) -> int:
    window = desk.window
    assert window is not None
    window.resize(1280, 800)
    if not _wait_for(app, window.listed):  # the store opens, then the list is read
        print("zeromile: error: the case store could not be opened", file=sys.stderr)
        return 2
    if window.model.rowCount() and window.workspace is not None:
        loaded = window.workspace.loaded
        window.open_row(0)
        _wait_for(app, loaded)
    _settle(app, 400)  # let layouts settle and paint
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
