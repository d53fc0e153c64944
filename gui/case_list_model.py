"""The case list: a thin, lazy table model over case ids.

The ordered ids of the matching cases are read at once (cheap even for 100,000
cases); rows are fetched a page at a time when the view first shows them, and
kept in a bounded cache. Holds no business logic: queries come from
``core.services.case_search``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from gui import labels

COLUMNS: tuple[tuple[str, str], ...] = (
    ("reference", QT_TRANSLATE_NOOP("CaseListModel", "Reference")),
    ("status", QT_TRANSLATE_NOOP("CaseListModel", "Status")),
    ("jurisdiction", QT_TRANSLATE_NOOP("CaseListModel", "Jurisdiction")),
    ("priority", QT_TRANSLATE_NOOP("CaseListModel", "Priority")),
    ("title", QT_TRANSLATE_NOOP("CaseListModel", "Title")),
    ("created_at", QT_TRANSLATE_NOOP("CaseListModel", "Created")),
    ("inspector", QT_TRANSLATE_NOOP("CaseListModel", "Inspector")),
)
#: Columns whose stored code is shown by its translated name.
_SHOWN_BY_NAME = {"status": labels.status, "priority": labels.priority}
PAGE = 200
MAX_CACHED_PAGES = 50

Index = QModelIndex | QPersistentModelIndex
RowFetcher = Callable[[Sequence[int]], dict[int, dict[str, Any]]]


class CaseListModel(QAbstractTableModel):
    """Rows for ``ids``; ``fetch(ids)`` returns display rows for a page of ids."""

    def __init__(self, fetch: RowFetcher | None = None) -> None:
        super().__init__()
        self._fetch = fetch
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, dict[str, Any]]] = OrderedDict()
        self.failed: str | None = None

    @staticmethod
    def headers() -> tuple[str, ...]:
        return tuple(label for _, label in COLUMNS)

    def set_ids(self, ids: list[int], fetch: RowFetcher | None = None) -> None:
        """Show these cases, in this order; rows are read as they come into view."""
        self.beginResetModel()
        if fetch is not None:
            self._fetch = fetch
        self._ids = ids
        self._pages.clear()
        self.failed = None
        self.endResetModel()

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        """Show rows that are already read (small lists, tests)."""
        by_id = {int(r.get("id", i)): r for i, r in enumerate(rows)}
        self.set_ids(list(by_id), lambda ids: {i: by_id[i] for i in ids})

    def row_of(self, case_id: int) -> int | None:
        """The row showing case ``case_id``, or None (no page is read)."""
        try:
            return self._ids.index(case_id)
        except ValueError:
            return None

    def case_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_data(self, row: int) -> dict[str, Any] | None:
        if self.failed is not None or self._fetch is None or not 0 <= row < len(self._ids):
            return None
        page = row // PAGE
        cached = self._pages.get(page)
        if cached is None:
            ids = self._ids[page * PAGE : (page + 1) * PAGE]
            try:
                cached = self._fetch(ids)
            except Exception as exc:  # shown once by the window, never re-raised per cell
                self.failed = str(exc)
                return None
            self._pages[page] = cached
            if len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return cached.get(self._ids[row])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()][0]
        value = row.get(key)
        if value is None:
            return ""
        if key in _SHOWN_BY_NAME:
            return _SHOWN_BY_NAME[key](value)
        if hasattr(value, "strftime"):
            return value.strftime("%Y-%m-%d %H:%M")
        return str(value)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(COLUMNS[section][1])
        return None
