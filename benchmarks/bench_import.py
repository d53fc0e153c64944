"""Benchmark: importing a 20,000-vehicle workbook versus reading it with openpyxl and
inserting the same rows with ``sqlite3`` ``executemany``.

Target (bulk-import issue): the import costs at most 1.5x the baseline. Both run in one
process, alternating, on the same workbook (the one of ``bench_screening.py``: every
column, dates as Excel dates and as text, parties in three scripts); medians compared,
and the median of the per-run ratios (the machines are noisy; a pair shares its noise).

The import measured is ``import_declarations`` in one unit of work: reading and
converting every cell, the vehicle checks, duplicate detection, shipments, party links,
the source file stored as an exhibit and the one audit event. Classifying the imported
vehicles (which the command does next) is timed separately, as is the peak memory of a
whole ``zeromile import`` in a fresh process, of this file and of a 100,000-row one.

Usage: python benchmarks/bench_import.py [--vehicles N] [--repeat R] [--memory-vehicles M]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).parent))
from bench_screening import HEADER, make_workbook

from core.persistence.store import open_store
from core.persistence.unit_of_work import unit_of_work
from core.services import cases, evidence
from core.services.declaration_import import import_declarations
from core.services.findings import classify_case


def baseline(path: Path, db: Path) -> int:
    """openpyxl reads the sheet; sqlite3 inserts the rows as they are, in one transaction."""
    wb = load_workbook(path, read_only=True, data_only=True)
    rows = wb.worksheets[0].iter_rows(values_only=True)
    next(rows)
    data = [tuple(str(v) if v is not None else None for v in row) for row in rows]
    wb.close()
    conn = sqlite3.connect(db)
    columns = ", ".join(f'"{h}"' for h in HEADER)
    conn.execute(f"CREATE TABLE IF NOT EXISTS vehicle ({columns})")
    marks = ", ".join("?" * len(HEADER))
    with conn:
        conn.executemany(f"INSERT INTO vehicle VALUES ({marks})", data)
    conn.close()
    return len(data)


def zeromile_import(path: Path, db: Path) -> tuple[int, float, float]:
    """(vehicles added, import seconds, classification seconds). The store is created (its
    schema migrated) and the case opened before the clock starts, as the baseline's
    table exists before its clock starts."""
    store = open_store(str(db))
    try:
        with unit_of_work(store, actor="bench") as session:
            reference = cases.create_case(session, title="Бенчмарк", jurisdiction="KZ").reference
        start = time.perf_counter()
        with unit_of_work(store, actor="bench") as session:
            summary = import_declarations(
                session,
                cases.get_case(session, reference),
                path,
                source_evidence=evidence.blob_store_for(store),
                actor="bench",
            )
        imported = time.perf_counter() - start
        start = time.perf_counter()
        with unit_of_work(store, actor="bench", reason="classification") as session:
            classify_case(session, cases.get_case(session, reference), with_findings=False)
        return summary.vehicles_added, imported, time.perf_counter() - start
    finally:
        store.close()


_PEAK_OF_THIS_PROCESS = """
import resource, sys
from core.cli.main import run
code = run(sys.argv[1:])
try:  # the high-water mark of this process's own memory (Linux)
    with open("/proc/self/status") as status:
        peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM"))
except OSError:  # elsewhere ru_maxrss, which may include the parent's peak at fork
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(peak, file=sys.stderr)
sys.exit(code)
"""


def peak_rss_of_cli_import(path: Path, home: Path) -> float:
    """Peak resident memory (MB) of ``zeromile import`` of the file, in a fresh process.

    Read from the child's own ``VmHWM``: ``ru_maxrss`` of a forked child starts at the
    parent's peak, which here includes building the workbook."""
    env = dict(os.environ, ZEROMILE_HOME=str(home))
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_OF_THIS_PROCESS, "--db", str(home / f"cli-{path.stem}.db"),
         "import", str(path), "--new-case", "Память", "--jurisdiction", "KZ", "--json"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vehicles", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--memory-vehicles", type=int, default=100_000,
        help="rows of the file whose whole 'zeromile import' has its peak memory measured "
             "(0: skip)",
    )  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        os.environ["ZEROMILE_HOME"] = str(home)
        path = home / "declarations.xlsx"
        make_workbook(path, args.vehicles)
        base, ours, classify = [], [], []
        for run in range(args.repeat):
            start = time.perf_counter()
            assert baseline(path, home / f"base{run}.db") == args.vehicles
            base.append(time.perf_counter() - start)
            added, imported, classified = zeromile_import(path, home / f"zm{run}.db")
            ours.append(imported)
            classify.append(classified)
            assert added == args.vehicles, added
            print(f"  run {run + 1}: baseline {base[-1]:6.2f} s, import {imported:6.2f} s "
                  f"({imported / base[-1]:.2f} x)", flush=True)  # fmt: skip
        peak = peak_rss_of_cli_import(path, home)
        big_peak = None
        if args.memory_vehicles:
            big = home / "big.xlsx"
            make_workbook(big, args.memory_vehicles)
            big_peak = peak_rss_of_cli_import(big, home)
    mb, mo, mc = (statistics.median(v) for v in (base, ours, classify))
    print(f"import of {args.vehicles:,} vehicles, median of {args.repeat}:")
    print(f"  openpyxl read + sqlite3 executemany  {mb:7.2f} s")
    print(f"  zeromile import (one transaction)    {mo:7.2f} s   {mo / mb:5.2f} x  (target <= 1.5)")
    paired = statistics.median(o / b for o, b in zip(ours, base, strict=True))
    print(f"  median of the side-by-side ratios              {paired:5.2f} x")
    print(f"  then classification of the case      {mc:7.2f} s")
    print(f"  peak memory of 'zeromile import'     {peak:7.0f} MB (whole command, with rules)")
    if big_peak is not None:
        print(
            f"  ... of {args.memory_vehicles:,} rows             {big_peak:7.0f} MB (target < 500)"
        )


if __name__ == "__main__":
    main()
