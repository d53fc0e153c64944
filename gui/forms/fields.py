"""Editors generated from the core's field specs (``core.domain.fields.FieldSpec``).

One editor per spec: free text, numbers and codes get a line edit; dates a line edit
that accepts typed dates plus a calendar; choices and yes/no a combo box with an
"unknown" entry. Every field is parsed with its spec's own parser (the same one the
command line and the importers use), and a refused value is shown right at the field.

A :class:`FieldForm` remembers the values it was loaded with, so it can tell which
fields the user changed and whether there is anything unsaved. It holds no business
logic: the server-side checks come back as :class:`core.errors.ValidationError`
problems and are put at their fields with :meth:`FieldForm.show_problems`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from core.domain import values as core_values
from core.domain.fields import FieldSpec, choices_of
from core.errors import ValidationError
from gui import labels
from gui import palette as colours

UNKNOWN = ""  # the text of an unknown (empty) value


def field_label(spec: FieldSpec) -> str:
    """The spec's English label, through Qt's translation (context ``fields``)."""
    return QCoreApplication.translate("fields", spec.label)


def value_text(value: object) -> str:
    """How a stored value (plain JSON-ready data or a parsed value) is written in an editor."""
    if value is None:
        return UNKNOWN
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float | Decimal):
        text = format(Decimal(str(value)).normalize(), "f")
        return "0" if text in ("-0", "0") else text
    return str(value)


def parse_text(spec: FieldSpec, text: str) -> object:
    """Parse one field as ``core.domain.fields.parse_fields`` does: empty means unknown.

    Raises ``ValueError`` with the parser's message.
    """
    if text.strip() == "":
        return None
    return spec.parse(text)


def spec_choices(spec: FieldSpec) -> list[str] | None:
    """The allowed values of a choice field (``core.domain.fields.choices_of``), or
    ``None`` for any other field."""
    found = choices_of(spec)
    return None if found is None else list(found)


# --- one field --------------------------------------------------------------------------------


class FieldEditor(QWidget):
    """One field: its input widget, an optional info area, and an error label below.

    ``edited`` fires on every user change, ``committed`` when the user is done with
    the field (Enter, focus leaves, a choice picked). Programmatic ``set_text`` fires
    neither.
    """

    edited = Signal()
    committed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("field-error")
        self.error_label.setWordWrap(True)
        shown = self.error_label.palette()
        shown.setColor(QPalette.ColorRole.WindowText, QColor(colours.FIELD_ERROR_TEXT))
        self.error_label.setPalette(shown)
        self.error_label.hide()
        self.info_area = QVBoxLayout()
        self.info_area.setContentsMargins(0, 0, 0, 0)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(self.row)
        box.addLayout(self.info_area)
        box.addWidget(self.error_label)

    def text(self) -> str:
        raise NotImplementedError

    def set_text(self, text: str) -> None:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        """The widget that takes keyboard focus (for labels' buddies and tab order)."""
        raise NotImplementedError

    def add_info(self, widget: QWidget) -> None:
        """Show ``widget`` under the input (e.g. what a VIN decodes to)."""
        self.info_area.addWidget(widget)

    def error(self) -> str | None:
        return self.error_label.text() if self.error_label.isVisibleTo(self) else None

    def set_error(self, message: str | None) -> None:
        """Show ``message`` at the field in red, or clear it with ``None``."""
        if message:
            self.error_label.setText(message)
            self.error_label.show()
            self.focus_widget().setAccessibleDescription(message)
        else:
            self.error_label.clear()
            self.error_label.hide()
            self.focus_widget().setAccessibleDescription("")


class LineFieldEditor(FieldEditor):
    """Free text, numbers and codes, typed as people write them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.textEdited.connect(self.edited)
        self.line.editingFinished.connect(self.committed)
        self.row.addWidget(self.line, 1)

    def text(self) -> str:
        return self.line.text()

    def set_text(self, text: str) -> None:
        self.line.setText(text)  # setText does not emit textEdited
        self.line.setCursorPosition(0)

    def focus_widget(self) -> QWidget:
        return self.line


class DateFieldEditor(LineFieldEditor):
    """A date typed as ``YYYY-MM-DD`` or ``DD.MM.YYYY`` (empty = unknown), or picked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line.setPlaceholderText(self.tr("YYYY-MM-DD or DD.MM.YYYY"))
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._before_popup)
        self._menu = menu
        self.button = QToolButton(self)
        self.button.setIcon(calendar_icon())
        self.button.setToolTip(self.tr("Pick the date from a calendar"))
        self.button.setAccessibleName(self.tr("Calendar"))
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.row.addWidget(self.button)

    def _before_popup(self) -> None:
        try:
            day = core_values.parse_date(self.line.text())
        except ValueError:
            day = dt.date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _picked(self, date: QDate) -> None:
        self.line.setText(date.toString("yyyy-MM-dd"))
        self._menu.close()
        self.edited.emit()
        self.committed.emit()

    def pick(self, day: dt.date) -> None:
        """Pick ``day`` as if clicked in the calendar (keyboard users and tests)."""
        self._picked(QDate(day.year, day.month, day.day))


