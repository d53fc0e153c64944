"""The Evidence tab of the case workspace: exhibits, preview, chain of custody, integrity.

- The exhibits table shows each exhibit's thumbnail (the core's cached derived data; an
  icon by MIME type otherwise), number, name, kind, size, status and SHA-256.
- Files dropped from the file manager (or chosen with "Add files…") are checked with
  the core's own checks (no folders, no links, no file over the limit), described once
  in a small dialog (kind guessed from the content, description, obtained from, on, by)
  and stored through the window's runner, off the GUI thread, with progress by bytes
  and a Cancel that stops even inside a large file. **Each file is stored in its own
  unit of work**: what was stored before a failure, a refusal or a cancel stays stored
  and is listed; the rest is named in the banner.
- The preview pane shows images and PDFs (QtPdf, from memory); other types show their
  metadata. Small blobs are read on the GUI thread, larger ones through the runner.
- Custody events of the case (or of the selected exhibit) are listed; "Record
  hand-over…" opens :class:`gui.custody_dialog.CustodyDialog`, saved through the runner.
- "Verify integrity" re-hashes the case's exhibits on the runner and names any altered
  exhibit; "Withdraw…" asks for a reason; "Export copy…" copies an exhibit out with a
  hash check.

No business logic lives here: every write and check is a ``core.services`` call inside
a runner work function that receives and returns plain data only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, cast

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QIcon,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core import jobs, settings
from core.errors import Cancelled, StoreError, UserFacingError, ValidationError
from core.evidence.sniff import sniff_mime
from core.persistence.store import Store
from core.persistence.unit_of_work import TransientConflict, reading, retrying, unit_of_work
from core.reference import load_reference
from core.services import cases, custody, evidence, views
from gui.custody_dialog import CustodyDialog
from gui.evidence_preview import MESSAGE, EvidencePreview, local_time, monospace
from gui.operations import OperationRunner, Work
from gui.rows_model import RowsModel
from gui.widgets import error_label, tint

Index = QModelIndex | QPersistentModelIndex

#: Blobs up to this size are read for the preview on the GUI thread; larger ones on the runner.
INLINE_PREVIEW_BYTES = 8 * 1024 * 1024
#: Larger blobs are not previewed (their metadata is shown; "Export copy…" opens them).
PREVIEW_LIMIT = 256 * 1024 * 1024
THUMBNAIL_SIZE = 48
ERROR_COLOUR = "#B00020"
OK_COLOUR = "#1B5E20"
ERROR_BACKGROUND = "#F8D7DA"
INFO_BACKGROUND = "#DCEBF7"


# --- plain-data helpers (no widgets; safe on the worker) -------------------------------------


def read_evidence(store: Store, reference: str) -> dict[str, Any]:
    """The case's exhibits (each with ``derived``: the cached EXIF, pages and thumbnail, or
    None) and its custody events, as plain data. A short read."""
    with reading(store) as session:
        return views.evidence_detail(session, cases.get_case(session, reference))


def read_blob(
    store: Store,
    sha256: str,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    size: int = 0,
) -> dict[str, Any] | None:
    """A blob's bytes for the preview: ``data``, and ``intact`` (whether they still match
    ``sha256``). None when ``cancelled`` says stop. Safe on the worker."""
    blobs = evidence.blob_store_for(store)
    digest = hashlib.sha256()
    parts: list[bytes] = []
    done = 0
    with reading(store) as session:
        for chunk in blobs.chunks(session, sha256):
            parts.append(chunk)
            digest.update(chunk)
            done += len(chunk)
            if progress is not None and size:
                progress(min(1000, done * 1000 // size), 1000)
            if cancelled is not None and cancelled():
                return None
    return {"data": b"".join(parts), "intact": digest.hexdigest() == sha256}


def document_kinds() -> list[tuple[str, str]]:
    """The evidence kinds (the reference's document types, as ``zeromile evidence kinds``):
    ``(code, name in the interface language)``."""
    try:
        types = load_reference().document_types
    except UserFacingError:
        return []
    russian = QLocale().language() == QLocale.Language.Russian
    return [(d["code"], d["name_ru"] if russian else d["name_en"]) for d in types]


#: Words in a file name that suggest a document type (checked in this order).
_NAME_HINTS = (
    ("deregistr", "cn_deregistration_certificate"),
    ("снят", "cn_deregistration_certificate"),
    ("registration", "cn_registration_certificate"),
    ("行驶证", "cn_registration_certificate"),
    ("登记证", "cn_registration_certificate"),
    ("odometer", "odometer_photo"),
    ("одометр", "odometer_photo"),
    ("invoice", "invoice"),
    ("инвойс", "invoice"),
    ("licen", "export_licence"),
    ("sbkts", "sbkts"),
    ("сбктс", "sbkts"),
    ("otts", "otts"),
    ("оттс", "otts"),
    ("epts", "epts"),
    ("эптс", "epts"),
    ("saso", "saso"),
    ("gcc", "gcc"),
    ("fmvss", "fmvss_label"),
    ("coc", "certificate_of_conformity"),
    ("conformity", "certificate_of_conformity"),
    ("letter", "manufacturer_letter"),
    ("письмо", "manufacturer_letter"),
)
#: Camera formats: at the desk, a photo is most often of the odometer.
_CAMERA_MIMES = ("image/jpeg", "image/heic", "image/heif")


def guess_kind(names: Sequence[str], mimes: Sequence[str], known: Sequence[str]) -> str | None:
    """A default kind for files described together: the one their names (or, failing that,
    their content type) suggest, if all files agree and it is a known kind; else None."""
    guesses = set()
    for name, mime in zip(names, mimes, strict=True):
        lowered = name.lower()
        guess = next((code for word, code in _NAME_HINTS if word in lowered), None)
        if guess is None and mime in _CAMERA_MIMES:
            guess = "odometer_photo"
        guesses.add(guess)
    if len(guesses) == 1:
        (only,) = guesses
        return only if only in known else None
    return None


def head_mime(path: Path, limit: int) -> str:
    """The MIME type from the file's first bytes (as the core will record it)."""
    try:
        with evidence.open_source(path, limit=limit) as source:
            return sniff_mime(source.read(8192))
    except (UserFacingError, OSError):
        return "application/octet-stream"


class _Metered(io.RawIOBase):
    """A source that reports how much was read and stops (``Cancelled``) when asked."""

    def __init__(
        self, source: BinaryIO, report: Callable[[int], None], cancelled: Callable[[], bool]
    ) -> None:
        super().__init__()
        self._source, self._report, self._cancelled = source, report, cancelled
        self._read = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self._cancelled():
            raise Cancelled()
        chunk = self._source.read(size)
        self._read += len(chunk)
        self._report(self._read)
        return chunk


def ingest_op(
    store: Store,
    actor: str,
    *,
    reference: str,
    files: Sequence[str],
    meta: dict[str, Any],
    limit: int,
) -> Work:
    """The work of storing ``files`` as the case's next exhibits, one unit of work per file.

    Runs on the worker; plain data in and out. Returns ``added`` (dicts: exhibit, name,
    sha256, same_content, warning: why the file may be damaged), ``failed`` ((name,
    message) pairs) and ``stopped`` (names not tried: after a cancel or a store error);
    a deadlock with another workstation is retried, then is a failure of that file.
    Progress is reported in thousandths of the total bytes; cancel stops inside a file,
    which is then not stored.
    """
    paths = [Path(f) for f in files]
    obtained = dt.date.fromisoformat(meta["obtained_date"]) if meta.get("obtained_date") else None

    def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
        blobs = evidence.blob_store_for(store)
        sizes = []
        for path in paths:
            try:
                sizes.append(path.stat().st_size)
            except OSError:
                sizes.append(0)
        total = max(sum(sizes), 1)
        added: list[dict[str, Any]] = []
        failed: list[tuple[str, str]] = []
        stopped: list[str] = []
        before = 0
        progress(0, 1000)
        for index, path in enumerate(paths):

            def report(read: int, before: int = before) -> None:
                progress(min(1000, (before + read) * 1000 // total), 1000)

            @retrying  # a deadlock with another workstation: the whole file again
            def store_one(path: Path = path, report: Callable[[int], None] = report) -> Any:
                with unit_of_work(store, actor=actor, reason="evidence logged") as session:
                    case = cases.get_case(session, reference)
                    with evidence.open_source(path, limit=limit) as raw:
                        return evidence.add_evidence(
                            session,
                            blobs,
                            case,
                            cast(BinaryIO, _Metered(raw, report, cancelled)),
                            original_name=path.name,
                            logged_by=actor,
                            kind=meta.get("kind"),
                            description=meta.get("description"),
                            obtained_from=meta.get("obtained_from"),
                            obtained_date=obtained,
                            obtained_by=meta.get("obtained_by"),
                            limit=limit,
                        )

            try:
                result = store_one()
                added.append(
                    {
                        "exhibit": result.item.exhibit_no,
                        "name": result.item.original_name,
                        "sha256": result.item.sha256,
                        "same_content": list(result.same_content),
                        "warning": result.warning,
                    }
                )
            except Cancelled:
                stopped = [p.name for p in paths[index:]]
                break
            except TransientConflict as exc:  # still colliding after the retries: not gone
                failed.append((path.name, str(exc)))
            except StoreError as exc:  # the store is gone: do not try the others
                failed.append((path.name, str(exc)))
                stopped = [p.name for p in paths[index + 1 :]]
                break
            except UserFacingError as exc:
                failed.append((path.name, str(exc)))
            before += sizes[index]
        progress(1000, 1000)
        return {"added": added, "failed": failed, "stopped": stopped}

    return work


# --- icons -----------------------------------------------------------------------------------

_ICON_FAMILIES = (
    ("application/pdf", "PDF", "#C62828"),
    ("image/", "IMG", "#2E7D32"),
    ("video/", "VID", "#6A1B9A"),
    ("audio/", "AUD", "#6A1B9A"),
    ("text/", "TXT", "#455A64"),
    ("application/zip", "ZIP", "#795548"),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml", "XLS", "#1B5E20"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml", "DOC", "#0D47A1"),
)
_icon_cache: dict[str, QIcon] = {}


def mime_icon(mime: str) -> QIcon:
    """The desktop theme's icon for ``mime``, else a drawn page with a short type label."""
    tag, colour = next(
        ((t, c) for prefix, t, c in _ICON_FAMILIES if mime.startswith(prefix)), ("FILE", "#616161")
    )
    if tag in _icon_cache:
        return _icon_cache[tag]
    from PySide6.QtCore import QMimeDatabase

    kind = QMimeDatabase().mimeTypeForName(mime)
    themed = QIcon.fromTheme(kind.iconName()) if kind.isValid() else QIcon()
    if themed.isNull() and kind.isValid():
        themed = QIcon.fromTheme(kind.genericIconName())
    if not themed.isNull():
        _icon_cache[tag] = themed
        return themed
    size = THUMBNAIL_SIZE
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    page = QRectF(size * 0.18, size * 0.06, size * 0.64, size * 0.88)
    painter.setPen(QPen(QColor("#9E9E9E"), 1.5))
    painter.setBrush(QColor("#FFFFFF"))
    painter.drawRoundedRect(page, 3, 3)
    band = QRectF(page.left() - size * 0.08, size * 0.55, page.width() + size * 0.16, size * 0.24)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(band, 2, 2)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.18))
    painter.setFont(font)
    painter.setPen(QColor("#FFFFFF"))
    painter.drawText(band, Qt.AlignmentFlag.AlignCenter, tag)
    painter.end()
    _icon_cache[tag] = QIcon(pixmap)
    return _icon_cache[tag]


# --- the exhibits model ----------------------------------------------------------------------


class ExhibitsModel(QAbstractTableModel):
    """The case's exhibits as plain rows (``read_evidence``), one per line.

    Column 0 carries the thumbnail (or the MIME icon) as its decoration; ``Qt.UserRole``
    of any cell is the exhibit number. Withdrawn exhibits are greyed and struck out;
    exhibits found altered by the last verification are red and say ALTERED.
    """

    COLUMNS = ("exhibit", "original_name", "kind", "size", "status", "sha256")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._kind_names: dict[str, str] = {}
        self._icons: dict[int, QIcon] = {}
        self._thumbnails: set[int] = set()
        self._altered: set[int] = set()
        self._mono: QFont | None = None

    # rows ---------------------------------------------------------------------------------

    def set_rows(self, rows: list[dict[str, Any]], kind_names: dict[str, str]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._kind_names = dict(kind_names)
        self._icons.clear()
        self._thumbnails.clear()
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
        self._icon(index)
        return index in self._thumbnails

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
                return QColor(ERROR_COLOUR)
            if withdrawn:
                return QColor("#808080")
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
        icon = self._icons.get(index)
        if icon is None:
            row = self._rows[index]
            png = (row.get("derived") or {}).get("thumbnail_png")
            pixmap = QPixmap()
            if png and pixmap.loadFromData(png):
                icon = QIcon(pixmap)
                self._thumbnails.add(index)
            else:
                icon = mime_icon(str(row.get("mime_type") or ""))
            self._icons[index] = icon
        return icon


# --- small dialogs ---------------------------------------------------------------------------


class IngestDialog(QDialog):
    """Asks once, for all files of a drop, what they are: kind, description, obtained
    from, on and by. ``values()`` gives plain data for :func:`ingest_op`."""

    def __init__(
        self,
        names: Sequence[str],
        kinds: Sequence[tuple[str, str]],
        guessed: str | None,
        *,
        obtained_from: str = "",
        obtained_by: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add evidence"))
        shown = ", ".join(names[:5])
        if len(names) > 5:
            shown += " " + self.tr("and {0} more").format(len(names) - 5)
        self.files = QLabel(self.tr("Files ({0}): {1}").format(len(names), shown), self)
        self.files.setWordWrap(True)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("(not set)"), None)
        for code, name in kinds:
            self.kind.addItem(name, code)
        self.guess_note = QLabel(self)
        if guessed is not None and self.kind.findData(guessed) >= 0:
            self.kind.setCurrentIndex(self.kind.findData(guessed))
            self.guess_note.setText(self.tr("guessed from the file"))
        self.description = QLineEdit(self)
        self.description.setPlaceholderText(self.tr("What the file shows"))
        self.obtained_from = QLineEdit(obtained_from, self)
        self.obtained_from.setPlaceholderText(self.tr("From whom or where, e.g. the declarant"))
        self.date_known = QCheckBox(self.tr("known"), self)
        self.date_known.setChecked(True)
        self.obtained_on = QDateEdit(QDate.currentDate(), self)
        self.obtained_on.setCalendarPopup(True)
        self.obtained_on.setDisplayFormat("yyyy-MM-dd")
        self.obtained_on.setMaximumDate(QDate.currentDate())
        self.date_known.toggled.connect(self.obtained_on.setEnabled)
        self.obtained_by = QLineEdit(obtained_by, self)

        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind, 1)
        kind_row.addWidget(self.guess_note)
        date_row = QHBoxLayout()
        date_row.addWidget(self.obtained_on, 1)
        date_row.addWidget(self.date_known)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._buddy(self.tr("&Kind"), self.kind), kind_row)
        form.addRow(self._buddy(self.tr("&Description"), self.description), self.description)
        form.addRow(self._buddy(self.tr("Obtained &from"), self.obtained_from), self.obtained_from)
        form.addRow(self._buddy(self.tr("Obtained &on"), self.obtained_on), date_row)
        form.addRow(self._buddy(self.tr("Obtained &by"), self.obtained_by), self.obtained_by)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button: QPushButton = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Add"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        self.description.setFocus()

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    def values(self) -> dict[str, Any]:
        """``kind``, ``description``, ``obtained_from``, ``obtained_date`` (ISO), ``obtained_by``;
        None for what was left empty."""
        return {
            "kind": self.kind.currentData(),
            "description": self.description.text().strip() or None,
            "obtained_from": self.obtained_from.text().strip() or None,
            "obtained_date": self.obtained_on.date().toString("yyyy-MM-dd")
            if self.date_known.isChecked()
            else None,
            "obtained_by": self.obtained_by.text().strip() or None,
        }


