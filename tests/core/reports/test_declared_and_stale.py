"""What the case file says about doubtful data: findings out of date (a draft saying so
on every page and sheet), malformed VINs, texts as written, data-quality findings beside
the findings they may weaken, the pack version's date, and the import validation reports."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from core.declarations.reader import KEPT_CHARS

from .conftest import (
    AMBIGUOUS,
    BAD_DECLARED,
    LONG,
    LONG_TOKEN,
    MALFORMED,
    OUT_OF_ORDER,
    Declared,
    page_count,
    pdftotext,
)

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("qpdf", "pdffonts", "pdftotext")),
    reason="needs qpdf and poppler-utils (installed by .ci/run)",
)


def vehicle_block(text: str, vin: str) -> str:
    """The findings of one vehicle: from its heading to the next vehicle's heading."""
    findings = text[text.index("Findings per vehicle") :]
    start = findings.index(f"{vin} — ")
    following = re.search(r"L[0-9A-Z]{16} — ", findings[start + 20 :])
    end = start + 20 + following.start() if following else findings.index("Facts still missing")
    return findings[start:end]


def fonts_embedded(pdf: Path) -> list[str]:
    listing = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    rows = listing.splitlines()[2:]
    assert rows, listing
    assert all(row.split()[-5] == "yes" for row in rows), listing  # the "emb" column
    names = "\n".join(r.split()[0].split("+")[-1] for r in rows)
    assert not re.search(r"^(Helvetica|Times|Courier|Symbol|ZapfDingbats)", names, re.M), listing
    return rows


def qpdf_ok(pdf: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("lang", "mark", "draft"),
    [("en", "FINDINGS OUT OF DATE", "DRAFT"), ("ru", "ВЫВОДЫ УСТАРЕЛИ", "ПРОЕКТ")],
)
def test_a_stale_draft_says_so_on_every_page(
    declared: Declared, lang: str, mark: str, draft: str
) -> None:
    declared.make_stale()
    pdf, _ = declared.export(f"stale-{lang}", lang=lang, allow_stale=True)
    qpdf_ok(pdf)
    fonts_embedded(pdf)
    total = page_count(pdf)
    for page in range(1, total + 1):
        text = pdftotext(pdf, page)
        assert mark in text and draft in text, page
    cover = pdftotext(pdf, 1)
    assert AMBIGUOUS in cover  # the cover names the vehicle
    assert ("not the hearing version" if lang == "en" else "не версия для рассмотрения") in cover
    assert (OUT_OF_ORDER in cover) is False  # only the vehicle that is out of date
    text = pdftotext(pdf)
    why = "facts changed" if lang == "en" else "факты изменились"
    assert why in text  # the summary and the vehicle's block say why


def test_a_stale_workbook_says_so_on_every_sheet(declared: Declared) -> None:
    declared.make_stale()
    _, xlsx = declared.export("stale", allow_stale=True)
    wb = load_workbook(xlsx)
    assert wb.sheetnames[0] == "Out of date"
    for ws in wb:
        assert "FINDINGS OUT OF DATE" in str(ws["A1"].value), ws.title
        assert ws.freeze_panes == "A3" and str(ws.auto_filter.ref).startswith("A2:"), ws.title
    listed = [row for row in wb["Out of date"].iter_rows(min_row=3, values_only=True)]
    assert [row[1] for row in listed] == [AMBIGUOUS]
    assert "facts changed" in str(listed[0][2])
    header = [c.value for c in wb["Vehicles"][2]]
    vehicles = {
        row[header.index("VIN")]: dict(zip(header, row, strict=True))
        for row in wb["Vehicles"].iter_rows(min_row=3, values_only=True)
    }
    assert "facts changed" in vehicles[AMBIGUOUS]["FINDINGS OUT OF DATE"]
    assert vehicles[OUT_OF_ORDER]["FINDINGS OUT OF DATE"] is None


def test_a_current_case_file_has_no_out_of_date_marks(declared: Declared) -> None:
    pdf, xlsx = declared.export("current")
    assert "FINDINGS OUT OF DATE" not in pdftotext(pdf)
    wb = load_workbook(xlsx)
    assert "Out of date" not in wb.sheetnames
    assert all(ws.freeze_panes == "A2" for ws in wb)
    assert wb["Case"]["A1"].value == "Name"


def test_a_malformed_vin_is_marked_and_shown_as_declared(declared: Declared) -> None:
    pdf, xlsx = declared.export("malformed")
    text = pdftotext(pdf)
    vehicles_table = text[text.index("Make / model") : text.index("Declaration files imported")]
    assert f"{MALFORMED} ⚠ malformed declared as: '{BAD_DECLARED}'" in vehicles_table
    block = vehicle_block(text, MALFORMED)
    assert "⚠ malformed VIN, recorded as declared: VIN 'LVVDB21B0TD00O902' contains 'O'" in block
    assert "VIN-FORMAT" in block
    # The unreadable first registration: unknown in the table, its text kept.
    assert "written '31.02.2026'" in vehicles_table
    assert (
        "first_registration_date '31.02.2026' (unreadable, fact unknown: "
        "'31.02.2026' is not a real calendar date)"
    ) in block
    ws = load_workbook(xlsx)["Vehicles"]
    header = [c.value for c in ws[1]]
    row = next(
        dict(zip(header, r, strict=True))
        for r in ws.iter_rows(min_row=2, values_only=True)
        if r[header.index("VIN")] == MALFORMED
    )
    assert row["VIN as declared"] == BAD_DECLARED
    assert "contains 'O'" in row["VIN problem"]
    assert (
        "first_registration_date '31.02.2026' (unreadable" in row["As written in the declaration"]
    )
    assert row["Source file"] == "lot.csv" and row["Source row"] == 3
    assert len(row["Source file SHA-256"]) == 64


