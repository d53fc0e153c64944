"""Parties: one row per company or person, linked to cases by role."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from core.domain import bounds, names
from core.domain.case import Case
from core.domain.fields import check_fit
from core.domain.party import Party, PartyKind, PartyRole, PartyRoleKind
from core.errors import ValidationError
from core.persistence.store import TRANSACTION_CACHE_PREFIX, ZeroMileSession

_CACHE_KEY = TRANSACTION_CACHE_PREFIX + "parties"


def name_key(name: str) -> str:
    """A party's stored key: the name as compared (rules.md, ``core.domain.names``)."""
    return names.name_key(name) or ""


def find_or_create_party(
    session: ZeroMileSession,
    *,
    name: str,
    kind: PartyKind | None = None,
    country: str | None = None,
) -> Party:
    """The party with this name (and country, when given), created if new.

    The name is kept exactly as first written, in any script; one longer than the
    store keeps (also once normalised for comparison) is refused.
    """
    clean = name.strip()
    if not clean:
        raise ValidationError([("name", "is required")])
    check_fit(Party, {"name": clean, "country": country})
    key = name_key(clean)
    limit = bounds.bound(Party, "name_key").max_chars
    if limit is not None and len(key) > limit:
        raise ValidationError(
            [("name", f"is {len(key):,} characters long once normalised; at most {limit:,}")]
        )
    # Parties met earlier in this transaction (a shipment names the same exporter
    # on every vehicle) are not looked up again.
    cache: dict[tuple[str, str | None], Party] = session.info.setdefault(_CACHE_KEY, {})
    existing = cache.get((key, country))
    if existing is None:
        query = select(Party).where(Party.name_key == key)
        if country is not None:
            query = query.where(Party.country == country)
        existing = session.exec(query.order_by(col(Party.id))).first()
    if existing is not None:
        cache[(key, country)] = existing
        if kind is not None and existing.kind != kind.value:
            raise ValidationError(
                [("kind", f"{existing.name!r} is recorded as {existing.kind}, not {kind.value}")]
            )
        return existing
    party = Party(
        name=clean,
        name_key=key,
        kind=(kind or PartyKind.LEGAL_ENTITY).value,
        country=country,
    )
    session.add(party)
    session.flush()
    cache[(key, country)] = party
    return party


def link_party(
    session: ZeroMileSession,
    party: Party,
    case: Case,
    role: PartyRoleKind,
    *,
    shipment_id: int | None = None,
    vehicle_id: int | None = None,
    new_vehicle: bool = False,
) -> PartyRole:
    """Record the party's role in the case (idempotent).

    ``new_vehicle=True`` says the vehicle was created in this transaction, so
    no link can exist yet and none is looked up.
    """
    assert party.id is not None and case.id is not None
    existing = (
        None
        if new_vehicle
        else session.exec(
            select(PartyRole).where(
                PartyRole.party_id == party.id,
                PartyRole.case_id == case.id,
                PartyRole.shipment_id == shipment_id,
                PartyRole.vehicle_id == vehicle_id,
                PartyRole.role == role.value,
            )
        ).first()
    )
    if existing is not None:
        return existing
    link = PartyRole(
        party_id=party.id,
        case_id=case.id,
        shipment_id=shipment_id,
        vehicle_id=vehicle_id,
        role=role.value,
    )
    session.add(link)
    return link


@dataclass(frozen=True)
class CaseParty:
    party: Party
    roles: tuple[str, ...]


def case_parties(session: ZeroMileSession, case: Case) -> list[CaseParty]:
    """Each party of the case once, with its distinct roles."""
    rows = session.exec(
        select(Party, PartyRole.role)
        .join(PartyRole, col(PartyRole.party_id) == col(Party.id))
        .where(PartyRole.case_id == case.id)
        .order_by(col(Party.name), col(PartyRole.role))
    ).all()
    by_party: dict[int, tuple[Party, list[str]]] = {}
    for party, role in rows:
        assert party.id is not None
        entry = by_party.setdefault(party.id, (party, []))
        if role not in entry[1]:
            entry[1].append(role)
    return [CaseParty(p, tuple(r)) for p, r in by_party.values()]
