"""The screening dialog: apply the rules to a declaration file without a case.

``core.jobs.screen`` does the work in the worker process (progress and
cancel through the runner); the dialog shows the summary and the flagged rows, and saves
the report workbook (``write_screening_xlsx``). Nothing is written to the store.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import jobs
from core.persistence.store import Store
from core.persistence.unit_of_work import reading
from core.rules.engine import PackSet
from core.services.declaration_import import sheet_names
from core.services.rule_packs import packs_in_force
from core.services.screening import SEVERITY_ORDER
from gui import labels
from gui.operations import OperationRunner
from gui.rows_model import RowsModel
from gui.widgets import (
    BANNER_STYLE,
    OK_STYLE,
    SEVERITY_COLOURS,
    WARN_STYLE,
    path_field,
    show_error,
)

FILE_FILTER = "*.xlsx *.csv"


def table_view(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    return view


class ScreenDialog(QDialog):
    """Screen one declaration file. ``store`` (may be None) is consulted for DUP-VIN only."""

    def __init__(
        self,
        store: Store | None,
        runner: OperationRunner,
        default_jurisdiction: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store, self._runner = store, runner
        self.running = False
        #: The token of the last screening; its report stays in the worker process.
        self.report: str | None = None
        self._token = ""
        self.summary: dict[str, Any] = {}
        #: The rule packs the screening applied, when one jurisdiction was chosen.
        self.chosen: list[str] | None = None
        self.setWindowTitle(self.tr("Screen a declaration file"))

        self.file = QLineEdit()
        self.file.setObjectName("file")
        self.file.setPlaceholderText(self.tr("A declaration file (.xlsx or .csv)"))
        self.file.textChanged.connect(self._file_changed)
        file_box, self.file_error = path_field(self.file, self.choose_file)
        self.sheet = QComboBox()
        self.sheet.setEnabled(False)

        self.jurisdiction = QComboBox()
        self._packs_for: dict[str, list[str]] = {}
        self._fill_jurisdictions(default_jurisdiction.strip().upper())

        form = QFormLayout()
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.file)
        form.addRow(file_label, file_box)
        form.addRow(self.tr("&Sheet:"), self.sheet)
        form.addRow(self.tr("&Rules of:"), self.jurisdiction)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()

        self.flagged = RowsModel(
            [
                ("row", self.tr("Row")),
                ("vin", "VIN"),
                ("worst_text", self.tr("Worst severity")),
                ("rules", self.tr("Rules fired")),
            ],
            colour=lambda r: SEVERITY_COLOURS.get(r["worst"] or ""),
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

    def _fill_jurisdictions(self, default: str) -> None:
        """Each row's own destination, or one jurisdiction's packs for every row."""
        if self._store is not None:
            with reading(self._store) as session:
                packs: PackSet = packs_in_force(session)
        else:
            packs = packs_in_force(None)
        codes = {d for p in packs.packs for d in p.destinations if d != "*"}
        if len(default) == 2:
            codes.add(default)
        self.jurisdiction.addItem(self.tr("Each row's destination country"), "")
        for code in sorted(codes):
            ids = [p.id for p in packs.packs if p.applies_to(code)]
            self._packs_for[code] = ids
            self.jurisdiction.addItem(
                self.tr("{0} (packs: {1})").format(code, ", ".join(ids)), code
            )
        index = self.jurisdiction.findData(default) if default else 0
        self.jurisdiction.setCurrentIndex(max(index, 0))

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Declaration file to screen"),
            self.file.text(),
            self.tr("Declaration files ({0})").format(FILE_FILTER),
        )
        if chosen:
            self.file.setText(chosen)

    def path(self) -> Path:
        return Path(self.file.text().strip()).expanduser()

    def _file_changed(self) -> None:
        text = self.file.text().strip()
        path = self.path()
        ok = bool(text) and path.is_file()
        show_error(self.file_error, "" if ok or not text else self.tr("There is no such file."))
        sheets = sheet_names(path) if ok else []
        self.sheet.clear()
        for name in sheets:
            self.sheet.addItem(name, name)
        self.sheet.setEnabled(len(sheets) > 1)
        self.screen_button.setEnabled(ok and not self.running)

    # --- screening ---------------------------------------------------------------------------

    def run_screening(self) -> None:
        if self.running or not self.path().is_file():
            return
        path = self.path()
        code = str(self.jurisdiction.currentData() or "")
        pack_ids = self._packs_for.get(code) if code else None
        self._token = uuid.uuid4().hex
        kwargs = {
            "db": jobs.locator(self._store) if self._store is not None else None,
            "path": str(path),
            "sheet": self.sheet.currentData() if self.sheet.count() > 1 else None,
            "pack_ids": list(pack_ids) if pack_ids else None,
            "token": self._token,
        }
        self._set_running(True)
        self.banner.hide()
        self._runner.run_job(
            self.tr("Screening {0}").format(path.name),
            jobs.screen,
            kwargs,
            self._screened,
            on_failure=self._failed,
        )

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.file.setEnabled(not running)
        self.jurisdiction.setEnabled(not running)
        self.screen_button.setEnabled(not running and self.path().is_file())
        self.save_button.setEnabled(not running and self.report is not None)

    def _banner(self, text: str, style: str) -> None:
        self.banner.setStyleSheet(style)
        self.banner.setText(text)
        self.banner.show()

    def _failed(self, message: str) -> None:
        self._set_running(False)
        show_error(self.file_error, message)  # an unreadable file is a problem of the field

    def _screened(self, result: dict[str, Any]) -> None:
        if result.get("cancelled"):
            self._set_running(False)
            self._banner(self.tr("Screening cancelled."), BANNER_STYLE)
            return
        self.report = self._token
        self.summary, self.chosen = result["summary"], result["chosen"]
        self._set_running(False)
        show_error(self.file_error, "")
        rows = [r | {"worst_text": labels.severity(r["worst"])} for r in result["flagged"]]
        rows.sort(key=lambda r: (SEVERITY_ORDER.get(r["worst"], 9), r["row"]))
        self.flagged.set_rows(rows)
        self.cell_errors.set_rows(result["errors"])
        summary = result["summary"]
        worst = min(
            (r["worst"] for r in rows if r["worst"]),
            key=SEVERITY_ORDER.__getitem__,
            default=None,
        )
        text = self.tr("Rows screened: {0}. Flagged: {1}.").format(
            summary["rows"], summary["flagged"]
        )
        if worst:
            text += " " + self.tr("Worst severity: {0}.").format(labels.severity(worst))
        if summary["cell_errors"]:
            text += " " + self.tr(
                "Unreadable cells: {0} (those facts were treated as unknown)."
            ).format(summary["cell_errors"])
        self._banner(text, WARN_STYLE if rows else OK_STYLE)
        self.tabs.setTabText(0, self.tr("Flagged rows ({0})").format(len(rows)))
        self.tabs.setTabText(1, self.tr("Unreadable cells ({0})").format(len(result["errors"])))
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
        kwargs = {"token": self.report, "out": str(target)}

        def saved(path: str) -> None:
            self._set_running(False)
            self._banner(self.tr("Report saved: {0}").format(path), OK_STYLE)

        def failed(message: str) -> None:
            self._set_running(False)
            self._banner(self.tr("The report was not saved: {0}").format(message), BANNER_STYLE)

        self._set_running(True)
        self._runner.run_job(
            self.tr("Saving the screening report"),
            jobs.save_screening,
            kwargs,
            saved,
            on_failure=failed,
        )

    def reject(self) -> None:
        if self.running:  # the progress dialog's Cancel stops the work
            return
        super().reject()