def test_data_quality_findings_stand_before_the_findings_they_may_weaken(
    declared: Declared,
) -> None:
    pdf, xlsx = declared.export("dq")
    text = pdftotext(pdf)
    block = vehicle_block(text, AMBIGUOUS)
    label = block.index("Data quality (may weaken the findings below)")
    notice = block.index("DQ-AMBIGUOUS-NUMBER · data quality · info")
    weakened = block.index("ZM-NEAR · medium")
    assert label < notice < weakened
    assert "As written in the declaration: odometer_km '1,234' (ambiguous: read as 1.234)" in block
    assert "odometer as written: '1,234'" in block[weakened:]  # the weakened one quotes it
    assert "Rule pack: generic 1.1.0, chosen by import date 2026-02-15" in block
    assert "Source: lot.csv, row 2" in block
    dates = vehicle_block(text, OUT_OF_ORDER)
    assert dates.index("DQ-DATE-ORDER · data quality · medium") < dates.index("ZM-NEAR")
    assert re.search(r"import date unknown: version in force on \d{4}-\d{2}-\d{2}", dates)
    # Data-quality notices flag no vehicle and are counted apart in the summary.
    summary = text[text.index("Summary") : text.index("Findings by severity")]
    assert re.search(r"Data-quality notices \d+", summary)
    # The rule that could not be evaluated says why.
    missing = text[text.index("Facts still missing") :]
    assert "registered unknown: dates out of order (first registration 2026-03-01" in missing
    ws = load_workbook(xlsx)["Findings"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    for row in rows:
        assert row["Data quality"] is str(row["Rule"]).startswith("DQ-"), row
    dq = next(r for r in rows if r["VIN"] == AMBIGUOUS and r["Rule"] == "DQ-AMBIGUOUS-NUMBER")
    assert dq["Version chosen by date"].date().isoformat() == "2026-02-15"
    assert dq["Date used"] == "import date"
    unknown = next(r for r in rows if r["VIN"] == OUT_OF_ORDER and r["Rule"] == "DQ-DATE-ORDER")
    assert unknown["Date used"] == "day of evaluation (import date unknown)"


def test_the_russian_file_sets_data_quality_apart_in_russian(declared: Declared) -> None:
    pdf, _ = declared.export("dq-ru", lang="ru")
    text = pdftotext(pdf)
    assert "Качество данных (может ослабить выводы ниже)" in text
    assert "odometer_km '1,234' (неоднозначно: прочитано как 1.234)" in text
    assert "выбрана по дате ввоза 2026-02-15" in text
    assert "VIN неверного формата" in text


def test_the_validation_report_sheet_lists_the_bad_cells(declared: Declared) -> None:
    pdf, xlsx = declared.export("imports")
    ws = load_workbook(xlsx)["Imports"]
    header = [c.value for c in ws[1]]
    assert header == ["File", "SHA-256", "Imported at (UTC)", "Exhibit", "Kind", "Row", "Column",
                      "Value as written", "Reason"]  # fmt: skip
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    bad = {(r["Row"], r["Column"]): r for r in rows if r["Kind"] == "bad cell"}
    assert bad[(3, "first_registration_date")]["Value as written"] == "31.02.2026"
    assert "not a real calendar date" in bad[(3, "first_registration_date")]["Reason"]
    assert bad[(4, "declared_value")]["Value as written"] == "abc"
    # The import keeps the first KEPT_CHARS characters and says the whole cell is in the file.
    long_kept = bad[(5, "declared_value")]["Value as written"]
    assert long_kept.startswith(LONG_TOKEN[:KEPT_CHARS] + "…")
    assert "2,500 characters; the whole cell is in the file" in long_kept
    assert all(r["File"] == "lot.csv" and len(r["SHA-256"]) == 64 for r in bad.values())
    assert {r["Exhibit"] for r in bad.values()} == {5}  # the file is exhibit 5 of the case
    warnings = [r["Reason"] for r in rows if r["Kind"] == "warning"]
    assert any("'1,234' read as 1.234" in w for w in warnings)
    text = pdftotext(pdf)
    imports = text[text.index("Declaration files imported") : text.index("Findings per vehicle")]
    assert "lot.csv — Exhibit" in imports and "E0005" in imports
    assert "3 first_registration_date '31.02.2026'" in imports


def test_long_texts_as_written_wrap_and_split(declared: Declared) -> None:
    pdf, _ = declared.export("long")
    qpdf_ok(pdf)
    text = pdftotext(pdf)
    block = vehicle_block(text, LONG)
    words = block.replace(" ", "")
    # Every kept character of the unbroken text, over several lines.
    assert LONG_TOKEN[:KEPT_CHARS] + "…" in words
    assert "seventeen thousand seventeen thousand" in block
