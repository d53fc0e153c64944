"""The demo: realistic cases in three jurisdictions, names in four scripts, a hostile exporter."""

from __future__ import annotations

import re

from core.persistence.store import Store
from core.persistence.unit_of_work import reading
from core.services import cases, demo, views

HOSTILE = '=HYPERLINK("http://example.invalid","click")'


def test_demo_loads_kz_ru_and_jo_cases_with_multiscript_parties(store: Store) -> None:
    loaded = demo.load_demo(store, actor="demo")
    assert {d.jurisdiction for d in loaded} >= {"KZ", "RU", "JO"}
    assert all(d.created for d in loaded)
    names: list[str] = []
    with reading(store) as session:
        for d in loaded:
            detail = views.case_detail(session, cases.get_case(session, d.reference))
            assert detail["shipments"] and detail["vehicles"]
            names += [p["name"] for p in detail["parties"]]
            names += [v["exporter"] or "" for v in detail["vehicles"]]
    text = " ".join(names)
    assert re.search("[А-Яа-я]", text), "Cyrillic names"
    assert re.search("[\u4e00-\u9fff]", text), "Chinese names"
    assert re.search("[\u0600-\u06ff]", text), "Arabic names"
    assert HOSTILE in names


def test_demo_is_idempotent(store: Store) -> None:
    first = demo.load_demo(store, actor="demo")
    again = demo.load_demo(store, actor="demo")
    assert [d.reference for d in again] == [d.reference for d in first]
    assert not any(d.created for d in again)
    with reading(store) as session:
        assert cases.count_cases(session) == len(first)


def test_demo_reports_progress(store: Store) -> None:
    calls: list[tuple[int, int]] = []
    demo.load_demo(store, actor="demo", progress=lambda done, total: calls.append((done, total)))
    assert calls[-1][0] == calls[-1][1] and len(calls) == calls[-1][1]
