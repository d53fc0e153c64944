"""The import wizard: bring a declaration file into a case.

1. choose the file (and the sheet of a workbook);
2. preview the first rows and choose, per column, the field it fills (the detected
   mapping is preselected; columns not imported are greyed);
3. validate the whole file as the import would, listing every bad cell (row, column,
   value, reason) before anything is written. A bad cell is imported as unknown with its
   text kept beside the vehicle (the default), or the inspector types a correction in
   the list, which is checked again and passed to the import as ``corrections``; a row
   without a VIN is not imported. "Strict" refuses the whole file while a cell is bad;
4. import in one transaction, then run the rules on the case; the last page reports the
   bad cells imported as unknown.

The column rules are core's (:func:`core.declarations.mapping.check_choices`, the rule
the reader and the command line follow); reading, checking and importing are the use
cases of ``core.services.declaration_import``, run as ops (the preview in the reading
process, the check and the import in the worker process). The wizard holds no business
logic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from core.declarations.mapping import check_choices
from core.declarations.reader import CellError
from core.domain.fields import SHIPMENT_FIELDS, VEHICLE_FIELDS
from core.errors import Failure
from core.services.declaration_import import (
    Checked,
    Imported,
    Preview,
    check_file,
    import_file,
    preview,
)
from gui import labels, palette
from gui.operations import Changes, Op, Where
from gui.rows_model import RowsModel
from gui.widgets import (
    Banner,
    DeclarationFilePicker,
    OnCase,
    Tone,
    error_label,
    show_error,
    table_view,
)

#: Columns of the bad-cell list on the check page.
ROW, COLUMN, VALUE, REASON, CORRECTION, OUTCOME = range(6)
Cell = tuple[int, str]  # (row, canonical column)
#: What happens to a bad cell on import -> the background of its line.
BAD_COLOUR = palette.ERROR_BACKGROUND
UNKNOWN_COLOUR = palette.WARNING_BACKGROUND
FIXED_COLOUR = palette.OK_BACKGROUND


def field_choices() -> list[tuple[str, str]]:
    """(canonical column, translated label) for every column a header may be mapped to."""
    shipment_ref = next(s for s in SHIPMENT_FIELDS if s.name == "shipment_ref")
    specs = [shipment_ref, *VEHICLE_FIELDS]
    return [(s.name, QCoreApplication.translate("fields", s.label)) for s in specs]


def _set(item: QTableWidgetItem | None, text: str) -> None:
    if item is not None:
        item.setText(text)


class _Page(QWizardPage):
    """A page that runs one op at a time: a newer op of the page supersedes the older
    (its key), and the page is not complete while its op runs."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self._op: Op[Any] | None = None

    @property
    def running(self) -> bool:
        """Whether the page's op has not reported back yet."""
        return self._op is not None

    def start(
        self,
        op: Op[Any],
        done: Callable[[Any], None],
        failed: Callable[[Failure], None],
        cancelled: Callable[[], None] = lambda: None,
    ) -> None:
        """Run ``op``; its result goes to ``done``, a failure to ``failed``."""

        def ended(then: Callable[..., None]) -> Callable[..., None]:
            def end(*result: Any) -> None:
                self._op = None
                then(*result)
                self.completeChanged.emit()

            return end

        self._op = op.key(("import-wizard", id(self.owner), type(self).__name__))
        op.success(ended(done)).failure(ended(failed)).cancelled(ended(cancelled))
        self.completeChanged.emit()
        op.run(self.owner.runner)

    def forget(self) -> None:
        """Stop the op still running (the user went back); the page starts afresh."""
        if self._op is not None:
            self._op.cancel()


