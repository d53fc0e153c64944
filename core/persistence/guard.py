"""The last check before a write: no record is flushed with a value its column cannot hold.

Services check typed values first (``core.domain.fields.check_fit``) and say which field
is wrong; this guard catches whatever a path forgot, on every flush of a
:class:`~core.persistence.store.ZeroMileSession`, so PostgreSQL never refuses a value
half-way through a transaction and SQLite never keeps what PostgreSQL would refuse.
Bulk inserts (``core.persistence.bulk``) do not flush records and are checked by their
callers.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm.attributes import instance_dict

from core.domain import bounds
from core.domain.fields import problem
from core.errors import ValidationError
from core.persistence.store import ZeroMileSession


def record_problems(record: object) -> list[tuple[str, str]]:
    """``(entity.field, reason)`` for each value ``record`` is about to write that does not
    fit its column: every loaded value of a new record, the changed ones of a stored record
    (a value stored long ago never blocks an unrelated change).

    Only values already in memory are read (a flush must not load expired attributes).
    """
    table = type(record)
    if getattr(table, "__table__", None) is None:
        return []
    limits = bounds.bounds_of(table)
    entity = getattr(record, "audit_entity", None) or table.__table__.name  # type: ignore[attr-defined]
    loaded: dict[str, Any] = instance_dict(record)
    state = sa_inspect(record, raiseerr=False)
    if state is not None and state.persistent:
        loaded = {
            name: value
            for name, value in loaded.items()
            if name in state.attrs and state.attrs[name].history.has_changes()
        }
    found = []
    for name, value in loaded.items():
        limit = limits.get(name)
        reason = None if limit is None else problem(limit, value)
        if reason is not None:
            found.append((f"{entity} {name}", reason))
    return found


def refuse_out_of_bounds(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    """``before_flush``: raise :class:`ValidationError` naming each value that does not fit."""
    problems = [p for record in (*session.new, *session.dirty) for p in record_problems(record)]
    if problems:
        raise ValidationError(problems)


def install() -> None:
    """Register the guard on every ZeroMile session (idempotent; ``open_store`` calls it)."""
    if not event.contains(ZeroMileSession, "before_flush", refuse_out_of_bounds):
        event.listen(ZeroMileSession, "before_flush", refuse_out_of_bounds)
