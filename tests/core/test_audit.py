"""Every write leaves field-level audit events in the same transaction; nothing bypasses it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlmodel import select

from core.domain import AuditEvent, Case, Note
from core.domain.audit import SERVER_ACTIONS
from core.domain.case import CaseStatus
from core.domain.fields import VEHICLE_FIELDS, parse_fields
from core.persistence.audit_hook import AuditViolation
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, notes, parties, shipments, vehicles, views

ACTOR = "Айгерим Сапарова (KZ-0417)"


def events(store: Store, **where: object) -> list[AuditEvent]:
    """The program's own events (on PostgreSQL the server's row records come in addition;
    tests/core/persistence/test_pg_security.py covers those)."""
    with reading(store) as session:
        query = select(AuditEvent).order_by(AuditEvent.id)  # type: ignore[arg-type]
        query = query.where(AuditEvent.action.not_in(sorted(SERVER_ACTIONS)))  # type: ignore[attr-defined]
        for key, value in where.items():
            query = query.where(getattr(AuditEvent, key) == value)
        return list(session.exec(query))


def new_case(store: Store, title: str = "Партия 7") -> str:
    with unit_of_work(store, actor=ACTOR) as session:
        return cases.create_case(session, title=title, jurisdiction="KZ").reference


def expected_login(store: Store) -> str:
    """Who the trail must name: the server's session user, or this process's OS login."""
    if store.backend == "postgresql":
        assert store.url.username
        return store.url.username
    import getpass

    return getpass.getuser()


def test_creating_a_case_records_each_field_with_actor_and_utc_time(store: Store) -> None:
    before = dt.datetime.now(dt.UTC)
    ref = new_case(store)
    created = events(store, entity="case", action="create")
    by_field = {e.field: e for e in created}
    assert by_field["reference"].new_value == ref
    assert by_field["title"].new_value == "Партия 7"
    assert by_field["jurisdiction"].new_value == "KZ"
    assert by_field["status"].new_value == "draft"
    assert all(e.old_value is None and e.actor == expected_login(store) for e in created)
    assert all(
        e.at.tzinfo is not None and e.at >= before - dt.timedelta(seconds=1) for e in created
    )
    assert len({e.operation for e in created}) == 1
    assert "version" not in by_field and "id" not in by_field


def test_an_edit_records_old_and_new_value_and_reason(store: Store) -> None:
    ref = new_case(store)
    with unit_of_work(store, actor=ACTOR) as session:
        cases.update_case(
            session,
            ref,
            {"title": "Партия 7: Chery Tiggo", "hearing_date": dt.date(2026, 12, 22)},
            reason="уточнено по накладной",
        )
    updates = events(store, entity="case", action="update")
    assert {(e.field, e.old_value, e.new_value, e.reason) for e in updates} == {
        ("title", "Партия 7", "Партия 7: Chery Tiggo", "уточнено по накладной"),
        ("hearing_date", None, "2026-12-22", "уточнено по накладной"),
    }


def test_status_changes_are_audited_with_their_reason(store: Store) -> None:
    ref = new_case(store)
    with unit_of_work(store, actor=ACTOR) as session:
        cases.change_status(session, ref, CaseStatus.CLOSED, reason="duplicate of ZM-2026-000001")
    changes = {e.field: e for e in events(store, entity="case", action="update")}
    assert (changes["status"].old_value, changes["status"].new_value) == ("draft", "closed")
    assert changes["closing_reason"].new_value == "duplicate of ZM-2026-000001"
    assert changes["status"].reason == "duplicate of ZM-2026-000001"


def test_vehicle_shipment_party_and_note_writes_are_audited(store: Store) -> None:
    ref = new_case(store)
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, ref)
        shipment = shipments.add_shipment(session, case, {"declaration_no": "KZ-1"})
        result = vehicles.add_vehicle(
            session,
            case,
            parse_fields(
                VEHICLE_FIELDS,
                {"vin": "LVVDB21B9TD439563", "odometer_km": "12", "exporter": "广州汽车出口"},
            ),
            shipment=shipment,
        )
        notes.add_note(session, case, text="Осмотр вагона")
        vehicle_id = result.vehicle.id
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, ref)
        vehicle = vehicles.find_vehicle(session, case, "LVVDB21B9TD439563")
        vehicles.update_vehicle(
            session, case, vehicle, {"odometer_km": Decimal("14")}, reason="photo 3"
        )
    trail = events(store)
    kinds = {(e.entity, e.action) for e in trail}
    assert {
        ("shipment", "create"),
        ("vehicle", "create"),
        ("note", "create"),
        ("party", "create"),
        ("party_role", "create"),
        ("vehicle", "update"),
    } <= kinds
    odometer = [e for e in trail if e.entity == "vehicle" and e.field == "odometer_km"]
    assert [(e.action, e.old_value, e.new_value) for e in odometer] == [
        ("create", None, "12"),
        ("update", "12", "14"),
    ]
    assert all(e.entity_id == vehicle_id for e in odometer)
    assert all(e.case_id is not None for e in trail if e.entity != "party")


def test_a_failed_unit_of_work_leaves_neither_change_nor_events(store: Store) -> None:
    ref = new_case(store)
    count = len(events(store))
    with pytest.raises(RuntimeError, match="boom"), unit_of_work(store, actor=ACTOR) as session:
        cases.update_case(session, ref, {"title": "half-written"})
        raise RuntimeError("boom")
    assert len(events(store)) == count
    with reading(store) as session:
        assert cases.get_case(session, ref).title == "Партия 7"


def test_writes_outside_a_unit_of_work_are_refused(store: Store) -> None:
    ref = new_case(store)
    session = store.write_session()
    try:
        case = session.exec(select(Case).where(Case.reference == ref)).one()
        case.title = "sneaky"
        with pytest.raises(AuditViolation, match="bypass the audit trail"):
            session.commit()
    finally:
        session.rollback()
        session.close()
    with reading(store) as session:
        assert cases.get_case(session, ref).title == "Партия 7"


def test_notes_are_append_only(store: Store) -> None:
    ref = new_case(store)
    with unit_of_work(store, actor=ACTOR) as session:
        notes.add_note(session, cases.get_case(session, ref), text="first")
    with (
        pytest.raises(AuditViolation, match="append-only"),
        unit_of_work(store, actor=ACTOR) as session,
    ):
        session.exec(select(Note)).one().text = "rewritten"
    with (
        pytest.raises(AuditViolation, match="append-only"),
        unit_of_work(store, actor=ACTOR) as session,
    ):
        session.delete(session.exec(select(Note)).one())
    with reading(store) as session:
        assert [n.text for n in notes.list_notes(session, cases.get_case(session, ref))] == [
            "first"
        ]


def test_audit_events_cannot_be_edited_or_deleted_through_the_session(store: Store) -> None:
    new_case(store)
    with pytest.raises(AuditViolation), unit_of_work(store, actor=ACTOR) as session:
        session.exec(select(AuditEvent)).first().new_value = "forged"  # type: ignore[union-attr]
    with pytest.raises(AuditViolation), unit_of_work(store, actor=ACTOR) as session:
        session.delete(session.exec(select(AuditEvent)).first())


def test_the_case_trail_lists_events_oldest_first(store: Store) -> None:
    ref = new_case(store)
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, ref)
        party = parties.find_or_create_party(session, name="ТОО «Брокер Плюс»")
        parties.link_party(session, party, case, parties.PartyRoleKind.DECLARANT)
    with reading(store) as session:
        rows = views.audit_rows(session, cases.get_case(session, ref))
    assert rows[0]["entity"] == "case" and rows[0]["action"] == "create"
    assert rows[-1]["entity"] == "party_role"
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)


def test_the_recorded_actor_is_the_login_whatever_name_the_client_gives(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZEROMILE_INSPECTOR", "Anyone at all")
    with unit_of_work(store, actor="Anyone at all") as session:
        reference = cases.create_case(session, title="Spoof", jurisdiction="KZ").reference
    recorded = {e.actor for e in events(store)}
    assert recorded == {expected_login(store)}
    assert "Anyone at all" not in recorded
    assert reference.startswith("ZM-")
