"""The case workspace: one case's rooms (overview with the status workflow, vehicles,
evidence, findings, diary, history).

Everything it shows is read by a keyed op in the reading process (``core.jobs.load_case``);
every change is a core use case run as an op that announces what it changed. The
workspace reloads the case when an op (its own, a tab's, an import's) says the case on
show changed: no view reaches into another to refresh it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import jobs
from core.domain.case import TRANSITIONS, CaseStatus, reason_required
from core.domain.fields import CASE_FIELDS
from core.domain.review import ReviewAction
from core.errors import Failure, ValidationError
from core.services import cases, notes, review
from gui import labels
from gui.case.findings import FindingsTab
from gui.evidence.tab import EvidenceTab
from gui.forms.case import CaseForm
from gui.operations import Changes, Op, OperationRunner, Where
from gui.review.dialog import short_hash
from gui.rows_model import RowsModel
from gui.vehicles.tab import VehiclesTab
from gui.widgets import Banner, Tone, table_view, warning_icon

if TYPE_CHECKING:
    from gui.review.dialog import ReviewDialog

#: The key of the op reading the case on show: a newer read supersedes an older one.
LOAD_KEY = "case-workspace.load"
#: The key of the op reading the review of the case on show.
REVIEW_KEY = "case-workspace.review"


def review_banner_text(state: review.ReviewState) -> tuple[str, Tone]:
    """The Overview's line on the review of a case, and its tone ("" for none)."""
    approved = state.last(ReviewAction.APPROVED)
    single = (
        " "
        + QCoreApplication.translate("CaseWorkspace", "(recorded on a single-workstation store)")
        if state.single_workstation
        else ""
    )
    if state.state == "approved" and approved is not None:
        text = QCoreApplication.translate(
            "CaseWorkspace", "Approved by {0} on {1} · content hash {2}"
        ).format(
            approved.person,
            approved.at.strftime("%Y-%m-%d %H:%M"),
            short_hash(approved.content_hash),
        )
        if state.intact is False:
            return text + " · " + QCoreApplication.translate(
                "CaseWorkspace", "the case no longer matches the approved content"
            ), "warning"
        return text + single, "ok"
    if state.state == "voided":
        voided = state.steps[-1]
        changes = "; ".join(line for line in (voided.comment or "").splitlines() if line.strip())
        return QCoreApplication.translate(
            "CaseWorkspace", "The approval by {0} was voided by a change: {1}"
        ).format(
            approved.person if approved is not None else "?", changes or voided.person
        ), "warning"
    if state.status == CaseStatus.UNDER_REVIEW.value:
        requested = state.last(ReviewAction.REQUESTED)
        text = QCoreApplication.translate(
            "CaseWorkspace", "Awaiting review by a supervisor of {0}"
        ).format(state.unit)
        if requested is not None and state.state == "requested":
            text += " · " + QCoreApplication.translate("CaseWorkspace", "requested by {0}").format(
                requested.person
            )
        return text, "info"
    if state.state == "returned":
        returned = state.steps[-1]
        return QCoreApplication.translate("CaseWorkspace", "Returned by {0}: {1}").format(
            returned.person, " ".join((returned.comment or "").split())
        ), "info"
    return "", "info"


