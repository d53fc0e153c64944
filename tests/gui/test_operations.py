"""The runner: a lost store offers Retry and runs the same work again; other errors reach
``on_failure`` once; jobs in the worker process report errors as plain messages."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from core import jobs
from core.errors import StoreUnavailable, ValidationError
from core.persistence.store import Store
from gui.operations import OperationRunner


def make_runner(qtbot: QtBot) -> OperationRunner:
    host = QWidget()
    qtbot.addWidget(host)
    return OperationRunner(host)


def finish(qtbot: QtBot, runner: OperationRunner) -> None:
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)


def test_a_lost_store_is_retried_when_the_user_says_retry(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = make_runner(qtbot)
    asked: list[str] = []
    monkeypatch.setattr(runner, "_ask_retry", lambda message: asked.append(message) or True)
    attempts: list[int] = []

    def work(progress: Any, cancelled: Any) -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise StoreUnavailable("lost the connection to the store db; nothing was saved")
        return "saved"

    results: list[str] = []
    failures: list[str] = []
    runner.run("Saving", work, results.append, on_failure=failures.append)
    finish(qtbot, runner)
    qtbot.waitUntil(lambda: results == ["saved"], timeout=10000)
    assert len(attempts) == 2 and failures == [] and "lost the connection" in asked[0]


def test_declining_the_retry_reports_the_failure_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = make_runner(qtbot)
    monkeypatch.setattr(runner, "_ask_retry", lambda message: False)

    def work(progress: Any, cancelled: Any) -> None:
        raise StoreUnavailable("lost the connection")

    failures: list[str] = []
    runner.run("Saving", work, on_failure=failures.append)
    finish(qtbot, runner)
    qtbot.waitUntil(lambda: failures == ["lost the connection"], timeout=10000)


def test_a_refused_value_is_not_offered_for_retry(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = make_runner(qtbot)
    monkeypatch.setattr(runner, "_ask_retry", lambda message: pytest.fail("no retry here"))

    def work(progress: Any, cancelled: Any) -> None:
        raise ValidationError([("odometer_km", "must not be negative")])

    failures: list[str] = []
    runner.run("Saving", work, on_failure=failures.append)
    finish(qtbot, runner)
    qtbot.waitUntil(lambda: failures == ["odometer_km: must not be negative"], timeout=10000)


def test_a_job_in_the_worker_process_reports_its_error_as_a_message(
    qtbot: QtBot, store: Store
) -> None:
    runner = make_runner(qtbot)
    failures: list[str] = []
    kwargs = {"db": jobs.locator(store), "reference": "ZM-2026-999999", "actor": "t"}
    runner.run_job("Running the rules", jobs.classify, kwargs, on_failure=failures.append)
    finish(qtbot, runner)
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=10000)
    assert "ZM-2026-999999" in failures[0] and "Traceback" not in failures[0]


def test_many_quick_operations_each_report_back_once_in_order(qtbot: QtBot) -> None:
    """Short tasks end while the window is still handling the previous one's result: every
    report arrives once, on the GUI thread, and nothing is left running (a sender
    destroyed by a worker thread used to crash the process here, now and then)."""
    runner = make_runner(qtbot)
    results: list[int] = []
    failures: list[str] = []
    for n in range(300):
        if n % 3 == 0:
            runner.run("Quick", lambda _p, _c, n=n: n, results.append, on_failure=failures.append)
        elif n % 3 == 1:
            runner.run("Quick", lambda _p, _c, n=n: n // 0, results.append,
                       on_failure=failures.append)  # fmt: skip
        else:
            runner.run(
                "Quick",
                lambda progress, _c, n=n: (progress(1, 2), n)[1],
                results.append,
                on_failure=failures.append,
            )
    finish(qtbot, runner)
    assert results == [n for n in range(300) if n % 3 != 1]
    assert len(failures) == 100 and all("ZeroDivisionError" in f for f in failures)
    assert not runner.busy
