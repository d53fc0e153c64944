"""The main window: the case list beside the case workspace, menus and actions.

The window paints before the store is open. Core modules (SQLAlchemy, SQLModel,
the services) are imported when a store is attached, on the worker thread during
launch (``open_store``), so the window appears as fast as a bare Qt window; that
is why several methods import from ``core`` locally. A change of store in the
settings goes through the same path without a restart.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core import settings
from core.errors import Failure, UserFacingError
from gui import labels
from gui.case_list_model import COLUMNS, OUT_OF_DATE_COLUMN, CaseListModel, column_of
from gui.i18n import QT_TRANSLATE_NOOP
from gui.operations import OperationRunner

if TYPE_CHECKING:
    from core.services.case_search import CaseQuery
    from core.services.desk import OpenedStore
    from gui.case.workspace import CaseWorkspace
    from gui.operations import Changes

#: (label, days back) of the "created" filter; None means any time.
#: (label, ``CaseQuery.view``) of the view selector above the list; who "me" is comes
#: from the store (core resolves the acting login), never from the window.
VIEWS: tuple[tuple[str, str | None], ...] = (
    (QT_TRANSLATE_NOOP("MainWindow", "All cases"), None),
    (QT_TRANSLATE_NOOP("MainWindow", "Awaiting my review"), "awaiting_my_review"),
    (QT_TRANSLATE_NOOP("MainWindow", "Assigned to me"), "assigned_to_me"),
)
CREATED_RANGES: tuple[tuple[str, int | None], ...] = (
    (QT_TRANSLATE_NOOP("MainWindow", "Any time"), None),
    (QT_TRANSLATE_NOOP("MainWindow", "Today"), 0),
    (QT_TRANSLATE_NOOP("MainWindow", "Last 7 days"), 6),
    (QT_TRANSLATE_NOOP("MainWindow", "Last 30 days"), 29),
    (QT_TRANSLATE_NOOP("MainWindow", "Last 12 months"), 364),
)


def _open_desk(db: str | None, query: dict[str, Any]) -> OpenedStore:
    """Open the store (on the runner's thread): the heavy imports happen here, off the
    GUI thread, then the store is opened (and upgraded) and the first list read."""
    import gui.case.workspace  # noqa: F401 - imported here, off the GUI thread
    from core.services.desk import open_desk

    return open_desk(db=db, query=_case_query(query))


def _case_query(values: dict[str, Any]) -> CaseQuery:
    """The ``CaseQuery`` for the filter values the window read from its widgets."""
    from core.domain.case import CaseStatus
    from core.services.case_search import CaseQuery

    status = values.get("status")
    return CaseQuery(**(values | {"status": CaseStatus(status) if status else None}))


class MainWindow(QMainWindow):
    """The case desk. ``language_changed(code)`` asks the app to rebuild the window."""

    language_changed = Signal(str)
    #: The case list shows the result of the latest refresh.
    listed = Signal()

    def __init__(self, db: str | None = None) -> None:
        """A window over no store yet; with ``db`` (a store locator) it opens that one."""
        super().__init__()
        self.db: str | None = None  #: the attached store's locator
        self.opened: OpenedStore | None = None
        self.workspace: CaseWorkspace | None = None
        self.actor = ""
        self._pending_language: str | None = None
        self._opening = 0  # the latest case asked for from the list
        self.setWindowTitle(self.tr("ZeroMile Case Desk"))
        self.resize(1280, 800)
        self.runner = OperationRunner(self)
        self.runner.changed.connect(self._on_changed)
        self.model = CaseListModel(self._fetch_rows, self._fetch_out_of_date)
        self.model.page_read.connect(self._open_awaited)
        self._awaited_row: int | None = None  # a row chosen before its page was read
        self._sort = ("created_at", True)
        self._build_filters()
        self._build_list()
        self._build_menus()
        self._placeholder = QLabel(self.tr("Opening the case store…"))
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self._left)
        self.splitter.addWidget(self._placeholder)
        self.splitter.setSizes([600, 680])
        self.setCentralWidget(self.splitter)
        self.identity_button = QPushButton(self.tr("Set your name and badge…"), self)
        self.identity_button.setToolTip(
            self.tr("Changes are recorded under your workstation login until you do.")
        )
        self.identity_button.clicked.connect(self.open_settings)
        self.identity_button.hide()
        #: Who is acting, as the store knows them (read with the store: never typed).
        self.acting = QLabel(self)
        self.acting.setObjectName("acting")
        self.acting.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.acting)
        self.statusBar().addPermanentWidget(self.identity_button)
        self._set_store_actions(False)
        if db is not None:
            self.open_store(db)

    # --- building ----------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.view_selector = QComboBox(self)
        self.view_selector.setObjectName("view")
        self.view_selector.setAccessibleName(self.tr("View"))
        for label, view in VIEWS:
            self.view_selector.addItem(self.tr(label), view)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            self.tr("Search: reference, VIN, party name or declaration number")
        )
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("All statuses"), None)
        for code in labels.STATUSES:
            self.status_filter.addItem(labels.status(code), code)
        self.jurisdiction_filter = QLineEdit(self)
        self.jurisdiction_filter.setPlaceholderText(self.tr("Jurisdiction"))
        self.jurisdiction_filter.setMaxLength(2)
        self.jurisdiction_filter.setFixedWidth(90)
        self.inspector_filter = QComboBox(self)
        self.inspector_filter.addItem(self.tr("All inspectors"), None)
        self.created_filter = QComboBox(self)
        for label, days in CREATED_RANGES:
            self.created_filter.addItem(self.tr(label), days)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.jurisdiction_filter.textChanged.connect(self._debounce.start)
        for combo in (
            self.view_selector,
            self.status_filter,
            self.inspector_filter,
            self.created_filter,
        ):
            combo.currentIndexChanged.connect(self.refresh)

    def _build_list(self) -> None:
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSortIndicator(column_of("created_at"), Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._on_sort)
        # Widths from the font, not from the rows (ResizeToContents would read every row);
        # the title takes what is left.
        width = self.fontMetrics().horizontalAdvance
        jurisdiction = column_of("jurisdiction")
        header.resizeSection(column_of("reference"), width("ZM-2026-000000") + 40)  # + a sign
        statuses = max(width(labels.status(c)) for c in labels.STATUSES)
        header.resizeSection(column_of("status"), statuses + 24)
        header.resizeSection(
            jurisdiction, width(self.model.headerData(jurisdiction, Qt.Orientation.Horizontal)) + 24
        )
        priorities = max(width(labels.priority(c)) for c in labels.PRIORITIES)
        header.resizeSection(column_of("priority"), priorities + 24)
        stale = max(width(self.model.stale_text(999)), width(self.model.headerData(
            OUT_OF_DATE_COLUMN, Qt.Orientation.Horizontal)))  # fmt: skip
        header.resizeSection(OUT_OF_DATE_COLUMN, stale + 40)
        header.resizeSection(column_of("created_at"), width("2026-12-31 23:59") + 16)
        header.setSectionResizeMode(column_of("title"), QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().hide()
        self.table.selectionModel().currentRowChanged.connect(self._open_selected)
        self.count = QLabel(self)

        views = QHBoxLayout()
        view_label = QLabel(self.tr("&View:"), self)
        view_label.setBuddy(self.view_selector)
        views.addWidget(view_label)
        views.addWidget(self.view_selector)
        views.addStretch(1)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.jurisdiction_filter)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.inspector_filter)
        filters.addWidget(self.created_filter)
        filters.addStretch(1)
        layout = QVBoxLayout()
        layout.addLayout(views)
        layout.addLayout(bar)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        self._left = QWidget(self)
        self._left.setLayout(layout)
        order = [
            self.view_selector,
            self.search,
            self.jurisdiction_filter,
            self.status_filter,
            self.inspector_filter,
            self.created_filter,
            self.table,
        ]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

    def _action(
        self, text: str, slot: Any, shortcut: QKeySequence | QKeySequence.StandardKey | str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_case_action = self._action(self.tr("&New case…"), self.new_case, keys.New)
        self.import_action = self._action(
            self.tr("&Import declarations…"), self.import_declarations, "Ctrl+I"
        )
        self.screen_action = self._action(self.tr("S&creen a file…"), self.screen_file, "Ctrl+K")
        self.export_action = self._action(self.tr("&Export case…"), self.export_case, "Ctrl+E")
        self.settings_action = self._action(self.tr("Se&ttings…"), self.open_settings, "Ctrl+,")
        quit_action = self._action(self.tr("&Quit"), self.close, keys.Quit)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for action in (self.new_case_action, self.import_action, self.screen_action):
            file_menu.addAction(action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        self.find_action = self._action(self.tr("&Find"), self.focus_search, keys.Find)
        self.refresh_action = self._action(self.tr("&Refresh"), self.refresh, keys.Refresh)
        self.save_action = self._action(self.tr("&Save"), self.save, keys.Save)
        self.rules_action = self._action(self.tr("Run the &rules"), self.run_rules, "Ctrl+R")
        self.verify_action = self._action(
            self.tr("&Verify integrity"), self.verify_integrity, "Ctrl+Shift+V"
        )
        case_menu = self.menuBar().addMenu(self.tr("&Case"))
        for action in (self.find_action, self.refresh_action, self.save_action):
            case_menu.addAction(action)
        case_menu.addSeparator()
        case_menu.addAction(self.rules_action)
        case_menu.addAction(self.verify_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About ZeroMile Case Desk"), self.about))

    def _set_store_actions(self, enabled: bool) -> None:
        for action in (
            self.new_case_action,
            self.import_action,
            self.export_action,
            self.refresh_action,
            self.save_action,
            self.rules_action,
            self.verify_action,
        ):
            action.setEnabled(enabled)
        self._left.setEnabled(enabled)

    # --- the store ---------------------------------------------------------------------------

    def open_store(self, db: str | None) -> None:
        """Open ``db`` (None: the settings' store) and attach it; the current store stays
        until then."""
        from gui.operations import Op

        self.statusBar().showMessage(self.tr("Opening the case store…"))
        opening = Op(_open_desk, db=db, query=self._query_values())
        opening.label(self.tr("Opening the case store")).success(self._replace_store)
        opening.failure(lambda failure: self._store_failed(failure.message)).run(self.runner)

    def _store_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("The case store could not be opened"))
        self._placeholder.setText(message)
        QMessageBox.warning(self, self.windowTitle(), message)

    def _replace_store(self, opened: OpenedStore) -> None:
        # The worker processes open each store by its locator: the new one beside the old.
        self.attach(opened, list(opened.case_ids))
        if self._pending_language is not None:
            language, self._pending_language = self._pending_language, None
            self.language_changed.emit(language)

    def attach(
        self,
        opened: OpenedStore,
        ids: list[int] | None = None,
        select: str | None = None,
        actor: str | None = None,
    ) -> None:
        """Show the store ``opened``: fill the filters, build the workspace, list the
        cases (``ids`` when they were read already; else read, then ``select`` chosen).
        Changes are made as ``actor`` (by default who was acting when it was opened)."""
        from gui.case.workspace import CaseWorkspace

        self.opened, self.db, self.actor = opened, opened.db, actor or opened.actor
        self.inspector_filter.blockSignals(True)
        while self.inspector_filter.count() > 1:
            self.inspector_filter.removeItem(1)
        for name, badge in opened.inspectors:
            self.inspector_filter.addItem(f"{name} ({badge})", badge)
        self.inspector_filter.blockSignals(False)
        workspace = CaseWorkspace(opened.db, self.runner, self.actor, list(opened.jurisdictions))
        workspace.leave_ready.connect(self.select_reference)
        old = self.splitter.widget(1)
        self.splitter.replaceWidget(1, workspace)
        if old is not None:
            old.setParent(None)
            old.deleteLater()
        self.workspace = workspace
        self.splitter.setSizes([600, 680])
        self._set_store_actions(True)
        self._show_store_status()
        if ids is None:
            self.refresh(select)
        else:
            self._show_ids(ids, None, opened.first_rows)
        # after the list is shown: the first case opened then need not wait for a process
        QTimer.singleShot(0, self.runner, self.runner.start_worker_processes)

    def _on_changed(self, changes: Changes) -> None:
        """An op changed the store: the list is read again when it shows what changed."""
        if changes.cases:
            self.refresh()

    def _show_store_status(self) -> None:
        from gui.review.acting import acting_line, acting_tooltip

        who = self.opened.whoami if self.opened is not None else None
        if self.opened is not None:
            shown = acting_line(who) if who is not None else self.actor
            self.statusBar().showMessage(self.tr("Store: {0}").format(self.opened.display_url))
            self.acting.setText(self.tr("Acting as: {0}").format(shown))
            self.acting.setToolTip(acting_tooltip(who) if who is not None else "")
        # Every change is signed with the actor: ask for a real name and badge while the
        # workstation login stands in for them.
        self.identity_button.setVisible(not settings.identity_configured())

    # --- the list ----------------------------------------------------------------------------

    def query(self) -> CaseQuery:
        return _case_query(self._query_values())

    def _query_values(self) -> dict[str, Any]:
        """What the filters say, as plain values (``CaseQuery`` fields)."""
        code = self.jurisdiction_filter.text().strip().upper()
        days = self.created_filter.currentData()
        return {
            "text": self.search.text(),
            "status": self.status_filter.currentData(),
            "jurisdiction": code if len(code) == 2 else None,
            "inspector_badge": self.inspector_filter.currentData(),
            "created_from": None
            if days is None
            else dt.datetime.now(dt.UTC).date() - dt.timedelta(days=days),
            "sort": self._sort[0],
            "descending": self._sort[1],
            "view": self.view_selector.currentData(),
        }

    def _fetch_rows(self, ids: list[int], done: Any) -> None:
        """Read a page of the list's rows in the reading process."""
        from core import jobs
        from gui.operations import Op, Where

        if self.db is None:
            return
        generation = self.model.generation
        read = Op(jobs.case_rows, db=self.db, ids=list(ids)).where(Where.READER).success(done)
        read.failure(lambda failure: self._rows_failed(failure.message, generation))
        read.run(self.runner)

    def _rows_failed(self, message: str, generation: int) -> None:
        if generation == self.model.generation:  # not a page of an older listing
            self.model.fail(message, generation)
            self.count.setText(self.tr("The cases could not be listed: {0}").format(message))

    def _fetch_out_of_date(self, ids: list[int], done: Any) -> None:
        """Read which listed cases have out-of-date findings in the reading process: it
        recomputes what their findings rest on, too slow for the display thread."""
        from core import jobs
        from gui.operations import Op, Where

        if self.db is None:
            return
        read = Op(jobs.out_of_date, db=self.db, ids=list(ids)).where(Where.READER).success(done)
        read.failure(lambda _failure: None).run(self.runner)  # the marks only: no pop-up

    def _on_sort(self, column: int, order: Qt.SortOrder) -> None:
        from core.services.case_search import SORTABLE

        key = COLUMNS[column][0]
        if key in SORTABLE:
            self._sort = (key, order == Qt.SortOrder.DescendingOrder)
            self.refresh()

    def _open_selected(self, current: Any, _previous: Any = None) -> None:
        row = self.model.row_data(current.row()) if current.isValid() else None
        if self.workspace is None:
            return
        self._awaited_row = None
        if row is None and current.isValid() and self.model.failed is None:
            self._awaited_row = current.row()  # its page is being read: opened when it is
            return
        reference = row["reference"] if row else None
        self._opening += 1
        if not self.workspace.has_unsaved_changes():
            self._open_case(reference, self._opening)
            return
        # Leaving asks about the unsaved edits in a modal question, which runs its own
        # event loop: not inside the selection model's signal, where a list refresh
        # arriving meanwhile would reset the model under the view still handling the
        # click (a crash in Qt). Asked on the next turn instead; the latest click wins.
        opening = self._opening
        QTimer.singleShot(0, self, lambda: self._open_case(reference, opening))

    def _open_awaited(self) -> None:
        row, self._awaited_row = self._awaited_row, None
        current = self.table.currentIndex()
        if row is not None and current.isValid() and current.row() == row:
            self._open_selected(current)

    def _open_case(self, reference: str | None, opening: int) -> None:
        if opening != self._opening or self.workspace is None:
            return  # another case was chosen since
        previous = self.workspace.reference
        if not self.workspace.show_case(reference) and previous:
            blocker = QSignalBlocker(self.table.selectionModel())
            self.select_reference(previous)  # the user stays with the unsaved edits
            del blocker

    def open_row(self, row: int) -> None:
        """Select a row of the list (and open its case)."""
        self.table.setCurrentIndex(self.model.index(row, 0))

    def select_reference(self, reference: str) -> None:
        """Select the case ``reference`` if the list's rows read so far show it."""
        row = self.model.row_of_reference(reference)
        if row is not None:
            self.open_row(row)

    def refresh(self, select: str | None = None) -> None:
        """List the cases matching the filters; the ids are read in the reading process
        (a store of 100,000 cases must not hold up the window). Then select ``select``,
        or keep the open case selected; ``listed`` fires."""
        if self.db is None:
            return
        from core import jobs
        from gui.case_list_model import PAGE
        from gui.operations import Op, Where

        def listed(found: dict[str, Any]) -> None:
            self._show_ids(found["ids"], select, found["rows"])

        def failed(failure: Failure) -> None:  # one line under the list, not a pop-up per key
            self.count.setText(
                self.tr("The cases could not be listed: {0}").format(failure.message)
            )

        listing = Op(jobs.case_list, db=self.db, query=self.query(), first=PAGE)
        listing.where(Where.READER).key(("case-list", id(self)))
        listing.success(listed).failure(failed).run(self.runner)

    def _show_ids(
        self, ids: list[int], select: str | None, first_rows: dict[int, dict[str, Any]]
    ) -> None:
        current = self.workspace.detail.get("id") if self.workspace is not None else None
        if self.workspace is not None and self.workspace.reference is None:
            current = None
        self.model.set_ids(ids, first_page=first_rows)
        self.count.setText(self.tr("{0} cases").format(len(ids)))
        if select is not None:
            self.select_reference(select)
        else:
            row = self.model.row_of(current) if current is not None else None
            if row is not None:  # keep the open case selected, without reading it again
                blocker = QSignalBlocker(self.table.selectionModel())
                self.open_row(row)
                del blocker
        self.listed.emit()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- actions -----------------------------------------------------------------------------

    def _current_reference(self) -> str | None:
        # The case on show, not one still loading: an import or export must go to the
        # case the inspector is looking at.
        reference = self.workspace.shown_reference() if self.workspace is not None else None
        if reference is None:
            self.statusBar().showMessage(self.tr("Open a case first"), 5000)
        return reference

    def new_case(self, values: dict[str, Any] | None = None) -> None:
        """Ask for a new case's title, jurisdiction and priority, then create it. If the
        store refuses, the dialog comes back with what was typed."""
        from core.services import cases
        from gui.new_case_dialog import NewCaseDialog
        from gui.operations import Op

        if self.db is None:
            return
        codes = list(self.opened.jurisdictions) if self.opened is not None else None
        dialog = NewCaseDialog(
            settings.load_settings().default_jurisdiction, self, jurisdictions=codes
        )
        if values:
            dialog.prefill(values)
        if not dialog.exec():  # exec() returns an int, 1 when accepted
            return
        typed = dialog.values()

        def created(reference: str) -> None:
            self._debounce.stop()
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.refresh(select=reference)

        def failed(failure: Failure) -> None:
            QMessageBox.warning(self, self.windowTitle(), failure.message)
            self.new_case(typed)

        create = Op(
            cases.create,
            db=self.db,
            actor=self.actor,
            title=str(typed["title"]),
            jurisdiction=str(typed["jurisdiction"]),
            priority=typed.get("priority"),
        )
        # ``created`` reads the list again, selecting the new case: nothing else shows it
        create.label(self.tr("Creating the case")).success(created).failure(failed)
        create.run(self.runner)

    def import_declarations(self) -> None:
        from gui.declarations.import_wizard import ImportWizard
        from gui.widgets import OnCase

        reference = self._current_reference()
        if reference is None or self.db is None:
            return
        wizard = ImportWizard(OnCase(self.db, self.runner, self.actor, reference), self)
        wizard.exec()

    def screen_file(self) -> None:
        from gui.declarations.screen_dialog import ScreenDialog

        dialog = ScreenDialog(
            self.db, self.runner, settings.load_settings().default_jurisdiction, self
        )
        dialog.exec()

    def export_case(self) -> None:
        from gui.case_file.export_dialog import ExportDialog
        from gui.widgets import OnCase

        reference = self._current_reference()
        if reference is None or self.db is None:
            return
        on = OnCase(self.db, self.runner, self.actor, reference)
        dialog = ExportDialog(on, Path.home(), parent=self)
        dialog.exec()  # its ops announce what they changed: the case and list follow

    def save(self) -> None:
        if self.workspace is not None:
            self.workspace.save()

    def run_rules(self) -> None:
        if self.workspace is not None and self._current_reference():
            self.workspace.run_rules()

    def verify_integrity(self) -> None:
        if self.workspace is not None and self._current_reference():
            self.workspace.verify()

    def open_settings(self) -> None:
        from gui.settings.settings_dialog import SettingsDialog

        try:
            current = settings.load_settings()
        except UserFacingError as exc:  # shown, and the dialog shows the bad value to fix
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            current = settings.load_settings(checked=False)
        if not self._can_leave():  # a store or language change must not lose typed edits
            return
        dialog = SettingsDialog(current, self.runner, self, db=self.db)
        dialog.applied.connect(self._settings_applied)
        dialog.exec()

    def _settings_applied(self, changed: dict[str, Any]) -> None:
        """Apply saved settings: reopen the store, act as the new identity, and rebuild
        the window in the new language (after the new store is attached, if both)."""
        from core.identity import resolve_actor

        language = settings.load_settings().language if changed.get("language") else None
        if changed.get("identity"):
            self.actor = resolve_actor()
            if self.workspace is not None:
                self.workspace.set_actor(self.actor)
            self._show_store_status()
        if changed.get("store") or changed.get("evidence"):
            self._pending_language = language
            self.open_store(None)
        elif language is not None:
            self.language_changed.emit(language)

    def about(self) -> None:
        from core import __version__

        QMessageBox.about(
            self,
            self.tr("About ZeroMile Case Desk"),
            self.tr(
                "ZeroMile Case Desk {0}\n\nCase management for customs inspectors: "
                "zero-mileage used cars."
            ).format(__version__),
        )

    # --- leaving -----------------------------------------------------------------------------

    def _can_leave(self) -> bool:
        """True when nothing typed would be lost (the user saved or chose to discard)."""
        if self.workspace is None or not self.workspace.has_unsaved_changes():
            return True
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr("There are unsaved changes. Save them first?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            self.workspace.save()
            return False  # saving runs on the worker; leave once it has landed
        return bool(answer == QMessageBox.StandardButton.Discard)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self._can_leave():
            event.ignore()
            return
        # The worker processes stop now, not when Python tears Qt down at exit (then
        # their queues' semaphores leak and the interpreter may be half gone).
        self.runner.shutdown()
        super().closeEvent(event)
