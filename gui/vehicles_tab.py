"""Transitional: the old import path of :class:`gui.vehicles.tab.VehiclesTab`, taking an
open store and ``ask_to_leave()`` without a continuation. Deleted at integration."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal

from core.services.stores import locator
from gui.operations import OperationRunner
from gui.vehicles.tab import VehiclesTab as _Tab


class VehiclesTab(_Tab):
    changed = Signal()  # the old owner's refresh; the runner's ``changed`` replaces it

    def __init__(self, store: Any, runner: OperationRunner, actor: str) -> None:
        super().__init__(store if isinstance(store, str) else locator(store), runner, actor)
        self.saved.connect(lambda _reference: self.changed.emit())

    def ask_to_leave(self, then: Callable[[], None] = lambda: None) -> bool:
        return super().ask_to_leave(then)
