"""Benchmark: launch to a painted main window with the demo store, versus a bare PySide6 window.

Target (desktop issue): within 3 times the bare window. Each run is a fresh process (imports
included), timed from process start until the first paint of the window has happened;
runs alternate and medians are compared.

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
from core.persistence.store import open_store
from gui.main_window import MainWindow
w = MainWindow(open_store(sys.argv[2])); w.resize(1280, 800); w.show()
QTimer.singleShot(0, lambda: (print(time.time() - t0), w.runner.wait(), app.quit()))
app.exec()
"""


def run(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    out = subprocess.run(
        [sys.executable, "-c", code, str(time.time()), *args],
        capture_output=True, text=True, check=True, env=env,
    ).stdout  # fmt: skip
    return float(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ZEROMILE_HOME"] = tmp
        db = os.path.join(tmp, "demo.db")
        subprocess.run([sys.executable, "-m", "core.cli.main", "--db", db, "demo"], check=True,
                       capture_output=True)  # fmt: skip
        bare, ours = [], []
        for _ in range(args.repeat):
            bare.append(run(BARE))
            ours.append(run(ZEROMILE, db))
    mb, mo = statistics.median(bare), statistics.median(ours)
    print(f"launch to painted window, median of {args.repeat}:")
    print(f"  bare PySide6 window        {mb * 1000:7.0f} ms")
    print(f"  ZeroMile with demo store   {mo * 1000:7.0f} ms")
    print(f"  ratio                      {mo / mb:7.2f} x   (target <= 3)")


if __name__ == "__main__":
    main()
