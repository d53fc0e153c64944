"""Printing for the command line: JSON for scripts, aligned text for people."""

from __future__ import annotations

import json
import sys
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


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain text table; ``None`` shows as an empty cell."""
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = min(max(widths[i], len(value)), 60)
    line = "  ".join(h.ljust(widths[i]) for i, h in enumerate(headers))
    print(line.rstrip())
    for row in cells:
        print("  ".join(v[:60].ljust(widths[i]) for i, v in enumerate(row)).rstrip())


def print_fields(pairs: Sequence[tuple[str, object]]) -> None:
    width = max((len(k) for k, _ in pairs), default=0)
    for key, value in pairs:
        print(f"{key.ljust(width)}  {'' if value is None else value}")


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)
