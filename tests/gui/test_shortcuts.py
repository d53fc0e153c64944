"""Keyboard shortcuts: no key is bound twice where both bindings apply, in any state of
the window, and Ctrl+S saves the vehicle and the shipment being edited.

The check asks Qt itself: each key of every action and shortcut is pressed with the
focus on each kind of widget on show, and Qt's shortcut map says whether the press
was ambiguous (it then triggers nothing and warns "Ambiguous shortcut overload").
Every press is swallowed before it triggers or types anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShortcutEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from core import settings
from core.persistence.store import Store
from core.persistence.unit_of_work import reading
from core.services import cases, demo, shipments, vehicles
from gui.case_list_model import column_of
from gui.forms.fields import LineFieldEditor
from gui.main_window import MainWindow


class _Probe(QObject):
    """Records the shortcut events Qt sends, and swallows them and every key press."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[QObject, bool]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Shortcut:
            assert isinstance(event, QShortcutEvent)
            self.events.append((watched, event.isAmbiguous()))
            return True
        return event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)


def _name(item: QObject) -> str:
    text = item.text() if isinstance(item, QAction) else ""
    owner = item.parent()
    return f"{type(item).__name__} {text!r} of {type(owner).__name__ if owner else None}"


def bindings(root: QWidget) -> dict[str, list[QObject]]:
    """Every key sequence an action or shortcut under ``root`` (or the application) is
    bound to, with what it is bound to."""
    found: dict[str, list[QObject]] = {}
    items: list[QObject] = [*root.findChildren(QAction), *root.findChildren(QShortcut)]
    for item in items:
        keys = item.shortcuts() if isinstance(item, QAction) else item.keys()
        for key in keys:
            if not key.isEmpty():
                found.setdefault(key.toString(), []).append(item)
    return found


def _focus_targets(window: QWidget) -> list[QWidget]:
    """One widget on show per kind of place the focus can be: its type and the widgets
    around it that carry actions of their own (what decides which bindings apply)."""
    seen: dict[tuple[Any, ...], QWidget] = {}
    for widget in window.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled()):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or widget.window() is not window:
            continue
        owners, up = [], widget
        while up is not None:
            if up.actions():
                owners.append(id(up))
            up = up.parentWidget()
        seen.setdefault((type(widget), tuple(owners)), widget)
    return list(seen.values())


