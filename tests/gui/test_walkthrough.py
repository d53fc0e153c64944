"""An inspector's whole path through the window: new case, the declaration file imported
with the wizard, a vehicle corrected in its form, evidence, rules, hearing status and
export, then the store and the files are checked.

Each step is saved as a screenshot (to ``ZEROMILE_SHOTS_DIR`` when set, e.g.
``docs/screenshots/walkthrough``; else to the test's temporary folder).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from core import settings
from core.domain.inspector import InspectorRole
from core.domain.unit import DEFAULT_UNIT_CODE, UnitMember
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.reports.bundle import verify_bundle
from core.services import cases, evidence, findings, inspectors, people, vehicles
from gui import new_case_dialog
from gui.case_file import export_dialog
from gui.declarations import import_wizard
from gui.forms.fields import FieldForm, LineFieldEditor
from gui.main_window import MainWindow

TITLE = "Партия 12: BYD Song Plus, Хоргос"
VIN = "LGXCE4CB8TA000123"  # a BYD WMI, valid check digit
VIN2 = "LGXCE4CBXTA000124"


def shots_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("ZEROMILE_SHOTS_DIR") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shoot(widget: QWidget, folder: Path, name: str) -> None:
    assert widget.grab().save(str(folder / name), "PNG")
    assert not QImage(str(folder / name)).isNull()


def type_into(qtbot: QtBot, form: FieldForm, values: dict[str, str]) -> None:
    for name, text in values.items():
        editor = form.editor(name)
        assert isinstance(editor, LineFieldEditor), name
        edit = editor.line
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
        if text.isascii():
            qtbot.keyClicks(edit, text)
        else:  # as an input method inserts it (QTest types Latin keys only)
            edit.insert(text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)


def settle(qtbot: QtBot, window: MainWindow) -> None:
    assert window.runner.wait(120000)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    qtbot.wait(100)


def test_from_a_new_case_to_an_exported_hearing_bundle(
    listed_window: Any, qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shots = shots_dir(tmp_path)
    settings.save_settings(settings.Settings(default_jurisdiction="KZ"))
    window = listed_window(store)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.workspace is not None
    ws = window.workspace

    # 1. New case (Ctrl+N): the dialog is filled in and accepted.
    def fill_new_case(dialog: new_case_dialog.NewCaseDialog) -> int:
        dialog.show()
        type_into(qtbot, dialog.form, {"title": TITLE})
        shoot(dialog, shots, "01-new-case.png")
        assert dialog.ok_button.isEnabled()
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(new_case_dialog.NewCaseDialog, "exec", fill_new_case)
    with qtbot.waitSignal(ws.loaded, timeout=20000):
        window.new_case_action.trigger()
    reference = ws.reference
    assert reference is not None and ws.case_form.values()["title"] == TITLE

    # 2. The declaration file (Russian headers) through the import wizard (Ctrl+I).
    declaration = tmp_path / "декларация 10719110-050326-0012345.csv"
    declaration.write_text(
        "Номер декларации;Идентификационный номер;Марка;Модель;Год выпуска;Пробег, км;"
        "Дата первой регистрации;Таможенная стоимость;Валюта;Страна назначения\n"
        f"10719110/050326/0012345;{VIN};BYD;Song Plus;2025;12;10.01.2026;9 500;USD;KZ\n"
        f"10719110/050326/0012345;{VIN2};BYD;Song Plus;2025;8;10.01.2026;9 500;USD;KZ\n",
        encoding="utf-8-sig",
    )

    def run_wizard(wizard: import_wizard.ImportWizard) -> int:
        wizard.resize(900, 560)
        wizard.show()
        wizard.file_page.file.setText(str(declaration))
        for page in (wizard.mapping_page, wizard.validation_page):
            wizard.next()
            settle(qtbot, window)
            qtbot.waitUntil(lambda page=page: wizard.currentPage() is page, timeout=20000)
            qtbot.waitUntil(lambda: not wizard.busy(), timeout=20000)
            if page is wizard.mapping_page:
                shoot(wizard, shots, "02-import-mapping.png")
        with qtbot.waitSignal(wizard.imported, timeout=120000):
            wizard.next()
        settle(qtbot, window)
        qtbot.waitUntil(lambda: wizard.import_page.isComplete(), timeout=20000)
        shoot(wizard, shots, "03-imported.png")
        return 1

    monkeypatch.setattr(import_wizard.ImportWizard, "exec", run_wizard)
    window.import_action.trigger()
    settle(qtbot, window)
    with reading(store) as session:
        case = cases.get_case(session, reference)
        assert {v.vin for v in vehicles.list_vehicles(session, case)} == {VIN, VIN2}

    # 3. A correction through the Shipments & Vehicles tab: the vehicle's facts from the
    #    export documents, typed into the form (the VIN decodes beside its field).
    tab = ws.vehicles_tab
    ws.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.vehicles.rowCount() == 2, timeout=20000)
    tab.vehicles_view.selectRow(0)
    qtbot.waitUntil(lambda: tab.current_form() is tab.vehicle_form, timeout=5000)
    type_into(qtbot, tab.vehicle_form, {
        "production_date": "2025-11-20", "export_deregistration_date": "2026-01-20",
        "import_declaration_date": "2026-03-05", "reference_price": "21000",
    })  # fmt: skip
    qtbot.waitUntil(lambda: "BYD" in tab.vehicle_form.vin_info.maker.text(), timeout=5000)
    shoot(window, shots, "04-vehicle-form.png")
    window.save_action.trigger()
    settle(qtbot, window)
    with reading(store) as session:
        case = cases.get_case(session, reference)
        vehicle = vehicles.find_vehicle(session, case, tab.vehicles.row(0)["vin"])
        assert str(vehicle.production_date) == "2025-11-20" and vehicle.odometer_km in (8, 12)

    # 4. Evidence: a certificate photo, as if dropped from the file manager.
    photo = tmp_path / "свидетельство о регистрации.png"
    image = QImage(640, 400, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    assert image.save(str(photo))
    ws.setCurrentWidget(ws.evidence_tab)
    ws.evidence_tab.add_files([photo])
    assert ws.evidence_tab.ingest_dialog is not None
    ws.evidence_tab.ingest_dialog.accept()
    settle(qtbot, window)
    # exhibit 1 is the declaration file itself, stored by the import
    qtbot.waitUntil(lambda: ws.evidence_tab.model.rowCount() == 2, timeout=20000)
    shoot(window, shots, "05-evidence.png")
    with reading(store) as session:
        items = evidence.list_evidence(session, cases.get_case(session, reference))
        assert [i.original_name for i in items] == [declaration.name, photo.name]

    # 5. Run the rules (Ctrl+R): findings for the vehicle, shown by vehicle.
    ws.setCurrentWidget(ws.findings_tab)
    with qtbot.waitSignal(ws.loaded, timeout=120000):
        window.rules_action.trigger()
    settle(qtbot, window)
    with reading(store) as session:
        by_vehicle = findings.active_findings(session, cases.get_case(session, reference))
        rules = {f.rule_id for found in by_vehicle.values() for f in found}
    assert rules, "a 12 km car registered for days must raise findings"
    top = ws.findings_tab.findings.topLevelItem(0)
    assert VIN in top.text(0) and top.childCount() >= len(rules)
    ws.findings_tab.findings.setCurrentItem(top.child(0))  # its explanation and legal basis below
    assert top.child(0).text(0).split(":")[0] in ws.findings_tab.finding_detail.toPlainText()
    shoot(window, shots, "06-findings.png")

    # 6. The workflow up to "ready for hearing": opened, the review asked for, and (on
    # a single-workstation store, where the test can act as another login) approved by
    # a supervisor of the unit in the approve dialog.
    with unit_of_work(store, actor="setup") as session:  # as the demo registers them
        unit = people.get_unit(session, DEFAULT_UNIT_CODE)
        for login, name, badge, role in (
            (people.acting_login(session), "Айгерим Сапарова", "KZ-0417", InspectorRole.INSPECTOR),
            ("walkthrough-supervisor", "Дмитрий Волков", "RU-1288", InspectorRole.SUPERVISOR),
        ):
            person = inspectors.add_inspector(session, name=name, badge_number=badge, role=role)
            person.login = login
            assert person.id is not None and unit.id is not None
            session.add(UnitMember(inspector_id=person.id, unit_id=unit.id))
    ws.setCurrentIndex(0)
    qtbot.waitUntil(lambda: ws.findChild(QPushButton, "status-open") is not None)
    ws.findChild(QPushButton, "status-open").click()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: ws.detail["status"] == "open", timeout=20000)
    qtbot.waitUntil(lambda: ws.findChild(QPushButton, "review-request") is not None)
    ws.findChild(QPushButton, "review-request").click()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: ws.detail["status"] == "under_review", timeout=20000)
    if store.engine.dialect.name != "postgresql":
        qtbot.waitUntil(lambda: ws.findChild(QPushButton, "review-approve") is not None)
        dialog = ws.open_review("approve")
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.summary is not None, timeout=20000)
        dialog.text.setPlainText("evidence complete")
        for box in dialog.checks.values():
            box.setChecked(True)
        with monkeypatch.context() as acting:  # the approval runs on the runner's thread
            acting.setenv("LOGNAME", "walkthrough-supervisor")
            acting.setenv("USER", "walkthrough-supervisor")
            with qtbot.waitSignal(dialog.accepted, timeout=20000):
                dialog.ok_button.click()
            settle(qtbot, window)
        qtbot.waitUntil(lambda: ws.detail["status"] == "ready_for_hearing", timeout=20000)
    ws.setCurrentIndex(0)
    type_into(
        qtbot, ws.case_form, {"hearing_date": "20.04.2026", "hearing_reference": "2-417/2026"}
    )
    with qtbot.waitSignal(ws.loaded, timeout=20000):
        window.save_action.trigger()
    with reading(store) as session:
        assert cases.get_case(session, reference).hearing_reference == "2-417/2026"
    shoot(window, shots, "07-ready-for-hearing.png")

    # 7. Export (Ctrl+E): PDF, workbook and hearing bundle, in Russian.
    out = tmp_path / "out"
    out.mkdir()
    made: dict[str, Path] = {}

    def run_export(dialog: export_dialog.ExportDialog) -> int:
        dialog.show()
        dialog.folder.setText(str(out))
        dialog.language.setCurrentIndex(dialog.language.findData("ru"))
        shoot(dialog, shots, "08-export.png")
        dialog.export_button.click()
        settle(qtbot, window)
        qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=60000)
        shoot(dialog, shots, "09-exported.png")
        for kind, path, _size in dialog.result_data.files:
            made[kind] = Path(path)
        return 1

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", run_export)
    window.export_action.trigger()
    assert set(made) == {"pdf", "xlsx", "bundle"}
    assert made["pdf"].read_bytes().startswith(b"%PDF")
    assert verify_bundle(made["bundle"]).ok
    with zipfile.ZipFile(made["bundle"]) as bundle:
        assert any(photo.name in n for n in bundle.namelist())
