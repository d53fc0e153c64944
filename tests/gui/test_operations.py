"""The one operation API: a lost store offers Retry and runs the same op again; other
failures reach the failure callback once, as structured data; a newer op supersedes an
older one with its key; mutations announce what they changed; cancel stops the work."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from core import jobs
from core.errors import Cancelled, ConflictError, Failure, StoreUnavailable, ValidationError
from core.persistence.store import Store
from gui.operations import Changes, Op, OperationRunner, Where


def make_runner(qtbot: QtBot) -> OperationRunner:
    host = QWidget()
    qtbot.addWidget(host)
    return OperationRunner(host)


def finish(qtbot: QtBot, runner: OperationRunner) -> None:
    qtbot.waitUntil(lambda: not runner.busy, timeout=60000)


def answer_retry(
    runner: OperationRunner, monkeypatch: pytest.MonkeyPatch, retry: bool
) -> list[str]:
    """Answer the retry question with ``retry``; returns the questions asked."""
    asked: list[str] = []

    def ask(message: str, then: Callable[[bool], None]) -> None:
        asked.append(message)
        then(retry)

    monkeypatch.setattr(runner, "_ask_retry", ask)
    return asked


def _flaky(attempts: list[int]) -> Callable[[], str]:
    def save() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise StoreUnavailable("lost the connection to the store db; nothing was saved")
        return "saved"

    return save


def test_a_lost_store_is_retried_when_the_user_says_retry(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = make_runner(qtbot)
    asked = answer_retry(runner, monkeypatch, True)
    attempts: list[int] = []
    results: list[str] = []
    failures: list[Failure] = []
    Op(_flaky(attempts)).label("Saving").success(results.append).failure(failures.append).run(
        runner
    )
    finish(qtbot, runner)
    assert results == ["saved"] and len(attempts) == 2 and failures == []
    assert "lost the connection" in asked[0]


def test_declining_the_retry_reports_the_failure_once_as_retryable(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = make_runner(qtbot)
    answer_retry(runner, monkeypatch, False)

    def save() -> None:
        raise StoreUnavailable("lost the connection")

    failures: list[Failure] = []
    Op(save).label("Saving").failure(failures.append).run(runner)
    finish(qtbot, runner)
    assert [(f.message, f.kind, f.retryable) for f in failures] == [
        ("lost the connection", "unavailable", True)
    ]


def test_a_refused_value_arrives_with_its_field_and_is_not_offered_for_retry(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = make_runner(qtbot)
    monkeypatch.setattr(runner, "_ask_retry", lambda *_: pytest.fail("no retry here"))

    def save() -> None:
        raise ValidationError([("odometer_km", "must not be negative")])

    failures: list[Failure] = []
    Op(save).label("Saving").failure(failures.append).run(runner)
    finish(qtbot, runner)
    assert [(f.kind, f.problems, f.retryable) for f in failures] == [
        ("invalid", (("odometer_km", "must not be negative"),), False)
    ]


def test_a_conflict_arrives_with_the_stored_values(qtbot: QtBot) -> None:
    runner = make_runner(qtbot)

    def save() -> None:
        stored = {"odometer_km": 12, "colour": None}
        raise ConflictError(
            entity="vehicle", label="LVV…", expected_version=1, current_version=2, current=stored
        )

    failures: list[Failure] = []
    Op(save).failure(failures.append).run(runner)
    finish(qtbot, runner)
    assert failures[0].kind == "conflict"
    assert dict(failures[0].current) == {"odometer_km": "12", "colour": ""}


def test_a_job_in_the_worker_process_reports_its_error_as_a_message(
    qtbot: QtBot, store: Store
) -> None:
    runner = make_runner(qtbot)
    failures: list[Failure] = []
    Op(jobs.classify, db=jobs.locator(store), reference="ZM-2026-999999", actor="t").where(
        Where.WORKER
    ).failure(failures.append).run(runner)
    finish(qtbot, runner)
    assert len(failures) == 1 and failures[0].kind == "gone"
    assert "ZM-2026-999999" in failures[0].message and "Traceback" not in failures[0].message


def test_a_read_in_the_reading_process_returns_its_result(qtbot: QtBot, store: Store) -> None:
    from core.services import demo

    loaded = demo.load_demo(store, actor="demo")
    runner = make_runner(qtbot)
    results: list[dict[str, Any]] = []
    listing = Op(jobs.case_list, db=jobs.locator(store), query=_all_cases(), first=2)
    listing.where(Where.READER).success(results.append).run(runner)
    finish(qtbot, runner)
    assert len(results) == 1 and len(results[0]["ids"]) == len(loaded) > 2
    assert set(results[0]["rows"]) == set(results[0]["ids"][:2])


def _all_cases() -> Any:
    from core.services.case_search import CaseQuery

    return CaseQuery()


def test_a_newer_op_with_the_same_key_supersedes_the_older_one(qtbot: QtBot) -> None:
    """What a superseded read returns is never shown: only the latest op's result lands."""
    runner = make_runner(qtbot)
    release = threading.Event()
    shown: list[str] = []

    def slow_read(name: str, cancelled: Callable[[], bool]) -> str:
        release.wait(10)
        return name

    Op(slow_read, name="first case").key("case").success(shown.append).run(runner)
    Op(slow_read, name="second case").key("case").success(shown.append).run(runner)
    Op(slow_read, name="another key").key("list").success(shown.append).run(runner)
    release.set()
    finish(qtbot, runner)
    assert shown == ["second case", "another key"]


