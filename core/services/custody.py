"""Chain of custody: append-only hand-overs of physical items and files, shown in order."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from core.domain.case import Case
from core.domain.evidence import CustodyEvent, EvidenceItem
from core.domain.vehicle import Vehicle
from core.errors import ValidationError
from core.persistence.store import ZeroMileSession
from core.persistence.unit_of_work import unit_of_work
from core.services.cases import get_case
from core.services.evidence import get_exhibit
from core.services.people import acting_label
from core.services.stores import store_for


def add_custody(
    session: ZeroMileSession,
    case: Case,
    *,
    from_party: str,
    to_party: str,
    at: dt.datetime,
    item: str | None = None,
    evidence: EvidenceItem | None = None,
    vehicle: Vehicle | None = None,
    place: str | None = None,
    purpose: str | None = None,
    seal_number: str | None = None,
) -> CustodyEvent:
    """Record one hand-over. The item is named, or taken from the exhibit or vehicle; who
    recorded it is the acting login's person, never a typed name."""
    problems = []
    if not from_party.strip():
        problems.append(("from", "is required"))
    if not to_party.strip():
        problems.append(("to", "is required"))
    name = (item or "").strip()
    if not name and evidence is not None:
        name = f"exhibit {evidence.exhibit_no}: {evidence.original_name}"
    if not name and vehicle is not None:
        name = f"vehicle {vehicle.vin}"
    if not name:
        problems.append(("item", "say what was handed over (an item, an exhibit or a vehicle)"))
    if at.tzinfo is None:
        problems.append(("at", "needs a time zone"))
    if problems:
        raise ValidationError(problems)
    assert case.id is not None
    event = CustodyEvent(
        case_id=case.id,
        evidence_id=evidence.id if evidence else None,
        vehicle_id=vehicle.id if vehicle else None,
        item=name[:300],
        from_party=from_party.strip(),
        to_party=to_party.strip(),
        at=at,
        place=place,
        purpose=purpose,
        seal_number=seal_number,
        recorded_by=acting_label(session),
    )
    session.add(event)
    session.flush()
    return event


def list_custody(session: ZeroMileSession, case: Case) -> list[CustodyEvent]:
    """The case's custody events in the order they happened."""
    return list(
        session.exec(
            select(CustodyEvent)
            .where(CustodyEvent.case_id == case.id)
            .order_by(col(CustodyEvent.at), col(CustodyEvent.id))
        )
    )


def record_handover(
    *,
    db: str,
    actor: str,
    reference: str,
    exhibit: int | None,
    item: str | None,
    from_party: str,
    to_party: str,
    at: str,
    place: str | None = None,
    purpose: str | None = None,
    seal_number: str | None = None,
) -> int:
    """Record one hand-over in case ``reference`` (see :func:`add_custody`): of exhibit
    ``exhibit``, or of the physical ``item``; ``at`` is ISO 8601 with a time zone.
    Returns the event's id; refused fields raise ``ValidationError``."""
    with unit_of_work(store_for(db), actor=actor) as session:
        case = get_case(session, reference)
        evidence = get_exhibit(session, case, exhibit) if exhibit is not None else None
        event = add_custody(
            session,
            case,
            item=item,
            evidence=evidence,
            from_party=from_party,
            to_party=to_party,
            at=dt.datetime.fromisoformat(at),
            place=place,
            purpose=purpose,
            seal_number=seal_number,
        )
        assert event.id is not None
        return event.id
