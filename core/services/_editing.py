"""Applying a set of field changes to a versioned row, with conflict detection."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm.exc import StaleDataError

from core.domain import bounds
from core.domain.audit import AuditEvent
from core.domain.fields import check_fit, problem
from core.domain.types import render_value
from core.errors import ConflictError, ValidationError
from core.persistence.store import ZeroMileSession


def check_reason(reason: str | None) -> None:
    """Refuse a reason for a change that the audit trail cannot keep whole."""
    reason_problem = problem(bounds.bound(AuditEvent, "reason"), reason)
    if reason_problem is not None:
        raise ValidationError([("reason", reason_problem)])


def apply_changes(
    session: ZeroMileSession,
    obj: Any,
    changes: Mapping[str, object],
    *,
    expected_version: int | None,
) -> None:
    """Set ``changes`` on ``obj`` and flush, refusing stale edits and values its columns
    cannot hold (:func:`core.domain.fields.check_fit`, before anything is set).

    ``expected_version`` is the version the user saw; if the stored row moved
    on (here or, racing, at the UPDATE itself) :class:`ConflictError` reports
    the current values of the fields the user tried to change, and the
    session is rolled back so nothing of the change is written.
    """
    check_fit(type(obj), changes)
    label = obj.audit_label()
    if expected_version is not None and obj.version != expected_version:
        raise ConflictError(
            entity=obj.audit_entity,
            label=label,
            expected_version=expected_version,
            current_version=obj.version,
            current={k: render_value(getattr(obj, k)) for k in changes},
        )
    seen_version = obj.version
    for key, value in changes.items():
        setattr(obj, key, value)
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        fresh = session.get(type(obj), obj.id)
        raise ConflictError(
            entity=obj.audit_entity,
            label=label,
            expected_version=seen_version,
            current_version=None if fresh is None else fresh.version,
            current={} if fresh is None else {k: render_value(getattr(fresh, k)) for k in changes},
        ) from None
