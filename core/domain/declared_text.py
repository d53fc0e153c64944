"""What was written, kept with a vehicle where the stored value does not say it all.

A declared cell is kept as text when it could not be read (the fact is unknown), when
a number was ambiguous (``1,234`` read as 1.234), when the inspector corrected it in
the import preview, or when a date is out of order with another. The texts live in
``Vehicle.declared_text`` as JSON (column -> cell), so nobody loses what was written.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from enum import StrEnum


class Issue(StrEnum):
    UNREADABLE = "unreadable"  # not read: the fact is unknown
    AMBIGUOUS = "ambiguous"  # read, but the separator may be a thousands separator
    CORRECTED = "corrected"  # the inspector corrected it before the import
    OUT_OF_ORDER = "out_of_order"  # a date out of order with another (DQ-DATE-ORDER)


@dataclass(frozen=True)
class WrittenCell:
    """One cell as written. ``reason`` says why it is kept (the reader's message)."""

    text: str
    issue: str
    reason: str = ""


def encode(cells: Mapping[str, WrittenCell]) -> str:
    """The stored form: ``""`` when nothing is kept, else JSON in column order."""
    if not cells:
        return ""
    return json.dumps(
        {name: asdict(cell) for name, cell in sorted(cells.items())},
        ensure_ascii=False,
        sort_keys=True,
    )


def decode(stored: str | None) -> dict[str, WrittenCell]:
    """The cells of a stored value (tolerant of an empty or hand-edited value)."""
    if not stored:
        return {}
    try:
        data = json.loads(stored)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    cells: dict[str, WrittenCell] = {}
    for name, cell in data.items():
        if isinstance(cell, dict) and isinstance(cell.get("text"), str):
            cells[str(name)] = WrittenCell(
                cell["text"], str(cell.get("issue", Issue.UNREADABLE)), str(cell.get("reason", ""))
            )
    return cells