class FilePage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Declaration file"))
        self.setSubTitle(
            self.tr("Choose the .xlsx or .csv file to import into case {0}.").format(
                wizard.reference
            )
        )
        self.picker = DeclarationFilePicker(self.tr("Declaration file to import"), self)
        self.file, self.file_error, self.sheet = (
            self.picker.file, self.picker.error, self.picker.sheet)  # fmt: skip
        self.picker.changed.connect(self._file_changed)
        self.picker.add_to(QFormLayout(self))
        self._previewed: tuple[str, str | None] | None = None

    def path(self) -> Path:
        return self.picker.path()

    def sheet_name(self) -> str | None:
        return self.picker.sheet_name()

    def choose_file(self) -> None:
        self.picker.choose()

    def _file_changed(self) -> None:
        self._previewed = None
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return not self.running and self.picker.is_file()

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        """Read the preview off the GUI thread first; the page turns when it arrives."""
        key = (str(self.path()), self.sheet_name())
        if self._previewed == key:
            return True
        path, sheet = self.path(), self.sheet_name()

        def done(result: Preview) -> None:
            show_error(self.file_error, "")
            self.owner.set_preview(result)
            self._previewed = key
            self.owner.next()

        def failed(failure: Failure) -> None:
            show_error(self.file_error, failure.message)

        op = Op(preview, path=path, sheet=sheet).where(Where.READER)
        self.start(op.label(self.tr("Reading {0}").format(path.name)), done, failed)
        return False


class MappingPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(
            self.tr(
                "Check which field each column fills. Recognised columns are chosen already; "
                "grey columns are not imported."
            )
        )
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setHighlightSections(False)
        self.combos: list[QComboBox] = []
        self.problems = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        self._choices = field_choices()

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        data = self.owner.preview_data
        assert data is not None
        kept = self.owner.choices  # the choices made before, for the same header row
        same_file = kept is not None and len(kept) == len(data.headers)
        self.table.clear()
        self.combos = []
        self.table.setColumnCount(len(data.headers))
        self.table.setRowCount(len(data.rows) + 1)
        self.table.setHorizontalHeaderLabels(data.headers)
        self.table.setVerticalHeaderLabels([self.tr("Field"), *(str(r.row) for r in data.rows)])
        for column in range(len(data.headers)):
            combo = QComboBox()
            combo.setObjectName(f"mapping-{column}")
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
            combo.addItem(self.tr("— not imported —"), "")
            for name, label in self._choices:
                combo.addItem(f"{label} ({name})", name)
            chosen = kept[column] if same_file and kept else data.columns[column]
            combo.setCurrentIndex(max(combo.findData(chosen or ""), 0))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.table.setCellWidget(0, column, combo)
            self.combos.append(combo)
            for row, preview_row in enumerate(data.rows, start=1):
                self.table.setItem(row, column, QTableWidgetItem(preview_row.cells[column]))
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):
            self.table.setColumnWidth(column, min(max(self.table.columnWidth(column), 170), 260))
        self._mapping_changed()

    def choices(self) -> list[str | None]:
        """The field chosen for each column (None: not imported)."""
        return [combo.currentData() or None for combo in self.combos]

    def mapping(self) -> dict[str, str | None]:
        """The choices as the reader takes them (header text -> field), by core's rule."""
        data = self.owner.preview_data
        assert data is not None
        return check_choices(data.headers, self.choices()).mapping

    def _mapping_changed(self) -> None:
        data = self.owner.preview_data
        assert data is not None
        ignored_text = self.palette().color(QPalette.ColorRole.PlaceholderText)
        for column, name in enumerate(self.choices()):
            ignored = name is None
            for row in range(1, self.table.rowCount()):
                item = self.table.item(row, column)
                if item is not None:
                    item.setForeground(QBrush(ignored_text) if ignored else QBrush())
            header = self.table.horizontalHeaderItem(column)
            if header is not None:
                font = QFont(header.font())
                font.setItalic(ignored)
                font.setStrikeOut(ignored)
                header.setFont(font)
                header.setToolTip(self.tr("Not imported") if ignored else "")
        check = check_choices(data.headers, self.choices())
        names = dict(self._choices)
        problems = []
        if not check.has_vin:
            problems.append(self.tr("Choose the column that holds the VIN."))
        for name, headers in check.repeated:
            problems.append(
                self.tr("“{0}” is chosen for more than one column: {1}.").format(
                    names.get(name, name), ", ".join(headers)
                )
            )
        for column in check.unaddressable:
            problems.append(
                self.tr(
                    "Column {0} cannot be imported on its own: its header is empty or the same "
                    "as another column's. Rename it in the file."
                ).format(column + 1)
            )
        show_error(self.problems, "\n".join(problems))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return bool(self.combos) and not self.problems.text()

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        self.owner.mapping = self.mapping()
        self.owner.choices = self.choices()
        return True


