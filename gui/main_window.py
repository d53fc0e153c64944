"""The main window: a searchable, filterable, sortable case list.

The case workspace (overview, shipments and vehicles, evidence, findings, diary,
history) is being built on this window; see the desktop issue.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.cli.context import resolve_actor
from core.domain.case import CaseStatus
from core.errors import UserFacingError
from core.persistence.store import Store
from core.persistence.unit_of_work import reading
from core.services.case_search import SORTABLE, CaseQuery, case_ids, case_rows
from gui.case_list_model import COLUMNS, CaseListModel
from gui.case_workspace import CaseWorkspace
from gui.operations import OperationRunner


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        self.setWindowTitle(self.tr("ZeroMile Case Desk"))
        self.resize(1280, 800)
        self.model = CaseListModel(self._fetch_rows)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            self.tr("Search: reference, VIN, party name or declaration number")
        )
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in CaseStatus:
            self.status_filter.addItem(status.value.replace("_", " "), status.value)
        self.jurisdiction_filter = QLineEdit(self)
        self.jurisdiction_filter.setPlaceholderText(self.tr("Jurisdiction"))
        self.jurisdiction_filter.setMaxLength(2)
        self.jurisdiction_filter.setFixedWidth(90)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(5, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_sort)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.count = QLabel(self)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.jurisdiction_filter)
        layout = QVBoxLayout()
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        left = QWidget(self)
        left.setLayout(layout)
        self.runner = OperationRunner(self)
        self.workspace = CaseWorkspace(store, self.runner, resolve_actor())
        self.workspace.changed.connect(self.refresh)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.workspace)
        splitter.setSizes([520, 760])
        self.setCentralWidget(splitter)
        self.table.selectionModel().currentRowChanged.connect(self._open_selected)
        self.setTabOrder(self.search, self.status_filter)
        self.setTabOrder(self.status_filter, self.jurisdiction_filter)
        self.setTabOrder(self.jurisdiction_filter, self.table)

        self._sort = ("created_at", True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.jurisdiction_filter.textChanged.connect(self._debounce.start)
        self.status_filter.currentIndexChanged.connect(self.refresh)

        find = QAction(self.tr("&Find"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.search.setFocus)
        refresh = QAction(self.tr("&Refresh"), self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh)
        menu = self.menuBar().addMenu(self.tr("&Cases"))
        menu.addAction(find)
        menu.addAction(refresh)
        self.statusBar().showMessage(self.tr("Store: {0}").format(store.display_url))
        self.refresh()

    def query(self) -> CaseQuery:
        code = self.jurisdiction_filter.text().strip().upper()
        status = self.status_filter.currentData()  # Qt hands enum members back as plain str
        return CaseQuery(
            text=self.search.text(),
            status=CaseStatus(status) if status else None,
            jurisdiction=code if len(code) == 2 else None,
            sort=self._sort[0],
            descending=self._sort[1],
        )

    def _fetch_rows(self, ids: Any) -> dict[int, dict[str, Any]]:
        with reading(self._store) as session:
            return case_rows(session, ids)

    def _on_sort(self, column: int, order: Qt.SortOrder) -> None:
        key = COLUMNS[column][0]
        if key in SORTABLE:
            self._sort = (key, order == Qt.SortOrder.DescendingOrder)
            self.refresh()

    def _open_selected(self, current: Any, _previous: Any = None) -> None:
        row = self.model.row_data(current.row()) if current.isValid() else None
        self.workspace.show_case(row["reference"] if row else None)

    def open_row(self, row: int) -> None:
        """Select a row of the list (and open its case)."""
        self.table.setCurrentIndex(self.model.index(row, 0))

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        self.runner.wait()
        super().closeEvent(event)

    def refresh(self) -> None:
        try:
            with reading(self._store) as session:
                ids = case_ids(session, self.query())
        except UserFacingError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.model.set_ids(ids)
        self.count.setText(self.tr("{0} cases").format(len(ids)))
