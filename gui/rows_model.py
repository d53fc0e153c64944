"""A thin read-only table model over plain rows (dicts), for the workspace tabs."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CellMark:
    """How one cell stands out: an icon before its text, a tool tip, text and background
    colours (each optional). The displayed text itself is left alone."""

    tooltip: str = ""
    foreground: str | None = None
    background: str | None = None
    icon: QIcon | None = None


#: ``mark(row, column key)``: the cell's mark, or None for a plain cell.
Marker = Callable[[dict[str, Any], str], CellMark | None]


class RowsModel(QAbstractTableModel):
    """``columns`` are (key, header) pairs; ``colour(row)`` may tint a row; ``shown`` maps
    a column key to a function giving a stored value's display text (e.g. translated);
    ``mark(row, key)`` may single out a cell (:class:`CellMark`: icon, tool tip, colours),
    over the row's colour."""

    def __init__(
        self,
        columns: Sequence[tuple[str, str]],
        colour: Callable[[dict[str, Any]], str | None] | None = None,
        shown: Mapping[str, Callable[[Any], str]] | None = None,
        mark: Marker | None = None,
    ) -> None:
        super().__init__()
        self._columns = list(columns)
        self._rows: list[dict[str, Any]] = []
        self._colour = colour
        self._shown = dict(shown or {})
        self._mark = mark

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row(self, index: int) -> dict[str, Any]:
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = self._columns[index.column()][0]
        mark = self._mark(row, key) if self._mark is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and mark is not None and mark.tooltip:
            return mark.tooltip
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = row.get(key)
            if key in self._shown and value is not None:
                return self._shown[key](value)
            if isinstance(value, list):
                return ", ".join(str(v) for v in value)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.DecorationRole:
            return mark.icon if mark is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(mark.foreground)) if mark and mark.foreground else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if mark is not None and mark.background:
                return QBrush(QColor(mark.background))
            colour = self._colour(row) if self._colour is not None else None
            return QBrush(QColor(colour)) if colour else None
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][1]
        return None
