"""GUI tests: no operation, thread or worker process may outlive a test."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator

import pytest

pytest.importorskip("PySide6")


@pytest.fixture(autouse=True)
def no_work_left_behind() -> Iterator[None]:
    import shiboken6

    from gui.operations import OperationRunner

    yield
    for runner in list(OperationRunner.instances):
        if shiboken6.isValid(runner):
            runner.shutdown()
            assert runner._pool.activeThreadCount() == 0
            assert runner._reader.activeThreadCount() == 0
        else:  # Qt deleted it with its window, after waiting for its threads
            runner.workers.shutdown()
    assert multiprocessing.active_children() == []
