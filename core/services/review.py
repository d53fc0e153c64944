"""The four-eyes review: an inspector prepares a case, a supervisor of its unit checks it.

Steps (each an append-only :class:`~core.domain.review.CaseReview` row, recorded with
the acting login from :func:`core.services.people.acting_login`, never an argument):

- **request** (:func:`request_review`): an inspector, supervisor or administrator of the
  case's unit asks for the review; the case moves open -> under_review. A draft must be
  opened first (opening is its own recorded decision).
- **approve** (:func:`approve`): an active supervisor of the case's unit who neither
  requested this review nor changed what the approval covers since the last approval
  (judged from the audit trail: events of the case recorded with their login). The
  findings must be current, and every current finding whose legal basis is unconfirmed
  must be acknowledged by id; the acknowledged findings are recorded with the approval,
  with the case's content hash. The case moves under_review -> ready_for_hearing, the
  only way it gets there (``cases.change_status`` refuses it otherwise). Administrators
  do not approve: they manage logins and roles, and one person who could both make a
  supervisor and approve would defeat the second pair of eyes.
- **return** (:func:`return_case`): a supervisor of the unit sends the case back with a
  reason; under_review -> open.
- **void** (automatic): a unit of work that changes anything an approval in force covers
  records a ``voided`` review naming the changes, in the same transaction, and moves a
  ready_for_hearing case back to under_review (the audit hook records that move). A
  closed case keeps its status; its approval is voided all the same. On the shared
  store the server does the same at the commit of a transaction that changed a case
  with an approval in force without voiding it (psql, a modified client):
  ``zeromile_void_changed`` in :mod:`core.persistence.pg_security` records the void
  under the login that made the change, each change marked "(outside ZeroMile)".

What an approval covers (what voids it, what makes a supervisor an editor): the case's
title, jurisdiction, reference and unit; its shipments, vehicles, parties and their
roles, declaration imports; evidence, its links and custody; findings (a rules run that
adds or supersedes findings). Not covered: notes (working notes, not part of the file a
hearing relies on), exports, integrity checks, the review itself, and the case's
administrative fields (priority, assignment, legal deadline, hearing date and
reference, which are set once a case is ready). A status move of an approved case to
anything other than ready_for_hearing or closed (sending it back, reopening it) voids
the approval too.

The void runs from a ``before_commit`` listener on :class:`ZeroMileSession`
(:func:`install`, called when this module is imported; ``core.services`` imports it, so
every service path has it). It reads the audit events of the unit of work's operation
(``audit_event.operation``), which every write path produces, bulk imports and rules
runs included (their summary events), plus the auditable rows the ORM flushed.

**The content hash** (:func:`content_hash`) is the SHA-256 (hex) of the UTF-8 bytes of
``json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)``
where ``content`` is::

    {"format": "zeromile-case-content/1",
     "case": {"reference", "title", "jurisdiction", "unit"},          # unit = its code
     "shipments": [...], "vehicles": [...], "parties": [...], "party_roles": [...],
     "findings": [...], "exhibits": [...], "custody": [...], "status_history": [...]}

Each list is ordered by the rows' ids; each row is every column of the table except
``version``, ``created_at``, ``updated_at`` (and, for ``custody``, ``recorded_at``), with
values rendered by :func:`core.domain.types.render_value` (ISO dates, plain decimals,
``yes``/``no``, ``null`` for unknown). Parties are those with a role in the case.
Findings are the current ones (not superseded): ``id, vehicle_id, rule_id, status,
pack_id, pack_version, pack_hash, engine_version, confirmed, fingerprint``. Exhibits are
``exhibit_no, sha256, size, status``. The status history is the case's ``status`` audit
events in order, each ``[at, old, new, actor]``; for a review record's hash, only those
recorded before the record itself (so an approval's own move to ready_for_hearing is not
part of the hash it records).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction
from sqlmodel import col, select

from core.domain.audit import SERVER_ACTIONS, AuditEvent
from core.domain.auditing import Auditable
from core.domain.case import Case, CaseStatus
from core.domain.evidence import CustodyEvent, EvidenceItem
from core.domain.finding import Finding
from core.domain.inspector import Inspector, InspectorRole
from core.domain.party import Party, PartyRole
from core.domain.review import CaseReview, ReviewAction
from core.domain.shipment import Shipment
from core.domain.types import render_value, utcnow
from core.domain.unit import Unit, UnitMember
from core.domain.vehicle import Vehicle
from core.errors import ValidationError, WorkflowError
from core.persistence.audit_hook import AUDIT_KEY, AuditContext
from core.persistence.store import ZeroMileSession
from core.persistence.unit_of_work import set_reason
from core.services import cases, people
from core.services._editing import check_reason
from core.services.staleness import require_current

CONTENT_FORMAT = "zeromile-case-content/1"

#: Case fields an approval covers (the others are administrative, see the module doc).
CASE_FACT_FIELDS = frozenset({"reference", "title", "jurisdiction", "unit_id"})
#: Entities of a case whose changes never void an approval.
UNCOVERED_ENTITIES = frozenset({"case_review", "note", "export", "integrity"})
#: Statuses an approved case may move to without voiding the approval.
APPROVED_STATUSES = frozenset({CaseStatus.READY_FOR_HEARING.value, CaseStatus.CLOSED.value})
#: Changes named in a void record at most (the rest are counted).
_NAMED_CHANGES = 20

_SKIP_COLUMNS = frozenset({"version", "created_at", "updated_at", "recorded_at"})
_FINDING_COLUMNS = (
    "id", "vehicle_id", "rule_id", "status", "pack_id", "pack_version", "pack_hash",
    "engine_version", "confirmed", "fingerprint",
)  # fmt: skip


def covers(entity: str, field: str | None, new_value: str | None) -> bool:
    """Whether a recorded change of a case's ``entity``/``field`` is one an approval covers."""
    if entity in UNCOVERED_ENTITIES:
        return False
    if entity == "case":
        return field is None or field in CASE_FACT_FIELDS
    if entity == "classification":
        # a run that added or superseded nothing changed no finding
        return field in ("findings_added", "findings_superseded") and new_value not in (None, "0")
    return True


