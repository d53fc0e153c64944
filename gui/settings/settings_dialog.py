"""The settings dialog: store, evidence location, inspector identity, language, jurisdiction.

It edits a copy of :class:`core.settings.Settings`. Invalid values are shown at their
field and keep the dialog open. On OK the settings are saved with
:func:`core.settings.save_settings`, then ``applied`` is emitted with a plain dict of
booleans saying what changed, so the main window can reopen the store and retranslate
without a restart::

    dialog = SettingsDialog(load_settings(), window.runner, window)
    dialog.applied.connect(window.on_settings_applied)  # {"store": True, "language": False, ...}
    dialog.open()

Values are checked by :func:`core.settings.check_settings`, the rule the settings file
and the environment variables are checked by too. "Test connection" runs
:func:`core.services.connection.probe` in an op of the window's runner (a plain string
in, a plain ``ProbeResult`` out) and shows the answer under the store fields.
A password in a PostgreSQL URL appears only inside the URL field.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from core import settings as core_settings
from core.errors import Failure
from core.services import connection
from core.services.connection import ProbeResult, ProbeVerdict, Reason
from core.services.rule_packs import Jurisdictions, known_jurisdictions
from core.settings import PG_SCHEMES, Settings, check_settings, save_settings
from gui import palette
from gui.i18n import available_languages
from gui.operations import Op, OperationRunner, Where
from gui.widgets import Banner, error_label, show_error

INDENT = 24  #: pixels a radio button's own fields are indented by

HINT_STYLE = "color: palette(placeholder-text);"
PROBE_STYLES = {
    "good": f"color: {palette.OK_TEXT};",
    "warn": f"color: {palette.ATTENTION_TEXT};",
    "bad": f"color: {palette.FIELD_ERROR_TEXT};",
    "busy": HINT_STYLE,
}


def _indented(content: QWidget | QLayout) -> QHBoxLayout:
    """``content`` indented under the radio button above it (box layouts mirror it in RTL)."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addSpacing(INDENT)
    if isinstance(content, QWidget):
        row.addWidget(content, 1)
    else:
        row.addLayout(content, 1)
    return row


def _hint_label() -> QLabel:
    """A hidden label of hint text (the probe's answer)."""
    label = error_label()
    label.setStyleSheet(HINT_STYLE)
    return label


