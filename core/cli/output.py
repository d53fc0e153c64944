"""Printing for the command line: JSON for scripts, aligned text for people.

Text read from a declaration file or typed by someone else may hold terminal control
sequences (``ESC ] 0 ; title BEL`` retitles the window, ``ESC [ 2 J`` clears it) or
bidirectional overrides (U+202E shows ``gpj.exe`` as ``exe.jpg``). The store keeps such
text as given; what reaches a terminal shows each of these characters as a visible escape
(``\\x1b``, ``\\u202e``). JSON output stays valid and decodes to the exact stored text:
those characters are written as ``\\uXXXX`` escapes.
"""

from __future__ import annotations

import io
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any, TextIO

#: Bidirectional formatting characters that can reorder what a reader sees ("Trojan
#: Source", CVE-2021-42574), and the Unicode line and paragraph separators.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
#: Lone surrogates: bytes of a command-line argument that were not UTF-8; no stream can
#: encode them.
_SURROGATES = "\ud800-\udfff"
#: For one cell or field value: every control shows as an escape, newlines and tabs too
#: (C0, DEL and C1: CSI U+009B starts an escape sequence on its own).
_CELL = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_SURROGATES}]")
#: For whole lines of output: newlines and tabs are layout, the rest shows as an escape.
_STREAM = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_SURROGATES}]")
#: JSON escapes C0 itself; DEL, C1, the bidi characters and surrogates become ``\uXXXX``.
_JSON = re.compile(f"[\x7f-\x9f{_BIDI}{_SURROGATES}]")


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _json_escape(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def safe_text(text: str) -> str:
    """``text`` fit for one terminal cell or line: controls and bidi overrides as escapes."""
    return _CELL.sub(_escape, text)


def safe_lines(text: str) -> str:
    """``text`` fit for a terminal, keeping its newlines and tabs."""
    return _STREAM.sub(_escape, text)


class TerminalStream(io.TextIOBase):
    """A text stream that neutralises control characters in everything written to it.

    The commands print through it (``run`` installs it on stdout and stderr), so no
    command can send a stored value's control sequence to the terminal raw.
    """

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self.target = target

    def write(self, text: str) -> int:
        self.target.write(_STREAM.sub(_escape, text))
        return len(text)

    def flush(self) -> None:
        self.target.flush()

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.target, "encoding", "utf-8"))


def raw_stream(stream: TextIO) -> TextIO:
    """The stream under a :class:`TerminalStream` (progress bars draw with ``\\r``)."""
    return stream.target if isinstance(stream, TerminalStream) else stream


def ensure_utf8_streams() -> None:
    """Cyrillic, Chinese and Arabic must print even where the locale is not UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def json_text(data: Any) -> str:
    """``data`` as indented JSON text: exact, and safe for a terminal."""
    return _JSON.sub(_json_escape, json.dumps(data, ensure_ascii=False, indent=2))


def print_json(data: Any) -> None:
    sys.stdout.write(json_text(data))
    sys.stdout.write("\n")


MAX_CELL = 60


def display_width(text: str) -> int:
    """Terminal columns taken by ``text``: Chinese and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` columns, then pad it to exactly ``width``."""
    out, used = [], 0
    for c in text:
        w = display_width(c)
        if used + w > width:
            break
        out.append(c)
        used += w
    return "".join(out) + " " * (width - used)


def cell(value: object) -> str:
    """A value as one cell of output: ``None`` is empty; controls shown as escapes."""
    return "" if value is None else safe_text(str(value))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain text table; ``None`` shows as an empty cell; long cells are cut."""
    cells = [[cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = min(max(widths[i], display_width(value)), MAX_CELL)
    print("  ".join(_fit(h, widths[i]) for i, h in enumerate(headers)).rstrip())
    for row in cells:
        print("  ".join(_fit(v, widths[i]) for i, v in enumerate(row)).rstrip())


def print_fields(pairs: Sequence[tuple[str, object]]) -> None:
    """``key  value`` lines, keys aligned; each value on its one line."""
    width = max((len(k) for k, _ in pairs), default=0)
    for key, value in pairs:
        print(f"{key.ljust(width)}  {cell(value)}")


def warn(message: str) -> None:
    print(f"warning: {safe_text(message)}", file=sys.stderr)
