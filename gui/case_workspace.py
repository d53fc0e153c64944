"""The case workspace: overview with the status workflow, vehicles, evidence, findings,
diary and history. Reads through ``core.services``; long work goes through the runner.

The Findings tab shows what core says of the findings: when some are out of date
(``findings_out_of_date`` of the case detail), a banner names the vehicles and why, with
one button that runs the rules; data-quality findings (``DQ-*``: doubtful facts, no
accusation) are grouped apart under each vehicle; a finding's detail says which date
chose its pack version.
"""

from __future__ import annotations

from html import escape
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import jobs
from core.domain.case import TRANSITIONS, CaseStatus, reason_required
from core.domain.fields import CASE_FIELDS
from core.errors import ConflictError, ValidationError
from core.persistence.store import Store
from core.persistence.unit_of_work import unit_of_work
from core.services import cases, notes
from gui import labels
from gui.evidence_tab import EvidenceTab
from gui.i18n import report_language
from gui.operations import OperationRunner
from gui.record_forms import CaseForm, known_jurisdictions
from gui.rows_model import RowsModel
from gui.vehicles_tab import VehiclesTab
from gui.widgets import (
    ATTENTION_COLOUR,
    SEVERITY_COLOURS,
    STALE_BACKGROUND,
    tint,
    warning_icon,
)