# --- the content hash -------------------------------------------------------------------------


def _row(obj: Any, columns: Iterable[str] | None = None) -> dict[str, Any]:
    names = columns or [
        c.key for c in sa.inspect(type(obj)).column_attrs if c.key not in _SKIP_COLUMNS
    ]
    return {name: render_value(getattr(obj, name)) for name in names}


def _status_history(
    session: ZeroMileSession, case: Case, before_event: int | None
) -> list[list[str | None]]:
    query = (
        select(AuditEvent)
        .where(AuditEvent.case_id == case.id, AuditEvent.entity == "case")
        .where(AuditEvent.field == "status")
        .order_by(col(AuditEvent.id))
    )
    if before_event is not None:
        query = query.where(col(AuditEvent.id) < before_event)
    return [[render_value(e.at), e.old_value, e.new_value, e.actor] for e in session.exec(query)]


def case_content(
    session: ZeroMileSession, case: Case, *, before_event: int | None = None
) -> dict[str, Any]:
    """What the content hash is computed from (see the module docstring)."""
    unit = session.get(Unit, case.unit_id)
    roles = list(
        session.exec(
            select(PartyRole).where(PartyRole.case_id == case.id).order_by(col(PartyRole.id))
        )
    )
    party_ids = sorted({r.party_id for r in roles})
    parties = (
        list(
            session.exec(select(Party).where(col(Party.id).in_(party_ids)).order_by(col(Party.id)))
        )
        if party_ids
        else []
    )
    findings = session.exec(
        select(Finding)
        .where(Finding.case_id == case.id, col(Finding.superseded_at).is_(None))
        .order_by(col(Finding.id))
    )
    exhibits = session.exec(
        select(EvidenceItem).where(EvidenceItem.case_id == case.id).order_by(col(EvidenceItem.id))
    )
    return {
        "format": CONTENT_FORMAT,
        "case": {
            "reference": case.reference,
            "title": case.title,
            "jurisdiction": case.jurisdiction,
            "unit": unit.code if unit is not None else None,
        },
        "shipments": [
            _row(s)
            for s in session.exec(
                select(Shipment).where(Shipment.case_id == case.id).order_by(col(Shipment.id))
            )
        ],
        "vehicles": [
            _row(v)
            for v in session.exec(
                select(Vehicle).where(Vehicle.case_id == case.id).order_by(col(Vehicle.id))
            )
        ],
        "parties": [_row(p) for p in parties],
        "party_roles": [_row(r) for r in roles],
        "findings": [_row(f, _FINDING_COLUMNS) for f in findings],
        "exhibits": [_row(e, ("exhibit_no", "sha256", "size", "status")) for e in exhibits],
        "custody": [
            _row(c)
            for c in session.exec(
                select(CustodyEvent)
                .where(CustodyEvent.case_id == case.id)
                .order_by(col(CustodyEvent.id))
            )
        ],
        "status_history": _status_history(session, case, before_event),
    }