def ambiguous_shortcuts(qtbot: QtBot, window: QWidget) -> list[str]:
    """Each (key, focus) whose press Qt finds ambiguous, with the bindings of that key.
    ``window`` must be the active window."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.activeWindow() is window, "the check needs the window active"
    probe = _Probe()
    app.installEventFilter(probe)
    clashes: list[str] = []
    try:
        keys = bindings(window)
        for target in _focus_targets(window):
            target.setFocus()
            for text, bound in keys.items():
                combination = QKeySequence(text)[0]
                if combination.key() == Qt.Key.Key_Exit:
                    continue  # Quit's second key on X11; no keyboard has it, QTest can't type it
                probe.events.clear()
                qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())
                if any(ambiguous for _, ambiguous in probe.events):
                    names = sorted({_name(b) for b in bound})
                    clashes.append(f"{text} with the focus on {type(target).__name__}: {names}")
    finally:
        app.removeEventFilter(probe)
    return sorted(set(clashes))


@pytest.fixture
def window(listed_window: Any, qtbot: QtBot, store: Store) -> Iterator[MainWindow]:
    demo.load_demo(store, actor="demo")
    win = listed_window(store)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    yield win
    win.runner.shutdown()


def open_case(window: MainWindow, qtbot: QtBot, jurisdiction: str = "KZ") -> str:
    assert window.workspace is not None
    for row in range(window.model.rowCount()):
        if window.model.index(row, column_of("jurisdiction")).data() == jurisdiction:
            with qtbot.waitSignal(window.workspace.loaded, timeout=20000):
                window.open_row(row)
            return str(window.model.index(row, 0).data())
    raise AssertionError(jurisdiction)


def line(form: Any, name: str) -> Any:
    editor = form.editor(name)
    assert isinstance(editor, LineFieldEditor)
    return editor.line


def type_into(qtbot: QtBot, edit: Any, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def test_no_key_is_bound_twice_in_any_state_of_the_window(window: MainWindow, qtbot: QtBot) -> None:
    states: dict[str, list[str]] = {}
    states["case list, no case open"] = ambiguous_shortcuts(qtbot, window)
    open_case(window, qtbot)
    ws = window.workspace
    assert ws is not None
    for index in range(ws.count()):
        ws.setCurrentIndex(index)
        states[f"case open on tab {ws.tabText(index)}"] = ambiguous_shortcuts(qtbot, window)
    tab = ws.vehicles_tab
    ws.setCurrentWidget(tab)
    tab.vehicles_view.selectRow(0)
    type_into(qtbot, line(tab.vehicle_form, "odometer_km"), "42")
    assert tab.has_unsaved_changes()
    states["vehicle form, unsaved"] = ambiguous_shortcuts(qtbot, window)
    tab.revert()
    tab.shipments_view.selectRow(0)
    type_into(qtbot, line(tab.shipment_form, "carrier"), "Trans")
    states["shipment form, unsaved"] = ambiguous_shortcuts(qtbot, window)
    tab.revert()
    tab.new_vehicle()
    states["new vehicle form"] = ambiguous_shortcuts(qtbot, window)
    assert all(not clashes for clashes in states.values()), {
        state: clashes for state, clashes in states.items() if clashes
    }


def test_no_key_is_bound_twice_in_the_dialogs(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from gui.case_file.export_dialog import ExportDialog
    from gui.declarations.import_wizard import ImportWizard
    from gui.declarations.screen_dialog import ScreenDialog
    from gui.new_case_dialog import NewCaseDialog
    from gui.settings.settings_dialog import SettingsDialog
    from gui.widgets import OnCase

    reference = open_case(window, qtbot)
    db = window.db
    assert db is not None
    dialogs: list[QDialog] = [
        NewCaseDialog("KZ", window),
        ImportWizard(OnCase(db, window.runner, window.actor, reference), window),
        ExportDialog(OnCase(db, window.runner, window.actor, reference), tmp_path, parent=window),
        ScreenDialog(db, window.runner, "KZ", window),
        SettingsDialog(settings.load_settings(), window.runner, window),
    ]
    clashes = {}
    for dialog in dialogs:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d, timeout=5000)
        found = ambiguous_shortcuts(qtbot, dialog)
        if found:
            clashes[type(dialog).__name__] = found
        dialog.reject()
        window.runner.wait()
    assert not clashes


def _vehicle_odometer(store: Store, reference: str, vin: str) -> Any:
    with reading(store) as session:
        return vehicles.find_vehicle(session, cases.get_case(session, reference), vin).odometer_km


def test_ctrl_s_saves_the_vehicle_being_edited(
    window: MainWindow, qtbot: QtBot, store: Store
) -> None:
    reference = open_case(window, qtbot, "RU")
    ws = window.workspace
    assert ws is not None
    tab = ws.vehicles_tab
    ws.setCurrentWidget(tab)
    tab.vehicles_view.selectRow(0)
    vin = str(tab.vehicles.row(0)["vin"])
    edit = line(tab.vehicle_form, "odometer_km")
    type_into(qtbot, edit, "33")
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _vehicle_odometer(store, reference, vin) == Decimal(33), timeout=20000)
    qtbot.waitUntil(lambda: not tab.has_unsaved_changes(), timeout=20000)
    window.runner.wait()


def test_ctrl_s_saves_the_shipment_being_edited(
    window: MainWindow, qtbot: QtBot, store: Store
) -> None:
    reference = open_case(window, qtbot, "KZ")
    ws = window.workspace
    assert ws is not None
    tab = ws.vehicles_tab
    ws.setCurrentWidget(tab)
    tab.shipments_view.selectRow(0)
    shipment_id = int(tab.shipments.row(0)["id"])
    edit = line(tab.shipment_form, "carrier")
    type_into(qtbot, edit, "Trans Asia Logistics")
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    def carrier() -> Any:
        with reading(store) as session:
            case = cases.get_case(session, reference)
            return shipments.find_shipment(session, case, str(shipment_id)).carrier

    qtbot.waitUntil(lambda: carrier() == "Trans Asia Logistics", timeout=20000)
    qtbot.waitUntil(lambda: not tab.has_unsaved_changes(), timeout=20000)
    window.runner.wait()
