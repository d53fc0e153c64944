"""Running core functions in another process, and the reads and runs a window needs.

A desktop front end runs use cases (``core.services``) and the jobs here in worker
processes, so that its window never waits for Python's global interpreter lock while
the rules run or a case is read. Each takes the store's locator (not an open store),
opens it (once per process, then cached), calls the same services the command line
calls, and returns plain data (numbers, strings, dicts, frozen dataclasses).

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
from dataclasses import dataclass
from typing import Any, Literal

from core.errors import Cancelled, Failure, failure_of
from core.persistence.unit_of_work import unit_of_work
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


def review_summary(*, db: str, reference: str) -> dict[str, Any]:
    """What the review dialog shows, read in one snapshot: the review's state
    (``core.services.review.ReviewState``, as ``state``), the case's content hash now
    (``content_hash``) and how many rows of each kind it covers (``counts``: shipments,
    vehicles, parties, findings, exhibits, custody)."""
    from core.persistence.unit_of_work import reading
    from core.services import cases, review

    with reading(store_for(db)) as session:
        case = cases.get_case(session, reference)
        content = review.case_content(session, case)
        kinds = ("shipments", "vehicles", "parties", "findings", "exhibits", "custody")
        return {
            "state": review.review_state(session, case),
            "content_hash": review.content_hash(session, case),
            "counts": {kind: len(content.get(kind) or ()) for kind in kinds},
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