class SettingsDialog(QDialog):
    """Edits the user's settings; saves them on OK and emits ``applied``.

    ``applied(dict)`` carries ``{"store", "evidence", "identity", "language",
    "default_jurisdiction": bool}`` — which groups of settings changed.
    """

    applied = Signal(object)

    def __init__(
        self,
        settings: Settings,
        runner: OperationRunner,
        parent: QWidget | None = None,
        *,
        db: str | None = None,
    ) -> None:
        """``db``: the attached store's locator, whose rule packs add jurisdictions."""
        super().__init__(parent)
        self._original = dataclasses.replace(settings)
        self._runner = runner
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(620)

        self.banner = Banner(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self._store_group())
        layout.addWidget(self._evidence_group())
        layout.addWidget(self._identity_group())
        layout.addWidget(self._interface_group())
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._load(settings)
        if db is not None:  # the store's own packs may name more countries
            Op(known_jurisdictions, db=db).where(Where.READER).key(("jurisdictions", id(self))
                ).success(self._add_jurisdictions).run(runner)  # fmt: skip

    # --- building --------------------------------------------------------------------------

    def _store_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Case store"))
        self.sqlite_radio = QRadioButton(self.tr("This &computer (SQLite file)"))
        self.pg_radio = QRadioButton(self.tr("Shared &PostgreSQL server"))
        self._store_mode = QButtonGroup(self)
        self._store_mode.addButton(self.sqlite_radio)
        self._store_mode.addButton(self.pg_radio)

        self.sqlite_path = QLineEdit()
        default = str(core_settings.default_store_path())
        self.sqlite_path.setPlaceholderText(default)
        self.sqlite_path.setClearButtonEnabled(True)
        self.sqlite_browse = QPushButton(self.tr("&Browse…"))
        self.sqlite_browse.clicked.connect(self._browse_store)
        hint = QLabel(self.tr("Leave empty for the default store: {0}").format(default))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        row = QHBoxLayout()
        row.addWidget(self.sqlite_path, 1)
        row.addWidget(self.sqlite_browse)
        column = QVBoxLayout()
        column.addLayout(row)
        column.addWidget(hint)
        self.sqlite_box = QWidget()
        self.sqlite_box.setLayout(_indented(column))

        self.pg_url = QLineEdit()
        self.pg_url.setPlaceholderText("postgresql://user:password@host:5432/zeromile")
        self.pg_url.setClearButtonEnabled(True)
        self.pg_box = QWidget()
        self.pg_box.setLayout(_indented(self.pg_url))

        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.probe_result = _hint_label()
        self.store_error = error_label()
        self.test_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.probe_result, 1)
        test_row.addStretch(0)  # keeps the button at the leading edge while no answer is shown

        layout = QVBoxLayout(box)
        layout.addWidget(self.sqlite_radio)
        layout.addWidget(self.sqlite_box)
        layout.addWidget(self.pg_radio)
        layout.addWidget(self.pg_box)
        layout.addWidget(self.store_error)
        layout.addLayout(test_row)
        self._env_note(layout, core_settings.DB_ENV)

        self.sqlite_radio.toggled.connect(self._store_mode_changed)
        self.sqlite_path.textEdited.connect(self._store_edited)
        self.pg_url.textEdited.connect(self._store_edited)
        return box

    def _evidence_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Evidence location"))
        self.evidence_default = QRadioButton(
            self.tr("&Default: beside a SQLite store, inside a PostgreSQL store")
        )
        self.evidence_shared = QRadioButton(self.tr("&Shared folder that all workstations reach:"))
        group = QButtonGroup(self)
        group.addButton(self.evidence_default)
        group.addButton(self.evidence_shared)
        self.evidence_path = QLineEdit()
        self.evidence_browse = QPushButton(self.tr("Bro&wse…"))
        self.evidence_browse.clicked.connect(self._browse_evidence)
        self.evidence_error = error_label()
        row = QHBoxLayout()
        row.addWidget(self.evidence_path, 1)
        row.addWidget(self.evidence_browse)
        layout = QVBoxLayout(box)
        layout.addWidget(self.evidence_default)
        layout.addWidget(self.evidence_shared)
        layout.addLayout(_indented(row))
        layout.addWidget(self.evidence_error)
        self._env_note(layout, core_settings.EVIDENCE_DIR_ENV)
        self.evidence_shared.toggled.connect(self._evidence_mode_changed)
        self.evidence_path.textEdited.connect(lambda _text: show_error(self.evidence_error, ""))
        return box

    def _identity_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Inspector identity"))
        self.inspector_name = QLineEdit()
        self.inspector_name.setMaxLength(core_settings.name_max())
        self.inspector_badge = QLineEdit()
        self.inspector_badge.setMaxLength(core_settings.badge_max())
        self.name_error = error_label()
        self.badge_error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self._with_error(self.inspector_name, self.name_error))
        form.addRow(self.tr("B&adge:"), self._with_error(self.inspector_badge, self.badge_error))
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        self._env_note(layout, core_settings.INSPECTOR_ENV)
        self.inspector_name.textEdited.connect(lambda _text: show_error(self.name_error, ""))
        self.inspector_badge.textEdited.connect(lambda _text: show_error(self.badge_error, ""))
        return box

    def _interface_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Interface and cases"))
        self.language = QComboBox()
        for code, name in available_languages():
            self.language.addItem(name, code)
        self.jurisdiction = QComboBox()
        self.jurisdiction.addItem(self.tr("(none)"), "")
        self._add_jurisdictions(known_jurisdictions(None))  # the shipped packs: no store
        form = QFormLayout(box)
        form.addRow(self.tr("Interface &language:"), self.language)
        form.addRow(self.tr("Default &jurisdiction:"), self.jurisdiction)
        return box

    @staticmethod
    def _with_error(field: QWidget, error: QLabel) -> QWidget:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        column.addWidget(error)
        return holder

    def _env_note(self, layout: QVBoxLayout, variable: str) -> None:
        value = os.environ.get(variable, "").strip()
        if not value:
            return
        text = self.tr("{0} is set on this computer ({1}) and takes precedence over this setting.")
        note = QLabel(text.format(variable, connection.shown(value)))
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        layout.addWidget(note)

    # --- values ----------------------------------------------------------------------------

    def _load(self, settings: Settings) -> None:
        db = settings.db_url.strip()
        is_pg = "://" in db and not db.startswith("sqlite")
        (self.pg_radio if is_pg else self.sqlite_radio).setChecked(True)
        self.pg_url.setText(db if is_pg else "")
        if not is_pg:
            self.sqlite_path.setText(db.removeprefix("sqlite:///"))
        self._store_mode_changed()
        shared = settings.evidence_dir.strip()
        (self.evidence_shared if shared else self.evidence_default).setChecked(True)
        self.evidence_path.setText(shared)
        self._evidence_mode_changed()
        self.inspector_name.setText(settings.inspector_name)
        self.inspector_badge.setText(settings.inspector_badge)
        language = settings.language.strip() or "en"
        if self.language.findData(language) < 0:
            self.language.addItem(language, language)  # set elsewhere: keep it unless changed
        self.language.setCurrentIndex(self.language.findData(language))
        code = settings.default_jurisdiction.strip().upper()
        if code and self.jurisdiction.findData(code) < 0:
            self.jurisdiction.addItem(code, code)  # a code no shipped pack names: keep it
        self.jurisdiction.setCurrentIndex(max(self.jurisdiction.findData(code), 0))

    def _add_jurisdictions(self, known: Jurisdictions) -> None:
        for code in known.codes:
            if self.jurisdiction.findData(code) < 0:
                self.jurisdiction.addItem(code, code)

    def _db_value(self) -> str:
        """The store as settings keep it: "" for the default SQLite file."""
        if self.pg_radio.isChecked():
            return self.pg_url.text().strip()
        path = self.sqlite_path.text().strip()
        if not path:
            return ""
        if Path(path).expanduser() == core_settings.default_store_path():
            return ""
        return path

    def result_settings(self) -> Settings:
        """The settings as edited (not validated; see :meth:`validate`)."""
        return dataclasses.replace(
            self._original,
            db_url=self._db_value(),
            evidence_dir=self.evidence_path.text().strip()
            if self.evidence_shared.isChecked()
            else "",
            inspector_name=self.inspector_name.text().strip(),
            inspector_badge=self.inspector_badge.text().strip(),
            language=str(self.language.currentData() or "en"),
            default_jurisdiction=str(self.jurisdiction.currentData() or ""),
        )

    @staticmethod
    def changes(before: Settings, after: Settings) -> dict[str, bool]:
        """Which groups of settings differ, as the ``applied`` signal reports them."""
        return {
            "store": before.db_url.strip() != after.db_url.strip(),
            "evidence": before.evidence_dir.strip() != after.evidence_dir.strip(),
            "identity": (before.inspector_name, before.inspector_badge)
            != (after.inspector_name, after.inspector_badge),
            "language": (before.language or "en") != (after.language or "en"),
            "default_jurisdiction": before.default_jurisdiction != after.default_jurisdiction,
        }

    # --- validation ------------------------------------------------------------------------

    def validate(self) -> bool:
        """Check every field (core's rule), show each problem at its field; True when all
        are valid."""
        found = {p.field: p for p in check_settings(self.result_settings(), on_disk=True)}
        store = self._store_problem(found.get("db_url"))
        show_error(self.store_error, store)
        evidence = self._evidence_problem(found.get("evidence_dir"))
        show_error(self.evidence_error, evidence)
        name_problem = ""
        if "inspector_name" in found and found["inspector_name"].code == "badge_without_name":
            name_problem = self.tr("Enter the name that goes with the badge.")
        show_error(self.name_error, name_problem)
        badge_problem = ""
        if "inspector_badge" in found and found["inspector_badge"].code == "brackets":
            badge_problem = self.tr("A badge number cannot contain brackets.")
        show_error(self.badge_error, badge_problem)
        return not (store or evidence or name_problem or badge_problem)

    def _store_problem(self, found: core_settings.SettingProblem | None = None) -> str:
        if found is None:
            found = next((p for p in check_settings(self.result_settings(), on_disk=True)
                          if p.field == "db_url"), None)  # fmt: skip
        if self.pg_radio.isChecked():
            url = self.pg_url.text().strip()
            if not url:
                return self.tr("Enter the server's URL, e.g. postgresql://user@host:5432/zeromile.")
            if not url.lower().startswith(PG_SCHEMES):
                return self.tr("A PostgreSQL URL starts with postgresql://")
            if found is not None and found.code == "no_database":
                return self.tr("Add the database name at the end: postgresql://host/zeromile")
            return connection.shown(found.message) if found is not None else ""
        text = self.sqlite_path.text().strip()
        if "://" in text:
            return self.tr("Choose a file on this computer, or select the PostgreSQL server.")
        if found is not None and found.code == "is_dir":
            return self.tr("This is a folder; choose or type a file name for the store.")
        if found is not None and found.code == "no_folder":
            path = Path(text).expanduser()
            return self.tr("The folder {0} does not exist.").format(str(path.parent))
        return ""

    def _evidence_problem(self, found: core_settings.SettingProblem | None) -> str:
        if not self.evidence_shared.isChecked():
            return ""
        if not self.evidence_path.text().strip():
            return self.tr("Choose the shared evidence folder.")
        texts = {
            "missing": self.tr("The folder does not exist."),
            "not_a_folder": self.tr("This is a file, not a folder."),
            "not_writable": self.tr("This account cannot write to that folder."),
        }
        return texts.get(found.code, found.message) if found is not None else ""

    def accept(self) -> None:
        """Validate, save, report what changed, close. Invalid input keeps the dialog open."""
        if not self.validate():
            return
        new = self.result_settings()
        try:
            save_settings(new)
        except OSError as exc:
            self.banner.show_message(
                self.tr("The settings could not be saved: {0}").format(str(exc))
            )
            return
        changed = self.changes(self._original, new)
        self._original = new
        super().accept()
        self.applied.emit(changed)

    # --- interaction -----------------------------------------------------------------------

    def _store_mode_changed(self, _checked: bool = False) -> None:
        pg = self.pg_radio.isChecked()
        self.sqlite_box.setVisible(not pg)
        self.pg_box.setVisible(pg)
        self._store_edited()

    def _store_edited(self, _text: str = "") -> None:
        show_error(self.store_error, "")
        show_error(self.probe_result, "")

    def _evidence_mode_changed(self, _checked: bool = False) -> None:
        shared = self.evidence_shared.isChecked()
        self.evidence_path.setEnabled(shared)
        self.evidence_browse.setEnabled(shared)
        show_error(self.evidence_error, "")

    def _browse_store(self) -> None:
        current = self.sqlite_path.text().strip() or str(core_settings.default_store_path())
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Store file"),
            current,
            self.tr("ZeroMile store (*.db *.sqlite);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.sqlite_path.setText(path)
            self._store_edited()

    def _browse_evidence(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Shared evidence folder"), self.evidence_path.text().strip()
        )
        if folder:
            self.evidence_path.setText(folder)
            show_error(self.evidence_error, "")

    def _store_target(self) -> tuple[str, str]:
        """(mode, value to probe); the default SQLite file is named explicitly."""
        if self.pg_radio.isChecked():
            return "postgresql", self.pg_url.text().strip()
        path = self.sqlite_path.text().strip() or str(core_settings.default_store_path())
        return "sqlite", str(Path(path).expanduser())

    def test_connection(self) -> None:
        """Probe the store as entered, off the GUI thread; the answer appears at the field."""
        problem = self._store_problem()
        show_error(self.store_error, problem)
        if problem:
            show_error(self.probe_result, "")
            return
        target = self._store_target()
        value = target[1]  # plain data for the worker
        self.test_button.setEnabled(False)
        self._show_probe(self.tr("Testing…"), "busy")

        Op(connection.probe, target=value).label(self.tr("Testing the connection…")).key(
            ("probe", id(self))
        ).success(lambda result: self._probe_done(target, result)).failure(
            lambda failure: self._probe_failed(target, failure)
        ).run(self._runner)

    def _probe_done(self, target: tuple[str, str], result: ProbeResult) -> None:
        if not isValid(self):  # the dialog was closed meanwhile
            return
        self.test_button.setEnabled(True)
        if target != self._store_target():
            show_error(self.probe_result, "")  # the field changed meanwhile: a stale answer
            return
        text, tone = self.describe_probe(result)
        self._show_probe(text, tone)
        self.probe_result.setToolTip(result.message)

    def _probe_failed(self, target: tuple[str, str], failure: Failure) -> None:
        if not isValid(self):
            return
        self.test_button.setEnabled(True)
        if target == self._store_target():
            self._show_probe(connection.shown(failure.message), "bad")

    def _show_probe(self, text: str, tone: str) -> None:
        self.probe_result.setStyleSheet(PROBE_STYLES[tone])
        self.probe_result.setToolTip("")
        show_error(self.probe_result, text)

    def describe_probe(self, result: ProbeResult) -> tuple[str, str]:
        """A translated sentence for a probe result, and its tone (good, warn, bad)."""
        outcome = result.outcome
        if outcome is ProbeVerdict.NEW:
            return self.tr("No store here yet: a new store will be created in this file."), "good"
        if outcome is ProbeVerdict.EMPTY:
            text = self.tr("Connected. The database is empty: a new store will be created in it.")
            return text, "good"
        if outcome is ProbeVerdict.CURRENT:
            text = self.tr("Connected to a ZeroMile store (schema {0}, current).")
            return text.format(result.revision), "good"
        if outcome is ProbeVerdict.OLDER:
            text = self.tr(
                "Connected to a ZeroMile store at an older schema ({0}); "
                "it will be upgraded to {1} when opened."
            )
            return text.format(result.revision, result.head), "warn"
        if outcome is ProbeVerdict.NEWER:
            text = self.tr(
                "This store was made by a newer ZeroMile (schema {0}) and would be refused. "
                "Install the newer version."
            )
            return text.format(result.revision), "bad"
        if outcome is ProbeVerdict.FOREIGN:
            return self.tr("Not a ZeroMile store: it would be refused and left unchanged."), "bad"
        texts = {
            Reason.REFUSED: self.tr(
                "Cannot connect: nothing accepts connections at {0}. "
                "Is the server running, and is the port right?"
            ),
            Reason.TIMEOUT: self.tr(
                "Cannot connect: no answer from {0} in time. Check the host name and the network."
            ),
            Reason.HOST_NOT_FOUND: self.tr("Cannot connect: the host name in {0} was not found."),
            Reason.HOST_UNREACHABLE: self.tr(
                "Cannot connect: {0} is unreachable from this computer."
            ),
            Reason.AUTHENTICATION: self.tr(
                "Cannot connect: authentication failed for user {1} (wrong user name or password)."
            ),
            Reason.DATABASE_MISSING: self.tr(
                "Cannot connect: the database {2} does not exist on {0}. "
                "Ask the administrator to create it."
            ),
            Reason.FOLDER_MISSING: self.tr("The folder does not exist."),
            Reason.NOT_WRITABLE: self.tr(
                "This account cannot write there (a read-only file or folder)."
            ),
            Reason.NOT_A_FILE: self.tr(
                "This is a folder; choose or type a file name for the store."
            ),
            Reason.BAD_URL: self.tr(
                "Not a store location: use a SQLite file or a postgresql:// URL."
            ),
        }
        known = texts.get(result.reason)
        if known is None:
            return self.tr("Cannot use this store: {0}").format(result.message), "bad"
        return known.format(result.host, result.user, result.database), "bad"
