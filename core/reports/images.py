"""Image exhibits made safe to draw: any stored bytes give a picture or a reason.

Evidence is stored as given, so an image exhibit may be truncated, not an image at all,
a decompression bomb, or in a mode a PDF cannot take (CMYK, 16-bit, palette with
transparency). :func:`prepare` turns the bytes into a small RGB JPEG, or says in a
:class:`NotRendered` why it cannot, so the case file prints a placeholder instead of
failing. Nothing here changes the stored exhibit.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

#: The longest side of the drawn copy, in pixels (ample for a page at print quality).
LONGEST_SIDE = 1600
#: The most pixels decoded for one image (JPEG after its reduced-scale decoding); a
#: larger picture is a placeholder, so a tiny file claiming huge dimensions cannot take
#: the export's memory.
MAX_PIXELS = 60_000_000
#: Modes whose samples are wider than 8 bits: drawn at 1/256 (16 bits to 8, as a viewer would).
_WIDE_MODES = ("I;16", "I;16B", "I;16L", "I;16N", "I")


@dataclass(frozen=True)
class Drawable:
    """A JPEG copy of the image, ready to embed, and its size in pixels."""

    jpeg: bytes
    width: int
    height: int


@dataclass(frozen=True)
class NotRendered:
    """Why an image could not be drawn: ``reason`` is a key of
    :data:`core.reports.i18n.TEXT` (``image_truncated``, …) filled with ``values``;
    ``detail`` is the decoder's own words (English), or empty."""

    reason: str
    values: dict[str, object]
    detail: str = ""


def too_big_file(limit: int) -> NotRendered:
    """An image exhibit too large (in bytes) to be read into the case file at all."""
    return NotRendered("image_file_too_large", {"mb": limit // (1024 * 1024)})


def prepare(data: bytes) -> Drawable | NotRendered:
    """``data`` as a drawable JPEG no larger than :data:`LONGEST_SIDE`, or why not.

    Never raises for any content: every decoder error becomes a :class:`NotRendered`.
    """
    if not data:
        return NotRendered("image_empty", {})
    try:
        return _prepare(data)
    except _TooManyPixels as exc:
        return NotRendered("image_too_large", {"width": exc.width, "height": exc.height})
    except UnidentifiedImageError:
        return NotRendered("image_unreadable", {})
    except PILImage.DecompressionBombError:
        return NotRendered("image_too_large_bomb", {})
    except OSError as exc:
        if "truncated" in str(exc) or "broken data stream" in str(exc):
            return NotRendered("image_truncated", {}, _detail(exc))
        return NotRendered("image_damaged", {}, _detail(exc))
    # Decoders of untrusted bytes fail in many ways (SyntaxError, ValueError, struct.error,
    # EOFError, MemoryError…); any of them must become a placeholder, not a failed export.
    except Exception as exc:
        return NotRendered("image_damaged", {}, _detail(exc))


class _TooManyPixels(Exception):
    def __init__(self, width: int, height: int) -> None:
        super().__init__(f"{width}×{height}")
        self.width, self.height = width, height


def _detail(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _prepare(data: bytes) -> Drawable:
    with warnings.catch_warnings():
        # Pillow warns for big or odd images; the pixel limit below decides instead.
        warnings.simplefilter("ignore")
        with PILImage.open(io.BytesIO(data)) as img:
            if img.format == "JPEG":
                img.draft("RGB", (LONGEST_SIDE, LONGEST_SIDE))  # decode at a reduced scale
            width, height = img.size
            if width * height > MAX_PIXELS:
                raise _TooManyPixels(width, height)
            img.load()
            picture = _upright(img)
            picture = _to_rgb(picture)
            picture.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
            out = io.BytesIO()
            picture.save(out, format="JPEG", quality=85)
            return Drawable(out.getvalue(), picture.width, picture.height)


def _upright(img: PILImage.Image) -> PILImage.Image:
    """The picture turned as its EXIF orientation says (as it was seen); unchanged when
    the EXIF data cannot be read."""
    try:
        turned = ImageOps.exif_transpose(img)
    except Exception:  # a damaged EXIF block must not hide a readable picture
        return img
    return turned if turned is not None else img


def _to_rgb(img: PILImage.Image) -> PILImage.Image:
    """8-bit RGB: wide samples scaled, transparency laid on white, other modes converted."""
    if img.mode in _WIDE_MODES:
        img = img.convert("I").point(lambda v: v / 256).convert("L")
    elif img.mode == "F":
        img = img.convert("L")
    if img.mode == "P":
        img = img.convert("RGBA")
    if img.mode in ("RGBA", "LA", "PA", "La", "RGBa"):
        rgba = img.convert("RGBA")
        white = PILImage.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return img if img.mode == "RGB" else img.convert("RGB")
