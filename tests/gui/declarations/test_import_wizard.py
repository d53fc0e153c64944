"""The import wizard: a Russian-header CSV lands in a demo case and is classified; bad
cells are listed before anything is written, and imported as unknown (their text kept) or
fixed in the list; a strict import of a broken file writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from openpyxl import load_workbook
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import func
from sqlmodel import select

from core.domain import AuditEvent
from core.domain.vin import expected_check_digit
from core.persistence.store import Store
from core.persistence.unit_of_work import reading
from core.services import cases, vehicles, views
from core.services.findings import active_findings
from core.services.stores import locator
from gui.declarations.import_wizard import COLUMN, OUTCOME, REASON, ROW, VALUE, ImportWizard
from gui.operations import Op, OperationRunner, Where
from gui.widgets import OnCase

ACTOR = "Test Inspector (T-001)"
SHOTS = Path("/tmp/shots")
RU_HEADER = (
    "Номер декларации;Идентификационный номер;Марка;Модель;Год выпуска;Пробег, км;"
    "Дата первой регистрации;Таможенная стоимость;Валюта;Страна назначения;Цвет"
)


def vin(serial: int) -> str:
    draft = f"LVVDB21B0TD{serial:06d}"
    return draft[:8] + expected_check_digit(draft) + draft[9:]


def ru_rows(count: int) -> list[str]:
    return [
        f"10005020/150226/00{n};{vin(n)};Chery;Tiggo 7 Pro;2026;12;03.02.2026;7 450;USD;KZ;белый"
        for n in range(600, 600 + count)
    ]


def write_csv(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8-sig")
    return path


def make_wizard(
    qtbot: QtBot, store: Store, runner: OperationRunner, reference: str
) -> ImportWizard:
    wizard = ImportWizard(OnCase(locator(store), runner, ACTOR, reference))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def shoot(wizard: ImportWizard, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    wizard.grab().save(str(SHOTS / name))


def advance(qtbot: QtBot, wizard: ImportWizard, runner: OperationRunner, page: object) -> None:
    """Press Next (or Import) and wait for the page, and for its work to finish."""
    wizard.next()
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: wizard.currentPage() is page, timeout=10000)
    qtbot.waitUntil(lambda: not wizard.busy(), timeout=10000)


def store_counts(store: Store, reference: str) -> tuple[int, int]:
    with reading(store) as session:
        case = cases.get_case(session, reference)
        events = session.exec(select(func.count()).select_from(AuditEvent)).one()
        return len(vehicles.list_vehicles(session, case)), int(events)


def test_a_russian_csv_is_imported_and_classified(
    qtbot: QtBot, store: Store, runner: OperationRunner, reference: str, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "партия-8.csv", RU_HEADER, ru_rows(4))
    before, _ = store_counts(store, reference)
    wizard = make_wizard(qtbot, store, runner, reference)
    page = wizard.file_page
    assert not page.isComplete()
    page.file.setText(str(path))
    assert page.isComplete()
    shoot(wizard, "import_wizard_1_file.png")

    advance(qtbot, wizard, runner, wizard.mapping_page)
    mapping = wizard.mapping_page
    chosen = [combo.currentData() for combo in mapping.combos]
    assert chosen[:4] == ["declaration_no", "vin", "make", "model"]
    assert chosen[-1] == ""  # Цвет: not imported, greyed
    assert mapping.table.horizontalHeaderItem(10).font().strikeOut()
    assert mapping.table.rowCount() == 5 and mapping.table.item(1, 1).text() == vin(600)
    assert mapping.isComplete() and not mapping.problems.isVisible()
    shoot(wizard, "import_wizard_2_mapping.png")

    advance(qtbot, wizard, runner, wizard.validation_page)
    check = wizard.validation_page
    assert check.isComplete() and check.bad.rowCount() == 0
    assert "Rows checked: 4" in check.status.text()
    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "&Import"
    shoot(wizard, "import_wizard_3_check.png")

    with qtbot.waitSignal(wizard.imported, timeout=60000) as signal:
        wizard.next()
    assert signal.args == [reference]
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: wizard.import_page.isComplete(), timeout=10000)
    text = wizard.import_page.status.text()
    assert "Vehicles added: 4." in text and "New shipments: 1." in text
    assert "The rules were run" in text
    shoot(wizard, "import_wizard_4_done.png")

    with reading(store) as session:
        case = cases.get_case(session, reference)
        stored = vehicles.list_vehicles(session, case)
        assert len(stored) == before + 4
        new = [v for v in stored if v.vin == vin(601)]
        assert new and new[0].make == "Chery" and new[0].odometer_km == 12
        found = active_findings(session, case)
        imported = [v for v in stored if v.vin in {vin(n) for n in range(600, 604)}]
        assert len(imported) == 4
        for vehicle in imported:  # computed right away, with what is still missing
            assert found[vehicle.id or 0]
        fired = {f.rule_id for f in found[new[0].id or 0] if f.status == "fired"}
        assert "VALUE-FLOOR" in fired  # 7 450 USD for a new Tiggo 7 Pro


def test_a_broken_file_shows_every_bad_cell_and_strict_writes_nothing(
    qtbot: QtBot, store: Store, runner: OperationRunner, reference: str, tmp_path: Path
) -> None:
    rows = ru_rows(3)
    rows[1] = rows[1].replace("03.02.2026", "31.02.2026")
    rows[2] = rows[2].replace(";12;", ";много;")
    path = write_csv(tmp_path / "broken.csv", RU_HEADER, rows)
    before = store_counts(store, reference)
    wizard = make_wizard(qtbot, store, runner, reference)
    wizard.file_page.file.setText(str(path))
    advance(qtbot, wizard, runner, wizard.mapping_page)
    advance(qtbot, wizard, runner, wizard.validation_page)
    check = wizard.validation_page
    assert check.original is not None
    bad = [(e.row, e.column, e.value) for e in check.original]
    assert bad == [(3, "first_registration_date", "31.02.2026"), (4, "odometer_km", "много")]
    shown = [
        [check.bad.item(i, c).text() for c in (ROW, COLUMN, VALUE)]
        for i in range(check.bad.rowCount())
    ]
    assert shown == [["3", "First registration (China)", "31.02.2026"],
                     ["4", "Odometer, km", "много"]]  # fmt: skip
    assert all(check.bad.item(i, REASON).text() for i in range(2))
    assert check.isComplete()  # by default the bad cells are imported as unknown
    assert "Bad cells: 2" in check.status.text()
    assert "imported as unknown" in check.status.text()
    check.strict.setChecked(True)  # strict: the file is refused while a cell is bad
    assert not check.isComplete()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert "Strict" in check.status.text()
    assert check.bad.item(0, OUTCOME).text() == "the file is refused (strict)"
    shoot(wizard, "import_wizard_3_errors.png")
    assert check.report_button.isVisible()
    report = tmp_path / "broken-check.xlsx"
    check.save_report(report)
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: "Report saved" in check.status.text(), timeout=10000)
    listed = list(load_workbook(report)["Bad cells"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1]) for r in listed] == [(3, "first_registration_date"), (4, "odometer_km")]
    assert store_counts(store, reference) == before


def stored_vehicle(store: Store, reference: str, serial: int) -> dict[str, Any]:
    """What core says of the imported vehicle ``vin(serial)`` (the case detail's row)."""
    with reading(store) as session:
        detail = views.case_detail(session, cases.get_case(session, reference))
    return next(v for v in detail["vehicles"] if v["vin"] == vin(serial))


def test_a_bad_cell_is_fixed_in_the_list_and_another_imported_as_unknown(
    qtbot: QtBot,
    store: Store,
    runner: OperationRunner,
    reference: str,
    tmp_path: Path,
    shoot: Any,
) -> None:
    rows = ru_rows(4)
    rows[1] = rows[1].replace("03.02.2026", "31.02.2026")  # row 3: no such date
    rows[2] = rows[2].replace(";12;", ";много;")  # row 4: not a number
    rows[3] = rows[3].replace(vin(603), "")  # row 5: no VIN, not imported
    path = write_csv(tmp_path / "партия-9.csv", RU_HEADER, rows)
    wizard = make_wizard(qtbot, store, runner, reference)
    wizard.resize(1000, 600)
    wizard.file_page.file.setText(str(path))
    advance(qtbot, wizard, runner, wizard.mapping_page)
    advance(qtbot, wizard, runner, wizard.validation_page)
    check = wizard.validation_page
    listed = [
        (int(check.bad.item(i, ROW).text()), check.bad.item(i, COLUMN).text())
        for i in range(check.bad.rowCount())
    ]
    assert listed == [(3, "First registration (China)"), (4, "Odometer, km"), (5, "VIN")]
    outcomes = [check.bad.item(i, OUTCOME).text() for i in range(3)]
    assert outcomes == [
        "imported as unknown; text kept",
        "imported as unknown; text kept",
        "the row is not imported (no VIN)",
    ]
    status = check.status.text()
    assert "Bad cells: 3" in status and "imported as unknown" in status
    assert "rows without a VIN are not imported" in status
    assert check.isComplete()

    # the inspector fixes the date in the list: the file is checked again with it
    check.set_correction(3, "first_registration_date", "28.02.2026")
    assert not check.isComplete()  # until the new check is in
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: check.isComplete(), timeout=10000)
    assert check.corrections() == [(3, "first_registration_date", "28.02.2026")]
    assert check.bad.item(0, OUTCOME).text() == "imported as “28.02.2026”"
    assert check.bad.item(1, OUTCOME).text() == "imported as unknown; text kept"
    assert "Bad cells: 2" in check.status.text() and "Cells corrected: 1" in check.status.text()
    # a correction that does not read either stays a bad cell, with the new reason
    check.set_correction(4, "odometer_km", "двенадцать")
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: check.isComplete(), timeout=10000)
    assert "двенадцать" in check.bad.item(1, REASON).text()
    check.set_correction(4, "odometer_km", "")  # back to: imported as unknown
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: check.isComplete(), timeout=10000)
    assert check.corrections() == [(3, "first_registration_date", "28.02.2026")]
    assert check.bad.item(1, OUTCOME).text() == "imported as unknown; text kept"
    shoot(wizard, "02-bad-cell-import.png")

    with qtbot.waitSignal(wizard.imported, timeout=60000):
        wizard.next()
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: wizard.import_page.isComplete(), timeout=10000)
    done = wizard.import_page.status.text()
    assert "Vehicles added: 3." in done
    assert "Bad cells imported as unknown, their text kept with the vehicle: 1." in done
    assert "Rows without a VIN, not imported: 1." in done
    assert "Cells corrected before the import: 1." in done
    assert wizard.import_page.errors.rowCount() == 2  # the odometer and the missing VIN
    shoot(wizard, "02b-bad-cell-imported.png")

    fixed = stored_vehicle(store, reference, 601)
    assert fixed["first_registration_date"] == "2026-02-28"
    assert fixed["declared_text"] == [
        {"column": "first_registration_date", "text": "31.02.2026", "issue": "corrected",
         "reason": "corrected to '28.02.2026' before the import"},
    ]  # fmt: skip
    unknown = stored_vehicle(store, reference, 602)
    assert unknown["odometer_km"] is None  # the fact is unknown
    assert [(c["column"], c["text"], c["issue"]) for c in unknown["declared_text"]] == [
        ("odometer_km", "много", "unreadable")
    ]
    assert unknown["source"] is not None and unknown["source"]["row"] == 4
    clean = stored_vehicle(store, reference, 600)
    assert clean["odometer_km"] == 12 and clean["declared_text"] == []
    with reading(store) as session:
        case = cases.get_case(session, reference)
        assert all(v.vin != vin(603) for v in vehicles.list_vehicles(session, case))


