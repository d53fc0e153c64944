"""Stress: switching cases over and over while saves, reads and jobs are in flight.

Not collected with the other tests: ``test_lifetime.py`` runs this module in a fresh
process, with ``QT_FATAL_WARNINGS=1`` (any Qt warning aborts it) and faulthandler on, and
checks that it ends cleanly: no crash, no worker process, thread or semaphore left.

The scene of the crash it guards against: an unsaved vehicle in a case of thousands is
discarded (a modal question, with its own event loop) while the case list and the
tables are read again, then another case opens before the first has finished loading.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from core.cli.main import run
from core.domain.vin import expected_check_digit
from core.persistence.store import Store
from core.services import demo
from gui.case_list_model import column_of
from gui.forms.fields import LineFieldEditor
from gui.main_window import MainWindow

VEHICLES = int(os.environ.get("ZEROMILE_STRESS_VEHICLES", "3000"))
ROUNDS = int(os.environ.get("ZEROMILE_STRESS_ROUNDS", "3"))
#: How long one case may take to show (a loaded machine reads a big case slowly).
WAIT_MS = int(os.environ.get("ZEROMILE_STRESS_WAIT_MS", "300000"))


def _declarations(path: Path, count: int) -> Path:
    lines = ["declaration_no,vin,make,model,odometer_km,first_registration_date,"
             "export_deregistration_date"]  # fmt: skip
    for i in range(count):
        raw = f"LVVDB21B0TD{i:06d}"
        vin = raw[:8] + expected_check_digit(raw) + raw[9:]
        lines.append(
            f"10612050/010226/{i // 100:07d},{vin},Chery,Tiggo 7,{i % 50},"
            f"2026-01-0{1 + i % 9},2026-02-1{i % 9}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def big_case(store: Store, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The demo cases and one more, of ``VEHICLES`` vehicles, imported and classified."""
    demo.load_demo(store, actor="demo")
    new = ["--db", db_url, "case", "new", "--title", "Большая партия", "--jurisdiction", "KZ"]
    assert run([*new, "--json"]) == 0
    reference = str(json.loads(capsys.readouterr().out)["reference"])
    path = _declarations(tmp_path / "big.csv", VEHICLES)
    assert run(["--db", db_url, "import", str(path), "--case", reference]) == 0
    return reference


class Discarder:
    """Answers every question about unsaved edits with Discard, from inside the
    question's own event loop (as a user would)."""

    def __init__(self) -> None:
        self.answered = 0
        self.timer = QTimer()
        self.timer.setInterval(15)
        self.timer.timeout.connect(self._answer)
        self.timer.start()

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            button = box.button(QMessageBox.StandardButton.Discard)
            if button is not None:
                self.answered += 1
                button.click()


@pytest.fixture
def window(listed_window: Any, qtbot: QtBot, store: Store, big_case: str) -> Iterator[MainWindow]:
    win = listed_window(store)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()  # stops the worker processes
    assert not win.runner.busy


def _open(window: MainWindow, reference: str) -> None:
    """Choose ``reference`` in the case list (as a click on its row would)."""
    row = _row_of(window, reference)
    if window.table.currentIndex().row() == row:  # the view made it current on focus
        window.table.selectionModel().clearCurrentIndex()
    window.open_row(row)


def _row_of(window: MainWindow, reference: str) -> int:
    for row in range(window.model.rowCount()):
        if window.model.index(row, column_of("reference")).data() == reference:
            return row
    raise AssertionError(reference)


def _wait_shown(qtbot: QtBot, window: MainWindow, reference: str) -> None:
    """Wait until ``reference`` is on show; on a timeout, say what the window was doing."""
    ws = window.workspace
    assert ws is not None
    try:
        qtbot.waitUntil(lambda: ws.shown_reference() == reference, timeout=WAIT_MS)
    except Exception:
        shown = [
            f"{type(w).__name__}({w.windowTitle()!r}, {getattr(w, 'text', lambda: '')()!r})"
            for w in QApplication.topLevelWidgets()
            if w.isVisible()
        ]
        raise AssertionError(
            f"{reference} never shown: workspace reference {ws.reference}, detail "
            f"{ws.detail.get('reference')}, opening {window._opening}, "
            f"runner live {[(t, op.fn.__name__) for t, op in window.runner._live.items()]}, modal "
            f"{type(QApplication.activeModalWidget()).__name__}, visible {shown}, "
            f"table row {window.table.currentIndex().row()} of {_row_of(window, reference)}"
        ) from None


def _type(qtbot: QtBot, window: MainWindow, text: str) -> None:
    tab = window.workspace.vehicles_tab  # type: ignore[union-attr]
    editor = tab.vehicle_form.editor("odometer_km")
    assert isinstance(editor, LineFieldEditor)
    editor.line.selectAll()
    qtbot.keyClick(editor.line, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor.line, text)


def test_switching_cases_while_saves_and_reads_are_in_flight(
    window: MainWindow, qtbot: QtBot, big_case: str
) -> None:
    ws = window.workspace
    assert ws is not None
    others = [
        window.model.index(r, column_of("reference")).data() for r in range(window.model.rowCount())
    ]
    others.remove(big_case)
    tab = ws.vehicles_tab
    discarder = Discarder()
    threads_before = {t.ident for t in threading.enumerate()}
    for round_ in range(ROUNDS):
        _open(window, big_case)
        _wait_shown(qtbot, window, big_case)
        assert ws.vehicles_tab.vehicles.rowCount() == VEHICLES
        ws.setCurrentWidget(tab)
        # a save in flight ...
        tab.vehicles_view.selectRow(2 * round_)
        _type(qtbot, window, str(1000 + round_))
        tab.save()
        window.refresh()  # ... and a listing, a verification and a rules run
        if round_ == 0:
            ws.run_rules()
        # then an unsaved vehicle: discarded on leaving, while all that arrives
        qtbot.waitUntil(lambda: not tab._saving, timeout=WAIT_MS)
        tab.vehicles_view.selectRow(2 * round_ + 1)
        _type(qtbot, window, "7")
        assert tab.has_unsaved_changes()
        target = others[round_ % len(others)]
        window.open_row(_row_of(window, target))
        # and on, before that case has loaded: to another one and back
        QTimer.singleShot(0, lambda: window.open_row(_row_of(window, others[-1])))
        QTimer.singleShot(5, lambda t=target: window.open_row(_row_of(window, t)))
        _wait_shown(qtbot, window, target)
        ws.evidence_tab.verify()
        window.refresh()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT_MS)
    assert discarder.answered >= ROUNDS
    discarder.timer.stop()
    window.runner.shutdown()
    left = [t for t in threading.enumerate() if t.ident not in threads_before and t.is_alive()]
    assert not [t for t in left if not isinstance(t, threading._DummyThread)], left
