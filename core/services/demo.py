"""Demo data: realistic sample cases (KZ, RU, JO) from ``resources/samples``, with generated
evidence and custody events, classified.

The demo also sets up its two people for the four-eyes review: the demo inspector
(Айгерим Сапарова) gets the login of whoever runs the demo (the operating-system login
on SQLite, ``session_user`` on PostgreSQL), the demo supervisor (Дмитрий Волков) the
login :data:`DEMO_SUPERVISOR_LOGIN`; both join the demo cases' unit. A login that already
belongs to a registered person is left to them.

The cases go through the same parsers and services as typed input, so the
demo exercises the real write path, audit trail included. Loading is
idempotent: a store that already holds the demo gets nothing twice.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select

import resources
from core.domain.case import Case, CasePriority, CaseStatus
from core.domain.fields import CASE_FIELDS, SHIPMENT_FIELDS, VEHICLE_FIELDS, parse_fields
from core.domain.inspector import Inspector, InspectorRole
from core.domain.party import PartyKind, PartyRoleKind
from core.domain.unit import DEFAULT_UNIT_CODE, UnitMember
from core.evidence.blobs import BlobStore
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.progress import Progress
from core.services import (
    cases,
    custody,
    demo_evidence,
    evidence,
    inspectors,
    notes,
    parties,
    people,
    review,
    shipments,
    vehicles,
)
from core.services.findings import classify_case

DEMO_MARKER_BADGE = "KZ-0417"
#: The demo supervisor's login: another person than the one running the demo.
DEMO_SUPERVISOR_BADGE = "RU-1288"
DEMO_SUPERVISOR_LOGIN = "demo-supervisor"


@dataclass(frozen=True)
class DemoCase:
    reference: str
    title: str
    jurisdiction: str
    created: bool


def load_demo_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.read_text("samples", "demo_cases.json"))
    return data


def _existing(store: Store, titles: list[str]) -> list[DemoCase] | None:
    with reading(store) as session:
        marker = session.exec(
            select(Inspector).where(Inspector.badge_number == DEMO_MARKER_BADGE)
        ).first()
        if marker is None:
            return None
        found = session.exec(
            select(Case).where(col(Case.title).in_(titles)).order_by(col(Case.id))
        ).all()
        return [DemoCase(c.reference, c.title, c.jurisdiction, created=False) for c in found]


def load_demo(store: Store, *, actor: str, progress: Progress | None = None) -> list[DemoCase]:
    """Load the demo cases, one transaction per case; return their references."""
    data = load_demo_data()
    titles = [c["title"] for c in data["cases"]]
    existing = _existing(store, titles)
    if existing is not None:
        return existing
    total = len(data["cases"]) + 1
    blobs = evidence.blob_store_for(store)
    with unit_of_work(store, actor=actor, reason="demo data") as session:
        for person in data["inspectors"]:
            inspectors.add_inspector(
                session,
                name=person["name"],
                badge_number=person["badge_number"],
                role=InspectorRole(person["role"]),
            )
        _demo_logins(session)
    if progress:
        progress(1, total)
    created: list[DemoCase] = []
    for index, spec in enumerate(data["cases"], start=2):
        with unit_of_work(store, actor=actor, reason="demo data") as session:
            case = _load_case(session, spec, blobs)
            created.append(DemoCase(case.reference, case.title, case.jurisdiction, created=True))
        if progress:
            progress(index, total)
    return created


def _demo_logins(session: Any) -> None:
    """The demo inspector acts as whoever runs the demo; the supervisor is someone else."""
    unit = people.get_unit(session, DEFAULT_UNIT_CODE)
    logins = {
        DEMO_MARKER_BADGE: people.acting_login(session),
        DEMO_SUPERVISOR_BADGE: DEMO_SUPERVISOR_LOGIN,
    }
    for badge, login in logins.items():
        person = inspectors.get_inspector(session, badge)
        if people.person_for_login(session, login) is None:
            person.login = login
        assert person.id is not None and unit.id is not None
        session.add(UnitMember(inspector_id=person.id, unit_id=unit.id))
    session.flush()


def _move(session: Any, case: Case, status: CaseStatus) -> None:
    """A demo case under review was asked for by the demo inspector, when they may."""
    if status is CaseStatus.UNDER_REVIEW and case.status == CaseStatus.OPEN.value:
        person = people.current_person(session)
        if person is not None and person.badge_number == DEMO_MARKER_BADGE:
            review.request_review(session, case.reference)
            return
    cases.change_status(session, case.reference, status)


def _load_case(session: Any, spec: dict[str, Any], blobs: BlobStore) -> Case:
    case = cases.create_case(
        session,
        title=spec["title"],
        jurisdiction=spec["jurisdiction"],
        priority=CasePriority(spec["priority"]),
        assigned_badge=spec.get("assigned"),
    )
    if spec.get("fields"):
        cases.update_case(session, case.reference, parse_fields(CASE_FIELDS, spec["fields"]))
    for shipment_spec in spec["shipments"]:
        shipment = shipments.add_shipment(
            session, case, parse_fields(SHIPMENT_FIELDS, shipment_spec["fields"])
        )
        for row in shipment_spec["vehicles"]:
            vehicles.add_vehicle(
                session, case, parse_fields(VEHICLE_FIELDS, row), shipment=shipment
            )
    for party_spec in spec.get("parties", []):
        party = parties.find_or_create_party(
            session,
            name=party_spec["name"],
            kind=PartyKind(party_spec["kind"]),
            country=party_spec.get("country"),
        )
        parties.link_party(session, party, case, PartyRoleKind(party_spec["role"]))
    for text in spec.get("notes", []):
        notes.add_note(session, case, text=text)
    for item in spec.get("evidence", []):
        evidence.add_evidence(
            session,
            blobs,
            case,
            io.BytesIO(demo_evidence.generate(item)),
            original_name=item["name"],
            kind=item["kind"],
            description=item["description"],
            obtained_from=item["source"],
            obtained_date=dt.date.fromisoformat(item["obtained_date"]),
            obtained_by=item["obtained_by"],
            vehicle_ids=[vehicles.find_vehicle(session, case, vin).id or 0 for vin in item["vins"]],
        )
    for event in spec.get("custody", []):
        custody.add_custody(
            session,
            case,
            item=event["item"],
            from_party=event["from"],
            to_party=event["to"],
            at=dt.datetime.fromisoformat(event["at"]),
            place=event["place"],
            purpose=event["purpose"],
            seal_number=event["seal"],
        )
    for status in spec.get("status", []):
        _move(session, case, CaseStatus(status))
    classify_case(session, case)
    return case
