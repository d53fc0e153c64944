"""Results that arrive for a case no longer shown are dropped: the case on show keeps
its view (findings and their detail, the case's form and banner, the evidence tab's
verification and messages, the case list's out-of-date counts).

Each test holds a result back on its way to the window (the op ran; its result waits),
opens another case, then lets the held result arrive through the runner as it would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core import jobs
from core.persistence.store import Store
from core.services import cases, demo, evidence
from gui.case_list_model import CaseListModel, column_of
from gui.forms.fields import LineFieldEditor
from gui.main_window import MainWindow
from gui.operations import Op, OperationRunner


class Held:
    """Results of the ops the test picks, kept back on their way to the window until the
    test lets them arrive (through the runner, whose supersede rule then applies)."""

    def __init__(self) -> None:
        self.wanted: Callable[[Op[Any]], bool] | None = None
        self.items: list[tuple[OperationRunner, int, Any]] = []
        self.relay: Callable[[OperationRunner, int, Any], None] = lambda *_: None

    def hold(self, wanted: Callable[[Op[Any]], bool]) -> None:
        self.wanted = wanted

    def stop(self) -> None:
        self.wanted = None

    def arrive(self, index: int = 0) -> None:
        """Deliver the held result now, as the runner would have."""
        runner, task, result = self.items.pop(index)
        self.relay(runner, task, result)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Held:
    """Installed before the window is made (its runner connects the relay then)."""
    keep = Held()
    keep.relay = OperationRunner._relay_success

    def relay(runner: OperationRunner, task: int, result: Any) -> None:
        op = runner._live.get(task)
        if keep.wanted is not None and op is not None and keep.wanted(op):
            keep.items.append((runner, task, result))
            return
        keep.relay(runner, task, result)

    monkeypatch.setattr(OperationRunner, "_relay_success", relay)
    return keep


@pytest.fixture
def window(held: Held, listed_window: Any, qtbot: QtBot, store: Store) -> Iterator[MainWindow]:
    demo.load_demo(store, actor="demo")
    win = listed_window(store)
    win.show()
    yield win
    held.items.clear()
    win.runner.shutdown()


def open_case(window: MainWindow, qtbot: QtBot, jurisdiction: str) -> str:
    assert window.workspace is not None
    for row in range(window.model.rowCount()):
        if window.model.index(row, column_of("jurisdiction")).data() == jurisdiction:
            with qtbot.waitSignal(window.workspace.loaded, timeout=20000):
                window.open_row(row)
            return str(window.model.index(row, 0).data())
    raise AssertionError(jurisdiction)


def view_of(ws: Any) -> tuple[Any, ...]:
    """What the workspace shows of its case, in short."""
    return (
        ws.fields["reference"].text(),
        ws.findings_tab.findings.topLevelItemCount(),
        ws.vehicles_tab.vehicles.rowCount(),
        ws.evidence_tab.model.rowCount(),
        ws.vehicles_tab.heading.text(),
    )


def test_the_finding_detail_never_shows_another_cases_finding(
    window: MainWindow, qtbot: QtBot
) -> None:
    ws = window.workspace
    assert ws is not None
    open_case(window, qtbot, "KZ")
    vehicle = ws.findings_tab.findings.topLevelItem(0)
    ws.findings_tab.findings.setCurrentItem(vehicle.child(0))
    kz_text = ws.findings_tab.finding_detail.toPlainText()
    assert kz_text
    open_case(window, qtbot, "JO")
    assert ws.findings_tab.finding_detail.toPlainText() != kz_text
    current = ws.findings_tab.findings.currentItem()
    if ws.findings_tab.finding_detail.toPlainText():  # then it is the selected finding of this case
        assert current is not None and current.data(0, Qt.ItemDataRole.UserRole)


def test_a_case_read_arriving_after_another_case_opened_is_dropped(
    window: MainWindow, qtbot: QtBot, held: Held, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = window.workspace
    assert ws is not None
    open_case(window, qtbot, "KZ")
    held_for = ws.reference
    held.hold(lambda op: op.fn is jobs.load_case and op.kwargs["reference"] == held_for)
    ws.show_case(held_for)  # a refresh of KZ, held back
    qtbot.waitUntil(lambda: bool(held.items), timeout=20000)
    ru = open_case(window, qtbot, "RU")
    shown = view_of(ws)
    held.arrive()
    qtbot.wait(50)
    assert ws.reference == ru
    assert ws.detail["reference"] == ru
    assert view_of(ws) == shown


def test_the_window_acts_on_the_case_on_show_not_on_one_still_loading(
    window: MainWindow, qtbot: QtBot, held: Held, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import asked for while another case loads goes to the case the inspector sees
    (or waits for the other to show), never to the one whose data is not on screen."""
    import gui.declarations.import_wizard

    ws = window.workspace
    assert ws is not None
    kz = open_case(window, qtbot, "KZ")
    held.hold(lambda op: op.fn is jobs.load_case)
    opened: list[str] = []

    class Wizard:
        def __init__(self, on: Any, _parent: Any):
            opened.append(on.reference)
            self.imported = self

        def connect(self, _slot: Any) -> None:
            pass

        def exec(self) -> int:
            return 0

    monkeypatch.setattr(gui.declarations.import_wizard, "ImportWizard", Wizard)
    for row in range(window.model.rowCount()):
        if window.model.index(row, column_of("jurisdiction")).data() == "RU":
            window.open_row(row)  # RU's data is held back: KZ's is still on screen
    qtbot.waitUntil(lambda: bool(held.items), timeout=20000)
    window.import_declarations()
    assert opened in ([], [kz])


