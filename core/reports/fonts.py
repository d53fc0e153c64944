"""Fonts for PDF reports: Latin/Cyrillic, Arabic and Chinese TTFs, embedded, never base-14.

ReportLab draws one font per text run, so :func:`markup` escapes user text and splits
it into runs by script, each in a font that has its glyphs. Arabic runs are shaped
(joined, right-to-left) by HarfBuzz through ReportLab's ``uharfbuzz`` support.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

import resources

BASE = "ZMSans"
BASE_BOLD = "ZMSans-Bold"
ARABIC = "ZMArabic"
ARABIC_BOLD = "ZMArabic-Bold"
CJK = "ZMCJK"
SYMBOLS = "ZMSymbols"
FILES = {
    BASE: "NotoSans-Regular.ttf",
    BASE_BOLD: "NotoSans-Bold.ttf",
    ARABIC: "NotoNaskhArabic-Regular.ttf",
    ARABIC_BOLD: "NotoNaskhArabic-Bold.ttf",
    CJK: "DroidSansFallback-GB2312.ttf",
    SYMBOLS: "DejaVuSans-Symbols.ttf",
}

_registered = False
_base_chars: frozenset[int] = frozenset()
# Arabic (with presentation forms) and CJK (ideographs, punctuation, full-width forms).
_RUNS = re.compile(
    r"([\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+"
    r"(?:[\s\d.,:;()\-]+[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]+)*)"
    r"|([\u2E80-\u2FFF\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+)"
)


def register() -> None:
    """Register the shipped fonts once per process."""
    global _registered, _base_chars
    if _registered:
        return
    for name, filename in FILES.items():
        path = str(resources.path("fonts", filename))
        pdfmetrics.registerFont(TTFont(name, path, shapable=True))
    _base_chars = frozenset(pdfmetrics.getFont(BASE).face.charToGlyph)
    addMapping(BASE, 0, 0, BASE)
    addMapping(BASE, 1, 0, BASE_BOLD)
    addMapping(BASE, 0, 1, BASE)
    addMapping(BASE, 1, 1, BASE_BOLD)
    addMapping(ARABIC, 0, 0, ARABIC)
    addMapping(ARABIC, 1, 0, ARABIC_BOLD)
    addMapping(CJK, 0, 0, CJK)
    addMapping(CJK, 1, 0, CJK)
    _registered = True


def markup(text: object, *, bold: bool = False) -> str:
    """User text as safe Paragraph markup: ``<``, ``>``, ``&`` escaped, scripts in their fonts."""
    if text is None:
        return ""
    out: list[str] = []
    position = 0
    raw = str(text)
    for match in _RUNS.finditer(raw):
        out.append(_with_symbols(raw[position : match.start()]))
        if match.group(1):
            font = ARABIC_BOLD if bold else ARABIC
            out.append(f'<font name="{font}">{escape(match.group(1))}</font>')
        else:
            out.append(f'<font name="{CJK}">{escape(match.group(2))}</font>')
        position = match.end()
    out.append(_with_symbols(raw[position:]))
    return "".join(out).replace("\n", "<br/>")


def _with_symbols(text: str) -> str:
    """Escape ``text``; characters the base font lacks (arrows, ≤) go to the symbol font."""
    if not _base_chars or all(ord(c) in _base_chars or c == "\n" for c in text):
        return escape(text)
    parts = []
    for char in text:
        if ord(char) in _base_chars or char == "\n":
            parts.append(escape(char))
        else:
            parts.append(f'<font name="{SYMBOLS}">{escape(char)}</font>')
    return "".join(parts)


def has_rtl(text: str) -> bool:
    return bool(re.search(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]", text))
