"""The main window: for now the case list; the full workspace comes with the desktop issue."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHeaderView, QMainWindow, QMessageBox, QTableView

from core.errors import UserFacingError
from core.persistence.store import Store
from core.persistence.unit_of_work import reading
from core.services import cases, views
from gui.case_list_model import CaseListModel


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        self.setWindowTitle(self.tr("ZeroMile Case Desk"))
        self.resize(1000, 600)
        self.model = CaseListModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(
            len(self.model.headers()) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.setCentralWidget(self.table)
        refresh = QAction(self.tr("&Refresh"), self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh)
        menu = self.menuBar().addMenu(self.tr("&Cases"))
        menu.addAction(refresh)
        self.statusBar().showMessage(self.tr("Store: {0}").format(store.display_url))
        self.refresh()

    def refresh(self) -> None:
        try:
            with reading(self._store) as session:
                rows = [views.case_row(c) for c in cases.list_cases(session)]
        except UserFacingError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
