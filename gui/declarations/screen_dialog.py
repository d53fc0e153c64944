"""The screening dialog: apply the rules to a declaration file without a case.

``core.services.screening.screen`` does the work in the worker process (an op with
progress and Cancel); the dialog shows the summary and the flagged rows, and saves the
report workbook (``screening.save``, in the same process, which keeps the report).
Nothing is written to the store.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.errors import Failure
from core.services import screening
from core.services.rule_packs import Jurisdictions, known_jurisdictions
from core.services.screening import Screened
from gui import labels, palette
from gui.operations import Op, OperationRunner, Where
from gui.rows_model import RowsModel
from gui.widgets import Banner, DeclarationFilePicker, show_error, table_view


class ScreenDialog(QDialog):
    """Screen one declaration file. ``db`` (a store locator, may be None) is consulted for
    DUP-VIN and for the store's rule packs only."""

    def __init__(
        self,
        db: str | None,
        runner: OperationRunner,
        default_jurisdiction: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._runner = db, runner
        self.running = False
        #: The token of the last screening; its report stays in the worker process.
        self.report: str | None = None
        self._token = ""
        self._op: Op[Any] | None = None
        self.summary: dict[str, Any] = {}
        #: The rule packs the screening applied, when one jurisdiction was chosen.
        self.chosen: list[str] | None = None
        self.setWindowTitle(self.tr("Screen a declaration file"))

        self.picker = DeclarationFilePicker(self.tr("Declaration file to screen"), self)
        self.file, self.file_error, self.sheet = (
            self.picker.file,
            self.picker.error,
            self.picker.sheet,
        )
        self.file.setPlaceholderText(self.tr("A declaration file (.xlsx or .csv)"))
        self.picker.changed.connect(self._file_changed)

        self.jurisdiction = QComboBox()
        self._packs_for: dict[str, tuple[str, ...]] = {}
        self._default = default_jurisdiction.strip().upper()
        self.jurisdiction.addItem(self.tr("Each row's destination country"), "")
        self._fill_jurisdictions(known_jurisdictions(None))  # the shipped packs: no store
        if db is not None:  # the store's own packs too, read in the reading process
            Op(known_jurisdictions, db=db).where(Where.READER).key(("jurisdictions", id(self))
                ).success(self._fill_jurisdictions).run(runner)  # fmt: skip

        form = QFormLayout()
        self.picker.add_to(form)
        form.addRow(self.tr("&Rules of:"), self.jurisdiction)

        self.banner = Banner(self)

        self.flagged = RowsModel(
            [
                ("row", self.tr("Row")),
                ("vin", "VIN"),
                ("worst_text", self.tr("Worst severity")),
                ("rules", self.tr("Rules fired")),
            ],
            colour=lambda r: palette.SEVERITY_BACKGROUNDS.get(r["worst"] or ""),
        )
        self.cell_errors = RowsModel(
            [
                ("row", self.tr("Row")),
                ("column", self.tr("Column")),
                ("value", self.tr("Value")),
                ("message", self.tr("Reason")),
            ]
        )
        self.tabs = QTabWidget()
        self.flagged_view = table_view(self.flagged)
        self.tabs.addTab(self.flagged_view, self.tr("Flagged rows"))
        self.tabs.addTab(table_view(self.cell_errors), self.tr("Unreadable cells"))
        self.tabs.hide()

        self.buttons = QDialogButtonBox()
        self.screen_button = self.buttons.addButton(
            self.tr("&Screen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button = self.buttons.addButton(
            self.tr("Save &report…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setEnabled(False)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        self.screen_button.clicked.connect(self.run_screening)
        self.save_button.clicked.connect(lambda: self.save_report())
        self.screen_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addStretch(1)  # keeps the form at the top until results show
        layout.addWidget(self.buttons)
        self.resize(720, 300)
        self._file_changed()

    # --- choices -----------------------------------------------------------------------------

    def _fill_jurisdictions(self, known: Jurisdictions) -> None:
        """Each row's own destination, or one jurisdiction's packs for every row; what is
        chosen stays chosen (the default until the inspector chooses)."""
        chosen = self.jurisdiction.currentData() if self.jurisdiction.count() > 1 else None
        packs_for = dict(known.packs_for)
        if len(self._default) == 2:
            packs_for.setdefault(self._default, ())
        self._packs_for = packs_for
        while self.jurisdiction.count() > 1:
            self.jurisdiction.removeItem(1)
        for code in sorted(packs_for):
            self.jurisdiction.addItem(
                self.tr("{0} (packs: {1})").format(code, ", ".join(packs_for[code])), code
            )
        wanted = self._default if chosen is None else chosen
        index = self.jurisdiction.findData(wanted) if wanted else 0
        self.jurisdiction.setCurrentIndex(max(index, 0))

    def choose_file(self) -> None:
        self.picker.choose()

    def path(self) -> Path:
        return self.picker.path()

    def _file_changed(self) -> None:
        self.screen_button.setEnabled(self.picker.is_file() and not self.running)

    # --- screening ---------------------------------------------------------------------------

    def run_screening(self) -> None:
        if self.running or not self.picker.is_file():
            return
        path = self.path()
        code = str(self.jurisdiction.currentData() or "")
        pack_ids = self._packs_for.get(code) if code else None
        self._token = uuid.uuid4().hex
        self._set_running(True)
        self.banner.hide()
        self._op = (
            Op(screening.screen, db=self._db, path=str(path), sheet=self.picker.sheet_name(),
               pack_ids=list(pack_ids) if pack_ids else None, token=self._token)
            .where(Where.WORKER).label(self.tr("Screening {0}").format(path.name))
            .success(self._screened).failure(self._failed).cancelled(self._cancelled)
            .run(self._runner)
        )  # fmt: skip

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.file.setEnabled(not running)
        self.jurisdiction.setEnabled(not running)
        self.screen_button.setEnabled(not running and self.picker.is_file())
        self.save_button.setEnabled(not running and self.report is not None)

    def _cancelled(self) -> None:
        self._set_running(False)
        self.banner.show_message(self.tr("Screening cancelled."))

    def _failed(self, failure: Failure) -> None:
        self._set_running(False)
        show_error(self.file_error, failure.message)  # an unreadable file: the field's problem

    def _screened(self, result: Screened) -> None:
        self.report = result.token
        self.summary, self.chosen = result.summary, result.chosen
        self._set_running(False)
        show_error(self.file_error, "")
        rows = [
            asdict(r) | {"rules": list(r.rules), "worst_text": labels.severity(r.worst)}
            for r in result.flagged
        ]
        self.flagged.set_rows(rows)
        self.cell_errors.set_rows([asdict(e) for e in result.errors])
        summary = result.summary
        worst = rows[0]["worst"] if rows else None  # the core sorts the worst first
        text = self.tr("Rows screened: {0}. Flagged: {1}.").format(
            summary["rows"], summary["flagged"]
        )
        if worst:
            text += " " + self.tr("Worst severity: {0}.").format(labels.severity(worst))
        if summary["cell_errors"]:
            text += " " + self.tr(
                "Unreadable cells: {0} (those facts were treated as unknown)."
            ).format(summary["cell_errors"])
        self.banner.show_message(text, tone="warning" if rows else "ok")
        self.tabs.setTabText(0, self.tr("Flagged rows ({0})").format(len(rows)))
        self.tabs.setTabText(1, self.tr("Unreadable cells ({0})").format(len(result.errors)))
        self.tabs.show()
        box = self.layout()
        assert isinstance(box, QVBoxLayout)
        box.setStretch(box.indexOf(self.tabs) + 1, 0)
        self.flagged_view.resizeColumnsToContents()
        self.flagged_view.horizontalHeader().setStretchLastSection(True)
        self.resize(max(self.width(), 760), max(self.height(), 520))

    def save_report(self, target: Path | None = None) -> None:
        """Write the screened sheet back with findings (asks where unless ``target``)."""
        if self.report is None or self.running:
            return
        if target is None:
            suggested = self.path().with_name(f"{self.path().stem}-screening.xlsx")
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the screening report"),
                str(suggested),
                self.tr("Excel workbook ({0})").format("*.xlsx"),
            )
            if not chosen:
                return
            target = Path(chosen)
            if target.suffix.lower() != ".xlsx":
                target = target.with_name(target.name + ".xlsx")

        def saved(path: str) -> None:
            self._set_running(False)
            self.banner.show_message(self.tr("Report saved: {0}").format(path), tone="ok")

        def failed(failure: Failure) -> None:
            self._set_running(False)
            self.banner.show_message(
                self.tr("The report was not saved: {0}").format(failure.message)
            )

        self._set_running(True)
        self._op = (
            Op(screening.save, token=self.report, out=str(target)).where(Where.WORKER)
            .label(self.tr("Saving the screening report")).success(saved).failure(failed)
            .cancelled(lambda: self._set_running(False)).run(self._runner)
        )  # fmt: skip

    def reject(self) -> None:
        if self.running:  # the progress dialog's Cancel stops the work
            return
        super().reject()
