"""The review dialog: a supervisor approves a case under review, or returns it.

It shows what the approval covers (``core.jobs.review_summary``, read in the reading
process): who asked for the review, how many rows of each kind the case holds, and the
case's content hash now. Approving asks for a comment and for one tick per current
finding whose legal basis is unconfirmed (the approval records them as acknowledged);
returning asks for a reason. The store decides who may (``core.services.review``): a
refusal is shown in the dialog in one line, and what was typed and ticked stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core import jobs
from core.domain.review import ReviewAction
from core.errors import Failure
from core.services import review
from gui.operations import Changes, Op, Where
from gui.widgets import Banner

if TYPE_CHECKING:
    from gui.widgets import OnCase

Mode = Literal["approve", "return"]

#: The key of the dialog's read: a newer one supersedes an older one.
READ_KEY = "review-dialog.read"


def short_hash(value: str | None) -> str:
    """The first 16 hex digits of a hash and an ellipsis ("" for none)."""
    return f"{value[:16]}…" if value else ""


class ReviewDialog(QDialog):
    """Approve (``mode="approve"``) or return (``"return"``) the case ``on.reference``.

    ``summary_read`` is set once the summary is shown; the dialog accepts once the
    store recorded the step."""

    def __init__(self, on: OnCase, mode: Mode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on, self.mode = on, mode
        self.summary: dict[str, Any] | None = None
        self._busy = False
        approving = mode == "approve"
        self.setWindowTitle(
            (self.tr("Approve {0}") if approving else self.tr("Return {0}")).format(on.reference)
        )
        self.setMinimumWidth(720)

        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label in (
            ("case", self.tr("Case")),
            ("unit", self.tr("Unit")),
            ("requested", self.tr("Requested by")),
            ("contents", self.tr("Contents")),
            ("hash", self.tr("Content hash")),
        ):
            value = QLabel(self.tr("Reading…"))
            value.setObjectName(f"summary-{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label, value)
        self.fields["hash"].setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.fields["case"].setText(on.reference)

        self.acknowledgements = QGroupBox(self.tr("Findings whose legal basis is unconfirmed"))
        self._ack_box = QVBoxLayout(self.acknowledgements)
        self._ack_hint = QLabel(
            self.tr("Tick each one to acknowledge it: the approval records them.")
        )
        self._ack_hint.setWordWrap(True)
        self._ack_box.addWidget(self._ack_hint)
        self.checks: dict[int, QCheckBox] = {}
        self._details: dict[int, QLabel] = {}
        self.acknowledgements.setVisible(approving)

        self.text_label = QLabel(self.tr("&Comment:") if approving else self.tr("&Reason:"))
        self.text = QPlainTextEdit()
        self.text.setObjectName("comment" if approving else "reason")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(
            self.tr("What you checked, for the case file")
            if approving
            else self.tr("What the inspector should do before asking again")
        )
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.text_label.setBuddy(self.text)
        self.text.textChanged.connect(self._update_buttons)

        self.banner = Banner()
        self.banner.setObjectName("review-refusal")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.addButton(
            self.tr("&Approve") if approving else self.tr("Re&turn"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.ok_button.setObjectName("review-ok")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.acknowledgements)
        layout.addWidget(self.text_label)
        layout.addWidget(self.text)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._update_buttons()
        self.read()

    # --- reading -------------------------------------------------------------------------------

    def read(self) -> None:
        """Read the summary in the reading process."""
        Op(jobs.review_summary, db=self._on.db, reference=self._on.reference).where(
            Where.READER
        ).key((READ_KEY, id(self))).success(self._show).failure(self._read_failed).run(
            self._on.runner
        )

    def _read_failed(self, failure: Failure) -> None:
        if shiboken6.isValid(self):
            self.banner.show_message(
                self.tr("The review could not be read: {0}").format(failure.message)
            )

    def _show(self, summary: dict[str, Any]) -> None:
        if not shiboken6.isValid(self):
            return
        self.summary = summary
        state: review.ReviewState = summary["state"]
        requested = state.last(ReviewAction.REQUESTED)
        self.fields["unit"].setText(state.unit)
        self.fields["requested"].setText(
            self.tr("{0} on {1}").format(requested.person, requested.at.strftime("%Y-%m-%d %H:%M"))
            if requested is not None
            else self.tr("nobody (the case was moved to review without a request)")
        )
        counts = summary["counts"]
        self.fields["contents"].setText(
            self.tr(
                "{0} shipments · {1} vehicles · {2} parties · {3} current findings · "
                "{4} exhibits · {5} custody events"
            ).format(
                counts["shipments"],
                counts["vehicles"],
                counts["parties"],
                counts["findings"],
                counts["exhibits"],
                counts["custody"],
            )
        )
        whole = str(summary["content_hash"])
        self.fields["hash"].setText(whole)
        self.fields["hash"].setWordWrap(False)
        self.fields["hash"].setToolTip(whole)
        self._show_unconfirmed(state.unconfirmed)
        self._update_buttons()
        self._fit()

    def _fit(self) -> None:
        """Grow to show the summary and every finding's whole text (a wrapped label's
        height depends on its width, which the dialog's size hint does not follow)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        for detail in self._details.values():
            detail.setMinimumHeight(detail.heightForWidth(max(detail.width(), 200)))
        layout.activate()
        self.adjustSize()

    def _show_unconfirmed(self, unconfirmed: list[dict[str, Any]]) -> None:
        ticked = {i for i, box in self.checks.items() if box.isChecked()}  # a re-read keeps them
        for widget in [*self.checks.values(), *self._details.values()]:
            widget.setParent(None)
            widget.deleteLater()
        self.checks = {}
        self._details = {}
        if not unconfirmed:
            self._ack_hint.setText(self.tr("None: no current finding needs an acknowledgement."))
            return
        self._ack_hint.setText(
            self.tr("Tick each one to acknowledge it: the approval records them.")
        )
        for finding in unconfirmed:
            number = int(finding["finding_id"])
            basis = finding.get("citation") or finding.get("basis") or ""
            box = QCheckBox(self.tr("{0} · VIN {1}").format(finding["rule_id"], finding["vin"]))
            box.setObjectName(f"ack-{number}")
            box.setChecked(number in ticked)
            box.toggled.connect(self._update_buttons)
            what = str(finding.get("title_en") or "")
            if basis:
                what += f" — {basis}"
            detail = QLabel(what)
            detail.setWordWrap(True)
            detail.setIndent(24)  # under the box's text
            detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._ack_box.addWidget(box)
            self._ack_box.addWidget(detail)
            self.checks[number] = box
            self._details[number] = detail

    # --- acting --------------------------------------------------------------------------------

    def _update_buttons(self, *_: object) -> None:
        self.ok_button.setEnabled(
            self.summary is not None and not self._busy and bool(self.text.toPlainText().strip())
        )

    def acknowledged(self) -> list[int]:
        return sorted(i for i, box in self.checks.items() if box.isChecked())

    def submit(self) -> None:
        """Ask the store to record the approval or the return; the dialog stays open,
        with what was typed, when the store refuses."""
        text = self.text.toPlainText().strip()
        if self.summary is None or self._busy or not text:
            return
        on = self._on
        if self.mode == "approve":
            missing = [i for i, box in self.checks.items() if not box.isChecked()]
            if missing:
                self.banner.show_message(
                    self.tr(
                        "Not approved: acknowledge each finding whose legal basis is "
                        "unconfirmed ({0} not ticked)."
                    ).format(len(missing))
                )
                return
            step: Op[None] = Op(
                review.approve_case,
                db=on.db,
                actor=on.actor,
                reference=on.reference,
                comment=text,
                acknowledge=self.acknowledged(),
            )
            step.label(self.tr("Recording the approval"))
        else:
            step = Op(
                review.send_back, db=on.db, actor=on.actor, reference=on.reference, reason=text
            )
            step.label(self.tr("Returning the case"))
        self.banner.hide()
        self._busy = True
        self._update_buttons()
        step.changes(Changes(on.reference, case=True))
        step.success(self._done).failure(self._refused).cancelled(self._not_busy).run(on.runner)

    def _not_busy(self) -> None:
        if shiboken6.isValid(self):
            self._busy = False
            self._update_buttons()

    def _done(self, _result: object) -> None:
        if shiboken6.isValid(self):
            self._busy = False
            self.accept()

    def _refused(self, failure: Failure) -> None:
        if not shiboken6.isValid(self):
            return
        self._not_busy()
        prefix = (
            self.tr("Not approved: {0}") if self.mode == "approve" else self.tr("Not returned: {0}")
        )
        message = " ".join(failure.message.split())  # one line
        if failure.problems:
            message = "; ".join(text for _field, text in failure.problems) or message
        self.banner.show_message(prefix.format(message))
