"""The main window lists the store's cases (the full workspace comes with the desktop issue)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from pytestqt.qtbot import QtBot

from core.persistence.store import Store
from core.services import demo
from gui.case_list_model import CaseListModel
from gui.main_window import MainWindow


def test_the_window_lists_demo_cases_newest_first(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    loaded = demo.load_demo(store, actor="demo")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    model = window.model
    assert model.rowCount() == len(loaded)
    shown = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert shown == sorted((d.reference for d in loaded), reverse=True)
    titles = {model.index(r, 4).data() for r in range(model.rowCount())}
    assert {d.title for d in loaded} == titles
    assert window.grab().save(str(tmp_path / "main_window.png"))


def test_case_list_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = CaseListModel()
    model.set_rows(
        [
            {
                "reference": "ZM-2026-000001",
                "status": "open",
                "jurisdiction": "KZ",
                "priority": "high",
                "title": "Партия 7",
            }
        ]
    )
    qtmodeltester.check(model)  # type: ignore[attr-defined]
