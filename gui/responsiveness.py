"""How long the event loop stalls: the measure behind "the window never freezes".

A precise timer ticks every few milliseconds on the GUI thread; the largest gap
between two ticks, minus the interval, is the longest time the window could not
repaint or react to a click. Used by the responsiveness tests and benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer


@dataclass(frozen=True)
class StallReport:
    longest_ms: float
    ticks: int
    over_100ms: int


class StallProbe(QObject):
    """Start before the work, stop after it; ``report()`` says how long the loop stalled."""

    def __init__(self, interval_ms: int = 5, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._interval = interval_ms
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        self._last_ns = 0
        self._gaps: list[float] = []

    def start(self) -> None:
        self._gaps.clear()
        self._clock.start()
        self._last_ns = 0
        self._timer.start()

    def stop(self) -> StallReport:
        self._timer.stop()
        self._tick()
        return self.report()

    def _tick(self) -> None:
        now = self._clock.nsecsElapsed()
        self._gaps.append(max(0.0, (now - self._last_ns) / 1e6 - self._interval))
        self._last_ns = now

    def report(self) -> StallReport:
        return StallReport(
            longest_ms=max(self._gaps, default=0.0),
            ticks=len(self._gaps),
            over_100ms=sum(1 for g in self._gaps if g > 100),
        )
