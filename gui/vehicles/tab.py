"""The "Shipments & Vehicles" room of the case workspace: tables plus an editing form.

The tables show the case's shipments and vehicles; the form below edits the selected
record (or a new one). Saving is one use case (``core.services.records.save_record``),
run as an operation with the version the inspector saw (optimistic concurrency); the
case is then read again in the reading process, and the tab goes on once it is back.
Nothing here touches the store on the GUI thread. Nothing typed is ever dropped: a
refused value is shown at its field, a conflicting edit or a store error (a lost
PostgreSQL connection, say) is shown in a banner above the form, and the form keeps its
content. Leaving a record with unsaved edits asks first.

A vehicle is recorded as declared: a malformed VIN is saved (and marked in the table),
and what the declaration said where the stored value does not say it all (an
unreadable cell, an ambiguous number, a corrected cell) is shown read-only above the
form, as core kept it. Vehicles whose findings are out of date are marked too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
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
    QVBoxLayout,
    QWidget,
)

from core.domain.fields import SHIPMENT_FIELDS, VEHICLE_FIELDS, FieldSpec
from core.errors import Failure, ValidationError
from core.services import records
from core.services.records import SHIPMENT, VEHICLE, RecordKind, SavedRecord
from gui import labels, palette
from gui.forms.fields import FieldForm, field_label
from gui.operations import Changes, Op, OperationRunner, Where
from gui.rows_model import CellMark, RowsModel
from gui.vehicles.forms import ShipmentForm, VehicleForm
from gui.widgets import Banner, Room, table_view, tint, warning_icon

Record = tuple[RecordKind, int | None]  # (kind, id); id None = a new record


class VehiclesTab(Room):
    """Shipments and vehicles of one case, with a form for the selected record.

    Takes the store's locator ``db``, the window's runner and the actor. The owner calls
    ``show_case(reference)``; before switching cases or closing it asks
    ``ask_to_leave(then)`` (or checks ``has_unsaved_changes()``). ``shown(reference)``
    fires once a case is on show, ``saved(reference)`` once a save of this tab has landed
    and the tab shows it; the runner announces each change to the other views.
    """

    shown = Signal(str)
    saved = Signal(str)

    def __init__(
        self, db: str, runner: OperationRunner, actor: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, runner, actor, parent)
        self._detail: dict[str, Any] = {}
        self._record: Record | None = None
        self._version: int | None = None
        self._saving = False  # a save, or the read after it, is under way
        self._selecting = False
        self._then: Callable[[], None] | None = None  # what to do once a save landed clean
        self._sized_for: str | None = None
        self.shipments, self.vehicles = self._models()
        self.shipments_view = table_view(self.shipments)
        self.vehicles_view = table_view(self.vehicles)
        # selectionChanged, not currentRowChanged: a view taking focus moves its current
        # index without selecting, and that must not open a record.
        self.shipments_view.selectionModel().selectionChanged.connect(
            lambda *_: self._row_chosen(SHIPMENT)
        )
        self.vehicles_view.selectionModel().selectionChanged.connect(
            lambda *_: self._row_chosen(VEHICLE)
        )
        self.new_shipment_button = QPushButton(self.tr("New &shipment"))
        self.new_shipment_button.clicked.connect(lambda: self.new_shipment())
        self.new_vehicle_button = QPushButton(self.tr("New &vehicle"))
        self.new_vehicle_button.clicked.connect(lambda: self.new_vehicle())
        self.banner = Banner(self)
        self.banner.retry_button.clicked.connect(self.save)
        self.banner.merge_button.clicked.connect(self.keep_edits_on_current)
        self._build_form_side()
        # Ctrl+S is the window's Save (Case menu), which saves this form too: a second
        # binding here made the key ambiguous, and Qt then triggers neither.
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setToolTip(QKeySequence(QKeySequence.StandardKey.Save).toString())
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Re&vert"))
        self.revert_button.clicked.connect(self.revert)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._tables_side())
        splitter.addWidget(self._form_side())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([200, 600])
        QVBoxLayout(self).addWidget(splitter)
        self._edit(None)
        self.setEnabled(False)

    # --- building ---------------------------------------------------------------------------

    def _models(self) -> tuple[RowsModel, RowsModel]:
        shipments = RowsModel(
            [
                ("declaration_no", self.tr("Declaration")),
                ("shipment_ref", self.tr("Shipment")),
                ("border_post", self.tr("Border post")),
                ("arrival_date", self.tr("Arrival")),
                ("vehicle_count", self.tr("Vehicles")),
            ]
        )
        vehicles = RowsModel(
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
        return shipments, vehicles

    def _build_form_side(self) -> None:
        """The heading, the shipment a new vehicle joins, the warnings, what the
        declaration said, and the two forms in a scrolled stack."""
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.shipment_choice = QComboBox(self)
        self.shipment_choice_label = QLabel(self.tr("In shipment:"), self)
        self.shipment_choice_label.setBuddy(self.shipment_choice)
        self.warnings = self._message_label("warnings", palette.WARNING_BACKGROUND)
        # What the declaration said, as core kept it (read-only): texts kept, the VIN as
        # declared, the file row the vehicle came from.
        self.declared = self._message_label("declared-text", palette.INFO_BACKGROUND)
        self.declared.setTextFormat(Qt.TextFormat.PlainText)
        self.declared.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shipment_form = ShipmentForm()
        self.vehicle_form = VehicleForm()
        placeholder = QLabel(
            self.tr("Select a shipment or a vehicle to edit it, or add a new one."), self
        )
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setWordWrap(True)
        self.stack = QStackedWidget(self)
        for page in (placeholder, self.shipment_form, self.vehicle_form):
            self.stack.addWidget(page)
        for form in (self.shipment_form, self.vehicle_form):
            form.edited.connect(self._update_buttons)
        self.stack.currentChanged.connect(self._size_to_page)
        self.form_area = QScrollArea(self)
        self.form_area.setWidgetResizable(True)
        self.form_area.setFrameShape(QFrame.Shape.NoFrame)
        self.form_area.setWidget(self.stack)

    def _message_label(self, name: str, colour: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        tint(label, colour)
        label.setMargin(6)
        label.hide()
        return label

    def _tables_side(self) -> QWidget:
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
        return top

    def _form_side(self) -> QWidget:
        bottom = QWidget()
        box = QVBoxLayout(bottom)
        box.setContentsMargins(0, 0, 0, 0)
        head_row = QHBoxLayout()
        head_row.addWidget(self.heading, 1)
        head_row.addWidget(self.shipment_choice_label)
        head_row.addWidget(self.shipment_choice)
        box.addLayout(head_row)
        for widget in (self.banner, self.warnings, self.declared):
            box.addWidget(widget)
        box.addWidget(self.form_area, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        box.addLayout(buttons)
        return bottom

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
        """Show this case (``None``: none). Returns False if the user kept unsaved edits
        (or chose to save them first: the case is shown once the save has landed).

        ``detail`` is the case as ``views.case_detail`` gives it, when the caller has
        read it already; otherwise it is read in the reading process and shown when it
        arrives (``shown`` fires). Showing the same case again (after another tab changed
        the store) refreshes the tables and keeps the form's edits.
        """
        same = reference is not None and reference == self.reference
        if (
            not same
            and self.has_unsaved_changes()
            and not self.ask_to_leave(lambda: self._show_later(reference, detail))
        ):
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
            self._read(reference, lambda read: self._show_detail(reference, read))
        else:
            self._show_detail(reference, detail)
        return True

    def _show_later(self, reference: str | None, detail: dict[str, Any] | None) -> None:
        self.show_case(reference, detail)

    def _show_detail(self, reference: str, detail: dict[str, Any]) -> None:
        same = reference == self.reference
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
        self.shown.emit(reference)

    def has_unsaved_changes(self) -> bool:
        """Whether the form holds edits not yet in the store."""
        return self._record is not None and self._form().is_dirty()

    def ask_to_leave(self, then: Callable[[], None]) -> bool:
        """If there are unsaved edits, ask: save, discard or stay. True: leave now.

        False: stay; after "Save" the save starts and ``then()`` is called once it has
        landed clean (not when the store refused it or another writer came first).
        """
        if not self.has_unsaved_changes():
            return True
        answer = self._ask_unsaved()
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Discard:
            self._discard()
            return True
        self._then = then
        self.save()
        return False

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

    def _read(self, reference: str, then: Callable[[dict[str, Any]], None]) -> None:
        """Read the case in the reading process, then ``then(detail)``; a newer read
        supersedes an older one. A failure is shown in the banner."""

        def read(detail: dict[str, Any]) -> None:
            if self._alive():
                then(detail)

        op = Op(records.case_records, db=self._db, reference=reference).where(Where.READER)
        op.key(("vehicles-read", id(self))).success(read).failure(self._read_failed)
        op.run(self._runner)

    def _read_failed(self, failure: Failure) -> None:
        if self._alive():
            self._saving = False
            self._then = None
            self.banner.show_message(failure.message)
            self._update_buttons()

    def _alive(self) -> bool:
        """False once Qt has deleted the tab (the window was rebuilt meanwhile)."""
        return shiboken6.isValid(self)

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
                foreground=palette.ATTENTION_TEXT,
                icon=warning_icon(),
            )
        if key == "findings_state" and row.get("findings_out_of_date"):
            return CellMark(
                tooltip=self.tr("Findings out of date ({0}): run the rules.").format(
                    labels.reasons(row["findings_out_of_date"])
                ),
                background=palette.STALE_BACKGROUND,
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

    def _row_chosen(self, kind: RecordKind) -> None:
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
                self._then = lambda: self._edit(target)
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
            self._then = None
            return
        if record_id is None:
            changes = {k: v for k, v in changes.items() if v is not None}
        elif not changes:
            self._go_on()
            return
        new_vehicle = kind == VEHICLE and record_id is None and self.shipment_choice.count()
        shipment_id = self.shipment_choice.currentData() if new_vehicle else None
        texts = form.texts()
        typed = {n: texts[n] for n in changes if texts.get(n, "").strip()}
        self._saving = True
        self.banner.hide()
        self.warnings.hide()
        self._update_buttons()
        reference = self.reference
        op = Op(
            records.save_record,
            db=self._db,
            actor=self._actor,
            reference=reference,
            kind=kind,
            record_id=record_id,
            expected_version=self._version,
            changes=changes,
            shipment_id=None if shipment_id is None else int(shipment_id),
            typed=typed if kind == VEHICLE else None,
        )
        op.label(self.tr("Saving")).changes(Changes(reference=reference, records=True))
        op.success(lambda saved: self._saved(reference, saved))
        op.failure(lambda failure: self._refused(reference, failure)).run(self._runner)

    def _saved(self, reference: str, saved: SavedRecord) -> None:
        """The save landed: read the case again (in the reading process), then show it."""
        if not self._alive():
            return
        if reference != self.reference:  # the user moved on to another case meanwhile
            self._saving = False
            self._then = None
            self._update_buttons()
            return
        op = Op(records.case_records, db=self._db, reference=reference).where(Where.READER)
        op.key(("vehicles-reload", id(self)))
        op.failure(lambda failure: self._reload_failed(reference, saved, failure))
        op.success(lambda detail: self._reloaded(reference, saved, detail)).run(self._runner)

    def _reload_failed(self, reference: str, saved: SavedRecord, failure: Failure) -> None:
        """The save landed but the case could not be read again: the form is what was
        saved (its clean state, at the saved version), and the banner says why the
        tables may be behind."""
        if not self._alive():
            return
        self._saving = False
        if reference == self.reference:
            self._record, self._version = (saved.kind, saved.id), saved.version
            self._form().set_values(self._form().values())
            self._show_warnings(saved.warnings)
            self.banner.show_message(failure.message)
            self._go_on()
        else:
            self._then = None
        self._update_buttons()
        self.saved.emit(reference)

    def _reloaded(self, reference: str, saved: SavedRecord, detail: dict[str, Any]) -> None:
        if not self._alive():
            return
        self._saving = False
        if reference == self.reference:
            record: Record = (saved.kind, saved.id)
            self._detail = detail
            self._fill_tables()
            row = self._find(record)
            self._record = record
            if row is not None:
                self._form().set_values(row, keep_edits=True)
                self._version = row["version"]
            self._select_row(record)
            self._set_heading()
            self.shipment_choice.hide()
            self.shipment_choice_label.hide()
            self._show_warnings(saved.warnings)
            self._go_on()
        else:
            self._then = None
        self._update_buttons()
        self.saved.emit(reference)

    def _go_on(self) -> None:
        """After a clean save: what was waiting for it (another record, leaving)."""
        then, self._then = self._then, None
        if then is not None and not self.has_unsaved_changes():
            then()

    def _refused(self, reference: str, failure: Failure) -> None:
        if not self._alive():
            return
        self._saving = False
        self._then = None
        if reference != self.reference:
            self._update_buttons()  # the form shows another case: "your edits" are not there
            return
        if failure.kind == "invalid":
            elsewhere = self._form().show_problems(failure.problems)
            text = self.tr("Not saved: the store refused some values; see the marked fields.")
            if elsewhere:
                text += "\n" + "\n".join(f"{field}: {message}" for field, message in elsewhere)
            self.banner.show_message(text)
        elif failure.kind == "conflict":
            if failure.current:  # what the other workstation stored, field by field
                text = self.tr(
                    "Not saved: someone else changed this record meanwhile. Stored now: {0}. "
                    "Your edits are kept."
                ).format(labels.stored_values(dict(failure.current)))
            else:
                text = self.tr("Not saved: {0}").format(failure.message)
            self.banner.show_message(text, merge=True)
        elif failure.kind == "gone":
            self.banner.show_message(self.tr("Not saved: this record was deleted by someone else."))
        else:
            self.banner.show_message(
                self.tr("Not saved: {0}\nYour edits are still in the form.").format(
                    failure.message
                ),
                retry=True,
            )
        self._update_buttons()

    def _show_warnings(self, warnings: tuple[tuple[str, str], ...]) -> None:
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
        """After a conflict: take the stored version as the base, keeping the user's edits
        (once the case has been read again)."""
        if self._record is None or self.reference is None or self._record[1] is None:
            return
        self._read(self.reference, self._merge)

    def _merge(self, detail: dict[str, Any]) -> None:
        if self._record is None or self._record[1] is None:
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
            tone="info",
        )
        self._update_buttons()

    def revert(self) -> None:
        """Throw the form's edits away and show the record as stored now (a stored record
        once the case has been read again)."""
        if self._record is None or self.reference is None:
            return
        self.banner.hide()
        if self._record[1] is None:
            self._edit(self._record)
            return
        record = self._record
        self._edit(record)  # the edits are gone at once: the record as last read

        def reverted(detail: dict[str, Any]) -> None:
            self._detail = detail
            self._fill_tables()
            if self._record == record and not self.has_unsaved_changes():
                self._edit(record)  # as stored now, unless the user went on meanwhile

        self._read(self.reference, reverted)
