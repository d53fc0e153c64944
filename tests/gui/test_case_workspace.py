"""The case workspace: tabs show the case; actions run off the GUI thread and leave no task."""

from __future__ import annotations

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
from core.services import cases, demo, notes
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
        if window.model.index(row, 2).data() == jurisdiction:
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
    findings = ws.findings.topLevelItem(0)
    assert findings.childCount() >= 4
    rules = {findings.child(i).text(0).split(":")[0] for i in range(findings.childCount())}
    assert {"ZM-STRONG", "CN-180D"} <= rules
    buttons = {
        b.objectName() for b in ws.findChildren(QPushButton) if b.objectName().startswith("status-")
    }
    assert buttons == {"status-under_review", "status-closed"}  # only valid moves


def test_unconfirmed_basis_is_shown_plainly(window: MainWindow, qtbot: QtBot) -> None:
    open_case(window, "RU", qtbot)
    item = window.workspace.findings.topLevelItem(0)
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
    assert ws.findings.topLevelItemCount() == 3


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
    from gui.field_widgets import LineFieldEditor

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
