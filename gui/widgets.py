"""Small building blocks the dialogs share: message styles, errors shown at a field,
and a path field (line edit, "Choose…" button, error under it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

ERROR_STYLE = "color: #B00020;"
BANNER_STYLE = (
    "QLabel { background: #FDECEA; color: #8A1C1C; border: 1px solid #F5C2C0;"
    " border-radius: 3px; padding: 6px; }"
)
OK_STYLE = (
    "QLabel { background: #E8F5E9; color: #1B5E20; border: 1px solid #B7DFB9;"
    " border-radius: 3px; padding: 6px; }"
)
WARN_STYLE = (
    "QLabel { background: #FFF8E1; color: #5D4300; border: 1px solid #F3DC9B;"
    " border-radius: 3px; padding: 6px; }"
)
#: Background of a finding's row by severity.
SEVERITY_COLOURS = {"high": "#F8D7DA", "medium": "#FFF3CD", "info": "#DCEBF7"}


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
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(colour))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#202020"))
    widget.setPalette(palette)


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
ATTENTION_COLOUR = "#8A4B00"
#: Background of a cell or banner saying findings are out of date.
STALE_BACKGROUND = "#FFE8C2"


def warning_icon() -> QIcon:
    """The style's warning sign (tables mark what needs a look with it)."""
    from PySide6.QtWidgets import QApplication, QStyle

    style = QApplication.style()
    return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
