"""Vehicles of a case: add and edit with plausibility checks; parties linked by role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlmodel import col, select

from core.domain.case import Case
from core.domain.fields import VEHICLE_FIELDS
from core.domain.party import PartyKind, PartyRole, PartyRoleKind
from core.domain.shipment import Shipment
from core.domain.vehicle import Vehicle
from core.domain.vehicle_checks import Problem, Severity, check_vehicle
from core.domain.vin import normalise_vin
from core.errors import NotFoundError, ValidationError
from core.persistence.bulk import insert_rows
from core.persistence.store import ZeroMileSession
from core.persistence.unit_of_work import set_reason
from core.services._editing import apply_changes
from core.services.parties import find_or_create_party, link_party
from core.services.shipments import list_shipments

EDITABLE_FIELDS = frozenset(s.name for s in VEHICLE_FIELDS)

# Vehicle column -> (role, column giving the party's kind)
_PARTY_COLUMNS: dict[str, tuple[PartyRoleKind, str | None]] = {
    "registered_owner": (PartyRoleKind.REGISTERED_OWNER, "registered_owner_type"),
    "exporter": (PartyRoleKind.EXPORTER, None),
    "importer": (PartyRoleKind.IMPORTER, "importer_type"),
    "declarant": (PartyRoleKind.DECLARANT, None),
}


@dataclass
class VehicleResult:
    vehicle: Vehicle
    warnings: list[Problem] = field(default_factory=list)


def _prepare(values: Mapping[str, object]) -> dict[str, object]:
    unknown = set(values) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError([(k, "is not a vehicle field") for k in sorted(unknown)])
    prepared = dict(values)
    if "vin" in prepared:
        raw = prepared["vin"]
        if not isinstance(raw, str) or not raw.strip():
            raise ValidationError([("vin", "a vehicle needs a VIN")])
        prepared["vin_declared"] = raw.strip()
        prepared["vin"] = normalise_vin(raw)
    return prepared


def _checked(facts: Mapping[str, object], *, allow_invalid_vin: bool) -> list[Problem]:
    problems = check_vehicle(facts, today=dt.date.today(), allow_invalid_vin=allow_invalid_vin)
    errors = [(p.field, p.message) for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise ValidationError(errors)
    return problems


def _link_parties(
    session: ZeroMileSession, case: Case, vehicle: Vehicle, *, new_vehicle: bool
) -> None:
    for column, (role, kind_column) in _PARTY_COLUMNS.items():
        name = getattr(vehicle, column)
        if not name:
            continue
        kind_value = getattr(vehicle, kind_column) if kind_column else None
        party = find_or_create_party(
            session, name=name, kind=PartyKind(kind_value) if kind_value else None
        )
        link_party(
            session,
            party,
            case,
            role,
            shipment_id=vehicle.shipment_id,
            vehicle_id=vehicle.id,
            new_vehicle=new_vehicle,
        )


@dataclass
class PreparedVehicle:
    """A vehicle's facts ready to insert, and the warnings of the checks."""

    facts: dict[str, object]
    warnings: list[Problem]


