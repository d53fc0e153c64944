"""The Russian interface: every string is translated, and the window really speaks Russian.

The shipped ``resources/translations/zeromile_ru.ts`` is checked as a file (no
unfinished message, placeholders and accelerators kept), against the source
(every string lupdate extracts from ``gui/*.py`` and every field label of the
core specs has a translation; the ``.qm`` is compiled from this ``.ts``), and in
use (the main window over the demo store, switched to Russian).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.persistence.store import Store
from core.services import demo
from gui.i18n import install_translators, translations_dir

ROOT = Path(__file__).resolve().parents[2]
TS = translations_dir() / "zeromile_ru.ts"
QM = translations_dir() / "zeromile_ru.qm"
PLACEHOLDER = re.compile(r"\{\d+\}")
RETIRED = ("vanished", "obsolete")  # kept by lupdate for reuse; lrelease ignores them

Message = tuple[str, str]  # (context, source)


def _tool(name: str) -> str | None:
    return shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)


def _messages(ts: Path) -> Iterator[tuple[str, ET.Element]]:
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name", ""), message


def _live_translations(ts: Path) -> dict[Message, list[str]]:
    """(context, source) -> translated texts (several for a plural), retired ones left out."""
    found: dict[Message, list[str]] = {}
    for context, message in _messages(ts):
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in RETIRED:
            continue
        if message.get("numerus") == "yes":
            texts = [form.text or "" for form in translation.iter("numerusform")]
        else:
            texts = [translation.text or ""]
        found[(context, message.findtext("source", ""))] = texts
    return found


def _accelerators(text: str) -> list[str]:
    """The letters marked with a single ``&`` (``&&`` is a literal ampersand)."""
    return [m.group(1).lower() for m in re.finditer(r"(?<!&)&([^&\s])", text.replace("&&", ""))]


def _update_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "tools" / "update_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the file -----------------------------------------------------------------------------------


def test_every_message_has_a_finished_russian_translation() -> None:
    unfinished, empty = [], []
    for context, message in _messages(TS):
        translation = message.find("translation")
        assert translation is not None
        source = message.findtext("source", "")
        if translation.get("type") in RETIRED:
            continue
        if translation.get("type") == "unfinished":
            unfinished.append((context, source))
        forms = (
            [f.text for f in translation.iter("numerusform")]
            if message.get("numerus") == "yes"
            else [translation.text]
        )
        if not forms or not all(f and f.strip() for f in forms):
            empty.append((context, source))
    assert unfinished == []
    assert empty == []
    assert len(_live_translations(TS)) > 400  # the whole interface, not a stub


def test_placeholders_accelerators_and_plurals_are_kept() -> None:
    problems = []
    for (context, source), texts in _live_translations(TS).items():
        for text in texts:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                problems.append((context, source, text, "placeholders"))
            if "%n" in source and "%n" not in text:
                problems.append((context, source, text, "%n"))
            if source.count("&&") != text.count("&&"):
                problems.append((context, source, text, "literal &&"))
            if len(_accelerators(source)) != len(_accelerators(text)):
                problems.append((context, source, text, "accelerator"))
            if source != source.rstrip() and text == text.rstrip():
                problems.append((context, source, text, "trailing space"))
            if "%n" in source and len(texts) != 3:
                problems.append((context, source, text, "Russian has three plural forms"))
    assert problems == []


# --- against the source -------------------------------------------------------------------------


def test_every_string_lupdate_extracts_from_the_gui_is_translated(tmp_path: Path) -> None:
    lupdate = _tool("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh_ru.ts"
    sources = sorted(str(p) for p in (ROOT / "gui").rglob("*.py"))
    subprocess.run(
        [lupdate, *sources, "-target-language", "ru", "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    extracted = {key for key in _live_translations(fresh)}
    assert len(extracted) > 300
    shipped = _live_translations(TS)
    missing = sorted(key for key in extracted if key not in shipped)
    assert missing == [], "run tools/update_translations.py and translate the new strings"


def test_field_labels_and_choices_of_the_core_specs_are_translated() -> None:
    handmade = _update_script().handmade_messages()
    shipped = _live_translations(TS)
    assert ("fields", "Odometer, km") in handmade and ("fields", "legal entity") in handmade
    assert [m for m in handmade if m not in shipped] == []


def test_the_qm_is_compiled_from_the_shipped_ts(tmp_path: Path) -> None:
    lrelease = _tool("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    compiled = tmp_path / "zeromile_ru.qm"
    subprocess.run([lrelease, str(TS), "-qm", str(compiled)], check=True, capture_output=True)
    assert compiled.read_bytes() == QM.read_bytes(), "run tools/update_translations.py"


# --- in use ------------------------------------------------------------------------------------


def test_the_main_window_speaks_russian(listed_window: Any, qtbot: QtBot, store: Store) -> None:

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    loaded = {d.jurisdiction: d.reference for d in demo.load_demo(store, actor="demo")}
    install_translators(app, "ru")
    try:
        window = listed_window(store)
        try:
            window.show()
            qtbot.waitExposed(window)
            menus = window.menuBar().actions()
            assert [a.text() for a in menus] == ["&Файл", "&Дело", "&Справка"]
            for menu_action in menus:
                menu = menu_action.menu()
                assert menu is not None
                letters = [
                    letter
                    for action in menu.actions()
                    if not action.isSeparator()
                    for letter in _accelerators(action.text())
                ]
                assert len(letters) == len(set(letters)), menu_action.text()
            file_menu = menus[0].menu()
            assert file_menu is not None
            assert "&Новое дело…" in [a.text() for a in file_menu.actions()]

            model = window.model
            headers = [
                model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
            ]
            assert headers[0] == "Номер дела"
            assert "Статус" in headers and "Юрисдикция" in headers
            statuses = [
                window.status_filter.itemText(i) for i in range(window.status_filter.count())
            ]
            assert statuses[0] == "Все статусы" and "открыто" in statuses

            row = next(
                r for r in range(model.rowCount()) if model.index(r, 0).data() == loaded["KZ"]
            )
            assert model.index(row, 1).data() == "открыто"  # the demo KZ case is open
            workspace = window.workspace
            assert workspace is not None
            with qtbot.waitSignal(workspace.loaded, timeout=10000):
                window.open_row(row)
            tabs = [workspace.tabText(i) for i in range(workspace.count())]
            assert tabs[0] == "&Обзор"
            assert "Партии && &ТС" in tabs
            vehicle_form = workspace.vehicles_tab.vehicle_form
            assert vehicle_form.labels["odometer_km"].text() == "Пробег, км"
            condition = vehicle_form.editor("declared_condition").focus_widget()
            shown = [condition.itemText(i) for i in range(condition.count())]  # a QComboBox
            assert "бывшее в употреблении" in shown
        finally:
            window.runner.shutdown()
    finally:
        install_translators(app, "en")
    assert QApplication.translate("MainWindow", "&File") == "&File"
