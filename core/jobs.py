"""Long operations as plain functions of plain data, runnable in another process.

A desktop front end runs these in a separate worker process so that its window
never waits for Python's global interpreter lock while the rules run, a case is
exported or a file is imported. Each job takes the store's URL (not an open
store), opens it (once per process, then cached), calls the same service the
command line calls, and returns plain data (numbers, strings, dicts).

``run_job`` is what the worker process executes: it never raises, but returns
a :class:`JobOutcome` describing the result or the error, because exceptions
with keyword-only constructors do not survive pickling.
"""

from __future__ import annotations

import functools
import inspect
import multiprocessing
import multiprocessing.connection
import os
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from core.errors import Cancelled, Failure, UserFacingError, failure_of
from core.persistence.unit_of_work import retrying, unit_of_work
from core.progress import CancelCheck, Progress
from core.services.stores import forget_stores, locator, store_for

__all__ = ["forget_stores", "locator", "store_for"]  # jobs name their store by locator


@dataclass(frozen=True)
class JobOutcome:
    """What a job produced: ``status`` is ``ok`` (``result``), ``failed`` (``failure``)
    or ``cancelled``."""

    status: Literal["ok", "failed", "cancelled"]
    result: Any = None
    failure: Failure | None = None


def call(job: Callable[..., Any], kwargs: dict[str, Any], progress: Progress,
         cancelled: CancelCheck) -> Any:  # fmt: skip
    """``job(**kwargs)``, with ``progress`` and ``cancelled`` passed as keywords when the
    job's signature takes them (a use case that reports no progress need not)."""
    accepts = _accepts(job)
    extra = {k: v for k, v in (("progress", progress), ("cancelled", cancelled)) if k in accepts}
    return job(**kwargs, **extra)


@functools.cache
def _accepts(job: Callable[..., Any]) -> frozenset[str]:
    return frozenset(inspect.signature(job).parameters)


def run_job(
    job: Callable[..., Any],
    kwargs: dict[str, Any],
    progress: Progress,
    cancelled: CancelCheck,
) -> JobOutcome:
    """Run ``job`` (see :func:`call`); never raises."""
    try:
        result = call(job, kwargs, progress, cancelled)
    except Cancelled:
        return JobOutcome("cancelled")
    except Exception as exc:  # reported with details by the front end's one error path
        return JobOutcome("failed", failure=failure_of(exc, traceback.format_exc()))
    return JobOutcome("ok", result=result)


