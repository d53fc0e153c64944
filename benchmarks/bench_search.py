"""Benchmark: the case list and searches on a store of 2,000 cases and 100,000 vehicles.

Target (bulk-import issue): the case list and a VIN search answer in well under 100 ms.
The store is built with the services for the cases and bulk inserts for the vehicles
(50 per case, each case with a declaration number); then each query the window runs
(``case_ids`` for a filter, then the first page of ``case_rows``) is timed, median of R.

Usage: python benchmarks/bench_search.py [--cases N] [--per-case V] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from core.domain.vehicle import Vehicle
from core.domain.vin import expected_check_digit
from core.persistence.bulk import insert_rows
from core.persistence.store import open_store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, parties, shipments
from core.services.case_search import CaseQuery, case_ids, case_rows


def vin(n: int) -> str:
    draft = f"LVVDB21B0TD{n:06d}"
    return draft[:8] + expected_check_digit(draft) + draft[9:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--per-case", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ZEROMILE_HOME"] = tmp
        store = open_store(str(Path(tmp, "search.db")))
        start = time.perf_counter()
        serial = 0
        with unit_of_work(store, actor="bench") as session:
            exporter = parties.find_or_create_party(session, name="ТОО «Авто-Транзит Восток»")
            for c in range(args.cases):
                case = cases.create_case(session, title=f"Партия {c}", jurisdiction="KZ")
                shipment = shipments.add_shipment(
                    session, case, {"declaration_no": f"10612050/200326/{c:07d}"}
                )
                rows = []
                for _ in range(args.per_case):
                    rows.append({"case_id": case.id, "shipment_id": shipment.id, "version": 1,
                                 "vin": vin(serial), "vin_declared": vin(serial),
                                 "make": "Chery", "exporter": exporter.name})  # fmt: skip
                    serial += 1
                insert_rows(session, Vehicle, rows)
                if c % 100 == 0:
                    parties.link_party(session, exporter, case, parties.PartyRoleKind.EXPORTER)
        built = time.perf_counter() - start
        queries = {
            "all cases, newest first": CaseQuery(),
            "a full VIN": CaseQuery(text=vin(77_777 % serial)),
            "a VIN's first 14 characters": CaseQuery(text=vin(77_777 % serial)[:14]),
            "a declaration number": CaseQuery(text=f"10612050/200326/{args.cases // 2:07d}"),
            "a party name": CaseQuery(text="авто-транзит"),
            "a reference": CaseQuery(text="ZM-"),
        }
        print(f"{args.cases:,} cases, {serial:,} vehicles (built in {built:.0f} s);"
              f" median of {args.repeat} (ms):")  # fmt: skip
        for name, query in queries.items():
            runs, found = [], 0
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                with reading(store) as session:
                    ids = case_ids(session, query)
                    case_rows(session, ids[:200])
                runs.append((time.perf_counter() - t0) * 1000)
                found = len(ids)
            print(f"  {name:30} {statistics.median(runs):8.1f}   ({found:,} cases)")
        store.close()


if __name__ == "__main__":
    main()
