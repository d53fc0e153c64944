"""A thin read-only table model over plain rows (dicts), for the workspace tabs."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """``columns`` are (key, header) pairs; ``colour(row)`` may tint a row; ``shown`` maps
    a column key to a function giving a stored value's display text (e.g. translated)."""

    def __init__(
        self,
        columns: Sequence[tuple[str, str]],
        colour: Callable[[dict[str, Any]], str | None] | None = None,
        shown: Mapping[str, Callable[[Any], str]] | None = None,
    ) -> None:
        super().__init__()
        self._columns = list(columns)
        self._rows: list[dict[str, Any]] = []
        self._colour = colour
        self._shown = dict(shown or {})

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
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            key = self._columns[index.column()][0]
            value = row.get(key)
            if key in self._shown and value is not None:
                return self._shown[key](value)
            if isinstance(value, list):
                return ", ".join(str(v) for v in value)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole and self._colour is not None:
            colour = self._colour(row)
            return QBrush(QColor(colour)) if colour else None
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][1]
        return None
