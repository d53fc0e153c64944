"""Cases: references, fields and the status workflow."""

from __future__ import annotations

import datetime as dt

import pytest

from core.domain.case import TRANSITIONS, Case, CaseStatus, reason_required
from core.domain.inspector import InspectorRole
from core.errors import NotFoundError, ValidationError, WorkflowError
from core.persistence.store import Store, ZeroMileSession
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, inspectors

ACTOR = "Дмитрий Волков (RU-1288)"
TITLE = "Партия 7: Chery Tiggo <b>& «Хоргос» 奇瑞 شركة"


def make(store: Store, title: str = TITLE, jurisdiction: str = "KZ") -> str:
    with unit_of_work(store, actor=ACTOR) as session:
        return cases.create_case(session, title=title, jurisdiction=jurisdiction).reference


PATH_TO = {
    CaseStatus.DRAFT: [],
    CaseStatus.OPEN: ["open"],
    CaseStatus.UNDER_REVIEW: ["open", "under_review"],
    CaseStatus.READY_FOR_HEARING: ["open", "under_review", "ready_for_hearing"],
    CaseStatus.CLOSED: ["closed"],
}


def move(session: ZeroMileSession, ref: str, status: CaseStatus, reason: str | None) -> Case:
    """``change_status``, as an approval would call it for ready_for_hearing (these tests
    are about the workflow table; who may approve is tests/core/services/test_review.py)."""
    if status is CaseStatus.READY_FOR_HEARING:
        session.info[cases.APPROVAL_KEY] = cases.get_case(session, ref).id
    try:
        return cases.change_status(session, ref, status, reason=reason)
    finally:
        session.info.pop(cases.APPROVAL_KEY, None)


def case_in(store: Store, status: CaseStatus) -> str:
    ref = make(store)
    for step in PATH_TO[status]:
        with unit_of_work(store, actor=ACTOR) as session:
            move(session, ref, CaseStatus(step), "setup")
    return ref


def status_of(store: Store, ref: str) -> str:
    with reading(store) as session:
        return cases.get_case(session, ref).status


def test_references_count_up_per_year(store: Store) -> None:
    year = dt.datetime.now(dt.UTC).year
    refs = [make(store) for _ in range(3)]
    assert refs == [f"ZM-{year}-{n:06d}" for n in (1, 2, 3)]


def test_a_rolled_back_creation_does_not_burn_a_reference(store: Store) -> None:
    make(store)
    with pytest.raises(RuntimeError), unit_of_work(store, actor=ACTOR) as session:
        cases.create_case(session, title="x", jurisdiction="KZ")
        raise RuntimeError
    assert make(store).endswith("000002")


def test_title_in_any_script_with_markup_characters_round_trips(store: Store) -> None:
    ref = make(store)
    with reading(store) as session:
        assert cases.get_case(session, ref.lower()).title == TITLE


def test_an_empty_title_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError, match="title: is required"):
        make(store, title="   ")


def test_unknown_references_are_not_found(store: Store) -> None:
    with reading(store) as session:
        with pytest.raises(NotFoundError, match="no case ZM-2026-000999"):
            cases.get_case(session, "ZM-2026-000999")
        with pytest.raises(NotFoundError, match="not a case reference"):
            cases.get_case(session, "case 12")


def test_assigning_an_inspector_by_badge(store: Store) -> None:
    ref = make(store)
    with unit_of_work(store, actor=ACTOR) as session:
        inspectors.add_inspector(
            session, name="Айгерим Сапарова", badge_number="KZ-0417", role=InspectorRole.INSPECTOR
        )
        cases.update_case(session, ref, {"assigned_inspector": "KZ-0417"})
    with reading(store) as session:
        assert cases.get_case(session, ref).assigned_inspector_id is not None
    with (
        pytest.raises(NotFoundError, match="no inspector with badge 'XX-1'"),
        unit_of_work(store, actor=ACTOR) as session,
    ):
        cases.update_case(session, ref, {"assigned_inspector": "XX-1"})


def test_only_editable_fields_can_be_set(store: Store) -> None:
    ref = make(store)
    with (
        pytest.raises(ValidationError, match="status: cannot be set here"),
        unit_of_work(store, actor=ACTOR) as session,
    ):
        cases.update_case(session, ref, {"status": "closed"})


def test_the_happy_path_to_a_hearing_and_closure(store: Store) -> None:
    ref = make(store)
    for status in ("open", "under_review", "ready_for_hearing"):
        with unit_of_work(store, actor=ACTOR) as session:
            move(session, ref, CaseStatus(status), None)
        assert status_of(store, ref) == status
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.change_status(session, ref, CaseStatus.CLOSED, reason="penalty imposed")
        assert case.closing_reason == "penalty imposed"
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.change_status(session, ref, CaseStatus.OPEN, reason="appeal upheld")
        assert case.closing_reason is None


@pytest.mark.parametrize(
    ("old", "new"), [(o, n) for o in CaseStatus for n in CaseStatus if o is not n]
)
def test_the_workflow_allows_exactly_its_transitions(
    store: Store, old: CaseStatus, new: CaseStatus
) -> None:
    ref = case_in(store, old)
    allowed = new in TRANSITIONS[old]
    if allowed:
        with unit_of_work(store, actor=ACTOR) as session:
            move(session, ref, new, "because")
        assert status_of(store, ref) == new.value
    else:
        with (
            pytest.raises(WorkflowError, match="cannot go from"),
            unit_of_work(store, actor=ACTOR) as session,
        ):
            cases.change_status(session, ref, new, reason="because")
        assert status_of(store, ref) == old.value


@pytest.mark.parametrize(
    ("old", "new"), [(o, n) for o in CaseStatus for n in TRANSITIONS[o] if reason_required(o, n)]
)
def test_closing_reopening_and_sending_back_need_a_reason(
    store: Store, old: CaseStatus, new: CaseStatus
) -> None:
    ref = case_in(store, old)
    with (
        pytest.raises(WorkflowError, match="needs a reason"),
        unit_of_work(store, actor=ACTOR) as session,
    ):
        cases.change_status(session, ref, new, reason="  ")
    assert status_of(store, ref) == old.value


def test_forward_moves_need_no_reason() -> None:
    assert not reason_required(CaseStatus.DRAFT, CaseStatus.OPEN)
    assert not reason_required(CaseStatus.UNDER_REVIEW, CaseStatus.READY_FOR_HEARING)
    assert reason_required(CaseStatus.READY_FOR_HEARING, CaseStatus.UNDER_REVIEW)
