"""Cases: create, find, list, edit fields and move through the workflow."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, func, select

from core.domain.case import (
    REFERENCE_PATTERN,
    TRANSITIONS,
    Case,
    CasePriority,
    CaseStatus,
    ReferenceCounter,
    format_reference,
    reason_required,
)
from core.domain.fields import CASE_FIELDS, check_fit
from core.domain.types import utcnow
from core.errors import NotFoundError, ValidationError, WorkflowError
from core.persistence.store import ZeroMileSession
from core.persistence.unit_of_work import set_reason
from core.services._editing import apply_changes, check_reason
from core.services.inspectors import get_inspector
from core.services.people import unit_for_new_case
from core.services.staleness import require_current

EDITABLE_FIELDS = frozenset(s.name for s in CASE_FIELDS) | {"assigned_inspector"}
#: ``session.info`` key that ``core.services.review.approve`` sets to the id of the case
#: it is approving: the only way :func:`change_status` moves a case to ready_for_hearing.
APPROVAL_KEY = "zeromile.review.approving"


def next_reference(session: ZeroMileSession, year: int) -> str:
    """Hand out the next ``ZM-YYYY-NNNNNN``; safe with several workstations.

    The counter row is updated in the caller's transaction, so a rolled-back
    case creation does not burn a number and concurrent writers queue.
    """
    conn = session.connection()
    table = cast(sa.Table, ReferenceCounter.__table__)  # type: ignore[attr-defined]
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    conn.execute(insert(table).values(year=year, last_value=0).on_conflict_do_nothing())
    number = conn.execute(
        sa.update(table)
        .where(table.c.year == year)
        .values(last_value=table.c.last_value + 1)
        .returning(table.c.last_value)
    ).scalar_one()
    return format_reference(year, int(number))


def _check_title(title: object) -> None:
    if not isinstance(title, str) or not title.strip():
        raise ValidationError([("title", "is required")])


def create_case(
    session: ZeroMileSession,
    *,
    title: str,
    jurisdiction: str,
    priority: CasePriority = CasePriority.NORMAL,
    assigned_badge: str | None = None,
    unit: str | None = None,
) -> Case:
    """Open a new draft case. ``jurisdiction`` is an ISO 3166 alpha-2 code, already checked.
    The case goes to ``unit`` or to the acting person's unit (see
    :func:`core.services.people.unit_for_new_case`).

    A title longer than the store keeps is refused (:class:`ValidationError`)."""
    _check_title(title)
    check_fit(Case, {"title": title.strip(), "jurisdiction": jurisdiction})
    inspector_id = get_inspector(session, assigned_badge).id if assigned_badge else None
    home = unit_for_new_case(session, unit)
    assert home.id is not None
    case = Case(
        unit_id=home.id,
        reference=next_reference(session, utcnow().year),
        title=title.strip(),
        jurisdiction=jurisdiction,
        priority=priority.value,
        assigned_inspector_id=inspector_id,
    )
    session.add(case)
    session.flush()
    return case


def normalise_reference(reference: str) -> str:
    return reference.strip().upper()


def get_case(session: ZeroMileSession, reference: str) -> Case:
    """The case with this reference (case-insensitive), or :class:`NotFoundError`."""
    ref = normalise_reference(reference)
    if not REFERENCE_PATTERN.match(ref):
        raise NotFoundError(f"{reference.strip()!r} is not a case reference like ZM-2026-000123")
    found = session.exec(select(Case).where(Case.reference == ref)).first()
    if found is None:
        raise NotFoundError(f"no case {ref}")
    return found


@dataclass(frozen=True)
class CaseFilter:
    status: CaseStatus | None = None
    jurisdiction: str | None = None
    limit: int | None = None


def list_cases(session: ZeroMileSession, case_filter: CaseFilter | None = None) -> list[Case]:
    """Cases, newest first, narrowed by the filter."""
    f = case_filter or CaseFilter()
    query = select(Case).order_by(col(Case.created_at).desc(), col(Case.id).desc())
    if f.status is not None:
        query = query.where(Case.status == f.status.value)
    if f.jurisdiction is not None:
        query = query.where(Case.jurisdiction == f.jurisdiction)
    if f.limit is not None:
        query = query.limit(f.limit)
    return list(session.exec(query))


def count_cases(session: ZeroMileSession) -> int:
    return int(session.exec(select(func.count()).select_from(Case)).one())


def update_case(
    session: ZeroMileSession,
    reference: str,
    changes: Mapping[str, object],
    *,
    expected_version: int | None = None,
    reason: str | None = None,
) -> Case:
    """Change editable fields (parsed values; ``assigned_inspector`` takes a badge).

    Values the store cannot hold, and a reason longer than the audit trail keeps, are
    refused with :class:`ValidationError` before anything is written."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(
            [
                (k, f"cannot be set here; editable: {', '.join(sorted(EDITABLE_FIELDS))}")
                for k in unknown
            ]
        )
    case = get_case(session, reference)
    values = dict(changes)
    if "title" in values:
        _check_title(values["title"])
    if "jurisdiction" in values and values["jurisdiction"] is None:
        raise ValidationError([("jurisdiction", "is required")])
    if "priority" in values and values["priority"] is None:
        raise ValidationError([("priority", "is required")])
    if "assigned_inspector" in values:
        badge = values.pop("assigned_inspector")
        values["assigned_inspector_id"] = (
            get_inspector(session, str(badge)).id if badge is not None else None
        )
    check_fit(Case, values)
    check_reason(reason)
    set_reason(session, reason)
    apply_changes(session, case, values, expected_version=expected_version)
    return case


