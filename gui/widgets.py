"""The building blocks the window's rooms share: the message banner, the table view,
errors shown at a field, a path field (line edit, "Choose…" button, error under it) and
message styles. Colours come from :mod:`gui.palette`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui import palette

if TYPE_CHECKING:
    from gui.operations import OperationRunner

Tone = Literal["error", "warning", "info", "ok"]

ERROR_STYLE = f"color: {palette.FIELD_ERROR_TEXT};"


def label_style(tone: Tone) -> str:
    """A style sheet that makes a QLabel a framed message of ``tone``."""
    background, text, border = palette.TONES[tone]
    return (
        f"QLabel {{ background: {background}; color: {text}; border: 1px solid {border};"
        " border-radius: 3px; padding: 6px; }"
    )


BANNER_STYLE = label_style("error")
OK_STYLE = label_style("ok")
WARN_STYLE = label_style("warning")
#: Background of a finding's row by severity.
SEVERITY_COLOURS = palette.SEVERITY_BACKGROUNDS


def error_label() -> QLabel:
    """A red label for an error shown at its field; hidden while empty."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def tint(widget: QWidget, colour: str) -> None:
    """Give ``widget`` a coloured background with dark text (banners, warnings)."""
    widget.setAutoFillBackground(True)
    colours = widget.palette()
    colours.setColor(QPalette.ColorRole.Window, QColor(colour))
    colours.setColor(QPalette.ColorRole.WindowText, QColor(palette.TEXT))
    widget.setPalette(colours)


def show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def path_field(line: QLineEdit, choose: Callable[[], None]) -> tuple[QVBoxLayout, QLabel]:
    """``line`` with a "Choose…" button calling ``choose``, and an error label under them.

    Returns the layout to place and the error label (see :func:`show_error`).
    """
    button = QPushButton(QCoreApplication.translate("PathField", "C&hoose…"))
    button.clicked.connect(choose)
    row = QHBoxLayout()
    row.addWidget(line, 1)
    row.addWidget(button)
    error = error_label()
    box = QVBoxLayout()
    box.setSpacing(2)
    box.addLayout(row)
    box.addWidget(error)
    return box, error


#: Text colour of a cell that needs a look (a malformed VIN, out-of-date findings).
ATTENTION_COLOUR = palette.ATTENTION_TEXT
#: Background of a cell or banner saying findings are out of date.
STALE_BACKGROUND = palette.STALE_BACKGROUND


def warning_icon() -> QIcon:
    """The style's warning sign (tables mark what needs a look with it)."""
    from PySide6.QtWidgets import QApplication, QStyle

    style = QApplication.style()
    return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


class Banner(QFrame):
    """A message across a room, with the actions that fit it: Retry and "Keep my edits
    on the current version" (hidden unless asked for; connect ``retry_button`` and
    ``merge_button``) and a dismiss button. ``text()`` is empty while hidden."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("&Retry"), self)
        self.merge_button = QPushButton(self.tr("&Keep my edits on the current version"), self)
        self.dismiss = QToolButton(self)
        self.dismiss.setText("×")
        self.dismiss.setAutoRaise(True)
        self.dismiss.setToolTip(self.tr("Dismiss"))
        self.dismiss.setAccessibleName(self.tr("Dismiss"))
        self.dismiss.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.retry_button)
        row.addWidget(self.merge_button)
        row.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(
        self, text: str, *, tone: Tone = "error", retry: bool = False, merge: bool = False
    ) -> None:
        tint(self, palette.TONES[tone][0])
        self.label.setText(text)
        self.retry_button.setVisible(retry)
        self.merge_button.setVisible(merge)
        self.show()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()


def table_view(model: QAbstractItemModel, parent: QWidget | None = None) -> QTableView:
    """The window's table: whole rows selected one at a time, alternating colours, the
    last column stretched, columns sized by their first rows, no row numbers."""
    view = QTableView(parent)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setResizeContentsPrecision(40)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(22)
    return view


# --- the declaration file picker (the import wizard and the screening dialog) ---------------------

#: The files a declaration picker offers.
DECLARATION_FILES = "*.xlsx *.csv"


class DeclarationFilePicker(QObject):
    """Choose a declaration file and, for a workbook of several sheets, the sheet.

    Not a widget: :meth:`add_to` puts its two rows ("File", "Sheet") into the caller's
    form, so they line up with the form's other rows. ``changed`` fires when the file
    changes; ``error`` is the label under the file for a problem of the file.
    """

    changed = Signal()

    def __init__(self, title: str, parent: QWidget) -> None:
        """``title``: the file dialog's title (translated by the caller)."""
        super().__init__(parent)
        self._title = title
        self.file = QLineEdit()
        self.file.setObjectName("file")
        self.box, self.error = path_field(self.file, self.choose)
        self.sheet = QComboBox()
        self.sheet.setEnabled(False)
        self.file.textChanged.connect(self._file_changed)

    def add_to(self, form: QFormLayout) -> None:
        label = QLabel(self.tr("&File:"))
        label.setBuddy(self.file)
        form.addRow(label, self.box)
        form.addRow(self.tr("&Sheet:"), self.sheet)

    def path(self) -> Path:
        return Path(self.file.text().strip()).expanduser()

    def is_file(self) -> bool:
        return bool(self.file.text().strip()) and self.path().is_file()

    def sheet_name(self) -> str | None:
        """The chosen sheet; None for a CSV or a workbook of one sheet (the first)."""
        return self.sheet.currentData() if self.sheet.count() > 1 else None

    def choose(self) -> None:
        owner = self.parent()
        chosen, _ = QFileDialog.getOpenFileName(
            owner if isinstance(owner, QWidget) else None,
            self._title,
            self.file.text(),
            self.tr("Declaration files ({0})").format(DECLARATION_FILES),
        )
        if chosen:
            self.file.setText(chosen)

    def _file_changed(self) -> None:
        from core.services.declaration_import import sheet_names

        ok = self.is_file()
        missing = bool(self.file.text().strip()) and not ok
        show_error(self.error, self.tr("There is no such file.") if missing else "")
        self.sheet.clear()
        for name in sheet_names(self.path()) if ok else []:
            self.sheet.addItem(name, name)
        self.sheet.setEnabled(self.sheet.count() > 1)
        self.changed.emit()


@dataclass(frozen=True)
class OnCase:
    """What an action on one case works with: the store at ``db`` (its locator), the
    window's runner, the actor, and the case ``reference``."""

    db: str
    runner: OperationRunner
    actor: str
    reference: str


class Room(QWidget):
    """A room of the case workspace (vehicles, evidence): works on the store at ``db``
    (its locator) through ``runner`` as ``actor`` and shows one case, ``reference``
    (None: none)."""

    def __init__(
        self, db: str, runner: OperationRunner, actor: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db, self._runner, self._actor = db, runner, actor
        self.reference: str | None = None

    def set_actor(self, actor: str) -> None:
        """Act as ``actor`` from now on (the inspector's identity changed in Settings)."""
        self._actor = actor