class ValidationPage(_Page):
    """Checks the whole file; lists the bad cells with what the import will do with each.

    A bad cell is imported as unknown, its text kept (the default). Typing a value in its
    "Correction" cell checks the file again with every correction; a cell the correction
    fixes says what will be imported. ``corrections()`` is what the import receives.
    """

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Check"))
        self.setSubTitle(
            self.tr("Every row is checked as the import would; nothing is written yet.")
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.status = Banner(self)
        self.bad = QTableWidget(0, 6)
        self.bad.setObjectName("bad-cells")
        self.bad.setHorizontalHeaderLabels(
            [
                self.tr("Row"),
                self.tr("Column"),
                self.tr("As written"),
                self.tr("Reason"),
                self.tr("Correction"),
                self.tr("On import"),
            ]
        )
        self._correction_tip = self.tr(
            "Type the right value to fix the cell; leave it empty to import it as unknown"
        )
        header = self.bad.horizontalHeaderItem(CORRECTION)
        assert header is not None
        header.setToolTip(self._correction_tip)
        self.bad.verticalHeader().hide()
        self.bad.setEditTriggers(
            QTableWidget.EditTrigger.DoubleClicked
            | QTableWidget.EditTrigger.EditKeyPressed
            | QTableWidget.EditTrigger.AnyKeyPressed
            | QTableWidget.EditTrigger.SelectedClicked
        )
        self.bad.horizontalHeader().setStretchLastSection(True)
        self.bad.itemChanged.connect(self._correction_edited)
        self.bad.hide()
        self.strict = QCheckBox(self.tr("&Strict: refuse the whole file if any cell is bad"))
        self.strict.setToolTip(
            self.tr("Nothing is imported while the file has a bad cell; correct them first")
        )
        self.strict.toggled.connect(self._show_outcome)
        self.report_button = QPushButton(self.tr("Save the &report…"))
        self.report_button.setToolTip(
            self.tr("A workbook listing each bad cell, with the rows and the bad cells marked")
        )
        self.report_button.clicked.connect(self.save_report)
        self.report_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bad, 1)
        layout.addWidget(self.strict)
        layout.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignTrailing)
        layout.addStretch(0)
        self.result: Checked | None = None
        #: The bad cells of the file as it is (the first check, without corrections).
        self.original: list[CellError] | None = None
        self._fixes: dict[Cell, str] = {}
        self._checked_fixes: dict[Cell, str] | None = None
        self._filling = False
        self._keys: list[Cell] = []  # the (row, column) of each line of the list

    # --- checking ---------------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        self.result = None
        self.original = None
        self._fixes = {}
        self._checked_fixes = None
        self._fill_table([])
        self.report_button.hide()
        self._check()

    def corrections(self) -> list[tuple[int, str, str]]:
        """The inspector's fixes, as ``core.jobs`` takes them: (row, column, text)."""
        return [(row, column, text) for (row, column), text in sorted(self._fixes.items())]

    def _check(self) -> None:
        self.status.show_message(self.tr("Checking every row…"), tone="info")
        fixes = dict(self._fixes)
        op = Op(check_file, **self._arguments()).where(Where.WORKER)
        self.start(
            op.label(self.tr("Checking {0}").format(self.owner.path.name)),
            lambda found: self._checked(found, fixes),
            self._failed,
            lambda: self.status.show_message(self.tr("Check cancelled.")),
        )

    def _arguments(self, report: Path | None = None) -> dict[str, Any]:
        return {"path": str(self.owner.path), "sheet": self.owner.sheet,
                "mapping": dict(self.owner.mapping or {}),
                "corrections": self.corrections(),
                "report": str(report) if report else None}  # fmt: skip

    def save_report(self, target: Path | None = None) -> None:
        """Write the validation report (asks where unless ``target``)."""
        if target is None:
            suggested = self.owner.path.with_name(f"{self.owner.path.stem}-check.xlsx")
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the validation report"),
                str(suggested),
                self.tr("Excel workbook ({0})").format("*.xlsx"),
            )
            if not chosen:
                return
            target = Path(chosen)

        def saved(_result: Checked) -> None:
            self.status.show_message(self.tr("Report saved: {0}").format(target), tone="ok")

        op = Op(check_file, **self._arguments(target)).where(Where.WORKER)
        self.start(op.label(self.tr("Writing the report")), saved, self._failed)

    def cleanupPage(self) -> None:  # noqa: N802 - Qt API
        self.forget()

    def _checked(self, result: Checked, fixes: dict[Cell, str]) -> None:
        self.result = result
        self._checked_fixes = fixes
        if self.original is None:
            self.original = list(result.errors)
        known = {(e.row, e.column) for e in self.original}
        # a cell bad only now (the file changed meanwhile, say) is listed too
        self.original += [e for e in result.errors if (e.row, e.column) not in known]
        self._fill_table(self.original)
        self.report_button.setVisible(bool(self.original))
        self._show_outcome()

    def _failed(self, failure: Failure) -> None:
        self.status.show_message(failure.message)

    # --- the list of bad cells --------------------------------------------------------------

    def _fill_table(self, cells: list[CellError]) -> None:
        self._filling = True
        self._keys = [(cell.row, cell.column) for cell in cells]
        try:
            self.bad.setRowCount(len(cells))
            for i, cell in enumerate(cells):
                texts = {
                    ROW: str(cell.row),
                    COLUMN: labels.field_name(cell.column),
                    VALUE: cell.value,
                    REASON: cell.message,
                    CORRECTION: self._fixes.get((cell.row, cell.column), ""),
                    OUTCOME: "",
                }
                for column, text in texts.items():
                    item = self.bad.item(i, column) or QTableWidgetItem()
                    item.setText(text)
                    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                    if column == CORRECTION:
                        flags |= Qt.ItemFlag.ItemIsEditable
                        item.setToolTip(self._correction_tip)
                    item.setFlags(flags)
                    if column == COLUMN:
                        item.setToolTip(cell.column)
                    self.bad.setItem(i, column, item)
            self.bad.setVisible(bool(cells))
            if cells:
                self.bad.resizeColumnsToContents()
                for column in (VALUE, REASON):
                    self.bad.setColumnWidth(column, min(self.bad.columnWidth(column), 220))
                self.bad.setColumnWidth(CORRECTION, max(self.bad.columnWidth(CORRECTION), 120))
        finally:
            self._filling = False

    def set_correction(self, row: int, column: str, text: str) -> None:
        """Type ``text`` as the correction of the bad cell (``row``, ``column``), as the
        inspector does in the list ("" imports it as unknown); the file is checked again."""
        item = self.bad.item(self._keys.index((row, column)), CORRECTION)
        assert item is not None
        item.setText(text)

    def _correction_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != CORRECTION:
            return
        row, column = self._keys[item.row()]
        text = item.text().strip()
        if text:
            self._fixes[(row, column)] = text
        else:
            self._fixes.pop((row, column), None)
        if self._fixes != self._checked_fixes:
            self.result = None  # the import waits for the check of these corrections
            self._show_outcome()
            self._check()

    def _show_outcome(self) -> None:
        """What happens to each bad cell, and the banner summing it up."""
        result = self.result
        if result is None:
            self.completeChanged.emit()
            return
        still_bad = {(e.row, e.column): e for e in result.errors}
        strict = self.strict.isChecked()
        self._filling = True
        try:
            for i in range(self.bad.rowCount()):
                key = self._keys[i]
                bad = still_bad.get(key)
                if bad is None:
                    typed = self._fixes.get(key, "")
                    text, colour = self.tr("imported as “{0}”").format(typed), FIXED_COLOUR
                elif strict:
                    text, colour = self.tr("the file is refused (strict)"), BAD_COLOUR
                elif key[1] == "vin":
                    text, colour = self.tr("the row is not imported (no VIN)"), BAD_COLOUR
                else:
                    text, colour = self.tr("imported as unknown; text kept"), UNKNOWN_COLOUR
                items = [self.bad.item(i, column) for column in range(self.bad.columnCount())]
                if bad is not None:
                    _set(items[REASON], bad.message)
                _set(items[OUTCOME], text)
                for item in items:
                    if item is not None:
                        item.setBackground(QColor(colour))
        finally:
            self._filling = False
        fixed = len(self._fixes) - len([k for k in self._fixes if k in still_bad])
        if not result.errors:
            text = self.tr("Rows checked: {0}. No problems found; ready to import.").format(
                result.rows
            )
            if fixed:
                text += " " + self.tr("Cells corrected: {0}.").format(fixed)
            self.status.show_message(text, tone="ok")
        elif strict:
            self.status.show_message(
                self.tr(
                    "Rows checked: {0}. Bad cells: {1}. Strict: nothing can be imported "
                    "while a cell is bad; correct them below or clear “Strict”."
                ).format(result.rows, len(result.errors))
            )
        else:
            text = self.tr(
                "Rows checked: {0}. Bad cells: {1}. They will be imported as unknown, "
                "with their text kept beside the vehicle; rows without a VIN are not "
                "imported. To fix a cell, type its value under “Correction”: the file is "
                "checked again."
            ).format(result.rows, len(result.errors))
            if fixed:
                text += " " + self.tr("Cells corrected: {0}.").format(fixed)
            self.status.show_message(text, tone="warning")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        result = self.result
        return (
            not self.running
            and result is not None
            and result.rows > 0
            and not (self.strict.isChecked() and result.errors)
        )


class ImportPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Import"))
        self.setSubTitle(
            self.tr("The file is imported in one step: all of it or nothing. Then the rules run.")
        )
        self.setFinalPage(True)
        self.status = Banner(self)
        self.errors = RowsModel(
            [
                ("row", self.tr("Row")),
                ("column", self.tr("Column")),
                ("value", self.tr("Value")),
                ("message", self.tr("Reason")),
            ],
            shown={"column": labels.field_name},
        )
        self.view = table_view(self.errors)
        self.view.hide()
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.warnings)
        layout.addWidget(self.view, 1)
        layout.addStretch(0)
        self.result: Imported | None = None
        self._corrected = 0

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        owner = self.owner
        path = owner.path
        check = owner.validation_page
        self._corrected = len(check.corrections())
        self.status.show_message(self.tr("Importing…"), tone="info")
        op = Op(import_file, db=owner.db, reference=owner.reference, actor=owner.actor,
                path=str(path), sheet=owner.sheet, mapping=dict(owner.mapping or {}),
                corrections=check.corrections(), strict=check.strict.isChecked())  # fmt: skip
        op.where(Where.WORKER).label(
            self.tr("Importing {0} into {1}").format(path.name, owner.reference)
        ).changes(Changes(reference=owner.reference, records=True, evidence=True, findings=True))
        self.start(op, self._done, self._failed, self._cancelled)

    def _cancelled(self) -> None:
        self.status.show_message(self.tr("Import cancelled; nothing was written."))

    def _done(self, result: Imported) -> None:
        if result.summary is None:
            self.errors.set_rows([asdict(c) for c in result.refused])
            self.view.show()
            self.status.show_message(
                self.tr(
                    "The import was refused (strict) and nothing was written; the file has "
                    "bad cells:"
                )
            )
            return
        self.result = result
        s = result.summary
        lines = [
            self.tr("Vehicles added: {0}.").format(s.vehicles_added),
            self.tr("New shipments: {0}.").format(s.shipments_added),
            self.tr("Rows already in the case, skipped: {0}.").format(s.duplicates_skipped),
        ]
        bad = [e for e in s.errors if e.column != "vin"]
        if bad:
            lines.append(
                self.tr(
                    "Bad cells imported as unknown, their text kept with the vehicle: {0}."
                ).format(len(bad))
            )
        if s.rows_without_vin:
            lines.append(
                self.tr("Rows without a VIN, not imported: {0}.").format(s.rows_without_vin)
            )
        if self._corrected:
            lines.append(self.tr("Cells corrected before the import: {0}.").format(self._corrected))
        if result.classified:
            lines.append(
                self.tr("The rules were run: {0} new findings.").format(result.findings_added)
            )
        elif result.classify_error:
            lines.append(
                self.tr("The rules could not be run ({0}); run them from the case.").format(
                    result.classify_error
                )
            )
        else:
            lines.append(self.tr("The rules were not run (cancelled); run them from the case."))
        tone: Tone = "warning" if s.errors else "ok"
        self.status.show_message("\n".join(lines), tone=tone)
        if s.errors:
            self.errors.set_rows([asdict(e) for e in s.errors])
            self.view.show()
            self.view.resizeColumnsToContents()
            self.view.horizontalHeader().setStretchLastSection(True)
        if s.warnings:
            shown = s.warnings[:20]
            more = len(s.warnings) - len(shown)
            text = self.tr("Warnings:") + "\n" + "\n".join(shown)
            if more:
                text += "\n" + self.tr("… and {0} more.").format(more)
            self.warnings.setText(text)
            self.warnings.show()
        self.owner.imported.emit(self.owner.reference)

    def _failed(self, failure: Failure) -> None:
        self.status.show_message(self.tr("Nothing was imported: {0}").format(failure.message))

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return not self.running and self.result is not None


