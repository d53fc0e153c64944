"""The one way the window runs work: an :class:`Op` per call, never on the GUI thread.

In the spirit of Anki's ``CollectionOp``/``QueryOp``. An op names a function of
``core`` (a use case of ``core.services`` or a job of ``core.jobs``) and its plain
keyword arguments; it runs where the op says (:class:`Where`), and its result or its
:class:`~core.errors.Failure` comes back to the GUI thread, to the op's callbacks::

    Op(vehicles.save_record, db=db, actor=actor, ...) \\
        .label(self.tr("Saving")).key(("save", id(self))).changes(Changes(records=True)) \\
        .success(self._saved).failure(self._refused).run(runner)

- ``where``: the runner's thread in this process (writes, one at a time), the reading
  process (reads for display: they never queue behind a long job, never hold this
  process's interpreter lock), or the worker process (long jobs: rules, exports, imports).
- ``key``: a newer op with the same key supersedes an older one; the older one's
  callbacks are dropped (a read not started yet, or under way, is asked to stop; a
  write runs to its end, and its changes are still announced). This is the one
  stale-result guard.
- ``label``: a progress dialog appears after half a second, with Cancel. Cancel is one
  channel: :meth:`Op.cancel`, which the core checks (threads are never killed).
- ``changes``: on success the runner announces what changed (:class:`Changes`, Anki's
  ``OpChanges``) with ``runner.changed``; each view decides whether to refresh.
- A failure reaches ``failure(Failure)``: message, field problems, the stored values on a
  conflict, and whether a retry makes sense. Without a failure callback the runner shows
  the message. When the store was out of reach nothing was written: an op with a label
  first offers Retry, which runs the same op again.

The function receives ``progress`` and ``cancelled`` keywords only when its signature
takes them (``core.jobs.call``). Ops for the two processes must name module-level
functions and pass picklable arguments.
"""

from __future__ import annotations

import contextlib
import enum
import itertools
import multiprocessing
import queue
import threading
import traceback
import weakref
from collections.abc import Callable, Hashable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from core.errors import Cancelled, Failure, failure_of

T = TypeVar("T")


class Where(enum.Enum):
    """Where an op runs."""

    THREAD = "thread"  #: the runner's one worker thread, in this process
    READER = "reader"  #: the reading process
    WORKER = "worker"  #: the worker process for long jobs


@dataclass(frozen=True)
class Changes:
    """What a successful op changed (Anki's ``OpChanges``). ``reference`` is the case it
    changed (None: none in particular); the flags say which parts of it."""

    reference: str | None = None
    case: bool = False  #: the case's fields, status or notes
    records: bool = False  #: shipments, vehicles, parties
    evidence: bool = False  #: exhibits, custody, checks
    findings: bool = False  #: classification runs
    cases: bool = True  #: the case list (counts, titles, statuses)


class _WorkerProcess:
    """One worker process (started on first use); plain Python, so it can be stopped
    even after Qt has deleted the runner.

    Python threads share one interpreter lock; busy work on a thread here makes every
    repaint of the window wait for it. A separate process does not.
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
        """Run ``job`` in the process; called on one of the runner's threads."""
        from core import jobs

        self.cancel_flag.clear()
        while not self.channel.empty():
            self.channel.get_nowait()
        if cancelled():
            raise Cancelled()
        try:
            future = self.pool.submit(jobs.worker_run, job, kwargs)
        except BrokenProcessPool as exc:
            self.broken = True
            raise _Failed(Failure(_stopped_message(), "unavailable")) from exc
        while not future.done():
            with contextlib.suppress(queue.Empty):
                progress(*self.channel.get(timeout=0.05))
            if cancelled():
                self.cancel_flag.set()
        try:
            outcome: jobs.JobOutcome = future.result()
        except BrokenProcessPool as exc:
            self.broken = True  # the next job gets a new process
            raise _Failed(Failure(_stopped_message(), "unavailable")) from exc
        if outcome.status == "cancelled":
            raise Cancelled()
        if outcome.failure is not None:
            raise _Failed(outcome.failure)
        return outcome.result

    def shutdown(self) -> None:
        self.cancel_flag.set()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.channel.close()
        self.channel.join_thread()


class _Workers:
    """The runner's two worker processes, each started on first use."""

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


