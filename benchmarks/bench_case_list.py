"""Benchmark: the case list over 10 cases versus 100,000, as the window reads it.

The window reads the ordered ids of the matching cases (``case_ids``), then rows a page
(200) at a time as they come into view (``case_rows``). This measures both on a store of
10 cases and on one of 100,000 (the demo cases, then copies of a case row made with SQL,
which is fine for a read benchmark), side by side, medians of R runs. A bare ``sqlite3``
``SELECT id … ORDER BY created_at`` on the big store is the baseline for the ids.

Usage: python benchmarks/bench_case_list.py [--cases N] [--repeat R]
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

from core.persistence.store import Store, open_store
from core.persistence.unit_of_work import reading
from core.services import demo
from core.services.case_search import CaseQuery, case_ids, case_rows


def timed(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def grow(path: Path, total: int) -> None:
    """Copy the first case row until the store holds ``total`` cases (read benchmark only)."""
    with sqlite3.connect(path) as conn:
        have = conn.execute("SELECT count(*) FROM case_file").fetchone()[0]
        columns = [r[1] for r in conn.execute("PRAGMA table_info(case_file)") if r[1] != "id"]
        copied = ", ".join("?" if c == "reference" else c for c in columns)
        insert = (
            f"INSERT INTO case_file ({', '.join(columns)}) "
            f"SELECT {copied} FROM case_file WHERE id = 1"
        )
        conn.executemany(insert, ((f"ZM-2099-{n:06d}",) for n in range(have, total)))


def measure(store: Store, repeat: int) -> dict[str, float]:
    def ids(query: CaseQuery) -> Callable[[], object]:
        def run() -> object:
            with reading(store) as session:
                return case_ids(session, query)

        return run

    with reading(store) as session:
        every = case_ids(session, CaseQuery())

    def page(start: int) -> Callable[[], object]:
        def run() -> object:
            with reading(store) as session:
                return case_rows(session, every[start : start + 200])

        return run

    return {
        "ids, newest first": timed(ids(CaseQuery()), repeat),
        "ids, one jurisdiction": timed(ids(CaseQuery(jurisdiction="KZ")), repeat),
        "ids, search by reference": timed(ids(CaseQuery(text="ZM-2099-0500")), repeat),
        "first page of rows": timed(page(0), repeat),
        "last page of rows": timed(page(max(len(every) - 200, 0)), repeat),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ZEROMILE_HOME"] = tmp
        small_path, big_path = Path(tmp, "small.db"), Path(tmp, "big.db")
        for path in (small_path, big_path):
            store = open_store(str(path))
            demo.load_demo(store, actor="bench")
            store.close()
        grow(small_path, 10)
        grow(big_path, args.cases)
        small, big = open_store(str(small_path)), open_store(str(big_path))
        try:
            a, b = measure(small, args.repeat), measure(big, args.repeat)
        finally:
            small.close()
            big.close()
        with sqlite3.connect(big_path) as conn:
            bare = timed(
                lambda: conn.execute(
                    "SELECT id FROM case_file ORDER BY created_at DESC, id DESC"
                ).fetchall(),
                args.repeat,
            )
    print(f"case list, median of {args.repeat} (ms):")
    print(f"  {'':28} {'10 cases':>9} {args.cases:>9,} {'ratio':>7}")
    for key in a:
        print(f"  {key:28} {a[key]:9.1f} {b[key]:9.1f} {b[key] / max(a[key], 0.01):7.1f}x")
    print(f"  bare sqlite3 ids on {args.cases:,}: {bare:.1f} ms")


if __name__ == "__main__":
    main()