class WithdrawDialog(QDialog):
    """Asks why an exhibit is withdrawn (required). Stays open while the owner saves:
    ``submitted(reason)``, then the owner calls ``saved()`` or ``show_error(message)``."""

    submitted = Signal(str)

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Withdraw an exhibit"))
        text = QLabel(
            self.tr(
                "Withdraw {0}? It stays stored and listed, marked withdrawn, with your reason."
            ).format(label),
            self,
        )
        text.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Why is it withdrawn?"))
        self.error = error_label()
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setMargin(6)
        tint(self.banner, ERROR_BACKGROUND)
        self.banner.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button: QPushButton = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Withdraw"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        reason_box = QVBoxLayout()
        reason_box.addWidget(self.reason)
        reason_box.addWidget(self.error)
        label_widget = QLabel(self.tr("&Reason"), self)
        label_widget.setBuddy(self.reason)
        form.addRow(label_widget, reason_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())
        self.reason.setFocus()

    def submit(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            self.error.setText(self.tr("A reason is required to withdraw evidence."))
            self.error.show()
            self.reason.setFocus()
            return
        self.error.hide()
        self.banner.hide()
        self.ok_button.setEnabled(False)
        self.submitted.emit(reason)

    def saved(self) -> None:
        self.ok_button.setEnabled(True)
        self.accept()

    def show_error(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        self.banner.setText(message)
        self.banner.show()


class Banner(QFrame):
    """A message across the tab (what was added, what was refused, a store error)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss = QToolButton(self)
        self.dismiss.setText("×")
        self.dismiss.setAutoRaise(True)
        self.dismiss.setToolTip(self.tr("Dismiss"))
        self.dismiss.setAccessibleName(self.tr("Dismiss"))
        self.dismiss.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, *, error: bool) -> None:
        tint(self, ERROR_BACKGROUND if error else INFO_BACKGROUND)
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()


# --- the tab ---------------------------------------------------------------------------------


class EvidenceTab(QWidget):
    """The exhibits of one case with preview, custody, verification, withdrawal and export.

    The owner calls :meth:`show_case` (None: nothing shown, tab disabled). ``changed``
    fires after this tab changed the store (exhibits added or withdrawn, a hand-over
    recorded, a verification recorded), so other views can refresh.
    """

    changed = Signal()

    def __init__(
        self, store: Store, runner: OperationRunner, actor: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store, self._runner, self._actor = store, runner, actor
        self.reference: str | None = None
        self._custody_rows: list[dict[str, Any]] = []
        self._preview_token = 0
        self._last_export_dir = ""
        self._last_meta: dict[str, Any] = {}
        self._refused: list[str] = []
        self._previewed: tuple[int, str] | None = None  # (exhibit, sha256) whose bytes show
        self.ingest_dialog: IngestDialog | None = None
        self.withdraw_dialog: WithdrawDialog | None = None
        self.custody_dialog: CustodyDialog | None = None
        self.setAcceptDrops(True)

        self.banner = Banner(self)

        # Exhibits
        self.add_button = QPushButton(self.tr("&Add files…"), self)
        self.add_button.setToolTip(self.tr("Choose files to add as exhibits (or drop them here)"))
        self.add_button.clicked.connect(self.choose_files)
        self.withdraw_button = QPushButton(self.tr("&Withdraw…"), self)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.export_button = QPushButton(self.tr("E&xport copy…"), self)
        self.export_button.setToolTip(self.tr("Copy the exhibit to a folder, checking its hash"))
        self.export_button.clicked.connect(self.export_copy)
        self.verify_button = QPushButton(self.tr("Ver&ify integrity"), self)
        self.verify_button.setToolTip(self.tr("Re-hash every exhibit of the case"))
        self.verify_button.clicked.connect(self.verify)
        self.verify_result = QLabel(self)
        self.verify_result.setWordWrap(True)
        self.verify_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_result.hide()

        self.model = ExhibitsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Exhibits"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setIconSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(THUMBNAIL_SIZE + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMaximumSectionSize(240)  # a long kind name is elided, not the file name
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.drop_hint = QLabel(self.tr("Drop files here to add them as exhibits."), self)
        self.drop_hint.setWordWrap(True)
        self.drop_hint.setEnabled(False)  # drawn greyed: a hint, not content

        # Custody
        self.custody_title = QLabel(self.tr("Chain of custody"), self)
        bold = self.custody_title.font()
        bold.setBold(True)
        self.custody_title.setFont(bold)
        self.only_selected = QCheckBox(self.tr("&Limit to the selected exhibit"), self)
        self.only_selected.toggled.connect(self._filter_custody)
        self.handover_button = QPushButton(self.tr("&Record hand-over…"), self)
        self.handover_button.clicked.connect(self.record_handover)
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
        self.custody_table = QTableView(self)
        self.custody_table.setModel(self.custody)
        self.custody_table.setAccessibleName(self.tr("Custody events"))
        self.custody_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.custody_table.setAlternatingRowColors(True)
        self.custody_table.verticalHeader().hide()
        self.custody_table.horizontalHeader().setStretchLastSection(True)
        self.custody_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.custody_table.horizontalHeader().setMaximumSectionSize(280)  # full text as tip

        # Preview
        self.preview = EvidencePreview(self)

        # Layout
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.verify_button)
        exhibits_box = QWidget(self)
        exhibits_layout = QVBoxLayout(exhibits_box)
        exhibits_layout.setContentsMargins(0, 0, 0, 0)
        exhibits_layout.addLayout(buttons)
        exhibits_layout.addWidget(self.verify_result)
        exhibits_layout.addWidget(self.table, 1)
        exhibits_layout.addWidget(self.drop_hint)

        custody_bar = QHBoxLayout()
        custody_bar.addWidget(self.custody_title)
        custody_bar.addStretch(1)
        custody_bar.addWidget(self.only_selected)
        custody_bar.addWidget(self.handover_button)
        custody_box = QWidget(self)
        custody_layout = QVBoxLayout(custody_box)
        custody_layout.setContentsMargins(0, 0, 0, 0)
        custody_layout.addLayout(custody_bar)
        custody_layout.addWidget(self.custody_table, 1)

        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(exhibits_box)
        left.addWidget(custody_box)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 450])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        # Keyboard: the buttons, the exhibits, the custody controls and events, the preview.
        chain = [
            self.add_button,
            self.withdraw_button,
            self.export_button,
            self.verify_button,
            self.table,
            self.only_selected,
            self.handover_button,
            self.custody_table,
            self.preview.image,
            self.preview.pdf_view,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.table)
        self._update_actions()
        self.setEnabled(False)

    # --- showing a case --------------------------------------------------------------------

    def show_case(self, reference: str | None, data: dict[str, Any] | None = None) -> None:
        """Show the exhibits and custody of case ``reference`` (None: nothing).

        ``data`` is the case's evidence as ``views.evidence_detail`` gives it, when the
        caller read it already; otherwise it is read here (a short read). A new case opens
        with its first exhibit selected and previewed."""
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
            self.preview.clear()
            self.setEnabled(False)
            return
        if data is not None:
            self.fill(data, first=opened)
        else:
            self.refresh(first=opened)

    def refresh(self, select: int | None = None, *, first: bool = False) -> None:
        """Read the case's evidence again and show it (see :meth:`fill`)."""
        if self.reference is None:
            return
        try:
            data = read_evidence(self._store, self.reference)
        except UserFacingError as exc:
            self.banner.show_message(str(exc), error=True)
            return
        self.fill(data, select=select, first=first)

    def fill(self, data: dict[str, Any], *, select: int | None = None, first: bool = False) -> None:
        """Show ``data`` as read by :func:`read_evidence` (on any thread, or in a worker
        process). Selects exhibit ``select``; else the one selected before (or, with
        ``first``, the first exhibit)."""
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

    # --- preview -----------------------------------------------------------------------------

    def _show_preview(self, row: dict[str, Any] | None) -> None:
        self._preview_token += 1
        if row is None:
            self._previewed = None
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
        self._previewed = None
        mime, size = str(row.get("mime_type") or ""), int(row.get("size") or 0)
        if not (mime.startswith("image/") or mime == "application/pdf"):
            self.preview.show_exhibit(shown, derived, None)
            return
        if size > PREVIEW_LIMIT:
            self.preview.show_exhibit(
                shown,
                derived,
                None,
                note=self.tr(
                    "Too large to preview here ({0}); use Export copy… to open it."
                ).format(QLocale().formattedDataSize(size)),
            )
            return
        if size <= INLINE_PREVIEW_BYTES:
            try:
                blob = read_blob(self._store, str(row["sha256"]))
            except UserFacingError as exc:
                self.preview.show_exhibit(shown, derived, None, note=str(exc))
                return
            assert blob is not None
            self.preview.show_exhibit(shown, derived, blob["data"], intact=blob["intact"])
            self._previewed = key
            return
        token, store, sha = self._preview_token, self._store, str(row["sha256"])
        self.preview.show_loading(shown, derived)

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            return read_blob(store, sha, progress, cancelled, size)

        def done(blob: dict[str, Any] | None) -> None:
            if token != self._preview_token or not shiboken6.isValid(self):
                return
            if blob is None:
                self.preview.show_exhibit(shown, derived, None, note=self.tr("Preview cancelled."))
                return
            self.preview.show_exhibit(shown, derived, blob["data"], intact=blob["intact"])
            self._previewed = key

        def failed(message: str) -> None:
            if token == self._preview_token and shiboken6.isValid(self):
                self.preview.show_exhibit(shown, derived, None, note=message)

        self._runner.run(self.tr("Loading the preview"), work, done, on_failure=failed)

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
        ask once what the others are, then store them through the runner."""
        if self.reference is None or not paths:
            return
        try:
            limit = settings.evidence_limit()
        except UserFacingError as exc:
            self.banner.show_message(str(exc), error=True)
            return
        accepted: list[Path] = []
        refused: list[str] = []
        for path in paths:
            try:
                evidence.check_source(path, limit=limit)
            except UserFacingError as exc:
                refused.append(str(exc))
            else:
                accepted.append(path)
        self._refused = refused
        if refused:
            self.banner.show_message(self._refused_text(), error=True)
        else:
            self.banner.hide()
        if not accepted:
            return
        kinds = document_kinds()
        guessed = guess_kind(
            [p.name for p in accepted],
            [head_mime(p, limit) for p in accepted],
            [code for code, _ in kinds],
        )
        if self.ingest_dialog is not None and shiboken6.isValid(self.ingest_dialog):
            self.ingest_dialog.deleteLater()
        dialog = IngestDialog(
            [p.name for p in accepted],
            kinds,
            guessed,
            obtained_from=self._last_meta.get("obtained_from") or "",
            obtained_by=self._last_meta.get("obtained_by") or self._actor,
            parent=self,
        )
        self.ingest_dialog = dialog
        dialog.accepted.connect(lambda: self._ingest(accepted, dialog.values(), limit))
        dialog.open()

    def _refused_text(self) -> str:
        return self.tr("Not added:") + "".join(f"\n\u2022 {r}" for r in self._refused)

    def _ingest(self, paths: Sequence[Path], meta: dict[str, Any], limit: int) -> None:
        if self.reference is None:
            return
        self._last_meta = meta
        work = ingest_op(
            self._store,
            self._actor,
            reference=self.reference,
            files=[str(p) for p in paths],
            meta=meta,
            limit=limit,
        )
        reference = self.reference
        self._runner.run(
            self.tr("Adding evidence files ({0})").format(len(paths)),
            work,
            lambda result: self._ingested(result, reference),
            on_failure=lambda message: self._failed(message, reference),
        )

    def _ingested(self, result: dict[str, Any], reference: str | None = None) -> None:
        added, failed, stopped = result["added"], result["failed"], result["stopped"]
        if not self._shows(reference):
            # Another case is on show now: its exhibits are not the ones added. Only a
            # problem is said, naming the case it happened to.
            if failed or stopped:
                names = [n for n, _ in failed] + list(stopped)
                self._failed(self.tr("Not added:") + " " + ", ".join(names), reference)
            if added:
                self.changed.emit()
            return
        parts = []
        if added:
            parts.append(
                self.tr("Added: {0}.").format(
                    ", ".join(
                        self.tr("exhibit {0} ({1})").format(a["exhibit"], a["name"]) for a in added
                    )
                )
            )
        for a in added:
            if a.get("warning"):
                parts.append(a["warning"])
            if a["same_content"]:
                parts.append(
                    self.tr("Exhibit {0} has the same content as exhibit {1}.").format(
                        a["exhibit"], ", ".join(str(n) for n in a["same_content"])
                    )
                )
        if failed:
            parts.append(self.tr("Not added:") + "".join(f"\n\u2022 {n}: {m}" for n, m in failed))
        if stopped:
            parts.append(self.tr("Stopped; not added: {0}").format(", ".join(stopped)))
        problem = bool(failed or stopped or self._refused)
        if self._refused:  # keep saying what the checks refused before the dialog
            parts.append(self._refused_text())
            self._refused = []
        self.banner.show_message("\n".join(parts), error=problem)
        self.refresh(select=added[-1]["exhibit"] if added else None)
        if added:
            self.changed.emit()

    def _shows(self, reference: str | None) -> bool:
        """Whether the case ``reference`` (None: whichever) is the one on show."""
        return reference is None or reference == self.reference

    def _failed(self, message: str, reference: str | None = None) -> None:
        """Say what failed in the banner; for a case no longer on show, name the case."""
        if shiboken6.isValid(self):
            if not self._shows(reference):
                message = f"{reference}: {message}"
            self.banner.show_message(message, error=True)

    # --- verify, withdraw, export --------------------------------------------------------------

    def verify(self) -> None:
        """Re-hash every exhibit of the case on the runner and show which, if any, changed."""
        if self.reference is None:
            return
        reference = self.reference
        kwargs = {"db": jobs.locator(self._store), "reference": reference,
                  "actor": self._actor}  # fmt: skip
        self.verify_result.hide()
        self._runner.run_job(
            self.tr("Verifying the evidence"),
            jobs.verify,
            kwargs,
            lambda result: self._verified(result, reference),
            on_failure=lambda message: self._failed(message, reference),
        )

    def _verified(self, result: dict[str, Any], reference: str | None = None) -> None:
        if not self._shows(reference):
            self.changed.emit()  # recorded in that case's history; nothing to show here
            return
        palette = self.verify_result.palette()
        if result["ok"]:
            text = self.tr("All hashes match. Exhibits checked: {0}.").format(result["checked"])
            palette.setColor(QPalette.ColorRole.WindowText, QColor(OK_COLOUR))
        else:
            text = self.tr("ALTERED: {0}").format(
                "; ".join(
                    self.tr("exhibit {0} {1}").format(f["exhibit"], f["name"])
                    for f in result["failures"]
                )
            )
            palette.setColor(QPalette.ColorRole.WindowText, QColor(ERROR_COLOUR))
        self.verify_result.setPalette(palette)
        self.verify_result.setText(text)
        self.verify_result.setToolTip(
            "\n".join(f"{f['exhibit']}: {f['problem']}" for f in result["failures"])
        )
        self.verify_result.show()
        self.model.set_altered({int(f["exhibit"]) for f in result["failures"]})
        self._previewed = None  # read the shown exhibit again: its bytes may have changed
        self.refresh()
        self.changed.emit()  # the check itself is recorded in the case's history

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
        store, actor, reference = self._store, self._actor, self.reference

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> None:
            with unit_of_work(store, actor=actor, reason=reason) as session:
                case = cases.get_case(session, reference)
                item = evidence.get_exhibit(session, case, exhibit)
                evidence.withdraw_evidence(session, item, reason=reason, actor=actor)

        def done(_: object) -> None:
            if shiboken6.isValid(dialog):
                dialog.saved()
            if self._shows(reference):  # exhibit numbers are the case's own
                self.refresh(select=exhibit)
            self.changed.emit()

        def failed(message: str) -> None:
            if shiboken6.isValid(dialog) and dialog.isVisible():
                dialog.show_error(message)
            else:
                self._failed(message, reference)

        self._runner.run(self.tr("Withdrawing the exhibit"), work, done, on_failure=failed)

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
        store, reference, exhibit = self._store, self.reference, int(row["exhibit"])

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> str:
            with reading(store) as session:
                case = cases.get_case(session, reference)
                item = evidence.get_exhibit(session, case, exhibit)
                target = evidence.export_evidence(
                    session, evidence.blob_store_for(store), case, item, Path(folder)
                )
            return str(target)

        def done(target: str) -> None:
            text = self.tr("Exhibit {0} copied to {1} (SHA-256 checked).").format(exhibit, target)
            if not self._shows(reference):
                text = f"{reference}: {text}"
            self.banner.show_message(text, error=False)

        def failed(message: str) -> None:
            self._failed(message, reference)

        self._runner.run(self.tr("Exporting a copy"), work, done, on_failure=failed)

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
        store, actor, reference = self._store, self._actor, self.reference

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            try:
                with unit_of_work(store, actor=actor) as session:
                    case = cases.get_case(session, reference)
                    item = (
                        evidence.get_exhibit(session, case, values["exhibit"])
                        if values["exhibit"] is not None
                        else None
                    )
                    event = custody.add_custody(
                        session,
                        case,
                        item=values["item"],
                        evidence=item,
                        from_party=values["from"],
                        to_party=values["to"],
                        at=dt.datetime.fromisoformat(values["at"]),
                        place=values["place"],
                        purpose=values["purpose"],
                        seal_number=values["seal_number"],
                        recorded_by=actor,
                    )
                    return {"outcome": "saved", "id": event.id}
            except ValidationError as exc:
                return {"outcome": "invalid", "problems": list(exc.problems)}

        def done(result: dict[str, Any]) -> None:
            if result["outcome"] == "invalid":
                if shiboken6.isValid(dialog):
                    dialog.show_problems(result["problems"])
                return
            if shiboken6.isValid(dialog):
                dialog.saved()
            if self._shows(reference):
                self.refresh()
            self.changed.emit()

        def failed(message: str) -> None:
            if shiboken6.isValid(dialog) and dialog.isVisible():
                dialog.show_error(message)
            else:
                self._failed(message, reference)

        self._runner.run(self.tr("Recording the hand-over"), work, done, on_failure=failed)


__all__ = [
    "EvidenceTab",
    "ExhibitsModel",
    "IngestDialog",
    "WithdrawDialog",
    "guess_kind",
    "ingest_op",
    "read_evidence",
]
