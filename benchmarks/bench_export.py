"""Benchmark: the case workbook of a 20,000-vehicle case versus writing the same cells
(same values, as openpyxl reads them back) with openpyxl's write-only workbook.

Target (exports issue, held again by the bulk-import issue): at most 1.3x. The case is made
by importing the workbook of ``bench_screening.py`` and classifying it; then, alternating,
``write_xlsx`` of the collected case data and a bare write-only workbook with as many rows
and cells per sheet. Collecting the case data from the store is timed apart. Medians.

Usage: python benchmarks/bench_export.py [--vehicles N] [--repeat R]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook

sys.path.insert(0, str(Path(__file__).parent))
from bench_screening import make_workbook

from core.domain.types import utcnow
from core.persistence.store import open_store
from core.persistence.unit_of_work import reading, unit_of_work
from core.reports.case_data import collect
from core.reports.xlsx import write_xlsx
from core.services import cases, evidence
from core.services.declaration_import import import_declarations
from core.services.findings import classify_case


def bare(sheets: list[tuple[str, list[tuple[object, ...]]]]) -> None:
    """Write-only workbook with the same sheets and cells (the same values, as openpyxl
    read them back: text, numbers, dates), appended as they are."""
    book = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(io.BytesIO())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vehicles", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        os.environ["ZEROMILE_HOME"] = str(home)
        source = home / "declarations.xlsx"
        make_workbook(source, args.vehicles)
        store = open_store(str(home / "export.db"))
        blobs = evidence.blob_store_for(store)
        with unit_of_work(store, actor="bench") as session:
            case = cases.create_case(session, title="Экспорт", jurisdiction="KZ")
            import_declarations(session, case, source, source_evidence=blobs, actor="bench")
            reference = case.reference
        with unit_of_work(store, actor="bench", reason="classification") as session:
            classify_case(session, cases.get_case(session, reference), with_findings=False)
        start = time.perf_counter()
        with reading(store) as session:
            data = collect(session, blobs, cases.get_case(session, reference), now=utcnow())
        collecting = time.perf_counter() - start
        out = io.BytesIO()
        write_xlsx(data, out, lang="en")
        written = load_workbook(io.BytesIO(out.getvalue()), read_only=True)
        sheets = [(ws.title, list(ws.iter_rows(values_only=True))) for ws in written.worksheets]
        written.close()
        shape = [(t, len(rows), max((len(r) for r in rows), default=0)) for t, rows in sheets]
        ours, base = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            bare(sheets)
            base.append(time.perf_counter() - start)
            start = time.perf_counter()
            write_xlsx(data, io.BytesIO(), lang="en")
            ours.append(time.perf_counter() - start)
        store.close()
    cells = sum(r * c for _, r, c in shape)
    mb, mo = statistics.median(base), statistics.median(ours)
    print(
        f"case workbook of {args.vehicles:,} vehicles ({cells:,} cells), median of {args.repeat}:"
    )
    print(f"  openpyxl write-only, same cells   {mb:7.2f} s")
    print(f"  zeromile case workbook            {mo:7.2f} s   {mo / mb:5.2f} x  (target <= 1.3)")
    print(f"  collecting the case from the store {collecting:6.2f} s (apart)")
    print("  sheets: " + ", ".join(f"{t} {r:,}x{c}" for t, r, c in shape))


if __name__ == "__main__":
    main()
