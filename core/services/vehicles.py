"""Vehicles of a case: add and edit with plausibility checks; parties linked by role.

A vehicle is recorded as declared: a malformed VIN, dates out of order or an odd
value are warnings, never a refusal (the rules make findings of them). The text as
written is kept where the stored value does not say it all (``declared_text``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlmodel import col, select

from core.domain import bounds, values
from core.domain.case import Case
from core.domain.declared_text import Issue, WrittenCell, decode, encode
from core.domain.fields import VEHICLE_FIELDS, check_fit
from core.domain.party import PartyKind, PartyRole, PartyRoleKind
from core.domain.shipment import Shipment
from core.domain.types import render_value
from core.domain.vehicle import Vehicle
from core.domain.vehicle_checks import DQ_DATE_PAIRS, Problem, Severity, check_vehicle
from core.domain.vin import normalise_vin
from core.errors import NotFoundError, ValidationError
from core.persistence.bulk import insert_rows
from core.persistence.store import ZeroMileSession
from core.persistence.unit_of_work import set_reason
from core.services._editing import apply_changes, check_reason
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


_NUMBER_FIELDS = frozenset(
    s.name
    for s in VEHICLE_FIELDS
    if s.parse
    in (values.parse_count, values.parse_amount, values.parse_power, values.parse_odometer_km)
)


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def written_cells(
    facts: Mapping[str, object],
    *,
    kept: Mapping[str, WrittenCell] | None = None,
    typed: Mapping[str, str] | None = None,
    raw_dates: Mapping[str, str] | None = None,
) -> dict[str, WrittenCell]:
    """The cells to keep as written for a vehicle with ``facts``.

    ``kept`` are cells already kept (the reader's, or the stored ones of unchanged
    fields); ``typed`` is the text the user typed per field (an ambiguous number is
    kept); ``raw_dates`` the text of date cells as written. A date out of order with
    another (DQ-DATE-ORDER) is kept where its text differs from the stored date.
    """
    cells = {k: c for k, c in (kept or {}).items() if c.issue != Issue.OUT_OF_ORDER}
    typed = typed or {}
    for name, text in typed.items():
        if (
            name in _NUMBER_FIELDS
            and facts.get(name) is not None
            and values.is_ambiguous_number(text)
        ):
            cells[name] = WrittenCell(
                text.strip(), Issue.AMBIGUOUS, f"read as {render_value(facts[name])}"
            )
    texts = {**(raw_dates or {}), **typed}
    for pair in DQ_DATE_PAIRS:
        a, b = facts.get(pair[0]), facts.get(pair[1])
        if not (isinstance(a, dt.date) and isinstance(b, dt.date) and b < a):
            continue
        for name in pair:
            text = texts.get(name, "").strip()
            if name not in cells and text and text != _iso(facts[name]):
                cells[name] = WrittenCell(text, Issue.OUT_OF_ORDER, "dates out of order")
    return cells


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
        check_fit(Vehicle, {"vin": prepared["vin_declared"]})
        vin = str(prepared["vin"])
        limit = bounds.bound(Vehicle, "vin").max_chars
        if limit is not None and len(vin) > limit:
            raise ValidationError(
                [("vin", f"is {len(vin):,} characters long once normalised; at most {limit}")]
            )
    return prepared


def _checked(facts: Mapping[str, object]) -> list[Problem]:
    problems = check_vehicle(facts, today=dt.date.today())
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
    """A vehicle's facts ready to insert, the warnings of the checks, and the values the
    checks refused (``(field, value as text, reason)``: left unknown, kept as written)."""

    facts: dict[str, object]
    warnings: list[Problem]
    refused: list[tuple[str, str, str]] = field(default_factory=list)


def prepare_import(
    facts: Mapping[str, object],
    *,
    today: dt.date,
    written: Mapping[str, WrittenCell] | None = None,
    raw_dates: Mapping[str, str] | None = None,
) -> PreparedVehicle:
    """Normalise and check one imported row (bulk import inserts it itself).

    The row is recorded as declared: a value the checks refuse (a model year of 3024)
    is left unknown and kept as written, and comes back in ``refused``. Only a row
    without a VIN raises :class:`ValidationError`: there is no vehicle to record."""
    prepared = _prepare(facts)
    if "vin" not in prepared:
        raise ValidationError([("vin", "a vehicle needs a VIN; the row was not imported")])
    problems = check_vehicle(prepared, today=today)
    cells = dict(written or {})
    refused = []
    for p in problems:
        if p.severity is Severity.ERROR and p.field in prepared:
            if p.field == "vin":
                raise ValidationError([("vin", p.message)])
            text = _iso(prepared.pop(p.field))
            cells[p.field] = WrittenCell(text, Issue.UNREADABLE, p.message)
            refused.append((p.field, text, p.message))
    prepared["declared_text"] = encode(written_cells(prepared, kept=cells, raw_dates=raw_dates))
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    return PreparedVehicle(prepared, warnings, refused)


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
    facts: Mapping[str, object],
    *,
    shipment: Shipment | None = None,
    typed: Mapping[str, str] | None = None,
) -> VehicleResult:
    """Add a vehicle to ``case``. Errors refuse it; warnings come back with it.

    A malformed VIN is recorded as declared (a warning; the rules find ``VIN-FORMAT``).
    ``typed`` is the text the user typed per field, kept where it matters (an
    ambiguous number, a date out of order). A value the store cannot hold is refused
    (:func:`core.domain.fields.check_fit`). Without ``shipment`` the vehicle joins
    the case's only shipment, if it has exactly one. Named parties are found or
    created and linked by role.
    """
    prepared = _prepare(facts)
    if "vin" not in prepared:
        raise ValidationError([("vin", "a vehicle needs a VIN")])
    check_fit(Vehicle, prepared)
    warnings = _checked(prepared)
    prepared["declared_text"] = encode(written_cells(prepared, typed=typed))
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
    typed: Mapping[str, str] | None = None,
) -> VehicleResult:
    """Change a vehicle's facts; the merged facts are checked as a whole.

    A changed field's kept text is dropped (the new value replaces what was written;
    the audit trail keeps the old one)."""
    prepared = _prepare(changes)
    merged = {k: getattr(vehicle, k) for k in EDITABLE_FIELDS} | prepared
    warnings = _checked(merged)
    check_reason(reason)
    kept = {k: c for k, c in decode(vehicle.declared_text).items() if k not in prepared}
    declared_text = encode(written_cells(merged, kept=kept, typed=typed))
    if declared_text != vehicle.declared_text:
        prepared["declared_text"] = declared_text
    set_reason(session, reason)
    apply_changes(session, vehicle, prepared, expected_version=expected_version)
    _link_parties(session, case, vehicle, new_vehicle=False)
    return VehicleResult(vehicle, warnings)


def list_vehicles(session: ZeroMileSession, case: Case) -> list[Vehicle]:
    return list(
        session.exec(select(Vehicle).where(Vehicle.case_id == case.id).order_by(col(Vehicle.id)))
    )


def get_vehicle(session: ZeroMileSession, case: Case, vehicle_id: int) -> Vehicle:
    """The vehicle of ``case`` with primary key ``vehicle_id``; ``NotFoundError`` if
    ``case`` has none such (deleted meanwhile, or another case's)."""
    vehicle = session.get(Vehicle, vehicle_id)
    if vehicle is None or vehicle.case_id != case.id:
        raise NotFoundError(f"case {case.reference} has no vehicle with id {vehicle_id}")
    return vehicle


def find_vehicle(
    session: ZeroMileSession, case: Case, vin: str, *, vehicle_id: int | None = None
) -> Vehicle:
    """A vehicle of ``case`` by VIN (normalised before comparing).

    A VIN declared twice is two vehicles: then ``vehicle_id`` says which, and without
    it the lookup is refused naming their ids."""
    key = normalise_vin(vin)
    query = select(Vehicle).where(Vehicle.case_id == case.id, Vehicle.vin == key)
    if vehicle_id is not None:
        query = query.where(Vehicle.id == vehicle_id)
    found = list(session.exec(query.order_by(col(Vehicle.id)).limit(20)))
    if not found:
        which = f" and id {vehicle_id}" if vehicle_id is not None else ""
        raise NotFoundError(f"case {case.reference} has no vehicle with VIN {key}{which}")
    if len(found) > 1:
        ids = ", ".join(str(v.id) for v in found)
        raise ValidationError(
            [
                (
                    "vin",
                    f"{key} is declared for {len(found)} vehicles (ids {ids}); say which with --id",
                )
            ]
        )
    return found[0]
