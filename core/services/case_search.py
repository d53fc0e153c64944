"""Finding cases fast: filters, free-text search and sorting over ids, rows fetched by page.

The GUI's case list asks for the ordered ids first (cheap, index-backed even for
100,000 cases) and then for the rows of the page on screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from core.domain.case import Case, CaseStatus
from core.domain.inspector import Inspector, InspectorRole
from core.domain.party import Party, PartyRole
from core.domain.review import CaseReview, ReviewAction
from core.domain.shipment import Shipment
from core.domain.unit import UnitMember
from core.domain.vehicle import Vehicle
from core.domain.vin import normalise_vin
from core.persistence.store import ZeroMileSession
from core.services import people
from core.services.parties import name_key

SORTABLE = ("reference", "status", "jurisdiction", "priority", "title", "created_at")
#: The views of the list that depend on who is acting (``CaseQuery.view``): the cases
#: under review in the units where the acting person is a supervisor, except those they
#: asked the review of themselves; the cases assigned to the acting person.
AWAITING_MY_REVIEW = "awaiting_my_review"
ASSIGNED_TO_ME = "assigned_to_me"
VIEWS = (AWAITING_MY_REVIEW, ASSIGNED_TO_ME)


@dataclass(frozen=True)
class CaseQuery:
    """What the inspector asked for. Empty fields do not filter."""

    text: str = ""
    status: CaseStatus | None = None
    jurisdiction: str | None = None
    inspector_badge: str | None = None
    created_from: dt.date | None = None
    created_to: dt.date | None = None
    sort: str = "created_at"
    descending: bool = True
    #: One of :data:`VIEWS` (None: every case). Who "me" is comes from the store
    #: (:func:`core.services.people.acting_login`), never from the query.
    view: str | None = None


def like_literal(text: str) -> str:
    """``text`` for a LIKE pattern with ``\\`` as escape: ``%``, ``_`` and ``\\`` match
    themselves, not any text or any character."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _text_filter(text: str) -> Any:
    """Reference, title, a VIN (or its start), a party name, or a declaration number.

    What was typed is matched literally: ``50%`` finds "50%", not every case with "50"."""
    like = f"%{like_literal(text)}%"
    vin = normalise_vin(text)
    key = name_key(text)
    clauses = [
        col(Case.reference).ilike(like, escape="\\"),
        col(Case.title).ilike(like, escape="\\"),
        sa.exists().where(
            col(Shipment.case_id) == col(Case.id),
            col(Shipment.declaration_no).ilike(like, escape="\\"),
        ),
    ]
    if vin:
        clauses.append(
            sa.exists().where(
                col(Vehicle.case_id) == col(Case.id),
                col(Vehicle.vin).startswith(vin, autoescape=True),
            )
        )
    if key:
        clauses.append(
            sa.exists().where(
                col(PartyRole.case_id) == col(Case.id),
                col(PartyRole.party_id) == col(Party.id),
                col(Party.name_key).like(f"%{like_literal(key)}%", escape="\\"),
            )
        )
    return sa.or_(*clauses)


def _view_filter(session: ZeroMileSession, view: str) -> Any | None:
    """The condition of a view for the acting login; None when it lists nothing (the
    login is not a registered, active person, or has not the role the view is for)."""
    login = people.acting_login(session)
    person = people.person_for_login(session, login)
    if person is None or not person.active or person.id is None:
        return None
    if view == ASSIGNED_TO_ME:
        return col(Case.assigned_inspector_id) == person.id
    if person.role != InspectorRole.SUPERVISOR.value:
        return None
    units = select(UnitMember.unit_id).where(UnitMember.inspector_id == person.id)
    later = aliased(CaseReview)
    latest_request = (
        sa.select(sa.func.max(col(later.id)))
        .where(
            col(later.case_id) == col(CaseReview.case_id),
            col(later.action) == ReviewAction.REQUESTED.value,
        )
        .scalar_subquery()
    )
    asked_by_me = sa.select(col(CaseReview.case_id)).where(
        col(CaseReview.action) == ReviewAction.REQUESTED.value,
        col(CaseReview.login) == login,
        col(CaseReview.id) == latest_request,
    )
    return sa.and_(
        col(Case.status) == CaseStatus.UNDER_REVIEW.value,
        col(Case.unit_id).in_(units),
        col(Case.id).not_in(asked_by_me),
    )


def case_ids(session: ZeroMileSession, query: CaseQuery) -> list[int]:
    """The ids of the matching cases, in the requested order."""
    if query.sort not in SORTABLE:
        raise ValueError(f"cannot sort by {query.sort!r}")
    statement = select(Case.id)
    if query.view is not None:
        if query.view not in VIEWS:
            raise ValueError(f"no view {query.view!r}")
        condition = _view_filter(session, query.view)
        if condition is None:
            return []
        statement = statement.where(condition)
    if query.text.strip():
        statement = statement.where(_text_filter(query.text.strip()))
    if query.status is not None:
        statement = statement.where(Case.status == query.status.value)
    if query.jurisdiction:
        statement = statement.where(Case.jurisdiction == query.jurisdiction)
    if query.inspector_badge:
        statement = statement.join(
            Inspector, col(Inspector.id) == col(Case.assigned_inspector_id)
        ).where(Inspector.badge_number == query.inspector_badge)
    if query.created_from is not None:
        start = dt.datetime.combine(query.created_from, dt.time(), tzinfo=dt.UTC)
        statement = statement.where(col(Case.created_at) >= start)
    if query.created_to is not None:
        end = dt.datetime.combine(query.created_to + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
        statement = statement.where(col(Case.created_at) < end)
    column = getattr(Case, query.sort)
    order = col(column).desc() if query.descending else col(column).asc()
    tie = col(Case.id).desc() if query.descending else col(Case.id).asc()
    # Core-level execution: no ORM row processing for what may be 100,000 ids.
    found = session.connection().execute(statement.order_by(order, tie)).scalars()
    return [int(i) for i in found if i is not None]


def case_rows(session: ZeroMileSession, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Display rows for the given case ids (one page of the list). How many vehicles'
    findings are out of date is :func:`core.services.staleness.stale_counts` (slower: a
    front end reads it apart, off its display thread)."""
    if not ids:
        return {}
    rows = session.execute(
        sa.select(
            col(Case.id),
            col(Case.reference),
            col(Case.title),
            col(Case.status),
            col(Case.jurisdiction),
            col(Case.priority),
            col(Case.created_at),
            col(Inspector.name),
        )
        .join(Inspector, col(Inspector.id) == col(Case.assigned_inspector_id), isouter=True)
        .where(col(Case.id).in_(list(ids)))
    )  # fmt: skip
    return {
        int(r[0]): {
            "id": r[0], "reference": r[1], "title": r[2], "status": r[3], "jurisdiction": r[4],
            "priority": r[5], "created_at": r[6], "inspector": r[7],
        }
        for r in rows
    }  # fmt: skip
