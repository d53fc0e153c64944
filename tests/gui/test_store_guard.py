"""The guard behind "the GUI thread does no store I/O" catches what it must, and only that."""

from __future__ import annotations

import threading
import types
from typing import Any

import pytest

pytest.importorskip("PySide6")

from core.persistence.store import Store
from core.persistence.unit_of_work import reading
from core.services import cases


def _module_named(name: str) -> types.ModuleType:
    """A module of that name whose ``read(store)`` lists the cases, as window code would."""
    module = types.ModuleType(name)
    exec(
        "def read(store, reading, cases):\n"
        "    with reading(store) as session:\n"
        "        return cases.list_cases(session)\n",
        module.__dict__,
    )
    return module


def test_window_code_reading_the_store_on_the_gui_thread_is_caught(
    store: Store, store_guard: Any
) -> None:
    _module_named("gui.probe").read(store, reading, cases)
    caught = list(store_guard.violations)
    store_guard.violations.clear()  # the test itself passes: the guard caught it
    assert len(caught) == 1 and "from gui.probe" in caught[0]


def test_window_code_on_another_thread_and_test_code_are_left_alone(
    store: Store, store_guard: Any
) -> None:
    probe = _module_named("gui.probe")
    thread = threading.Thread(target=probe.read, args=(store, reading, cases))
    thread.start()
    thread.join()
    _module_named("tests_helper").read(store, reading, cases)  # not window code
    with reading(store) as session:  # nor is the test's own check
        cases.list_cases(session)
    assert store_guard.violations == []
