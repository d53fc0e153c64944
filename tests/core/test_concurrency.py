"""Optimistic concurrency: a stale edit is refused with what changed; the other edit survives."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.domain.fields import VEHICLE_FIELDS, parse_fields
from core.errors import ConflictError
from core.persistence.audit_hook import AUDIT_KEY, AuditContext
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, vehicles

A = "Inspector A (KZ-0001)"
B = "Inspector B (KZ-0002)"


def make(store: Store) -> str:
    with unit_of_work(store, actor=A) as session:
        return cases.create_case(session, title="Партия 7", jurisdiction="KZ").reference


def test_an_edit_based_on_an_old_version_is_refused_with_the_current_values(store: Store) -> None:
    ref = make(store)
    with reading(store) as session:
        seen = cases.get_case(session, ref).version
    with unit_of_work(store, actor=A) as session:
        cases.update_case(session, ref, {"title": "Партия 7 (A)"}, expected_version=seen)
    with pytest.raises(ConflictError) as caught, unit_of_work(store, actor=B) as session:
        cases.update_case(session, ref, {"title": "Партия 7 (B)"}, expected_version=seen)
    message = str(caught.value)
    assert "changed by someone else" in message and "Партия 7 (A)" in message
    assert caught.value.current == {"title": "Партия 7 (A)"}
    with reading(store) as session:
        case = cases.get_case(session, ref)
        assert (case.title, case.version) == ("Партия 7 (A)", seen + 1)


def test_status_change_on_an_old_version_is_refused(store: Store) -> None:
    ref = make(store)
    with unit_of_work(store, actor=A) as session:
        cases.update_case(session, ref, {"priority": "high"})
    with pytest.raises(ConflictError), unit_of_work(store, actor=B) as session:
        cases.change_status(session, ref, cases.CaseStatus.OPEN, expected_version=1)


def test_racing_writers_on_postgresql_one_wins_the_other_gets_a_conflict(
    store: Store, postgres_only: object
) -> None:
    """Two workstations load version 1 at the same time; both save."""
    ref = make(store)
    session_a = store.write_session()
    session_b = store.write_session()
    session_a.info[AUDIT_KEY] = AuditContext(actor=A, operation="a" * 32)
    session_b.info[AUDIT_KEY] = AuditContext(actor=B, operation="b" * 32)
    try:
        case_a = cases.get_case(session_a, ref)
        case_b = cases.get_case(session_b, ref)
        assert case_a.version == case_b.version == 1
        cases.update_case(session_a, ref, {"title": "edited at A"})
        session_a.commit()
        with pytest.raises(ConflictError) as caught:
            cases.update_case(session_b, ref, {"title": "edited at B"})
        assert caught.value.current == {"title": "edited at A"}
        assert caught.value.current_version == 2
    finally:
        session_a.close()
        session_b.rollback()
        session_b.close()
    with reading(store) as session:
        case = cases.get_case(session, ref)
        assert (case.title, case.version) == ("edited at A", 2)


def test_a_stale_vehicle_edit_is_refused_and_the_other_edit_survives(store: Store) -> None:
    ref = make(store)
    with unit_of_work(store, actor=A) as session:
        case = cases.get_case(session, ref)
        facts = parse_fields(VEHICLE_FIELDS, {"vin": "LVVDB21B9TD439563", "odometer_km": "12"})
        seen = vehicles.add_vehicle(session, case, facts).vehicle.version
    for actor, km in ((A, "14"), (B, "9")):
        edit = parse_fields(VEHICLE_FIELDS, {"odometer_km": km})
        try:
            with unit_of_work(store, actor=actor) as session:
                case = cases.get_case(session, ref)
                vehicle = vehicles.find_vehicle(session, case, "LVVDB21B9TD439563")
                vehicles.update_vehicle(session, case, vehicle, edit, expected_version=seen)
        except ConflictError as exc:
            assert actor == B
            assert exc.current == {"odometer_km": "14"}
    with reading(store) as session:
        vehicle = vehicles.find_vehicle(session, cases.get_case(session, ref), "LVVDB21B9TD439563")
        assert vehicle.odometer_km == Decimal(14)
