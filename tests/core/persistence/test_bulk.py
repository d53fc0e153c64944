"""Bulk inserts store exactly what the ORM stores; reserved ids are new and distinct."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlmodel import col, select

from core.domain.vehicle import Vehicle
from core.errors import StoreError
from core.persistence.bulk import insert_rows, reserve_ids
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, vehicles

FACTS: dict[str, object] = {
    "vin": "LVVDB21B6TD000001",
    "declaration_no": "10612050/200326/0000001",
    "make": "Chery",
    "model": "Tiggo 7 Pro",
    "model_year": 2026,
    "engine_cc": 1498,
    "power_hp": Decimal("147.0"),
    "first_registration_date": dt.date(2026, 2, 10),
    "export_licence_date": dt.date(2026, 3, 11),
    "odometer_km": Decimal("25.0"),
    "declared_value": Decimal("11506.00"),
    "currency": "USD",
    "registered_owner": "ООО «Экспорт»",
    "manufacturer_letter": False,
    "preferential_fee_claimed": True,
}

#: A bulk row carries what ``add_vehicle`` derives itself.
ROW = FACTS | {"vin_declared": FACTS["vin"]}

#: What the store fills in itself, so never equal between two rows.
BOOKKEEPING = {"id", "created_at", "updated_at"}


def stored(store: Store, vehicle_id: int) -> dict[str, object]:
    with reading(store) as session:
        vehicle = session.get(Vehicle, vehicle_id)
        assert vehicle is not None
        return {k: v for k, v in vehicle.model_dump().items() if k not in BOOKKEEPING}


def test_a_bulk_inserted_row_reads_back_as_the_orm_would_have_stored_it(store: Store) -> None:
    with unit_of_work(store, actor="t") as session:
        case = cases.create_case(session, title="Bulk", jurisdiction="KZ")
        by_orm = vehicles.add_vehicle(session, case, dict(FACTS))
        assert by_orm.vehicle.id is not None and case.id is not None
        orm_id, case_id = by_orm.vehicle.id, case.id
        (bulk_id,) = reserve_ids(session, Vehicle, 1)
        insert_rows(session, Vehicle, [ROW | {"id": bulk_id, "case_id": case_id}])
    assert stored(store, bulk_id) == stored(store, orm_id)
    with reading(store) as session:
        bulk = session.get(Vehicle, bulk_id)
        assert bulk is not None and bulk.version == 1  # the model's default
        assert bulk.created_at.tzinfo is not None  # a UTC time, as the ORM stores it
        assert bulk.declared_value == Decimal("11506.00") and bulk.engine_cc == 1498


def test_reserved_ids_are_new_distinct_and_follow_rows_inserted_meanwhile(store: Store) -> None:
    with unit_of_work(store, actor="t") as session:
        case = cases.create_case(session, title="Ids", jurisdiction="KZ")
        vehicles.add_vehicle(session, case, dict(FACTS))
        first = reserve_ids(session, Vehicle, 3)
        insert_rows(
            session,
            Vehicle,
            [ROW | {"id": i, "case_id": case.id, "vin": f"LVVDB21B6TD00010{n}"}
             for n, i in enumerate(first)],
        )  # fmt: skip
        second = reserve_ids(session, Vehicle, 2)
        insert_rows(session, Vehicle, [ROW | {"id": i, "case_id": case.id} for i in second])
    assert len(set(first + second)) == 5
    with reading(store) as session:
        ids = session.exec(select(Vehicle.id).order_by(col(Vehicle.id))).all()
    assert len(ids) == 6 and set(first + second) <= set(ids)
    assert min(first) > min(ids)  # above the one already stored


def test_a_row_that_breaks_a_constraint_refuses_the_whole_unit_of_work(store: Store) -> None:
    with (
        pytest.raises(StoreError, match=r"(?i)refused the change.*foreign key"),
        unit_of_work(store, actor="t") as session,
    ):
        case = cases.create_case(session, title="Kept?", jurisdiction="KZ")
        ids = reserve_ids(session, Vehicle, 2)
        insert_rows(
            session,
            Vehicle,
            [ROW | {"id": ids[0], "case_id": case.id}, ROW | {"id": ids[1], "case_id": 999_999}],
        )
    with reading(store) as session:
        assert session.exec(select(Vehicle)).all() == []
        assert [c.title for c in cases.list_cases(session)] == []
