"""Races between real processes: each racer waits at one barrier, then they all go.

Racers are forked (POSIX), so they may be closures over the test's values; each opens
its own store and connections. What a racer returns (or the text of what it raised)
comes back to the test in the racers' order.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import sys
from collections.abc import Callable, Sequence
from multiprocessing.synchronize import Barrier
from typing import Any

import pytest

from core.cli.main import run

Racer = Callable[[Barrier], Any]


@pytest.fixture(autouse=True)
def _posix_only() -> None:
    if sys.platform == "win32":  # pragma: no cover
        pytest.skip("racers are forked processes")


def _run_racer(index: int, racer: Racer, barrier: Barrier, results: Any) -> None:
    try:
        outcome: tuple[str, Any] = ("ok", racer(barrier))
    except BaseException as exc:  # reported to the test, which decides
        outcome = ("raised", f"{type(exc).__name__}: {exc}")
    results.put((index, outcome))


def race(racers: Sequence[Racer], *, timeout: float = 300) -> list[tuple[str, Any]]:
    """Run each racer in its own process, all sharing one barrier of ``len(racers)``.

    Returns ``("ok", value)`` or ``("raised", "Type: message")`` per racer.
    """
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(len(racers))
    results = ctx.Queue()
    processes = [
        ctx.Process(target=_run_racer, args=(i, racer, barrier, results))
        for i, racer in enumerate(racers)
    ]
    for process in processes:
        process.start()
    try:
        found = dict(results.get(timeout=timeout) for _ in processes)
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():  # pragma: no cover - a stuck racer
                process.kill()
                process.join()
    return [found[i] for i in range(len(racers))]


def command(db: str, *args: str) -> Racer:
    """A racer that runs ``zeromile --db DB ARGS`` once all are at the barrier:
    returns (exit code, stdout, stderr)."""

    def racer(barrier: Barrier) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        barrier.wait()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(["--db", db, *args])
        return code, out.getvalue(), err.getvalue()

    return racer
