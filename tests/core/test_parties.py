"""Parties are named in any script and reused across cases."""

from __future__ import annotations

import pytest
from sqlmodel import select

from core.domain.party import Party, PartyKind, PartyRoleKind
from core.errors import ValidationError
from core.persistence.audit_hook import AUDIT_KEY, AuditContext
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, parties

ACTOR = "T (T-1)"


def test_the_same_party_is_found_again_in_another_case(store: Store) -> None:
    with unit_of_work(store, actor=ACTOR) as session:
        first = cases.create_case(session, title="A", jurisdiction="KZ")
        second = cases.create_case(session, title="B", jurisdiction="RU")
        p1 = parties.find_or_create_party(session, name="广州汽车出口贸易有限公司")
        p2 = parties.find_or_create_party(session, name="  广州汽车出口贸易有限公司 ")
        assert p1.id == p2.id
        parties.link_party(session, p1, first, PartyRoleKind.REGISTERED_OWNER)
        parties.link_party(session, p2, second, PartyRoleKind.EXPORTER)
        parties.link_party(session, p2, second, PartyRoleKind.EXPORTER)  # idempotent
    with reading(store) as session:
        a = parties.case_parties(session, cases.get_case(session, first.reference))
        b = parties.case_parties(session, cases.get_case(session, second.reference))
    assert [(cp.party.name, cp.roles) for cp in a] == [
        ("广州汽车出口贸易有限公司", ("registered_owner",))
    ]
    assert [(cp.party.name, cp.roles) for cp in b] == [("广州汽车出口贸易有限公司", ("exporter",))]


def test_names_match_case_insensitively_but_are_kept_as_first_written(store: Store) -> None:
    with unit_of_work(store, actor=ACTOR) as session:
        p1 = parties.find_or_create_party(session, name="ТОО «Брокер Плюс»")
        p2 = parties.find_or_create_party(session, name="тоо  «брокер плюс»")
        assert p1.id == p2.id and p2.name == "ТОО «Брокер Плюс»"


def test_arabic_names_and_individuals(store: Store) -> None:
    with unit_of_work(store, actor=ACTOR) as session:
        party = parties.find_or_create_party(
            session, name="شركة الأفق لتجارة السيارات", kind=PartyKind.LEGAL_ENTITY, country="JO"
        )
        person = parties.find_or_create_party(
            session, name="Петров Сергей Иванович", kind=PartyKind.INDIVIDUAL
        )
        assert (party.country, person.kind) == ("JO", "individual")


def test_a_kind_that_contradicts_the_record_is_refused(store: Store) -> None:
    with (
        pytest.raises(ValidationError, match="recorded as individual"),
        unit_of_work(store, actor=ACTOR) as session,
    ):
        parties.find_or_create_party(session, name="Li Na", kind=PartyKind.INDIVIDUAL)
        parties.find_or_create_party(session, name="Li Na", kind=PartyKind.LEGAL_ENTITY)


def test_a_party_from_a_rolled_back_transaction_is_not_reused(store: Store) -> None:
    session = store.write_session()
    session.info[AUDIT_KEY] = AuditContext(actor=ACTOR, operation="x" * 32)
    try:
        ghost = parties.find_or_create_party(session, name="Ghost LLC")
        session.rollback()
        again = parties.find_or_create_party(session, name="Ghost LLC")
        session.commit()
        assert again is not ghost
    finally:
        session.close()
    with reading(store) as session:
        assert [p.id for p in session.exec(select(Party).where(Party.name == "Ghost LLC"))] == [
            again.id
        ]