#: Vehicles whose findings are added to the tree per event-loop turn.
FINDINGS_PER_TURN = 10
#: Out-of-date vehicles named in the banner (the rest are counted).
STALE_LISTED = 8
#: Rule ids of the data-quality findings start so (rules.md, "Data quality").
DATA_QUALITY_PREFIX = "DQ-"
DATA_QUALITY_COLOUR = "#E8EAF0"


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
        self._load = 0  # the latest read of a case; an older one arriving is dropped

        # Overview
        overview = QWidget()
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (
            ("reference", self.tr("Reference")),
            ("status", self.tr("Status")),
            ("closing_reason", self.tr("Closing reason")),
            ("inspector", self.tr("Inspector")),
        ):
            self.fields[key] = QLabel()
            self.fields[key].setWordWrap(True)
            self.fields[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, self.fields[key])
        # The case's own fields (title, jurisdiction, priority, hearing data), editable.
        self.case_form = CaseForm(known_jurisdictions(store))
        self.case_banner = QLabel()
        self.case_banner.setWordWrap(True)
        self.case_banner.hide()
        self.case_save = QPushButton(self.tr("Save the case"))
        self.case_save.clicked.connect(self.save_case)
        self.case_revert = QPushButton(self.tr("Revert"))
        self.case_revert.clicked.connect(self._revert_case)
        self.case_form.edited.connect(self._case_form_changed)
        case_buttons = QHBoxLayout()
        case_buttons.addStretch(1)
        case_buttons.addWidget(self.case_revert)
        case_buttons.addWidget(self.case_save)
        self.status_buttons = QHBoxLayout()
        box = QVBoxLayout(overview)
        box.addLayout(form)
        box.addWidget(self.case_form)
        box.addWidget(self.case_banner)
        box.addLayout(case_buttons)
        box.addLayout(self.status_buttons)
        box.addStretch(1)
        self._case_form_changed()
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
        self.findings.currentItemChanged.connect(self._show_finding)
        # The selected finding in full: explanation, legal basis, citation, confirmation.
        self.finding_detail = QTextBrowser()
        self.finding_detail.setOpenLinks(False)
        self.finding_detail.setPlaceholderText(
            self.tr("Select a finding to read its explanation and legal basis.")
        )
        self.run_button = QPushButton(self.tr("&Run the rules"))
        self.run_button.clicked.connect(self.run_rules)
        # Out-of-date findings: what core says, with the one action that makes them current.
        self.stale_banner = QFrame()
        self.stale_banner.setObjectName("findings-out-of-date")
        self.stale_banner.setFrameShape(QFrame.Shape.StyledPanel)
        tint(self.stale_banner, STALE_BACKGROUND)
        self.stale_label = QLabel()
        self.stale_label.setWordWrap(True)
        self.stale_label.setTextFormat(Qt.TextFormat.PlainText)
        self.stale_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stale_button = QPushButton(self.tr("Run the rules &now"))
        self.stale_button.clicked.connect(self.run_rules)
        stale_row = QHBoxLayout(self.stale_banner)
        stale_row.addWidget(self.stale_label, 1)
        stale_row.addWidget(self.stale_button, 0, Qt.AlignmentFlag.AlignTop)
        self.stale_banner.hide()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.findings)
        split.addWidget(self.finding_detail)
        split.setSizes([420, 200])
        layout = QVBoxLayout(findings_tab)
        layout.addWidget(self.stale_banner)
        layout.addWidget(split)
        layout.addWidget(self.run_button)
        self.findings_tab = findings_tab
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
        if reference != self.reference and not (
            self.vehicles_tab.ask_to_leave() and self._note_can_leave()
        ):
            return False
        if reference != self.reference:
            self._set_actions_enabled(False)  # no action on one case with another's data
            # nor an edit: what is typed into the last case's forms while the next one
            # loads would be overwritten (or saved into the wrong case)
            for form in (self.case_form, self.vehicles_tab, self.evidence_tab):
                form.setEnabled(False)
        self.reference = reference
        if reference is None:
            self.vehicles_tab.show_case(None)
            self.evidence_tab.show_case(None)
            self.setEnabled(False)
            return True
        self._load += 1
        load = self._load
        kwargs = {"db": jobs.locator(self._store), "reference": reference}
        self._runner.read(jobs.load_case, kwargs, lambda data: self._fill(data, load))
        return True

    def _fill(self, data: dict[str, Any], load: int | None = None) -> None:
        if not shiboken6.isValid(self):
            return  # the window was rebuilt (another store or language) meanwhile
        d = data["detail"]
        if d["reference"] != self.reference or (load is not None and load != self._load):
            return  # another case (or a newer read of this one) was asked for meanwhile
        self.detail = d
        inspector = d["assigned_inspector"]
        values = d | {
            "inspector": f"{inspector['name']} ({inspector['badge_number']})" if inspector else "",
            "status": labels.status(d["status"]),
            "priority": labels.priority(d["priority"]),
        }
        # A mark of the layout's direction first: a name in Arabic script must not pull
        # its line to the other side of a left-to-right form (nor the reverse).
        mark = "\u200f" if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else "\u200e"
        for key, label in self.fields.items():
            value = values.get(key)
            label.setText("" if value is None else mark + str(value))
        same = self.case_form.property("reference") == d["reference"]
        self.case_form.set_values(
            {s.name: d.get(s.name) for s in CASE_FIELDS},
            keep_edits=same and self.case_form.is_dirty(),  # a refresh keeps what was typed
        )
        self.case_form.setProperty("reference", d["reference"])
        if not same:
            self.case_banner.hide()
        self._case_form_changed()
        self._status_buttons(CaseStatus(d["status"]))
        self.vehicles_tab.show_case(d["reference"], d)
        self.evidence_tab.show_case(d["reference"], data["evidence"])
        self.notes.set_rows(d["notes"])
        self.history.set_rows(data["history"])
        self._show_stale(d.get("findings_out_of_date") or [])
        self._fill_findings(d["vehicles"])
        self.case_form.setEnabled(True)
        self.setEnabled(True)
        self._set_actions_enabled(True)
        self.loaded.emit(d["reference"])

    def _note_can_leave(self) -> bool:
        """A typed diary note is added, discarded or kept, as the inspector says."""
        if not self.note_input.text().strip():
            return True
        answer = QMessageBox.question(
            self,
            self.window().windowTitle(),
            self.tr("The diary note you typed is not added yet. Add it to this case?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            self.add_note()
            self._runner.wait()
        elif answer == QMessageBox.StandardButton.Discard:
            self.note_input.clear()
        else:
            return False
        self.note_input.clear()
        return True

    def _set_actions_enabled(self, enabled: bool) -> None:
        for widget in (self.note_input, self.run_button, self.stale_button):
            widget.setEnabled(enabled)
        for index in range(self.status_buttons.count()):
            button = self.status_buttons.itemAt(index).widget()
            if button is not None:
                button.setEnabled(enabled)

    def _shown_reference(self) -> str | None:
        """The case whose data the tabs show (None while another one is loading)."""
        shown = self.detail.get("reference")
        return shown if shown is not None and shown == self.reference else None

    def shown_reference(self) -> str | None:
        """The case the user sees: what the window's actions (import, export, rules,
        verification) act on. None while another case is loading."""
        return self._shown_reference()

    def set_actor(self, actor: str) -> None:
        """Act as ``actor`` from now on (the inspector's identity changed in Settings)."""
        self._actor = actor
        self.vehicles_tab._actor = actor
        self.evidence_tab._actor = actor

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

    def _show_stale(self, stale: list[dict[str, Any]]) -> None:
        """The banner over the findings: which vehicles' findings are out of date, and why."""
        index = self.indexOf(self.findings_tab)
        if not stale:
            self.stale_banner.hide()
            self.stale_label.clear()
            self.setTabIcon(index, QIcon())
            self.setTabToolTip(index, "")
            return
        lines = [self.tr("Findings out of date: run the rules.")]
        lines.append(
            self.tr(
                "The findings of {0} vehicle(s) no longer match what they were computed "
                "from; the case cannot be made ready for a hearing or exported until the "
                "rules run again."
            ).format(len(stale))
        )
        lines += [f"• {s['vin']}: {labels.reasons(s['reasons'])}" for s in stale[:STALE_LISTED]]
        if len(stale) > STALE_LISTED:
            lines.append(self.tr("… and {0} more.").format(len(stale) - STALE_LISTED))
        self.stale_label.setText("\n".join(lines))
        self.stale_banner.show()
        self.setTabIcon(index, warning_icon())
        self.setTabToolTip(index, self.tr("Findings out of date: run the rules."))

    def _fill_findings(self, vehicles: list[dict[str, Any]]) -> None:
        """Fill the findings tree a few vehicles per event-loop turn: a case of hundreds
        of vehicles must not hold up the window while its items are made."""
        self.findings.clear()
        self.finding_detail.clear()  # never the last case's finding under this one's list
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
            self._mark_vehicle(parent, vehicle)
            found = vehicle.get("findings", [])
            quality = [f for f in found if f["rule"].startswith(DATA_QUALITY_PREFIX)]
            for f in found:
                if f not in quality:
                    parent.addChild(self._finding_item(f, suffix))
            if quality:  # doubtful facts, beside the findings they may weaken
                group = QTreeWidgetItem(
                    [
                        self.tr("Data quality ({0})").format(len(quality)),
                        "",
                        self.tr("Doubtful facts of the declaration; they accuse no one."),
                    ]
                )
                font = group.font(0)
                font.setItalic(True)
                for column in range(3):
                    group.setFont(column, font)
                    group.setBackground(column, QColor(DATA_QUALITY_COLOUR))
                for f in quality:
                    group.addChild(self._finding_item(f, suffix))
                parent.addChild(group)
                group.setExpanded(True)
            for n in vehicle.get("not_evaluable", []):
                missing = ", ".join(
                    " / ".join(labels.field_name(fact) for fact in m.split("|"))
                    for m in n["missing"]
                )
                child = QTreeWidgetItem(
                    [self.tr("{0}: needs facts").format(n["rule"]), "", missing]
                )
                # then core's explanation of why (e.g. "registered unknown: dates out of
                # order (…)", or which pack version applied)
                explanation = n.get(f"explanation{suffix}") or n.get("explanation")
                if explanation:
                    child.setText(2, f"{missing} — {explanation}" if missing else explanation)
                    child.setToolTip(2, child.text(2))
                parent.addChild(child)
            self.findings.addTopLevelItem(parent)
            parent.setExpanded(True)
        if end < len(vehicles):
            QTimer.singleShot(0, self, lambda: self._add_findings(vehicles, end, batch))

    def _mark_vehicle(self, item: QTreeWidgetItem, vehicle: dict[str, Any]) -> None:
        """A vehicle's line says when its findings are out of date or its VIN is malformed."""
        notes = []
        if vehicle.get("findings_out_of_date"):
            notes.append(
                self.tr("findings out of date ({0})").format(
                    labels.reasons(vehicle["findings_out_of_date"])
                )
            )
        if vehicle.get("vin_problem"):
            notes.append(self.tr("VIN recorded as declared: {0}").format(vehicle["vin_problem"]))
        if not notes:
            return
        item.setIcon(0, warning_icon())
        item.setText(2, "; ".join(notes))
        item.setToolTip(0, "; ".join(notes))
        item.setForeground(2, QColor(ATTENTION_COLOUR))
        if vehicle.get("findings_out_of_date"):
            for column in range(3):
                item.setBackground(column, QColor(STALE_BACKGROUND))

    def _finding_item(self, f: dict[str, Any], suffix: str) -> QTreeWidgetItem:
        text = f[f"explanation{suffix}"] or f["explanation"]
        if not f["confirmed"]:
            text = self.tr("[legal basis not confirmed] {0}").format(text)
        title = f[f"title{suffix}"] or f["title"]
        child = QTreeWidgetItem([f"{f['rule']}: {title}", labels.severity(f["severity"]), text])
        child.setToolTip(2, f"{f[f'basis{suffix}'] or f['basis']} ({f['citation']})")
        child.setData(0, Qt.ItemDataRole.UserRole, f)
        colour = SEVERITY_COLOURS.get(f["severity"])
        if colour:
            for column in range(3):
                child.setBackground(column, QColor(colour))
        return child

    def version_date_text(self, finding: dict[str, Any]) -> str:
        """Which date chose the pack version of ``finding``, in words ("" if not recorded)."""
        day, basis = finding.get("version_date"), finding.get("version_date_basis")
        if not day:
            return ""
        if basis == "import_date":
            text = self.tr("Pack version chosen by the import date {0}.").format(day)
        elif basis == "evaluation_date":
            text = self.tr(
                "Import date unknown: the pack version in force on {0} (the day of "
                "evaluation) applied."
            ).format(day)
        else:
            text = self.tr("Pack version chosen by the date {0}.").format(day)
        if finding.get("pack"):
            text += " " + self.tr("Pack {0}, version {1}.").format(
                finding["pack"], finding.get("pack_version") or "?"
            )
        return text

    def _show_finding(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        finding = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if not finding:
            self.finding_detail.clear()
            return
        suffix = "_ru" if report_language() == "ru" else ""

        def text(key: str) -> str:
            return escape(str(finding.get(f"{key}{suffix}") or finding.get(key) or ""))

        basis_label = escape(self.tr("Legal basis:"))
        parts = [
            f"<h3>{escape(finding['rule'])}: {text('title')}</h3><p>{text('explanation')}</p>",
            f"<p><b>{basis_label}</b> {text('basis')}<br>{text('citation')}</p>",
        ]
        if finding["rule"].startswith(DATA_QUALITY_PREFIX):
            note = self.tr(
                "Data quality: a fact of the declaration is doubtful; this accuses no one, "
                "but may weaken the findings that use it."
            )
            parts.insert(1, f"<p><i>{escape(note)}</i></p>")
        version = self.version_date_text(finding)
        if version:
            parts.append(f"<p>{escape(version)}</p>")
        if not finding["confirmed"]:
            warning = self.tr(
                "The legal basis of this rule is not confirmed: check it before relying on "
                "this finding."
            )
            parts.append(f'<p style="color:#8A1C1C"><b>{escape(warning)}</b></p>')
        self.finding_detail.setHtml("".join(parts))

    # --- actions -----------------------------------------------------------------------------

    def change_status(self, target: CaseStatus) -> None:
        if self._shown_reference() is None:
            return
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

        def changed(_result: object) -> None:
            if reference == self.reference:
                self._after_change()
            else:  # another case is on show now: only the list learns of it
                self.changed.emit()

        def refused(message: str) -> None:  # e.g. findings out of date: said at the buttons
            if reference != self._shown_reference():
                return  # that case is no longer on show; nothing was changed
            tint(self.case_banner, "#FDECEA")
            self.case_banner.setText(self.tr("The status was not changed: {0}").format(message))
            self.case_banner.show()

        self.case_banner.hide()
        self._runner.run(self.tr("Changing status"), work, changed, on_failure=refused)

    def add_note(self) -> None:
        text = self.note_input.text().strip()
        reference = self._shown_reference()
        if not text or reference is None:
            return
        actor, store = self._actor, self._store

        def work(progress: Any, cancelled: Any) -> None:
            with unit_of_work(store, actor=actor) as session:
                notes.add_note(session, cases.get_case(session, reference), text=text, author=actor)

        def saved(_result: object) -> None:
            if reference != self.reference:  # another case is on show now
                self.changed.emit()
                return
            if self.note_input.text().strip() == text:
                self.note_input.clear()  # only now: a failed save keeps what was typed
            self._after_change()

        self._runner.run(self.tr("Saving the note"), work, saved)

    def run_rules(self) -> None:
        if self.reference is None:
            return
        reference = self.reference
        kwargs = {"db": jobs.locator(self._store), "reference": reference,
                  "actor": self._actor}  # fmt: skip

        def done(_result: object) -> None:
            if reference == self.reference:
                self._after_change()
            else:
                self.changed.emit()

        self._runner.run_job(self.tr("Running the rules"), jobs.classify, kwargs, done)

    def verify(self) -> None:
        """Re-hash the case's exhibits (the Evidence tab shows the result)."""
        if self.reference is not None:
            self.setCurrentWidget(self.evidence_tab)
            self.evidence_tab.verify()

    def has_unsaved_changes(self) -> bool:
        """True while a form or the diary line holds edits that are not in the store yet."""
        return (
            self.case_form.is_dirty()
            or self.vehicles_tab.has_unsaved_changes()
            or bool(self.note_input.text().strip())
        )

    # --- the case's own fields ---------------------------------------------------------------

    def _case_form_changed(self, *_: object) -> None:
        dirty = self.case_form.is_dirty()
        self.case_save.setEnabled(dirty and self.case_form.is_valid())
        self.case_revert.setEnabled(dirty)

    def _revert_case(self) -> None:
        self.case_form.set_values({s.name: self.detail.get(s.name) for s in CASE_FIELDS})
        self.case_banner.hide()
        self._case_form_changed()

    def save_case(self) -> None:
        """Save the Overview's edits, checked against the version the inspector saw."""
        reference = self._shown_reference()
        if reference is None or not self.case_form.is_dirty():
            return
        try:
            changes = self.case_form.changed_values()
        except ValidationError:
            return  # shown at the fields
        actor, store, seen = self._actor, self._store, self.detail["version"]

        def work(progress: Any, cancelled: Any) -> dict[str, Any]:
            try:
                with unit_of_work(store, actor=actor) as session:
                    cases.update_case(session, reference, changes, expected_version=seen)
            except ValidationError as exc:
                return {"problems": list(exc.problems)}
            except ConflictError as exc:
                current = {k: "" if v is None else str(v) for k, v in exc.current.items()}
                return {"conflict": str(exc), "current": current}
            return {}

        def done(result: dict[str, Any]) -> None:
            if reference != self._shown_reference():
                # The form shows another case now: its state is not this save's to change.
                if not result:
                    self.changed.emit()
                return
            if "problems" in result:
                self.case_form.show_problems(result["problems"])
            elif "conflict" in result:
                tint(self.case_banner, "#FDECEA")
                what = labels.stored_values(result["current"]) or result["conflict"]
                self.case_banner.setText(
                    self.tr("Not saved: {0}. Your edits are kept; Revert shows the stored case.")
                    .format(what)
                )  # fmt: skip
                self.case_banner.show()
            else:
                self.case_banner.hide()
                self.case_form.set_values(self.case_form.values())  # saved: now the clean state
                self._after_change()
            self._case_form_changed()

        self._runner.run(self.tr("Saving the case"), work, done)

    def save(self) -> None:
        """Save the edits of the current form (Ctrl+S)."""
        if self.case_form.is_dirty():
            self.save_case()
        if self.vehicles_tab.has_unsaved_changes():
            self.vehicles_tab.save()
        if self.note_input.text().strip():
            self.add_note()

    def _after_change(self) -> None:
        self.show_case(self.reference)
        self.changed.emit()
