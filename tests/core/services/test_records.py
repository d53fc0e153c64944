"""Saving a shipment or a vehicle as one use case: plain values in, a typed result out,
records found by primary key within their case, refusals as the usual errors."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.errors import ConflictError, NotFoundError, ValidationError, failure_of
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, records, shipments, vehicles
from core.services.stores import locator

ACTOR = "Test Inspector (T-001)"
VIN = "LGXCE4CB8TA000123"


def _case(store: Store, title: str = "Партия 1") -> str:
    with unit_of_work(store, actor=ACTOR) as session:
        return cases.create_case(session, title=title, jurisdiction="KZ").reference


def _shipment(store: Store, reference: str, **values: object) -> int:
    with unit_of_work(store, actor=ACTOR) as session:
        shipment = shipments.add_shipment(session, cases.get_case(session, reference), values)
        assert shipment.id is not None
        return shipment.id


def test_a_new_vehicle_and_an_edit_with_its_version(store: Store) -> None:
    db, reference = locator(store), _case(store)
    shipment_id = _shipment(store, reference, declaration_no="KZ-1")
    saved = records.save_record(
        db=db, actor=ACTOR, reference=reference, kind="vehicle", record_id=None,
        expected_version=None, changes={"vin": VIN, "odometer_km": Decimal("1.234")},
        shipment_id=shipment_id, typed={"odometer_km": "1,234"},
    )  # fmt: skip
    assert isinstance(saved, records.SavedRecord) and saved.kind == "vehicle"
    with reading(store) as session:
        vehicle = vehicles.get_vehicle(session, cases.get_case(session, reference), saved.id)
        assert (vehicle.vin, vehicle.shipment_id, vehicle.version) == (VIN, shipment_id, 1)
    edited = records.save_record(
        db=db, actor=ACTOR, reference=reference, kind="vehicle", record_id=saved.id,
        expected_version=1, changes={"model_year": 2019},
    )  # fmt: skip
    assert edited.id == saved.id and (saved.version, edited.version) == (1, 2)
    again = records.save_record(  # the version a save returns is what the next is checked by
        db=db, actor=ACTOR, reference=reference, kind="vehicle", record_id=saved.id,
        expected_version=edited.version, changes={"model_year": 2021},
    )  # fmt: skip
    assert again.version == 3
    with pytest.raises(ConflictError) as raised:  # the version the editor saw is old now
        records.save_record(
            db=db, actor=ACTOR, reference=reference, kind="vehicle", record_id=saved.id,
            expected_version=1, changes={"model_year": 2020},
        )  # fmt: skip
    failure = failure_of(raised.value)
    assert failure.kind == "conflict" and failure.current == {"model_year": "2021"}


def test_refused_values_and_a_record_that_is_gone(store: Store) -> None:
    db, reference = locator(store), _case(store)
    with pytest.raises(ValidationError) as raised:
        records.save_record(
            db=db, actor=ACTOR, reference=reference, kind="shipment", record_id=None,
            expected_version=None, changes={"colour": "red"},
        )  # fmt: skip
    assert failure_of(raised.value).problems == (("colour", "is not a shipment field"),)
    with pytest.raises(NotFoundError) as gone:
        records.save_record(
            db=db, actor=ACTOR, reference=reference, kind="vehicle", record_id=999_999,
            expected_version=1, changes={"make": "BYD"},
        )  # fmt: skip
    assert failure_of(gone.value).kind == "gone"


def test_a_shipment_named_like_another_shipments_id_is_not_confused(store: Store) -> None:
    db, reference = locator(store), _case(store)
    decoy = _shipment(store, reference, declaration_no="KZ-1")
    second = _shipment(store, reference, declaration_no="KZ-2")
    with unit_of_work(store, actor=ACTOR) as session:
        # The earlier shipment's reference is the later one's id: the lookup by "id,
        # declaration number or reference" hits the wrong one; the primary key cannot.
        case = cases.get_case(session, reference)
        shipments.update_shipment(
            session, shipments.get_shipment(session, case, decoy), {"shipment_ref": str(second)}
        )
        assert shipments.find_shipment(session, case, str(second)).id == decoy
    records.save_record(
        db=db, actor=ACTOR, reference=reference, kind="shipment", record_id=second,
        expected_version=1, changes={"carrier": "Trans-Asia"},
    )  # fmt: skip
    added = records.save_record(
        db=db, actor=ACTOR, reference=reference, kind="vehicle", record_id=None,
        expected_version=None, changes={"vin": VIN}, shipment_id=second,
    )  # fmt: skip
    with reading(store) as session:
        case = cases.get_case(session, reference)
        carriers = {s.id: s.carrier for s in shipments.list_shipments(session, case)}
        assert carriers == {decoy: None, second: "Trans-Asia"}
        assert vehicles.get_vehicle(session, case, added.id).shipment_id == second


def test_records_are_found_by_key_only_within_their_case(store: Store) -> None:
    db, one, other = locator(store), _case(store), _case(store, "Партия 2")
    shipment_id = _shipment(store, other, declaration_no="RU-1")
    with pytest.raises(NotFoundError):
        records.save_record(
            db=db, actor=ACTOR, reference=one, kind="shipment", record_id=shipment_id,
            expected_version=1, changes={"carrier": "X"},
        )  # fmt: skip
    with reading(store) as session, pytest.raises(NotFoundError):
        shipments.get_shipment(session, cases.get_case(session, one), shipment_id)
    detail = records.case_records(db=db, reference=other)
    assert [s["id"] for s in detail["shipments"]] == [shipment_id]
