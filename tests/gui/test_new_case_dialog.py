"""The new-case dialog offers the store's jurisdictions, read in an op, and keeps the choice."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from pytestqt.qtbot import QtBot

from core.persistence.store import Store
from core.services.rule_packs import known_jurisdictions
from core.services.stores import locator
from gui.new_case_dialog import NewCaseDialog
from gui.operations import OperationRunner


def test_the_stores_jurisdictions_arrive_without_losing_the_choice(
    qtbot: QtBot, store: Store, runner: OperationRunner
) -> None:
    dialog = NewCaseDialog("KZ", db=locator(store), runner=runner)
    qtbot.addWidget(dialog)
    assert runner.wait(30000)
    editor = dialog.form.editor("jurisdiction")
    qtbot.waitUntil(lambda: editor.text() == "KZ", timeout=10000)
    combo = editor.focus_widget()
    offered = {combo.itemData(i) for i in range(combo.count())}  # type: ignore[attr-defined]
    assert set(known_jurisdictions(locator(store)).codes) <= offered
