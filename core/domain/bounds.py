"""The bounds of every stored value, read from the column types: the one place they live.

A value outside these bounds could be typed, or read from a declaration file, but not
stored (PostgreSQL refuses it) or not stored faithfully (SQLite keeps ``inf`` or a
10,000-character name that the reports must then cope with). Every input path checks
values here before a write, and a final check runs on every record at flush time, so a
value outside its column is refused with one clear line naming the field.

- ``String(n)`` holds at most ``n`` characters.
- ``Text`` is unbounded in SQL. A ``Text`` column people type into is marked
  :data:`TYPED` and takes :data:`TEXT_LIMIT` characters; text the program writes itself
  (validation reports, findings, audit values) is never cut or refused.
- ``Numeric(p, s)`` holds finite values with ``|x| < 10**(p - s)`` once rounded to ``s``
  decimals (the database rounds first).
- ``Integer`` holds ``-2**31 .. 2**31 - 1``; ``BigInteger`` ``-2**63 .. 2**63 - 1``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

#: Free text (notes, descriptions, reasons): long enough for a full inspection report.
TEXT_LIMIT = 20_000
#: ``sa_column_kwargs`` of a ``Text`` column people type into: it takes TEXT_LIMIT.
TYPED: dict[str, Any] = {"info": {"typed_text": True}}
INT_MAX = 2**31 - 1
BIGINT_MAX = 2**63 - 1


@dataclass(frozen=True)
class Bound:
    """What a column holds. ``max_chars`` for text; ``below`` (exclusive) for numbers."""

    field: str
    max_chars: int | None = None
    below: Decimal | int | None = None
    scale: int | None = None

    def problem(self, value: object) -> str | None:
        """Why ``value`` does not fit, as a short user-facing phrase; ``None`` if it fits."""
        if value is None:
            return None
        if isinstance(value, str):
            if self.max_chars is not None and len(value) > self.max_chars:
                return f"is {len(value):,} characters long; at most {self.max_chars:,} allowed"
            return None
        if isinstance(value, bool) or self.below is None:
            return None
        if not isinstance(value, int | float | Decimal):
            return None
        number = Decimal(value)
        if not number.is_finite():
            return f"{value} is not a finite number"
        kept = number
        if self.scale is not None and abs(number) < Decimal(self.below):
            kept = number.quantize(Decimal(1).scaleb(-self.scale))  # as the column keeps it
        if abs(kept) >= Decimal(self.below):
            return f"{_short(number)} is too large (at most {_largest(self.below, self.scale)})"
        return None


def _short(value: Decimal) -> str:
    text = f"{value:,}"
    return text if len(text) <= 30 else f"{value:.3e}"


def _largest(below: Decimal | int, scale: int | None) -> str:
    if scale:
        step = Decimal(1).scaleb(-scale)
        return f"{Decimal(below) - step:,}"
    return f"{int(below) - 1:,}"


def bound_of(column: sa.Column[Any]) -> Bound:
    """The bound implied by one column's type."""
    kind = column.type
    if isinstance(kind, sa.String) and not isinstance(kind, sa.Enum):
        if kind.length is None and not column.info.get("typed_text"):
            return Bound(column.key)  # written by the program: kept whole
        return Bound(column.key, max_chars=kind.length or TEXT_LIMIT)
    if isinstance(kind, sa.Numeric) and not isinstance(kind, sa.Float):
        if kind.precision is not None:
            scale = kind.scale or 0
            return Bound(column.key, below=Decimal(10) ** (kind.precision - scale), scale=scale)
        return Bound(column.key)
    if isinstance(kind, sa.BigInteger):
        return Bound(column.key, below=BIGINT_MAX + 1)
    if isinstance(kind, sa.Integer):
        return Bound(column.key, below=INT_MAX + 1)
    return Bound(column.key)


_BY_TABLE: dict[type[Any], dict[str, Bound]] = {}


def bounds_of(table: type[Any]) -> dict[str, Bound]:
    """Every column's bound of a mapped table class, by attribute name (do not mutate)."""
    found = _BY_TABLE.get(table)
    if found is None:
        mapped: sa.Table = table.__table__
        found = _BY_TABLE[table] = {c.key: bound_of(c) for c in mapped.columns}
    return found


def bound(table: type[Any], field: str) -> Bound:
    """The bound of ``table.field``; ``KeyError`` if it is not a column."""
    return bounds_of(table)[field]


def check(table: type[Any], field: str, value: object) -> None:
    """Raise ``ValueError`` (a short reason) if ``value`` does not fit ``table.field``."""
    reason = bound(table, field).problem(value)
    if reason is not None:
        raise ValueError(reason)
