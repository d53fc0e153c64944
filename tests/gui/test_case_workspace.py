"""The case workspace: tabs show the case; actions run off the GUI thread and leave no task."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QPushButton
from pytestqt.qtbot import QtBot

from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, demo, notes, vehicles
from gui.case_list_model import OUT_OF_DATE_COLUMN, column_of
from gui.main_window import MainWindow
from gui.rows_model import RowsModel


@pytest.fixture
def window(listed_window: Any, qtbot: QtBot, store: Store) -> Iterator[MainWindow]:
    demo.load_demo(store, actor="demo")
    win = listed_window(store)
    win.show()
    yield win
    win.runner.shutdown()
    assert win.runner._pool.activeThreadCount() == 0  # no task left behind


def open_case(window: MainWindow, jurisdiction: str, qtbot: QtBot) -> str:
    assert window.workspace is not None
    for row in range(window.model.rowCount()):
        if window.model.index(row, column_of("jurisdiction")).data() == jurisdiction:
            with qtbot.waitSignal(window.workspace.loaded, timeout=10000):
                window.open_row(row)
            return str(window.model.index(row, 0).data())
    raise AssertionError(jurisdiction)


def test_the_tabs_show_the_case(window: MainWindow, qtbot: QtBot) -> None:
    ref = open_case(window, "KZ", qtbot)
    ws = window.workspace
    assert ws.fields["reference"].text().lstrip("\u200e") == ref
    assert ws.vehicles_tab.vehicles.rowCount() == 5 and ws.evidence_tab.model.rowCount() == 4
    assert ws.notes.rowCount() == 2 and ws.history.rowCount() > 50
    findings = ws.findings_tab.findings.topLevelItem(0)
    assert findings.childCount() >= 4
    rules = {findings.child(i).text(0).split(":")[0] for i in range(findings.childCount())}
    assert {"ZM-STRONG", "CN-180D"} <= rules
    buttons = {
        b.objectName() for b in ws.findChildren(QPushButton) if b.objectName().startswith("status-")
    }
    assert buttons == {"status-closed"}  # only valid moves; a review is requested instead
    assert ws.findChild(QPushButton, "review-request") is not None


def test_unconfirmed_basis_is_shown_plainly(window: MainWindow, qtbot: QtBot) -> None:
    open_case(window, "RU", qtbot)
    item = window.workspace.findings_tab.findings.topLevelItem(0)
    texts = [item.child(i).text(2) for i in range(item.childCount())]
    assert any(t.startswith("[legal basis not confirmed]") for t in texts)


def test_adding_a_note_and_running_the_rules(
    window: MainWindow, qtbot: QtBot, store: Store
) -> None:
    ref = open_case(window, "JO", qtbot)
    ws = window.workspace
    ws.note_input.setText("Осмотр в порту Акаба")
    ws.add_note()
    qtbot.waitUntil(lambda: ws.notes.rowCount() == 3, timeout=10000)
    with reading(store) as session:
        assert (
            notes.list_notes(session, cases.get_case(session, ref))[-1].text
            == "Осмотр в порту Акаба"
        )
    ws.run_rules()
    assert window.runner.wait(20000)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    assert ws.findings_tab.findings.topLevelItemCount() == 3


def test_closing_asks_for_a_reason(
    window: MainWindow, qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = open_case(window, "KZ", qtbot)
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *a, **k: ("duplicate of another case", True)
    )
    window.workspace.findChild(QPushButton, "status-closed").click()
    qtbot.waitUntil(
        lambda: window.workspace.fields["status"].text().endswith("closed"), timeout=10000
    )
    with reading(store) as session:
        assert cases.get_case(session, ref).closing_reason == "duplicate of another case"


def test_verify_integrity_button(window: MainWindow, qtbot: QtBot) -> None:
    open_case(window, "KZ", qtbot)
    window.verify_action.trigger()
    qtbot.waitUntil(
        lambda: "hashes match" in window.workspace.evidence_tab.verify_result.text().lower(),
        timeout=20000,
    )


def test_rows_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = RowsModel([("a", "A"), ("b", "B")], colour=lambda r: "#FFEEEE" if r["a"] == 1 else None)
    model.set_rows([{"a": 1, "b": "x"}, {"a": 2, "b": ["y", "z"]}])
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_screenshot_command(db_url: str, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    launcher = [sys.executable, "-c", "from gui.launcher import main; main()"]
    subprocess.run(
        [*launcher, "--db", db_url, "demo"], env=env, check=True, capture_output=True, timeout=180
    )
    shot = tmp_path / "window.png"
    result = subprocess.run([*launcher, "--db", db_url, "gui", "--screenshot", str(shot)],
                            env=env, capture_output=True, text=True, timeout=180)  # fmt: skip
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)


def test_the_overview_edits_the_hearing_data_and_reports_a_conflict(
    window: MainWindow, qtbot: QtBot, store: Store
) -> None:
    from gui.forms.fields import LineFieldEditor

    ref = open_case(window, "KZ", qtbot)
    ws = window.workspace
    assert ws is not None and not ws.case_save.isEnabled()

    def type_text(name: str, text: str) -> None:
        editor = ws.case_form.editor(name)
        assert isinstance(editor, LineFieldEditor)
        editor.line.selectAll()
        if text.isascii():
            qtbot.keyClicks(editor.line, text)
        else:  # as an input method inserts it (QTest types Latin keys only)
            editor.line.insert(text)
        qtbot.keyClick(editor.line, Qt.Key.Key_Return)

    type_text("hearing_date", "15.01.2027")
    type_text("hearing_reference", "A-1234/2027")
    assert ws.case_save.isEnabled() and window.workspace.has_unsaved_changes()
    with qtbot.waitSignal(ws.loaded, timeout=20000):
        window.save_action.trigger()
    with reading(store) as session:
        case = cases.get_case(session, ref)
        assert (str(case.hearing_date), case.hearing_reference) == ("2027-01-15", "A-1234/2027")

    # another workstation changes the title meanwhile; this one edits it too
    with unit_of_work(store, actor="Other Inspector (T-002)") as session:
        cases.update_case(session, ref, {"title": "Партия 7 (уточнено)"})
    type_text("title", "Партия 7: мой заголовок")
    window.save_action.trigger()
    qtbot.waitUntil(lambda: ws.case_banner.isVisible(), timeout=20000)
    assert "Партия 7 (уточнено)" in ws.case_banner.text()
    assert ws.case_form.values()["title"] == "Партия 7: мой заголовок"  # nothing typed is lost
    with reading(store) as session:
        assert cases.get_case(session, ref).title == "Партия 7 (уточнено)"  # theirs stands
    ws.case_revert.click()  # back to the stored case: nothing left unsaved
    assert not ws.has_unsaved_changes()


def make_findings_stale(store: Store, reference: str) -> str:
    """Another workstation corrects a fact: the vehicle's deregistration now comes before
    its first registration (DQ-DATE-ORDER once the rules run). Returns the VIN."""
    with unit_of_work(store, actor="Other Inspector (T-002)") as session:
        case = cases.get_case(session, reference)
        vehicle = vehicles.list_vehicles(session, case)[0]
        assert vehicle.first_registration_date == dt.date(2026, 2, 3)
        vehicles.update_vehicle(
            session,
            case,
            vehicle,
            {"export_deregistration_date": dt.date(2026, 1, 20)},
            typed={"export_deregistration_date": "20.01.2026"},
        )
        return vehicle.vin


def test_out_of_date_findings_are_shown_and_one_click_runs_the_rules(
    window: MainWindow,
    qtbot: QtBot,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    shoot: Any,
) -> None:
    ref = open_case(window, "KZ", qtbot)
    ws = window.workspace
    assert ws is not None
    assert not ws.findings_tab.stale_banner.isVisibleTo(ws) and ws.tabIcon(3).isNull()
    row = window.model.row_of(ws.detail["id"])
    assert row is not None
    assert window.model.index(row, OUT_OF_DATE_COLUMN).data() == ""  # current

    vin = make_findings_stale(store, ref)
    with qtbot.waitSignal(window.listed, timeout=20000):
        window.refresh()
    row = window.model.row_of(ws.detail["id"])
    assert row is not None
    marker = window.model.index(row, OUT_OF_DATE_COLUMN)
    # the counts are read apart, in the reading process, and arrive by themselves
    qtbot.waitUntil(lambda: marker.data() == "out of date (1)", timeout=20000)
    assert "run the rules" in marker.data(Qt.ItemDataRole.ToolTipRole)
    assert marker.data(Qt.ItemDataRole.DecorationRole) is not None
    reference_cell = window.model.index(row, 0)
    assert reference_cell.data() == ref  # the reference itself is unchanged (searchable)
    assert reference_cell.data(Qt.ItemDataRole.DecorationRole) is not None

    with qtbot.waitSignal(ws.loaded, timeout=20000):
        ws.show_case(ref)  # the case read again
    ws.setCurrentWidget(ws.findings_tab)
    assert ws.findings_tab.stale_banner.isVisible()
    banner = ws.findings_tab.stale_label.text()
    assert banner.startswith("Findings out of date: run the rules.")
    assert f"{vin}: facts changed" in banner
    assert not ws.tabIcon(ws.indexOf(ws.findings_tab)).isNull()
    top = next(
        ws.findings_tab.findings.topLevelItem(i)
        for i in range(ws.findings_tab.findings.topLevelItemCount())
        if ws.findings_tab.findings.topLevelItem(i).text(0).startswith(vin)
    )
    assert "findings out of date (facts changed)" in top.text(2)
    # the vehicles tab marks it too
    vehicles_model = ws.vehicles_tab.vehicles
    stale_rows = [
        vehicles_model.row(i)["vin"]
        for i in range(vehicles_model.rowCount())
        if vehicles_model.row(i)["findings_state"] == "out of date"
    ]
    assert stale_rows == [vin]
    window.splitter.setSizes([640, 640])  # the list's Findings column in view
    shoot(window, "03-out-of-date-case.png")

    # the case cannot be approved for a hearing while its findings are out of date
    ws.setCurrentIndex(0)
    ws.findChild(QPushButton, "review-request").click()
    qtbot.waitUntil(lambda: ws.detail["status"] == "under_review", timeout=20000)
    assert ws.findChild(QPushButton, "status-ready_for_hearing") is None  # only by approval
    qtbot.waitUntil(lambda: ws.findChild(QPushButton, "review-approve") is not None)
    dialog = ws.open_review("approve")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=20000)
    dialog.text.setPlainText("evidence complete")
    for box in dialog.checks.values():
        box.setChecked(True)
    with monkeypatch.context() as acting:  # the demo supervisor (the write runs on the thread)
        acting.setenv("LOGNAME", demo.DEMO_SUPERVISOR_LOGIN)
        acting.setenv("USER", demo.DEMO_SUPERVISOR_LOGIN)
        dialog.ok_button.click()
        assert window.runner.wait(20000)
        qtbot.waitUntil(lambda: bool(dialog.banner.text()), timeout=10000)
    refusal = dialog.banner.text()
    assert refusal.startswith("Not approved:")
    if store.engine.dialect.name != "postgresql":  # there the login is the server's own
        assert vin in refusal
    dialog.reject()
    with reading(store) as session:
        assert cases.get_case(session, ref).status == "under_review"

    # one click runs the rules and reads the case again: the banner goes
    ws.setCurrentWidget(ws.findings_tab)
    with qtbot.waitSignal(ws.loaded, timeout=60000):
        ws.findings_tab.stale_button.click()
    assert window.runner.wait(20000)
    qtbot.waitUntil(lambda: not ws.findings_tab.stale_banner.isVisible(), timeout=10000)
    assert ws.detail["findings_out_of_date"] == []
    assert ws.tabIcon(ws.indexOf(ws.findings_tab)).isNull()

    # the date disorder is now a data-quality finding, grouped apart under its vehicle
    top = next(
        ws.findings_tab.findings.topLevelItem(i)
        for i in range(ws.findings_tab.findings.topLevelItemCount())
        if ws.findings_tab.findings.topLevelItem(i).text(0).startswith(vin)
    )
    groups = [top.child(i) for i in range(top.childCount())]
    quality = [g for g in groups if g.text(0).startswith("Data quality")]
    assert len(quality) == 1 and quality[0].childCount() >= 1
    dq = quality[0].child(0)
    assert dq.text(0).startswith("DQ-DATE-ORDER")
    assert not any(g.text(0).startswith("DQ-") for g in groups)  # not among the others
    ws.findings_tab.findings.setCurrentItem(dq)
    detail = ws.findings_tab.finding_detail.toPlainText()
    assert "Data quality: a fact of the declaration is doubtful" in detail
    assert "Pack version chosen by the import date 2026-02-15." in detail
    ws.findings_tab.findings.scrollToItem(dq)
    shoot(window, "03b-findings-current-data-quality.png")
    ws.findings_tab.findings.setCurrentItem(top.child(0))
    assert "Pack version chosen by the import date" in ws.findings_tab.finding_detail.toPlainText()
    with qtbot.waitSignal(window.listed, timeout=20000):
        window.refresh()
    window.model.index(row, OUT_OF_DATE_COLUMN).data()  # the page is read, then its counts
    qtbot.waitUntil(lambda: "out_of_date" in (window.model.row_data(row) or {}), timeout=20000)
    assert window.model.index(row, OUT_OF_DATE_COLUMN).data() == ""


def test_a_finding_without_an_import_date_says_which_version_applied(
    window: MainWindow,
) -> None:
    ws = window.workspace
    assert ws is not None
    text = ws.findings_tab.version_date_text(
        {
            "version_date": "2026-12-01",
            "version_date_basis": "evaluation_date",
            "pack": "kz",
            "pack_version": "1.1.0",
        }
    )
    assert text == (
        "Import date unknown: the pack version in force on 2026-12-01 (the day of "
        "evaluation) applied. Pack kz, version 1.1.0."
    )
    assert ws.findings_tab.version_date_text({"version_date": None}) == ""


def test_the_out_of_date_case_in_russian(
    listed_window: Any, qtbot: QtBot, store: Store, shoot: Any
) -> None:
    from PySide6.QtWidgets import QApplication

    from gui.i18n import install_translators

    loaded = {d.jurisdiction: d.reference for d in demo.load_demo(store, actor="demo")}
    vin = make_findings_stale(store, loaded["KZ"])
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, "ru")
    try:
        window = listed_window(store)
        try:
            window.show()
            qtbot.waitExposed(window)
            ws = window.workspace
            assert ws is not None
            with qtbot.waitSignal(ws.loaded, timeout=20000):
                window.select_reference(loaded["KZ"])
            ws.setCurrentWidget(ws.findings_tab)
            banner = ws.findings_tab.stale_label.text()
            assert banner.startswith("Результаты проверки устарели: примените правила.")
            assert f"{vin}: изменились сведения" in banner
            row = window.model.row_of(ws.detail["id"])
            assert row is not None
            qtbot.waitUntil(
                lambda: window.model.index(row, OUT_OF_DATE_COLUMN).data() == "устарели (1)",
                timeout=20000,
            )
            window.resize(1440, 800)  # Russian words are longer
            window.splitter.setSizes([680, 760])
            qtbot.wait(50)
            shoot(window, "03-out-of-date-case-ru.png")
        finally:
            window.runner.shutdown()
    finally:
        install_translators(app, "en")


@pytest.mark.parametrize("answer", ["Save", "Discard", "Cancel"])
def test_leaving_a_case_with_unsaved_fields_asks_and_loses_nothing_unasked(
    window: MainWindow, qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch, answer: str
) -> None:
    """Save stores the edits, then the chosen case opens; Discard drops them; Cancel stays."""
    from PySide6.QtWidgets import QMessageBox

    from gui.forms.fields import LineFieldEditor

    kz = open_case(window, "KZ", qtbot)
    ws = window.workspace
    assert ws is not None
    editor = ws.case_form.editor("hearing_reference")
    assert isinstance(editor, LineFieldEditor)
    qtbot.keyClicks(editor.line, "A-77/2027")
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_: Any) -> Any:
        asked.append(text)
        return getattr(QMessageBox.StandardButton, answer)

    monkeypatch.setattr(QMessageBox, "question", question)
    ru_row = next(
        r for r in range(window.model.rowCount())
        if window.model.index(r, column_of("jurisdiction")).data() == "RU"
    )  # fmt: skip
    ru = window.model.index(ru_row, 0).data()
    window.open_row(ru_row)
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert "unsaved" in asked[0]
    if answer == "Cancel":
        qtbot.wait(200)
        assert ws.shown_reference() == kz and ws.case_form.values()["hearing_reference"]
        assert window.model.index(window.table.currentIndex().row(), 0).data() == kz
        return
    qtbot.waitUntil(lambda: ws.shown_reference() == ru, timeout=20000)
    with reading(store) as session:
        stored = cases.get_case(session, kz).hearing_reference
    assert stored == ("A-77/2027" if answer == "Save" else None)
