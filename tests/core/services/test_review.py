"""The four-eyes review: who may request, approve and return; what voids an approval;
the content hash. Different people are different logins: on SQLite the OS login is
patched (and the store's cached login with it); on PostgreSQL the login is the server's
``session_user``, which patching cannot change, so the tests that need two logins skip
there (the coordinator's login roles will cover them)."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Iterator

import pytest
from sqlmodel import col, select

import core.identity
from core.domain.case import CaseStatus
from core.domain.inspector import Inspector, InspectorRole
from core.domain.review import CaseReview
from core.domain.unit import Unit, UnitMember
from core.errors import ValidationError, WorkflowError
from core.identity import os_login
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import (
    cases,
    custody,
    demo,
    evidence,
    notes,
    people,
    review,
    vehicles,
)
from core.services.findings import classify_case

SUPERVISOR = demo.DEMO_SUPERVISOR_LOGIN
OTHER_UNIT_SUPERVISOR = "omar"
SECOND_SUPERVISOR = "saule"
ACTOR = "label only"

ActAs = Callable[[str], None]


@pytest.fixture
def act_as(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[ActAs]:
    """``act_as(login)``: the store's changes and the services' acting login become it."""
    if store.backend == "postgresql":
        pytest.skip("on PostgreSQL the acting login is session_user; patching cannot change it")
    runner = os_login()

    def switch(login: str) -> None:
        monkeypatch.setattr(people, "os_login", lambda: login)
        monkeypatch.setattr(core.identity, "os_login", lambda: login)
        store.__dict__["login"] = login

    switch(runner)
    yield switch


@pytest.fixture
def refs(store: Store, act_as: ActAs) -> dict[str, str]:
    """The demo (its inspector is the runner, its RU case under review by them), a second
    supervisor of the demo unit and a supervisor of another unit."""
    loaded = {d.jurisdiction: d.reference for d in demo.load_demo(store, actor=ACTOR)}
    with unit_of_work(store, actor=ACTOR) as session:
        main = people.get_unit(session, "MAIN")
        other = Unit(code="JO-AQABA", name="Aqaba")
        session.add(other)
        for login, unit, badge in (
            (OTHER_UNIT_SUPERVISOR, other, "JO-0001"),
            (SECOND_SUPERVISOR, main, "KZ-0002"),
        ):
            person = Inspector(
                name=login.title(), badge_number=badge, login=login,
                role=InspectorRole.SUPERVISOR.value,
            )  # fmt: skip
            session.add(person)
            session.flush()
            assert person.id is not None and unit.id is not None
            session.add(UnitMember(inspector_id=person.id, unit_id=unit.id))
    return loaded


def state(store: Store, ref: str) -> review.ReviewState:
    with reading(store) as session:
        return review.review_state(session, cases.get_case(session, ref))


def acks(store: Store, ref: str) -> list[int]:
    return [int(u["finding_id"]) for u in state(store, ref).unconfirmed]


def approve(store: Store, ref: str, ack: list[int] | None = None) -> None:
    with unit_of_work(store, actor=ACTOR) as session:
        review.approve(
            session, ref, comment="checked", acknowledge=acks(store, ref) if ack is None else ack
        )


def status_of(store: Store, ref: str) -> str:
    with reading(store) as session:
        return cases.get_case(session, ref).status


def test_the_demo_case_under_review_was_requested_by_the_runner(
    store: Store, refs: dict[str, str]
) -> None:
    s = state(store, refs["RU"])
    assert s.state == "requested" and s.steps[0].login == os_login()
    assert s.steps[0].person == "Айгерим Сапарова (KZ-0417)"
    assert s.unconfirmed and {u["rule_id"] for u in s.unconfirmed} == {"RU-DEALER"}


def test_a_supervisor_of_the_unit_approves_with_every_acknowledgement(
    store: Store, refs: dict[str, str], act_as: ActAs
) -> None:
    ref = refs["RU"]
    act_as(SUPERVISOR)
    approve(store, ref)
    s = state(store, ref)
    assert status_of(store, ref) == "ready_for_hearing"
    assert s.state == "approved" and s.approval is not None
    assert s.approval.login == SUPERVISOR and s.approval.comment == "checked"
    assert s.approval.person == "Дмитрий Волков (RU-1288)"
    assert [a["finding_id"] for a in s.approval.acknowledged] == acks(store, ref)
    assert s.approval.acknowledged[0]["title_en"] and s.approval.acknowledged[0]["basis"]
    assert s.intact is True and s.approved_hash == s.approval.content_hash
    assert len(s.approval.content_hash) == 64


def test_self_approval_is_refused(store: Store, refs: dict[str, str], act_as: ActAs) -> None:
    ref = refs["RU"]
    with unit_of_work(store, actor=ACTOR) as session:  # the requester, made a supervisor
        person = people.current_person(session)
        assert person is not None
        person.role = InspectorRole.SUPERVISOR.value
    with pytest.raises(WorkflowError, match=r"needs a second person: you \(.*\) requested"):
        approve(store, ref)
    assert status_of(store, ref) == "under_review"


def test_approval_by_a_supervisor_who_edited_the_case_is_refused(
    store: Store, refs: dict[str, str], act_as: ActAs
) -> None:
    ref = refs["RU"]
    act_as(SUPERVISOR)
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, ref)
        vehicle = vehicles.list_vehicles(session, case)[0]
        vehicles.update_vehicle(session, case, vehicle, {"odometer_km": 45210})
        classify_case(session, case)
    with pytest.raises(WorkflowError) as refused:
        approve(store, ref)
    message = str(refused.value)
    assert "needs a supervisor who did not change the case" in message
    assert "vehicle" in message and "odometer_km" in message and SUPERVISOR in message
    assert status_of(store, ref) == "under_review"
    act_as(SECOND_SUPERVISOR)  # another supervisor of the unit may
    approve(store, ref)
    assert status_of(store, ref) == "ready_for_hearing"


def test_a_note_does_not_make_a_supervisor_an_editor(
    store: Store, refs: dict[str, str], act_as: ActAs
) -> None:
    ref = refs["RU"]
    act_as(SUPERVISOR)
    with unit_of_work(store, actor=ACTOR) as session:
        notes.add_note(session, cases.get_case(session, ref), text="looked at it")
    approve(store, ref)
    assert status_of(store, ref) == "ready_for_hearing"


def test_approval_by_a_supervisor_of_another_unit_is_refused(
    store: Store, refs: dict[str, str], act_as: ActAs
) -> None:
    act_as(OTHER_UNIT_SUPERVISOR)
    with pytest.raises(
        WorkflowError, match="needs the supervisor role in unit MAIN; you work in JO-AQABA"
    ):
        approve(store, refs["RU"])


def test_an_inspector_or_a_stranger_cannot_approve(
    store: Store, refs: dict[str, str], act_as: ActAs
) -> None:
    act_as(SUPERVISOR)
    with unit_of_work(store, actor=ACTOR) as session:  # the supervisor asks for a review
        review.request_review(session, refs["KZ"])
    act_as(os_login())
    with pytest.raises(
        WorkflowError,
        match=r"approving .* needs the supervisor role in unit MAIN; you are an inspector",
    ):
        approve(store, refs["KZ"])
    act_as("nobody")
    with pytest.raises(WorkflowError, match="login nobody is not registered"):
        approve(store, refs["KZ"])


def test_a_missing_acknowledgement_is_refused_naming_the_findings(
    store: Store, refs: dict[str, str], act_as: ActAs
) -> None:
    ref = refs["RU"]
    needed = acks(store, ref)
    act_as(SUPERVISOR)
    with pytest.raises(WorkflowError) as refused:
        approve(store, ref, ack=needed[1:])
    message = str(refused.value)
    assert "acknowledgement of each finding whose legal basis is unconfirmed" in message
    assert f"{needed[0]} (RU-DEALER on " in message and f"--ack {needed[0]}" in message
    with pytest.raises(ValidationError, match="999999: not a current finding"):
        approve(store, ref, ack=[*needed, 999999])
    assert status_of(store, ref) == "under_review"


def test_approval_needs_current_findings(store: Store, refs: dict[str, str], act_as: ActAs) -> None:
    ref = refs["RU"]
    with unit_of_work(store, actor=ACTOR) as session:  # the preparer edits, no rules run
        case = cases.get_case(session, ref)
        vehicle = vehicles.list_vehicles(session, case)[0]
        vehicles.update_vehicle(session, case, vehicle, {"odometer_km": 45210})
    act_as(SUPERVISOR)
    with pytest.raises(Exception, match="out of date"):
        approve(store, ref)


def test_status_ready_for_hearing_is_refused_outside_an_approval(
    store: Store, refs: dict[str, str]
) -> None:
    with (
        pytest.raises(WorkflowError, match=r"only through a supervisor's approval: .*--approve"),
        unit_of_work(store, actor=ACTOR) as session,
    ):
        cases.change_status(session, refs["RU"], CaseStatus.READY_FOR_HEARING)


def test_a_change_after_approval_voids_it(
    store: Store, refs: dict[str, str], act_as: ActAs
) -> None:
    ref = refs["RU"]
    act_as(SUPERVISOR)
    approve(store, ref)
    act_as("preparer")
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, ref)
        vehicle = vehicles.list_vehicles(session, case)[0]
        vehicles.update_vehicle(session, case, vehicle, {"odometer_km": 45210})
    s = state(store, ref)
    assert status_of(store, ref) == "under_review"
    assert s.state == "voided" and s.approval is None
    # one void: the server's own check at the commit sees the program's void
    assert [step.action for step in s.steps].count("voided") == 1
    void = s.steps[-1]
    assert "vehicle" in (void.comment or "") and "odometer_km" in (void.comment or "")
    assert void.login == "preparer"
    with reading(store) as session:  # the audit trail names the void and the status move
        case = cases.get_case(session, ref)
        rows = [(r["entity"], r["field"], r["new_value"]) for r in _audit(session, case)]
    assert ("case_review", "action", "voided") in rows
    assert ("case", "status", "under_review") in rows


def _audit(session: object, case: object) -> list[dict[str, object]]:
    from core.services import views

    return views.audit_rows(session, case)  # type: ignore[arg-type]


@pytest.mark.parametrize("what", ["custody", "evidence", "rules", "title", "reopen", "party"])
def test_every_covered_path_voids(
    store: Store, refs: dict[str, str], act_as: ActAs, what: str
) -> None:
    ref = refs["RU"]
    act_as(SUPERVISOR)
    approve(store, ref)
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, ref)
        if what == "custody":
            custody.add_custody(
                session, case, item="key", from_party="A", to_party="B",
                at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC), place="P", purpose="x",
                seal_number=None,            )  # fmt: skip
        elif what == "evidence":
            evidence.add_evidence(
                session, evidence.blob_store_for(store), case, io.BytesIO(b"late photo"),
                original_name="late.txt",            )  # fmt: skip
        elif what == "rules":  # a re-run against a changed vehicle supersedes findings
            vehicle = vehicles.list_vehicles(session, case)[0]
            vehicles.update_vehicle(session, case, vehicle, {"model_year": 2019})
            classify_case(session, case)
        elif what == "title":
            cases.update_case(session, ref, {"title": "renamed"})
        elif what == "party":  # a party has no case of its own: its roles name the cases
            from core.domain.party import Party, PartyRole

            role = session.exec(select(PartyRole).where(PartyRole.case_id == case.id)).first()
            assert role is not None
            party = session.get(Party, role.party_id)
            assert party is not None
            party.identifier = "BIN 999"
        else:
            cases.change_status(session, ref, CaseStatus.UNDER_REVIEW, reason="more work")
    assert state(store, ref).state == "voided"
    assert status_of(store, ref) == "under_review"


def test_notes_and_hearing_details_do_not_void(
    store: Store, refs: dict[str, str], act_as: ActAs
) -> None:
    ref = refs["RU"]
    act_as(SUPERVISOR)
    approve(store, ref)
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, ref)
        notes.add_note(session, case, text="hearing on Monday")
        cases.update_case(session, ref, {"hearing_reference": "H-12"})
        classify_case(session, case)  # nothing changed: no finding added or superseded
    assert state(store, ref).state == "approved"
    assert state(store, ref).intact is True
    assert status_of(store, ref) == "ready_for_hearing"


def test_return_needs_a_supervisor_and_a_reason(
    store: Store, refs: dict[str, str], act_as: ActAs
) -> None:
    ref = refs["RU"]
    with (
        pytest.raises(WorkflowError, match=r"returning .* needs the supervisor role"),
        unit_of_work(store, actor=ACTOR) as session,
    ):
        review.return_case(session, ref, reason="more photos")
    act_as(SUPERVISOR)
    with (
        pytest.raises(ValidationError, match="needs a reason"),
        unit_of_work(store, actor=ACTOR) as session,
    ):
        review.return_case(session, ref, reason="  ")
    with unit_of_work(store, actor=ACTOR) as session:
        review.return_case(session, ref, reason="more photos")
    s = state(store, ref)
    assert s.state == "returned" and s.steps[-1].comment == "more photos"
    assert status_of(store, ref) == "open"


def test_a_draft_must_be_opened_before_a_request(store: Store, act_as: ActAs) -> None:
    demo.load_demo(store, actor=ACTOR)
    with unit_of_work(store, actor=ACTOR) as session:
        ref = cases.create_case(session, title="new", jurisdiction="KZ").reference
    with (
        pytest.raises(WorkflowError, match=rf"needs the case open; {ref} is draft .*status"),
        unit_of_work(store, actor=ACTOR) as session,
    ):
        review.request_review(session, ref)


def test_review_records_are_append_only(store: Store, refs: dict[str, str]) -> None:
    from core.persistence.audit_hook import AuditViolation

    with pytest.raises(AuditViolation), unit_of_work(store, actor=ACTOR) as session:
        record = session.exec(select(CaseReview)).first()
        assert record is not None
        record.comment = "rewritten"
        session.flush()


# --- the content hash -----------------------------------------------------------------------


def _hash(store: Store, ref: str) -> str:
    with reading(store) as session:
        return review.content_hash(session, cases.get_case(session, ref))


def test_the_content_hash_is_stable(store: Store) -> None:
    ref = demo.load_demo(store, actor=ACTOR)[0].reference
    first = _hash(store, ref)
    assert _hash(store, ref) == first and len(first) == 64
    with reading(store) as session:
        content = review.case_content(session, cases.get_case(session, ref))
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    import hashlib

    assert hashlib.sha256(text.encode()).hexdigest() == first  # as documented
    assert content["vehicles"] and content["findings"] and content["exhibits"]
    assert content["custody"] and content["status_history"] and content["parties"]


CHANGES: dict[str, Callable[[Store, str], None]] = {}


def _change(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def register(fn: Callable[..., None]) -> Callable[..., None]:
        CHANGES[name] = fn
        return fn

    return register


@_change("vehicle")
def _vehicle(store: Store, ref: str) -> None:
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, ref)
        vehicles.update_vehicle(
            session, case, vehicles.list_vehicles(session, case)[0], {"odometer_km": 45210}
        )


@_change("shipment")
def _shipment(store: Store, ref: str) -> None:
    from core.domain.shipment import Shipment

    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, ref)
        shipment = session.exec(select(Shipment).where(Shipment.case_id == case.id)).first()
        assert shipment is not None
        shipment.carrier = "another carrier"


@_change("party")
def _party(store: Store, ref: str) -> None:
    from core.domain.party import Party, PartyRole

    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, ref)
        role = session.exec(select(PartyRole).where(PartyRole.case_id == case.id)).first()
        assert role is not None
        party = session.get(Party, role.party_id)
        assert party is not None
        party.identifier = "BIN 123"


@_change("findings")
def _findings(store: Store, ref: str) -> None:
    with unit_of_work(store, actor=ACTOR) as session:
        from core.domain.finding import Finding

        case = cases.get_case(session, ref)
        finding = session.exec(
            select(Finding).where(Finding.case_id == case.id, col(Finding.superseded_at).is_(None))
        ).first()
        assert finding is not None
        finding.superseded_at = dt.datetime.now(dt.UTC)


@_change("exhibit")
def _exhibit(store: Store, ref: str) -> None:
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, ref)
        evidence.add_evidence(
            session, evidence.blob_store_for(store), case, io.BytesIO(b"x"),
            original_name="x.txt",        )  # fmt: skip


@_change("custody")
def _custody(store: Store, ref: str) -> None:
    with unit_of_work(store, actor=ACTOR) as session:
        custody.add_custody(
            session, cases.get_case(session, ref), item="key", from_party="A", to_party="B",
            at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC), place="P", purpose="x",
            seal_number=None,        )  # fmt: skip


@_change("status")
def _status(store: Store, ref: str) -> None:
    with unit_of_work(store, actor=ACTOR) as session:
        cases.change_status(session, ref, CaseStatus.CLOSED, reason="done")


@_change("title")
def _title(store: Store, ref: str) -> None:
    with unit_of_work(store, actor=ACTOR) as session:
        cases.update_case(session, ref, {"title": "renamed"})


@pytest.mark.parametrize("what", sorted(CHANGES))
def test_the_content_hash_changes_with_what_it_covers(store: Store, what: str) -> None:
    ref = demo.load_demo(store, actor=ACTOR)[0].reference
    before = _hash(store, ref)
    CHANGES[what](store, ref)
    assert _hash(store, ref) != before


def test_the_content_hash_ignores_notes_and_administrative_fields(store: Store) -> None:
    ref = demo.load_demo(store, actor=ACTOR)[0].reference
    before = _hash(store, ref)
    with unit_of_work(store, actor=ACTOR) as session:
        notes.add_note(session, cases.get_case(session, ref), text="n")
        cases.update_case(session, ref, {"priority": "urgent", "hearing_reference": "H-1"})
    assert _hash(store, ref) == before
