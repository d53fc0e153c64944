"""Finding cases: text search over references, VINs, parties and declarations; filters; order."""

from __future__ import annotations

import datetime as dt

import pytest

from core.domain.case import CaseStatus
from core.domain.party import PartyRoleKind
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, demo, parties, people, review, shipments, vehicles
from core.services.case_search import CaseQuery, case_ids, case_rows


@pytest.fixture
def refs(store: Store) -> dict[str, str]:
    return {d.jurisdiction: d.reference for d in demo.load_demo(store, actor="demo")}


def find(store: Store, **query: object) -> list[str]:
    with reading(store) as session:
        ids = case_ids(session, CaseQuery(**query))  # type: ignore[arg-type]
        rows = case_rows(session, ids)
    return [rows[i]["reference"] for i in ids]


@pytest.mark.parametrize(
    ("text", "jurisdiction"),
    [
        ("LVVDB21B9", "KZ"),  # start of a VIN
        ("lvv-db21b9-td439563", "KZ"),  # a VIN as typed
        ("авто-транзит", "KZ"),  # a party, any case
        ("广州汽车出口", "KZ"),
        ("الأفق", "JO"),
        ("10612050/200326", "RU"),  # a declaration number
        ("zm-2026-000002", "RU"),
        ("Aqaba", "JO"),  # the title
    ],
)
def test_free_text_search(store: Store, refs: dict[str, str], text: str, jurisdiction: str) -> None:
    assert find(store, text=text) == [refs[jurisdiction]]


def test_filters_and_order(store: Store, refs: dict[str, str]) -> None:
    assert find(store) == sorted(refs.values(), reverse=True)
    assert find(store, status=CaseStatus.UNDER_REVIEW) == [refs["RU"]]
    assert find(store, jurisdiction="JO") == [refs["JO"]]
    assert find(store, inspector_badge="KZ-0417") == [refs["KZ"]]
    assert find(store, sort="jurisdiction", descending=False) == [
        refs["JO"],
        refs["KZ"],
        refs["RU"],
    ]
    today = dt.datetime.now(dt.UTC).date()
    assert len(find(store, created_from=today, created_to=today)) == 3
    assert find(store, created_to=today - dt.timedelta(days=1)) == []
    with pytest.raises(ValueError, match="cannot sort"):
        find(store, sort="password")


@pytest.fixture
def literal_cases(store: Store) -> dict[str, str]:
    """Cases whose titles, parties and declarations hold LIKE's wildcards and escape."""
    titles = {
        "percent": "Discount 50% claimed",
        "fifty": "Batch 500 cars",
        "underscore": "Lot a_b",
        "axb": "Lot axb",
        "backslash": "Path C:\\cars",
        "plain": "Path C:cars",
    }
    found = {}
    with unit_of_work(store, actor="Test Inspector (T-001)") as session:
        for key, title in titles.items():
            case = cases.create_case(session, title=title, jurisdiction="KZ")
            found[key] = case.reference
        party_case = cases.get_case(session, found["fifty"])
        party = parties.find_or_create_party(session, name="Trade_50 LLP")
        parties.link_party(session, party, party_case, PartyRoleKind.IMPORTER)
        shipments.add_shipment(session, party_case, {"declaration_no": "10612050/2003%"})
        vehicle_case = cases.get_case(session, found["axb"])
        vehicles.add_vehicle(session, vehicle_case, {"vin": "LVVDB21B9TD439563"})
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50%", ["percent"]),
        ("a_b", ["underscore"]),
        ("C:\\cars", ["backslash"]),
        ("%", ["percent", "fifty"]),  # a title and a declaration number hold a "%"
        ("_", ["underscore", "fifty"]),  # a title and a party name hold a "_"
        ("\\", ["backslash"]),
        ("trade_50", ["fifty"]),  # a party name, literally
        ("2003%", ["fifty"]),  # a declaration number, literally
        ("LVV%", []),  # a VIN start is literal too
    ],
)
def test_wildcards_typed_into_the_search_match_only_themselves(
    store: Store, literal_cases: dict[str, str], text: str, expected: list[str]
) -> None:
    assert sorted(find(store, text=text)) == sorted(literal_cases[k] for k in expected)


# --- the views of the acting person -------------------------------------------------------------


def test_views_follow_the_acting_login_of_the_store(store: Store, refs: dict[str, str]) -> None:
    """The demo inspector is whoever runs the demo (OS login, or session_user): cases
    assigned to them, and nothing awaiting their review (they are no supervisor)."""
    with reading(store) as session:
        me = people.current_person(session)
        assert me is not None
        mine = {c.reference for c in cases.list_cases(session) if c.assigned_inspector_id == me.id}
    assert set(find(store, view="assigned_to_me")) == mine and mine
    assert find(store, view="awaiting_my_review") == []
    with pytest.raises(ValueError, match="no view"):
        find(store, view="everything")


def test_awaiting_my_review_is_a_supervisors_cases_under_review_not_asked_by_them(
    store: Store, refs: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if store.engine.dialect.name == "postgresql":
        pytest.skip("acting as another login: the OS login of a single-workstation store")
    monkeypatch.setenv("LOGNAME", demo.DEMO_SUPERVISOR_LOGIN)
    monkeypatch.setenv("USER", demo.DEMO_SUPERVISOR_LOGIN)
    assert find(store, view="awaiting_my_review") == [refs["RU"]]  # asked by the inspector
    with unit_of_work(store, actor="x") as session:
        review.request_review(session, refs["KZ"])  # asked by the supervisor
    assert find(store, view="awaiting_my_review") == [refs["RU"]]
    monkeypatch.setenv("LOGNAME", "nobody-registered")
    monkeypatch.setenv("USER", "nobody-registered")
    assert find(store, view="assigned_to_me") == find(store, view="awaiting_my_review") == []
