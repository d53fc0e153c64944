"""A thin table model over case rows (plain dicts from ``core.services.views``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

COLUMNS: tuple[tuple[str, str], ...] = (
    ("reference", "Reference"),
    ("status", "Status"),
    ("jurisdiction", "Jurisdiction"),
    ("priority", "Priority"),
    ("title", "Title"),
)

Index = QModelIndex | QPersistentModelIndex


class CaseListModel(QAbstractTableModel):
    """Read-only rows; ``set_rows`` replaces them all."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[dict[str, Any]] = []

    @staticmethod
    def headers() -> tuple[str, ...]:
        return tuple(label for _, label in COLUMNS)

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        value = self._rows[index.row()].get(COLUMNS[index.column()][0])
        return "" if value is None else str(value)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(COLUMNS[section][1])
        return None