class CaseWorkspace(QTabWidget):
    """Shows one case. ``loaded(reference)`` fires once the rooms show it;
    ``leave_ready(reference)`` once edits saved on leaving have landed (the owner then
    opens ``reference``, the case the user asked for)."""

    loaded = Signal(str)
    leave_ready = Signal(str)

    def __init__(
        self, db: str, runner: OperationRunner, actor: str, jurisdictions: list[str]
    ) -> None:
        super().__init__()
        self._db, self._runner, self._actor = db, runner, actor
        self.reference: str | None = None
        self.detail: dict[str, Any] = {}
        self._case_saving = False  # a save of the case's fields is under way
        self.addTab(self._overview(jurisdictions), self.tr("&Overview"))
        self.vehicles_tab = VehiclesTab(db, runner, actor)
        self.addTab(self.vehicles_tab, self.tr("Shipments && &Vehicles"))
        self.evidence_tab = EvidenceTab(db, runner, actor)
        self.addTab(self.evidence_tab, self.tr("&Evidence"))
        self.findings_tab = FindingsTab()
        self.findings_tab.run_rules.connect(self.run_rules)
        self.findings_tab.out_of_date.connect(self._mark_findings_tab)
        self.addTab(self.findings_tab, self.tr("&Findings"))
        self.addTab(self._diary(), self.tr("&Diary"))
        self.addTab(self._history(), self.tr("&History"))
        runner.changed.connect(self._on_changed)
        self.setEnabled(False)

    # --- the rooms ----------------------------------------------------------------------------

    def _overview(self, jurisdictions: list[str]) -> QWidget:
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
        self.case_form = CaseForm(jurisdictions)
        self.case_banner = Banner()
        self.case_banner.retry_button.clicked.connect(lambda: self._reload())
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
        #: The review's state: approved, voided, awaiting a supervisor, returned.
        self.review_banner = Banner()
        self.review_banner.setObjectName("review-banner")
        self.review_banner.dismiss.hide()  # the state of the case, not a passing message
        self.review: review.ReviewState | None = None
        box = QVBoxLayout(overview)
        box.addWidget(self.review_banner)
        box.addLayout(form)
        box.addWidget(self.case_form)
        box.addWidget(self.case_banner)
        box.addLayout(case_buttons)
        box.addLayout(self.status_buttons)
        box.addStretch(1)
        self._case_form_changed()
        return overview

    def _diary(self) -> QWidget:
        diary = QWidget()
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
        layout = QVBoxLayout(diary)
        layout.addWidget(table_view(self.notes))
        layout.addWidget(self.note_input)
        return diary

    def _history(self) -> QWidget:
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
        return table_view(self.history)

    # --- loading -----------------------------------------------------------------------------

    def show_case(self, reference: str | None) -> bool:
        """Show the case ``reference`` (None: nothing); False if the user stays with
        unsaved edits (or they are being saved: ``leave_ready`` follows once they landed).
        The case is read in the reading process; ``loaded(reference)`` fires once the
        rooms show it."""
        if reference != self.reference and not self._can_leave_for(reference):
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
        self._reload()
        return True

    def _reload(self) -> None:
        if self.reference is None:
            return
        Op(jobs.load_case, db=self._db, reference=self.reference).where(Where.READER).key(
            LOAD_KEY
        ).success(self._fill).failure(self._load_failed).run(self._runner)

    def _load_failed(self, failure: Failure) -> None:
        if not shiboken6.isValid(self):
            return
        self.case_banner.show_message(
            self.tr("The case could not be read: {0}").format(failure.message), retry=True
        )
        self.setEnabled(True)

    def _fill(self, data: dict[str, Any]) -> None:
        if not shiboken6.isValid(self):
            return  # the window was rebuilt (another store or language) meanwhile
        d = data["detail"]
        if d["reference"] != self.reference:
            return  # another case was asked for meanwhile (its read supersedes this one)
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
        self._read_review(d["reference"], same)
        self.vehicles_tab.show_case(d["reference"], d)
        self.evidence_tab.show_case(d["reference"], data["evidence"])
        self.notes.set_rows(d["notes"])
        self.history.set_rows(data["history"])
        self.findings_tab.show_stale(d.get("findings_out_of_date") or [])
        self.findings_tab.show_findings(d["vehicles"])
        self.case_form.setEnabled(True)
        self.setEnabled(True)
        self._set_actions_enabled(True)
        self.loaded.emit(d["reference"])

    def _on_changed(self, changes: Changes) -> None:
        """An op changed the store: read the case again if it was the case on show."""
        if not shiboken6.isValid(self) or self.reference is None:
            return
        touched = changes.case or changes.records or changes.evidence or changes.findings
        if touched and changes.reference in (None, self.reference):
            self._reload()

    def _mark_findings_tab(self, out_of_date: str) -> None:
        index = self.indexOf(self.findings_tab)
        self.setTabIcon(index, warning_icon() if out_of_date else QIcon())
        self.setTabToolTip(index, out_of_date)

    # --- leaving -------------------------------------------------------------------------------

    def _can_leave_for(self, reference: str | None) -> bool:
        """True when the edits of this case let the user go to ``reference`` now. A save
        chosen on the way out runs first; ``leave_ready(reference)`` follows once it landed."""

        def saved() -> None:
            if shiboken6.isValid(self) and reference is not None:
                self.leave_ready.emit(reference)

        return (
            self._case_form_can_leave(saved)
            and self.vehicles_tab.ask_to_leave(saved)
            and self._note_can_leave(saved)
        )

    def _ask(self, question: str) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self,
            self.window().windowTitle(),
            question,
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )

    def _case_form_can_leave(self, then: Callable[[], None]) -> bool:
        """Edits of the case's own fields are saved (then ``then()``), discarded or kept;
        edits whose save is under way are on their way to the store already."""
        if not self.case_form.is_dirty() or self._case_saving:
            return True
        answer = self._ask(self.tr("The case's fields have unsaved changes. Save them first?"))
        if answer == QMessageBox.StandardButton.Save:
            self.save_case(then=then)
            return False
        if answer == QMessageBox.StandardButton.Discard:
            self._revert_case()
            return True
        return False

    def _note_can_leave(self, then: Callable[[], None]) -> bool:
        """A typed diary note is added (then ``then()``), discarded or kept, as the
        inspector says."""
        if not self.note_input.text().strip():
            return True
        answer = self._ask(
            self.tr("The diary note you typed is not added yet. Add it to this case?")
        )
        if answer == QMessageBox.StandardButton.Save:
            self.add_note(then=then)
            return False
        if answer == QMessageBox.StandardButton.Discard:
            self.note_input.clear()
            return True
        return False

    def has_unsaved_changes(self) -> bool:
        """True while a form or the diary line holds edits that are not in the store yet."""
        return (
            self.case_form.is_dirty()
            or self.vehicles_tab.has_unsaved_changes()
            or bool(self.note_input.text().strip())
        )

    # --- helpers -------------------------------------------------------------------------------

    def _set_actions_enabled(self, enabled: bool) -> None:
        self.note_input.setEnabled(enabled)
        self.findings_tab.set_actions_enabled(enabled)
        for index in range(self.status_buttons.count()):
            item = self.status_buttons.itemAt(index)
            button = item.widget() if item is not None else None
            if button is not None:
                button.setEnabled(enabled)

    def _shown_reference(self) -> str | None:
        """The case whose data the rooms show (None while another one is loading)."""
        shown = self.detail.get("reference")
        return shown if shown is not None and shown == self.reference else None

    def shown_reference(self) -> str | None:
        """The case the user sees: what the window's actions (import, export, rules,
        verification) act on. None while another case is loading."""
        return self._shown_reference()

    def set_actor(self, actor: str) -> None:
        """Act as ``actor`` from now on (the inspector's identity changed in Settings)."""
        self._actor = actor
        self.vehicles_tab.set_actor(actor)
        self.evidence_tab._actor = actor

    def _status_buttons(self, status: CaseStatus) -> None:
        while self.status_buttons.count():
            item = self.status_buttons.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # gone now, not at the next event loop turn
                widget.deleteLater()
        # The review's steps where the status moves are: a review is asked for (not a
        # plain move to under_review), and ready_for_hearing is reached only by an
        # approval (core.services.review), so it is never offered as a move.
        if status is CaseStatus.OPEN:
            self._add_button(self.tr("Request review"), "review-request", self.request_review)
        if status is CaseStatus.UNDER_REVIEW:
            self._add_button(
                self.tr("Approve…"), "review-approve", lambda: self.open_review("approve")
            )
            self._add_button(
                self.tr("Return…"), "review-return", lambda: self.open_review("return")
            )
        for target in sorted(TRANSITIONS[status], key=list(CaseStatus).index):
            if target is CaseStatus.READY_FOR_HEARING:
                continue
            if status is CaseStatus.OPEN and target is CaseStatus.UNDER_REVIEW:
                continue  # "Request review" records who asked
            self._add_button(
                self.tr("Move to: {0}").format(labels.status(target.value)),
                f"status-{target.value}",
                functools.partial(self.change_status, target),
            )
        self.status_buttons.addStretch(1)

    def _add_button(self, text: str, name: str, slot: Callable[[], object]) -> None:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _=False: slot())
        self.status_buttons.addWidget(button)

    # --- the review ------------------------------------------------------------------------------

    def _read_review(self, reference: str, same: bool) -> None:
        if not same:
            self.review = None
            self.review_banner.hide()
        Op(review.state_of, db=self._db, reference=reference).where(Where.READER).key(
            REVIEW_KEY
        ).success(self._show_review).failure(lambda _failure: None).run(self._runner)

    def _show_review(self, state: review.ReviewState) -> None:
        if not shiboken6.isValid(self) or state.reference != self._shown_reference():
            return  # another case is on show now
        self.review = state
        text, tone = review_banner_text(state)
        if text:
            self.review_banner.show_message(text, tone=tone)
        else:
            self.review_banner.hide()

    def request_review(self) -> None:
        """Ask for the review of the case on show (it moves to under_review)."""
        reference = self._shown_reference()
        if reference is None:
            return

        def refused(failure: Failure) -> None:
            if shiboken6.isValid(self) and reference == self._shown_reference():
                self.case_banner.show_message(
                    self.tr("The review was not requested: {0}").format(failure.message)
                )

        self.case_banner.hide()
        ask = Op(review.request, db=self._db, actor=self._actor, reference=reference)
        ask.label(self.tr("Requesting the review")).changes(Changes(reference, case=True))
        ask.failure(refused).run(self._runner)

    def open_review(self, mode: str) -> ReviewDialog | None:
        """Open the approve (``mode="approve"``) or return dialog on the case on show."""
        from gui.review.dialog import ReviewDialog
        from gui.widgets import OnCase

        reference = self._shown_reference()
        if reference is None:
            return None
        on = OnCase(self._db, self._runner, self._actor, reference)
        dialog = ReviewDialog(on, "approve" if mode == "approve" else "return", self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- actions -------------------------------------------------------------------------------

    def change_status(self, target: CaseStatus) -> None:
        reference = self._shown_reference()
        if reference is None:
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

        def refused(failure: Failure) -> None:  # e.g. findings out of date: said at the buttons
            if not shiboken6.isValid(self) or reference != self._shown_reference():
                return  # that case is no longer on show; nothing was changed
            self.case_banner.show_message(
                self.tr("The status was not changed: {0}").format(failure.message)
            )

        self.case_banner.hide()
        seen = self.detail["version"]
        move = Op(cases.move, db=self._db, actor=self._actor, reference=reference,
                  target=target.value, reason=reason, expected_version=seen)  # fmt: skip
        move.label(self.tr("Changing status")).changes(Changes(reference, case=True))
        move.failure(refused).run(self._runner)

    def add_note(self, then: Callable[[], None] | None = None) -> None:
        text = self.note_input.text().strip()
        reference = self._shown_reference()
        if not text or reference is None:
            return

        def saved(_result: object) -> None:
            if not shiboken6.isValid(self):
                return
            if self.note_input.text().strip() == text and reference == self.reference:
                self.note_input.clear()  # only now: a failed save keeps what was typed
            if then is not None:
                then()

        Op(notes.add, db=self._db, actor=self._actor, reference=reference, text=text).label(
            self.tr("Saving the note")
        ).changes(Changes(reference, case=True)).success(saved).run(self._runner)

    def run_rules(self) -> None:
        if self.reference is None:
            return
        Op(jobs.classify, db=self._db, reference=self.reference, actor=self._actor).where(
            Where.WORKER
        ).label(self.tr("Running the rules")).changes(Changes(self.reference, findings=True)).run(
            self._runner
        )

    def verify(self) -> None:
        """Re-hash the case's exhibits (the Evidence tab shows the result)."""
        if self.reference is not None:
            self.setCurrentWidget(self.evidence_tab)
            self.evidence_tab.verify()

    # --- the case's own fields ---------------------------------------------------------------

    def _case_form_changed(self, *_: object) -> None:
        dirty = self.case_form.is_dirty()
        self.case_save.setEnabled(dirty and self.case_form.is_valid())
        self.case_revert.setEnabled(dirty)

    def _revert_case(self) -> None:
        self.case_form.set_values({s.name: self.detail.get(s.name) for s in CASE_FIELDS})
        self.case_banner.hide()
        self._case_form_changed()

    def save_case(self, then: Callable[[], None] | None = None) -> None:
        """Save the Overview's edits, checked against the version the inspector saw;
        then ``then()`` once they landed."""
        reference = self._shown_reference()
        if reference is None or not self.case_form.is_dirty():
            return
        try:
            changes = self.case_form.changed_values()
        except ValidationError:
            return  # shown at the fields

        def saved(_result: object) -> None:
            if not shiboken6.isValid(self):
                return  # the window was rebuilt meanwhile
            self._case_saving = False
            if reference == self._shown_reference():
                self.case_banner.hide()
                self.case_form.set_values(self.case_form.values())  # saved: the clean state
                self._case_form_changed()
            if then is not None:
                then()

        def refused(failure: Failure) -> None:
            if not shiboken6.isValid(self):
                return
            self._case_saving = False
            if reference != self._shown_reference():
                return  # the form shows another case now: not this save's to change
            if failure.problems:
                self.case_form.show_problems(failure.problems)
            else:
                what = labels.stored_values(dict(failure.current)) or failure.message
                self.case_banner.show_message(
                    self.tr("Not saved: {0}. Your edits are kept; Revert shows the stored case.")
                    .format(what)
                )  # fmt: skip
            self._case_form_changed()

        save = Op(cases.save_fields, db=self._db, actor=self._actor, reference=reference,
                  changes=changes, expected_version=self.detail["version"])  # fmt: skip
        save.label(self.tr("Saving the case")).changes(Changes(reference, case=True))
        self._case_saving = True
        save.cancelled(
            lambda: setattr(self, "_case_saving", False) if shiboken6.isValid(self) else None
        )
        save.success(saved).failure(refused).run(self._runner)

    def save(self) -> None:
        """Save the edits of the current form (Ctrl+S)."""
        if self.case_form.is_dirty():
            self.save_case()
        if self.vehicles_tab.has_unsaved_changes():
            self.vehicles_tab.save()
        if self.note_input.text().strip():
            self.add_note()
