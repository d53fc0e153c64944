"""The Evidence room's small dialogs: what the dropped files are (:class:`IngestDialog`)
and why an exhibit is withdrawn (:class:`WithdrawDialog`). They hold no store and save
nothing themselves: the tab saves through its ops."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.errors import UserFacingError
from core.reference import load_reference
from core.services.evidence import FileDetails
from gui.widgets import Banner, error_label


def document_kinds() -> list[tuple[str, str]]:
    """The evidence kinds (the reference's document types, as ``zeromile evidence kinds``):
    ``(code, name in the interface language)``."""
    try:
        types = load_reference().document_types
    except UserFacingError:
        return []
    russian = QLocale().language() == QLocale.Language.Russian
    return [(d["code"], d["name_ru"] if russian else d["name_en"]) for d in types]


def ok_cancel(
    dialog: QDialog, ok_text: str, on_ok: Callable[[], object]
) -> tuple[QDialogButtonBox, QPushButton]:
    """OK (named ``ok_text``, calling ``on_ok``) and Cancel (rejects) for ``dialog``."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


class IngestDialog(QDialog):
    """Asks once, for all files of a drop, what they are: kind, description, obtained
    from, on and by. ``values()`` gives plain data (see :meth:`values`)."""

    def __init__(
        self,
        names: Sequence[str],
        kinds: Sequence[tuple[str, str]],
        guessed: str | None,
        *,
        obtained_from: str = "",
        obtained_by: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add evidence"))
        shown = ", ".join(names[:5])
        if len(names) > 5:
            shown += " " + self.tr("and {0} more").format(len(names) - 5)
        self.files = QLabel(self.tr("Files ({0}): {1}").format(len(names), shown), self)
        self.files.setWordWrap(True)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("(not set)"), None)
        for code, name in kinds:
            self.kind.addItem(name, code)
        self.guess_note = QLabel(self)
        if guessed is not None and self.kind.findData(guessed) >= 0:
            self.kind.setCurrentIndex(self.kind.findData(guessed))
            self.guess_note.setText(self.tr("guessed from the file"))
        self.description = QLineEdit(self)
        self.description.setPlaceholderText(self.tr("What the file shows"))
        self.obtained_from = QLineEdit(obtained_from, self)
        self.obtained_from.setPlaceholderText(self.tr("From whom or where, e.g. the declarant"))
        self.date_known = QCheckBox(self.tr("known"), self)
        self.date_known.setChecked(True)
        self.obtained_on = QDateEdit(QDate.currentDate(), self)
        self.obtained_on.setCalendarPopup(True)
        self.obtained_on.setDisplayFormat("yyyy-MM-dd")
        self.obtained_on.setMaximumDate(QDate.currentDate())
        self.date_known.toggled.connect(self.obtained_on.setEnabled)
        self.obtained_by = QLineEdit(obtained_by, self)

        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind, 1)
        kind_row.addWidget(self.guess_note)
        date_row = QHBoxLayout()
        date_row.addWidget(self.obtained_on, 1)
        date_row.addWidget(self.date_known)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._buddy(self.tr("&Kind"), self.kind), kind_row)
        form.addRow(self._buddy(self.tr("&Description"), self.description), self.description)
        form.addRow(self._buddy(self.tr("Obtained &from"), self.obtained_from), self.obtained_from)
        form.addRow(self._buddy(self.tr("Obtained &on"), self.obtained_on), date_row)
        form.addRow(self._buddy(self.tr("Obtained &by"), self.obtained_by), self.obtained_by)
        buttons, self.ok_button = ok_cancel(self, self.tr("&Add"), self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        self.description.setFocus()

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    def values(self) -> dict[str, Any]:
        """``kind``, ``description``, ``obtained_from``, ``obtained_date`` (ISO), ``obtained_by``;
        None for what was left empty."""
        return {
            "kind": self.kind.currentData(),
            "description": self.description.text().strip() or None,
            "obtained_from": self.obtained_from.text().strip() or None,
            "obtained_date": self.obtained_on.date().toString("yyyy-MM-dd")
            if self.date_known.isChecked()
            else None,
            "obtained_by": self.obtained_by.text().strip() or None,
        }

    @staticmethod
    def details(values: dict[str, Any]) -> FileDetails:
        """:meth:`values` as the core's ingest takes them."""
        day = values.get("obtained_date")
        return FileDetails(
            kind=values.get("kind"),
            description=values.get("description"),
            obtained_from=values.get("obtained_from"),
            obtained_date=dt.date.fromisoformat(day) if day else None,
            obtained_by=values.get("obtained_by"),
        )


class WithdrawDialog(QDialog):
    """Asks why an exhibit is withdrawn (required). Stays open while the owner saves:
    ``submitted(reason)``, then the owner calls ``saved()`` or ``show_error(message)``."""

    submitted = Signal(str)

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Withdraw an exhibit"))
        text = QLabel(
            self.tr(
                "Withdraw {0}? It stays stored and listed, marked withdrawn, with your reason."
            ).format(label),
            self,
        )
        text.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Why is it withdrawn?"))
        self.error = error_label()
        self.banner = Banner(self)
        buttons, self.ok_button = ok_cancel(self, self.tr("&Withdraw"), self.submit)
        form = QFormLayout()
        reason_box = QVBoxLayout()
        reason_box.addWidget(self.reason)
        reason_box.addWidget(self.error)
        label_widget = QLabel(self.tr("&Reason"), self)
        label_widget.setBuddy(self.reason)
        form.addRow(label_widget, reason_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())
        self.reason.setFocus()

    def submit(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            self.error.setText(self.tr("A reason is required to withdraw evidence."))
            self.error.show()
            self.reason.setFocus()
            return
        self.error.hide()
        self.banner.hide()
        self.ok_button.setEnabled(False)
        self.submitted.emit(reason)

    def saved(self) -> None:
        self.ok_button.setEnabled(True)
        self.accept()

    def show_error(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        self.banner.show_message(message)
