"""Verifying the audit chain and recording the result permanently."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import col, select

from core.domain.audit import SERVER_ACTIONS, AuditEvent
from core.domain.evidence import IntegrityCheck
from core.persistence import audit_chain
from core.persistence.store import Store, ZeroMileSession
from core.persistence.unit_of_work import unit_of_work


def verify_audit(store: Store, *, actor: str) -> audit_chain.ChainReport:
    """Recompute the chain (on its own connection), then record the check."""
    engine = store.engine
    if store.backend == "postgresql":
        # One snapshot for the events and the head: writers committing meanwhile must not
        # look like deleted events.
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    with engine.connect() as conn:
        report = audit_chain.verify(conn)
    with unit_of_work(store, actor=actor, reason="audit chain verification") as session:
        session.add(
            IntegrityCheck(
                kind="audit",
                actor=store.login,
                ok=report.ok,
                checked=report.checked,
                failures=report.problem or "",
            )
        )
    return report


def last_checks(session: ZeroMileSession, case_id: int | None) -> dict[str, IntegrityCheck]:
    """The latest evidence check of the case and the latest audit-chain check."""
    found: dict[str, IntegrityCheck] = {}
    evidence = session.exec(
        select(IntegrityCheck)
        .where(IntegrityCheck.kind == "evidence", IntegrityCheck.case_id == case_id)
        .order_by(col(IntegrityCheck.id).desc())
    ).first()
    audit = session.exec(
        select(IntegrityCheck)
        .where(IntegrityCheck.kind == "audit")
        .order_by(col(IntegrityCheck.id).desc())
    ).first()
    if evidence is not None:
        found["evidence"] = evidence
    if audit is not None:
        found["audit"] = audit
    return found


@dataclass(frozen=True)
class DirectChange:
    """A change the server recorded that the program did not: made with psql or another
    tool, by ``actor`` (the server's login)."""

    event_id: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_label: str
    fields: str
    case_id: int | None

    def describe(self) -> str:
        verb = {"db_insert": "added", "db_update": "changed", "db_delete": "deleted"}[self.action]
        what = f" ({self.fields})" if self.fields else ""
        return (
            f"{self.entity} {self.entity_label}{what} {verb} outside ZeroMile by {self.actor} "
            f"at {self.at:%Y-%m-%d %H:%M:%S} UTC (event {self.event_id})"
        )


def direct_changes(session: ZeroMileSession, case_id: int | None = None) -> list[DirectChange]:
    """The server's records of changes in server transactions the program recorded
    nothing in, oldest first; of one case, or of the whole store. Paired by the server's
    transaction id (``xact``), which no client sets; empty on SQLite (no server).

    Not caught: a login that changes rows with psql and, in the same transaction, writes
    events that look like the program's (the server's records still hold the true values)."""
    program = sa.orm.aliased(AuditEvent)
    query = (
        select(AuditEvent)
        .where(col(AuditEvent.action).in_(sorted(SERVER_ACTIONS)))
        .where(
            ~sa.exists().where(
                col(program.xact) == col(AuditEvent.xact),
                col(program.action).not_in(sorted(SERVER_ACTIONS)),
            )
        )
        .order_by(col(AuditEvent.id))
    )
    if case_id is not None:
        query = query.where(AuditEvent.case_id == case_id)
    return [
        DirectChange(
            e.id or 0,
            e.at,
            e.actor,
            e.action,
            e.entity,
            e.entity_label or "",
            e.field or "",
            e.case_id,
        )
        for e in session.exec(query)
    ]
