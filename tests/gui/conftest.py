"""GUI tests: no operation, thread or worker process may outlive a test."""

from __future__ import annotations

import multiprocessing
import sys
import threading
import traceback
from collections.abc import Iterator
from types import FrameType
from typing import Any

import pytest

pytest.importorskip("PySide6")

from sqlalchemy import event
from sqlalchemy.pool import Pool


def _python_threads() -> set[threading.Thread]:
    """Threads Python started (not Qt's pool threads that once ran Python code)."""
    return {t for t in threading.enumerate() if not isinstance(t, threading._DummyThread)}


@pytest.fixture(autouse=True)
def no_work_left_behind() -> Iterator[None]:
    import shiboken6

    from gui.operations import OperationRunner

    before = _python_threads()
    yield
    for runner in list(OperationRunner.instances):
        if shiboken6.isValid(runner):
            runner.shutdown()
            assert runner._pool.activeThreadCount() == 0
            assert runner._reader.activeThreadCount() == 0
        else:  # Qt deleted it with its window, after waiting for its threads
            runner.workers.shutdown()
    assert multiprocessing.active_children() == []
    from core import jobs

    jobs.forget_stores()  # the stores this process opened for operations on its thread
    # The worker pools' manager threads and the queues' feeder threads end with them.
    left = [t for t in _python_threads() - before if t.is_alive()]
    for thread in left:
        thread.join(5)
    assert [t.name for t in left if t.is_alive()] == []


# --- no store access on the GUI thread ----------------------------------------------------------
# Every store access checks a connection out of SQLAlchemy's pool (SQLite and PostgreSQL
# alike, evidence blobs included: they are read through a session). The guard listens to
# every pool's checkout and records one made on the main thread while code of the ``gui``
# package is on the stack. Test code reading the store itself (setting up, checking what
# was saved) calls ``core`` directly, with no ``gui`` frame, and is left alone.


def _gui_frame(frame: FrameType | None) -> FrameType | None:
    while frame is not None:
        name = str(frame.f_globals.get("__name__", ""))
        if name == "gui" or name.startswith("gui."):
            return frame
        frame = frame.f_back
    return None


class GuiThreadStoreGuard:
    """Records store access from ``gui`` code on the main thread while installed."""

    def __init__(self) -> None:
        self.violations: list[str] = []

    def _checkout(self, *_args: Any) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        frame = _gui_frame(sys._getframe(1))
        if frame is not None:
            stack = "".join(traceback.format_stack(frame, limit=8))
            self.violations.append(
                f"store access on the GUI thread from {frame.f_globals['__name__']}:\n{stack}"
            )

    def __enter__(self) -> GuiThreadStoreGuard:
        event.listen(Pool, "checkout", self._checkout)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(Pool, "checkout", self._checkout)


@pytest.fixture(autouse=True)
def store_guard() -> Iterator[GuiThreadStoreGuard]:
    """Fails a test in which the window read or wrote the store on the GUI thread (a
    freeze the user waits through): all of that runs in an operation."""
    with GuiThreadStoreGuard() as guard:
        yield guard
    assert not guard.violations, guard.violations[0]


@pytest.fixture
def listed_window(qtbot: Any) -> Any:
    """Makes a main window over a store, returned once its case list is shown (the
    listing is asynchronous)."""
    from gui.main_window import MainWindow

    def make(store: Any) -> MainWindow:
        from core.services.stores import locator

        window = MainWindow(locator(store))
        qtbot.addWidget(window)
        qtbot.waitSignal(window.listed, timeout=20000).wait()
        return window

    return make


@pytest.fixture
def runner(qtbot: Any) -> Iterator[Any]:
    """An operation runner on a host widget; no task may outlive the test."""
    from PySide6.QtWidgets import QWidget

    from gui.operations import OperationRunner

    host = QWidget()
    qtbot.addWidget(host)
    operations = OperationRunner(host)
    yield operations
    assert operations.wait(10000)
    assert operations._pool.activeThreadCount() == 0  # no task left behind
    operations.shutdown()


@pytest.fixture
def reference(store: Any) -> str:
    """The demo store's Kazakh case (demo data loaded)."""
    from core.services import demo

    loaded = demo.load_demo(store, actor="demo")
    return next(c.reference for c in loaded if c.jurisdiction == "KZ")


@pytest.fixture
def shoot(tmp_path: Any) -> Any:
    """Saves a widget's picture as ``name`` (a PNG): into ``ZEROMILE_AS_DECLARED_SHOTS``
    when set (``docs/screenshots/as-declared``), else into the test's temporary folder.
    Returns the path written."""
    import os
    from pathlib import Path

    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication, QWidget

    folder = Path(os.environ.get("ZEROMILE_AS_DECLARED_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)

    def save(widget: QWidget, name: str) -> Path:
        QApplication.processEvents()
        path = folder / name
        assert widget.grab().save(str(path), "PNG")
        assert not QImage(str(path)).isNull()
        return path

    return save
