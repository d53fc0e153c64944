"""Inserting many rows at once, for bulk paths (imports, classification of big cases).

Rows go in with Core ``INSERT`` statements in the caller's transaction, bypassing the
ORM: no objects are kept, so memory stays flat. Columns a row leaves out take the
model's scalar default (or NULL). Callers are responsible for the audit trail: these
rows get no field events (see ``audit_hook.record_summary``), which is why only
audit-silent tables and summarised imports use this module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from core.domain.types import utcnow

BATCH = 2000


def _defaults(table: sa.Table) -> dict[str, Any]:
    now = utcnow()
    found: dict[str, Any] = {}
    for column in table.columns:
        if column.primary_key:
            continue
        default = column.default
        if column.name in ("created_at", "updated_at"):
            found[column.name] = now
        elif isinstance(default, sa.ColumnDefault) and default.is_scalar:
            found[column.name] = default.arg
        else:
            found[column.name] = None
    return found


def insert_rows(
    session: Session, model: Any, rows: Sequence[Mapping[str, Any]], *, returning_ids: bool = False
) -> list[int]:
    """Insert ``rows`` into ``model``'s table; with ``returning_ids``, their new ids in order."""
    table: sa.Table = model.__table__
    base = _defaults(table)
    ids: list[int] = []
    for start in range(0, len(rows), BATCH):
        chunk = [base | dict(row) for row in rows[start : start + BATCH]]
        if returning_ids:
            statement = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
            ids.extend(int(i) for i in session.execute(statement, chunk).scalars())
        else:
            session.execute(sa.insert(table), chunk)
    return ids
