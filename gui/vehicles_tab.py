"""The "Shipments & Vehicles" tab of the case workspace: tables plus an editing form.

The tables show the case's shipments and vehicles; the form below edits the selected
record (or a new one). Saving runs through the window's runner in one unit of work,
with the version the inspector saw (optimistic concurrency). Nothing typed is ever
dropped: a refused value is shown at its field, a conflicting edit or a store error
(a lost PostgreSQL connection, say) is shown in a banner above the form, and the form
keeps its content. Leaving a record with unsaved edits asks first.

A vehicle is recorded as declared: a malformed VIN is saved (and marked in the table),
and what the declaration said where the stored value does not say it all (an
unreadable cell, an ambiguous number, a corrected cell) is shown read-only above the
form, as core kept it. Vehicles whose findings are out of date are marked too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.domain.fields import SHIPMENT_FIELDS, VEHICLE_FIELDS, FieldSpec
from core.errors import ConflictError, UserFacingError, ValidationError
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, shipments, vehicles, views
from gui import labels
from gui.field_widgets import FieldForm, field_label
from gui.operations import OperationRunner, Work
from gui.record_forms import ShipmentForm, VehicleForm
from gui.rows_model import CellMark, RowsModel
from gui.widgets import ATTENTION_COLOUR, STALE_BACKGROUND, tint, warning_icon

SHIPMENT = "shipment"
VEHICLE = "vehicle"
ERROR_BACKGROUND = "#F8D7DA"
INFO_BACKGROUND = "#DCEBF7"
WARNING_BACKGROUND = "#FFF3CD"

Record = tuple[str, int | None]  # (kind, id); id None = a new record


def save_record_op(
    store: Store,
    actor: str,
    *,
    reference: str,
    kind: str,
    record_id: int | None,
    expected_version: int | None,
    changes: dict[str, object],
    shipment_id: int | None = None,
    typed: dict[str, str] | None = None,
) -> Work:
    """The work of saving one shipment or vehicle (new when ``record_id`` is None).

    ``typed`` is the text the user typed per changed vehicle field (core keeps it where
    the value does not say it all, e.g. an ambiguous ``1,234``).
    Runs on the worker; takes and returns plain data only. Returns a dict with
    ``outcome``: ``saved`` (``id``, ``warnings`` as (field, message)), ``invalid``
    (``problems``), ``conflict`` (``message``) or ``gone``. Other store errors raise.
    """

    def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
        try:
            with unit_of_work(store, actor=actor) as session:
                case = cases.get_case(session, reference)
                if kind == SHIPMENT:
                    if record_id is None:
                        saved_id = shipments.add_shipment(session, case, changes).id
                    else:
                        shipment = shipments.find_shipment(session, case, str(record_id))
                        shipments.update_shipment(
                            session, shipment, changes, expected_version=expected_version
                        )
                        saved_id = shipment.id
                    return {"outcome": "saved", "kind": kind, "id": saved_id, "warnings": []}
                if record_id is None:
                    target = (
                        shipments.find_shipment(session, case, str(shipment_id))
                        if shipment_id is not None
                        else None
                    )
                    result = vehicles.add_vehicle(
                        session, case, changes, shipment=target, typed=typed
                    )
                else:
                    vehicle = next(
                        (v for v in vehicles.list_vehicles(session, case) if v.id == record_id),
                        None,
                    )
                    if vehicle is None:
                        return {"outcome": "gone"}
                    result = vehicles.update_vehicle(
                        session,
                        case,
                        vehicle,
                        changes,
                        expected_version=expected_version,
                        typed=typed,
                    )
                return {
                    "outcome": "saved",
                    "kind": kind,
                    "id": result.vehicle.id,
                    "warnings": [(w.field, w.message) for w in result.warnings],
                }
        except ValidationError as exc:
            return {"outcome": "invalid", "problems": list(exc.problems)}
        except ConflictError as exc:
            current = {k: "" if v is None else str(v) for k, v in exc.current.items()}
            return {"outcome": "conflict", "message": str(exc), "current": current}

    return work


class Banner(QFrame):
    """A message above the form, with the actions that fit it (retry, keep my edits)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("&Retry"), self)
        self.merge_button = QPushButton(self.tr("&Keep my edits on the current version"), self)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        self.dismiss_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.retry_button)
        row.addWidget(self.merge_button)
        row.addWidget(self.dismiss_button)
        self.hide()

    def show_message(
        self, text: str, *, colour: str = ERROR_BACKGROUND, retry: bool = False, merge: bool = False
    ) -> None:
        tint(self, colour)
        self.label.setText(text)
        self.retry_button.setVisible(retry)
        self.merge_button.setVisible(merge)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisibleTo(self.parentWidget() or self) else ""


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setResizeContentsPrecision(40)  # size columns by the first rows
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(22)
    return view