def test_an_unrecognised_vin_column_is_mapped_by_hand(
    qtbot: QtBot, store: Store, runner: OperationRunner, reference: str, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "manifest.csv",
        "Партия,Номер кузова,Марка",
        [f"W-1,{vin(800)},Chery", f"W-2,{vin(801)},Geely"],
    )
    wizard = make_wizard(qtbot, store, runner, reference)
    wizard.file_page.file.setText(str(path))
    advance(qtbot, wizard, runner, wizard.mapping_page)
    mapping = wizard.mapping_page
    assert not mapping.isComplete() and "VIN" in mapping.problems.text()
    shoot(wizard, "import_wizard_2_unmapped.png")
    combos = mapping.combos
    combos[1].setCurrentIndex(combos[1].findData("vin"))
    combos[0].setCurrentIndex(combos[0].findData("shipment_ref"))
    assert mapping.isComplete()
    combos[2].setCurrentIndex(combos[2].findData("vin"))  # twice: refused at the page
    assert not mapping.isComplete() and "more than one column" in mapping.problems.text()
    combos[2].setCurrentIndex(combos[2].findData("make"))
    advance(qtbot, wizard, runner, wizard.validation_page)
    assert wizard.validation_page.isComplete()
    wizard.next()
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: wizard.import_page.isComplete(), timeout=10000)
    assert "New shipments: 2." in wizard.import_page.status.text()
    with reading(store) as session:
        case = cases.get_case(session, reference)
        assert vehicles.find_vehicle(session, case, vin(801)).make == "Geely"


