"""The hash-chained audit trail: editing, deleting or reordering an event is caught."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import Connection

from core.cli.main import run
from core.persistence import migrate
from core.persistence.store import Store, create_engine_for, open_store, resolve_url
from core.persistence.unit_of_work import unit_of_work
from core.services import cases, notes

ACTOR = "T (T-1)"


def write_some(store: Store, n: int = 3) -> str:
    with unit_of_work(store, actor=ACTOR) as session:
        ref = cases.create_case(session, title="Партия 7", jurisdiction="KZ").reference
    for i in range(n):
        with unit_of_work(store, actor=ACTOR) as session:
            notes.add_note(session, cases.get_case(session, ref), text=f"note {i}")
    return ref


def verify(db: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = run(["--db", db, "audit", "verify", "--json"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, json.loads(captured.out)


@contextmanager
def forging(store: Store) -> Iterator[Connection]:
    """A transaction that may rewrite the trail. On PostgreSQL the server refuses that to
    every role, so this forges as only a superuser or the schema owner could: with the
    triggers switched off. The verifier must still catch it."""
    with store.engine.begin() as conn:
        if store.backend == "postgresql":
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        yield conn


def ids(store: Store) -> list[int]:
    with store.engine.connect() as conn:
        return list(conn.execute(sa.text("SELECT id FROM audit_event ORDER BY id")).scalars())


def test_an_untouched_trail_verifies(
    store: Store, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write_some(store)
    written = len(ids(store))
    code, report = verify(db_url, capsys)
    assert code == 0 and report["ok"] and report["checked"] == written


def test_an_edited_event_is_caught_and_named(
    store: Store, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write_some(store)
    victim = ids(store)[5]
    with forging(store) as conn:
        conn.execute(
            sa.text("UPDATE audit_event SET new_value = 'forged' WHERE id = :i"), {"i": victim}
        )
    code, report = verify(db_url, capsys)
    assert code == 1 and report["first_bad_event"] == victim
    assert f"event {victim} was altered" in report["problem"]


def test_a_deleted_event_is_caught(
    store: Store, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write_some(store)
    all_ids = ids(store)
    with forging(store) as conn:
        conn.execute(sa.text("DELETE FROM audit_event WHERE id = :i"), {"i": all_ids[4]})
    code, report = verify(db_url, capsys)
    assert code == 1 and report["first_bad_event"] == all_ids[5]
    assert "deleted, moved or inserted" in report["problem"]


def test_a_deleted_last_event_is_caught(
    store: Store, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write_some(store)
    last = ids(store)[-1]
    with forging(store) as conn:
        conn.execute(sa.text("DELETE FROM audit_event WHERE id = :i"), {"i": last})
    code, report = verify(db_url, capsys)
    assert code == 1 and "at the end were deleted" in report["problem"]


def test_reordered_events_are_caught(
    store: Store, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write_some(store)
    a, b = ids(store)[3], ids(store)[7]
    with forging(store) as conn:
        conn.execute(sa.text("UPDATE audit_event SET id = -1 WHERE id = :a"), {"a": a})
        conn.execute(sa.text("UPDATE audit_event SET id = :a WHERE id = :b"), {"a": a, "b": b})
        conn.execute(sa.text("UPDATE audit_event SET id = :b WHERE id = -1"), {"b": b})
    code, report = verify(db_url, capsys)
    assert code == 1 and report["first_bad_event"] == a


def test_the_check_itself_is_recorded(
    store: Store, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write_some(store)
    verify(db_url, capsys)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT kind, ok FROM integrity_check")).all()
    assert [(k, bool(ok)) for k, ok in rows] == [("audit", True)]


def test_several_writers_keep_one_chain(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Four processes write at the same time (on PostgreSQL truly in parallel)."""
    store = open_store(db_url)
    ref = write_some(store, 0)
    store.close()
    script = (
        "import sys\n"
        "from core.persistence.store import open_store\n"
        "from core.persistence.unit_of_work import unit_of_work\n"
        "from core.services import cases, notes\n"
        "store = open_store(sys.argv[1])\n"
        "for i in range(15):\n"
        "    with unit_of_work(store, actor=sys.argv[3]) as s:\n"
        "        case = cases.get_case(s, sys.argv[2])\n"
        "        notes.add_note(s, case, text=f'{sys.argv[3]} {i}')\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, db_url, ref, f"writer-{w}"], env=dict(os.environ)
        )
        for w in range(4)
    ]
    assert [p.wait(timeout=180) for p in procs] == [0, 0, 0, 0]
    code, report = verify(db_url, capsys)
    assert code == 0, report
    assert report["checked"] >= 4 * 15 * 2  # each note: author and text


def test_events_written_before_the_chain_existed_are_chained_on_upgrade(
    empty_db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = create_engine_for(resolve_url(empty_db_url))
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0003")
        conn.execute(sa.text(
            "INSERT INTO audit_event (at, actor, operation, entity, action, field, new_value) "
            "VALUES (:t, 'old actor', 'op1', 'case', 'create', 'title', 'Старое дело')"
        ), {"t": "2025-05-01 10:00:00"})  # fmt: skip
    engine.dispose()
    store = open_store(empty_db_url)
    store.close()
    code, report = verify(empty_db_url, capsys)
    assert code == 0 and report["checked"] == 1
