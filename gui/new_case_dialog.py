"""The "New case" dialog: title, jurisdiction (the default one preselected) and priority.

OK stays disabled until every value is valid. The window then creates the case with the
use case ``core.services.cases.create`` in an op and gets the new reference back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from core.domain.case import CasePriority
from core.services.rule_packs import Jurisdictions, known_jurisdictions
from gui.forms.case import CaseForm
from gui.forms.fields import ChoiceFieldEditor
from gui.i18n import country_name
from gui.operations import Op, OperationRunner, Where

NEW_CASE_FIELDS = ("title", "jurisdiction", "priority")


class NewCaseDialog(QDialog):
    """Asks for a new case's title, jurisdiction and priority.

    ``jurisdictions`` are the codes offered (by default those of the shipped rule
    packs; with ``db`` (a store locator) and ``runner``, the store's packs are read in an
    op and their codes added); any other valid code may be typed. After ``exec()``
    returns Accepted, ``values()`` gives the parsed values.
    """

    def __init__(
        self,
        default_jurisdiction: str | None = None,
        parent: QWidget | None = None,
        *,
        jurisdictions: Sequence[str] | None = None,
        db: str | None = None,
        runner: OperationRunner | None = None,
    ) -> None:
        super().__init__(parent)
        if jurisdictions is None:
            jurisdictions = known_jurisdictions(None).codes  # the shipped packs: no store
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
        if db is not None and runner is not None:
            Op(known_jurisdictions, db=db).where(Where.READER).key(("jurisdictions", id(self))
                ).success(self._offer).run(runner)  # fmt: skip

    def _offer(self, known: Jurisdictions) -> None:
        """Offer the store's jurisdictions too; what is chosen or typed stays."""
        editor = self.form.editor("jurisdiction")
        assert isinstance(editor, ChoiceFieldEditor)
        typed = editor.text()
        for code in known.codes:
            if editor.combo.findData(code) < 0:
                editor.combo.addItem(f"{code} — {country_name(code)}", code)
        editor.set_text(typed)

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
