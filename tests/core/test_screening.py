"""Screening declaration files: mixed real-world cells, bad cells, the JSON and XLSX outputs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from core.cli.main import run

HOSTILE = '=HYPERLINK("http://example.invalid","click")'
HEADER = [
    "VIN", "Make", "model", "Model-Year", "first registration date", "Export_Deregistration_Date",
    "export licence date", "Import Declaration Date", "Odometer KM", "declared condition",
    "declared value", "currency", "destination country", "manufacturer letter", "exporter",
    "registered owner", "registered owner type", "Colour", "shipment ref",
]  # fmt: skip


def write_mixed_workbook(path: Path) -> None:
    """Excel dates, ISO and DD.MM.YYYY text, yes/no in two languages, miles, '1 200', bad cells."""
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    rows: list[list[Any]] = [
        # row 2: Excel date cells, numeric odometer, English yes/no -> ZM-STRONG, CN-180D
        ["LVVDB21B9TD439563", "Chery", "Tiggo 7 Pro", 2026, dt.datetime(2026, 2, 3),
         dt.datetime(2026, 2, 10), dt.datetime(2026, 2, 5), dt.datetime(2026, 2, 15), 12, "used",
         7450, "USD", "RU", "no", HOSTILE, "Acme", "legal_entity", "white", "T1"],
        # row 3: ISO and DD.MM.YYYY text, Russian yes/no, "12 mi" -> 19.3 km
        ["LVVDB21B6TD258176", "Chery", "Tiggo 7 Pro", "2026", "2026-02-03", "10.02.2026",
         "05.02.2026", "15.02.2026", "12 mi", "USED", "7 450", "usd", "ru", "нет", "X", "Acme",
         "legal_entity", "red", "T1"],
        # row 4: "1 200" km, yes in Russian -> ZM-NEAR only; bad date and bad number cells
        ["LB37A2EC6SH632084", "Geely", "Monjaro", 2025, "2026-01-15", "31.02.2026", "20.02.2026",
         "2026-03-20", "1 200", "used", "lots", "RUB", "RU", "да", "Y", "Li Na", "individual",
         None, "T1"],
        # row 5: blank row is skipped
        [None] * len(HEADER),
        # row 6: a clean new car: nothing fires
        ["LS5A3DBE9TA711316", "Changan", "Deepal S07", 2026, None, None, None, "2026-01-26", 3,
         "new", 19900, "USD", "JO", "yes", "Z", None, None, None, "T2"],
    ]  # fmt: skip
    for row in rows:
        ws.append(row)
    ws.cell(
        row=2, column=HEADER.index("exporter") + 1
    ).data_type = "s"  # text, as customs exports it
    wb.save(path)


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "declarations.xlsx"
    write_mixed_workbook(path)
    return path


def screen(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    code = run(["screen", *args, "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out else None, captured.err


def test_screening_reads_every_value_form_and_reports_bad_cells(
    workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report, _ = screen(capsys, str(workbook))
    assert code == 1  # vehicles were flagged
    rows = {v["row"]: v for v in report["vehicles"]}
    assert sorted(rows) == [2, 3, 4, 6]
    fired = {row: {f["rule"] for f in v["findings"]} for row, v in rows.items()}
    assert {"ZM-STRONG", "CN-180D", "RU-DEALER"} <= fired[2]
    assert {"ZM-STRONG", "CN-180D", "RU-DEALER"} <= fired[3]  # same facts, typed as text
    assert "ZM-NEAR" in fired[4] and "ZM-STRONG" not in fired[4]
    assert fired[6] == set()
    strong = next(f for f in rows[3]["findings"] if f["rule"] == "ZM-STRONG")
    assert "odometer 19.3 km ≤ 50 km" in strong["explanation"]
    assert "registered 2 days (2026-02-03 → 2026-02-05)" in strong["explanation"]
    for key in ("rule", "severity", "title", "explanation", "basis", "confirmed"):
        assert key in strong
    errors = {(e["row"], e["column"]): e for e in report["errors"]}
    assert set(errors) == {(4, "export_deregistration_date"), (4, "declared_value")}
    assert errors[(4, "export_deregistration_date")]["value"] == "31.02.2026"
    assert "not a real calendar date" in errors[(4, "export_deregistration_date")]["message"]
    assert errors[(4, "declared_value")]["value"] == "lots"
    assert report["warnings"] == ["unknown column 'Colour' ignored"]
    assert report["summary"]["rows"] == 4 and report["summary"]["flagged"] == 3


def test_a_bad_cell_leaves_the_rest_of_the_row_in_use(
    workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, report, _ = screen(capsys, str(workbook))
    row4 = next(v for v in report["vehicles"] if v["row"] == 4)
    near = next(f for f in row4["findings"] if f["rule"] == "ZM-NEAR")
    assert "odometer 1200 km ≤ 500 km" not in near["explanation"]
    assert "registered 36 days (2026-01-15 → 2026-02-20)" in near["explanation"]
    value_floor = next(n for n in row4["not_evaluable"] if n["rule"] == "VALUE-FLOOR")
    assert value_floor["missing"] == ["declared_value"]


def test_duplicate_vins_within_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "dups.csv"
    path.write_text("vin;make\nLVVDB21B9TD439563;Chery\nlvv-db21b9-td439563;Chery\n", "utf-8")
    _, report, _ = screen(capsys, str(path))
    assert [any(f["rule"] == "DUP-VIN" for f in v["findings"]) for v in report["vehicles"]] == [
        True,
        True,
    ]


def test_csv_in_windows_1251_with_semicolons_and_russian_headers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "decl.csv"
    text = "Идентификационный номер;Марка;Пробег, км;Дата первой регистрации\n"
    text += "LVVDB21B9TD439563;Чери;1 200;03.02.2026\n"
    path.write_bytes(text.encode("cp1251"))
    _, report, _ = screen(capsys, str(path))
    assert report["errors"] == [] and report["warnings"] == []
    assert report["vehicles"][0]["vin"] == "LVVDB21B9TD439563"


def test_packs_can_be_chosen(workbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, report, _ = screen(capsys, str(workbook), "--pack", "cn")
    assert {f["rule"] for v in report["vehicles"] for f in v["findings"]} == {"CN-180D"}
    code = run(["screen", str(workbook), "--pack", "mars"])
    assert code == 2 and "no rule pack 'mars'" in capsys.readouterr().err


def test_the_xlsx_comes_back_with_findings_and_highlights(
    workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "screened.xlsx"
    assert run(["screen", str(workbook), "--xlsx", str(out)]) == 1
    assert "written:" in capsys.readouterr().out
    wb = load_workbook(out)
    ws = wb["Screening"]
    header = [c.value for c in ws[1]]
    assert header[: len(HEADER)] == HEADER
    assert header[len(HEADER) :] == ["ZM severity", "ZM rules", "ZM findings", "ZM missing facts"]
    row2 = [c for c in ws[2]]
    exporter = row2[HEADER.index("exporter")]
    assert exporter.value == HOSTILE and exporter.data_type == "s"  # text, never a formula
    assert row2[len(HEADER)].value == "high"
    assert "ZM-STRONG" in row2[len(HEADER) + 1].value
    assert row2[0].fill.fgColor.rgb.endswith("FFC7CE")
    assert isinstance(row2[HEADER.index("first registration date")].value, dt.datetime)
    clean = [c for c in ws[5]]  # the blank row was skipped: row 6 of the source is row 5 here
    assert clean[0].value == "LS5A3DBE9TA711316" and clean[len(HEADER)].value in (None, "")
    assert wb["Cell errors"].max_row == 3


def test_screening_writes_nothing_to_the_store(
    workbook: Path, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["screen", str(workbook)])
    capsys.readouterr()
    assert not (isolated_home / "data" / "zeromile.db").exists()


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("notes.xlsx", b"just some text, not a workbook", "not an .xlsx workbook"),
        ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 100, "not a readable .xlsx workbook"),
        ("secret.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "password-protected"),
        ("photo.jpg", b"\xff\xd8\xff\xe0", "expected an .xlsx or .csv"),
        ("novin.csv", b"make,model\nChery,Tiggo\n", "has no VIN column"),
    ],
)
def test_unreadable_files_are_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, fragment: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert run(["screen", str(path)]) == 2
    err = capsys.readouterr().err
    assert fragment in err and err.count("\n") == 1 and "Traceback" not in err


def test_text_summary(workbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["screen", str(workbook)]) == 1
    out = capsys.readouterr().out
    assert "4 vehicles, 3 flagged, 2 unreadable cells" in out
    assert "ZM-STRONG: 2" in out and "LVVDB21B9TD439563" in out


def test_the_screening_workbook_copies_the_rows_that_were_screened(
    workbook: Path, tmp_path: Path
) -> None:
    from core.services.screening import screen_file, write_screening_xlsx

    report = screen_file(workbook)
    other = Workbook()
    other.active.append(HEADER)
    other.active.append(["LS5A3DBE9TA711316", "Replaced"])
    other.save(workbook)  # the file changes after it was screened
    out = tmp_path / "screening.xlsx"
    write_screening_xlsx(report, out)
    written = list(load_workbook(out)["Screening"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in written] == ["Chery", "Chery", "Geely", "Changan"]
