"""Benchmark: importing a 20,000-vehicle workbook versus reading it with openpyxl and
inserting the same rows with ``sqlite3`` ``executemany``.

Target (bulk-import issue): the import costs at most 1.5x the baseline. Both run in one
process, alternating, on the same workbook (the one of ``bench_screening.py``: every
column, dates as Excel dates and as text, parties in three scripts); medians compared.

The import measured is ``import_declarations`` in one unit of work: reading and
converting every cell, the vehicle checks, duplicate detection, shipments, party links,
the source file stored as an exhibit and the one audit event. Classifying the imported
vehicles (which the command does next) is timed separately, as is the peak memory of a
whole ``zeromile import`` of the file in a fresh process.

Usage: python benchmarks/bench_import.py [--vehicles N] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import resource
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


def peak_rss_of_cli_import(path: Path, home: Path) -> float:
    """Peak resident memory (MB) of ``zeromile import`` of the file, in a fresh process."""
    code = (
        "import resource, sys; from core.cli.main import run; "
        "code = run(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); "
        "sys.exit(code)"
    )
    env = dict(os.environ, ZEROMILE_HOME=str(home))
    done = subprocess.run(
        [sys.executable, "-c", code, "--db", str(home / "cli.db"), "import", str(path),
         "--new-case", "Память", "--jurisdiction", "KZ", "--json"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vehicles", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
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
        peak = peak_rss_of_cli_import(path, home)
    mb, mo, mc = (statistics.median(v) for v in (base, ours, classify))
    print(f"import of {args.vehicles:,} vehicles, median of {args.repeat}:")
    print(f"  openpyxl read + sqlite3 executemany  {mb:7.2f} s")
    print(f"  zeromile import (one transaction)    {mo:7.2f} s   {mo / mb:5.2f} x  (target <= 1.5)")
    print(f"  then classification of the case      {mc:7.2f} s")
    print(f"  peak memory of 'zeromile import'     {peak:7.0f} MB (whole command, with rules)")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  (this benchmark process peaked at {own:.0f} MB)")


if __name__ == "__main__":
    main()