def calendar_icon() -> QIcon:
    """The theme's calendar icon, or a small drawn one where the platform has no theme."""
    themed = QIcon.fromTheme("x-office-calendar")
    if not themed.isNull():
        return themed
    icon = QIcon()
    for size in (16, 24, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        unit = size / 16
        painter.setPen(QPen(QColor("#505050"), max(1.0, unit)))
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRect(QRectF(1.5 * unit, 2.5 * unit, 13 * unit, 12 * unit))
        painter.fillRect(QRectF(2 * unit, 3 * unit, 12 * unit, 3 * unit), QColor("#C0392B"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#505050"))
        for row in range(2):
            for col in range(3):
                painter.drawRect(
                    QRectF((3.5 + 3.5 * col) * unit, (8 + 3 * row) * unit, 2 * unit, 2 * unit)
                )
        painter.end()
        icon.addPixmap(pixmap)
    return icon


class ChoiceFieldEditor(FieldEditor):
    """A choice among ``options`` (value, shown text) with an empty "unknown" entry first.

    With ``editable``, other values can be typed too (they are checked by the parser).
    """

    def __init__(
        self,
        options: Sequence[tuple[str, str]],
        *,
        editable: bool = False,
        unknown_text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setEditable(editable)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._editable = editable
        if not editable:
            self.combo.addItem(unknown_text if unknown_text is not None else "", UNKNOWN)
        for value, shown in options:
            self.combo.addItem(shown, value)
        if editable:
            self.combo.setCurrentIndex(-1)
            line = self.combo.lineEdit()
            assert line is not None
            line.textEdited.connect(self.edited)
            line.editingFinished.connect(self.committed)
        self.combo.activated.connect(self._chosen)
        self.row.addWidget(self.combo, 1)

    def _chosen(self, _index: int) -> None:
        self.edited.emit()
        self.committed.emit()

    def text(self) -> str:
        if self._editable:
            index = self.combo.findText(self.combo.currentText())
            data = self.combo.itemData(index) if index >= 0 else None
            return str(data) if data is not None else self.combo.currentText()
        data = self.combo.currentData()
        return UNKNOWN if data is None else str(data)

    def set_text(self, text: str) -> None:
        index = self.combo.findData(text)
        if index < 0 and text:
            if self._editable:
                self.combo.setEditText(text)
                return
            self.combo.addItem(text, text)  # a stored value the options do not know
            index = self.combo.count() - 1
        if index < 0 and self._editable:
            self.combo.setCurrentIndex(-1)
            self.combo.setEditText("")
            return
        self.combo.setCurrentIndex(max(index, 0))

    def choose(self, value: str) -> None:
        """Choose ``value`` as a user would (fires ``edited`` and ``committed``)."""
        self.set_text(value)
        self.edited.emit()
        self.committed.emit()

    def focus_widget(self) -> QWidget:
        return self.combo


def make_editor(spec: FieldSpec, parent: QWidget | None = None) -> FieldEditor:
    """The editor a spec calls for, decided by its parser."""
    if spec.parse is core_values.parse_date:
        return DateFieldEditor(parent)
    if spec.parse is core_values.parse_yes_no:
        return ChoiceFieldEditor(
            [
                ("yes", QCoreApplication.translate("fields", "yes")),
                ("no", QCoreApplication.translate("fields", "no")),
            ],
            unknown_text=QCoreApplication.translate("fields", "unknown"),
            parent=parent,
        )
    choices = spec_choices(spec)
    if choices is not None:
        return ChoiceFieldEditor(
            [(c, labels.choice_value(c)) for c in choices],
            parent=parent,
        )
    return LineFieldEditor(parent)


# --- a form of fields -------------------------------------------------------------------------


class FieldForm(QWidget):
    """Editors for ``specs``, laid out as one form or as titled groups in a grid.

    ``groups`` is a sequence of (translated title, field names); fields in no group
    are added to a last, untitled group. ``editors`` replaces the default editor of
    some fields; ``required`` fields refuse an empty value. ``edited`` fires on every
    user change.

    Contracts: ``set_values`` loads values and makes the form clean; ``changed_values``
    and ``values`` return parsed values or raise :class:`ValidationError` after
    showing every problem at its field; nothing here touches the store.
    """

    edited = Signal()

    def __init__(
        self,
        specs: Sequence[FieldSpec],
        *,
        groups: Sequence[tuple[str, Sequence[str]]] | None = None,
        columns: int = 1,
        editors: Mapping[str, FieldEditor] | None = None,
        required: Iterable[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.specs = tuple(specs)
        self._by_name = {s.name: s for s in self.specs}
        self._required = frozenset(required)
        self._loaded: dict[str, str] = {s.name: UNKNOWN for s in self.specs}
        self.editors: dict[str, FieldEditor] = {}
        self.labels: dict[str, QLabel] = {}
        self._layout_order: list[str] = []
        custom = dict(editors or {})
        for spec in self.specs:
            editor = custom.pop(spec.name, None) or make_editor(spec)
            editor.setParent(self)
            editor.setObjectName(f"field-{spec.name}")
            if spec.help:
                editor.focus_widget().setToolTip(QCoreApplication.translate("fields", spec.help))
            editor.edited.connect(lambda n=spec.name: self._on_edited(n))
            editor.committed.connect(lambda n=spec.name: self._check(n, show=True))
            self.editors[spec.name] = editor
        if custom:
            raise ValueError(f"editors for unknown fields: {', '.join(custom)}")

        outer = QGridLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        if groups is None:
            outer.addLayout(self._form_layout([s.name for s in self.specs]), 0, 0)
        else:
            placed = {name for _, names in groups for name in names}
            rest = [s.name for s in self.specs if s.name not in placed]
            all_groups = list(groups) + ([("", rest)] if rest else [])
            for i, (title, names) in enumerate(all_groups):
                box = QGroupBox(title, self)
                box.setLayout(self._form_layout(names))
                outer.addWidget(box, i // columns, i % columns)
            outer.setRowStretch(outer.rowCount(), 1)
        previous: QWidget | None = None
        for name in self._layout_order:
            widget = self.editors[name].focus_widget()
            if previous is not None:
                QWidget.setTabOrder(previous, widget)
            previous = widget

    def _form_layout(self, names: Sequence[str]) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for name in names:
            spec = self._by_name[name]
            text = field_label(spec)
            if name in self._required:
                text = self.tr("{0} *").format(text)
            label = QLabel(text, self)
            label.setBuddy(self.editors[name].focus_widget())
            label.setWordWrap(True)
            self.labels[name] = label
            form.addRow(label, self.editors[name])
            self._layout_order.append(name)
        return form

    # --- loading and reading ----------------------------------------------------------------

    def editor(self, name: str) -> FieldEditor:
        return self.editors[name]

    def set_values(self, values: Mapping[str, object], *, keep_edits: bool = False) -> None:
        """Load ``values`` (missing fields are unknown) as the clean state.

        With ``keep_edits``, fields the user has changed keep their text: the loaded
        values become the new base the changes are measured against (for saving edits
        on top of a newer version).
        """
        for spec in self.specs:
            name = spec.name
            new = value_text(values.get(name))
            editor = self.editors[name]
            if not (keep_edits and self._differs(name)):
                editor.set_text(new)
                editor.set_error(None)
            self._loaded[name] = new

    def texts(self) -> dict[str, str]:
        """The text of every field as it stands (for copying forward, tests)."""
        return {name: editor.text() for name, editor in self.editors.items()}

    def _parse(self, name: str) -> object:
        text = self.editors[name].text()
        value = parse_text(self._by_name[name], text)
        if value is None and name in self._required:
            raise ValueError(QCoreApplication.translate("fields", "is required"))
        return value

    def _differs(self, name: str) -> bool:
        """Whether the field's content differs from what was loaded (by meaning if it parses)."""
        spec, current, loaded = self._by_name[name], self.editors[name].text(), self._loaded[name]
        if current.strip() == loaded.strip():
            return False
        try:
            return parse_text(spec, current) != parse_text(spec, loaded)
        except ValueError:
            return True

    def problems(self) -> list[tuple[str, str]]:
        """The fields whose text does not parse, with the parser's message (nothing shown)."""
        found: list[tuple[str, str]] = []
        for name in self.editors:
            try:
                self._parse(name)
            except ValueError as exc:
                found.append((name, str(exc)))
        return found

    def is_valid(self) -> bool:
        return not self.problems()

    def is_dirty(self) -> bool:
        """Whether the user changed any field since the values were loaded."""
        return any(self._differs(name) for name in self.editors)

    def values(self) -> dict[str, object]:
        """Every field, parsed. Raises :class:`ValidationError` (problems shown at fields)."""
        return self._collect(list(self.editors))

    def changed_values(self) -> dict[str, object]:
        """Only the fields the user changed, parsed; raises like :meth:`values`."""
        return self._collect([n for n in self.editors if self._differs(n)])

    def _collect(self, names: Sequence[str]) -> dict[str, object]:
        parsed: dict[str, object] = {}
        problems: list[tuple[str, str]] = []
        for name in names:
            try:
                parsed[name] = self._parse(name)
            except ValueError as exc:
                problems.append((name, str(exc)))
        # a field that is wrong but unchanged still blocks saving
        problems += [p for p in self.problems() if p[0] not in names]
        if problems:
            self.show_problems(problems)
            raise ValidationError(problems)
        return parsed

    # --- problems ---------------------------------------------------------------------------

    def show_problems(self, problems: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
        """Put each (field, message) at its field; return those naming no field here."""
        elsewhere: list[tuple[str, str]] = []
        first: FieldEditor | None = None
        for name, message in problems:
            editor = self.editors.get(name)
            if editor is None:
                elsewhere.append((name, message))
                continue
            editor.set_error(message)
            first = first or editor
        if first is not None:
            first.focus_widget().setFocus()
        return elsewhere

    def clear_problems(self) -> None:
        for editor in self.editors.values():
            editor.set_error(None)

    def errors(self) -> dict[str, str]:
        """The messages shown at fields now, by field name."""
        shown = {name: editor.error() for name, editor in self.editors.items()}
        return {name: message for name, message in shown.items() if message}

    def _on_edited(self, name: str) -> None:
        # While a field shows an error, re-check as the user types, so it clears when fixed;
        # a new error is shown only when the user is done with the field.
        if self.editors[name].error() is not None:
            self._check(name, show=True)
        self.edited.emit()

    def _check(self, name: str, *, show: bool) -> bool:
        try:
            self._parse(name)
        except ValueError as exc:
            if show:
                self.editors[name].set_error(str(exc))
            return False
        self.editors[name].set_error(None)
        return True