def test_a_mutation_announces_what_it_changed_even_when_superseded(qtbot: QtBot) -> None:
    runner = make_runner(qtbot)
    announced: list[Changes] = []
    runner.changed.connect(announced.append)
    saved = Changes(reference="ZM-2026-000001", records=True)
    Op(lambda: 1).key("save").changes(saved).run(runner)
    Op(lambda: 2).key("save").changes(saved).run(runner)
    Op(lambda: 3).run(runner)  # a read: announces nothing
    finish(qtbot, runner)
    assert announced == [saved, saved]


def test_cancel_stops_the_work_and_reaches_the_cancel_callback(qtbot: QtBot) -> None:
    runner = make_runner(qtbot)
    started = threading.Event()
    outcome: list[str] = []

    def long_job(cancelled: Callable[[], bool]) -> None:
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        raise Cancelled()

    op = Op(long_job).label("Working").cancelled(lambda: outcome.append("cancelled"))
    op.success(lambda _r: outcome.append("finished")).run(runner)
    assert started.wait(10)
    op.cancel()
    finish(qtbot, runner)
    assert outcome == ["cancelled"]


def test_progress_reaches_the_progress_callback_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = make_runner(qtbot)
    seen: list[tuple[int, int, bool]] = []

    def counting(progress: Callable[[int, int], None]) -> None:
        for done in range(1, 4):
            progress(done, 3)

    def record(done: int, total: int) -> None:
        seen.append((done, total, threading.current_thread() is threading.main_thread()))

    Op(counting).progress(record).run(runner)
    finish(qtbot, runner)
    assert seen == [(1, 3, True), (2, 3, True), (3, 3, True)]


def test_many_quick_operations_each_report_back_once_in_order(qtbot: QtBot) -> None:
    """Short tasks end while the window is still handling the previous one's result: every
    report arrives once, on the GUI thread, and nothing is left running (a sender
    destroyed by a worker thread used to crash the process here, now and then)."""
    runner = make_runner(qtbot)
    results: list[int] = []
    failures: list[Failure] = []

    def quick(n: int, progress: Callable[[int, int], None]) -> int:
        if n % 3 == 1:
            return n // 0
        if n % 3 == 2:
            progress(1, 2)
        return n

    for n in range(300):
        Op(quick, n=n).label("Quick").success(results.append).failure(failures.append).run(runner)
    finish(qtbot, runner)
    assert results == [n for n in range(300) if n % 3 != 1]
    assert len(failures) == 100 and all("ZeroDivisionError" in f.message for f in failures)
    assert all(f.kind == "internal" and "Traceback" in f.details for f in failures)
    assert not runner.busy


def test_an_op_cancelled_while_it_waits_its_turn_never_runs(qtbot: QtBot) -> None:
    """Cancel on a save still queued behind other work: it is not saved later."""
    runner = make_runner(qtbot)
    release = threading.Event()
    ran: list[str] = []

    def work(name: str) -> str:
        release.wait(10)
        ran.append(name)
        return name

    outcome: list[str] = []
    Op(work, name="first").run(runner)  # keeps the runner's thread busy
    queued = Op(work, name="queued").success(outcome.append)
    queued.cancelled(lambda: outcome.append("cancelled")).run(runner)
    queued.cancel()
    release.set()
    finish(qtbot, runner)
    assert ran == ["first"] and outcome == ["cancelled"]


def test_a_retry_answered_after_a_newer_op_with_its_key_started_is_dropped(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user looked at another exhibit before answering Retry about the first: the
    newer preview stays, the old one is not read again over it."""
    runner = make_runner(qtbot)
    answers: list[Callable[[bool], None]] = []
    monkeypatch.setattr(runner, "_ask_retry", lambda _message, then: answers.append(then))

    def lost() -> str:
        raise StoreUnavailable("lost the connection")

    shown: list[str] = []
    Op(lost).label("Loading").key("preview").success(shown.append).run(runner)
    qtbot.waitUntil(lambda: bool(answers), timeout=10000)
    Op(lambda: "exhibit 4").key("preview").success(shown.append).run(runner)
    finish(qtbot, runner)
    answers[0](True)  # Retry, on the old question
    finish(qtbot, runner)
    assert shown == ["exhibit 4"]


def test_cancel_reaches_the_retried_copy(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = make_runner(qtbot)
    answer_retry(runner, monkeypatch, True)
    attempts: list[int] = []
    outcome: list[str] = []

    def check(cancelled: Callable[[], bool]) -> None:
        attempts.append(1)
        if len(attempts) == 1:
            raise StoreUnavailable("lost the connection")
        while not cancelled():
            threading.Event().wait(0.01)
        raise Cancelled()

    op = Op(check).label("Checking").cancelled(lambda: outcome.append("cancelled"))
    op.run(runner)
    qtbot.waitUntil(lambda: len(attempts) == 2, timeout=10000)
    op.cancel()  # the page still holds the first op
    finish(qtbot, runner)
    assert outcome == ["cancelled"]
