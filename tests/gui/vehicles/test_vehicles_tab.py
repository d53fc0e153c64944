"""The Shipments & Vehicles tab: edits land in the store with their audit trail, and typed
content survives refused values, conflicting edits and store errors."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from core.domain.types import render_value
from core.domain.vin import expected_check_digit
from core.errors import StoreError
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, demo, shipments, vehicles, views
from core.services.stores import locator
from gui.forms.fields import FieldForm, LineFieldEditor
from gui.operations import Changes, OperationRunner
from gui.vehicles.tab import VehiclesTab

ACTOR = "Test Inspector (T-001)"
SHOTS = Path("/tmp/shots")


class Desk:
    """The tab in a host window, with the runner it saves through."""

    def __init__(self, qtbot: QtBot, store: Store) -> None:
        self.qtbot, self.store = qtbot, store
        loaded = {d.jurisdiction: d.reference for d in demo.load_demo(store, actor="demo")}
        self.refs = loaded
        self.host = QWidget()
        self.host.setWindowTitle("ZeroMile Case Desk")
        qtbot.addWidget(self.host)
        self.runner = OperationRunner(self.host)
        self.tab = VehiclesTab(locator(store), self.runner, ACTOR)
        QVBoxLayout(self.host).addWidget(self.tab)
        self.host.resize(1100, 820)
        self.host.show()
        qtbot.waitExposed(self.host)

    def show(self, reference: str) -> None:
        """Show the case; it is read in the reading process and shown when it arrives."""
        with self.qtbot.waitSignal(self.tab.shown, timeout=20000):
            assert self.tab.show_case(reference)

    def form(self) -> FieldForm:
        form = self.tab.current_form()
        assert form is not None
        return form

    def line(self, name: str) -> QLineEdit:
        editor = self.form().editor(name)
        assert isinstance(editor, LineFieldEditor)
        return editor.line

    def type(self, name: str, text: str) -> None:
        edit = self.line(name)
        edit.selectAll()
        self.qtbot.keyClick(edit, Qt.Key.Key_Delete)
        self.qtbot.keyClicks(edit, text)
        self.qtbot.keyClick(edit, Qt.Key.Key_Return)

    def save_and_wait(self) -> None:
        self.tab.save_button.click()
        # the save, then the case read again in the reading process
        self.qtbot.waitUntil(lambda: not self.runner.busy, timeout=20000)

    def vehicle(self, jurisdiction: str, vin: str) -> dict[str, object]:
        with reading(self.store) as session:
            case = cases.get_case(session, self.refs[jurisdiction])
            v = vehicles.find_vehicle(session, case, vin)
            return {"odometer_km": v.odometer_km, "version": v.version, "model_year": v.model_year}

    def vin_of_row(self, row: int) -> str:
        return str(self.tab.vehicles.row(row)["vin"])


@pytest.fixture
def desk(qtbot: QtBot, store: Store) -> Iterator[Desk]:
    d = Desk(qtbot, store)
    yield d
    assert d.runner.wait(10000)
    assert d.runner._pool.activeThreadCount() == 0  # no task left behind
    d.runner.shutdown()


def test_the_tab_shows_the_case_and_its_first_vehicle(desk: Desk, qtmodeltester: object) -> None:
    desk.show(desk.refs["KZ"])
    assert desk.tab.shipments.rowCount() == 1 and desk.tab.vehicles.rowCount() == 5
    assert desk.tab.heading.text() == f"Vehicle {desk.vin_of_row(0)}"
    assert desk.line("vin").text() == desk.vin_of_row(0)
    assert "Check digit: ok" in desk.tab.vehicle_form.vin_info.text()
    assert not desk.tab.has_unsaved_changes()
    qtmodeltester.check(desk.tab.shipments)  # type: ignore[attr-defined]
    qtmodeltester.check(desk.tab.vehicles)  # type: ignore[attr-defined]
    SHOTS.mkdir(parents=True, exist_ok=True)
    desk.host.grab().save(str(SHOTS / "vehicles_tab.png"))


def test_editing_the_odometer_saves_it_with_an_audit_trail(desk: Desk) -> None:
    desk.show(desk.refs["KZ"])
    desk.tab.vehicles_view.selectRow(1)
    vin = desk.vin_of_row(1)
    assert desk.tab.heading.text() == f"Vehicle {vin}"
    before = desk.vehicle("KZ", vin)
    desk.type("odometer_km", "15")
    assert desk.tab.has_unsaved_changes() and desk.tab.save_button.isEnabled()
    with desk.qtbot.waitSignal(desk.runner.changed, timeout=10000) as announced:
        desk.save_and_wait()
    assert announced.args == [Changes(reference=desk.refs["KZ"], records=True)]
    after = desk.vehicle("KZ", vin)
    assert after["odometer_km"] == Decimal(15)
    assert after["version"] == int(str(before["version"])) + 1
    assert not desk.tab.has_unsaved_changes()
    assert desk.tab.vehicles.row(1)["odometer_km"] == 15  # the table shows the new value
    with reading(desk.store) as session:
        trail = views.audit_rows(session, cases.get_case(session, desk.refs["KZ"]))
    edits = [e for e in trail if e["entity"] == "vehicle" and e["field"] == "odometer_km"]
    assert edits[-1]["old_value"] == render_value(before["odometer_km"])
    assert edits[-1]["new_value"] == "15"
    assert edits[-1]["actor"] == desk.store.login  # the login, whatever label the window shows


def test_an_invalid_date_blocks_saving_and_is_shown_at_the_field(desk: Desk) -> None:
    desk.show(desk.refs["KZ"])
    vin = desk.vin_of_row(0)
    before = desk.vehicle("KZ", vin)
    desk.type("production_date", "31.02.2026")
    desk.type("odometer_km", "-")
    errors = desk.form().errors()
    assert errors["production_date"] == "'31.02.2026' is not a real calendar date"
    assert errors["odometer_km"] == "'-' is not a number"
    desk.tab.save()
    assert not desk.runner.busy  # nothing was sent to the store
    assert "2 value(s) need fixing" in desk.tab.banner.text()
    assert desk.vehicle("KZ", vin) == before
    assert desk.line("production_date").text() == "31.02.2026"  # the typed text stays
    desk.tab.form_area.ensureWidgetVisible(desk.form().editor("odometer_km"))
    desk.qtbot.wait(50)
    desk.host.grab().save(str(SHOTS / "vehicles_tab_errors.png"))


def test_values_the_store_refuses_are_shown_at_their_fields(desk: Desk) -> None:
    desk.show(desk.refs["KZ"])
    vin = desk.vin_of_row(0)
    desk.type("model_year", "3024")  # a number, but no car has that model year yet
    desk.save_and_wait()
    assert "3024 is outside 1980" in desk.form().errors()["model_year"]
    assert desk.line("model_year").text() == "3024"
    assert desk.vehicle("KZ", vin)["model_year"] == 2026


def test_a_negative_odometer_is_refused_at_the_field_before_saving(desk: Desk) -> None:
    desk.show(desk.refs["KZ"])
    vin = desk.vin_of_row(0)
    desk.type("odometer_km", "-5")  # the field's parser refuses it: never sent to the store
    desk.tab.save()
    assert not desk.runner.busy
    assert desk.form().errors() == {"odometer_km": "'-5' is negative; this value is never negative"}
    assert desk.line("odometer_km").text() == "-5"
    assert desk.vehicle("KZ", vin)["odometer_km"] == Decimal(12)


def test_warnings_are_shown_but_do_not_block(desk: Desk) -> None:
    desk.show(desk.refs["KZ"])
    vin = desk.vin_of_row(0)
    desk.type("model_year", "2019")
    desk.save_and_wait()
    assert desk.vehicle("KZ", vin)["model_year"] == 2019
    assert desk.tab.warnings.isVisible()
    assert "Model year: model year 2019 does not fit production date" in desk.tab.warnings.text()


def test_a_conflicting_edit_is_reported_and_the_typed_content_kept(desk: Desk) -> None:
    desk.show(desk.refs["KZ"])
    vin = desk.vin_of_row(0)
    desk.type("odometer_km", "15")
    # another workstation changes the same vehicle meanwhile
    with unit_of_work(desk.store, actor="Other Inspector (T-002)") as session:
        case = cases.get_case(session, desk.refs["KZ"])
        vehicle = vehicles.find_vehicle(session, case, vin)
        vehicles.update_vehicle(session, case, vehicle, {"odometer_km": Decimal(20)})
    desk.save_and_wait()
    banner = desk.tab.banner.text()
    assert "someone else changed this record" in banner and "Odometer, km: 20" in banner
    assert desk.tab.banner.merge_button.isVisible()
    assert desk.line("odometer_km").text() == "15"  # nothing typed is lost
    assert desk.tab.has_unsaved_changes()
    assert desk.vehicle("KZ", vin)["odometer_km"] == Decimal(20)  # theirs stands
    desk.qtbot.wait(50)  # let the layout take the banner in
    desk.host.grab().save(str(SHOTS / "vehicles_tab_conflict.png"))

    # the inspector decides to keep their value on top of the current version
    desk.tab.banner.merge_button.click()  # the case is read again first
    desk.qtbot.waitUntil(lambda: "on top of the current" in desk.tab.banner.text(), timeout=20000)
    assert desk.line("odometer_km").text() == "15"
    desk.save_and_wait()
    assert desk.vehicle("KZ", vin)["odometer_km"] == Decimal(15)
    assert not desk.tab.banner.isVisible()


def test_a_store_error_keeps_the_form_and_offers_a_retry(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk.show(desk.refs["JO"])
    vin = desk.vin_of_row(0)
    lost = "lost the store postgresql://desk@db/zeromile: server closed the connection"

    def no_connection(*args: object, **kwargs: object) -> None:
        raise StoreError(lost)

    monkeypatch.setattr(vehicles, "update_vehicle", no_connection)
    desk.type("odometer_km", "44")
    desk.save_and_wait()
    assert lost in desk.tab.banner.text()
    assert desk.tab.banner.retry_button.isVisible()
    assert desk.line("odometer_km").text() == "44" and desk.tab.has_unsaved_changes()

    monkeypatch.undo()  # the connection is back
    desk.tab.banner.retry_button.click()
    assert desk.runner.wait(10000)
    desk.qtbot.waitUntil(lambda: not desk.tab.has_unsaved_changes(), timeout=20000)
    assert desk.vehicle("JO", vin)["odometer_km"] == Decimal(44)


def test_adding_a_shipment_and_a_vehicle(desk: Desk) -> None:
    desk.show(desk.refs["KZ"])
    desk.tab.new_shipment_button.click()
    assert desk.tab.heading.text() == "New shipment"
    desk.type("declaration_no", "KZ-55201/010326/0099999")
    desk.type("departure_date", "28.02.2026")
    desk.type("arrival_date", "2026-03-02")
    desk.save_and_wait()
    assert desk.tab.shipments.rowCount() == 2
    with reading(desk.store) as session:
        case = cases.get_case(session, desk.refs["KZ"])
        added = shipments.find_shipment(session, case, "KZ-55201/010326/0099999")
        assert str(added.arrival_date) == "2026-03-02"
        shipment_id = added.id
    assert desk.tab.heading.text() == "Shipment KZ-55201/010326/0099999"

    desk.tab.new_vehicle_button.click()
    assert desk.tab.shipment_choice.isVisible() and desk.tab.shipment_choice.count() == 2
    desk.tab.shipment_choice.setCurrentIndex(desk.tab.shipment_choice.findData(shipment_id))
    body = "LGXCE4CB0TA000123"
    vin = body[:8] + expected_check_digit(body) + body[9:]
    desk.type("vin", vin)
    desk.type("make", "BYD")
    desk.type("odometer_km", "5")
    desk.save_and_wait()
    assert desk.tab.vehicles.rowCount() == 6
    with reading(desk.store) as session:
        case = cases.get_case(session, desk.refs["KZ"])
        vehicle = vehicles.find_vehicle(session, case, vin)
        assert (vehicle.make, vehicle.odometer_km, vehicle.shipment_id) == (
            "BYD",
            Decimal(5),
            shipment_id,
        )
    assert desk.tab.heading.text() == f"Vehicle {vin}"
    assert not desk.tab.has_unsaved_changes()


def test_a_new_vehicle_needs_a_vin(desk: Desk) -> None:
    desk.show(desk.refs["KZ"])
    desk.tab.new_vehicle()
    desk.type("make", "BYD")
    desk.tab.save()
    assert desk.form().errors() == {"vin": "is required"}
    assert desk.tab.vehicles.rowCount() == 5


def test_leaving_a_record_with_unsaved_edits_asks_first(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk.show(desk.refs["KZ"])
    first, second = desk.vin_of_row(0), desk.vin_of_row(1)
    answers: list[QMessageBox.StandardButton] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))

    desk.type("odometer_km", "15")
    answers.append(QMessageBox.StandardButton.Cancel)
    desk.tab.vehicles_view.selectRow(1)
    assert desk.line("vin").text() == first and desk.line("odometer_km").text() == "15"
    desk.qtbot.waitUntil(
        lambda: [i.row() for i in desk.tab.vehicles_view.selectionModel().selectedRows()] == [0]
    )

    answers.append(QMessageBox.StandardButton.Save)
    desk.tab.vehicles_view.selectRow(1)
    assert desk.runner.wait(10000)
    desk.qtbot.waitUntil(lambda: desk.line("vin").text() == second, timeout=20000)
    assert desk.vehicle("KZ", first)["odometer_km"] == Decimal(15)

    desk.type("odometer_km", "99")
    answers.append(QMessageBox.StandardButton.Discard)
    desk.tab.vehicles_view.selectRow(0)  # asked on the next turn, outside the view's signal
    desk.qtbot.waitUntil(lambda: desk.line("vin").text() == first, timeout=5000)
    assert not desk.tab.has_unsaved_changes()
    assert desk.vehicle("KZ", second)["odometer_km"] == Decimal(9)

    # switching cases asks too; staying keeps the case and the edits
    desk.type("odometer_km", "77")
    answers.append(QMessageBox.StandardButton.Cancel)
    assert desk.tab.show_case(desk.refs["RU"]) is False
    assert desk.tab.reference == desk.refs["KZ"] and desk.line("odometer_km").text() == "77"
    assert desk.tab.has_unsaved_changes()
    assert answers == []


def test_showing_the_same_case_again_keeps_the_edits(desk: Desk) -> None:
    desk.show(desk.refs["KZ"])
    desk.type("odometer_km", "15")
    desk.show(desk.refs["KZ"])  # another tab changed the store, say
    assert desk.line("odometer_km").text() == "15" and desk.tab.has_unsaved_changes()


def test_ask_to_leave_can_save_first(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    desk.show(desk.refs["RU"])
    vin = desk.vin_of_row(0)
    left: list[int] = []
    assert desk.tab.ask_to_leave(lambda: left.append(0))  # nothing unsaved: no question
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    desk.type("odometer_km", "21")
    # e.g. the window is closing: stay for now, go on once the save has landed clean
    assert not desk.tab.ask_to_leave(lambda: left.append(1))
    desk.qtbot.waitUntil(lambda: left == [1], timeout=20000)
    assert desk.vehicle("RU", vin)["odometer_km"] == Decimal(21)
    assert not desk.tab.has_unsaved_changes()
    desk.type("model_year", "3024")  # refused by the store: stay
    assert not desk.tab.ask_to_leave(lambda: left.append(2))
    desk.qtbot.waitUntil(lambda: not desk.runner.busy, timeout=20000)
    assert "3024 is outside" in desk.form().errors()["model_year"]
    assert left == [1] and desk.tab.has_unsaved_changes()


def test_a_malformed_vin_is_saved_as_declared_and_marked(
    desk: Desk, qtbot: QtBot, shoot: Any
) -> None:
    from PySide6.QtCore import Qt as QtCore

    from core.domain.declared_text import Issue, decode

    desk.show(desk.refs["KZ"])
    desk.tab.new_vehicle_button.click()
    short = "LGXCE4CB8TA00012"  # 16 characters: not a VIN, but what was declared
    desk.type("vin", short)
    form = desk.tab.vehicle_form
    qtbot.waitUntil(lambda: "recorded as declared" in form.vin_info.check.text(), timeout=3000)
    assert "16 characters" in form.vin_info.check.text()
    desk.type("make", "BYD")
    desk.type("odometer_km", "1,234")  # ambiguous: read as 1.234, the text is kept
    desk.save_and_wait()
    assert desk.tab.heading.text() == f"Vehicle {short}"  # saved, not refused
    assert "recorded as declared" in desk.tab.warnings.text()

    with reading(desk.store) as session:
        case = cases.get_case(session, desk.refs["KZ"])
        stored = vehicles.find_vehicle(session, case, short)
        assert (stored.vin, stored.vin_declared, stored.make) == (short, short, "BYD")
        assert stored.odometer_km == Decimal("1.234")
        kept = decode(stored.declared_text)
        assert kept["odometer_km"].text == "1,234"
        assert kept["odometer_km"].issue == Issue.AMBIGUOUS

    model = desk.tab.vehicles
    row = next(i for i in range(model.rowCount()) if model.row(i)["vin"] == short)
    vin_cell = model.index(row, 0)
    assert vin_cell.data() == short  # the text itself is the VIN as stored
    assert vin_cell.data(QtCore.ItemDataRole.DecorationRole) is not None  # a warning sign
    assert "16 characters" in vin_cell.data(QtCore.ItemDataRole.ToolTipRole)
    assert "recorded as declared" in vin_cell.data(QtCore.ItemDataRole.ToolTipRole)
    assert vin_cell.data(QtCore.ItemDataRole.ForegroundRole) is not None
    other = next(i for i in range(model.rowCount()) if model.row(i)["vin"] != short)
    assert model.index(other, 0).data(QtCore.ItemDataRole.DecorationRole) is None
    # a new vehicle has no findings yet: marked out of date in its Findings column
    findings_column = model.columnCount() - 1
    assert model.index(row, findings_column).data() == "out of date"
    assert "never classified" in model.index(row, findings_column).data(
        QtCore.ItemDataRole.ToolTipRole
    )

    # what was declared, read-only beside the form
    panel = desk.tab.declared.text()
    assert desk.tab.declared.isVisible()
    assert "As written in the declaration" in panel
    assert "Odometer, km: “1,234” — ambiguous number (read as 1.234)" in panel
    assert f"VIN as declared: “{short}”" in panel
    desk.host.resize(1440, 860)  # room for every column of the vehicles table
    desk.tab.vehicles_view.resizeColumnsToContents()
    desk.qtbot.wait(50)
    shoot(desk.host, "01-malformed-vin.png")

    # another vehicle with nothing kept: no panel
    desk.tab.vehicles_view.selectRow(other)
    assert not desk.tab.declared.isVisible()


def test_a_save_whose_case_cannot_be_read_again_keeps_the_saved_version(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save landed but the store went away before the case was read again: the form
    is clean at the saved version, so the next save is not taken for a conflict."""
    from core.errors import StoreUnavailable
    from core.services import records
    from gui.operations import Op, Where

    desk.show(desk.refs["KZ"])
    vin = desk.vin_of_row(0)
    real_submit = desk.runner.submit

    def lost(**_: object) -> None:
        raise StoreUnavailable("lost the connection to the store")

    def submit(op: Op[Any]) -> None:
        if op.fn is records.case_records and op.key_ == ("vehicles-reload", id(desk.tab)):
            op.fn, op.where_ = lost, Where.THREAD  # the re-read after the save fails
        real_submit(op)

    monkeypatch.setattr(desk.runner, "submit", submit)
    desk.type("odometer_km", "4321")
    desk.save_and_wait()
    assert "lost the connection" in desk.tab.banner.text()
    assert not desk.tab.has_unsaved_changes()
    assert desk.vehicle("KZ", vin)["odometer_km"] == 4321
    monkeypatch.undo()
    desk.type("odometer_km", "4322")
    desk.save_and_wait()
    assert desk.vehicle("KZ", vin)["odometer_km"] == 4322  # no conflict with itself