def prepare_import(values: Mapping[str, object], *, today: dt.date) -> PreparedVehicle:
    """Normalise and check one imported row (bulk import inserts it itself); raises
    :class:`ValidationError` with what the checks refuse."""
    prepared = _prepare(values)
    if "vin" not in prepared:
        raise ValidationError([("vin", "a vehicle needs a VIN")])
    problems = check_vehicle(prepared, today=today)
    errors = [(p.field, p.message) for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise ValidationError(errors)
    return PreparedVehicle(prepared, problems)


def link_imported_parties(
    session: ZeroMileSession,
    case: Case,
    vehicles: list[tuple[int, Mapping[str, object]]],
    known: dict[tuple[str, object], int | None],
) -> None:
    """Link the parties named by bulk-imported vehicles (``(id, facts)``), in one statement.

    ``known`` maps (name, kind) to the party's id; the caller keeps it across batches (a
    file names few parties, often)."""
    links = []
    for vehicle_id, facts in vehicles:
        for column, (role, kind_column) in _PARTY_COLUMNS.items():
            name = facts.get(column)
            if not name:
                continue
            kind_value = facts.get(kind_column) if kind_column else None
            if (str(name), kind_value) not in known:
                party = find_or_create_party(
                    session, name=str(name), kind=PartyKind(str(kind_value)) if kind_value else None
                )
                known[(str(name), kind_value)] = party.id
            links.append(
                {
                    "party_id": known[(str(name), kind_value)],
                    "case_id": case.id,
                    "shipment_id": facts.get("shipment_id"),
                    "vehicle_id": vehicle_id,
                    "role": role.value,
                }
            )
    insert_rows(session, PartyRole, links)


def _resolve_shipment(
    session: ZeroMileSession, case: Case, shipment: Shipment | None
) -> int | None:
    if shipment is not None:
        if shipment.case_id != case.id:
            raise ValidationError([("shipment", f"belongs to another case than {case.reference}")])
        return shipment.id
    shipments = list_shipments(session, case)
    if len(shipments) == 1:
        return shipments[0].id
    if len(shipments) > 1:
        raise ValidationError(
            [("shipment", f"case {case.reference} has {len(shipments)} shipments; say which")]
        )
    return None


def add_vehicle(
    session: ZeroMileSession,
    case: Case,
    values: Mapping[str, object],
    *,
    shipment: Shipment | None = None,
    allow_invalid_vin: bool = False,
) -> VehicleResult:
    """Add a vehicle to ``case``. Errors refuse it; warnings come back with it.

    Without ``shipment`` the vehicle joins the case's only shipment, if it has
    exactly one. Named parties are found or created and linked by role.
    """
    prepared = _prepare(values)
    if "vin" not in prepared:
        raise ValidationError([("vin", "a vehicle needs a VIN")])
    warnings = _checked(prepared, allow_invalid_vin=allow_invalid_vin)
    assert case.id is not None
    vehicle = Vehicle(
        case_id=case.id,
        shipment_id=_resolve_shipment(session, case, shipment),
        vin=str(prepared.pop("vin")),
        vin_declared=str(prepared.pop("vin_declared")),
    )
    for key, value in prepared.items():
        setattr(vehicle, key, value)
    session.add(vehicle)
    session.flush()
    _link_parties(session, case, vehicle, new_vehicle=True)
    return VehicleResult(vehicle, warnings)


def update_vehicle(
    session: ZeroMileSession,
    case: Case,
    vehicle: Vehicle,
    changes: Mapping[str, object],
    *,
    expected_version: int | None = None,
    reason: str | None = None,
    allow_invalid_vin: bool = False,
) -> VehicleResult:
    """Change a vehicle's facts; the merged facts are checked as a whole."""
    prepared = _prepare(changes)
    merged = {k: getattr(vehicle, k) for k in EDITABLE_FIELDS} | prepared
    warnings = _checked(merged, allow_invalid_vin=allow_invalid_vin)
    set_reason(session, reason)
    apply_changes(session, vehicle, prepared, expected_version=expected_version)
    _link_parties(session, case, vehicle, new_vehicle=False)
    return VehicleResult(vehicle, warnings)


def list_vehicles(session: ZeroMileSession, case: Case) -> list[Vehicle]:
    return list(
        session.exec(select(Vehicle).where(Vehicle.case_id == case.id).order_by(col(Vehicle.id)))
    )


def find_vehicle(session: ZeroMileSession, case: Case, vin: str) -> Vehicle:
    """A vehicle of ``case`` by VIN (normalised before comparing)."""
    key = normalise_vin(vin)
    found = session.exec(
        select(Vehicle).where(Vehicle.case_id == case.id, Vehicle.vin == key)
    ).first()
    if found is None:
        raise NotFoundError(f"case {case.reference} has no vehicle with VIN {key}")
    return found
