"""Benchmark: the commands a user runs on a 20,000-vehicle declaration, this code against
an earlier commit and against the bare work, each a fresh process, side by side.

Timed, end to end (start-up, reading, checking, judging, writing), alternating:

- ``zeromile screen FILE --json`` against a fresh process that only reads the workbook
  with openpyxl (target, issue 3: at most 1.6x);
- ``zeromile import FILE --new-case ...`` (which runs the rules too) against a fresh
  process that reads the workbook with openpyxl and inserts the rows with ``sqlite3``
  ``executemany`` (the bulk-import target of issue 7, 1.5x, was set for the import
  without the rules; both figures are printed);
- ``zeromile classify REF`` of the imported case, whose findings are current (target,
  issue 11: tracking what findings were computed from costs at most 10%);
- ``zeromile export REF --xlsx X`` and ``zeromile export REF --pdf P`` of that case
  (issue 12: the workbook alone no longer builds the PDF).

Each command is also run by the baseline commit (checked out with ``git worktree``,
run by the same interpreter with ``PYTHONPATH`` pointing at it, on a store of its own),
so every ratio to the earlier code is measured on the same machine at the same time.
Medians, and the median of the per-run ratios (a pair shares its noise), are printed.

Usage: python benchmarks/bench_commands.py [--vehicles N] [--repeat R] [--baseline COMMIT]
       [--commands screen,import,classify,export]

``import`` always runs (the other commands need its case); the sides take turns going
first, so a drift in the machine's load falls on both.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_screening import HEADER, make_workbook

ROOT = Path(__file__).resolve().parents[1]
_CLI = "import sys; from core.cli.main import run; sys.exit(run(sys.argv[1:]))"
_READ = """
import sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1], read_only=True, data_only=True)
print(sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True)))
"""
_READ_AND_INSERT = f"""
import sqlite3, sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1], read_only=True, data_only=True)
rows = wb.worksheets[0].iter_rows(values_only=True)
next(rows)
data = [tuple(str(v) if v is not None else None for v in row) for row in rows]
conn = sqlite3.connect(sys.argv[2])
conn.execute('CREATE TABLE vehicle ({", ".join(f'"{h}"' for h in HEADER)})')
with conn:
    conn.executemany('INSERT INTO vehicle VALUES ({", ".join("?" * len(HEADER))})', data)
print(len(data))
"""


def fresh(args: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> tuple[float, str]:
    """Run a fresh Python process: (wall seconds, stdout); exit codes outside ``ok`` fail
    the benchmark (``screen`` exits 1 when it flags a vehicle)."""
    start = time.perf_counter()
    # -P: no current folder first on sys.path, so PYTHONPATH decides which code runs (run
    # from the checkout, "-c" would otherwise import the new code on the baseline side).
    done = subprocess.run(
        [sys.executable, "-P", *args], env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        raise SystemExit(f"{args[-3:]} failed: {done.stderr.strip()[-500:]}")
    return elapsed, done.stdout


def report(name: str, ours: list[float], theirs: list[float], target: str = "") -> None:
    mo, mt = statistics.median(ours), statistics.median(theirs)
    paired = statistics.median(o / t for o, t in zip(ours, theirs, strict=True))
    runs = ", ".join(f"{o / t:.2f}" for o, t in zip(ours, theirs, strict=True))
    print(f"  {name:44s} {mo:6.2f} s / {mt:6.2f} s = {mo / mt:4.2f} x  "
          f"(paired median {paired:4.2f} x; runs {runs}) {target}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vehicles", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", default="104ce98", help="the earlier commit")
    parser.add_argument(
        "--commands", default="screen,import,classify,export",
        help="which commands to time (comma-separated)",
    )  # fmt: skip
    args = parser.parse_args()
    commands = set(args.commands.split(",")) | {"import"}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        old = work / "baseline-code"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old),
             args.baseline], check=True,
        )  # fmt: skip
        try:
            path = work / "declarations.xlsx"
            make_workbook(path, args.vehicles)
            sides = {"new": ROOT, "old": old}
            # Compiled modules are kept, as an installed copy has them (pip compiles).
            base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env = {
                side: dict(base_env, PYTHONPATH=str(code), ZEROMILE_HOME=str(work / side))
                for side, code in sides.items()
            }
            for side in sides:  # warm up: compile, and create the template store once
                db = str(work / f"{side}-warm.db")
                fresh(["-c", _CLI, "--db", db, "screen", str(path), "--json"], env[side], (0, 1))
            times: dict[str, list[float]] = {}

            def timed(key: str, argv: list[str], side: str = "new") -> str:
                seconds, out = fresh(argv, env[side], (0, 1) if "screen" in argv else (0,))
                times.setdefault(key, []).append(seconds)
                return out

            refs: dict[str, str] = {}
            for run in range(args.repeat):
                timed("read", ["-c", _READ, str(path)])
                timed("read+insert", ["-c", _READ_AND_INSERT, str(path), str(work / f"b{run}")])
                for side in list(sides) if run % 2 == 0 else list(sides)[::-1]:
                    db = str(work / f"{side}-{run}.db")
                    if "screen" in commands:
                        timed(f"screen {side}", ["-c", _CLI, "--db", db, "screen", str(path),
                                                 "--json"], side)  # fmt: skip
                    out = timed(f"import {side}", ["-c", _CLI, "--db", db, "import", str(path),
                                "--new-case", "Бенчмарк", "--jurisdiction", "KZ", "--json"],
                                side)  # fmt: skip
                    refs[side] = json.loads(out)["case"]
                    if "classify" in commands or "export" in commands:
                        timed(f"classify {side}", ["-c", _CLI, "--db", db, "classify",
                                                   refs[side], "--json"], side)  # fmt: skip
                    if "export" in commands:
                        for kind in ("xlsx", "pdf"):
                            target = str(work / f"{side}-{run}.{kind}")
                            timed(f"export {kind} {side}", ["-c", _CLI, "--db", db, "export",
                                  refs[side], f"--{kind}", target], side)  # fmt: skip
                this_run = ", ".join(f"{k} {v[-1]:.1f}" for k, v in sorted(times.items()))
                print(f"  run {run + 1} of {args.repeat} done: {this_run}", flush=True)
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False
            )
    print(f"{args.vehicles:,} vehicles, medians of {args.repeat} fresh processes each:")
    if "screen" in commands:
        report("zeromile screen / openpyxl read", times["screen new"], times["read"], "(<= 1.6)")
    report("zeromile import (with rules) / read+insert", times["import new"],
           times["read+insert"])  # fmt: skip
    if "screen" in commands:
        report(f"zeromile screen / the same at {args.baseline}", times["screen new"],
               times["screen old"])  # fmt: skip
    report(f"zeromile import / the same at {args.baseline}", times["import new"],
           times["import old"])  # fmt: skip
    if "classify" in commands:
        report(f"zeromile classify / the same at {args.baseline}", times["classify new"],
               times["classify old"], "(<= 1.10)")  # fmt: skip
    if "export" in commands:
        for kind in ("xlsx", "pdf"):
            report(f"zeromile export --{kind} / the same at {args.baseline}",
                   times[f"export {kind} new"], times[f"export {kind} old"])  # fmt: skip
    report(f"  ({args.baseline}) import / read+insert", times["import old"],
           times["read+insert"])  # fmt: skip


if __name__ == "__main__":
    main()
