"""The screening dialog: flagged rows of a demo-like workbook, the saved report, bad files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from openpyxl import Workbook, load_workbook
from pytestqt.qtbot import QtBot

from core.persistence.store import Store
from core.services import demo
from core.services.stores import locator
from gui.declarations.screen_dialog import ScreenDialog
from gui.operations import Op, OperationRunner

SHOTS = Path("/tmp/shots")


def demo_workbook(path: Path) -> Path:
    """The demo cases' vehicles as a customs export would list them, plus one bad cell."""
    data = demo.load_demo_data()
    vehicles = [
        (shipment["fields"], vehicle)
        for case in data["cases"]
        for shipment in case["shipments"]
        for vehicle in shipment["vehicles"]
    ]
    columns = sorted({key for _, v in vehicles for key in v})
    wb = Workbook()
    ws = wb.active
    ws.title = "Декларации"
    ws.append(["shipment_ref", "declaration_no", *columns])
    for shipment, vehicle in vehicles:
        ws.append(
            [shipment.get("shipment_ref"), shipment.get("declaration_no")]
            + [vehicle.get(c) for c in columns]
        )
    bad = dict(vehicles[0][1], vin="LS5A3DBE9TA711316", odometer_km="lots")
    ws.append(["T-X", "D-X", *[bad.get(c) for c in columns]])
    wb.save(path)
    return path


def make_dialog(qtbot: QtBot, store: Store | None, runner: OperationRunner) -> ScreenDialog:
    dialog = ScreenDialog(locator(store) if store is not None else None, runner, "KZ")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_screening_a_demo_workbook_shows_the_flagged_rows_and_saves_the_report(
    qtbot: QtBot, store: Store, runner: OperationRunner, tmp_path: Path
) -> None:
    path = demo_workbook(tmp_path / "декларации.xlsx")
    dialog = make_dialog(qtbot, store, runner)
    assert dialog.jurisdiction.currentData() == "KZ"  # the inspector's default
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData(""))  # each row's own
    assert not dialog.screen_button.isEnabled()
    dialog.file.setText(str(path))
    assert dialog.screen_button.isEnabled() and not dialog.file_error.isVisible()
    dialog.screen_button.click()
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    model = dialog.flagged
    assert model.rowCount() >= 5
    first = model.row(0)
    assert first["worst"] == "high" and "ZM-STRONG" in first["rules"]
    assert model.index(0, 1).data() == first["vin"] and model.index(0, 2).data() == "high"
    assert "ZM-STRONG" in model.index(0, 3).data() and "(" not in model.index(0, 3).data()
    text = dialog.banner.text()
    rows = dialog.summary["rows"] if dialog.report else 0
    assert f"Rows screened: {rows}." in text and "Worst severity: high" in text
    assert "Unreadable cells: 1" in text
    assert dialog.cell_errors.rowCount() == 1
    assert dialog.cell_errors.row(0)["column"] == "odometer_km"
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "screen_dialog.png"))

    out = tmp_path / "report.xlsx"
    dialog.save_report(out)
    assert runner.wait(30000)
    qtbot.waitUntil(lambda: "Report saved" in dialog.banner.text(), timeout=10000)
    sheet = load_workbook(out, read_only=True)["Screening"]
    header = next(sheet.iter_rows(values_only=True))
    assert "ZM severity" in header and header[0] == "shipment_ref"


def test_one_jurisdictions_packs_apply_to_every_row(
    qtbot: QtBot, runner: OperationRunner, tmp_path: Path
) -> None:
    path = demo_workbook(tmp_path / "lot.xlsx")
    dialog = make_dialog(qtbot, None, runner)  # no store: screening still works
    dialog.file.setText(str(path))
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("JO"))
    dialog.run_screening()
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    assert dialog.report is not None
    assert dialog.chosen is not None and "jo" in dialog.chosen
    fired = {
        rule for r in range(dialog.flagged.rowCount()) for rule in dialog.flagged.row(r)["rules"]
    }
    assert not any(rule.startswith(("RU-", "UZ-")) for rule in fired)


def test_a_file_that_is_not_a_spreadsheet_is_shown_at_the_field(
    qtbot: QtBot, runner: OperationRunner, tmp_path: Path
) -> None:
    fake = tmp_path / "notes.xlsx"
    fake.write_bytes(b"just text, not a workbook")
    dialog = make_dialog(qtbot, None, runner)
    dialog.file.setText(str(tmp_path / "missing.csv"))
    assert dialog.file_error.isVisible() and not dialog.screen_button.isEnabled()
    dialog.file.setText(str(fake))
    dialog.run_screening()
    assert runner.wait(30000)
    qtbot.waitUntil(lambda: dialog.file_error.isVisible(), timeout=10000)
    assert "notes.xlsx" in dialog.file_error.text()
    assert dialog.report is None and not dialog.save_button.isEnabled()


def test_cancel_is_the_ops_one_channel(
    qtbot: QtBot, runner: OperationRunner, tmp_path: Path
) -> None:
    path = demo_workbook(tmp_path / "lot.xlsx")
    dialog = make_dialog(qtbot, None, runner)
    dialog.file.setText(str(path))
    original = runner.submit

    def submit_cancelled(op: Op[Any]) -> None:  # as if Cancel was pressed at once
        op.cancel()
        original(op)

    runner.submit = submit_cancelled  # type: ignore[method-assign]
    dialog.run_screening()
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: "Screening cancelled." in dialog.banner.text(), timeout=10000)
    assert dialog.report is None and not dialog.running and dialog.screen_button.isEnabled()
