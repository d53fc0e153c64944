"""The preview pane of the Evidence tab: the picture or the PDF, and what is known about it.

The pane never touches the store. Its owner reads an exhibit's bytes (an op running
``core.services.evidence.read_blob``) and hands them over with :meth:`EvidencePreview.show_exhibit`
as plain data: the exhibit's row (``core.services.views.evidence_row``), the
cached derived data (EXIF time, GPS, camera, pixels, pages) and the bytes, or
``None`` when there is nothing to show but the metadata.

Images are decoded with Qt (EXIF orientation applied) and scaled to fit; PDFs are
shown with QtPdf from an in-memory buffer, so no copy of an exhibit is ever
written to a temporary file. Other types show their metadata only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QPointF, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QImage,
    QImageReader,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui import palette
from gui.widgets import tint

#: Larger images are decoded scaled down to this many pixels on their longer side.
MAX_DECODED_SIDE = 2560

#: What the pane shows in its upper part.
MESSAGE, IMAGE, PDF = "message", "image", "pdf"


class Decoded(NamedTuple):
    """An image decoded from an exhibit's bytes, or why it could not be (``image`` null)."""

    image: QImage
    error: str


def decode_image(*, data: bytes) -> Decoded:
    """Decode ``data`` as the camera meant it (EXIF orientation applied); an image larger
    than :data:`MAX_DECODED_SIDE` is decoded at that size (fast, and light on memory).
    Touches no widget: safe off the GUI thread."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    full = reader.size()
    if full.isValid() and max(full.width(), full.height()) > MAX_DECODED_SIDE:
        side = MAX_DECODED_SIDE
        reader.setScaledSize(full.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    error = reader.errorString() if image.isNull() else ""
    buffer.close()
    return Decoded(image, error)


class ScaledImage(QLabel):
    """A picture scaled to the label's size, keeping its proportions (never upscaled)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._original = QPixmap()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(QSize(80, 80))

    def set_image(self, pixmap: QPixmap) -> None:
        self._original = pixmap
        self._rescale()

    def original(self) -> QPixmap:
        return self._original

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._original.isNull():
            self.clear()
            return
        ratio = self.devicePixelRatioF()
        target = self.size() * ratio
        if self._original.width() <= target.width() and self._original.height() <= target.height():
            shown = QPixmap(self._original)
        else:
            shown = self._original.scaled(
                target,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        shown.setDevicePixelRatio(ratio)
        self.setPixmap(shown)


def local_time(iso: str | None) -> str:
    """A stored UTC time (ISO 8601) as the workstation's local ``YYYY-MM-DD HH:MM``."""
    if not iso:
        return ""
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def exif_time(text: str | None) -> str:
    """EXIF writes ``2026:02:14 10:35:12``; show ``2026-02-14 10:35:12``."""
    if not text:
        return ""
    day, _, time = text.partition(" ")
    return f"{day.replace(':', '-')} {time}".strip()


class EvidencePreview(QWidget):
    """Shows one exhibit. ``mode`` says what is shown: ``image``, ``pdf`` or ``message``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = MESSAGE
        self._buffer: QBuffer | None = None

        self.title = QLabel(self)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setMargin(6)
        tint(self.warning, palette.ERROR_BACKGROUND)
        self.warning.hide()

        self.stack = QStackedWidget(self)
        self.message = QLabel(self.tr("Select an exhibit to preview it."))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.image = ScaledImage()
        self.image.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.image.setAccessibleName(self.tr("Image preview"))
        self.pdf = QPdfDocument(self)
        self.pdf_view = QPdfView()
        self.pdf_view.setDocument(self.pdf)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # With scroll bars "as needed", fit-to-width can make the vertical bar appear and
        # disappear for ever (each changes the width); keep them fixed.
        self.pdf_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.pdf_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pdf_view.setAccessibleName(self.tr("PDF preview"))
        self.pdf_view.pageNavigator().currentPageChanged.connect(self._page_changed)
        for page in (self.message, self.image, self.pdf_view):
            self.stack.addWidget(page)
        self.pages = QLabel(self)
        self.pages.hide()

        # What is known about the exhibit; rows without a value are hidden.
        self._values: dict[str, QLabel | QLineEdit] = {}
        details = QWidget()
        self.form = QFormLayout(details)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label in (
            ("mime_type", self.tr("Type")),
            ("size", self.tr("Size")),
            ("sha256", "SHA-256"),
            ("pixels", self.tr("Pixels")),
            ("pages", self.tr("Pages")),
            ("taken_at", self.tr("Taken (EXIF)")),
            ("camera", self.tr("Camera")),
            ("gps", self.tr("GPS")),
            ("kind", self.tr("Kind")),
            ("description", self.tr("Description")),
            ("source", self.tr("Obtained from")),
            ("obtained_date", self.tr("Obtained on")),
            ("obtained_by", self.tr("Obtained by")),
            ("logged", self.tr("Logged")),
            ("status", self.tr("Status")),
            ("derived_error", self.tr("Not readable")),
        ):
            value: QLabel | QLineEdit
            if key == "sha256":
                # A hash does not wrap: a read-only line scrolls, and copies it whole.
                value = QLineEdit()
                value.setReadOnly(True)
                value.setFrame(False)
                value.setFont(monospace(self.font()))
                value.setAccessibleName("SHA-256")
                value.setStyleSheet("QLineEdit { background: transparent; }")
            else:
                value = QLabel()
                value.setWordWrap(True)
                value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
                value.setTextInteractionFlags(
                    Qt.TextInteractionFlag.TextSelectableByMouse
                    | Qt.TextInteractionFlag.TextSelectableByKeyboard
                )
            self._values[key] = value
            self.form.addRow(label, value)
        scroll = QScrollArea(self)
        scroll.setWidget(details)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumHeight(120)
        self.details = scroll

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.warning)
        layout.addWidget(self.stack, 3)
        layout.addWidget(self.pages)
        layout.addWidget(scroll, 2)
        self.clear()

    # --- what the owner calls ------------------------------------------------------------------

    def clear(self, text: str | None = None) -> None:
        """Show nothing but ``text`` (default: an invitation to select an exhibit)."""
        self._unload_pdf()
        self.image.set_image(QPixmap())
        self.title.clear()
        self.warning.hide()
        self.pages.hide()
        self.message.setText(text or self.tr("Select an exhibit to preview it."))
        self._set_mode(MESSAGE)
        for key in self._values:
            self._set_value(key, "")

    def show_loading(self, row: dict[str, Any], derived: dict[str, Any] | None) -> None:
        """The metadata now; the picture or PDF follows with :meth:`show_exhibit`."""
        self.show_exhibit(row, derived, None, note=self.tr("Loading the preview…"))

    def show_exhibit(
        self,
        row: dict[str, Any],
        derived: dict[str, Any] | None,
        data: bytes | None,
        *,
        note: str | None = None,
        intact: bool = True,
        decoded: Decoded | None = None,
    ) -> None:
        """Show the exhibit ``row``: its image or PDF from ``data``, and its metadata.

        ``data`` None shows the metadata with ``note`` (or "no preview for this type").
        ``intact`` False (the owner found the bytes no longer match the exhibit's SHA-256)
        still shows them, under a warning. ``decoded`` is the image already decoded from
        ``data`` (off the GUI thread, :func:`decode_image`); else it is decoded here.
        """
        self._unload_pdf()
        self.image.set_image(QPixmap())
        self.pages.hide()
        self.title.setText(
            self.tr("Exhibit {0}: {1}").format(row.get("exhibit"), row.get("original_name"))
        )
        self._fill_details(row, derived or {})
        self.warning.hide()
        if data is not None and not intact:
            self.warning.setText(
                self.tr(
                    "The stored bytes of this exhibit do not match its SHA-256: the file was "
                    "altered or damaged. Run \u201cVerify integrity\u201d."
                )
            )
            self.warning.show()
        mime = str(row.get("mime_type") or "")
        if data is None:
            self.message.setText(note or self.tr("No preview for this type of file."))
            self._set_mode(MESSAGE)
        elif mime == "application/pdf":
            self._show_pdf(data)
        elif mime.startswith("image/"):
            self._show_image(data, derived or {}, decoded)
        else:
            self.message.setText(self.tr("No preview for this type of file."))
            self._set_mode(MESSAGE)

    def show_details(self, row: dict[str, Any], derived: dict[str, Any] | None) -> None:
        """Update the title and metadata of the exhibit shown, keeping its picture or PDF."""
        self.title.setText(
            self.tr("Exhibit {0}: {1}").format(row.get("exhibit"), row.get("original_name"))
        )
        self._fill_details(row, derived or {})

    def page_count(self) -> int:
        """Pages of the PDF shown (0 when no PDF is shown)."""
        return self.pdf.pageCount() if self.mode == PDF else 0

    # --- internals -----------------------------------------------------------------------------

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        page = {MESSAGE: self.message, IMAGE: self.image, PDF: self.pdf_view}[mode]
        self.stack.setCurrentWidget(page)

    def _show_image(self, data: bytes, derived: dict[str, Any], decoded: Decoded | None) -> None:
        image, error = decoded or decode_image(data=data)
        if image.isNull():
            thumb = derived.get("thumbnail_png")
            pixmap = QPixmap()
            if thumb and pixmap.loadFromData(thumb):
                self.image.set_image(pixmap)
                self.pages.setText(
                    self.tr("Thumbnail only: this image format cannot be shown here.")
                )
                self.pages.show()
                self._set_mode(IMAGE)
                return
            self.message.setText(self.tr("This image cannot be shown: {0}").format(error))
            self._set_mode(MESSAGE)
            return
        self.image.set_image(QPixmap.fromImage(image))
        self._set_mode(IMAGE)

    def _show_pdf(self, data: bytes) -> None:
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer  # the document reads from it while it is shown
        self.pdf.load(buffer)
        if self.pdf.status() == QPdfDocument.Status.Error or self.pdf.pageCount() == 0:
            self._unload_pdf()
            self.message.setText(self.tr("This PDF cannot be shown."))
            self._set_mode(MESSAGE)
            return
        self._set_mode(PDF)
        self.pdf_view.pageNavigator().jump(0, QPointF(0, 0))
        self._page_changed(self.pdf_view.pageNavigator().currentPage())
        self.pages.show()

    def _page_changed(self, page: int) -> None:
        if self.mode == PDF:
            self.pages.setText(self.tr("Page {0} of {1}").format(page + 1, self.pdf.pageCount()))

    def _unload_pdf(self) -> None:
        if self.pdf.status() != QPdfDocument.Status.Null:
            self.pdf.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    def _set_value(self, key: str, text: str) -> None:
        field = self._values[key]
        field.setText(text)
        if isinstance(field, QLineEdit):
            field.setCursorPosition(0)
        self.form.setRowVisible(field, bool(text))

    def value(self, key: str) -> str:
        """The text shown for metadata ``key`` (``mime_type``, ``pixels``, ``camera``…)."""
        return self._values[key].text()

    def _fill_details(self, row: dict[str, Any], derived: dict[str, Any]) -> None:
        locale = QLocale()
        size = int(row.get("size") or 0)
        sized = self.tr("{0} ({1} bytes)").format(
            locale.formattedDataSize(size), locale.toString(size)
        )
        width, height = derived.get("width"), derived.get("height")
        lat, lon = derived.get("gps_lat"), derived.get("gps_lon")
        pages = derived.get("page_count")
        status = row.get("status") or ""
        if status == "withdrawn":
            status_text = self.tr("withdrawn: {0}").format(row.get("withdrawn_reason") or "")
        elif status == "active":
            status_text = self.tr("active")
        else:
            status_text = str(status)
        logged = " · ".join(
            v for v in (str(row.get("logged_by") or ""), local_time(row.get("logged_at"))) if v
        )
        values = {
            "mime_type": str(row.get("mime_type") or ""),
            "size": sized,
            "sha256": str(row.get("sha256") or ""),
            "pixels": f"{width} × {height}"
            if width and height and "image/" in str(row.get("mime_type"))
            else "",
            "pages": locale.toString(int(pages)) if pages else "",
            "taken_at": exif_time(derived.get("taken_at")),
            "camera": str(derived.get("camera") or ""),
            "gps": f"{lat:.6f}, {lon:.6f}" if lat is not None and lon is not None else "",
            "kind": str(row.get("kind_name") or row.get("kind") or ""),
            "description": str(row.get("description") or ""),
            "source": str(row.get("source") or ""),
            "obtained_date": str(row.get("obtained_date") or ""),
            "obtained_by": str(row.get("obtained_by") or ""),
            "logged": logged,
            "status": status_text,
            "derived_error": str(derived.get("error") or ""),
        }
        for key, text in values.items():
            self._set_value(key, text)


def monospace(font: QFont) -> QFont:
    """The system's fixed-width font at the size of ``font`` (for hashes)."""
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if font.pointSizeF() > 0:
        mono.setPointSizeF(font.pointSizeF())
    return mono
