"""Printing for the command line: JSON for scripts, aligned text for people."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any


def ensure_utf8_streams() -> None:
    """Cyrillic, Chinese and Arabic must print even where the locale is not UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
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


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain text table; ``None`` shows as an empty cell; long cells are cut."""
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = min(max(widths[i], display_width(value)), MAX_CELL)
    print("  ".join(_fit(h, widths[i]) for i, h in enumerate(headers)).rstrip())
    for row in cells:
        print("  ".join(_fit(v, widths[i]) for i, v in enumerate(row)).rstrip())


def print_fields(pairs: Sequence[tuple[str, object]]) -> None:
    width = max((len(k) for k, _ in pairs), default=0)
    for key, value in pairs:
        print(f"{key.ljust(width)}  {'' if value is None else value}")


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)
