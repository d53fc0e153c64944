"""The "New case" dialog and the operation that opens the case.

The dialog asks for the title, the jurisdiction (the default one preselected) and the
priority; OK stays disabled until every value is valid. The window then runs
``create_case_work`` through its runner and gets the new case's reference back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from core.domain.case import CasePriority
from core.persistence.store import Store
from core.persistence.unit_of_work import unit_of_work
from core.services import cases
from gui.operations import Work
from gui.record_forms import CaseForm, known_jurisdictions

NEW_CASE_FIELDS = ("title", "jurisdiction", "priority")


class NewCaseDialog(QDialog):
    """Asks for a new case's title, jurisdiction and priority.

    ``jurisdictions`` are the codes offered (by default those of the shipped rule
    packs; pass ``record_forms.known_jurisdictions(store)`` to include the store's);
    any other valid code may be typed. After ``exec()`` returns Accepted, ``values()``
    gives the parsed values.
    """

    def __init__(
        self,
        default_jurisdiction: str | None = None,
        parent: QWidget | None = None,
        *,
        jurisdictions: Sequence[str] | None = None,
    ) -> None:
        super().__init__(parent)
        if jurisdictions is None:
            jurisdictions = known_jurisdictions(None)
        self.setWindowTitle(self.tr("New case"))
        self.form = CaseForm(jurisdictions, fields=NEW_CASE_FIELDS, parent=self)
        self.form.set_values(
            {"jurisdiction": default_jurisdiction or None, "priority": CasePriority.NORMAL.value}
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Open case"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        intro = QLabel(self.tr("The case starts as a draft; shipments and vehicles come next."))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.form.edited.connect(self._update_ok)
        self._update_ok()
        self.form.editor("title").focus_widget().setFocus()
        self.resize(max(self.sizeHint().width(), 460), self.sizeHint().height())

    def prefill(self, values: dict[str, Any]) -> None:
        """Show ``values`` again (after the store refused them), ready to correct."""
        self.form.set_values(values)
        self._update_ok()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.form.is_valid())

    def accept(self) -> None:
        if not self.form.is_valid():  # Enter in a field with OK disabled
            self.form.values()  # shows the problems at their fields
            return
        super().accept()

    def values(self) -> dict[str, Any]:
        """``title``, ``jurisdiction`` (code) and ``priority`` (its value), all parsed.

        Raises :class:`core.errors.ValidationError` if a value is not valid.
        """
        return self.form.values()


def create_case_work(store: Store, actor: str, values: Mapping[str, Any]) -> Work:
    """The work of opening a case from the dialog's values; it returns the new reference.

    Plain data in, plain data out: safe to run on the runner's worker.
    """
    title = str(values["title"])
    jurisdiction = str(values["jurisdiction"])
    priority = CasePriority(values.get("priority") or CasePriority.NORMAL.value)

    def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> str:
        with unit_of_work(store, actor=actor) as session:
            case = cases.create_case(
                session, title=title, jurisdiction=jurisdiction, priority=priority
            )
            return case.reference

    return work
