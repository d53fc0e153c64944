"""One workbook of everything a hearing file is attacked on, screened and imported.

Malformed, cloned and already-stored VINs, bad cells, dates out of order, ambiguous
numbers and names that differ only in spacing: the screening and the import must judge
every row the same way, with exactly the rules of catalogue 1.1 (rules.md), and the
import must record what was declared and keep what could not be read.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from core.domain.vin import expected_check_digit

from .conftest import Cli

D = dt.date


def good_vin(serial: int) -> str:
    draft = f"LVVDB21B0TD{serial:06d}"
    return draft[:8] + expected_check_digit(draft) + draft[9:]


VIN_A, VIN_B, VIN_C = good_vin(439563), good_vin(100001), good_vin(100002)
MALFORMED = "lvvdb21b9-td43956"  # 16 characters once normalised

HEADER = [
    "declaration_no", "vin", "make", "model", "model_year", "first_registration_date",
    "export_deregistration_date", "import_declaration_date", "odometer_km",
    "declared_condition", "declared_value", "currency", "destination_country", "importer",
    "conformity_holder", "manufacturer_letter",
]  # fmt: skip
USED = {
    "declaration_no": "10702030/150226/0001", "make": "Chery", "model": "Tiggo 7 Pro",
    "model_year": 2026, "first_registration_date": D(2026, 2, 3),
    "export_deregistration_date": D(2026, 2, 10), "import_declaration_date": "15.02.2026",
    "odometer_km": 12, "declared_condition": "used", "currency": "USD",
    "destination_country": "UZ", "importer": "ACME  Trading", "conformity_holder": "acme trading",
    "manufacturer_letter": "yes",
}  # fmt: skip
LONG_USED = {"odometer_km": 20000, "first_registration_date": D(2024, 1, 10)}

#: spreadsheet row -> (cells that differ from USED, the rules that must fire)
ROWS: dict[int, tuple[dict[str, Any], set[str]]] = {
    2: ({"vin": VIN_A}, {"ZM-STRONG"}),
    3: ({"vin": MALFORMED}, {"VIN-FORMAT", "ZM-STRONG"}),
    4: ({"vin": VIN_B}, {"DUP-VIN", "ZM-STRONG"}),  # cloned: row 5 has it too
    5: ({"vin": VIN_B, "odometer_km": 300}, {"DUP-VIN", "ZM-NEAR"}),
    6: ({"vin": VIN_C}, {"DUP-VIN", "ZM-STRONG"}),  # already in another case
    7: ({"vin": good_vin(7), "odometer_km": "twelve"}, {"ZM-NEAR"}),  # bad cell: unknown
    8: (  # deregistered before it was registered: never "registered -28 days"
        {
            "vin": good_vin(8),
            "first_registration_date": "01.03.2026",
            "export_deregistration_date": D(2026, 2, 1),
        },
        {"ZM-NEAR", "DQ-DATE-ORDER"},
    ),
    9: ({"vin": good_vin(9), "odometer_km": "1,234"}, {"ZM-STRONG", "DQ-AMBIGUOUS-NUMBER"}),
    10: (  # the same name, spaced and cased otherwise
        {
            "vin": good_vin(10),
            **LONG_USED,
            "importer": " ACME TRADING ",
            "conformity_holder": "acme\u00a0\u00a0trading",
        },
        set(),
    ),
    11: ({"vin": good_vin(11), **LONG_USED, "conformity_holder": "Other LLC"}, {"UZ-CERT-HOLDER"}),
    12: ({"vin": good_vin(12), **LONG_USED, "declared_value": "-5"}, set()),  # negative: bad
    13: ({"vin": None, **LONG_USED}, set()),  # no VIN: reported, not imported
}
BAD_CELLS = {(7, "odometer_km"), (12, "declared_value"), (13, "vin")}


def workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for number, (cells, _) in ROWS.items():
        values = USED | cells
        sheet.append([values.get(name) for name in HEADER])
        assert sheet.max_row == number
    book.save(path)
    return path


@pytest.fixture
def stored_case(cli: Cli) -> str:
    """A case already holding VIN C."""
    ref = cli.new_case(title="Earlier case", jurisdiction="UZ")
    assert cli("vehicle", "add", ref, "--vin", VIN_C, "--make", "Chery")[0] == 0
    return ref


def test_screening_judges_each_row_as_catalogue_1_1_says(
    cli: Cli, stored_case: str, tmp_path: Path
) -> None:
    path = workbook(tmp_path / "declaration.xlsx")
    code, out, err = cli("screen", str(path), "--json")
    assert code == 1, err  # flagged vehicles
    report = json.loads(out)
    fired = {v["row"]: {f["rule"] for f in v["findings"]} for v in report["vehicles"]}
    assert fired == {row: rules for row, (_, rules) in ROWS.items()}
    # the file once imported, its rows are its stored vehicles: a vehicle counts once
    cli("import", str(path), "--new-case", "Партия UZ", "--jurisdiction", "UZ")
    again = json.loads(cli("screen", str(path), "--json")[1])
    assert {v["row"]: {f["rule"] for f in v["findings"]} for v in again["vehicles"]} == fired
    by_row = {v["row"]: {f["rule"]: f for f in v["findings"]} for v in report["vehicles"]}
    assert "also in rows 5 of this file" in by_row[4]["DUP-VIN"]["explanation"]
    assert f"in the case store: {stored_case}" in by_row[6]["DUP-VIN"]["explanation"]
    assert {(e["row"], e["column"]) for e in report["errors"]} >= {
        (7, "odometer_km"), (12, "declared_value"),
    }  # fmt: skip
    assert_explanations(by_row)


def assert_explanations(by_row: dict[int, dict[str, dict[str, Any]]]) -> None:
    """What a reader of rows 7-9 must be told (the same in screening and in the case)."""
    assert (
        "ZM-STRONG could not be evaluated (unknown: odometer)"
        in (by_row[7]["ZM-NEAR"]["explanation"])
    )
    order = by_row[8]["DQ-DATE-ORDER"]["explanation"]
    assert "first registration 2026-03-01 (written '01.03.2026') is after " in order
    assert "deregistration for export 2026-02-01" in order
    assert (
        "ZM-STRONG could not be evaluated (unknown: registered)"
        in (by_row[8]["ZM-NEAR"]["explanation"])
    )
    strong = by_row[9]["ZM-STRONG"]["explanation"]
    assert "odometer 1.234 km ≤ 50 km" in strong
    assert "odometer as written: '1,234', read as 1.234" in strong
    ambiguous = by_row[9]["DQ-AMBIGUOUS-NUMBER"]["explanation"]
    assert "odometer written '1,234', read as 1.234" in ambiguous


def test_the_import_records_each_row_as_declared(
    cli: Cli, stored_case: str, tmp_path: Path
) -> None:
    path = workbook(tmp_path / "declaration.xlsx")
    code, out, err = cli("import", str(path), "--new-case", "Партия UZ", "--jurisdiction", "UZ")
    assert code == 0, err
    assert "2 bad cells were imported as unknown" in out
    assert "1 rows without a VIN were not imported" in out
    ref = next(c["reference"] for c in cli.json("case", "list") if c["reference"] != stored_case)
    detail = cli.json("case", "show", ref)
    by_row = {v["source"]["row"]: v for v in detail["vehicles"]}
    assert set(by_row) == set(ROWS) - {13}  # two rows with VIN B are two vehicles
    fired = {row: {f["rule"] for f in v["findings"]} for row, v in by_row.items()}
    assert fired == {row: rules for row, (_, rules) in ROWS.items() if row != 13}
    assert_explanations({row: {f["rule"]: f for f in v["findings"]} for row, v in by_row.items()})
    # as declared: the malformed VIN is kept and marked; what could not be read is kept
    assert by_row[3]["vin"] == "LVVDB21B9TD43956" and by_row[3]["vin_declared"] == MALFORMED
    assert "16 characters" in by_row[3]["vin_problem"]
    assert by_row[7]["odometer_km"] is None
    kept = {(t["column"], t["text"], t["issue"]) for t in by_row[7]["declared_text"]}
    assert kept == {("odometer_km", "twelve", "unreadable")}
    assert by_row[12]["declared_value"] is None
    assert ("odometer_km", "1,234", "ambiguous") in {
        (t["column"], t["text"], t["issue"]) for t in by_row[9]["declared_text"]
    }
    # the validation report is part of the record, with the file's exhibit
    (imported,) = detail["imports"]
    assert imported["evidence_id"] is not None and imported["bad_cells"] == 3
    assert {(c["row"], c["column"]) for c in imported["report"]["cells"]} == BAD_CELLS
    assert imported["rows_without_vin"] == 1 and imported["vehicles_added"] == 11
    # the earlier case learns of the VIN it shares
    stale = cli.json("case", "show", stored_case)["findings_out_of_date"]
    assert [(v["vin"], v["reasons"]) for v in stale] == [(VIN_C, ["never_classified"])]

    # re-importing the same file adds nothing, and says so
    code, out, err = cli("import", str(path), "--case", ref)
    assert code == 0, err
    assert "0 vehicles" in out and "11 rows already in the case skipped" in out
    assert "every row is in the case already" in out and "nothing was added twice" in out
    assert "bad cells were imported" not in out  # the skipped rows were judged when they came
    assert len(cli.json("case", "show", ref)["vehicles"]) == 11
