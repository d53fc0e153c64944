"""Every imported cell fits the column that keeps it, or it is a bad cell (row, column, raw
value, reason) like any other: the dry run and the import agree, the import never fails
at the insert, and what was imported can be shown and exported. Control characters are
kept as written; a NUL, which no text column holds, is a bad cell."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlmodel import select

from core.domain.shipment import Shipment
from core.domain.vehicle import Vehicle
from core.domain.vin import expected_check_digit
from core.persistence.store import Store
from core.persistence.unit_of_work import reading

from ..conftest import Cli


def vin(serial: int) -> str:
    draft = f"LVVDB21B0TD{serial:06d}"
    return draft[:8] + expected_check_digit(draft) + draft[9:]


HEADER = [
    "vin", "shipment_ref", "make", "model_year", "engine_cc", "power_hp", "odometer_km",
    "declared_value", "exporter",
]  # fmt: skip

#: (column, text) -> the words the reason must hold; each on its own row.
OUT_OF_RANGE = [
    ("declared_value", "250000000000000", "too large"),  # Numeric(16, 2)
    ("declared_value", "9e999", "not a number"),
    ("odometer_km", "1 000 000 000", "too large"),  # Numeric(12, 3)
    ("odometer_km", "Infinity", "not a number"),
    ("power_hp", "nan", "not a number"),
    ("power_hp", "inf", "not a number"),
    ("engine_cc", "99999999999", "too large"),  # Integer
    ("model_year", "99999999999", "too large"),
    ("make", "M" * 5000, "5,000 characters long"),  # String(100)
    ("shipment_ref", "S" * 500, "500 characters long"),  # Shipment: String(100)
    ("exporter", "E" * 301, "301 characters long"),  # String(300)
]


def _row(serial: int, **cells: str) -> list[str]:
    base = {"vin": vin(serial), "make": "Chery", "model_year": "2025", "odometer_km": "12"}
    return [cells.get(h, base.get(h, "")) for h in HEADER]


def _csv(path: Path, lines: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, delimiter=";").writerows([HEADER, *lines])
    return path


def _bad(result: dict[str, Any]) -> set[tuple[int, str]]:
    return {(e["row"], e["column"]) for e in result["errors"]}


def test_values_outside_their_columns_are_bad_cells_in_the_dry_run_and_the_import(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    lines = [_row(n, **{column: text}) for n, (column, text, _) in enumerate(OUT_OF_RANGE)]
    path = _csv(tmp_path / "range.csv", lines)
    reference = cli.new_case()
    checked = cli.json("import", str(path), "--case", reference, "--dry-run")
    expected = {(n + 2, column) for n, (column, _, _) in enumerate(OUT_OF_RANGE)}
    assert _bad(checked) == expected
    for error in checked["errors"]:
        column, text, reason = OUT_OF_RANGE[error["row"] - 2]
        assert reason in error["message"], error
        assert error["value"] == text or len(text) > 300, error  # a long cell is kept cut
    imported = cli.json("import", str(path), "--case", reference)
    assert _bad(imported) == expected and imported["vehicles"] == len(OUT_OF_RANGE)
    with reading(store) as session:
        kept = {v.source_row: v for v in session.exec(select(Vehicle))}
        refs = set(session.exec(select(Shipment.shipment_ref)))
    for n, (column, text, _) in enumerate(OUT_OF_RANGE):
        vehicle = kept[n + 2]
        if column != "shipment_ref":
            assert getattr(vehicle, column) is None, column  # left unknown
            written = json.loads(vehicle.declared_text)[column]
            assert written["issue"] == "unreadable" and written["text"].startswith(text[:300])
        assert len(vehicle.declared_text) < 20_000
    assert all(r is None or len(r) <= 100 for r in refs)
    code, _, err = cli("case", "show", reference)
    assert code == 0, err


def test_excel_numbers_outside_their_columns_are_bad_cells(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    # openpyxl writes no infinity: stand-ins are replaced in the sheet XML below (1e999).
    numbers: list[tuple[str, float | int]] = [
        ("declared_value", 1e308), ("odometer_km", 1e18), ("power_hp", 111.25),
        ("engine_cc", 2**31), ("model_year", 1e300), ("declared_value", 222.25),
    ]  # fmt: skip
    for n, (column, number) in enumerate(numbers):
        cells: list[Any] = list(_row(n))
        cells[HEADER.index(column)] = number
        sheet.append(cells)
    book.save(tmp_path / "plain.xlsx")
    path = tmp_path / "numbers.xlsx"
    with (
        zipfile.ZipFile(tmp_path / "plain.xlsx") as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<v>111.25</v>", b"<v>1e999</v>")
                data = data.replace(b"<v>222.25</v>", b"<v>-1E999</v>")
            dst.writestr(name, data)
    reference = cli.new_case()
    checked = cli.json("import", str(path), "--case", reference, "--dry-run")
    expected = {(n + 2, column) for n, (column, _) in enumerate(numbers)}
    assert _bad(checked) == expected
    imported = cli.json("import", str(path), "--case", reference)
    assert _bad(imported) == expected and imported["vehicles"] == len(numbers)
    code, _, err = cli("case", "show", reference)
    assert code == 0, err


def test_control_characters_are_kept_as_written_and_a_nul_is_a_bad_cell(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    title = "\x1b]0;pwned\x07Sino\x1b[31mTrade"
    path = _csv(
        tmp_path / "control.csv",
        [_row(1, exporter=title), _row(2, make="Ch\x00ery"), _row(3, exporter="\x00")],
    )
    reference = cli.new_case()
    report = tmp_path / "report.xlsx"
    result = cli.json("import", str(path), "--case", reference, "--report", str(report))
    assert result["vehicles"] == 3
    assert _bad(result) == {(3, "make"), (4, "exporter")}
    assert all("NUL" in e["message"] for e in result["errors"])
    with reading(store) as session:
        kept = {v.source_row: v for v in session.exec(select(Vehicle))}
    assert kept[2].exporter == title  # as written, escape sequences and all
    assert kept[3].make is None
    assert json.loads(kept[3].declared_text)["make"]["text"] == "Ch\u2400ery"
    assert report.exists()
    code, _, err = cli("case", "show", reference)
    assert code == 0, err


def test_a_file_with_hundreds_of_bad_cells_imports_with_its_whole_report(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    """The validation report is written by the program: it is kept whole, however long,
    and never makes the import fail (it was refused past 20,000 characters)."""
    lines = [_row(n, odometer_km="x" * 200, declared_value="??") for n in range(400)]
    path = _csv(tmp_path / "messy.csv", lines)
    reference = cli.new_case()
    imported = cli.json("import", str(path), "--case", reference)
    assert imported["vehicles"] == 400 and len(imported["errors"]) == 800
    shown = cli.json("case", "show", reference, "--json")
    assert len(shown["imports"]) == 1
