"""One way for the window to run work: off the GUI thread, with progress and cancel.

Each operation is a plain function ``fn(progress, cancelled) -> result`` that
receives plain data and returns plain data (never widgets or ORM objects). It
runs on a single worker thread, so database work is never concurrent within
the app. A progress dialog appears only if the work takes longer than half a
second; its Cancel button sets a flag the core checks (threads are never
killed). Results and errors come back to the GUI thread through signals, and
errors are shown in one place. When the store was unreachable (a lost PostgreSQL
connection, a locked SQLite file) nothing was written, so the user is offered a
retry of the same operation; the caller's widgets, and what was typed in them,
are left alone either way.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import queue
import threading
import traceback
import weakref
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from core.errors import Cancelled, StoreUnavailable, UserFacingError

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class _WorkerProcess:
    """One worker process for the long jobs (rules, exports, imports, checks).

    Python threads share one interpreter lock; a busy worker thread makes every
    repaint of the window wait for it. A separate process does not, so long jobs
    run there, while the thread runner only waits for them and relays progress.
    """

    def __init__(self) -> None:
        from core import jobs  # the child imports the same module to find the jobs

        context = multiprocessing.get_context("spawn")
        self.channel: Any = context.Queue()
        self.cancel_flag: Any = context.Event()
        self.broken = False
        self.pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=context,
            initializer=jobs.init_worker,
            initargs=(self.channel, self.cancel_flag),
        )

    def run(
        self,
        job: Callable[..., Any],
        kwargs: dict[str, Any],
        progress: Callable[[int, int], None],
        cancelled: Callable[[], bool],
    ) -> Any:
        """Run ``job`` in the process; called on the runner's thread."""
        from core import jobs

        self.cancel_flag.clear()
        while not self.channel.empty():
            self.channel.get_nowait()
        try:
            future = self.pool.submit(jobs.worker_run, job, kwargs)
        except BrokenProcessPool as exc:
            self.broken = True
            raise _JobFailed(_stopped_message(), "", retryable=True) from exc
        while not future.done():
            with contextlib.suppress(queue.Empty):
                progress(*self.channel.get(timeout=0.05))
            if cancelled():
                self.cancel_flag.set()
        try:
            outcome: jobs.Outcome = future.result()
        except BrokenProcessPool as exc:
            self.broken = True  # the next job gets a new process
            raise _JobFailed(_stopped_message(), "", retryable=True) from exc
        if outcome.status == "cancelled":
            raise Cancelled()
        if outcome.status == "error":
            raise _JobFailed(outcome.message, outcome.details, outcome.retryable)
        return outcome.result

    def shutdown(self) -> None:
        self.cancel_flag.set()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.channel.close()
        self.channel.join_thread()


class _Workers:
    """The runner's worker processes (started on first use); plain Python, so they can
    be stopped even after Qt has deleted the runner."""

    def __init__(self) -> None:
        self.jobs: _WorkerProcess | None = None
        self.reads: _WorkerProcess | None = None

    def for_jobs(self) -> _WorkerProcess:
        if self.jobs is None or self.jobs.broken:
            self.jobs = _replace(self.jobs)
        return self.jobs

    def for_reads(self) -> _WorkerProcess:
        if self.reads is None or self.reads.broken:
            self.reads = _replace(self.reads)
        return self.reads

    def shutdown(self, *_args: Any) -> None:
        for process in (self.jobs, self.reads):
            if process is not None:
                process.shutdown()
        self.jobs = self.reads = None


def _replace(process: _WorkerProcess | None) -> _WorkerProcess:
    """A new worker process (a crashed one is shut down first)."""
    if process is not None:
        process.shutdown()
    return _WorkerProcess()


def _stopped_message() -> str:
    return QCoreApplication.translate(
        "OperationRunner",
        "The worker process stopped unexpectedly; nothing was saved. Retry to start a new one.",
    )


class _JobFailed(Exception):
    def __init__(self, message: str, details: str, retryable: bool) -> None:
        super().__init__(message)
        self.details, self.retryable = details, retryable


class _Bridge(QObject):
    """Carries what the worker threads report to the GUI thread, tagged with the task.

    There is one per runner, owned by it and living as long as it: a signal's sender
    must never be destroyed while a worker thread is still emitting on it, which a
    sender per task, dropped by whichever thread let go of it last, could not promise.
    """

    progress = Signal(int, int, int)  # task, done, total
    succeeded = Signal(int, object)  # task, result
    failed = Signal(int, str, str, bool)  # task, message, details, retryable
    cancelled = Signal(int)  # task


@dataclass(frozen=True)
class _Handlers:
    """What the GUI thread does with one task's reports."""

    succeeded: Callable[[Any], None]
    failed: Callable[[str, str, bool], None]
    cancelled: Callable[[], None]
    progress: Callable[[int, int], None] = lambda _done, _total: None


