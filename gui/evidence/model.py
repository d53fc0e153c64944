"""The exhibits table model: the case's exhibits as plain rows, one per line."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from gui import palette
from gui.evidence.icons import mime_icon
from gui.evidence.preview import monospace

Index = QModelIndex | QPersistentModelIndex


class ExhibitsModel(QAbstractTableModel):
    """The case's exhibits as plain rows (``core.services.evidence.evidence_of``), one per line.

    Column 0 carries the thumbnail (or the MIME icon) as its decoration; ``Qt.UserRole``
    of any cell is the exhibit number. Withdrawn exhibits are greyed and struck out;
    exhibits found altered by the last verification are red and say ALTERED.
    """

    COLUMNS = ("exhibit", "original_name", "kind", "size", "status", "sha256")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._kind_names: dict[str, str] = {}
        #: Decoded thumbnails by content (None: none to show), kept across readings of
        #: the case so a refresh decodes only new content.
        self._thumbnails: dict[str, QIcon | None] = {}
        self._altered: set[int] = set()
        self._mono: QFont | None = None

    # rows ---------------------------------------------------------------------------------

    def set_rows(self, rows: list[dict[str, Any]], kind_names: dict[str, str]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._kind_names = dict(kind_names)
        shas = {str(r.get("sha256")) for r in self._rows}
        self._thumbnails = {k: v for k, v in self._thumbnails.items() if k in shas}
        self.endResetModel()

    def set_altered(self, exhibits: set[int]) -> None:
        """Mark these exhibit numbers as altered (the last verification's findings)."""
        self._altered = set(exhibits)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )

    def altered(self) -> set[int]:
        return set(self._altered)

    def row(self, index: int) -> dict[str, Any]:
        return self._rows[index]

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def row_of_exhibit(self, exhibit: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r["exhibit"] == exhibit), None)

    def has_thumbnail(self, index: int) -> bool:
        """Whether row ``index`` shows a thumbnail of its content (not a type icon)."""
        return self._thumbnail(self._rows[index]) is not None

    def kind_name(self, code: str | None) -> str:
        return "" if code is None else self._kind_names.get(code, code)

    # the model ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Exhibit"),
                self.tr("Name"),
                self.tr("Kind"),
                self.tr("Size"),
                self.tr("Status"),
                "SHA-256",
            )[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = self.COLUMNS[index.column()]
        altered = row["exhibit"] in self._altered
        withdrawn = row.get("status") == "withdrawn"
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key, altered)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "exhibit":
            return self._icon(index.row())
        if role == Qt.ItemDataRole.UserRole:
            return row["exhibit"]
        if role == Qt.ItemDataRole.FontRole:
            if key == "sha256":
                if self._mono is None:
                    self._mono = monospace(QFont())
                return self._mono
            if withdrawn and key == "original_name":
                font = QFont()
                font.setStrikeOut(True)
                return font
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if altered:
                return QColor(palette.ERROR_TEXT)
            if withdrawn:
                return QApplication.palette().color(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                )
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("exhibit", "size"):
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: dict[str, Any], key: str, altered: bool) -> str:
        if key == "exhibit":
            return str(row["exhibit"])
        if key == "original_name":
            return str(row.get("original_name") or "")
        if key == "kind":
            return self.kind_name(row.get("kind"))
        if key == "size":
            return QLocale().formattedDataSize(int(row.get("size") or 0))
        if key == "status":
            if altered:
                return self.tr("ALTERED")
            if row.get("status") == "withdrawn":
                return self.tr("withdrawn")
            if row.get("status") == "active":
                return self.tr("active")
            return str(row.get("status") or "")
        sha = str(row.get("sha256") or "")
        return f"{sha[:12]}…" if sha else ""

    def _tooltip(self, row: dict[str, Any], key: str) -> str:
        if key == "sha256":
            return str(row.get("sha256") or "")
        if key == "size":
            return self.tr("{0} bytes").format(QLocale().toString(int(row.get("size") or 0)))
        if key == "kind":
            return str(row.get("kind") or "")
        if key == "status" and row.get("status") == "withdrawn":
            return self.tr("Withdrawn: {0}").format(row.get("withdrawn_reason") or "")
        if key == "original_name":
            return "\n".join(
                str(v) for v in (row.get("original_name"), row.get("description")) if v
            )
        return self._display(row, key, row["exhibit"] in self._altered)

    def _icon(self, index: int) -> QIcon:
        row = self._rows[index]
        return self._thumbnail(row) or mime_icon(str(row.get("mime_type") or ""))

    def _thumbnail(self, row: dict[str, Any]) -> QIcon | None:
        """The row's thumbnail, decoded on first use (only rows on screen are asked)."""
        sha = str(row.get("sha256"))
        if sha not in self._thumbnails:
            png = (row.get("derived") or {}).get("thumbnail_png")
            pixmap = QPixmap()
            self._thumbnails[sha] = QIcon(pixmap) if png and pixmap.loadFromData(png) else None
        return self._thumbnails[sha]
