"""The editing forms: fields from the core's specs, errors at the field, the VIN decoded
as it is typed, and the new-case dialog."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

import resources
from core.domain.fields import VEHICLE_FIELDS
from core.errors import ValidationError
from core.persistence.store import Store
from core.persistence.unit_of_work import reading
from core.services import cases
from core.services.rule_packs import known_jurisdictions
from core.services.stores import locator
from gui.forms.case import CaseForm
from gui.forms.fields import ChoiceFieldEditor, DateFieldEditor, FieldForm, LineFieldEditor
from gui.new_case_dialog import NewCaseDialog
from gui.operations import Op, OperationRunner
from gui.vehicles.forms import ShipmentForm, VehicleForm

SHOTS = Path("/tmp/shots")


def demo_vin() -> str:
    data = json.loads(resources.read_text("samples", "demo_cases.json"))
    return str(data["cases"][0]["shipments"][0]["vehicles"][0]["vin"])


def corrupted(vin: str) -> str:
    """The same VIN with a wrong check digit (position 9)."""
    wrong = "0" if vin[8] != "0" else "1"
    return vin[:8] + wrong + vin[9:]


def line(form: FieldForm, name: str) -> QLineEdit:
    editor = form.editor(name)
    assert isinstance(editor, LineFieldEditor)
    return editor.line


def type_text(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Type ``text`` (non-ASCII text arrives as an input method would insert it)."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def type_into(qtbot: QtBot, form: FieldForm, name: str, text: str) -> None:
    """Type as a user does: clear, type, press Enter (the field is done)."""
    edit = line(form, name)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    type_text(qtbot, edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


@pytest.fixture
def vehicle_form(qtbot: QtBot) -> Iterator[VehicleForm]:
    form = VehicleForm()
    qtbot.addWidget(form)
    form.show()
    yield form


def test_every_spec_gets_the_editor_its_parser_calls_for(vehicle_form: VehicleForm) -> None:
    assert set(vehicle_form.editors) == {s.name for s in VEHICLE_FIELDS}
    assert isinstance(vehicle_form.editor("production_date"), DateFieldEditor)
    assert isinstance(vehicle_form.editor("odometer_km"), LineFieldEditor)
    fuel = vehicle_form.editor("fuel_type")
    assert isinstance(fuel, ChoiceFieldEditor)
    items = [fuel.combo.itemData(i) for i in range(fuel.combo.count())]
    assert items == ["", "petrol", "diesel", "hybrid", "phev", "ev"]  # empty = unknown first
    letter = vehicle_form.editor("manufacturer_letter")
    assert isinstance(letter, ChoiceFieldEditor)
    assert [letter.combo.itemText(i) for i in range(letter.combo.count())] == [
        "unknown",
        "yes",
        "no",
    ]
    assert vehicle_form.labels["first_registration_date"].text() == "First registration (China)"


def test_typing_a_vin_shows_maker_years_country_and_check_digit(
    qtbot: QtBot, vehicle_form: VehicleForm
) -> None:
    vin = demo_vin()
    qtbot.keyClicks(line(vehicle_form, "vin"), vin)
    qtbot.waitUntil(lambda: "Check digit" in vehicle_form.vin_info.text(), timeout=3000)
    shown = vehicle_form.vin_info.text()
    assert "Chery" in shown and "China" in shown and "2026" in shown
    assert vehicle_form.vin_info.check.text() == "Check digit: ok"

    type_into(qtbot, vehicle_form, "vin", corrupted(vin))
    qtbot.waitUntil(
        lambda: vehicle_form.vin_info.check.text() == f"Check digit: wrong, expected {vin[8]}",
        timeout=3000,
    )
    assert "Chery" in vehicle_form.vin_info.text()  # the maker still shows

    type_into(qtbot, vehicle_form, "vin", vin[:16])
    qtbot.waitUntil(lambda: "16 characters" in vehicle_form.vin_info.check.text(), timeout=3000)
    type_into(qtbot, vehicle_form, "vin", "")
    qtbot.waitUntil(lambda: not vehicle_form.vin_info.isVisible(), timeout=3000)


def test_a_bad_date_or_odometer_is_shown_at_its_field(
    qtbot: QtBot, vehicle_form: VehicleForm
) -> None:
    vehicle_form.set_values({"vin": demo_vin(), "odometer_km": 12})
    type_into(qtbot, vehicle_form, "production_date", "31.02.2026")
    type_into(qtbot, vehicle_form, "odometer_km", "twelve")
    errors = vehicle_form.errors()
    assert errors["production_date"] == "'31.02.2026' is not a real calendar date"
    assert errors["odometer_km"] == "'twelve' is not a number"
    assert vehicle_form.editor("production_date").error_label.isVisible()
    assert set(errors) == {"production_date", "odometer_km"}  # nothing else is marked
    with pytest.raises(ValidationError) as refused:
        vehicle_form.changed_values()
    assert {f for f, _ in refused.value.problems} == {"production_date", "odometer_km"}

    # fixing the value clears the message as the user types
    type_into(qtbot, vehicle_form, "production_date", "28.02.2026")
    type_into(qtbot, vehicle_form, "odometer_km", "12 mi")
    assert vehicle_form.errors() == {}
    assert vehicle_form.changed_values() == {
        "production_date": dt.date(2026, 2, 28),
        "odometer_km": Decimal("19.3"),
    }


def test_the_error_appears_when_the_user_is_done_with_the_field(
    qtbot: QtBot, vehicle_form: VehicleForm
) -> None:
    edit = line(vehicle_form, "production_date")
    qtbot.keyClicks(edit, "2026-0")
    assert vehicle_form.errors() == {}  # no scolding mid-word
    assert not vehicle_form.is_valid()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert "is not a date" in vehicle_form.errors()["production_date"]


def test_dates_are_picked_from_a_calendar(qtbot: QtBot, vehicle_form: VehicleForm) -> None:
    vehicle_form.set_values({"vin": demo_vin()})
    editor = vehicle_form.editor("first_registration_date")
    assert isinstance(editor, DateFieldEditor)
    editor.line.setText("03.02.2026")
    editor.button.menu().aboutToShow.emit()  # opening selects the typed date
    assert editor.calendar.selectedDate() == QDate(2026, 2, 3)
    editor.calendar.clicked.emit(QDate(2026, 3, 1))
    assert editor.line.text() == "2026-03-01"
    assert vehicle_form.changed_values()["first_registration_date"] == dt.date(2026, 3, 1)


def test_only_changed_fields_are_reported_and_retyping_the_same_date_is_no_change(
    qtbot: QtBot, vehicle_form: VehicleForm
) -> None:
    vehicle_form.set_values(
        {"vin": demo_vin(), "production_date": "2026-01-08", "odometer_km": 12.5,
         "manufacturer_letter": False, "fuel_type": "petrol"}
    )  # fmt: skip
    assert not vehicle_form.is_dirty()
    type_into(qtbot, vehicle_form, "production_date", "08.01.2026")
    type_into(qtbot, vehicle_form, "odometer_km", "12,50")
    assert not vehicle_form.is_dirty() and vehicle_form.changed_values() == {}
    letter = vehicle_form.editor("manufacturer_letter")
    assert isinstance(letter, ChoiceFieldEditor)
    letter.choose("yes")
    fuel = vehicle_form.editor("fuel_type")
    assert isinstance(fuel, ChoiceFieldEditor)
    fuel.choose("")
    assert vehicle_form.is_dirty()
    assert vehicle_form.changed_values() == {"manufacturer_letter": True, "fuel_type": None}


def test_server_problems_go_to_their_fields_and_unknown_ones_come_back(
    vehicle_form: VehicleForm,
) -> None:
    rest = vehicle_form.show_problems(
        [("odometer_km", "-3 is negative"), ("shipment", "say which")]
    )
    assert rest == [("shipment", "say which")]
    assert vehicle_form.errors() == {"odometer_km": "-3 is negative"}
    vehicle_form.clear_problems()
    assert vehicle_form.errors() == {}


def test_loading_a_newer_version_keeps_the_users_edits(
    qtbot: QtBot, vehicle_form: VehicleForm
) -> None:
    vehicle_form.set_values({"vin": demo_vin(), "make": "Chery", "odometer_km": 12})
    type_into(qtbot, vehicle_form, "odometer_km", "15")
    vehicle_form.set_values(
        {"vin": demo_vin(), "make": "Chery Auto", "odometer_km": 20}, keep_edits=True
    )
    assert line(vehicle_form, "odometer_km").text() == "15"  # mine
    assert line(vehicle_form, "make").text() == "Chery Auto"  # theirs
    assert vehicle_form.changed_values() == {"odometer_km": Decimal(15)}


def test_shipment_form_has_every_shipment_field(qtbot: QtBot) -> None:
    form = ShipmentForm()
    qtbot.addWidget(form)
    form.set_values({"declaration_no": "KZ-1", "arrival_date": "2026-02-14"})
    assert form.values()["arrival_date"] == dt.date(2026, 2, 14)
    assert isinstance(form.editor("departure_date"), DateFieldEditor)


def test_case_form_offers_the_jurisdictions_of_the_rule_packs(qtbot: QtBot, store: Store) -> None:
    codes = known_jurisdictions(locator(store)).codes
    assert {"KZ", "RU", "JO", "UZ"} <= set(codes) and "*" not in codes
    form = CaseForm(codes)
    qtbot.addWidget(form)
    form.set_values({"title": "Партия 9", "jurisdiction": "JO", "priority": "high"})
    combo = form.editor("jurisdiction").findChild(QComboBox)
    assert combo.currentText() == "JO — Jordan"
    assert form.values()["jurisdiction"] == "JO"
    combo.setEditText("ge")  # a code no pack names is still a valid jurisdiction
    assert form.changed_values() == {"jurisdiction": "GE"}
    combo.setEditText("XX")
    with pytest.raises(ValidationError):
        form.values()
    assert "ISO 3166" in form.errors()["jurisdiction"]


def test_new_case_dialog_opens_a_case(qtbot: QtBot, store: Store) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    runner = OperationRunner(host)
    dialog = NewCaseDialog("KZ", host, jurisdictions=known_jurisdictions(locator(store)).codes)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.ok_button.isEnabled()  # no title yet
    title = line(dialog.form, "title")
    type_text(qtbot, title, "Партия 12: BYD Song Plus, Хоргос")
    assert dialog.ok_button.isEnabled()
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "new_case_dialog.png"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    values = dialog.values()
    assert values == {
        "title": "Партия 12: BYD Song Plus, Хоргос",
        "jurisdiction": "KZ",
        "priority": "normal",
    }

    created: list[str] = []
    Op(cases.create, db=locator(store), actor="Test Inspector (T-001)", **values).success(
        created.append
    ).run(runner)
    assert runner.wait(10000)
    qtbot.waitUntil(lambda: bool(created), timeout=5000)
    assert runner._pool.activeThreadCount() == 0
    with reading(store) as session:
        case = cases.get_case(session, created[0])
        assert (case.title, case.jurisdiction, case.priority) == (
            "Партия 12: BYD Song Plus, Хоргос",
            "KZ",
            "normal",
        )


def test_new_case_dialog_keeps_ok_disabled_for_a_bad_jurisdiction(qtbot: QtBot) -> None:
    dialog = NewCaseDialog("KZ")  # the shipped packs' jurisdictions
    qtbot.addWidget(dialog)
    type_text(qtbot, line(dialog.form, "title"), "Партия 13")
    assert dialog.ok_button.isEnabled()
    combo = dialog.form.editor("jurisdiction").findChild(QComboBox)
    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), "Q")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert dialog.isVisible() or dialog.result() != dialog.DialogCode.Accepted
    assert "jurisdiction" in dialog.form.errors()