def test_a_verification_of_another_case_is_not_shown_on_this_one(
    window: MainWindow, qtbot: QtBot, held: Held, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = window.workspace
    assert ws is not None
    open_case(window, qtbot, "KZ")
    held.hold(lambda op: op.fn is evidence.verify_case)
    ws.evidence_tab.verify()  # KZ's exhibits, held back
    qtbot.waitUntil(lambda: bool(held.items), timeout=20000)
    held.stop()
    open_case(window, qtbot, "RU")
    tab = ws.evidence_tab
    assert tab.verify_result.isHidden()
    held.arrive()
    assert tab.verify_result.isHidden()  # "All hashes match" was KZ's result
    assert tab.model.altered() == set()


def test_a_case_save_arriving_after_another_case_opened_leaves_its_form_alone(
    window: MainWindow, qtbot: QtBot, held: Held, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = window.workspace
    assert ws is not None
    open_case(window, qtbot, "KZ")

    def type_text(name: str, text: str) -> None:
        editor = ws.case_form.editor(name)
        assert isinstance(editor, LineFieldEditor)
        editor.line.selectAll()
        qtbot.keyClicks(editor.line, text)
        qtbot.keyClick(editor.line, Qt.Key.Key_Return)

    type_text("hearing_reference", "KZ-1/2027")
    held.hold(lambda op: op.fn is cases.save_fields)
    ws.save_case()  # KZ's save, held back
    qtbot.waitUntil(lambda: bool(held.items), timeout=20000)
    held.stop()
    open_case(window, qtbot, "RU")
    type_text("hearing_reference", "RU-2/2027")  # typed in RU's form, not saved
    assert ws.case_form.is_dirty()
    held.arrive()
    qtbot.wait(50)
    assert ws.case_form.is_dirty()  # RU's edits are still unsaved edits
    assert ws.case_form.values()["hearing_reference"] == "RU-2/2027"
    assert ws.case_banner.isHidden()
    ws.case_revert.click()


def test_out_of_date_counts_of_an_earlier_listing_are_dropped() -> None:
    rows = {1: {"id": 1, "reference": "ZM-1"}, 2: {"id": 2, "reference": "ZM-2"}}
    requests: list[Callable[[dict[int, int]], None]] = []
    model = CaseListModel(
        lambda ids, done: done({i: dict(rows[i]) for i in ids}),
        lambda ids, done: requests.append(done),
    )
    model.set_ids([1, 2])
    model.row_data(0)  # the first listing asks for its counts
    model.set_ids([1, 2])  # a newer listing (after an import, say)
    model.row_data(0)
    old, new = requests
    old({1: 7})
    stale = model.index(0, column_of("out_of_date")).data()
    assert stale == ""  # 7 was the earlier listing's count
    new({1: 2})
    assert model.index(0, column_of("out_of_date")).data() == model.stale_text(2)
