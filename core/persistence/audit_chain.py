"""The tamper-evident audit trail: every event carries a hash of the previous event's hash
and of its own canonical content; ``audit_head`` holds the count and the last hash.

An edited event no longer matches its hash; a deleted or moved event breaks the link
to its neighbour; a deleted last event no longer matches the head. Writers take the
chain in turn: PostgreSQL by an advisory lock held to the end of the transaction,
SQLite by its single writer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from core.domain.audit import AuditEvent, AuditHead

GENESIS = "0" * 64
#: The writers' advisory lock (PostgreSQL); the server's audit trigger takes it too.
LOCK_KEY = 0x5A4D_0002
CONTENT_FIELDS = (
    "at", "actor", "operation", "case_id", "entity", "entity_id", "entity_label", "action",
    "field", "old_value", "new_value", "reason",
)  # fmt: skip
_events = AuditEvent.__table__  # type: ignore[attr-defined]
_head = AuditHead.__table__  # type: ignore[attr-defined]


def _canonical_time(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def chain_hash(prev_hash: str, event: Mapping[str, Any]) -> str:
    """SHA-256 of the previous hash and the event's canonical JSON content."""
    content = {k: event.get(k) for k in CONTENT_FIELDS}
    content["at"] = _canonical_time(event["at"])
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def lock(conn: Connection) -> None:
    """Take the writers' lock now; it is held until the transaction ends.

    Every transaction that writes audit events takes this lock at its first audited
    flush (PostgreSQL; SQLite has a single writer anyway). Work that must be serialised
    with other writers (handing out exhibit numbers, deciding which copy of new content
    is kept) takes this same lock, earlier, rather than a lock of its own: with a second
    lock, two transactions could take the two in opposite orders and deadlock. Taking it
    again in the same transaction is free.
    """
    if conn.dialect.name == "postgresql":
        # the owner's function: workstation logins may not take advisory locks themselves
        conn.execute(sa.text("SELECT zeromile_lock_writers()"))


_PG_BATCH = 1000  # rows per INSERT: 13 parameters each, well under PostgreSQL's 65,535


def append(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert audit rows at the end of the chain (in order), inside the caller's transaction.

    On PostgreSQL the server stamps each row (actor, time, id, hashes, head: see
    ``core.persistence.pg_security``), whatever the row says; rows go in batches of one
    statement each, so the head is updated once per batch. On SQLite this process
    computes the chain itself (a single-workstation store has no server).
    """
    if not rows:
        return
    lock(conn)
    if conn.dialect.name == "postgresql":
        for start in range(0, len(rows), _PG_BATCH):
            conn.execute(sa.insert(_events).values(rows[start : start + _PG_BATCH]))
        return
    head = conn.execute(sa.select(_head.c.count, _head.c.last_hash).where(_head.c.id == 1)).first()
    prev = head.last_hash if head is not None else GENESIS
    for row in rows:
        row["prev_hash"] = prev
        row["hash"] = prev = chain_hash(prev, row)
    # executemany inserts in list order on SQLite and PostgreSQL (psycopg runs the rows in
    # sequence), so ids follow the chain; the verifier would catch it if they ever did not.
    conn.execute(sa.insert(_events), rows)
    if head is None:
        conn.execute(sa.insert(_head).values(id=1, count=len(rows), last_hash=prev))
    else:
        conn.execute(
            sa.update(_head)
            .where(_head.c.id == 1)
            .values(count=_head.c.count + len(rows), last_hash=prev)
        )


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_bad_id: int | None
    problem: str | None


def _events_in_order(conn: Connection) -> Iterator[Mapping[str, Any]]:
    """Every event, oldest first. On PostgreSQL a login restricted to some units reads
    only their events; the others come from the server's own check
    (``zeromile_hidden_links``): their place in the chain and the hash the server
    recomputed from their content, which the login may not see."""
    installed = (
        conn.dialect.name == "postgresql"
        and conn.execute(
            sa.text("SELECT to_regprocedure('zeromile_hidden_links()') IS NOT NULL")
        ).scalar_one()
    )
    hidden: list[Mapping[str, Any]] = (
        [
            {"id": r.id, "prev_hash": r.prev_hash, "hash": r.hash, "recomputed": r.recomputed}
            for r in conn.execute(sa.text("SELECT * FROM zeromile_hidden_links() ORDER BY id"))
        ]
        if installed
        else []
    )
    visible = conn.execution_options(yield_per=2000).execute(
        sa.select(_events).order_by(_events.c.id)
    )
    readable = (dict(row) for row in visible.mappings())
    last = None
    for row in heapq.merge(readable, hidden, key=lambda row: int(row["id"])):
        # A login that bypasses row security reads every event and is told of some again.
        if row["id"] != last:
            yield row
        last = row["id"]


def verify(conn: Connection) -> ChainReport:
    """Recompute the whole chain, oldest first; report the first event that does not fit.

    Events the login may not read (another unit's cases) are checked by the server."""
    prev = GENESIS
    count = 0
    last_id = None
    for count, row in enumerate(_events_in_order(conn), start=1):
        if row["prev_hash"] != prev:
            where = f"after event {last_id}" if last_id is not None else "at the start"
            return ChainReport(
                False, count, row["id"],
                f"event {row['id']} does not follow {where}: an event was deleted, moved or "
                "inserted",
            )  # fmt: skip
        expected = row["recomputed"] if "recomputed" in row else chain_hash(prev, dict(row))
        if row["hash"] != expected:
            return ChainReport(
                False, count, row["id"], f"event {row['id']} was altered after it was written"
            )
        prev, last_id = row["hash"], row["id"]
    head = conn.execute(sa.select(_head.c.count, _head.c.last_hash).where(_head.c.id == 1)).first()
    head_count, head_hash = (head.count, head.last_hash) if head else (0, GENESIS)
    if (head_count, head_hash) != (count, prev):
        return ChainReport(
            False, count, last_id,
            f"the trail ends at event {last_id} ({count} events) but {head_count} were "
            "written: events at the end were deleted",
        )  # fmt: skip
    return ChainReport(True, count, None, None)
