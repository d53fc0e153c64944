"""The icon of an exhibit without a thumbnail: the desktop theme's icon for its MIME type,
else a drawn page with a short type label (PDF, IMG, ...)."""

from __future__ import annotations

from PySide6.QtCore import QMimeDatabase, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

#: Side of a thumbnail or icon in the exhibits table, in pixels.
THUMBNAIL_SIZE = 48

#: (MIME prefix, label, colour of the label's band): the file types' own colours.
_ICON_FAMILIES = (
    ("application/pdf", "PDF", "#C62828"),
    ("image/", "IMG", "#2E7D32"),
    ("video/", "VID", "#6A1B9A"),
    ("audio/", "AUD", "#6A1B9A"),
    ("text/", "TXT", "#455A64"),
    ("application/zip", "ZIP", "#795548"),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml", "XLS", "#1B5E20"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml", "DOC", "#0D47A1"),
)
_icon_cache: dict[str, QIcon] = {}


def mime_icon(mime: str) -> QIcon:
    """The desktop theme's icon for ``mime``, else a drawn page with a short type label."""
    tag, colour = next(
        ((t, c) for prefix, t, c in _ICON_FAMILIES if mime.startswith(prefix)), ("FILE", "#616161")
    )
    if tag in _icon_cache:
        return _icon_cache[tag]
    kind = QMimeDatabase().mimeTypeForName(mime)
    themed = QIcon.fromTheme(kind.iconName()) if kind.isValid() else QIcon()
    if themed.isNull() and kind.isValid():
        themed = QIcon.fromTheme(kind.genericIconName())
    if not themed.isNull():
        _icon_cache[tag] = themed
        return themed
    size = THUMBNAIL_SIZE
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    page = QRectF(size * 0.18, size * 0.06, size * 0.64, size * 0.88)
    painter.setPen(QPen(QColor("#9E9E9E"), 1.5))
    painter.setBrush(QColor("#FFFFFF"))
    painter.drawRoundedRect(page, 3, 3)
    band = QRectF(page.left() - size * 0.08, size * 0.55, page.width() + size * 0.16, size * 0.24)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(band, 2, 2)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.18))
    painter.setFont(font)
    painter.setPen(QColor("#FFFFFF"))
    painter.drawText(band, Qt.AlignmentFlag.AlignCenter, tag)
    painter.end()
    _icon_cache[tag] = QIcon(pixmap)
    return _icon_cache[tag]
