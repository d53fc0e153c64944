"""The case list: a thin, lazy table model over case ids.

The ordered ids of the matching cases are read at once (cheap even for 100,000
cases); rows are fetched a page at a time when the view first shows them (asked
for without waiting: the page shows once its rows arrive), and kept in a bounded
cache. Holds no business logic: queries come from
``core.services.case_search``. A case whose findings are out of date (``out_of_date``:
how many vehicles, as core counts them; another case's import can cause it) is marked
with a warning sign and a tool tip beside its reference, and in its own column.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from gui import labels
from gui.i18n import QT_TRANSLATE_NOOP

COLUMNS: tuple[tuple[str, str], ...] = (
    ("reference", QT_TRANSLATE_NOOP("CaseListModel", "Reference")),
    ("status", QT_TRANSLATE_NOOP("CaseListModel", "Status")),
    ("jurisdiction", QT_TRANSLATE_NOOP("CaseListModel", "Jurisdiction")),
    ("priority", QT_TRANSLATE_NOOP("CaseListModel", "Priority")),
    ("out_of_date", QT_TRANSLATE_NOOP("CaseListModel", "Findings")),
    ("title", QT_TRANSLATE_NOOP("CaseListModel", "Title")),
    ("created_at", QT_TRANSLATE_NOOP("CaseListModel", "Created")),
    ("inspector", QT_TRANSLATE_NOOP("CaseListModel", "Inspector")),
)


def column_of(key: str) -> int:
    """The index of the column showing ``key``."""
    return next(i for i, (k, _) in enumerate(COLUMNS) if k == key)


#: The column marking cases whose findings are out of date.
OUT_OF_DATE_COLUMN = column_of("out_of_date")
#: Columns whose stored code is shown by its translated name.
_SHOWN_BY_NAME = {"status": labels.status, "priority": labels.priority}
PAGE = 200
MAX_CACHED_PAGES = 50

Index = QModelIndex | QPersistentModelIndex
#: ``fetch(ids, done)``: read the display rows of ``ids`` apart, then ``done(rows)``.
RowFetcher = Callable[[list[int], Callable[[dict[int, dict[str, Any]]], None]], None]
#: ``fetch(ids, done)``: read the out-of-date counts of ``ids`` apart, then ``done(counts)``.
OutOfDateFetcher = Callable[[list[int], Callable[[dict[int, int]], None]], None]


class CaseListModel(QAbstractTableModel):
    """Rows for ``ids``; ``fetch`` reads the display rows of a page of ids and
    ``fetch_out_of_date`` (when given) their out-of-date counts, both without waiting.
    ``page_read`` fires when a page's rows arrived."""

    page_read = Signal()

    def __init__(
        self, fetch: RowFetcher | None = None, fetch_out_of_date: OutOfDateFetcher | None = None
    ) -> None:
        super().__init__()
        self._fetch = fetch
        self._fetch_out_of_date = fetch_out_of_date
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, dict[str, Any]]] = OrderedDict()
        self._asked: set[int] = set()  # pages asked for, not arrived yet
        self._generation = 0  # the id list the pages belong to
        self.failed: str | None = None

    @staticmethod
    def headers() -> tuple[str, ...]:
        return tuple(label for _, label in COLUMNS)

    def set_ids(
        self,
        ids: list[int],
        fetch: RowFetcher | None = None,
        first_page: dict[int, dict[str, Any]] | None = None,
    ) -> None:
        """Show these cases, in this order; rows are read as they come into view
        (``first_page``: the rows of the first page, read already)."""
        self.beginResetModel()
        if fetch is not None:
            self._fetch = fetch
        self._ids = ids
        self._pages.clear()
        self._asked.clear()
        self._generation += 1
        self.failed = None
        if first_page is not None:
            self._arrived(0, self._generation, first_page, reset=True)
        self.endResetModel()

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        """Show rows that are already read (small lists, tests)."""
        by_id = {int(r.get("id", i)): r for i, r in enumerate(rows)}
        self.set_ids(list(by_id), lambda ids, done: done({i: by_id[i] for i in ids}))

    @property
    def generation(self) -> int:
        """Which list of ids is shown: it changes with every :meth:`set_ids`."""
        return self._generation

    def fail(self, message: str, generation: int) -> None:
        """The rows of list ``generation`` could not be read: if that list is still
        shown, it shows no rows (the window says why)."""
        if generation == self._generation:
            self.failed = message
            self._asked.clear()

    def row_of(self, case_id: int) -> int | None:
        """The row showing case ``case_id``, or None (no page is read)."""
        try:
            return self._ids.index(case_id)
        except ValueError:
            return None

    def row_of_reference(self, reference: str) -> int | None:
        """The row showing case ``reference`` among the rows read so far (no page is read)."""
        for page, rows in self._pages.items():
            for offset, case_id in enumerate(self._ids[page * PAGE : (page + 1) * PAGE]):
                row = rows.get(case_id)
                if row is not None and row.get("reference") == reference:
                    return page * PAGE + offset
        return None

    def case_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_data(self, row: int) -> dict[str, Any] | None:
        """The display row, or None while its page is being read (it is asked for)."""
        if self.failed is not None or self._fetch is None or not 0 <= row < len(self._ids):
            return None
        page = row // PAGE
        cached = self._pages.get(page)
        if cached is None:
            if page not in self._asked:
                self._asked.add(page)
                ids = self._ids[page * PAGE : (page + 1) * PAGE]
                generation = self._generation
                self._fetch(ids, lambda rows: self._arrived(page, generation, rows))
            return None
        self._pages.move_to_end(page)
        return cached.get(self._ids[row])

    def _arrived(
        self, page: int, generation: int, rows: dict[int, dict[str, Any]], *, reset: bool = False
    ) -> None:
        """A page's rows were read; shown unless the list changed since they were asked."""
        if generation != self._generation:
            return
        self._asked.discard(page)
        self._pages[page] = rows
        ids = self._ids[page * PAGE : (page + 1) * PAGE]
        if self._fetch_out_of_date is not None and ids:

            def counted(counts: dict[int, int]) -> None:
                self._out_of_date_read(page, counts, rows)

            self._fetch_out_of_date(ids, counted)
        if len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        if not reset:
            self._changed(page)
            self.page_read.emit()

    def _changed(self, page: int) -> None:
        first = page * PAGE
        last = min(first + PAGE, len(self._ids)) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def _out_of_date_read(
        self, page: int, counts: dict[int, int], asked_for: dict[int, dict[str, Any]]
    ) -> None:
        """The out-of-date counts of a page arrived (read apart: they are slower).
        ``asked_for`` is the page's rows they were read for."""
        cached = self._pages.get(page)
        if cached is None or cached is not asked_for:
            return  # the list changed or the page was read again meanwhile: a newer read comes
        for case_id, count in counts.items():
            if case_id in cached:
                cached[case_id]["out_of_date"] = count
        self._changed(page)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.DecorationRole,
            Qt.ItemDataRole.BackgroundRole,
        ):
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()][0]
        value = row.get(key)
        stale = int(row.get("out_of_date") or 0)
        if key == "out_of_date":
            return self._out_of_date(stale, role)
        if key == "reference" and stale and role != Qt.ItemDataRole.DisplayRole:
            # the sign beside the reference too: the last column may be scrolled away
            return (
                self._out_of_date(stale, role) if role != Qt.ItemDataRole.BackgroundRole else None
            )
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if value is None:
            return ""
        if key in _SHOWN_BY_NAME:
            return _SHOWN_BY_NAME[key](value)
        if hasattr(value, "strftime"):
            return value.strftime("%Y-%m-%d %H:%M")
        return str(value)

    def stale_text(self, count: int) -> str:
        """What the findings column says of a case with ``count`` out-of-date vehicles."""
        return self.tr("out of date ({0})").format(count)

    def _out_of_date(self, count: int, role: int) -> Any:
        """The findings column: empty while current, else a marked "out of date (N)"."""
        from gui.widgets import STALE_BACKGROUND, warning_icon

        if count == 0:
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.stale_text(count)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr(
                "The findings of {0} vehicle(s) are out of date (their facts, the rule "
                "packs or a vehicle in another case changed): open the case and run the rules."
            ).format(count)
        if role == Qt.ItemDataRole.DecorationRole:
            return warning_icon()
        return QBrush(QColor(STALE_BACKGROUND))

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(COLUMNS[section][1])
        return None