class _Failed(Exception):
    """Carries a :class:`Failure` from a worker process to the task that waited on it."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.message)
        self.failure = failure


class _Bridge(QObject):
    """Carries what the worker threads report to the GUI thread, tagged with the task.

    There is one per runner, owned by it and living as long as it: a signal's sender
    must never be destroyed while a worker thread is still emitting on it, which a
    sender per task, dropped by whichever thread let go of it last, could not promise.
    """

    progress = Signal(int, int, int)  # task, done, total
    succeeded = Signal(int, object)  # task, result
    failed = Signal(int, object)  # task, Failure
    cancelled = Signal(int)  # task


class _Task(QRunnable):
    def __init__(
        self, work: Callable[[Any, Any], Any], bridge: _Bridge, task: int, stop: threading.Event
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work, self._bridge, self._task, self._stop = work, bridge, task, stop

    def run(self) -> None:
        bridge, task = self._bridge, self._task
        if self._stop.is_set():  # cancelled or superseded while it waited its turn
            bridge.cancelled.emit(task)
            return
        try:
            result = self._work(
                lambda done, total: bridge.progress.emit(task, done, total), self._stop.is_set
            )
        except Cancelled:
            bridge.cancelled.emit(task)
        except _Failed as exc:
            bridge.failed.emit(task, exc.failure)
        except Exception as exc:  # the one place unexpected errors are caught and shown
            bridge.failed.emit(task, failure_of(exc, traceback.format_exc()))
        else:
            bridge.succeeded.emit(task, result)


class Op(Generic[T]):
    """One call of a core function, run off the GUI thread (see the module's text).

    Built with the function and its keyword arguments, set up with the chained methods,
    started with :meth:`run`. An op runs once; a retry runs a copy.
    """

    def __init__(self, fn: Callable[..., T], /, **kwargs: Any) -> None:
        self.fn, self.kwargs = fn, kwargs
        self.where_ = Where.THREAD
        self.label_: str | None = None
        self.key_: Hashable | None = None
        self.changes_: Changes | None = None
        self.on_success: Callable[[T], None] = lambda _result: None
        self.on_failure: Callable[[Failure], None] | None = None
        self.on_progress: Callable[[int, int], None] = lambda _done, _total: None
        self.on_cancel: Callable[[], None] = lambda: None
        self._stop = threading.Event()

    def where(self, where: Where) -> Op[T]:
        self.where_ = where
        return self

    def label(self, label: str) -> Op[T]:
        """Show a progress dialog (after half a second) with this text and Cancel."""
        self.label_ = label
        return self

    def key(self, key: Hashable) -> Op[T]:
        """A newer op with the same key supersedes this one."""
        self.key_ = key
        return self

    def changes(self, changes: Changes) -> Op[T]:
        """Announce ``changes`` on the runner's ``changed`` signal after success."""
        self.changes_ = changes
        return self

    def success(self, callback: Callable[[T], None]) -> Op[T]:
        self.on_success = callback
        return self

    def failure(self, callback: Callable[[Failure], None]) -> Op[T]:
        self.on_failure = callback
        return self

    def progress(self, callback: Callable[[int, int], None]) -> Op[T]:
        self.on_progress = callback
        return self

    def cancelled(self, callback: Callable[[], None]) -> Op[T]:
        self.on_cancel = callback
        return self

    def cancel(self) -> None:
        """Ask the work to stop (the core checks between steps); ``cancelled`` follows."""
        self._stop.set()

    def run(self, runner: OperationRunner) -> Op[T]:
        runner.submit(self)
        return self

    def copy(self) -> Op[T]:
        """The same call, not yet run (a retry); :meth:`cancel` on either stops it."""
        again: Op[T] = Op(self.fn, **self.kwargs)
        again.__dict__.update({k: v for k, v in self.__dict__.items() if k not in ("fn", "kwargs")})
        return again


class OperationRunner(QObject):
    """Runs :class:`Op` s: writes one at a time on a worker thread, reads and long jobs
    in two worker processes. ``changed(Changes)`` fires after an op that changed data."""

    changed = Signal(object)

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
        self._live: dict[int, Op[Any]] = {}
        self._dialogs: dict[int, QProgressDialog] = {}
        self._latest: dict[Hashable, int] = {}
        self.workers = _Workers()
        self.destroyed.connect(self.workers.shutdown)
        OperationRunner.instances.add(self)

    def submit(self, op: Op[Any]) -> None:
        """Start ``op`` (:meth:`Op.run` calls this)."""
        task = next(self._tasks)
        if op.key_ is not None:
            older = self._live.get(self._latest.get(op.key_, 0))
            if older is not None and older.where_ is Where.READER:
                older.cancel()  # a read whose result would be dropped anyway
            self._latest[op.key_] = task
        self._live[task] = op
        if op.label_ is not None:
            self._dialogs[task] = self._dialog(op)
        fn, kwargs = op.fn, op.kwargs
        if op.where_ is Where.THREAD:
            from core import jobs

            def work(progress: Any, cancelled: Any) -> Any:
                return jobs.call(fn, kwargs, progress, cancelled)

            pool = self._pool
        else:
            process = (
                self.workers.for_reads() if op.where_ is Where.READER else self.workers.for_jobs()
            )

            def work(progress: Any, cancelled: Any) -> Any:
                return process.run(fn, kwargs, progress, cancelled)

            pool = self._reader if op.where_ is Where.READER else self._pool
        pool.start(_Task(work, self._bridge, task, op._stop))

    def _dialog(self, op: Op[Any]) -> QProgressDialog:
        dialog = QProgressDialog(op.label_ or "", self.tr("Cancel"), 0, 0, self._window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        # A lambda, not ``op.cancel``: PySide tracks a bound method's object by a weak
        # reference and disconnects when it dies, which could happen on another thread.
        dialog.canceled.connect(lambda: op.cancel())
        return dialog

    # The relays run on the GUI thread (the runner is the receiver); a task is dropped
    # when it ends, so ``busy`` is false once every callback has run.
    def _end(self, task: int) -> Op[Any] | None:
        """Forget ``task``; its op, or None when a newer op with its key superseded it."""
        op = self._live.pop(task)
        dialog = self._dialogs.pop(task, None)
        if dialog is not None:
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()
        if op.key_ is not None:
            if self._latest.get(op.key_) != task:
                return None
            del self._latest[op.key_]
        return op

    def _relay_success(self, task: int, result: Any) -> None:
        op = self._live[task]
        current = self._end(task)
        try:
            if current is not None:
                current.on_success(result)
        finally:
            if op.changes_ is not None:  # announced even when superseded: the data changed
                self.changed.emit(op.changes_)

    def _relay_failure(self, task: int, failure: Failure) -> None:
        op = self._end(task)
        if op is None:
            return
        if failure.retryable and op.label_ is not None:
            self._ask_retry(failure.message, lambda retry: self._after_ask(op, failure, retry))
            return
        self._report(op, failure)

    def _after_ask(self, op: Op[Any], failure: Failure, retry: bool) -> None:
        if op.key_ is not None and op.key_ in self._latest:
            return  # a newer op with its key was started meanwhile: this one is superseded
        if retry:
            op.copy().run(self)
        else:
            self._report(op, failure)

    def _report(self, op: Op[Any], failure: Failure) -> None:
        if op.on_failure is not None:
            op.on_failure(failure)
        else:
            self._show_error(failure)

    def _relay_cancel(self, task: int) -> None:
        op = self._end(task)
        if op is not None:
            op.on_cancel()

    def _relay_progress(self, task: int, done: int, total: int) -> None:
        op = self._live.get(task)
        if op is None:
            return
        dialog = self._dialogs.get(task)
        if dialog is not None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))
        op.on_progress(done, total)

    def _show_error(self, failure: Failure) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self._window.windowTitle(),
                          failure.message, parent=self._window)  # fmt: skip
        if failure.details:
            box.setDetailedText(failure.details)
        box.open()

    def _ask_retry(self, message: str, then: Callable[[bool], None]) -> None:
        """Ask whether to retry (without blocking: the answer arrives in ``then``)."""
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
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: int) -> None:
            then(QMessageBox.StandardButton(button) == QMessageBox.StandardButton.Retry)

        box.finished.connect(answered)
        box.open()

    def start_worker_processes(self) -> None:
        """Start the worker processes now (after launch), so the first job need not wait."""
        from core import jobs

        for process in (self.workers.for_jobs(), self.workers.for_reads()):
            process.pool.submit(jobs.worker_run, jobs.warm_up, {})  # no dialog, no wait

    def shutdown(self) -> None:
        """Wait for queued work, then stop the worker processes (window closing, tests)."""
        self.wait()
        self.workers.shutdown()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until queued operations and reads end: shutdown and tests only."""
        return bool(self._pool.waitForDone(msecs)) and bool(self._reader.waitForDone(msecs))

    @property
    def busy(self) -> bool:
        return bool(self._live)
