"""GUI tests: no operation, thread or worker process may outlive a test."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("PySide6")


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
    # The worker pools' manager threads and the queues' feeder threads end with them.
    left = [t for t in _python_threads() - before if t.is_alive()]
    for thread in left:
        thread.join(5)
    assert [t.name for t in left if t.is_alive()] == []


@pytest.fixture
def listed_window(qtbot: Any) -> Any:
    """Makes a main window over a store, returned once its case list is shown (the
    listing is asynchronous)."""
    from gui.main_window import MainWindow

    def make(store: Any) -> MainWindow:
        window = MainWindow(store)
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