class ImportWizard(QWizard):
    """Import a declaration file into case ``reference`` of the store at ``db`` (its
    locator). ``imported`` fires with the reference once the vehicles are in the store.
    """

    imported = Signal(str)

    def __init__(self, on: OnCase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.runner, self.actor, self.reference = on.db, on.runner, on.actor, on.reference
        self.preview_data: Preview | None = None
        #: The reader's mapping of the chosen columns, and the choice for each column.
        self.mapping: dict[str, str | None] | None = None
        self.choices: list[str | None] | None = None
        self.setWindowTitle(self.tr("Import declarations into {0}").format(on.reference))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.validation_page = ValidationPage(self)
        self.import_page = ImportPage(self)
        for page in (self.file_page, self.mapping_page, self.validation_page, self.import_page):
            self.addPage(page)
        self.resize(860, 560)

    @property
    def path(self) -> Path:
        return self.file_page.path()

    @property
    def sheet(self) -> str | None:
        return self.file_page.sheet_name()

    def set_preview(self, data: Preview) -> None:
        if self.preview_data is None or self.preview_data.headers != data.headers:
            self.mapping = self.choices = None  # another layout: start from the detected one
        self.preview_data = data

    def busy(self) -> bool:
        pages = (self.file_page, self.mapping_page, self.validation_page, self.import_page)
        return any(p.running for p in pages)

    def reject(self) -> None:
        if self.busy():  # the progress dialog's Cancel stops the work
            return
        super().reject()
