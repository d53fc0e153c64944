"""Units of work: a lost or busy store is reported as retryable and nothing is half-written."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from core.errors import StoreError, StoreUnavailable
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases


def titles(store: Store) -> list[str]:
    with reading(store) as session:
        return [c.title for c in cases.list_cases(session)]


def test_a_lost_postgres_connection_is_retryable_and_the_retry_lands(
    store: Store, postgres_only: Any
) -> None:
    with unit_of_work(store, actor="t") as session:
        cases.create_case(session, title="before", jurisdiction="KZ")
    with (
        pytest.raises(StoreUnavailable, match="lost the connection"),
        unit_of_work(store, actor="t") as session,
    ):
        cases.create_case(session, title="lost", jurisdiction="KZ")
        backend = session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
        with postgres_only.engine.connect() as admin:
            admin.exec_driver_sql(f"SELECT pg_terminate_backend({int(backend)})")
    with unit_of_work(store, actor="t") as session:  # the retry: the pool reconnects
        cases.create_case(session, title="retried", jurisdiction="KZ")
    assert sorted(titles(store)) == ["before", "retried"]


def test_a_locked_sqlite_store_is_retryable(store: Store) -> None:
    if store.url.get_backend_name() != "sqlite":
        pytest.skip("SQLite locking")
    holder = sqlite3.connect(str(Path(str(store.url.database))), timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    try:
        store.engine.dispose()
        sa.event.listen(  # wait 50 ms for the lock, not the store's 15 s
            store.engine, "connect", lambda conn, _record: conn.execute("PRAGMA busy_timeout = 50")
        )
        with pytest.raises(StoreUnavailable), unit_of_work(store, actor="t") as session:
            cases.create_case(session, title="blocked", jurisdiction="KZ")
    finally:
        holder.rollback()
        holder.close()
    assert titles(store) == []


def test_a_refused_value_is_not_offered_as_retryable(store: Store) -> None:
    with pytest.raises(StoreError) as caught, unit_of_work(store, actor="t") as session:
        session.connection().exec_driver_sql("INSERT INTO no_such_table VALUES (1)")
    assert not isinstance(caught.value, StoreUnavailable)
