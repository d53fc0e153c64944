"""The audit trail is written by the session itself, so no write path can skip it.

Every flush of a :class:`ZeroMileSession` that creates, changes or deletes an
auditable row (see ``core.domain.auditing``) writes one ``AuditEvent`` per
field, in the same transaction, with the actor and reason of the unit of work.
A flush that would change an auditable row without a unit of work, edit or
delete an append-only row, or touch an audit event, raises
:class:`AuditViolation` and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction

from core.domain.audit import AuditAction, AuditEvent
from core.domain.auditing import Auditable
from core.domain.types import render_value, utcnow
from core.errors import ZeroMileError
from core.persistence import audit_chain
from core.persistence.store import ZeroMileSession

AUDIT_KEY = "zeromile.audit"


class AuditViolation(ZeroMileError):
    """A programming error: a write that the audit trail would not record."""


@dataclass
class AuditContext:
    """Who is acting (the login recorded), why, and which operation groups the events."""

    actor: str
    operation: str
    reason: str | None = None
    #: While true, rows created are not given field events: the operation records one
    #: summary event instead (see :func:`record_summary`; bulk imports).
    summarised: bool = False
    #: The caller's display label for the person; shown, never recorded as the actor.
    label: str = ""


def _auditable(obj: object) -> bool:
    return isinstance(obj, Auditable)


def _recorded(obj: object) -> bool:
    """Auditable rows get field events, except those their parent operation records."""
    return _auditable(obj) and not getattr(obj, "audit_silent", False)


def _columns(obj: Any) -> list[str]:
    exclude: frozenset[str] = obj.audit_exclude
    return [c.key for c in sa.inspect(type(obj)).column_attrs if c.key not in exclude]


def _event(ctx: AuditContext, obj: Any, action: AuditAction, **values: Any) -> dict[str, Any]:
    return {
        "actor": ctx.actor,
        "operation": ctx.operation,
        "reason": ctx.reason,
        "case_id": obj.audit_case_id(),
        "entity": obj.audit_entity,
        "entity_id": obj.id,
        "entity_label": obj.audit_label()[:300],
        "action": action.value,
        "field": None,
        "old_value": None,
        "new_value": None,
        **values,
    }


def _check_append_only(obj: Any) -> None:
    """Append-only rows may only fill their ``write_once`` columns, once, from empty."""
    write_once: frozenset[str] = getattr(obj, "write_once", frozenset())
    state = sa.inspect(obj)
    for attr in state.attrs:
        history = attr.history
        if not history.has_changes():
            continue
        was_empty = not history.deleted or history.deleted[0] is None
        if attr.key not in write_once or not was_empty:
            raise AuditViolation(f"{obj.audit_entity} rows are append-only; add a new one")


def _before_flush(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    if (session.new or session.dirty or session.deleted) and AUDIT_KEY not in session.info:
        raise AuditViolation("a write outside a unit of work would bypass the audit trail")
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEvent):
            raise AuditViolation("audit events are never changed or deleted")
    for obj in session.deleted:
        if _auditable(obj) and obj.audit_append_only:
            raise AuditViolation(f"{obj.audit_entity} rows are append-only; nothing is deleted")
    for obj in session.dirty:
        if _auditable(obj) and session.is_modified(obj, include_collections=False):
            if obj.audit_append_only:
                _check_append_only(obj)
            elif hasattr(obj, "updated_at"):
                obj.updated_at = utcnow()


def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    ctx: AuditContext | None = session.info.get(AUDIT_KEY)
    if ctx is None:
        return
    at = utcnow()
    rows: list[dict[str, Any]] = []
    for obj in session.new:
        if not _recorded(obj) or ctx.summarised:
            continue
        before = len(rows)
        for key in _columns(obj):
            value = render_value(getattr(obj, key))
            if value is not None:
                rows.append(_event(ctx, obj, AuditAction.CREATE, field=key, new_value=value))
        if len(rows) == before:
            rows.append(_event(ctx, obj, AuditAction.CREATE))
    for obj in session.dirty:
        if not _recorded(obj):
            continue
        state = sa.inspect(obj)
        for key in _columns(obj):
            history = state.attrs[key].history
            if not history.has_changes():
                continue
            old = render_value(history.deleted[0]) if history.deleted else None
            new = render_value(history.added[0]) if history.added else None
            if old != new:
                rows.append(
                    _event(ctx, obj, AuditAction.UPDATE, field=key, old_value=old, new_value=new)
                )
    for obj in session.deleted:
        if _recorded(obj):
            rows.append(_event(ctx, obj, AuditAction.DELETE))
    if rows:
        for row in rows:
            row["at"] = at
        audit_chain.append(session.connection(), rows)


@contextmanager
def summarised(session: Session) -> Iterator[None]:
    """Within the block, rows created get no field events; the caller must record what
    it did with :func:`record_summary` before the unit of work ends. Changes to rows
    that already existed are still recorded field by field."""
    ctx: AuditContext = session.info[AUDIT_KEY]
    ctx.summarised = True
    try:
        yield
        session.flush()
    finally:
        ctx.summarised = False


def record_summary(
    session: Session,
    *,
    case_id: int | None,
    entity: str,
    entity_id: int | None,
    label: str,
    field: str,
    value: str,
    action: AuditAction = AuditAction.IMPORT,
) -> None:
    """Append one event describing a whole operation (e.g. an import: file, hash, rows)."""
    ctx: AuditContext | None = session.info.get(AUDIT_KEY)
    if ctx is None:
        raise AuditViolation("a summary event needs a unit of work")
    session.flush()
    row = {
        "actor": ctx.actor,
        "operation": ctx.operation,
        "reason": ctx.reason,
        "case_id": case_id,
        "entity": entity,
        "entity_id": entity_id,
        "entity_label": label[:300],
        "action": action.value,
        "field": field,
        "old_value": None,
        "new_value": value,
        "at": utcnow(),
    }
    audit_chain.append(session.connection(), [row])


def _after_begin(session: Session, _transaction: object, connection: sa.Connection) -> None:
    """Tell the server which operation this unit of work is, so its own records of the
    rows changed (``core.persistence.pg_security``) carry the same operation id."""
    ctx: AuditContext | None = session.info.get(AUDIT_KEY)
    if ctx is not None and connection.dialect.name == "postgresql":
        connection.execute(
            sa.text("SELECT set_config('zeromile.operation', :op, true)"), {"op": ctx.operation}
        )


_installed = False


def install() -> None:
    """Attach the hooks to :class:`ZeroMileSession` (idempotent)."""
    global _installed
    if _installed:
        return
    event.listen(ZeroMileSession, "before_flush", _before_flush)
    event.listen(ZeroMileSession, "after_flush", _after_flush)
    event.listen(ZeroMileSession, "after_begin", _after_begin)
    _installed = True
