"""Benchmark: launch to a painted main window with the demo store, versus a bare PySide6 window.

Target (desktop issue): within 3 times the bare window. Each run is a fresh process (imports
included), timed from process start until the first paint of the window has happened;
runs alternate and medians are compared. The window paints before the store is open (core is
imported and the store opened on the worker), so the time until the demo cases are listed
is reported too.

Usage: python benchmarks/bench_gui_launch.py [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
import time, sys
t0 = float(sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication([])
w = QMainWindow(); w.setCentralWidget(QTableView()); w.resize(1280, 800); w.show()
QTimer.singleShot(0, lambda: (print(time.time() - t0), app.quit()))
app.exec()
"""

ZEROMILE = """
import time, sys
t0 = float(sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gui.app import DeskApp
desk = DeskApp(app)
w = desk.start(sys.argv[2], "en")
QTimer.singleShot(0, lambda: print(time.time() - t0))
def listed():
    if w.model.rowCount() and w.model.index(0, 0).data():
        print(time.time() - t0)
        w.runner.shutdown()
        app.quit()
    else:
        QTimer.singleShot(5, listed)
QTimer.singleShot(0, listed)
app.exec()
"""


def run(code: str, *args: str) -> list[float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    out = subprocess.run(
        [sys.executable, "-c", code, str(time.time()), *args],
        capture_output=True, text=True, check=True, env=env,
    ).stdout  # fmt: skip
    return [float(line) for line in out.strip().splitlines() if line[:1].isdigit()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ZEROMILE_HOME"] = tmp
        db = os.path.join(tmp, "demo.db")
        subprocess.run([sys.executable, "-m", "core.cli.main", "--db", db, "demo"], check=True,
                       capture_output=True)  # fmt: skip
        bare, painted, listed = [], [], []
        for _ in range(args.repeat):
            bare.append(run(BARE)[0])
            first, cases = run(ZEROMILE, db)
            painted.append(first)
            listed.append(cases)
    mb, mp, ml = (statistics.median(v) for v in (bare, painted, listed))
    print(f"launch, median of {args.repeat} fresh processes each:")
    print(f"  bare PySide6 window painted            {mb * 1000:7.0f} ms")
    print(
        f"  ZeroMile main window painted           {mp * 1000:7.0f} ms   {mp / mb:5.2f} x"
        "   (target <= 3)"
    )
    print(f"  ZeroMile demo cases listed (store open) {ml * 1000:6.0f} ms   {ml / mb:5.2f} x")


if __name__ == "__main__":
    main()
