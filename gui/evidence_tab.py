"""Transitional: the Evidence tab now lives in :mod:`gui.evidence.tab` and takes the store's
locator. Delete this module once ``gui/case_workspace.py`` builds
``gui.evidence.tab.EvidenceTab(db, runner, actor)`` itself."""

from __future__ import annotations

from typing import Any

from core.services.stores import locator
from gui.evidence.tab import EvidenceTab as _EvidenceTab
from gui.operations import OperationRunner


def EvidenceTab(store: Any, runner: OperationRunner, actor: str) -> _EvidenceTab:  # noqa: N802
    """The tab for an open store (what the workspace still passes)."""
    return _EvidenceTab(locator(store), runner, actor)
