"""The case workspace: overview with the status workflow, vehicles, evidence, findings,
diary and history. Reads through ``core.services``; long work goes through the runner."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import jobs
from core.domain.case import TRANSITIONS, CaseStatus, reason_required
from core.persistence.store import Store
from core.persistence.unit_of_work import unit_of_work
from core.services import cases, notes
from gui import labels
from gui.evidence_tab import EvidenceTab
from gui.i18n import report_language
from gui.operations import OperationRunner
from gui.rows_model import RowsModel
from gui.vehicles_tab import VehiclesTab

#: Vehicles whose findings are added to the tree per event-loop turn.
FINDINGS_PER_TURN = 25
SEVERITY_COLOURS = {"high": "#F8D7DA", "medium": "#FFF3CD", "info": "#DCEBF7"}


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    return view


class CaseWorkspace(QTabWidget):
    """Shows one case. ``changed`` fires after this workspace changed the store."""

    changed = Signal()
    loaded = Signal(str)

    def __init__(self, store: Store, runner: OperationRunner, actor: str) -> None:
        super().__init__()
        self._store, self._runner, self._actor = store, runner, actor
        self.reference: str | None = None
        self.detail: dict[str, Any] = {}
        self._findings_batch = 0

        # Overview
        overview = QWidget()
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (
            ("reference", self.tr("Reference")),
            ("title", self.tr("Title")),
            ("jurisdiction", self.tr("Jurisdiction")),
            ("status", self.tr("Status")),
            ("closing_reason", self.tr("Closing reason")),
            ("priority", self.tr("Priority")),
            ("inspector", self.tr("Inspector")),
            ("hearing_date", self.tr("Hearing date")),
            ("hearing_reference", self.tr("Hearing reference")),
            ("legal_deadline", self.tr("Legal deadline")),
        ):
            self.fields[key] = QLabel()
            self.fields[key].setWordWrap(True)
            form.addRow(label, self.fields[key])
        self.status_buttons = QHBoxLayout()
        box = QVBoxLayout(overview)
        box.addLayout(form)
        box.addLayout(self.status_buttons)
        box.addStretch(1)
        self.addTab(overview, self.tr("&Overview"))

        # Shipments & vehicles
        self.vehicles_tab = VehiclesTab(store, runner, actor)
        self.vehicles_tab.changed.connect(self._after_change)
        self.addTab(self.vehicles_tab, self.tr("Shipments && &Vehicles"))

        # Evidence
        self.evidence_tab = EvidenceTab(store, runner, actor)
        self.evidence_tab.changed.connect(self._after_change)
        self.addTab(self.evidence_tab, self.tr("&Evidence"))

        # Findings
        findings_tab = QWidget()
        self.findings = QTreeWidget()
        self.findings.setHeaderLabels(
            [self.tr("Vehicle / rule"), self.tr("Severity"), self.tr("Explanation")]
        )
        self.findings.setColumnWidth(0, 260)
        self.run_button = QPushButton(self.tr("&Run the rules"))
        self.run_button.clicked.connect(self.run_rules)
        layout = QVBoxLayout(findings_tab)
        layout.addWidget(self.findings)
        layout.addWidget(self.run_button)
        self.addTab(findings_tab, self.tr("&Findings"))

        # Diary
        diary_tab = QWidget()
        self.notes = RowsModel(
            [
                ("at", self.tr("When (UTC)")),
                ("author", self.tr("Author")),
                ("text", self.tr("Note")),
            ]
        )
        self.note_input = QLineEdit()
        self.note_input.setPlaceholderText(self.tr("Add a note to the diary and press Enter"))
        self.note_input.returnPressed.connect(self.add_note)
        layout = QVBoxLayout(diary_tab)
        layout.addWidget(_table(self.notes))
        layout.addWidget(self.note_input)
        self.addTab(diary_tab, self.tr("&Diary"))

        # History
        self.history = RowsModel(
            [
                ("at", self.tr("When (UTC)")),
                ("actor", self.tr("Who")),
                ("entity_label", self.tr("Record")),
                ("action", self.tr("Action")),
                ("field", self.tr("Field")),
                ("old_value", self.tr("Old")),
                ("new_value", self.tr("New")),
                ("reason", self.tr("Reason")),
            ],
            shown={"action": labels.action, "field": labels.field_name},
        )
        self.addTab(_table(self.history), self.tr("&History"))
        self.setEnabled(False)

    # --- loading -----------------------------------------------------------------------------

    def show_case(self, reference: str | None) -> bool:
        """Show the case ``reference`` (None: nothing); False if the user chose to stay
        with unsaved edits. The case is read in the reading process; ``loaded(reference)``
        fires once the tabs show it."""
        if reference != self.reference and not self.vehicles_tab.ask_to_leave():
            return False
        self.reference = reference
        if reference is None:
            self.vehicles_tab.show_case(None)
            self.evidence_tab.show_case(None)
            self.setEnabled(False)
            return True
        kwargs = {"db": jobs.locator(self._store), "reference": reference}
        self._runner.read(jobs.load_case, kwargs, self._fill)
        return True

    def _fill(self, data: dict[str, Any]) -> None:
        d = data["detail"]
        if d["reference"] != self.reference:
            return  # another case was opened meanwhile
        self.detail = d
        inspector = d["assigned_inspector"]
        values = d | {
            "inspector": f"{inspector['name']} ({inspector['badge_number']})" if inspector else "",
            "status": labels.status(d["status"]),
            "priority": labels.priority(d["priority"]),
        }
        for key, label in self.fields.items():
            value = values.get(key)
            label.setText("" if value is None else str(value))
        self._status_buttons(CaseStatus(d["status"]))
        self.vehicles_tab.show_case(d["reference"], d)
        self.evidence_tab.show_case(d["reference"])
        self.notes.set_rows(d["notes"])
        self.history.set_rows(data["history"])
        self._fill_findings(d["vehicles"])
        self.setEnabled(True)
        self.loaded.emit(d["reference"])

    def _status_buttons(self, status: CaseStatus) -> None:
        while self.status_buttons.count():
            item = self.status_buttons.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)  # gone now, not at the next event loop turn
                widget.deleteLater()
        for target in sorted(TRANSITIONS[status], key=list(CaseStatus).index):
            button = QPushButton(self.tr("Move to: {0}").format(labels.status(target.value)))
            button.setObjectName(f"status-{target.value}")
            button.clicked.connect(lambda _=False, t=target: self.change_status(t))
            self.status_buttons.addWidget(button)
        self.status_buttons.addStretch(1)

    def _fill_findings(self, vehicles: list[dict[str, Any]]) -> None:
        """Fill the findings tree a few vehicles per event-loop turn: a case of hundreds
        of vehicles must not hold up the window while its items are made."""
        self.findings.clear()
        self._findings_batch += 1
        self._add_findings(vehicles, 0, self._findings_batch)

    def _add_findings(self, vehicles: list[dict[str, Any]], start: int, batch: int) -> None:
        if batch != self._findings_batch:
            return  # another case (or a newer load) replaced this one
        suffix = "_ru" if report_language() == "ru" else ""  # core keeps both languages
        end = min(start + FINDINGS_PER_TURN, len(vehicles))
        for vehicle in vehicles[start:end]:
            parent = QTreeWidgetItem(
                [f"{vehicle['vin']}  {vehicle['make'] or ''} {vehicle['model'] or ''}"]
            )
            for f in vehicle.get("findings", []):
                text = f[f"explanation{suffix}"] or f["explanation"]
                if not f["confirmed"]:
                    text = self.tr("[legal basis not confirmed] {0}").format(text)
                title = f[f"title{suffix}"] or f["title"]
                child = QTreeWidgetItem(
                    [f"{f['rule']}: {title}", labels.severity(f["severity"]), text]
                )
                child.setToolTip(2, f"{f[f'basis{suffix}'] or f['basis']} ({f['citation']})")
                colour = SEVERITY_COLOURS.get(f["severity"])
                if colour:
                    for column in range(3):
                        child.setBackground(column, QColor(colour))
                parent.addChild(child)
            for n in vehicle.get("not_evaluable", []):
                missing = ", ".join(m.replace("|", " / ") for m in n["missing"])
                parent.addChild(
                    QTreeWidgetItem([self.tr("{0}: needs facts").format(n["rule"]), "", missing])
                )
            self.findings.addTopLevelItem(parent)
            parent.setExpanded(True)
        if end < len(vehicles):
            QTimer.singleShot(0, lambda: self._add_findings(vehicles, end, batch))

    # --- actions -----------------------------------------------------------------------------

    def change_status(self, target: CaseStatus) -> None:
        assert self.reference is not None
        reason = None
        if reason_required(CaseStatus(self.detail["status"]), target):
            reason, ok = QInputDialog.getText(
                self,
                self.tr("Reason"),
                self.tr("Why is the case moved to {0}?").format(labels.status(target.value)),
            )
            if not ok or not reason.strip():
                return
        reference, actor, store = self.reference, self._actor, self._store
        seen_version = self.detail["version"]  # plain data for the worker, read here

        def work(progress: Any, cancelled: Any) -> None:
            with unit_of_work(store, actor=actor) as session:
                cases.change_status(
                    session,
                    reference,
                    target,
                    reason=reason,
                    expected_version=seen_version,
                )

        self._runner.run(self.tr("Changing status"), work, lambda _: self._after_change())

    def add_note(self) -> None:
        text = self.note_input.text().strip()
        if not text or self.reference is None:
            return
        reference, actor, store = self.reference, self._actor, self._store

        def work(progress: Any, cancelled: Any) -> None:
            with unit_of_work(store, actor=actor) as session:
                notes.add_note(session, cases.get_case(session, reference), text=text, author=actor)

        self.note_input.clear()
        self._runner.run(self.tr("Saving the note"), work, lambda _: self._after_change())

    def run_rules(self) -> None:
        if self.reference is None:
            return
        kwargs = {"db": jobs.locator(self._store), "reference": self.reference,
                  "actor": self._actor}  # fmt: skip
        self._runner.run_job(
            self.tr("Running the rules"), jobs.classify, kwargs, lambda _: self._after_change()
        )

    def verify(self) -> None:
        """Re-hash the case's exhibits (the Evidence tab shows the result)."""
        if self.reference is not None:
            self.setCurrentWidget(self.evidence_tab)
            self.evidence_tab.verify()

    def has_unsaved_changes(self) -> bool:
        """True while a form holds edits that are not in the store yet."""
        return self.vehicles_tab.has_unsaved_changes()

    def save(self) -> None:
        """Save the edits of the current form (Ctrl+S)."""
        if self.vehicles_tab.has_unsaved_changes():
            self.vehicles_tab.save()

    def _after_change(self) -> None:
        self.show_case(self.reference)
        self.changed.emit()
