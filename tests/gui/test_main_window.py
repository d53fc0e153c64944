"""The main window: the case list is lazy, searchable, filterable and sortable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from pytestqt.qtbot import QtBot

from core.domain.case import CaseStatus
from core.persistence.store import Store
from core.persistence.unit_of_work import unit_of_work
from core.services import cases, demo
from gui import case_list_model
from gui.case_list_model import OUT_OF_DATE_COLUMN, CaseListModel, column_of
from gui.main_window import MainWindow


def shown(window: MainWindow) -> list[str]:
    model = window.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_the_window_lists_demo_cases_newest_first(
    listed_window: Any, qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    loaded = demo.load_demo(store, actor="demo")
    window = listed_window(store)
    window.show()
    qtbot.waitExposed(window)
    assert shown(window) == sorted((d.reference for d in loaded), reverse=True)
    titles = {
        window.model.index(r, column_of("title")).data() for r in range(window.model.rowCount())
    }
    assert {d.title for d in loaded} == titles
    assert window.grab().save(str(tmp_path / "main_window.png"))


def test_search_by_vin_party_and_declaration_and_filter_by_status(
    listed_window: Any, qtbot: QtBot, store: Store
) -> None:
    loaded = {d.jurisdiction: d.reference for d in demo.load_demo(store, actor="demo")}
    window = listed_window(store)
    for text, expected in (
        ("LVVDB21B9", [loaded["KZ"]]),
        ("авто-транзит", [loaded["KZ"]]),
        ("10612050", [loaded["RU"]]),
        ("", sorted(loaded.values(), reverse=True)),
    ):
        window.search.setText(text)
        # the first search may wait for the reading process to start
        qtbot.waitUntil(lambda expected=expected: shown(window) == expected, timeout=20000)
    with qtbot.waitSignal(window.listed, timeout=10000):
        window.status_filter.setCurrentIndex(window.status_filter.findData(CaseStatus.UNDER_REVIEW))
    assert shown(window) == [loaded["RU"]]
    assert window.count.text() == "1 cases"


def test_sorting_by_a_column(listed_window: Any, qtbot: QtBot, store: Store) -> None:
    demo.load_demo(store, actor="demo")
    window = listed_window(store)
    with qtbot.waitSignal(window.listed, timeout=10000):
        window.table.sortByColumn(
            column_of("jurisdiction"), case_list_model.Qt.SortOrder.AscendingOrder
        )
    jurisdictions = [
        window.model.index(r, column_of("jurisdiction")).data()
        for r in range(window.model.rowCount())
    ]
    assert jurisdictions == sorted(jurisdictions)


def test_rows_are_read_a_page_at_a_time(
    listed_window: Any, qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(case_list_model, "PAGE", 10)
    with unit_of_work(store, actor="t") as session:
        for i in range(35):
            cases.create_case(session, title=f"Партия {i}", jurisdiction="KZ")
    fetched: list[int] = []
    window = listed_window(store)
    original = window._fetch_rows
    window.model._fetch = lambda ids, done: (fetched.append(len(ids)), original(ids, done))
    # the listing brought its first page along: shown without another read
    assert window.model.index(0, 0).data() and fetched == []
    window.model.set_ids(list(window.model._ids))
    assert window.model.rowCount() == 35 and fetched == []
    assert window.model.index(0, 0).data() is None  # asked for, in the reading process
    qtbot.waitUntil(lambda: bool(window.model.index(0, 0).data()), timeout=20000)
    assert window.model.index(34, 0).data() is None
    qtbot.waitUntil(lambda: bool(window.model.index(34, 0).data()), timeout=20000)
    assert fetched == [10, 5]


def test_case_list_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = CaseListModel()
    model.set_rows(
        [{"id": 1, "reference": "ZM-2026-000001", "status": "open", "jurisdiction": "KZ",
          "priority": "high", "title": "Партия 7", "created_at": None}]
    )  # fmt: skip
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_the_window_asks_for_an_identity_until_one_is_set(
    listed_window: Any, qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core import settings

    monkeypatch.delenv(settings.INSPECTOR_ENV, raising=False)
    window = listed_window(store)
    window.show()
    assert window.identity_button.isVisible() and "workstation login" in window.actor
    settings.save_settings(settings.Settings(inspector_name="Айгерим Сапарова",
                                             inspector_badge="KZ-0417"))  # fmt: skip
    window._settings_applied({"identity": True})
    assert window.actor == "Айгерим Сапарова (KZ-0417)"
    assert not window.identity_button.isVisible()


def test_a_case_made_out_of_date_by_another_case_is_marked_in_the_list(
    listed_window: Any, qtbot: QtBot, store: Store
) -> None:
    from PySide6.QtCore import Qt

    from core.services import shipments, vehicles

    loaded = {d.jurisdiction: d.reference for d in demo.load_demo(store, actor="demo")}
    window = listed_window(store)
    window.show()

    def marker(reference: str) -> Any:
        row = shown(window).index(reference)
        return window.model.index(row, OUT_OF_DATE_COLUMN)

    assert all(marker(ref).data() == "" for ref in loaded.values())
    assert window.model.headerData(OUT_OF_DATE_COLUMN, Qt.Orientation.Horizontal) == "Findings"
    # a colleague records, in the Russian case, a VIN the Kazakh case holds (DUP-VIN)
    with unit_of_work(store, actor="Other Inspector (T-002)") as session:
        kz = cases.get_case(session, loaded["KZ"])
        taken = vehicles.list_vehicles(session, kz)[0].vin
        ru = cases.get_case(session, loaded["RU"])
        shipment = shipments.list_shipments(session, ru)[0]
        vehicles.add_vehicle(session, ru, {"vin": taken}, shipment=shipment)
    with qtbot.waitSignal(window.listed, timeout=10000):
        window.refresh()
    # the counts are read apart, in the reading process, and arrive by themselves
    qtbot.waitUntil(lambda: marker(loaded["KZ"]).data() == "out of date (1)", timeout=10000)
    kz_marker = marker(loaded["KZ"])
    assert "run the rules" in kz_marker.data(Qt.ItemDataRole.ToolTipRole)
    assert kz_marker.data(Qt.ItemDataRole.DecorationRole) is not None
    assert kz_marker.data(Qt.ItemDataRole.BackgroundRole) is not None
    reference = window.model.index(shown(window).index(loaded["KZ"]), 0)
    assert reference.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "out of date" in reference.data(Qt.ItemDataRole.ToolTipRole)
    assert marker(loaded["RU"]).data().startswith("out of date (")  # the new vehicle there
    assert marker(loaded["JO"]).data() == ""
