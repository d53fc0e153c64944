"""Benchmark: the cost of the audited write path and of listing cases.

Side by side, in one process, on the same machine (report ratios and medians):

1. Adding N vehicles to a case through ``core.services.vehicles.add_vehicle`` in one
   unit of work (parsing, checks, party links, field-level audit events) versus a
   baseline that inserts the same rows with ``sqlite3`` ``executemany`` and nothing else.
2. ``case list`` over C cases through the services versus a bare ``SELECT`` on the
   same file with ``sqlite3``.

Usage: python benchmarks/bench_store.py [--vehicles N] [--cases C] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from core.domain.fields import VEHICLE_FIELDS, parse_fields
from core.domain.vin import expected_check_digit
from core.persistence.store import open_store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, vehicles

ACTOR = "Benchmark (B-1)"


def make_vin(n: int) -> str:
    raw = f"LVVDB21B0TD{n:06d}"
    return raw[:8] + expected_check_digit(raw) + raw[9:]


def vehicle_row(n: int) -> dict[str, str]:
    return {
        "vin": make_vin(n),
        "make": "Chery",
        "model": "Tiggo 7 Pro",
        "model_year": "2026",
        "fuel_type": "petrol",
        "power_hp": "147",
        "production_date": "2026-01-08",
        "first_registration_date": "2026-02-03",
        "export_deregistration_date": "2026-02-10",
        "import_declaration_date": "2026-02-15",
        "odometer_km": str(n % 60),
        "declared_condition": "used",
        "declared_value": "7450",
        "currency": "USD",
        "registered_owner": f"Owner {n % 50}",
        "registered_owner_type": "legal_entity",
        "exporter": "广州汽车出口贸易有限公司",
        "importer": "ТОО «Авто-Транзит Восток»",
        "destination_country": "KZ",
    }


def timed(fn: Callable[[], None]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench_writes(n: int, workdir: Path, run: int) -> tuple[float, float]:
    rows = [vehicle_row(i) for i in range(n)]
    store = open_store(str(workdir / f"audited-{run}.db"))

    def audited() -> None:
        with unit_of_work(store, actor=ACTOR) as session:
            case = cases.create_case(session, title="bench", jurisdiction="KZ")
            for row in rows:
                vehicles.add_vehicle(session, case, parse_fields(VEHICLE_FIELDS, row))

    t_audited = timed(audited)
    store.close()

    baseline_db = workdir / f"baseline-{run}.db"
    columns = list(rows[0])

    def baseline() -> None:
        conn = sqlite3.connect(baseline_db)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"CREATE TABLE vehicle (id INTEGER PRIMARY KEY, {', '.join(columns)})")
        with conn:
            conn.executemany(
                f"INSERT INTO vehicle ({', '.join(columns)}) VALUES "
                f"({', '.join('?' for _ in columns)})",
                [tuple(r[c] for c in columns) for r in rows],
            )
        conn.close()

    t_baseline = timed(baseline)
    return t_audited, t_baseline


def bench_list(count: int, workdir: Path, repeat: int) -> tuple[list[float], list[float]]:
    path = workdir / "list.db"
    store = open_store(str(path))
    with unit_of_work(store, actor=ACTOR) as session:
        for i in range(count):
            cases.create_case(session, title=f"Партия {i}", jurisdiction="KZ")
    ours, base = [], []
    for _ in range(repeat):

        def listing() -> None:
            with reading(store) as session:
                assert len(cases.list_cases(session)) == count

        ours.append(timed(listing))

        def raw() -> None:
            conn = sqlite3.connect(path)
            got = conn.execute(
                "SELECT * FROM case_file ORDER BY created_at DESC, id DESC"
            ).fetchall()
            assert len(got) == count
            conn.close()

        base.append(timed(raw))
    store.close()
    return ours, base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vehicles", type=int, default=2000)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("ZEROMILE_HOME", tempfile.mkdtemp(prefix="zm-bench-home-"))
    with tempfile.TemporaryDirectory(prefix="zm-bench-") as tmp:
        workdir = Path(tmp)
        audited, baseline = [], []
        for run in range(args.repeat):
            a, b = bench_writes(args.vehicles, workdir, run)
            audited.append(a)
            baseline.append(b)
        ma, mb = statistics.median(audited), statistics.median(baseline)
        print(f"write {args.vehicles} vehicles, median of {args.repeat}:")
        print(f"  audited services     {ma:8.3f} s  ({args.vehicles / ma:8.0f} vehicles/s)")
        print(f"  sqlite3 executemany  {mb:8.3f} s")
        print(f"  ratio                {ma / mb:8.1f} x")
        ours, base = bench_list(args.cases, workdir, args.repeat)
        mo, mbase = statistics.median(ours), statistics.median(base)
        print(f"list {args.cases} cases, median of {args.repeat}:")
        print(f"  case list (services) {mo * 1000:8.1f} ms")
        print(f"  bare sqlite3 SELECT  {mbase * 1000:8.1f} ms")
        print(f"  ratio                {mo / mbase:8.1f} x")


if __name__ == "__main__":
    main()