class VehiclesTab(QWidget):
    """Shipments and vehicles of one case, with a form for the selected record.

    ``changed`` fires after this tab changed the store. The owner calls
    ``show_case(reference)``; before switching cases or closing it asks
    ``ask_to_leave()`` (or checks ``has_unsaved_changes()``).
    """

    changed = Signal()

    def __init__(
        self, store: Store, runner: OperationRunner, actor: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store, self._runner, self._actor = store, runner, actor
        self.reference: str | None = None
        self._detail: dict[str, Any] = {}
        self._record: Record | None = None
        self._version: int | None = None
        self._saving = False
        self._selecting = False
        self._pending: Record | None = None

        self._sized_for: str | None = None
        self.shipments = RowsModel(
            [
                ("declaration_no", self.tr("Declaration")),
                ("shipment_ref", self.tr("Shipment")),
                ("border_post", self.tr("Border post")),
                ("arrival_date", self.tr("Arrival")),
                ("vehicle_count", self.tr("Vehicles")),
            ]
        )
        self.vehicles = RowsModel(
            [
                ("vin", "VIN"),
                ("make", self.tr("Make")),
                ("model", self.tr("Model")),
                ("model_year", self.tr("Year")),
                ("odometer_km", self.tr("Odometer, km")),
                ("declared_condition", self.tr("Condition")),
                ("shipment", self.tr("Shipment")),
                ("findings_state", self.tr("Findings")),
            ],
            shown={"declared_condition": labels.choice_value},
            mark=self._vehicle_mark,
        )
        self.shipments_view = _table(self.shipments)
        self.vehicles_view = _table(self.vehicles)
        # selectionChanged, not currentRowChanged: a view taking focus moves its current
        # index without selecting, and that must not open a record.
        self.shipments_view.selectionModel().selectionChanged.connect(
            lambda *_: self._row_chosen(SHIPMENT)
        )
        self.vehicles_view.selectionModel().selectionChanged.connect(
            lambda *_: self._row_chosen(VEHICLE)
        )
        self.new_shipment_button = QPushButton(self.tr("New &shipment"))
        self.new_shipment_button.clicked.connect(lambda: self._request((SHIPMENT, None)))
        self.new_vehicle_button = QPushButton(self.tr("New &vehicle"))
        self.new_vehicle_button.clicked.connect(lambda: self._request((VEHICLE, None)))

        # the form side
        self.banner = Banner(self)
        self.banner.retry_button.clicked.connect(self.save)
        self.banner.merge_button.clicked.connect(self.keep_edits_on_current)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.shipment_choice = QComboBox(self)
        self.shipment_choice_label = QLabel(self.tr("In shipment:"), self)
        self.shipment_choice_label.setBuddy(self.shipment_choice)
        self.warnings = QLabel(self)
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        tint(self.warnings, WARNING_BACKGROUND)
        self.warnings.setMargin(6)
        self.warnings.hide()
        # What the declaration said, as core kept it (read-only): texts kept, the VIN as
        # declared, the file row the vehicle came from.
        self.declared = QLabel(self)
        self.declared.setObjectName("declared-text")
        self.declared.setWordWrap(True)
        self.declared.setTextFormat(Qt.TextFormat.PlainText)
        self.declared.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tint(self.declared, INFO_BACKGROUND)
        self.declared.setMargin(6)
        self.declared.hide()
        self.shipment_form = ShipmentForm()
        self.vehicle_form = VehicleForm()
        placeholder = QLabel(
            self.tr("Select a shipment or a vehicle to edit it, or add a new one."), self
        )
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(placeholder)
        self.stack.addWidget(self.shipment_form)
        self.stack.addWidget(self.vehicle_form)
        for form in (self.shipment_form, self.vehicle_form):
            form.edited.connect(self._update_buttons)
        self.stack.currentChanged.connect(self._size_to_page)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.stack)
        self.form_area = scroll

        # Ctrl+S is the window's Save (Case menu), which saves this form too: a second
        # binding here made the key ambiguous, and Qt then triggers neither.
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setToolTip(QKeySequence(QKeySequence.StandardKey.Save).toString())
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Re&vert"))
        self.revert_button.clicked.connect(self.revert)

        # layout
        tables = QSplitter(Qt.Orientation.Horizontal)
        for title, view in (
            (self.tr("Shipments"), self.shipments_view),
            (self.tr("Vehicles"), self.vehicles_view),
        ):
            pane = QWidget()
            box = QVBoxLayout(pane)
            box.setContentsMargins(0, 0, 0, 0)
            label = QLabel(title)
            label.setBuddy(view)
            box.addWidget(label)
            box.addWidget(view)
            tables.addWidget(pane)
        tables.setStretchFactor(0, 2)
        tables.setStretchFactor(1, 3)
        top = QWidget()
        top_box = QVBoxLayout(top)
        top_box.setContentsMargins(0, 0, 0, 0)
        top_box.addWidget(tables, 1)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_shipment_button)
        new_row.addWidget(self.new_vehicle_button)
        new_row.addStretch(1)
        top_box.addLayout(new_row)

        bottom = QWidget()
        bottom_box = QVBoxLayout(bottom)
        bottom_box.setContentsMargins(0, 0, 0, 0)
        head_row = QHBoxLayout()
        head_row.addWidget(self.heading, 1)
        head_row.addWidget(self.shipment_choice_label)
        head_row.addWidget(self.shipment_choice)
        bottom_box.addLayout(head_row)
        bottom_box.addWidget(self.banner)
        bottom_box.addWidget(self.warnings)
        bottom_box.addWidget(self.declared)
        bottom_box.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        bottom_box.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([200, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._edit(None)
        self.setEnabled(False)

    def _size_to_page(self, current: int) -> None:
        """Let the scroll area size the stack by the page on show, not the largest page."""
        for i in range(self.stack.count()):
            policy = QSizePolicy.Policy.Preferred if i == current else QSizePolicy.Policy.Ignored
            page = self.stack.widget(i)
            if page is not None:
                page.setSizePolicy(policy, policy)
        self.stack.adjustSize()

    # --- the owner's API --------------------------------------------------------------------

    def show_case(self, reference: str | None, detail: dict[str, Any] | None = None) -> bool:
        """Show this case (``None``: none). Returns False if the user kept unsaved edits.

        ``detail`` is the case as ``views.case_detail`` gives it, when the caller has
        read it already; otherwise it is read here. Showing the same case again (after
        another tab changed the store) refreshes the tables and keeps the form's edits.
        """
        same = reference is not None and reference == self.reference
        if not same and self.has_unsaved_changes() and not self.ask_to_leave():
            return False
        if reference is None:
            self.reference, self._detail = None, {}
            self.shipments.set_rows([])
            self.vehicles.set_rows([])
            self._edit(None)
            self.banner.hide()
            self.setEnabled(False)
            return True
        if detail is None:
            detail = self._read(reference)
        if detail is None:
            return False
        if not same:
            self.banner.hide()
            self.warnings.hide()
        self.reference, self._detail = reference, detail
        self._fill_tables()
        if same and self._record is not None:
            self._refresh_record()
        elif detail["vehicles"]:
            self._edit((VEHICLE, detail["vehicles"][0]["id"]))
        elif detail["shipments"]:
            self._edit((SHIPMENT, detail["shipments"][0]["id"]))
        else:
            self._edit(None)
        self.setEnabled(True)
        return True

    def has_unsaved_changes(self) -> bool:
        """Whether the form holds edits not yet in the store."""
        return self._record is not None and self._form().is_dirty()

    def ask_to_leave(self) -> bool:
        """If there are unsaved edits, ask: save, discard or stay. True if it is fine to go.

        "Save" saves now (waiting for the worker) and allows leaving only if it worked.
        """
        if not self.has_unsaved_changes():
            return True
        answer = self._ask_unsaved()
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Discard:
            self._discard()
            return True
        self.save()
        self._runner.wait()
        QCoreApplication.processEvents()  # deliver the result to the GUI thread
        return not self._saving and not self.has_unsaved_changes()

    # --- records ----------------------------------------------------------------------------

    def current_form(self) -> FieldForm | None:
        """The form on show, or None when no record is being edited."""
        return None if self._record is None else self._form()

    def new_shipment(self) -> None:
        self._request((SHIPMENT, None))

    def new_vehicle(self) -> None:
        self._request((VEHICLE, None))

    def _form(self) -> FieldForm:
        assert self._record is not None
        return self.shipment_form if self._record[0] == SHIPMENT else self.vehicle_form

    def _find(self, record: Record) -> dict[str, Any] | None:
        kind, record_id = record
        rows = self._detail.get("shipments" if kind == SHIPMENT else "vehicles", [])
        return next((r for r in rows if r["id"] == record_id), None)

    def _read(self, reference: str) -> dict[str, Any] | None:
        """The case as plain data, or None after showing why it could not be read."""
        try:
            with reading(self._store) as session:
                return views.case_detail(session, cases.get_case(session, reference))
        except UserFacingError as exc:
            self.banner.show_message(str(exc), retry=False)
            return None

    def _fill_tables(self) -> None:
        names = {
            s["id"]: s["declaration_no"] or s["shipment_ref"] or f"#{s['id']}"
            for s in self._detail["shipments"]
        }
        counts: dict[int | None, int] = {}
        for v in self._detail["vehicles"]:
            counts[v["shipment_id"]] = counts.get(v["shipment_id"], 0) + 1
        self._selecting = True
        try:
            self.shipments.set_rows(
                [s | {"vehicle_count": counts.get(s["id"], 0)} for s in self._detail["shipments"]]
            )
            stale = self.tr("out of date")
            self.vehicles.set_rows(
                [
                    v
                    | {
                        "shipment": names.get(v["shipment_id"], ""),
                        "findings_state": stale if v.get("findings_out_of_date") else "",
                    }
                    for v in self._detail["vehicles"]
                ]
            )
        finally:
            self._selecting = False
        if self._sized_for != self.reference:  # once per case: it reads rows of every column
            self._sized_for = self.reference
            for view in (self.shipments_view, self.vehicles_view):
                view.resizeColumnsToContents()
        self.shipment_choice.clear()
        for shipment_id, name in names.items():
            self.shipment_choice.addItem(name, shipment_id)

    def _vehicle_mark(self, row: dict[str, Any], key: str) -> CellMark | None:
        """A malformed VIN and out-of-date findings stand out, with why in the tool tip."""
        if key == "vin" and row.get("vin_problem"):
            return CellMark(
                tooltip=self.tr("{0}; recorded as declared (finding VIN-FORMAT)").format(
                    row["vin_problem"]
                ),
                foreground=ATTENTION_COLOUR,
                icon=warning_icon(),
            )
        if key == "findings_state" and row.get("findings_out_of_date"):
            return CellMark(
                tooltip=self.tr("Findings out of date ({0}): run the rules.").format(
                    labels.reasons(row["findings_out_of_date"])
                ),
                background=STALE_BACKGROUND,
                icon=warning_icon(),
            )
        return None

    def declared_lines(self, row: dict[str, Any] | None) -> list[str]:
        """What the panel beside the form says of a vehicle row (empty: nothing to say)."""
        if row is None:
            return []
        lines = []
        if row.get("vin_problem"):
            lines.append(
                self.tr("VIN as declared: “{0}” — {1}; recorded as declared.").format(
                    row.get("vin_declared") or row.get("vin"), row["vin_problem"]
                )
            )
        for cell in row.get("declared_text") or []:
            why = labels.issue(cell["issue"])
            if cell.get("reason"):
                why = f"{why} ({cell['reason']})"
            lines.append(
                self.tr("{0}: “{1}” — {2}").format(
                    labels.field_name(cell["column"]), cell["text"], why
                )
            )
        source = row.get("source")
        if source:
            files = {i["sha256"]: i["file"] for i in self._detail.get("imports", [])}
            name = files.get(source["sha256"]) or source["sha256"][:12]
            lines.append(self.tr("Imported from row {0} of {1}.").format(source["row"], name))
        return lines

    def _show_declared(self) -> None:
        row = None
        if self._record is not None and self._record[0] == VEHICLE and self._record[1]:
            row = self._find(self._record)
        lines = self.declared_lines(row)
        title = self.tr("As written in the declaration (read-only):")
        self.declared.setText("\n".join([title] + ["• " + line for line in lines]))
        self.declared.setVisible(bool(lines))

    def _row_chosen(self, kind: str) -> None:
        view, model = (
            (self.shipments_view, self.shipments)
            if kind == SHIPMENT
            else (self.vehicles_view, self.vehicles)
        )
        rows = view.selectionModel().selectedRows()
        if self._selecting or not rows:
            return
        target: Record = (kind, int(model.row(rows[0].row())["id"]))
        if target == self._record or not self.has_unsaved_changes():
            self._request(target)
            return
        # The question about the unsaved edits runs its own event loop: not inside the
        # selection model's signal, where a refresh of the tables arriving meanwhile
        # would reset the model under the view still handling the click (a crash in Qt).
        QTimer.singleShot(0, self, lambda: self._request(target))

    def _request(self, target: Record) -> None:
        """Go to ``target``, asking first if the form has unsaved edits."""
        if target == self._record and target[1] is not None:
            return
        if target[1] is not None and self._find(target) is None:
            self._select_row(self._record)  # gone meanwhile (the case was read again)
            return
        if self.has_unsaved_changes():
            answer = self._ask_unsaved()
            if answer != QMessageBox.StandardButton.Discard:
                # put the selection back once the view is done with the click
                QTimer.singleShot(0, self, lambda: self._select_row(self._record))
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self._pending = target
                self.save()
                return
        self.banner.hide()
        self.warnings.hide()
        self._edit(target)

    def _edit(self, target: Record | None) -> None:
        """Load ``target`` into its form (a new record: an empty form) and select its row."""
        self._record = target
        self._select_row(target)
        if target is None:
            self._version = None
            self.stack.setCurrentIndex(0)
            self.heading.setText("")
            self.shipment_choice.hide()
            self.shipment_choice_label.hide()
            self._show_declared()
            self._update_buttons()
            return
        kind, record_id = target
        form = self._form()
        row = self._find(target) if record_id is not None else None
        form.set_values(row or {})
        self._version = row["version"] if row else None
        self.stack.setCurrentWidget(form)
        new_vehicle = kind == VEHICLE and record_id is None
        self.shipment_choice.setVisible(new_vehicle and self.shipment_choice.count() > 0)
        self.shipment_choice_label.setVisible(self.shipment_choice.isVisibleTo(self))
        if new_vehicle and self.shipment_choice.count():
            chosen = self.shipments_view.currentIndex()
            self.shipment_choice.setCurrentIndex(chosen.row() if chosen.isValid() else 0)
        self._set_heading()
        self.form_area.verticalScrollBar().setValue(0)
        self._update_buttons()

    def _set_heading(self) -> None:
        assert self._record is not None
        kind, record_id = self._record
        row = self._find(self._record) if record_id is not None else None
        if kind == SHIPMENT:
            if row is None:
                text = self.tr("New shipment")
            else:
                name = row["declaration_no"] or row["shipment_ref"] or f"#{record_id}"
                text = self.tr("Shipment {0}").format(name)
        else:
            text = (
                self.tr("New vehicle") if row is None else self.tr("Vehicle {0}").format(row["vin"])
            )
        self.heading.setText(text)
        self._show_declared()

    def _refresh_record(self) -> None:
        """After the case was read again: bring the record on show up to date, keeping edits."""
        assert self._record is not None
        if self._record[1] is None:
            self._select_row(None)
            return
        row = self._find(self._record)
        if row is None:
            if self._form().is_dirty():
                self.banner.show_message(
                    self.tr("This record was deleted by someone else; your edits are still here.")
                )
            else:
                self._edit(None)
            return
        if not self._form().is_dirty():
            self._form().set_values(row)
            self._version = row["version"]
        self._select_row(self._record)
        self._set_heading()
        self._update_buttons()

    def _select_row(self, target: Record | None) -> None:
        self._selecting = True
        try:
            for kind, view, model in (
                (SHIPMENT, self.shipments_view, self.shipments),
                (VEHICLE, self.vehicles_view, self.vehicles),
            ):
                row = -1
                if target is not None and target[0] == kind and target[1] is not None:
                    row = next(
                        (i for i in range(model.rowCount()) if model.row(i)["id"] == target[1]), -1
                    )
                selection = view.selectionModel()
                if row < 0:
                    selection.clearSelection()
                    selection.setCurrentIndex(
                        QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate
                    )
                else:
                    view.selectRow(row)
                    view.scrollTo(model.index(row, 0))
        finally:
            self._selecting = False

    def _ask_unsaved(self) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("This record has changes that are not saved yet. Save them?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )

    def _discard(self) -> None:
        if self._record is None:
            return
        row = self._find(self._record) if self._record[1] is not None else None
        self._form().set_values(row or {})
        self._update_buttons()

    def _update_buttons(self) -> None:
        dirty = self.has_unsaved_changes()
        self.save_button.setEnabled(dirty and not self._saving)
        self.revert_button.setEnabled(self._record is not None and not self._saving)
        has_case = self.reference is not None
        self.new_shipment_button.setEnabled(has_case)
        self.new_vehicle_button.setEnabled(has_case)

    # --- saving -----------------------------------------------------------------------------

    def save(self) -> None:
        """Save the form's record through the runner; refused values stay at their fields."""
        if self._saving or self._record is None or self.reference is None:
            return
        kind, record_id = self._record
        form = self._form()
        try:
            changes = form.values() if record_id is None else form.changed_values()
        except ValidationError as exc:
            self.banner.show_message(
                self.tr("Not saved: {0} value(s) need fixing; see the marked fields.").format(
                    len(exc.problems)
                )
            )
            self._pending = None
            return
        if record_id is None:
            changes = {k: v for k, v in changes.items() if v is not None}
        elif not changes:
            self._go_pending()
            return
        shipment_id = (
            self.shipment_choice.currentData()
            if kind == VEHICLE and record_id is None and self.shipment_choice.count()
            else None
        )
        texts = form.texts()
        typed = {n: texts[n] for n in changes if texts.get(n, "").strip()}
        work = save_record_op(
            self._store,
            self._actor,
            reference=self.reference,
            kind=kind,
            record_id=record_id,
            expected_version=self._version,
            changes=changes,
            shipment_id=None if shipment_id is None else int(shipment_id),
            typed=typed if kind == VEHICLE else None,
        )
        self._saving = True
        self.banner.hide()
        self.warnings.hide()
        self._update_buttons()
        reference = self.reference
        self._runner.run(
            self.tr("Saving"),
            work,
            lambda result: self._saved(reference, result),
            on_failure=lambda message: self._save_failed(message, reference),
        )

    def _saved(self, reference: str, result: dict[str, Any]) -> None:
        if not shiboken6.isValid(self):
            return  # the window was rebuilt (another store or language) meanwhile
        self._saving = False
        outcome = result["outcome"]
        if reference != self.reference:  # the user moved on to another case meanwhile
            self._pending = None
            self.changed.emit()
            return
        if outcome == "invalid":
            self._pending = None
            elsewhere = self._form().show_problems(result["problems"])
            text = self.tr("Not saved: the store refused some values; see the marked fields.")
            if elsewhere:
                text += "\n" + "\n".join(f"{field}: {message}" for field, message in elsewhere)
            self.banner.show_message(text)
        elif outcome == "conflict":
            self._pending = None
            current = result.get("current") or {}
            if current:  # what the other workstation stored, field by field
                changed = labels.stored_values(current)
                text = self.tr(
                    "Not saved: someone else changed this record meanwhile. Stored now: {0}. "
                    "Your edits are kept."
                ).format(changed)
            else:
                text = self.tr("Not saved: {0}").format(result["message"])
            self.banner.show_message(text, merge=True)
        elif outcome == "gone":
            self._pending = None
            self.banner.show_message(self.tr("Not saved: this record was deleted by someone else."))
        else:
            saved: Record = (result["kind"], int(result["id"]))
            detail = self._read(reference)
            if detail is not None:
                self._detail = detail
                self._fill_tables()
                row = self._find(saved)
                self._record = saved
                if row is not None:
                    self._form().set_values(row, keep_edits=True)
                    self._version = row["version"]
                self._select_row(saved)
                self._set_heading()
                self.shipment_choice.hide()
                self.shipment_choice_label.hide()
            self._show_warnings(result["warnings"])
            self.changed.emit()
            self._go_pending()
        self._update_buttons()

    def _go_pending(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None and not self.has_unsaved_changes():
            self._edit(pending)

    def _save_failed(self, message: str, reference: str | None = None) -> None:
        if not shiboken6.isValid(self):
            return
        self._saving = False
        self._pending = None
        if reference is not None and reference != self.reference:
            self._update_buttons()  # the form shows another case: "your edits" are not there
            return
        self.banner.show_message(
            self.tr("Not saved: {0}\nYour edits are still in the form.").format(message),
            retry=True,
        )
        self._update_buttons()

    def _show_warnings(self, warnings: list[tuple[str, str]]) -> None:
        if not warnings:
            self.warnings.hide()
            return
        specs: dict[str, FieldSpec] = {s.name: s for s in (*VEHICLE_FIELDS, *SHIPMENT_FIELDS)}
        lines = [
            f"• {field_label(specs[f]) if f in specs else f}: {message}" for f, message in warnings
        ]
        self.warnings.setText(self.tr("Saved, but please check:") + "\n" + "\n".join(lines))
        self.warnings.show()

    def keep_edits_on_current(self) -> None:
        """After a conflict: take the stored version as the base, keeping the user's edits."""
        if self._record is None or self.reference is None or self._record[1] is None:
            return
        detail = self._read(self.reference)
        if detail is None:
            return
        self._detail = detail
        self._fill_tables()
        row = self._find(self._record)
        if row is None:
            self.banner.show_message(self.tr("This record was deleted by someone else."))
            return
        self._form().set_values(row, keep_edits=True)
        self._version = row["version"]
        self._select_row(self._record)
        self.banner.show_message(
            self.tr(
                "Your edits are kept on top of the current version; check them and save again."
            ),
            colour=INFO_BACKGROUND,
        )
        self._update_buttons()

    def revert(self) -> None:
        """Throw the form's edits away and show the record as stored now."""
        if self._record is None or self.reference is None:
            return
        self.banner.hide()
        if self._record[1] is not None:
            detail = self._read(self.reference)
            if detail is None:
                return
            self._detail = detail
            self._fill_tables()
        self._edit(self._record)