class _Task(QRunnable):
    def __init__(self, work: Work, bridge: _Bridge, task: int, stop: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work, self._bridge, self._task, self._stop = work, bridge, task, stop

    def run(self) -> None:
        bridge, task = self._bridge, self._task
        try:
            result = self._work(
                lambda done, total: bridge.progress.emit(task, done, total), self._stop.is_set
            )
        except Cancelled:
            bridge.cancelled.emit(task)
        except _JobFailed as exc:
            bridge.failed.emit(task, str(exc), exc.details, exc.retryable)
        except UserFacingError as exc:
            bridge.failed.emit(task, str(exc), "", isinstance(exc, StoreUnavailable))
        except Exception as exc:  # the one place unexpected errors are caught and shown
            details = traceback.format_exc()
            bridge.failed.emit(task, f"{type(exc).__name__}: {exc}", details, False)
        else:
            bridge.succeeded.emit(task, result)


class OperationRunner(QObject):
    """Runs operations one at a time on a worker thread (long jobs in a worker process)."""

    #: Every live runner, so tests can check that none leaves work or a process behind.
    instances: ClassVar[weakref.WeakSet[OperationRunner]] = weakref.WeakSet()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._reader = QThreadPool(self)
        self._reader.setMaxThreadCount(1)
        self._bridge = _Bridge(self)
        self._bridge.progress.connect(self._relay_progress)
        self._bridge.succeeded.connect(self._relay_success)
        self._bridge.failed.connect(self._relay_failure)
        self._bridge.cancelled.connect(self._relay_cancel)
        self._tasks = itertools.count(1)
        self._live: dict[int, _Handlers] = {}
        self.workers = _Workers()
        self.destroyed.connect(self.workers.shutdown)
        OperationRunner.instances.add(self)

    def run(
        self,
        label: str,
        work: Work,
        on_success: Callable[[Any], None] | None = None,
        *,
        on_failure: Callable[[str], None] | None = None,
    ) -> None:
        """Run ``work`` on the worker; then ``on_success(result)`` or ``on_failure(message)``.

        Without ``on_failure`` an error is shown in a message box. A retryable store
        error first offers Retry, which runs the same ``work`` again.
        """
        stop = threading.Event()
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, self._window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        # A lambda, not ``stop.set``: PySide tracks a bound method's object by a weak
        # reference and disconnects when it dies, and the task drops ``stop`` on the
        # worker thread; a disconnect there races the GUI thread's own connects.
        dialog.canceled.connect(lambda: stop.set())

        def on_progress(done: int, total: int) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))

        def finish() -> None:
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()

        def succeeded(result: Any) -> None:
            finish()
            if on_success is not None:
                on_success(result)

        def failed(message: str, details: str, retryable: bool) -> None:
            finish()
            if retryable and self._ask_retry(message):
                self.run(label, work, on_success, on_failure=on_failure)
                return
            if on_failure is not None:
                on_failure(message)
                return
            self._show_error(message, details)

        self._start(self._pool, work, _Handlers(succeeded, failed, finish, on_progress), stop)

    def read(
        self,
        job: Callable[..., Any],
        kwargs: dict[str, Any],
        on_success: Callable[[Any], None],
        *,
        on_failure: Callable[[str], None] | None = None,
    ) -> None:
        """Read data for display with a job of ``core.jobs``, without a progress dialog.

        Reads run in their own worker process, waited for on the reading thread, so
        they never queue behind a long job and never hold this process's interpreter
        lock while the window paints. Errors are shown like those of :meth:`run`.
        """
        process = self.workers.for_reads()

        def failed(message: str, details: str, _retryable: bool) -> None:
            if on_failure is not None:
                on_failure(message)
            else:
                self._show_error(message, details)

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            return process.run(job, kwargs, progress, cancelled)

        self._start(self._reader, work, _Handlers(on_success, failed, lambda: None),
                    threading.Event())  # fmt: skip

    def _start(
        self, pool: QThreadPool, work: Work, handlers: _Handlers, stop: threading.Event
    ) -> None:
        task = next(self._tasks)
        self._live[task] = handlers
        pool.start(_Task(work, self._bridge, task, stop))

    # The relays run on the GUI thread (the runner is the receiver); a task's handlers
    # are dropped when it ends, so ``busy`` is false once every callback has run.
    def _relay_success(self, task: int, result: Any) -> None:
        self._live.pop(task).succeeded(result)

    def _relay_failure(self, task: int, message: str, details: str, retryable: bool) -> None:
        self._live.pop(task).failed(message, details, retryable)

    def _relay_cancel(self, task: int) -> None:
        self._live.pop(task).cancelled()

    def _relay_progress(self, task: int, done: int, total: int) -> None:
        handlers = self._live.get(task)
        if handlers is not None:
            handlers.progress(done, total)

    def _show_error(self, message: str, details: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self._window.windowTitle(), message,
                          parent=self._window)  # fmt: skip
        if details:
            box.setDetailedText(details)
        box.open()

    def run_job(
        self,
        label: str,
        job: Callable[..., Any],
        kwargs: dict[str, Any],
        on_success: Callable[[Any], None] | None = None,
        *,
        on_failure: Callable[[str], None] | None = None,
    ) -> None:
        """Like :meth:`run`, for a long job of ``core.jobs``: it runs in the worker process.

        ``kwargs`` are plain, picklable data (the store's URL, references, paths).
        """
        process = self.workers.for_jobs()

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            return process.run(job, kwargs, progress, cancelled)

        self.run(label, work, on_success, on_failure=on_failure)

    def start_worker_processes(self) -> None:
        """Start the worker processes now (after launch), so the first job need not wait."""
        from core import jobs

        for process in (self.workers.for_jobs(), self.workers.for_reads()):
            process.pool.submit(jobs.worker_run, jobs.warm_up, {})  # no dialog, no wait

    def shutdown(self) -> None:
        """Wait for queued work, then stop the worker process (window closing, tests)."""
        self.wait()
        self.workers.shutdown()

    def _ask_retry(self, message: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self._window.windowTitle(),
            message,
            QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel,
            self._window,
        )
        box.setInformativeText(
            self.tr("Nothing was saved and your input is kept. Retry when the store is back.")
        )
        box.setDefaultButton(QMessageBox.StandardButton.Retry)
        box.exec()
        return box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Retry

    def wait(self, msecs: int = 30000) -> bool:
        """Block until queued operations and reads end (tests and shutdown)."""
        return bool(self._pool.waitForDone(msecs)) and bool(self._reader.waitForDone(msecs))

    @property
    def busy(self) -> bool:
        return bool(self._live)
