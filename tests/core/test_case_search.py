"""Finding cases: text search over references, VINs, parties and declarations; filters; order."""

from __future__ import annotations

import datetime as dt

import pytest

from core.domain.case import CaseStatus
from core.persistence.store import Store
from core.persistence.unit_of_work import reading
from core.services import demo
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