def test_cancelling_the_import_writes_nothing(
    qtbot: QtBot, store: Store, runner: OperationRunner, reference: str, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "lot.csv", RU_HEADER, ru_rows(3000))  # long enough to cancel
    before = store_counts(store, reference)
    wizard = make_wizard(qtbot, store, runner, reference)
    wizard.file_page.file.setText(str(path))
    advance(qtbot, wizard, runner, wizard.mapping_page)
    advance(qtbot, wizard, runner, wizard.validation_page)
    original = runner.submit
    done: list[int] = []

    def submit_then_cancel(op: Op[Any]) -> None:
        """Run the import on the runner's thread; Cancel pressed once some were added."""
        job = op.fn

        def recorded(*, progress: Any, cancelled: Any, **kwargs: Any) -> Any:
            def step(count: int, total: int) -> None:
                done.append(count)
                progress(count, total)

            return job(**kwargs, progress=step, cancelled=lambda: bool(done) and done[-1] >= 30)

        op.fn = recorded
        op.where(Where.THREAD)
        original(op)

    runner.submit = submit_then_cancel  # type: ignore[method-assign]
    wizard.next()
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: not wizard.busy(), timeout=10000)
    assert "cancelled; nothing was written" in wizard.import_page.status.text()
    assert not wizard.import_page.isComplete() and done[-1] >= 30
    assert store_counts(store, reference) == before


