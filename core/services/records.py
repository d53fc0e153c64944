"""Use cases of a case's records (shipments and vehicles): plain values in, one
transaction each, a typed result out. The window's Shipments & Vehicles room calls them
through its operations; refusals raise the usual errors (``ValidationError`` with the
refused fields, ``ConflictError`` with the stored values, ``NotFoundError`` for a record
that is gone), which the front end receives as a :class:`core.errors.Failure`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from core.errors import ValidationError
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, shipments, vehicles, views
from core.services.stores import store_for

RecordKind = Literal["shipment", "vehicle"]
SHIPMENT: RecordKind = "shipment"
VEHICLE: RecordKind = "vehicle"


@dataclass(frozen=True)
class SavedRecord:
    """A record that was saved: its kind, its id, its version now (what the next edit is
    checked against) and the warnings it was saved with (``(field, message)``:
    plausibility checks that do not refuse a vehicle)."""

    kind: RecordKind
    id: int
    version: int
    warnings: tuple[tuple[str, str], ...] = ()


def save_record(
    *,
    db: str,
    actor: str,
    reference: str,
    kind: RecordKind,
    record_id: int | None,
    expected_version: int | None,
    changes: Mapping[str, object],
    shipment_id: int | None = None,
    typed: Mapping[str, str] | None = None,
) -> SavedRecord:
    """Save one shipment or vehicle of case ``reference``: a new one when ``record_id``
    is None, else the changed fields of the record with that primary key, checked
    against ``expected_version`` (the version the editor saw).

    ``changes`` are parsed field values; ``shipment_id`` is the shipment a new vehicle
    joins (None: the case's only shipment, if it has one); ``typed`` is the text typed
    per changed vehicle field (kept where the value does not say it all, e.g. an
    ambiguous ``1,234``). Raises ``ValidationError``, ``ConflictError`` (another writer
    came first; ``current`` holds the stored values) or ``NotFoundError`` (the record
    or the case is gone); nothing is written then.
    """
    if kind not in (SHIPMENT, VEHICLE):
        raise ValidationError([("kind", f"{kind!r} is not a shipment or a vehicle")])
    with unit_of_work(store_for(db), actor=actor) as session:
        case = cases.get_case(session, reference)
        if kind == SHIPMENT:
            if record_id is None:
                shipment = shipments.add_shipment(session, case, changes)
            else:
                shipment = shipments.get_shipment(session, case, record_id)
                shipments.update_shipment(
                    session, shipment, changes, expected_version=expected_version
                )
            session.flush()  # the version counter moves at the flush
            assert shipment.id is not None
            return SavedRecord(SHIPMENT, shipment.id, shipment.version)
        if record_id is None:
            target = (
                None if shipment_id is None else shipments.get_shipment(session, case, shipment_id)
            )
            result = vehicles.add_vehicle(session, case, changes, shipment=target, typed=typed)
        else:
            vehicle = vehicles.get_vehicle(session, case, record_id)
            result = vehicles.update_vehicle(
                session, case, vehicle, changes, expected_version=expected_version, typed=typed
            )
        session.flush()
        assert result.vehicle.id is not None
        warnings = tuple((w.field, w.message) for w in result.warnings)
        return SavedRecord(VEHICLE, result.vehicle.id, result.vehicle.version, warnings)


def case_records(*, db: str, reference: str) -> dict[str, Any]:
    """Case ``reference`` as plain data (``core.services.views.case_detail``: its
    shipments, vehicles, imports, out-of-date findings), read in one snapshot."""
    with reading(store_for(db)) as session:
        return views.case_detail(session, cases.get_case(session, reference))
