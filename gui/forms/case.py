"""The case's own form: title, jurisdiction, priority and the hearing's data.

The jurisdictions offered are the codes the caller passes (``core.services.rule_packs.
known_jurisdictions(db).codes``, read in an operation); any other valid code may be typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from core.domain.fields import CASE_FIELDS
from gui.forms.fields import ChoiceFieldEditor, FieldEditor, FieldForm
from gui.i18n import country_name


def jurisdiction_editor(codes: Sequence[str]) -> ChoiceFieldEditor:
    """An editable combo of known jurisdictions ("KZ — Kazakhstan"); any code may be typed."""
    editor = ChoiceFieldEditor([(code, f"{code} — {country_name(code)}") for code in codes],
                               editable=True)  # fmt: skip
    line = editor.combo.lineEdit()
    assert line is not None
    line.setPlaceholderText(QCoreApplication.translate("fields", "two-letter code, e.g. KZ"))
    return editor


class CaseForm(FieldForm):
    """A case's own fields; the jurisdiction offers ``jurisdictions`` (country codes).

    ``fields`` narrows the form to some of the case fields (the new-case dialog uses
    title, jurisdiction and priority).
    """

    def __init__(
        self,
        jurisdictions: Sequence[str] = (),
        *,
        fields: Sequence[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        specs = [s for s in CASE_FIELDS if fields is None or s.name in fields]
        editors: dict[str, FieldEditor] = {}
        if any(s.name == "jurisdiction" for s in specs):
            editors["jurisdiction"] = jurisdiction_editor(jurisdictions)
        names = {s.name for s in specs}
        required = names & {"title", "jurisdiction", "priority"}
        super().__init__(specs, editors=editors, required=required, parent=parent)