def test_the_wizard_and_the_command_read_the_columns_alike(
    qtbot: QtBot, store: Store, runner: OperationRunner, reference: str, tmp_path: Path
) -> None:
    """A header written twice: the wizard used to send {"Make": None} for the second one,
    so the command's reader imported no make at all while the wizard showed the first."""
    from core.cli.import_commands import load_mapping
    from core.declarations.reader import read_declarations

    path = write_csv(
        tmp_path / "twice.csv",
        "VIN,Make,Make,Notes",
        [f"{vin(900)},Chery,Chery,Tiggo", f"{vin(901)},Geely,Geely,Atlas"],
    )
    wizard = make_wizard(qtbot, store, runner, reference)
    wizard.file_page.file.setText(str(path))
    advance(qtbot, wizard, runner, wizard.mapping_page)
    page = wizard.mapping_page
    assert page.choices() == ["vin", "make", None, None] and page.isComplete()
    page.combos[3].setCurrentIndex(page.combos[3].findData("model"))  # by hand
    shown = page.choices()
    assert shown == ["vin", "make", None, "model"] and page.isComplete()
    # the command, given the wizard's mapping as a mapping file, reads what the wizard shows
    toml = tmp_path / "mapping.toml"
    lines = [f'"{h}" = "{c or ""}"' for h, c in page.mapping().items()]
    toml.write_text("[columns]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    assert read_declarations(path, mapping=load_mapping(toml)).columns == shown
    # choosing the second "Make" alone cannot be told to the reader: refused at the page
    page.combos[1].setCurrentIndex(page.combos[1].findData(""))
    page.combos[2].setCurrentIndex(page.combos[2].findData("make"))
    assert not page.isComplete() and "Column 3 cannot be imported" in page.problems.text()
