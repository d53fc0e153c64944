"""Settings dialog and interface language: what the inspector sets is what gets saved."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QCoreApplication, QLocale, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from core import settings as core_settings
from core.settings import Settings, load_settings
from gui.i18n import available_languages, install_translators
from gui.operations import OperationRunner
from gui.settings.settings_dialog import SettingsDialog

SHOTS = Path("/tmp/shots")
TOOLS = Path(sys.executable).parent


def make_dialog(qtbot: QtBot, runner: OperationRunner, prefs: Settings | None = None) -> Any:
    dialog = SettingsDialog(prefs or Settings(), runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def visible_texts(dialog: QWidget) -> str:
    return "\n".join(
        label.text() + label.toolTip() for label in dialog.findChildren(QLabel) if label.isVisible()
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def click_label(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click a radio button on its text, as a user does (its box is wider than the text)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(12, button.height() // 2))


def wait_for_probe(qtbot: QtBot, dialog: Any, runner: OperationRunner) -> str:
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=15000)
    assert runner.wait(10000)
    return str(dialog.probe_result.text())


def test_switching_to_postgresql_shows_the_url_field(qtbot: QtBot, runner: OperationRunner) -> None:
    dialog = make_dialog(qtbot, runner)
    assert dialog.sqlite_radio.isChecked()
    assert dialog.sqlite_path.isVisible() and not dialog.pg_url.isVisible()
    assert str(core_settings.default_store_path()) in visible_texts(dialog)
    click_label(qtbot, dialog.pg_radio)
    assert dialog.pg_url.isVisible() and not dialog.sqlite_path.isVisible()
    click_label(qtbot, dialog.sqlite_radio)
    assert dialog.sqlite_path.isVisible() and not dialog.pg_url.isVisible()


def test_an_existing_postgresql_setting_opens_in_postgresql_mode(
    qtbot: QtBot, runner: OperationRunner
) -> None:
    url = "postgresql://inspector:s3cret@db.example.invalid:5432/zeromile"
    dialog = make_dialog(qtbot, runner, Settings(db_url=url))
    assert dialog.pg_radio.isChecked() and dialog.pg_url.text() == url
    assert "s3cret" not in visible_texts(dialog)


def test_test_connection_shows_why_a_server_cannot_be_reached(
    qtbot: QtBot, runner: OperationRunner
) -> None:
    dialog = make_dialog(qtbot, runner)
    dialog.pg_radio.click()
    port = free_port()
    qtbot.keyClicks(dialog.pg_url, f"postgresql://inspector:s3cret@127.0.0.1:{port}/zeromile")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    text = wait_for_probe(qtbot, dialog, runner)
    assert f"nothing accepts connections at 127.0.0.1:{port}" in text
    assert dialog.probe_result.isVisible()
    assert "s3cret" not in visible_texts(dialog)  # the password stays inside the field
    # Editing the URL clears the old answer.
    qtbot.keyClick(dialog.pg_url, Qt.Key.Key_Backspace)
    assert not dialog.probe_result.isVisible()


def test_test_connection_recognises_a_store(
    qtbot: QtBot, runner: OperationRunner, db_url: str
) -> None:
    dialog = make_dialog(qtbot, runner)
    if "://" in db_url:
        dialog.pg_radio.click()
        dialog.pg_url.setText(db_url)
    else:
        dialog.sqlite_path.setText(db_url)
    dialog.test_button.click()
    assert "Connected to a ZeroMile store" in wait_for_probe(qtbot, dialog, runner)


def test_test_connection_refuses_a_url_that_is_not_postgresql_at_the_field(
    qtbot: QtBot, runner: OperationRunner
) -> None:
    dialog = make_dialog(qtbot, runner)
    dialog.pg_radio.click()
    dialog.pg_url.setText("mysql://inspector@db/zeromile")
    dialog.test_button.click()
    assert dialog.store_error.isVisible()
    assert "starts with postgresql://" in dialog.store_error.text()
    assert not runner.busy  # nothing was started


def test_ok_saves_the_chosen_values_and_reports_what_changed(
    qtbot: QtBot, runner: OperationRunner, tmp_path: Path
) -> None:
    shared = tmp_path / "evidence"
    shared.mkdir()
    store_file = tmp_path / "desk.db"
    dialog = make_dialog(qtbot, runner, Settings(evidence_max_bytes="1000"))
    dialog.sqlite_path.setText(str(store_file))
    dialog.evidence_shared.click()
    dialog.evidence_path.setText(str(shared))
    qtbot.keyClicks(dialog.inspector_name, "Aigerim Sadykova")
    qtbot.keyClicks(dialog.inspector_badge, "KZ-0417")
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("KZ"))
    with qtbot.waitSignal(dialog.applied, timeout=2000) as applied:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert applied.args[0] == {
        "store": True,
        "evidence": True,
        "identity": True,
        "language": True,
        "default_jurisdiction": True,
    }
    saved = json.loads(core_settings.settings_path().read_text(encoding="utf-8"))
    assert saved == {
        "db_url": str(store_file),
        "inspector_name": "Aigerim Sadykova",
        "inspector_badge": "KZ-0417",
        "language": "ru",
        "default_jurisdiction": "KZ",
        "evidence_dir": str(shared),
        "evidence_max_bytes": "1000",  # a setting the dialog does not show is kept
        "import_max_bytes": "",
    }
    assert load_settings() == dialog.result_settings()


def test_only_what_changed_is_reported(qtbot: QtBot, runner: OperationRunner) -> None:
    before = Settings(inspector_name="Ivan Petrov", inspector_badge="RU-12", language="en")
    dialog = make_dialog(qtbot, runner, before)
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    with qtbot.waitSignal(dialog.applied, timeout=2000) as applied:
        dialog.accept()
    assert applied.args[0] == {
        "store": False,
        "evidence": False,
        "identity": False,
        "language": True,
        "default_jurisdiction": False,
    }
    assert load_settings().language == "ru" and load_settings().inspector_badge == "RU-12"


def test_choosing_the_default_store_file_keeps_the_setting_empty(
    qtbot: QtBot, runner: OperationRunner
) -> None:
    dialog = make_dialog(qtbot, runner, Settings(db_url="/somewhere/else.db"))
    dialog.sqlite_path.setText(str(core_settings.default_store_path()))
    assert dialog.result_settings().db_url == ""


def test_a_missing_evidence_folder_blocks_ok_with_a_message_at_the_field(
    qtbot: QtBot, runner: OperationRunner, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, runner)
    dialog.evidence_shared.click()
    dialog.evidence_path.setText(str(tmp_path / "not-there"))
    with qtbot.assertNotEmitted(dialog.applied):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.evidence_error.isVisible()
    assert dialog.evidence_error.text() == "The folder does not exist."
    assert not core_settings.settings_path().exists()
    assert dialog.evidence_path.text() == str(tmp_path / "not-there")  # input kept

    (tmp_path / "a-file").write_text("x")
    dialog.evidence_path.setText(str(tmp_path / "a-file"))
    dialog.accept()
    assert dialog.evidence_error.text() == "This is a file, not a folder."
    (tmp_path / "not-there").mkdir()
    dialog.evidence_path.setText(str(tmp_path / "not-there"))
    dialog.accept()
    assert not dialog.isVisible() and not dialog.evidence_error.isVisible()
    assert load_settings().evidence_dir == str(tmp_path / "not-there")


def test_store_and_identity_problems_are_shown_at_their_fields(
    qtbot: QtBot, runner: OperationRunner, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, runner)
    dialog.sqlite_path.setText(str(tmp_path / "missing-folder" / "desk.db"))
    dialog.inspector_badge.setText("KZ-1")
    dialog.accept()
    assert dialog.isVisible()
    assert "does not exist" in dialog.store_error.text()
    assert dialog.name_error.text() == "Enter the name that goes with the badge."
    dialog.pg_radio.click()
    dialog.pg_url.setText("postgresql://inspector:s3cret@db.example.invalid:5432/")
    dialog.accept()
    assert "database name" in dialog.store_error.text()
    assert not core_settings.settings_path().exists()


def test_settings_screenshot(qtbot: QtBot, runner: OperationRunner, tmp_path: Path) -> None:
    dialog = make_dialog(
        qtbot,
        runner,
        Settings(inspector_name="Aigerim Sadykova", inspector_badge="KZ-0417", language="ru"),
    )
    dialog.evidence_shared.click()
    dialog.evidence_path.setText(str(tmp_path / "not-there"))
    dialog.validate()
    dialog.test_button.click()
    wait_for_probe(qtbot, dialog, runner)
    dialog.resize(dialog.sizeHint())
    QApplication.processEvents()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "settings.png"))
    dialog.pg_radio.click()
    dialog.pg_url.setText(f"postgresql://inspector:s3cret@127.0.0.1:{free_port()}/zeromile")
    dialog.test_button.click()
    wait_for_probe(qtbot, dialog, runner)
    QApplication.processEvents()
    assert dialog.grab().save(str(SHOTS / "settings-postgresql.png"))


# --- interface language ----------------------------------------------------------------------


@pytest.fixture
def english_afterwards(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    install_translators(qapp, "en")
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight


def write_qm(folder: Path, messages: dict[str, str]) -> Path:
    """A tiny app translation for Russian, compiled with lrelease like the real one."""
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(
        f"<message><source>{src}</source><translation>{dst}</translation></message>"
        for src, dst in messages.items()
    )
    ts = folder / "zeromile_ru.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="ru_RU">'
        f"<context><name>SettingsDialog</name>{body}</context></TS>",
        encoding="utf-8",
    )
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), str(ts), "-qm", str(folder / "zeromile_ru.qm")],
        check=True,
        capture_output=True,
    )
    return folder


def test_languages_on_offer_have_native_names() -> None:
    assert available_languages() == [("en", "English"), ("ru", "Русский")]


def test_russian_translates_the_app_and_qt_standard_buttons(
    qtbot: QtBot, runner: OperationRunner, english_afterwards: QApplication, tmp_path: Path
) -> None:
    folder = write_qm(tmp_path / "translations", {"Interface and cases": "Интерфейс и дела"})
    regional = QLocale().name()
    install_translators(english_afterwards, "ru", directory=folder)
    assert QLocale().language() == QLocale.Language.Russian  # calendars, numbers in widgets
    assert QCoreApplication.translate("SettingsDialog", "Interface and cases") == (
        "Интерфейс и дела"
    )
    dialog = make_dialog(qtbot, runner)
    titles = [box.title() for box in dialog.findChildren(type(dialog._interface_group()))]
    assert "Интерфейс и дела" in titles
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Отмена"

    install_translators(english_afterwards, "en", directory=folder)
    fresh = make_dialog(qtbot, runner)
    assert fresh.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    assert QLocale().name() == regional
    assert QCoreApplication.translate("SettingsDialog", "Interface and cases") == (
        "Interface and cases"
    )


def test_a_missing_translation_falls_back_to_english(
    english_afterwards: QApplication, tmp_path: Path
) -> None:
    install_translators(english_afterwards, "ru", directory=tmp_path / "empty")
    assert QCoreApplication.translate("SettingsDialog", "Interface and cases") == (
        "Interface and cases"
    )


def test_arabic_lays_the_window_out_right_to_left(
    english_afterwards: QApplication, tmp_path: Path
) -> None:
    install_translators(english_afterwards, "ar", directory=tmp_path)
    assert english_afterwards.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_lupdate_extracts_the_interface_strings(tmp_path: Path) -> None:
    gui = Path(__file__).resolve().parents[3] / "gui"
    target = tmp_path / "zeromile_ru.ts"
    subprocess.run(
        [str(TOOLS / "pyside6-lupdate"), *map(str, sorted(gui.rglob("*.py"))), "-ts", str(target)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    contexts = {
        ctx.findtext("name"): {m.findtext("source") for m in ctx.iter("message")}
        for ctx in ET.parse(target).getroot().iter("context")
    }
    assert {"Test connection", "Interface and cases", "Evidence location"} <= {
        s.replace("&", "") for s in contexts["SettingsDialog"]
    }
    others = {name for name, sources in contexts.items() if sources and name != "SettingsDialog"}
    assert others  # the other windows' strings are collected too
