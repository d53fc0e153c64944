"""Benchmark: screening a 20,000-vehicle workbook versus reading it with openpyxl alone.

Target (issue 3): screening costs at most 1.6x the bare read. Both run in one process,
alternating, on the same file; the ratio of medians is reported.

Usage: python benchmarks/bench_screening.py [--vehicles N] [--repeat R] [--profile]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook

from core.domain.vin import expected_check_digit

HEADER = [
    "declaration_no", "shipment_ref", "vin", "make", "model", "model_year", "fuel_type",
    "engine_cc", "power_hp", "production_date", "first_registration_date",
    "export_deregistration_date", "export_licence_date", "export_declaration_date",
    "import_declaration_date", "odometer_km", "declared_condition", "declared_value", "currency",
    "registered_owner", "registered_owner_type", "exporter", "importer", "declarant",
    "importer_type", "destination_country", "border_post", "manufacturer_letter",
    "conformity_doc", "conformity_holder", "preferential_fee_claimed",
]  # fmt: skip
MODELS = [("Chery", "Tiggo 7 Pro", "LVVDB21B"), ("Haval", "Jolion", "LGWEF6A4"),
          ("Geely", "Monjaro", "LB37A2EC"), ("BYD", "Song Plus", "LGXE77D1")]  # fmt: skip


def make_workbook(path: Path, n: int) -> None:
    rnd = random.Random(42)
    # A normal (not write-only) workbook, so the sheet carries a <dimension> element as
    # Excel and LibreOffice write it; without one openpyxl scans every sheet twice.
    wb = Workbook()
    ws = wb.active
    ws.title = "Declarations"
    ws.append(HEADER)
    for i in range(n):
        make, model, prefix = MODELS[i % len(MODELS)]
        raw = f"{prefix}0TD{i:06d}"
        vin = raw[:8] + expected_check_digit(raw) + raw[9:]
        first = dt.date(2026, 1, 1) + dt.timedelta(days=rnd.randint(0, 60))
        dereg = first + dt.timedelta(days=rnd.randint(2, 200))
        as_text = i % 3 == 0  # a third of the rows carry dates as DD.MM.YYYY text
        fmt = (lambda d: d.strftime("%d.%m.%Y")) if as_text else (lambda d: d)
        ws.append([
            f"10612050/200326/{i:07d}", f"TRAIN-{i // 200}", vin, make, model, 2026, "petrol",
            1498, 147 + (i % 120), fmt(first - dt.timedelta(days=30)), fmt(first), fmt(dereg),
            fmt(dereg - dt.timedelta(days=1)), fmt(dereg + dt.timedelta(days=2)),
            fmt(dereg + dt.timedelta(days=10)),
            f"{rnd.randint(0, 900)} km" if as_text else rnd.randint(0, 900),
            "used", 7000 + rnd.randint(0, 9000), "USD", f"Owner {i % 300} Ltd", "legal_entity",
            "广州汽车出口贸易有限公司", "ТОО «Авто-Транзит Восток»", "ТОО «Брокер Плюс»",
            "legal_entity", ["RU", "KZ", "KG", "UZ", "JO"][i % 5], "Altynkol",
            "нет" if as_text else "no",
            "none", "ТОО «Авто-Транзит Восток»", "no",
        ])  # fmt: skip
    wb.save(path)


def read_only(path: Path) -> int:
    wb = load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return count


def screening(path: Path) -> int:
    from core.services.screening import screen_file

    report = screen_file(path)
    return len(report.rows)


def timed(fn, path: Path) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn(path)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vehicles", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("ZEROMILE_HOME", tempfile.mkdtemp(prefix="zm-bench-home-"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "declarations.xlsx"
        make_workbook(path, args.vehicles)
        assert read_only(path) == args.vehicles + 1
        assert screening(path) == args.vehicles  # warm caches (packs, reference, imports)
        if args.profile:
            import cProfile
            import pstats

            cProfile.runctx("screening(path)", globals(), {"path": path}, "/tmp/screen.prof")
            pstats.Stats("/tmp/screen.prof").sort_stats("tottime").print_stats(25)
            return
        base, ours = [], []
        for _ in range(args.repeat):
            base.append(timed(read_only, path))
            ours.append(timed(screening, path))
        mb, mo = statistics.median(base), statistics.median(ours)
        print(
            f"{args.vehicles} vehicles, {path.stat().st_size / 1e6:.1f} MB, "
            f"median of {args.repeat}:"
        )
        print(f"  openpyxl read only   {mb:7.2f} s")
        print(f"  zeromile screen      {mo:7.2f} s")
        print(f"  ratio                {mo / mb:7.2f} x   (target <= 1.6)")


if __name__ == "__main__":
    main()
