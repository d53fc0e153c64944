"""Verifying the audit chain and recording the result permanently."""

from __future__ import annotations

from sqlmodel import col, select

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
                actor=actor,
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
