"""What a file is (from its content, never its name) and what can be read from it.

Derived data is a convenience cache, not evidence: EXIF capture time, GPS and
camera (Pillow), image size, PDF page count (pypdfium2) and a PNG thumbnail of
an image or of a PDF's first page. A file that cannot be read yields an error
text, never an exception.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import filetype

THUMBNAIL = (256, 256)
#: Larger images get no thumbnail: decoding them would take seconds and gigabytes.
MAX_PREVIEW_PIXELS = 60_000_000
_GPS_IFD = 0x8825
_EXIF_IFD = 0x8769


def sniff_mime(head: bytes) -> str:
    """The MIME type from the first bytes: magic numbers, then text, else octet-stream."""
    kind = filetype.guess(head)
    if kind is not None:
        return str(kind.mime)
    if head.startswith(b"%PDF"):
        return "application/pdf"
    if not head:
        return "application/x-empty"
    try:
        head.decode("utf-8")
        return "text/plain"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start >= len(head) - 3 and not any(b < 9 for b in head):
            return "text/plain"
    return "application/octet-stream"


_LIMITS = {"taken_at": 40, "camera": 200}


@dataclass
class Derived:
    taken_at: str | None = None
    gps_lat: float | None = None
    gps_lon: float | None = None
    camera: str | None = None
    width: int | None = None
    height: int | None = None
    page_count: int | None = None
    thumbnail_png: bytes | None = None
    error: str | None = None

    def clean(self) -> Derived:
        """Untrusted EXIF text without NULs or control characters, cut to the stored sizes."""
        for name, limit in _LIMITS.items():
            value = getattr(self, name)
            if value is not None:
                text = "".join(c for c in str(value) if c.isprintable()).strip()[:limit]
                setattr(self, name, text or None)
        if self.error is not None:
            self.error = self.error.replace("\x00", "")[:2000]
        return self


def _degrees(value: Any, ref: str | None) -> float | None:
    try:
        d, m, s = (float(Fraction(v)) if not isinstance(v, float) else v for v in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    result = d + m / 60 + s / 3600
    return -result if ref in ("S", "W") else result


def _png(image: Any) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def derive_image(data: bytes) -> Derived:
    """Size, EXIF facts and a thumbnail of an image; ``error`` says why some are missing.

    Never raises for what the bytes hold (truncated, noise, a decompression bomb).
    """
    # Pillow warns on stderr about odd EXIF and very large images; both are handled
    # here, and the ingest reports what matters in its own words.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _derive_image(data)


def _derive_image(data: bytes) -> Derived:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PREVIEW_PIXELS:
                # Sound but too large to decode for a thumbnail: not a sign of damage.
                return Derived(width=image.width, height=image.height)
            exif = image.getexif()
            derived = Derived(width=image.width, height=image.height)
            sub = exif.get_ifd(_EXIF_IFD)
            taken = sub.get(0x9003) or exif.get(0x0132)  # DateTimeOriginal, DateTime
            derived.taken_at = str(taken) if taken else None
            make, model = exif.get(0x010F), exif.get(0x0110)
            camera = " ".join(str(p).strip() for p in (make, model) if p)
            derived.camera = camera or None
            gps = exif.get_ifd(_GPS_IFD)
            if gps:
                lat, lon = _degrees(gps.get(2), gps.get(1)), _degrees(gps.get(4), gps.get(3))
                derived.gps_lat = None if lat is None else round(lat, 6)
                derived.gps_lon = None if lon is None else round(lon, 6)
            image.draft("RGB", THUMBNAIL)  # JPEG: decode at a reduced scale
            thumb = ImageOps.exif_transpose(image).convert("RGB")
            thumb.thumbnail(THUMBNAIL)
            derived.thumbnail_png = _png(thumb)
            return derived
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        return Derived(error=f"image not readable: {exc}")
    except Image.DecompressionBombError:
        return Derived()  # far too large to decode here; the bytes are stored as given


def derive_pdf(data: bytes) -> Derived:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        return Derived(error=f"PDF not readable: {exc}")
    try:
        derived = Derived(page_count=len(pdf))
        if len(pdf):
            page = pdf[0]
            image = page.render(scale=0.5).to_pil()
            image.thumbnail(THUMBNAIL)
            derived.thumbnail_png = _png(image.convert("RGB"))
            derived.width, derived.height = (int(v) for v in page.get_size())
        return derived
    except pypdfium2.PdfiumError as exc:
        return Derived(error=f"PDF not readable: {exc}")
    finally:
        pdf.close()


#: Larger files get no derived data (a thumbnail of a 2 GB video is not worth reading it).
MAX_DERIVE_BYTES = 64 * 1024 * 1024


def derive(mime: str, data: bytes) -> Derived | None:
    """Derived data for images and PDFs; ``None`` for other kinds. Never raises: a hostile
    or broken file (a decompression bomb, a malformed PDF) yields an error text."""
    try:
        if mime.startswith("image/"):
            return derive_image(data)
        if mime == "application/pdf":
            return derive_pdf(data)
    except Exception as exc:  # a cache must never block logging evidence
        return Derived(error=f"not readable: {type(exc).__name__}: {exc}")
    return None