def content_hash(session: ZeroMileSession, case: Case, *, before_event: int | None = None) -> str:
    """SHA-256 of the case's canonical content (module docstring); ``before_event`` limits
    the status history to audit events with smaller ids."""
    session.flush()
    text = json.dumps(
        case_content(session, case, before_event=before_event),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hash_as_recorded(session: ZeroMileSession, review: CaseReview) -> str:
    """The case's content hash now, with the status history as the review record saw it;
    equal to ``review.content_hash`` while nothing the hash covers changed since."""
    # The review's own event: of its case, written by its login (the server names the
    # actor on PostgreSQL), so events planted beforehand under the next review's id
    # cannot move the point the history is read up to.
    first = session.exec(
        select(sa.func.min(AuditEvent.id)).where(
            AuditEvent.entity == "case_review",
            AuditEvent.entity_id == review.id,
            AuditEvent.case_id == review.case_id,
            AuditEvent.actor == review.login,
        )
    ).one()
    case = session.get(Case, review.case_id)
    assert case is not None
    return content_hash(session, case, before_event=first)


# --- the state of a review ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewStep:
    action: str
    login: str
    person: str  # label_of the login
    at: dt.datetime
    comment: str | None
    content_hash: str
    acknowledged: list[dict[str, Any]]


@dataclass
class ReviewState:
    """A case's review as plain data: for the CLI, the window and the reports."""

    reference: str
    status: str
    unit: str
    #: "none", "requested", "approved", "returned" or "voided" (the latest step).
    state: str
    steps: list[ReviewStep] = field(default_factory=list)
    #: The current findings whose legal basis is unconfirmed (what an approval must
    #: acknowledge): id, rule_id, vin, title_en, basis, citation.
    unconfirmed: list[dict[str, Any]] = field(default_factory=list)
    #: The hash the last approval recorded, and whether the case still matches it.
    approved_hash: str | None = None
    intact: bool | None = None
    single_workstation: bool = False

    def last(self, action: ReviewAction) -> ReviewStep | None:
        found = [s for s in self.steps if s.action == action.value]
        return found[-1] if found else None

    @property
    def approval(self) -> ReviewStep | None:
        """The approval in force, if the latest step is one."""
        return self.steps[-1] if self.state == ReviewAction.APPROVED.value else None


def _reviews(session: ZeroMileSession, case_id: int) -> list[CaseReview]:
    return list(
        session.exec(
            select(CaseReview).where(CaseReview.case_id == case_id).order_by(col(CaseReview.id))
        )
    )


def _latest(session: ZeroMileSession, case_id: int) -> CaseReview | None:
    return session.exec(
        select(CaseReview)
        .where(CaseReview.case_id == case_id)
        .order_by(col(CaseReview.id).desc())
        .limit(1)
    ).first()


def unconfirmed_findings(session: ZeroMileSession, case: Case) -> list[dict[str, Any]]:
    """Current findings that fired on a legal basis not yet confirmed, by id."""
    rows = session.exec(
        select(Finding, Vehicle.vin)
        .join(Vehicle, col(Vehicle.id) == col(Finding.vehicle_id))
        .where(Finding.case_id == case.id, col(Finding.superseded_at).is_(None))
        .where(Finding.status == "fired", col(Finding.confirmed).is_(False))
        .order_by(col(Finding.id))
    )
    return [
        {
            "finding_id": f.id,
            "rule_id": f.rule_id,
            "vin": vin,
            "title_en": f.title_en,
            "basis": f.basis,
            "citation": f.citation,
            "pack_id": f.pack_id,
            "pack_version": f.pack_version,
            "pack_hash": f.pack_hash,
        }
        for f, vin in rows
    ]


def _label(session: ZeroMileSession, login: str) -> str:
    return people.label_of(people.person_for_login(session, login), login)


def review_state(session: ZeroMileSession, case: Case) -> ReviewState:
    """The case's review: every step, the latest, what an approval must acknowledge."""
    assert case.id is not None
    unit = session.get(Unit, case.unit_id)
    records = _reviews(session, case.id)
    steps = [
        ReviewStep(
            action=r.action,
            login=r.login,
            person=_label(session, r.login),
            at=r.at,
            comment=r.comment,
            content_hash=r.content_hash,
            acknowledged=json.loads(r.acknowledged or "[]"),
        )
        for r in records
    ]
    state = ReviewState(
        reference=case.reference,
        status=case.status,
        unit=unit.code if unit is not None else "",
        state=records[-1].action if records else "none",
        steps=steps,
        unconfirmed=unconfirmed_findings(session, case),
        single_workstation=session.get_bind().dialect.name != "postgresql",
    )
    approvals = [r for r in records if r.action == ReviewAction.APPROVED.value]
    if approvals:
        state.approved_hash = approvals[-1].content_hash
        if state.state == ReviewAction.APPROVED.value:
            state.intact = hash_as_recorded(session, approvals[-1]) == approvals[-1].content_hash
    return state


# --- who may do what -----------------------------------------------------------------------------


def _unit_of(session: ZeroMileSession, case: Case) -> Unit:
    unit = session.get(Unit, case.unit_id)
    assert unit is not None
    return unit


def _member(session: ZeroMileSession, person: Inspector, unit: Unit) -> bool:
    return (
        session.exec(
            select(UnitMember.id).where(
                UnitMember.inspector_id == person.id, UnitMember.unit_id == unit.id
            )
        ).first()
        is not None
    )


def _article(role: str) -> str:
    return "an" if role[0] in "aeiou" else "a"


def _allowed(
    session: ZeroMileSession,
    case: Case,
    *,
    doing: str,
    roles: frozenset[InspectorRole],
    needed: str,
    any_unit: frozenset[InspectorRole] = frozenset(),
) -> tuple[str, Inspector]:
    """The acting login and person, if their role and unit allow ``doing``; else a
    :class:`WorkflowError` naming what is needed."""
    login = people.acting_login(session)
    person = people.person_for_login(session, login)
    unit = _unit_of(session, case)
    need = f"{doing} needs {needed} in unit {unit.code}"
    if person is None:
        raise WorkflowError(f"{need}; login {login} is not registered (zeromile user add)")
    if not person.active:
        raise WorkflowError(f"{need}; login {login} is disabled")
    role = InspectorRole(person.role)
    if role not in roles:
        raise WorkflowError(f"{need}; you are {_article(role.value)} {role.value}")
    if role not in any_unit and not _member(session, person, unit):
        mine = ", ".join(u.code for u in people.units_of(session, person)) or "no unit"
        raise WorkflowError(f"{need}; you work in {mine}")
    return login, person


def covered_changes_by(
    session: ZeroMileSession, case: Case, login: str, *, since: dt.datetime | None
) -> list[str]:
    """The covered changes of the case recorded with ``login`` (after ``since``), named."""
    # a party has no case of its own: its roles name the cases it belongs to
    parties = select(PartyRole.party_id).where(PartyRole.case_id == case.id)
    query = select(AuditEvent).where(
        AuditEvent.actor == login,
        sa.or_(
            col(AuditEvent.case_id) == case.id,
            sa.and_(col(AuditEvent.entity) == "party", col(AuditEvent.entity_id).in_(parties)),
        ),
    )
    if since is not None:
        query = query.where(col(AuditEvent.at) > since)
    named: list[str] = []
    for e in session.exec(query.order_by(col(AuditEvent.id))):
        if covers(e.entity, e.field, e.new_value):
            what = f"{e.entity} {e.entity_label or ''} {e.field or e.action}".replace("  ", " ")
            if what not in named:
                named.append(what)
    return named


# --- the steps --------------------------------------------------------------------------------


def _record(
    session: ZeroMileSession,
    case: Case,
    action: ReviewAction,
    login: str,
    *,
    comment: str | None,
    acknowledged: Sequence[dict[str, Any]] = (),
) -> CaseReview:
    assert case.id is not None
    review = CaseReview(
        case_id=case.id,
        action=action.value,
        login=login,
        at=utcnow(),
        comment=comment,
        content_hash=content_hash(session, case),
        acknowledged=json.dumps(list(acknowledged), ensure_ascii=False, sort_keys=True),
    )
    session.add(review)
    session.flush()
    return review


def _needs_status(case: Case, status: CaseStatus, doing: str, hint: str = "") -> None:
    if case.status != status.value:
        raise WorkflowError(
            f"{doing} needs the case {status.value}; {case.reference} is {case.status}{hint}"
        )


def request_review(session: ZeroMileSession, reference: str) -> CaseReview:
    """The preparer asks for a review: open -> under_review, recorded with their login."""
    case = cases.get_case(session, reference)
    doing = f"requesting a review of {case.reference}"
    login, _ = _allowed(
        session,
        case,
        doing=doing,
        roles=frozenset(
            {InspectorRole.INSPECTOR, InspectorRole.SUPERVISOR, InspectorRole.ADMINISTRATOR}
        ),
        needed="an inspector",
        any_unit=frozenset({InspectorRole.ADMINISTRATOR}),
    )
    hint = f" (zeromile case status {case.reference} open)" if case.status == "draft" else ""
    _needs_status(case, CaseStatus.OPEN, doing, hint)
    cases.change_status(session, case.reference, CaseStatus.UNDER_REVIEW)
    return _record(session, case, ReviewAction.REQUESTED, login, comment=None)


def _supervisor_step(
    session: ZeroMileSession,
    reference: str,
    verb: str,
    text: str | None,
    missing: tuple[str, str],
) -> tuple[Case, str, str, str]:
    """What approving and returning both check: a written text, a supervisor of the
    case's unit, a case under review. Returns the case, the action's wording, the text
    and the acting login."""
    case = cases.get_case(session, reference)
    doing = f"{verb} {case.reference}"
    text = text.strip() if text else ""
    if not text:
        raise ValidationError([missing])
    check_reason(text)
    login, _ = _allowed(
        session,
        case,
        doing=doing,
        roles=frozenset({InspectorRole.SUPERVISOR}),
        needed="the supervisor role",
    )
    _needs_status(case, CaseStatus.UNDER_REVIEW, doing)
    return case, doing, text, login


def approve(
    session: ZeroMileSession,
    reference: str,
    *,
    comment: str,
    acknowledge: Sequence[int] = (),
) -> CaseReview:
    """A second person approves: under_review -> ready_for_hearing (see the module doc for
    who may). ``acknowledge`` must name every current unconfirmed-basis finding by id."""
    case, doing, comment, login = _supervisor_step(
        session, reference, "approving", comment, ("comment", "an approval needs a comment")
    )
    assert case.id is not None
    records = _reviews(session, case.id)
    requests = [r for r in records if r.action == ReviewAction.REQUESTED.value]
    if requests and requests[-1].login == login:
        raise WorkflowError(f"{doing} needs a second person: you ({login}) requested this review")
    approvals = [r for r in records if r.action == ReviewAction.APPROVED.value]
    since = approvals[-1].at if approvals else None
    edits = covered_changes_by(session, case, login, since=since)
    if edits:
        shown = "; ".join(edits[:3]) + (f" and {len(edits) - 3} more" if len(edits) > 3 else "")
        when = "since the last approval" if since else ""
        raise WorkflowError(
            f"{doing} needs a supervisor who did not change the case{' ' + when if when else ''}; "
            f"you ({login}) changed {shown}"
        )
    require_current(session, case, doing=doing)
    unconfirmed = unconfirmed_findings(session, case)
    wanted = {int(u["finding_id"]): u for u in unconfirmed}
    given = set(acknowledge)
    unknown = sorted(given - set(wanted))
    if unknown:
        raise ValidationError(
            [
                (
                    "ack",
                    f"{', '.join(map(str, unknown))}: not a current finding of {case.reference} "
                    "whose legal basis is unconfirmed",
                )
            ]
        )
    missing = [wanted[i] for i in sorted(set(wanted) - given)]
    if missing:
        names = ", ".join(f"{m['finding_id']} ({m['rule_id']} on {m['vin']})" for m in missing)
        acks = " ".join(f"--ack {m['finding_id']}" for m in missing)
        raise WorkflowError(
            f"{doing} needs an acknowledgement of each finding whose legal basis is "
            f"unconfirmed; missing: {names} (add {acks})"
        )
    set_reason(session, comment)
    review = _record(
        session,
        case,
        ReviewAction.APPROVED,
        login,
        comment=comment,
        acknowledged=[wanted[i] for i in sorted(given)],
    )
    session.info[cases.APPROVAL_KEY] = case.id
    try:
        cases.change_status(session, case.reference, CaseStatus.READY_FOR_HEARING)
    finally:
        session.info.pop(cases.APPROVAL_KEY, None)
    return review


def return_case(session: ZeroMileSession, reference: str, *, reason: str) -> CaseReview:
    """A supervisor of the unit sends the case back with a reason: under_review -> open."""
    case, _, reason, login = _supervisor_step(
        session, reference, "returning", reason, ("reason", "returning a case needs a reason")
    )
    review = _record(session, case, ReviewAction.RETURNED, login, comment=reason)
    cases.change_status(session, case.reference, CaseStatus.OPEN, reason=reason)
    return review


# --- voiding an approval on any change ------------------------------------------------------------

_TOUCHED_KEY = "zeromile.review.touched"


def _touched(session: Session) -> set[tuple[int | None, str, int | None, str, str | None]]:
    found: set[tuple[int | None, str, int | None, str, str | None]] = session.info.setdefault(
        _TOUCHED_KEY, set()
    )
    return found


def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    """Remember the auditable rows the ORM wrote (a backstop to the audit events)."""
    if AUDIT_KEY not in session.info:
        return
    touched = _touched(session)
    for obj in (*session.new, *session.deleted):
        if isinstance(obj, Auditable):
            key = getattr(obj, "id", None)
            touched.add((obj.audit_case_id(), obj.audit_entity, key, obj.audit_label(), None))
    for obj in session.dirty:
        if not isinstance(obj, Auditable) or not session.is_modified(obj):
            continue
        key = getattr(obj, "id", None)
        row: Any = obj
        for attr in sa.inspect(row).attrs:
            if attr.key not in obj.audit_exclude and attr.history.has_changes():
                touched.add(
                    (obj.audit_case_id(), obj.audit_entity, key, obj.audit_label(), attr.key)
                )


def _forget(session: Session, *_: object) -> None:
    session.info.pop(_TOUCHED_KEY, None)


@dataclass
class _Change:
    entity: str
    label: str
    field: str | None
    old: str | None = None
    new: str | None = None

    def text(self) -> str:
        what = f"{self.entity} {self.label}".strip()
        if self.entity == "case" and self.field == "status":
            return f"case status {self.old} -> {self.new}"
        return f"{what} {self.field}" if self.field else f"{what} added or removed"


def _approved_among(session: Session, case_ids: set[int]) -> set[int]:
    """The cases among ``case_ids`` whose latest review step is an approval."""
    if not case_ids:
        return set()
    latest = (
        select(sa.func.max(CaseReview.id))
        .where(col(CaseReview.case_id).in_(sorted(case_ids)))
        .group_by(col(CaseReview.case_id))
    )
    return set(
        session.execute(
            select(CaseReview.case_id).where(
                col(CaseReview.id).in_(latest), CaseReview.action == ReviewAction.APPROVED.value
            )
        ).scalars()
    )


def _changes_of_operation(session: Session, ctx: AuditContext) -> dict[int, list[_Change]]:
    """The changes of this unit of work to cases with an approval in force, by case: from
    its audit events and the ORM's rows. Cheap when no such case is touched (the usual
    case): one query for the touched cases, one for their latest review steps."""
    table: sa.Table = AuditEvent.__table__  # type: ignore[attr-defined]
    # The program's own events of this unit of work; on PostgreSQL the server's records
    # of the same rows (SERVER_ACTIONS) say the same in JSON and are left out.
    of_operation = sa.and_(
        table.c.operation == ctx.operation, table.c.action.not_in(sorted(SERVER_ACTIONS))
    )
    touched = _touched(session)
    case_ids = set(
        session.execute(
            sa.select(table.c.case_id).where(of_operation, table.c.case_id.is_not(None)).distinct()
        ).scalars()
    ) | {t[0] for t in touched if t[0] is not None}
    party_ids = set(
        session.execute(
            sa.select(table.c.entity_id).where(of_operation, table.c.entity == "party").distinct()
        ).scalars()
    ) | {t[2] for t in touched if t[1] == "party" and t[2] is not None}
    party_cases: dict[int, set[int]] = {}
    for party_id in party_ids:
        party_cases[party_id] = set(
            session.execute(
                select(PartyRole.case_id).where(PartyRole.party_id == party_id)
            ).scalars()
        )
        case_ids |= party_cases[party_id]
    approved = _approved_among(session, case_ids)
    found: dict[int, list[_Change]] = {}
    if not approved:
        return found

    def add(case_id: int | None, change: _Change, entity_id: int | None) -> None:
        targets = {case_id} if case_id is not None else set()
        if change.entity == "party" and entity_id is not None:
            targets |= party_cases.get(entity_id, set())
        for target in targets & approved:
            found.setdefault(target, []).append(change)

    names = ("case_id", "entity", "entity_id", "entity_label", "field", "old_value", "new_value")
    rows = session.execute(
        sa.select(*(table.c[name] for name in names))
        .where(of_operation)
        .where(sa.or_(table.c.case_id.in_(sorted(approved)), table.c.entity == "party"))
        .distinct()
    )
    for case_id, entity, entity_id, label, fld, old, new in rows:
        add(case_id, _Change(entity, label or "", fld, old, new), entity_id)
    for case_id, entity, entity_id, label, fld in touched:
        add(case_id, _Change(entity, label, fld), entity_id)
    return found


def _voiding(changes: list[_Change]) -> list[_Change]:
    named: list[_Change] = []
    seen: set[str] = set()
    for c in changes:
        if c.entity == "case" and c.field == "status":
            if c.new is None or c.new in APPROVED_STATUSES:
                continue
        elif not covers(c.entity, c.field, c.new):
            continue
        if c.text() not in seen:
            seen.add(c.text())
            named.append(c)
    return named


def _before_commit(session: Session) -> None:
    """Void the approval in force of every case this unit of work changed."""
    ctx: AuditContext | None = session.info.get(AUDIT_KEY)
    if ctx is None or not isinstance(session, ZeroMileSession):
        return
    session.flush()
    by_case = _changes_of_operation(session, ctx)
    for case_id in sorted(by_case):
        latest = _latest(session, case_id)
        if latest is None or latest.action != ReviewAction.APPROVED.value:
            continue
        case = session.get(Case, case_id)
        if case is None:
            continue
        named = _voiding(by_case[case_id])
        if not named:
            continue
        lines = [c.text() for c in named[:_NAMED_CHANGES]]
        if len(named) > _NAMED_CHANGES:
            lines.append(f"and {len(named) - _NAMED_CHANGES} more")
        _record(
            session,
            case,
            ReviewAction.VOIDED,
            people.acting_login(session),
            comment="\n".join(lines),
        )
        if case.status == CaseStatus.READY_FOR_HEARING.value:
            case.status = CaseStatus.UNDER_REVIEW.value
            session.flush()


_installed = False


def install() -> None:
    """Attach the void listener to :class:`ZeroMileSession` (idempotent)."""
    global _installed
    if _installed:
        return
    event.listen(ZeroMileSession, "after_flush", _after_flush)
    event.listen(ZeroMileSession, "before_commit", _before_commit)
    event.listen(ZeroMileSession, "after_commit", _forget)
    event.listen(ZeroMileSession, "after_soft_rollback", _forget)
    _installed = True


install()


# --- use cases: plain values in, one transaction each (the window's and scripts' way in) ------


def request(*, db: str, actor: str, reference: str) -> None:
    """Ask for the review of a case (see :func:`request_review`)."""
    from core.persistence.unit_of_work import unit_of_work
    from core.services.stores import store_for

    with unit_of_work(store_for(db), actor=actor) as session:
        request_review(session, reference)


def approve_case(
    *, db: str, actor: str, reference: str, comment: str, acknowledge: Sequence[int] = ()
) -> None:
    """Approve a case under review (see :func:`approve`)."""
    from core.persistence.unit_of_work import unit_of_work
    from core.services.stores import store_for

    with unit_of_work(store_for(db), actor=actor) as session:
        approve(session, reference, comment=comment, acknowledge=acknowledge)


def send_back(*, db: str, actor: str, reference: str, reason: str) -> None:
    """Return a case under review to its preparer (see :func:`return_case`)."""
    from core.persistence.unit_of_work import unit_of_work
    from core.services.stores import store_for

    with unit_of_work(store_for(db), actor=actor, reason=reason) as session:
        return_case(session, reference, reason=reason)


def state_of(*, db: str, reference: str) -> ReviewState:
    """The review of a case, read in one snapshot."""
    from core.persistence.unit_of_work import reading
    from core.services.stores import store_for

    with reading(store_for(db)) as session:
        return review_state(session, cases.get_case(session, reference))
