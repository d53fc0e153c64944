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

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from core.errors import Cancelled, StoreUnavailable, UserFacingError

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class _Signals(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str, str, bool)  # message, details, retryable
    cancelled = Signal()


class _Task(QRunnable):
    def __init__(self, work: Work, signals: _Signals, stop: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work, self._signals, self._stop = work, signals, stop

    def run(self) -> None:
        try:
            result = self._work(
                lambda done, total: self._signals.progress.emit(done, total), self._stop.is_set
            )
        except Cancelled:
            self._signals.cancelled.emit()
        except UserFacingError as exc:
            self._signals.failed.emit(str(exc), "", isinstance(exc, StoreUnavailable))
        except Exception as exc:  # the one place unexpected errors are caught and shown
            details = traceback.format_exc()
            self._signals.failed.emit(f"{type(exc).__name__}: {exc}", details, False)
        else:
            self._signals.succeeded.emit(result)


class OperationRunner(QObject):
    """Runs operations one at a time on a worker thread."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._live: set[_Signals] = set()

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
        signals = _Signals()
        self._live.add(signals)
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, self._window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(stop.set)

        def on_progress(done: int, total: int) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))

        def finish() -> None:
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()
            self._live.discard(signals)

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
            box = QMessageBox(QMessageBox.Icon.Warning, self._window.windowTitle(), message,
                              parent=self._window)  # fmt: skip
            if details:
                box.setDetailedText(details)
            box.open()

        signals.progress.connect(on_progress)
        signals.succeeded.connect(succeeded)
        signals.failed.connect(failed)
        signals.cancelled.connect(finish)
        self._pool.start(_Task(work, signals, stop))

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
        return bool(box.exec() == QMessageBox.StandardButton.Retry)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until queued operations end (tests and shutdown)."""
        return bool(self._pool.waitForDone(msecs))

    @property
    def busy(self) -> bool:
        return bool(self._live)
