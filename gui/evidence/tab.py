"""The Evidence tab of the case workspace: exhibits, preview, chain of custody, integrity.

- The exhibits table (:class:`~gui.evidence.model.ExhibitsModel`) shows each exhibit's
  thumbnail or type icon, number, name, kind, size, status and SHA-256.
- Files dropped from the file manager (or chosen with "Add files…") are checked by the
  core (``evidence_ingest.check_files``), described once in
  :class:`~gui.evidence.dialogs.IngestDialog` and stored by the core's one ingest
  (``evidence_ingest.ingest_files``) in the worker process, with progress by bytes and a
  Cancel that stops even inside a large file.
- The preview pane (:class:`~gui.evidence.preview.EvidencePreview`) shows images and
  PDFs, read in the reading process with their hash checked.
- Custody events of the case (or of the selected exhibit) are listed; "Record
  hand-over…" opens :class:`~gui.evidence.custody.CustodyDialog`.
- "Verify integrity" re-hashes the case's exhibits in the worker process; "Withdraw…"
  asks for a reason; "Export copy…" copies an exhibit out with a hash check.

Every read and write is an :class:`~gui.operations.Op` of a core use case; the tab
reads its case again when an op announces that the case's evidence changed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.errors import Failure, UserFacingError
from core.services import custody, evidence, evidence_ingest
from gui import palette
from gui.evidence.custody import CustodyDialog
from gui.evidence.dialogs import IngestDialog, WithdrawDialog, document_kinds
from gui.evidence.icons import THUMBNAIL_SIZE
from gui.evidence.model import ExhibitsModel
from gui.evidence.preview import MESSAGE, Decoded, EvidencePreview, decode_image, local_time
from gui.operations import Changes, Op, OperationRunner, Where
from gui.rows_model import RowsModel
from gui.widgets import Banner, Room, table_view

#: Blobs up to this size are read for the preview without a progress dialog.
QUIET_PREVIEW_BYTES = 8 * 1024 * 1024
#: Larger blobs are not previewed (their metadata is shown; "Export copy…" opens them).
PREVIEW_LIMIT = 256 * 1024 * 1024


class EvidenceTab(Room):
    """The exhibits of one case with preview, custody, verification, withdrawal and export.

    Built with the store's locator ``db``, the window's runner and the actor. The owner
    calls :meth:`show_case` (None: nothing shown, tab disabled). ``shown`` fires each
    time a case's evidence has been put on show. ``changed`` is kept for owners that
    still connect it; changes are announced through the runner's ``changed``.
    """

    changed = Signal()
    shown = Signal()

    def __init__(
        self, db: str, runner: OperationRunner, actor: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, runner, actor, parent)
        self._custody_rows: list[dict[str, Any]] = []
        self._last_export_dir = ""
        self._last_meta: dict[str, Any] = {}
        self._refused: list[str] = []
        self._select_next: int | None = None  # the exhibit to select at the next reading
        self._previewed: tuple[int, str] | None = None  # (exhibit, sha256) whose bytes show
        self._wanted: tuple[int, str] | None = None  # the exhibit a preview read is for
        self.ingest_dialog: IngestDialog | None = None
        self.withdraw_dialog: WithdrawDialog | None = None
        self.custody_dialog: CustodyDialog | None = None
        self.setAcceptDrops(True)
        self.banner = Banner(self)
        self._build_buttons()
        self._build_exhibits()
        self._build_custody()
        self.preview = EvidencePreview(self)
        self._lay_out()
        self._chain_focus()
        runner.changed.connect(self._on_changed)
        self._update_actions()
        self.setEnabled(False)

    # --- building ----------------------------------------------------------------------------

    def _button(self, text: str, slot: Callable[[], None], tip: str = "") -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _build_buttons(self) -> None:
        self.add_button = self._button(
            self.tr("&Add files…"),
            self.choose_files,
            self.tr("Choose files to add as exhibits (or drop them here)"),
        )
        self.withdraw_button = self._button(self.tr("&Withdraw…"), self.withdraw)
        self.export_button = self._button(
            self.tr("E&xport copy…"),
            self.export_copy,
            self.tr("Copy the exhibit to a folder, checking its hash"),
        )
        self.verify_button = self._button(
            self.tr("Ver&ify integrity"), self.verify, self.tr("Re-hash every exhibit of the case")
        )
        self.verify_result = QLabel(self)
        self.verify_result.setWordWrap(True)
        self.verify_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_result.hide()

    def _build_exhibits(self) -> None:
        self.model = ExhibitsModel(self)
        self.table = table_view(self.model, self)
        self.table.setAccessibleName(self.tr("Exhibits"))
        self.table.setIconSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().setDefaultSectionSize(THUMBNAIL_SIZE + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMaximumSectionSize(240)  # a long kind name is elided, not the file name
        header.setResizeContentsPrecision(8)  # sized by the first rows: thumbnails decode lazily
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.drop_hint = QLabel(self.tr("Drop files here to add them as exhibits."), self)
        self.drop_hint.setWordWrap(True)
        self.drop_hint.setEnabled(False)  # drawn greyed: a hint, not content

    def _build_custody(self) -> None:
        self.custody_title = QLabel(self.tr("Chain of custody"), self)
        bold = self.custody_title.font()
        bold.setBold(True)
        self.custody_title.setFont(bold)
        self.only_selected = QCheckBox(self.tr("&Limit to the selected exhibit"), self)
        self.only_selected.toggled.connect(self._filter_custody)
        self.handover_button = self._button(self.tr("&Record hand-over…"), self.record_handover)
        self.custody = RowsModel(
            [
                ("at_local", self.tr("When (local time)")),
                ("item", self.tr("Item")),
                ("from", self.tr("From")),
                ("to", self.tr("To")),
                ("place", self.tr("Place")),
                ("seal_number", self.tr("Seal")),
                ("purpose", self.tr("Purpose")),
                ("recorded_by", self.tr("Recorded by")),
            ]
        )
        self.custody_table = table_view(self.custody, self)
        self.custody_table.setAccessibleName(self.tr("Custody events"))
        self.custody_table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        header = self.custody_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMaximumSectionSize(280)  # the full text is the cell's tip

    @staticmethod
    def _column(parent: QWidget, *parts: QWidget | QHBoxLayout) -> QWidget:
        """A widget holding ``parts`` one under the other; a table takes the room left."""
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        for part in parts:
            if isinstance(part, QHBoxLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part, 1 if isinstance(part, QTableView) else 0)
        return box

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.add_button, self.withdraw_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.verify_button)
        exhibits = self._column(self, buttons, self.verify_result, self.table, self.drop_hint)
        bar = QHBoxLayout()
        bar.addWidget(self.custody_title)
        bar.addStretch(1)
        bar.addWidget(self.only_selected)
        bar.addWidget(self.handover_button)
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(exhibits)
        left.addWidget(self._column(self, bar, self.custody_table))
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.preview)
        for splitter in (left, self.splitter):
            splitter.setStretchFactor(0, 3)
            splitter.setStretchFactor(1, 2)
            splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([600, 450])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

    def _chain_focus(self) -> None:
        """Keyboard: the buttons, the exhibits, the custody controls and events, the preview."""
        chain = [self.add_button, self.withdraw_button, self.export_button, self.verify_button,
                 self.table, self.only_selected, self.handover_button, self.custody_table,
                 self.preview.image, self.preview.pdf_view]  # fmt: skip
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.table)

    # --- showing a case --------------------------------------------------------------------

    def show_case(self, reference: str | None, data: dict[str, Any] | None = None) -> None:
        """Show the exhibits and custody of case ``reference`` (None: nothing).

        ``data`` is the case's evidence as ``core.services.evidence.evidence_of`` gives
        it, when the caller read it already; otherwise it is read (in the reading
        process). A new case opens with its first exhibit selected and previewed."""
        opened = reference != self.reference
        if opened:
            self.model.set_altered(set())
            self.verify_result.hide()
            self.banner.hide()
        self.reference = reference
        if reference is None:
            self.model.set_rows([], {})
            self._custody_rows = []
            self.custody.set_rows([])
            self._wanted = self._previewed = None
            self.preview.clear()
            self.setEnabled(False)
            return
        if data is not None:
            self.fill(data, first=opened)
        else:
            self.refresh(first=opened)

    def refresh(self, select: int | None = None, *, first: bool = False) -> None:
        """Read the case's evidence again (in the reading process) and show it (see
        :meth:`fill`)."""
        if self.reference is None:
            return
        op = Op(evidence.evidence_of, db=self._db, reference=self.reference)
        op.where(Where.READER).key(("evidence", id(self)))
        op.success(self._alive(lambda data: self.fill(data, select=select, first=first)))
        op.failure(self._alive(lambda failure: self.banner.show_message(failure.message)))
        op.run(self._runner)

    def _on_changed(self, changes: Changes) -> None:
        """An op changed the store: read this case's evidence again if it may have changed."""
        mine = changes.reference in (None, self.reference)
        if self.reference is not None and changes.evidence and mine:
            select, self._select_next = self._select_next, None
            self.refresh(select=select)

    def fill(self, data: dict[str, Any], *, select: int | None = None, first: bool = False) -> None:
        """Show ``data`` as ``evidence_of`` gives it. Selects exhibit ``select``; else the
        one selected before (or, with ``first``, the first exhibit)."""
        if data["reference"] != self.reference:
            return  # another case was opened meanwhile
        if select is not None:
            keep: int | None = select
        elif first:
            keep = data["exhibits"][0]["exhibit"] if data["exhibits"] else None
        else:
            keep = self.selected_exhibit()
        self.model.set_rows(data["exhibits"], dict(document_kinds()))
        self._custody_rows = [e | {"at_local": local_time(e["at"])} for e in data["custody"]]
        self.setEnabled(True)
        row = self.model.row_of_exhibit(keep) if keep is not None else None
        if row is not None:
            self._select_row(row)
        else:
            self._selection_changed()
        self.shown.emit()

    def _select_row(self, row: int) -> None:
        # Not QTableView.selectRow: right to left, it looks for the column at a pixel just
        # past the header and selects nothing.
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def selected_row(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def selected_exhibit(self) -> int | None:
        row = self.selected_row()
        return None if row is None else int(row["exhibit"])

    def select_exhibit(self, exhibit: int) -> None:
        """Select (and preview) exhibit number ``exhibit``."""
        row = self.model.row_of_exhibit(exhibit)
        if row is not None:
            self._select_row(row)

    def _selection_changed(self, *_: object) -> None:
        self._update_actions()
        self._filter_custody()
        self._show_preview(self.selected_row())

    def _update_actions(self) -> None:
        row = self.selected_row()
        has_case = self.reference is not None
        self.add_button.setEnabled(has_case)
        self.verify_button.setEnabled(has_case and self.model.rowCount() > 0)
        self.handover_button.setEnabled(has_case)
        self.export_button.setEnabled(row is not None)
        self.withdraw_button.setEnabled(row is not None and row.get("status") == "active")

    def _filter_custody(self, *_: object) -> None:
        row = self.selected_row()
        if self.only_selected.isChecked() and row is not None:
            shown = [e for e in self._custody_rows if e.get("evidence_id") == row["id"]]
        else:
            shown = list(self._custody_rows)
        self.custody.set_rows(shown)

    def _change(self, fn: Callable[..., Any], reference: str, **values: Any) -> Op[Any]:
        """An op of the use case ``fn`` changing case ``reference``'s evidence, done by this
        tab's actor with ``values``."""
        op = Op(fn, db=self._db, actor=self._actor, reference=reference, **values)
        return op.changes(Changes(reference=reference, evidence=True))

    def _alive(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """``callback``, called only while this tab still exists (an op may end later)."""
        return lambda value: callback(value) if shiboken6.isValid(self) else None

    # --- preview -----------------------------------------------------------------------------

    def _show_preview(self, row: dict[str, Any] | None) -> None:
        if row is None:
            self._wanted = self._previewed = None
            self.preview.clear()
            return
        shown = row | {"kind_name": self.model.kind_name(row.get("kind"))}
        derived = row.get("derived")
        key = (int(row["exhibit"]), str(row["sha256"]))
        if key == self._previewed and self.preview.mode != MESSAGE:
            # The same content is shown already (a refresh after a change): only the
            # metadata (status, kind, …) may have changed; do not read and decode it again.
            self.preview.show_details(shown, derived)
            return
        self._wanted = self._previewed = None
        mime, size = str(row.get("mime_type") or ""), int(row.get("size") or 0)
        if not (mime.startswith("image/") or mime == "application/pdf"):
            self.preview.show_exhibit(shown, derived, None)
            return
        if size > PREVIEW_LIMIT:
            note = self.tr("Too large to preview here ({0}); use Export copy… to open it.")
            self.preview.show_exhibit(
                shown, derived, None, note=note.format(QLocale().formattedDataSize(size))
            )
            return
        self._wanted = key
        self.preview.show_loading(shown, derived)

        def show(blob: evidence.BlobBytes, decoded: Decoded | None = None) -> None:
            if self._wanted == key:
                self.preview.show_exhibit(
                    shown, derived, blob.data, intact=blob.intact, decoded=decoded
                )
                self._previewed = key

        def done(blob: evidence.BlobBytes) -> None:
            if self._wanted != key:
                return
            if not mime.startswith("image/"):
                show(blob)
                return
            # A large photo takes longer to decode than a frame lasts: off the GUI thread.
            op = Op(decode_image, data=blob.data).key(("decode", id(self)))
            op.success(self._alive(lambda decoded: show(blob, decoded))).run(self._runner)

        def failed(failure: Failure) -> None:
            if self._wanted == key:
                self.preview.show_exhibit(shown, derived, None, note=failure.message)

        def stopped() -> None:
            if shiboken6.isValid(self) and self._wanted == key:
                note = self.tr("Preview cancelled.")
                self.preview.show_exhibit(shown, derived, None, note=note)

        read = {"reference": self.reference, "exhibit": key[0]}
        op = Op(evidence.read_blob, db=self._db, **read).where(Where.READER)
        if size > QUIET_PREVIEW_BYTES:
            op.label(self.tr("Loading the preview"))
        op.key(("preview", id(self))).success(self._alive(done)).failure(self._alive(failed))
        op.cancelled(stopped).run(self._runner)

    # --- adding files ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._local_paths(event) and self.reference is not None:
            event.acceptProposedAction()
            count = len(self._local_paths(event))
            self.drop_hint.setText(
                self.tr("Release to add the files as exhibits ({0}).").format(count)
            )
            self.drop_hint.setEnabled(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if self._local_paths(event) and self.reference is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        self._reset_drop_hint()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = self._local_paths(event)
        self._reset_drop_hint()
        if not paths or self.reference is None:
            event.ignore()
            return
        event.acceptProposedAction()
        # Ask after the drop has finished: a dialog inside the drop blocks the file manager.
        QTimer.singleShot(0, self, lambda: self.add_files(paths))

    @staticmethod
    def _local_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def _reset_drop_hint(self) -> None:
        self.drop_hint.setText(self.tr("Drop files here to add them as exhibits."))
        self.drop_hint.setEnabled(False)

    def choose_files(self) -> None:
        """ "Add files…": pick files with the file dialog, then as for a drop."""
        if self.reference is None:
            return
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Add evidence files"))
        if names:
            self.add_files([Path(n) for n in names])

    def add_files(self, paths: Sequence[Path]) -> None:
        """Check ``paths`` with the core's checks (refused ones are named in the banner),
        ask once what the others are, then store them with the core's ingest."""
        if self.reference is None or not paths:
            return
        try:  # the files' own checks: no store is read
            checked = evidence_ingest.check_files(paths=[str(p) for p in paths])
        except UserFacingError as exc:
            self.banner.show_message(str(exc))
            return
        self._refused = list(checked.refused)
        if self._refused:
            self.banner.show_message(self._refused_text())
        else:
            self.banner.hide()
        if not checked.accepted:
            return
        if self.ingest_dialog is not None and shiboken6.isValid(self.ingest_dialog):
            self.ingest_dialog.deleteLater()
        dialog = IngestDialog(
            [Path(p).name for p in checked.accepted],
            document_kinds(),
            checked.kind,
            obtained_from=self._last_meta.get("obtained_from") or "",
            obtained_by=self._last_meta.get("obtained_by") or self._actor,
            parent=self,
        )
        self.ingest_dialog = dialog
        dialog.accepted.connect(lambda: self._ingest(checked, dialog.values()))
        dialog.open()

    def _refused_text(self) -> str:
        return self.tr("Not added:") + "".join(f"\n\u2022 {r}" for r in self._refused)

    def _ingest(self, checked: evidence_ingest.FilesChecked, meta: dict[str, Any]) -> None:
        if self.reference is None:
            return
        self._last_meta = meta
        reference = self.reference
        files, details = list(checked.accepted), IngestDialog.details(meta)
        op = self._change(evidence_ingest.ingest_files, reference, files=files, details=details,
                          limit=checked.limit)  # fmt: skip
        op.where(Where.WORKER).label(
            self.tr("Adding evidence files ({0})").format(len(checked.accepted))
        )
        op.success(self._alive(lambda result: self._ingested(result, reference)))
        op.failure(self._alive(lambda failure: self._not_ingested(failure, reference)))
        op.run(self._runner)

    def _ingested(self, result: evidence_ingest.IngestResult, reference: str) -> None:
        added, stopped = result.added, result.stopped
        if not self._shows(reference):
            # Another case is on show now: its exhibits are not the ones added. Only a
            # problem is said, naming the case it happened to.
            if stopped:
                self._failed(self.tr("Not added:") + " " + ", ".join(stopped), reference)
            return
        parts = []
        if added:
            listed = ", ".join(
                self.tr("exhibit {0} ({1})").format(a.exhibit, a.name) for a in added
            )
            parts.append(self.tr("Added: {0}.").format(listed))
        for a in added:
            if a.warning:
                parts.append(a.warning)
            if a.same_content:
                parts.append(
                    self.tr("Exhibit {0} has the same content as exhibit {1}.").format(
                        a.exhibit, ", ".join(str(n) for n in a.same_content)
                    )
                )
        if stopped:
            parts.append(self.tr("Stopped; not added: {0}").format(", ".join(stopped)))
        self._say(parts, problem=bool(stopped))
        if added:
            self._select_next = added[-1].exhibit  # selected when the change is read

    def _not_ingested(self, failure: Failure, reference: str) -> None:
        if not self._shows(reference):
            self._failed(failure.message, reference)
            return
        self._say([self.tr("Not added:") + f"\n\u2022 {failure.message}"], problem=True)

    def _say(self, parts: list[str], *, problem: bool) -> None:
        """The outcome of an add in the banner, with what the checks refused before it."""
        if self._refused:
            parts.append(self._refused_text())
            self._refused = []
            problem = True
        self.banner.show_message("\n".join(parts), tone="error" if problem else "info")

    def _shows(self, reference: str | None) -> bool:
        """Whether the case ``reference`` (None: whichever) is the one on show."""
        return reference is None or reference == self.reference

    def _in_banner(self, reference: str) -> Callable[[Failure], None]:
        """A failure callback that says the failure in the banner (see :meth:`_failed`)."""
        return self._alive(lambda failure: self._failed(failure.message, reference))

    def _failed(self, message: str, reference: str | None = None) -> None:
        """Say what failed in the banner; for a case no longer on show, name the case."""
        if shiboken6.isValid(self):
            if not self._shows(reference):
                message = f"{reference}: {message}"
            self.banner.show_message(message)

    # --- verify, withdraw, export --------------------------------------------------------------

    def verify(self) -> None:
        """Re-hash every exhibit of the case in the worker process; show which changed."""
        if self.reference is None:
            return
        reference = self.reference
        self.verify_result.hide()
        op = self._change(evidence.verify_case, reference)
        op.where(Where.WORKER).label(self.tr("Verifying the evidence"))
        op.success(self._alive(lambda result: self._verified(result, reference)))
        op.failure(self._in_banner(reference)).run(self._runner)

    def _verified(self, result: evidence.EvidenceReport, reference: str) -> None:
        if not self._shows(reference):
            return  # recorded in that case's history; nothing to show here
        colours = self.verify_result.palette()
        if result.ok:
            text = self.tr("All hashes match. Exhibits checked: {0}.").format(result.checked)
            colour = palette.OK_TEXT
        else:
            text = self.tr("ALTERED: {0}").format(
                "; ".join(
                    self.tr("exhibit {0} {1}").format(f.exhibit_no, f.original_name)
                    for f in result.failures
                )
            )
            colour = palette.ERROR_TEXT
        colours.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        self.verify_result.setPalette(colours)
        self.verify_result.setText(text)
        self.verify_result.setToolTip(
            "\n".join(f"{f.exhibit_no}: {f.problem}" for f in result.failures)
        )
        self.verify_result.show()
        self.model.set_altered({f.exhibit_no for f in result.failures})
        self._previewed = None  # read the shown exhibit again: its bytes may have changed

    def withdraw(self) -> None:
        """Ask for a reason, then withdraw the selected exhibit (it stays stored)."""
        row = self.selected_row()
        if row is None or self.reference is None or row.get("status") != "active":
            return
        exhibit = int(row["exhibit"])
        if self.withdraw_dialog is not None and shiboken6.isValid(self.withdraw_dialog):
            self.withdraw_dialog.deleteLater()
        dialog = WithdrawDialog(
            self.tr("exhibit {0} ({1})").format(exhibit, row["original_name"]), self
        )
        self.withdraw_dialog = dialog
        dialog.submitted.connect(lambda reason: self._withdraw(dialog, exhibit, reason))
        dialog.open()

    def _withdraw(self, dialog: WithdrawDialog, exhibit: int, reason: str) -> None:
        if self.reference is None:
            return
        reference = self.reference

        def done(_: None) -> None:
            if shiboken6.isValid(self) and self._shows(reference):
                self._select_next = exhibit  # selected when the change is read

        op = self._change(evidence.withdraw, reference, exhibit=exhibit, reason=reason)
        op.label(self.tr("Withdrawing the exhibit"))
        op.success(self._closing(dialog, done)).failure(self._in_dialog(dialog, reference))
        op.run(self._runner)

    @staticmethod
    def _closing(
        dialog: WithdrawDialog | CustodyDialog, then: Callable[[Any], None] | None = None
    ) -> Callable[[Any], None]:
        """A success callback: ``dialog`` closes as saved (if still there), then ``then``."""

        def saved(result: Any) -> None:
            if shiboken6.isValid(dialog):
                dialog.saved()
            if then is not None:
                then(result)

        return saved

    def _in_dialog(
        self, dialog: WithdrawDialog | CustodyDialog, reference: str
    ) -> Callable[[Failure], None]:
        """A failure callback: in ``dialog`` while it is open, else in the banner."""

        def failed(failure: Failure) -> None:
            if isinstance(dialog, CustodyDialog) and failure.kind == "invalid":
                if shiboken6.isValid(dialog):
                    dialog.show_problems(failure.problems)
            elif shiboken6.isValid(dialog) and dialog.isVisible():
                dialog.show_error(failure.message)
            else:
                self._failed(failure.message, reference)

        return failed

    def export_copy(self) -> None:
        """Copy the selected exhibit into a chosen folder, checking its hash on the way."""
        row = self.selected_row()
        if row is None or self.reference is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self,
            self.tr("Export a copy of exhibit {0} to").format(row["exhibit"]),
            self._last_export_dir,
        )
        if not folder:
            return
        self._last_export_dir = folder
        reference, exhibit = self.reference, int(row["exhibit"])

        def done(target: str) -> None:
            text = self.tr("Exhibit {0} copied to {1} (SHA-256 checked).").format(exhibit, target)
            if not self._shows(reference):
                text = f"{reference}: {text}"
            self.banner.show_message(text, tone="info")

        op = Op(evidence.export_copy, db=self._db, reference=reference, exhibit=exhibit,
                folder=folder)  # fmt: skip
        op.where(Where.WORKER).label(self.tr("Exporting a copy"))
        op.success(self._alive(done)).failure(self._in_banner(reference)).run(self._runner)

    # --- custody -----------------------------------------------------------------------------

    def record_handover(self) -> None:
        """Open the hand-over dialog (the selected exhibit pre-selected); save on Save."""
        if self.reference is None:
            return
        exhibits = [(int(r["exhibit"]), str(r["original_name"])) for r in self.model.rows()]
        if self.custody_dialog is not None and shiboken6.isValid(self.custody_dialog):
            self.custody_dialog.deleteLater()
        dialog = CustodyDialog(exhibits, self.selected_exhibit(), self)
        self.custody_dialog = dialog
        dialog.submitted.connect(lambda values: self._save_custody(dialog, values))
        dialog.open()

    def _save_custody(self, dialog: CustodyDialog, values: dict[str, Any]) -> None:
        if self.reference is None:
            return
        reference = self.reference
        op = self._change(
            custody.record_handover,
            reference,
            exhibit=values["exhibit"],
            item=values["item"],
            from_party=values["from"],
            to_party=values["to"],
            at=values["at"],
            place=values["place"],
            purpose=values["purpose"],
            seal_number=values["seal_number"],
        )
        op.label(self.tr("Recording the hand-over"))
        op.success(self._closing(dialog)).failure(self._in_dialog(dialog, reference))
        op.run(self._runner)


__all__ = ["EvidenceTab"]
