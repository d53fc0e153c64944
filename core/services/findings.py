"""Classifying a case: evaluate its vehicles, store findings, supersede stale ones.

Findings are never edited. A run whose result for a vehicle equals what is
stored leaves that vehicle's findings alone (no duplicates); a different
result marks the old findings superseded by the run and adds the new ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from core.domain.case import Case
from core.domain.declared_text import decode
from core.domain.finding import ClassificationRun, Finding, VehicleAssessment
from core.domain.unit import Unit
from core.domain.vehicle import Vehicle
from core.persistence.bulk import insert_rows
from core.persistence.store import ZeroMileSession
from core.progress import CancelCheck, Progress
from core.reference import ReferenceData, load_reference
from core.rules.engine import (
    ENGINE_VERSION,
    Evaluation,
    VehicleInput,
    each_evaluation,
    reportable,
)
from core.rules.explain import join
from core.rules.facts import BASE_FACTS, build_facts
from core.rules.packs import RulePack, pack_order
from core.services.rule_packs import ADMINISTRATOR, BUILTIN, pack_library, remember_pack
from core.services.staleness import assessment_rows, basis_row, compute_bases, store_holders


@dataclass
class ClassificationResult:
    run_id: int
    case: str
    vehicles: int
    added: int
    superseded: int
    unchanged: int
    findings: dict[int, list[Finding]] = field(default_factory=dict)
    vins: dict[int, str] = field(default_factory=dict)


#: Findings per batch written to the spool file and inserted.
SPOOL_BATCH = 5000


def vehicle_input(
    vehicle: Vehicle, case: Case, reference: ReferenceData, *, today: dt.date
) -> VehicleInput:
    row = {name: getattr(vehicle, name) for name in BASE_FACTS}
    return VehicleInput(
        facts=build_facts(row, reference, today=today, written=decode(vehicle.declared_text)),
        group=str(vehicle.shipment_id or ""),
        destination=case.jurisdiction,
    )


def _fingerprint(values: dict[str, Any]) -> str:
    text = "\x1f".join(f"{k}={values[k]}" for k in sorted(values))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def finding_values(evaluation: Evaluation, reference_hash: str) -> dict[str, Any]:
    """The stored content of a finding, without ids and times."""
    explanation_en, explanation_ru = join(list(evaluation.outcome.clauses))
    rule, pack = evaluation.rule, evaluation.pack
    values: dict[str, Any] = {
        "status": evaluation.outcome.status.value,
        "rule_id": rule.id,
        "pack_id": pack.id,
        "pack_version": pack.version,
        "pack_hash": pack.content_hash,
        "engine_version": ENGINE_VERSION,
        "reference_hash": reference_hash,
        "severity": rule.severity,
        "title_en": rule.title_en,
        "title_ru": rule.title_ru,
        "explanation_en": explanation_en,
        "explanation_ru": explanation_ru,
        "missing_facts": "\n".join(evaluation.outcome.missing),
        "basis": rule.basis,
        "basis_ru": rule.basis_ru,
        "citation": rule.citation,
        "confirmed": rule.confirmed,
        "version_date": evaluation.version_date,
        "version_date_basis": evaluation.version_basis.value,
    }
    # Reference data changes elsewhere in the tables must not churn findings whose
    # explanation (which quotes the reference used) is unchanged.
    values["fingerprint"] = _fingerprint({k: v for k, v in values.items() if k != "reference_hash"})
    return values


def active_findings(session: ZeroMileSession, case: Case) -> dict[int, list[Finding]]:
    """Current findings by vehicle id, in rule order of evaluation (by id)."""
    found: dict[int, list[Finding]] = defaultdict(list)
    for finding in session.exec(
        select(Finding)
        .where(Finding.case_id == case.id, col(Finding.superseded_at).is_(None))
        .order_by(col(Finding.id))
    ):
        found[finding.vehicle_id].append(finding)
    return found


def classify_case(
    session: ZeroMileSession,
    case: Case,
    *,
    pack_ids: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    with_findings: bool = True,
    today: dt.date | None = None,
) -> ClassificationResult:
    """Evaluate every vehicle of ``case`` and store the findings (see module doc).

    Each vehicle is judged by the pack versions in force on its import date (``today``,
    the day of evaluation, when that is unknown). What each vehicle's findings were
    computed from is recorded, so that they are known to be out of date once any of it
    changes (``core.services.staleness``). ``with_findings=False`` leaves ``findings`` of
    the result empty (a big case's findings need not be read back when only the counts
    are shown)."""
    # One classification of a case at a time: a second workstation waits here, then sees
    # the first one's findings as the ones to compare with.
    session.exec(select(Case.id).where(Case.id == case.id).with_for_update()).one()
    today = today or dt.date.today()
    reference = load_reference()
    library = pack_library(session)
    chosen = library.check_ids(pack_ids)
    # Facts of every vehicle (group rules compare them), then the vehicles' ids and VINs
    # only: a case of 100,000 vehicles must not hold its ORM rows or all evaluations.
    # The basis is taken from the same rows, so it records exactly what was judged.
    inputs = []
    ids: list[int] = []
    vins: dict[int, str] = {}
    basis_rows = []
    vehicles = session.exec(
        select(Vehicle).where(Vehicle.case_id == case.id).order_by(col(Vehicle.id))
    )
    for vehicle in vehicles.yield_per(2000):
        assert vehicle.id is not None
        inputs.append(vehicle_input(vehicle, case, reference, today=today))
        ids.append(vehicle.id)
        vins[vehicle.id] = vehicle.vin
        basis_rows.append(basis_row(vehicle))
        session.expunge(vehicle)  # not kept by the session either
    holders = store_holders(session, list(vins.values()))
    own_unit = session.get(Unit, case.unit_id)
    own_code = own_unit.code if own_unit is not None else None
    for item, vehicle_id in zip(inputs, ids, strict=True):
        others = [h for h in holders.get(vins[vehicle_id], ()) if h.vehicle_id != vehicle_id]
        item.store_duplicates = [
            h.describe(case.reference) for h in others if not h.elsewhere(own_code)
        ]
        item.store_other_units = [h.unit for h in others if h.elsewhere(own_code)]
    assert case.id is not None
    results = each_evaluation(
        inputs,
        library,
        reference,
        today=today,
        chosen=chosen,
        progress=progress,
        cancelled=cancelled,
    )

    # Decide per vehicle first, so the run is written once with its final counts.
    stored = active_findings(session, case)
    used: dict[str, RulePack] = {}
    # The new findings wait in a spool file, not in memory: the run row, written first,
    # needs the final counts, and a big case's findings would fill the memory.
    with tempfile.TemporaryFile() as spool:
        superseding: list[Finding] = []
        unchanged = added = 0
        pending: list[dict[str, Any]] = []
        for vehicle_id, evaluations in zip(ids, results, strict=True):
            for e in evaluations:
                used.setdefault(e.pack.content_hash, e.pack)
            fresh = [finding_values(e, reference.content_hash) for e in reportable(evaluations)]
            old = stored.get(vehicle_id, [])
            if sorted(v["fingerprint"] for v in fresh) == sorted(f.fingerprint for f in old):
                unchanged += 1
                continue
            superseding.extend(old)
            added += len(fresh)
            pending.extend({"vehicle_id": vehicle_id, **values} for values in fresh)
            if len(pending) >= SPOOL_BATCH:
                pickle.dump(pending, spool)
                pending = []
        packs_used = sorted(used.values(), key=lambda p: (pack_order(p), p.version_key))
        for pack in packs_used:
            origin = BUILTIN if pack.filename.startswith("resources/") else ADMINISTRATOR
            remember_pack(session, pack, origin=origin)
        run = ClassificationRun(
            case_id=case.id,
            packs="\n".join(f"{p.id} {p.version} {p.content_hash}" for p in packs_used),
            engine_version=ENGINE_VERSION,
            reference_hash=reference.content_hash,
            vehicles=len(ids),
            findings_added=added,
            findings_superseded=len(superseding),
            vehicles_unchanged=unchanged,
        )
        session.add(run)
        session.flush()
        assert run.id is not None
        for finding in superseding:
            finding.superseded_at = run.started_at
            finding.superseded_by_run_id = run.id
        session.flush()
        # Findings are audit-silent (the run records them): inserted in bulk, no objects kept.
        common = {"case_id": case.id, "run_id": run.id, "evaluated_at": run.started_at}
        pickle.dump(pending, spool)
        spool.seek(0)
        while True:
            try:
                batch = pickle.load(spool)
            except EOFError:
                break
            insert_rows(session, Finding, [common | values for values in batch])
    # What each vehicle was judged on, from the very rows judged; once the facts are freed.
    del inputs, results
    bases = compute_bases(
        basis_rows,
        holders=holders,
        jurisdictions={case.id: case.jurisdiction},
        library=library,
        reference=reference,
        today=today,
        pack_ids=chosen,
    )
    del basis_rows, holders
    session.execute(sa.delete(VehicleAssessment).where(col(VehicleAssessment.case_id) == case.id))
    for batch in assessment_rows(bases, case_id=case.id, run_id=run.id, at=run.started_at):
        insert_rows(session, VehicleAssessment, batch)
    return ClassificationResult(
        run_id=run.id,
        case=case.reference,
        vehicles=len(ids),
        added=run.findings_added,
        superseded=run.findings_superseded,
        unchanged=unchanged,
        findings=active_findings(session, case) if with_findings else {},
        vins=vins,
    )


def finding_json(finding: Finding) -> dict[str, Any]:
    """A stored finding as plain data (the ``classify --json`` and report shape)."""
    return {
        "rule": finding.rule_id,
        "status": finding.status,
        "severity": finding.severity,
        "title": finding.title_en,
        "title_ru": finding.title_ru,
        "explanation": finding.explanation_en,
        "explanation_ru": finding.explanation_ru,
        "missing_facts": [m for m in finding.missing_facts.split("\n") if m],
        "basis": finding.basis,
        "basis_ru": finding.basis_ru or finding.basis,
        "citation": finding.citation,
        "confirmed": finding.confirmed,
        "pack": finding.pack_id,
        "pack_version": finding.pack_version,
        "pack_hash": finding.pack_hash,
        "engine_version": finding.engine_version,
        "reference_hash": finding.reference_hash,
        "evaluated_at": finding.evaluated_at.isoformat(),
        "run": finding.run_id,
        "version_date": finding.version_date.isoformat() if finding.version_date else None,
        "version_date_basis": finding.version_date_basis or None,
    }