def change_status(
    session: ZeroMileSession,
    reference: str,
    new_status: CaseStatus,
    *,
    reason: str | None = None,
    expected_version: int | None = None,
) -> Case:
    """Move a case along the workflow; closing, reopening and sending back need a reason.

    ready_for_hearing is refused (:class:`WorkflowError`) unless a review approval is
    moving the case (``core.services.review.approve``)."""
    case = get_case(session, reference)
    old = CaseStatus(case.status)
    if new_status is old:
        raise WorkflowError(f"case {case.reference} is already {old.value}")
    if new_status not in TRANSITIONS[old]:
        allowed = ", ".join(sorted(s.value for s in TRANSITIONS[old]))
        raise WorkflowError(
            f"case {case.reference} cannot go from {old.value} to {new_status.value}; "
            f"allowed: {allowed}"
        )
    reason = reason.strip() if reason else None
    check_reason(reason)
    if reason_required(old, new_status) and not reason:
        raise WorkflowError(
            f"moving case {case.reference} from {old.value} to {new_status.value} needs a reason"
        )
    if new_status is CaseStatus.READY_FOR_HEARING:
        if session.info.get(APPROVAL_KEY) != case.id:
            raise WorkflowError(
                f"case {case.reference} becomes ready_for_hearing only through a supervisor's "
                f"approval: zeromile case review {case.reference} --approve --comment C"
            )
        require_current(session, case, doing=f"marking {case.reference} ready for hearing")
    changes: dict[str, object] = {"status": new_status.value}
    if new_status is CaseStatus.CLOSED:
        changes["closing_reason"] = reason
    elif old is CaseStatus.CLOSED:
        changes["closing_reason"] = None
    set_reason(session, reason)
    apply_changes(session, case, changes, expected_version=expected_version)
    return case


# --- use cases: plain values in, one transaction each (the window's and scripts' way in) ------


def create(
    *, db: str, actor: str, title: str, jurisdiction: str, priority: str | None = None
) -> str:
    """Open a case; returns its reference. Refused values raise ``ValidationError``."""
    from core.persistence.unit_of_work import unit_of_work
    from core.services.stores import store_for

    level = CasePriority(priority) if priority else CasePriority.NORMAL
    with unit_of_work(store_for(db), actor=actor) as session:
        return create_case(
            session, title=title, jurisdiction=jurisdiction, priority=level
        ).reference


def save_fields(
    *, db: str, actor: str, reference: str, changes: Mapping[str, object], expected_version: int
) -> None:
    """Save edits of the case's own fields, checked against the version the editor saw
    (``ConflictError`` with the stored values when another writer came first)."""
    from core.persistence.unit_of_work import unit_of_work
    from core.services.stores import store_for

    with unit_of_work(store_for(db), actor=actor) as session:
        update_case(session, reference, dict(changes), expected_version=expected_version)


def move(
    *,
    db: str,
    actor: str,
    reference: str,
    target: str,
    reason: str | None,
    expected_version: int,
) -> None:
    """Move the case to the status ``target`` (the workflow and the findings permitting)."""
    from core.persistence.unit_of_work import unit_of_work
    from core.services.stores import store_for

    with unit_of_work(store_for(db), actor=actor) as session:
        change_status(
            session, reference, CaseStatus(target), reason=reason,
            expected_version=expected_version,
        )  # fmt: skip
