"""The export dialog: write a case's PDF, workbook and/or hearing bundle.

The dialog only collects choices and shows results; ``core.services.exports.export`` does
the work, in an op of the window's runner (the worker process), with progress and Cancel.
Targets that exist already are shown at their field: nothing is ever overwritten.
When core refuses the export because findings are out of date, the dialog says which
vehicles and offers the two ways on: run the rules (then export), or export a draft that
core marks FINDINGS OUT OF DATE (``allow_stale``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import jobs
from core.errors import Failure
from core.services import exports
from core.services.exports import Exported
from gui.i18n import report_language
from gui.operations import Changes, Op, Where
from gui.widgets import Banner, OnCase, Tone, error_label, path_field, show_error

#: output key -> file suffix of the proposed name
OUTPUTS = (("pdf", ".pdf"), ("xlsx", ".xlsx"), ("bundle", "-bundle.zip"))
#: Out-of-date vehicles named in a message (the rest are counted).
VINS_NAMED = 10


def named_vins(vins: list[str]) -> str:
    """``vins`` joined for a message, the first :data:`VINS_NAMED` of them, then "…"."""
    shown = ", ".join(vins[:VINS_NAMED])
    return shown + (f", … (+{len(vins) - VINS_NAMED})" if len(vins) > VINS_NAMED else "")


def free_name(folder: Path, stem: str, suffix: str) -> str:
    """``stem+suffix``, or ``stem (2)+suffix`` … the first name not taken in ``folder``."""
    name = f"{stem}{suffix}"
    number = 2
    while (folder / name).exists():
        name = f"{stem} ({number}){suffix}"
        number += 1
    return name


class ExportDialog(QDialog):
    """Export the case ``on`` names. ``exported`` fires with the reference
    after files were written."""

    exported = Signal(str)
    #: The rules were run on the case from this dialog (its findings changed).
    rules_run = Signal(str)

    def __init__(self, on: OnCase, default_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._runner, self._actor = on.db, on.runner, on.actor
        self.reference = on.reference
        self.running = False
        self.result_data: Exported | None = None
        self.setWindowTitle(self.tr("Export case {0}").format(on.reference))

        # Outputs: a check box, a file name and an error label each.
        outputs = QGroupBox(self.tr("Outputs"))
        grid = QGridLayout(outputs)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(4)
        self.checks: dict[str, QCheckBox] = {}
        self.names: dict[str, QLineEdit] = {}
        self.name_errors: dict[str, QLabel] = {}
        self._edited: set[str] = set()
        titles = {
            "pdf": self.tr("&PDF case file"),
            "xlsx": self.tr("E&xcel workbook"),
            "bundle": self.tr("&Hearing bundle (.zip)"),
        }
        for row, (key, _suffix) in enumerate(OUTPUTS):
            check = QCheckBox(titles[key])
            check.setChecked(True)
            name = QLineEdit()
            name.setObjectName(f"name-{key}")
            name.setMinimumWidth(260)
            name.textEdited.connect(lambda _t, k=key: self._edited.add(k))
            name.textChanged.connect(self._check_fields)
            check.toggled.connect(name.setEnabled)
            check.toggled.connect(self._check_fields)
            errors = error_label()
            field = QVBoxLayout()
            field.setSpacing(2)
            field.addWidget(name)
            field.addWidget(errors)
            grid.addWidget(check, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addLayout(field, row, 1)
            self.checks[key], self.names[key], self.name_errors[key] = check, name, errors
        self.outputs_error = error_label()
        grid.addWidget(self.outputs_error, len(OUTPUTS), 0, 1, 2)

        # Language and destination.
        self.language = QComboBox()
        self.language.addItem(self.tr("English"), "en")
        self.language.addItem(self.tr("Русский"), "ru")
        self.language.setCurrentIndex(self.language.findData(report_language()))
        self.folder = QLineEdit(str(default_folder))
        self.folder.setObjectName("folder")
        self.folder.textChanged.connect(self._folder_changed)
        folder_box, self.folder_error = path_field(self.folder, self.choose_folder)
        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        folder_label = QLabel(self.tr("&Folder:"))
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_box)

        # Outcome: a banner (refusal, error, success) and the files produced.
        self.banner = Banner(self)
        # Findings out of date: the two ways on, shown with that refusal only.
        self.run_rules_button = QPushButton(self.tr("&Run the rules, then export"))
        self.run_rules_button.clicked.connect(self.run_rules_then_export)
        self.draft_button = QPushButton(self.tr("Export a &draft marked FINDINGS OUT OF DATE"))
        self.draft_button.clicked.connect(lambda: self.export(allow_stale=True))
        self.stale_actions = QWidget()
        stale_row = QHBoxLayout(self.stale_actions)
        stale_row.setContentsMargins(0, 0, 0, 0)
        stale_row.addWidget(self.run_rules_button)
        stale_row.addWidget(self.draft_button)
        stale_row.addStretch(1)
        self.stale_actions.hide()
        self.files = QTableWidget(0, 3)
        self.files.setHorizontalHeaderLabels([self.tr("Output"), self.tr("File"), self.tr("Size")])
        self.files.verticalHeader().hide()
        self.files.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.files.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.files.hide()
        self.manifest = QLabel()
        self.manifest.setWordWrap(True)
        self.manifest.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.manifest.hide()

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button = self.buttons.addButton(
            self.tr("&Open folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.reject)
        self.export_button.clicked.connect(lambda: self.export())
        self.open_button.clicked.connect(self.open_folder)
        self.export_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(outputs)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(self.stale_actions)
        layout.addWidget(self.files, 1)
        layout.addWidget(self.manifest)
        layout.addStretch(1)  # keeps the form at the top until results show
        layout.addWidget(self.buttons)
        self.resize(640, 420)
        self._propose_names()
        self._check_fields()

    # --- fields ------------------------------------------------------------------------------

    def folder_path(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def targets(self) -> dict[str, Path]:
        """The chosen outputs and where each would be written."""
        folder = self.folder_path()
        return {
            key: folder / self.names[key].text().strip()
            for key, _ in OUTPUTS
            if self.checks[key].isChecked()
        }

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the exported files"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def _folder_changed(self) -> None:
        self._propose_names()
        self._check_fields()

    def _propose_names(self) -> None:
        """Names from the reference, first free ones in the folder (unless typed by hand)."""
        folder = self.folder_path()
        for key, suffix in OUTPUTS:
            if key not in self._edited:
                self.names[key].setText(free_name(folder, self.reference, suffix))

    def _check_fields(self) -> bool:
        """Show each problem at its field; true when the export can start."""
        ok = True
        folder = self.folder_path()
        folder_ok = bool(self.folder.text().strip()) and folder.is_dir()
        show_error(self.folder_error, "" if folder_ok else self.tr("This folder does not exist."))
        ok &= folder_ok
        chosen = [key for key, _ in OUTPUTS if self.checks[key].isChecked()]
        show_error(self.outputs_error, "" if chosen else self.tr("Choose at least one output."))
        ok &= bool(chosen)
        seen: set[str] = set()
        for key, _ in OUTPUTS:
            text = self.names[key].text().strip()
            message = ""
            if self.checks[key].isChecked():
                if not text or "/" in text or "\\" in text or text in (".", ".."):
                    message = self.tr("Give a file name (without a folder).")
                elif folder_ok and (folder / text).exists():
                    message = self.tr(
                        "A file with this name exists already; it is never overwritten. "
                        "Choose another name."
                    )
                elif text in seen:
                    message = self.tr("Two outputs cannot have the same name.")
                seen.add(text)
            show_error(self.name_errors[key], message)
            ok &= not message
        self.export_button.setEnabled(ok and not self.running)
        return ok

    # --- export ------------------------------------------------------------------------------

    def export(self, *, allow_stale: bool = False) -> None:
        """Export the chosen outputs; ``allow_stale`` asks core for a draft marked FINDINGS
        OUT OF DATE when findings are out of date (else core refuses)."""
        if self.running or not self._check_fields():
            return
        targets = self.targets()  # plain data for the worker
        self._set_running(True)
        self.banner.hide()
        self.stale_actions.hide()
        Op(exports.export, db=self._db, reference=self.reference, actor=self._actor,
           lang=str(self.language.currentData()), allow_stale=allow_stale,
           **{key: (str(targets[key]) if targets.get(key) else None)
              for key in ("pdf", "xlsx", "bundle")}
        ).where(Where.WORKER).label(self.tr("Exporting case {0}").format(self.reference)).changes(
            Changes(reference=self.reference, case=True)
        ).success(self._finished).failure(self._failed).cancelled(self._cancelled
        ).run(self._runner)  # fmt: skip

    def run_rules_then_export(self) -> None:
        """Run the rules on the case (core's classify job), then export again."""
        if self.running:
            return
        self._set_running(True)
        self.stale_actions.hide()

        def classified(_counts: object) -> None:
            self._set_running(False)
            self.rules_run.emit(self.reference)
            self.export()

        Op(jobs.classify, db=self._db, reference=self.reference, actor=self._actor).where(
            Where.WORKER
        ).label(self.tr("Running the rules")).changes(
            Changes(reference=self.reference, findings=True)
        ).success(classified).failure(self._failed).cancelled(
            lambda: self._set_running(False)
        ).run(self._runner)  # fmt: skip

    def _set_running(self, running: bool) -> None:
        self.running = running
        for widget in (*self.checks.values(), *self.names.values(), self.folder, self.language):
            widget.setEnabled(not running)
        for key in self.names:
            self.names[key].setEnabled(not running and self.checks[key].isChecked())
        self._check_fields()

    def _banner(self, text: str, tone: Tone) -> None:
        self.banner.show_message(text, tone=tone)

    def _failed(self, failure: Failure) -> None:
        self._set_running(False)
        self._banner(self.tr("Nothing was exported: {0}").format(failure.message), "error")

    def _cancelled(self) -> None:
        self._set_running(False)
        self._banner(self.tr("Export cancelled; no file was written."), "error")

    def _finished(self, result: Exported) -> None:
        self._set_running(False)
        if result.refused and not result.altered:
            vins = list(result.out_of_date)
            self._banner(
                self.tr(
                    "Export refused: the findings of {0} vehicle(s) are out of date ({1}), "
                    "so no file was written. Run the rules to bring them up to date, or "
                    "export a draft marked FINDINGS OUT OF DATE."
                ).format(len(vins), named_vins(vins)),
                "error",
            )
            self.stale_actions.show()
            return
        if result.refused:
            detail = result.refused
            if detail.lower().startswith("export refused: "):
                detail = detail[len("export refused: ") :]
            self._banner(
                self.tr(
                    "Export refused: evidence of this case no longer matches its recorded "
                    "hashes, so no file was written. Verify the evidence and report the "
                    "alteration.\n\n{0}"
                ).format(detail),
                "error",
            )
            return
        self.result_data = result
        self.close_button.setDefault(True)  # Enter now closes; it does not export again
        kinds = {
            "pdf": self.tr("PDF case file"),
            "xlsx": self.tr("Excel workbook"),
            "bundle": self.tr("Hearing bundle"),
        }
        locale = QLocale()
        self.files.setRowCount(len(result.files))
        for row, (key, path, size) in enumerate(result.files):
            texts = (kinds[key], Path(path).name, locale.formattedDataSize(size))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(path)
                self.files.setItem(row, column, item)
        self.files.show()
        box = self.layout()
        assert isinstance(box, QVBoxLayout)
        box.setStretch(box.indexOf(self.manifest) + 1, 0)
        self.resize(max(self.width(), 680), max(self.height(), 520))
        message = self.tr("{0} files written.").format(len(result.files))
        stale = list(result.out_of_date)
        if stale:
            message += " " + self.tr(
                "A draft: marked FINDINGS OUT OF DATE for {0} vehicle(s) ({1})."
            ).format(len(stale), named_vins(stale))
        if not result.audit_ok:
            message += " " + self.tr(
                "Warning: the audit trail did not verify; the integrity statement says so."
            )
        tone: Tone = "ok" if result.audit_ok and not stale else "warning"
        self._banner(message, tone if result.audit_ok else "error")
        if result.manifest_sha256:
            self.manifest.setText(
                self.tr("Bundle manifest SHA-256: {0}").format(result.manifest_sha256)
            )
            self.manifest.show()
        else:
            self.manifest.hide()
        self.open_button.show()
        self._edited.clear()
        self._propose_names()  # the names just used are taken now
        self.exported.emit(self.reference)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder_path())))

    def reject(self) -> None:
        if self.running:  # the progress dialog's Cancel stops the export
            return
        super().reject()
