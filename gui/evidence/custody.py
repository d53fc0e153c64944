"""The "Record hand-over" dialog: one chain-of-custody event, entered and checked at the fields.

The dialog holds no store and saves nothing itself. Its Save button checks the
required fields (showing any problem right at the field), then emits
``submitted(values)`` with plain data; the owner saves through the window's runner
and calls :meth:`CustodyDialog.saved` (closes the dialog), :meth:`show_problems`
(the core refused fields: shown at them) or :meth:`show_error` (a store error: shown in
the dialog). Either way of failing keeps everything typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.widgets import Banner, error_label

#: The item combo's first entry: a physical item named in the text field.
PHYSICAL_ITEM = -1


class CustodyDialog(QDialog):
    """Asks what was handed over, from whom, to whom, when, where, why and under which seal.

    ``exhibits`` are ``(exhibit number, label)`` pairs; ``selected`` pre-selects one
    (None: a physical item, named by the user). ``submitted`` carries a dict with
    ``exhibit`` (int or None), ``item`` (str or None), ``from``, ``to``, ``at`` (ISO
    8601 in UTC), ``place``, ``purpose`` and ``seal_number`` (None when empty).
    """

    submitted = Signal(dict)

    def __init__(
        self,
        exhibits: Sequence[tuple[int, str]],
        selected: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a hand-over"))
        self.setModal(True)
        self._errors: dict[str, QLabel] = {}

        self.what = QComboBox(self)
        self.what.addItem(self.tr("A physical item (name it below)"), PHYSICAL_ITEM)
        for number, label in exhibits:
            self.what.addItem(self.tr("Exhibit {0}: {1}").format(number, label), number)
        if selected is not None and self.what.findData(selected) >= 0:
            self.what.setCurrentIndex(self.what.findData(selected))
        self.item = QLineEdit(self)
        self.item.setPlaceholderText(self.tr("e.g. original registration certificate, car keys"))
        self.from_party = QLineEdit(self)
        self.from_party.setPlaceholderText(self.tr("Who handed it over"))
        self.to_party = QLineEdit(self)
        self.to_party.setPlaceholderText(self.tr("Who received it"))
        self.when = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.place = QLineEdit(self)
        self.purpose = QLineEdit(self)
        self.purpose.setPlaceholderText(self.tr("e.g. expert examination, storage, return"))
        self.seal = QLineEdit(self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label, widget in (
            ("what", self.tr("&What"), self.what),
            ("item", self.tr("&Item"), self.item),
            ("from", self.tr("&From"), self.from_party),
            ("to", self.tr("&To"), self.to_party),
            ("at", self.tr("W&hen"), self.when),
            ("place", self.tr("&Place"), self.place),
            ("purpose", self.tr("P&urpose"), self.purpose),
            ("seal_number", self.tr("Seal &number"), self.seal),
        ):
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            self._errors[key] = error_label()
            box.addWidget(self._errors[key])
            form.addRow(label, box)
            buddy = form.labelForField(box)
            if isinstance(buddy, QLabel):
                buddy.setBuddy(widget)

        self.banner = Banner(self)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.what.currentIndexChanged.connect(self._what_changed)
        self._what_changed()
        self.resize(520, self.sizeHint().height())
        (self.from_party if self.what.currentData() != PHYSICAL_ITEM else self.item).setFocus()

    # --- values --------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """What was entered, as plain data (see the class docstring)."""
        exhibit = self.what.currentData()
        moment = dt.datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), dt.UTC)
        return {
            "exhibit": None if exhibit == PHYSICAL_ITEM else int(exhibit),
            "item": (self.item.text().strip() or None) if exhibit == PHYSICAL_ITEM else None,
            "from": self.from_party.text().strip(),
            "to": self.to_party.text().strip(),
            "at": moment.isoformat(),
            "place": self.place.text().strip() or None,
            "purpose": self.purpose.text().strip() or None,
            "seal_number": self.seal.text().strip() or None,
        }

    def submit(self) -> None:
        """Check the required fields; if they are filled, emit ``submitted``."""
        problems: list[tuple[str, str]] = []
        values = self.values()
        if values["exhibit"] is None and not values["item"]:
            problems.append(("item", self.tr("Say what was handed over.")))
        if not values["from"]:
            problems.append(("from", self.tr("Who handed it over is required.")))
        if not values["to"]:
            problems.append(("to", self.tr("Who received it is required.")))
        self.show_problems(problems)
        if problems:
            return
        self.banner.hide()
        self.set_saving(True)
        self.submitted.emit(values)

    # --- the owner's answers -------------------------------------------------------------------

    def saved(self) -> None:
        self.set_saving(False)
        self.accept()

    def show_problems(self, problems: Sequence[tuple[str, str]]) -> None:
        """Put each ``(field, message)`` at its field; clear the others."""
        self.set_saving(False)
        by_field = dict(problems)
        first: QWidget | None = None
        for key, label in self._errors.items():
            message = by_field.pop(key, "")
            label.setText(message)
            label.setVisible(bool(message))
            if message and first is None:
                first = self._field(key)
        if by_field:  # a field this dialog does not show: say it above
            self.show_error("; ".join(f"{k}: {m}" for k, m in by_field.items()))
        if first is not None:
            first.setFocus()

    def show_error(self, message: str) -> None:
        self.set_saving(False)
        self.banner.show_message(message)

    def set_saving(self, saving: bool) -> None:
        self.save_button.setEnabled(not saving)
        self.save_button.setText(self.tr("Saving…") if saving else self.tr("&Save"))

    def error_text(self, key: str) -> str:
        """The message shown at field ``key`` (empty when none)."""
        label = self._errors[key]
        return label.text() if not label.isHidden() else ""

    # --- internals -----------------------------------------------------------------------------

    def _field(self, key: str) -> QWidget:
        return {
            "what": self.what,
            "item": self.item,
            "from": self.from_party,
            "to": self.to_party,
            "at": self.when,
            "place": self.place,
            "purpose": self.purpose,
            "seal_number": self.seal,
        }[key]

    def _what_changed(self) -> None:
        physical = self.what.currentData() == PHYSICAL_ITEM
        self.item.setEnabled(physical)
        if not physical:
            self._errors["item"].hide()


__all__ = ["PHYSICAL_ITEM", "CustodyDialog"]