def throttled(progress: Progress, interval_s: float = 0.05) -> Progress:
    """A progress callback that passes at most one report per interval (and the last)."""
    last = 0.0

    def report(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if done >= total or now - last >= interval_s:
            last = now
            progress(done, total)

    return report


# --- the jobs ----------------------------------------------------------------------------------


def warm_up(*, progress: Progress, cancelled: CancelCheck) -> None:
    """Import what the jobs need, so the first real job starts at once."""
    import core.reports.pdf
    import core.reports.xlsx
    import core.services.findings  # noqa: F401


def classify(
    *, db: str, reference: str, actor: str, progress: Progress, cancelled: CancelCheck
) -> dict[str, int]:
    """Run the rules over the case; returns the counts of the classification run."""
    from core.services import cases
    from core.services.findings import classify_case

    with unit_of_work(store_for(db), actor=actor, reason="classification") as session:
        result = classify_case(
            session,
            cases.get_case(session, reference),
            progress=progress,
            cancelled=cancelled,
            with_findings=False,
        )
    return {
        "vehicles": result.vehicles,
        "added": result.added,
        "superseded": result.superseded,
        "unchanged": result.unchanged,
    }


def export(
    *,
    db: str,
    reference: str,
    actor: str,
    pdf: str | None,
    xlsx: str | None,
    bundle: str | None,
    lang: str,
    allow_stale: bool = False,
    progress: Progress,
    cancelled: CancelCheck,
) -> dict[str, Any]:
    """Write the case file(s). Returns ``files`` as (kind, path, size), the manifest hash,
    the audit check and the ``out_of_date`` VINs of a draft; or ``refused`` (altered
    evidence, or out-of-date findings: then ``out_of_date`` names the VINs) or
    ``cancelled``."""
    from core.errors import FindingsOutOfDate
    from core.services.evidence import IntegrityFailure
    from core.services.exports import export_case

    try:
        result = export_case(
            store_for(db),
            reference,
            actor=actor,
            pdf=Path(pdf) if pdf else None,
            xlsx=Path(xlsx) if xlsx else None,
            bundle=Path(bundle) if bundle else None,
            lang=lang,
            allow_stale=allow_stale,
            progress=progress,
            cancelled=cancelled,
        )
    except FindingsOutOfDate as exc:
        return {"refused": str(exc), "out_of_date": exc.vehicles}
    except IntegrityFailure as exc:
        return {"refused": str(exc)}
    except Cancelled:
        return {"cancelled": True}
    outputs = (("pdf", result.pdf), ("xlsx", result.xlsx), ("bundle", result.bundle))
    return {
        "files": [(kind, str(path), path.stat().st_size) for kind, path in outputs if path],
        "manifest_sha256": result.manifest_sha256,
        "audit_ok": result.audit_ok,
        "out_of_date": result.stale_vehicles,
    }


def import_declarations(
    *,
    db: str,
    reference: str,
    actor: str,
    path: str,
    mapping: dict[str, str | None],
    sheet: str | None,
    corrections: list[tuple[int, str, str]] | None = None,
    strict: bool = False,
    progress: Progress,
    cancelled: CancelCheck,
) -> dict[str, Any]:
    """Import a declaration file into the case (one transaction), then run the rules.

    Bad cells are imported as unknown (``summary["errors"]`` lists them) unless
    ``strict``; ``corrections`` are the inspector's fixes as (row, column, text).
    Returns ``summary`` and whether the case was ``classified`` (a cancelled
    classification keeps the import); or ``refused`` with the bad cells (``strict``),
    or ``cancelled`` when the import itself was cancelled (nothing written).
    """
    from core.declarations.source import SourceFile, working_copy
    from core.services import cases
    from core.services.declaration_import import ImportRefused, ImportSummary
    from core.services.declaration_import import import_declarations as import_file
    from core.services.evidence import blob_store_for
    from core.services.findings import classify_case

    store = store_for(db)

    def land(source: SourceFile) -> ImportSummary:
        """One transaction, rerun whole on a deadlock; the working copy is made once."""
        with unit_of_work(store, actor=actor) as session:
            return import_file(
                session,
                cases.get_case(session, reference),
                source,
                mapping=mapping,
                sheet=sheet,
                strict=strict,
                corrections=_corrections(corrections),
                source_evidence=blob_store_for(store),
                actor=actor,
                progress=progress,
                cancelled=cancelled,
            )

    try:
        with working_copy(Path(path)) as source:
            summary = retrying(land)(source)
    except Cancelled:
        return {"cancelled": True}
    except ImportRefused as exc:
        return {"refused": [asdict(c) for c in exc.cells]}
    outcome: dict[str, Any] = {"summary": asdict(summary), "classified": False}
    try:
        with unit_of_work(store, actor=actor, reason="classification") as session:
            run = classify_case(
                session,
                cases.get_case(session, reference),
                progress=progress,
                cancelled=cancelled,
                with_findings=False,
            )
    except Cancelled:
        return outcome
    except Exception as exc:  # the import landed; say so, and why the rules did not run
        return outcome | {"classify_error": str(exc)}
    return outcome | {"classified": True, "findings_added": run.added}


#: The latest screening reports of this worker process, by token, for "Save report".
_screenings: dict[str, Any] = {}
_KEEP_SCREENINGS = 3


def screen(
    *,
    db: str | None,
    path: str,
    sheet: str | None,
    pack_ids: list[str] | None,
    token: str,
    progress: Progress,
    cancelled: CancelCheck,
) -> dict[str, Any]:
    """Screen a declaration file (nothing is stored). The report stays in this process
    under ``token`` for :func:`save_screening`; returns the summary, flagged rows and
    unreadable cells as plain data, or ``cancelled``."""
    from core.services.screening import screen_file

    try:
        report = screen_file(
            Path(path),
            pack_ids=pack_ids,
            store=store_for(db) if db else None,
            sheet=sheet,
            progress=progress,
            cancelled=cancelled,
        )
    except Cancelled:
        return {"cancelled": True}
    _screenings[token] = report
    while len(_screenings) > _KEEP_SCREENINGS:
        del _screenings[next(iter(_screenings))]
    return {
        "summary": report.summary,
        "chosen": report.chosen,
        "flagged": [
            {"row": r.row, "vin": r.vin, "worst": r.worst, "rules": [e.rule.id for e in r.fired]}
            for r in report.flagged
        ],
        "errors": [
            {"row": e.row, "column": e.column, "value": e.value, "message": e.message}
            for e in report.errors
        ],
    }


def save_screening(*, token: str, out: str, progress: Progress, cancelled: CancelCheck) -> str:
    """Write the screening report kept under ``token`` as a workbook at ``out``."""
    from core.services.screening import write_screening_xlsx

    report = _screenings.get(token)
    if report is None:
        raise UserFacingError("this screening is no longer at hand; screen the file again")
    write_screening_xlsx(report, Path(out))
    return out


def case_ids(*, db: str, query: Any, progress: Progress, cancelled: CancelCheck) -> list[int]:
    """The ids of the cases matching ``query`` (a ``CaseQuery``), in its order."""
    from core.persistence.unit_of_work import reading
    from core.services.case_search import case_ids as matching

    with reading(store_for(db)) as session:
        return matching(session, query)


def case_list(*, db: str, query: Any, first: int) -> dict[str, Any]:
    """The ids of the cases matching ``query`` (a ``CaseQuery``), in its order, and the
    display rows of the ``first`` of them (``ids``, ``rows``), read in one snapshot."""
    from core.persistence.unit_of_work import reading
    from core.services.case_search import case_ids as matching
    from core.services.case_search import case_rows as rows

    with reading(store_for(db)) as session:
        ids = matching(session, query)
        return {"ids": ids, "rows": rows(session, ids[:first])}


def case_rows(*, db: str, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Display rows of the case list for ``ids`` (one page)."""
    from core.persistence.unit_of_work import reading
    from core.services.case_search import case_rows as rows

    with reading(store_for(db)) as session:
        return rows(session, ids)


def out_of_date(
    *, db: str, ids: list[int], progress: Progress, cancelled: CancelCheck
) -> dict[int, int]:
    """For each case id, how many of its vehicles' findings are out of date (0 if none)."""
    from core.persistence.unit_of_work import reading
    from core.services.staleness import stale_counts

    with reading(store_for(db)) as session:
        counts = stale_counts(session, ids)
    return {case_id: counts.get(case_id, 0) for case_id in ids}


def verify(
    *, db: str, reference: str, actor: str, progress: Progress, cancelled: CancelCheck
) -> dict[str, Any]:
    """Re-hash the case's exhibits (the check is recorded); which, if any, changed."""
    from core.services import evidence

    store = store_for(db)
    report = evidence.verify_evidence(
        store,
        evidence.blob_store_for(store),
        [reference],
        actor=actor,
        progress=progress,
        cancelled=cancelled,
    )
    return {
        "ok": report.ok,
        "checked": report.checked,
        "failures": [
            {"exhibit": f.exhibit_no, "name": f.original_name, "problem": f.problem}
            for f in report.failures
        ],
    }


def _corrections(items: list[tuple[int, str, str]] | None) -> dict[tuple[int, str], str]:
    return {(int(row), column): text for row, column, text in items or ()}


def validate_declarations(
    *,
    path: str,
    mapping: dict[str, str | None],
    sheet: str | None,
    report: str | None = None,
    corrections: list[tuple[int, str, str]] | None = None,
    progress: Progress,
    cancelled: CancelCheck,
) -> dict[str, Any]:
    """Check a declaration file as the import would (nothing is written); with ``report``,
    also write the validation report workbook there. ``corrections`` as for
    :func:`import_declarations`. ``cancelled`` when stopped."""
    from core.declarations.report import write_validation_report
    from core.services.declaration_import import validate

    try:
        checked = validate(
            Path(path),
            mapping=mapping,
            sheet=sheet,
            corrections=_corrections(corrections),
            progress=progress,
            cancelled=cancelled,
        )
    except Cancelled:
        return {"cancelled": True}
    if report:
        write_validation_report(Path(path), checked.errors, Path(report), sheet=sheet,
                                mapping=mapping)  # fmt: skip
    return {
        "rows": checked.rows,
        "errors": [asdict(e) for e in checked.errors],
        "warnings": checked.warnings,
        "rows_without_vin": checked.rows_without_vin,
    }


def load_case(
    *, db: str, reference: str, progress: Progress, cancelled: CancelCheck
) -> dict[str, Any]:
    """What the case workspace shows (detail, findings, audit trail), as plain data."""
    from core.persistence.unit_of_work import reading
    from core.services import cases, views

    with reading(store_for(db)) as session:
        case = cases.get_case(session, reference)
        return {
            "detail": views.case_detail(session, case),
            "history": views.audit_rows(session, case),
            "evidence": views.evidence_detail(session, case),
        }


# --- the worker process's side -----------------------------------------------------------------

_channel: Any = None
_cancel_flag: Any = None


def init_worker(channel: Any, cancel_flag: Any) -> None:
    """Process-pool initializer: the queue for progress and the event for cancel.

    The worker also ends itself when its parent dies (a crashed or killed window),
    instead of waiting forever on a queue nobody writes to.
    """
    global _channel, _cancel_flag
    _channel, _cancel_flag = channel, cancel_flag
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()


def _exit_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(0)


def worker_run(job: Callable[..., Any], kwargs: dict[str, Any]) -> JobOutcome:
    """Run a job in the worker process, reporting progress through the queue."""
    assert _channel is not None and _cancel_flag is not None
    progress = throttled(lambda done, total: _channel.put((done, total)))
    return run_job(job, kwargs, progress, _cancel_flag.is_set)

