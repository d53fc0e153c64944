"""Opening a store for a front end: what the window needs before it shows anything.

A front end holds the store's locator, never the store: this use case opens (creates or
upgrades) the store named by settings, ``ZEROMILE_DB`` or the argument, and returns its
locator with the plain data the window shows first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.identity import resolve_actor
from core.persistence.unit_of_work import reading
from core.services import people, rule_packs, stores
from core.services.case_search import CaseQuery, case_ids, case_rows
from core.services.inspectors import list_inspectors


@dataclass(frozen=True)
class OpenedStore:
    """An opened store: ``db`` opens it again in any process; ``display_url`` names it
    for people (no password); ``case_ids`` match the query asked for, in its order."""

    db: str
    display_url: str
    actor: str
    inspectors: tuple[tuple[str, str], ...]  #: (name, badge)
    jurisdictions: tuple[str, ...]
    case_ids: tuple[int, ...]
    first_rows: dict[int, dict[str, Any]]  #: display rows of the first ``first`` cases
    #: Who is acting, as the store knows them (the login is the store's, never typed).
    whoami: people.Whoami | None = None


def open_desk(*, db: str | None, query: CaseQuery, first: int = 200) -> OpenedStore:
    """Open the store named by ``db`` (None: the settings' or the default one)."""
    store = stores.store_for(db) if db is not None else stores.open_default()
    locator = stores.locator(store)
    with reading(store) as session:
        inspectors = tuple((i.name, i.badge_number) for i in list_inspectors(session))
        ids = tuple(case_ids(session, query))
        first_rows = case_rows(session, ids[:first])
        acting = people.whoami(session)
    return OpenedStore(
        db=locator,
        display_url=store.display_url,
        actor=resolve_actor(),
        inspectors=inspectors,
        jurisdictions=tuple(rule_packs.known_jurisdictions(locator).codes),
        case_ids=ids,
        first_rows=first_rows,
        whoami=acting,
    )
