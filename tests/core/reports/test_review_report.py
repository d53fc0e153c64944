"""The review in the case file: the PDF's cover and closing page, the workbook's first
sheet; a voided approval shown as voided; the single-workstation note on SQLite."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from core.cli.main import run

from .conftest import Exported, page_count, pdftotext

SUPERVISOR = "Дмитрий Волков (RU-1288)"
INSPECTOR = "Айгерим Сапарова (KZ-0417)"
NOTE = "review recorded on a single-workstation store"


def first_sheet(path: Path) -> dict[str, object]:
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb.worksheets[0]
    found = {
        str(r[0]): r[1] if len(r) > 1 else None
        for r in ws.iter_rows(values_only=True)
        if r and r[0] is not None
    }
    wb.close()
    return found


def test_an_approved_case_names_preparer_approver_time_and_hash(
    demo: Exported,
    approve_as_supervisor: Callable[[str], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    ref = demo.refs["RU"]
    approve_as_supervisor(ref)
    assert run(["--db", demo.db, "case", "review", ref, "--json"]) == 0
    state = json.loads(capsys.readouterr().out)
    digest = state["approved_hash"]
    pdf, xlsx = demo.folder / "ru.pdf", demo.folder / "ru.xlsx"
    assert demo.export("RU", "--pdf", str(pdf), "--xlsx", str(xlsx)) == 0
    cover = pdftotext(pdf, 1)
    for text in ("Approved by", SUPERVISOR, "Prepared by", INSPECTOR, digest, NOTE):
        assert text in cover, text
    closing = pdftotext(pdf, page_count(pdf))
    assert "Review and approval" in closing and SUPERVISOR in closing and digest in closing
    assert "RU-DEALER" in closing  # the acknowledged unconfirmed-basis findings
    sheet = first_sheet(xlsx)
    assert sheet["Approved by"] == SUPERVISOR and sheet["Prepared by"] == INSPECTOR
    assert sheet["Content hash (SHA-256)"] == digest and sheet["Review"] == "approved"
    assert sheet["Approved at"] is not None
    assert NOTE in str(sheet["Review and approval"])


def test_a_voided_approval_is_shown_as_voided(
    demo: Exported,
    approve_as_supervisor: Callable[[str], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    ref = demo.refs["RU"]
    approve_as_supervisor(ref)
    assert run(["--db", demo.db, "case", "show", ref, "--json"]) == 0
    vin = json.loads(capsys.readouterr().out)["vehicles"][0]["vin"]
    assert run(["--db", demo.db, "vehicle", "set", ref, vin, "odometer_km", "45210"]) == 0
    assert run(["--db", demo.db, "classify", ref]) == 0
    capsys.readouterr()
    pdf, xlsx = demo.folder / "void.pdf", demo.folder / "void.xlsx"
    assert demo.export("RU", "--pdf", str(pdf), "--xlsx", str(xlsx)) == 0
    cover = pdftotext(pdf, 1)
    assert "approval voided" in cover and "was voided on" in cover and "odometer_km" in cover
    assert "DRAFT" in cover  # back under review
    sheet = first_sheet(xlsx)
    assert sheet["Review"] == "approval voided"
    assert "odometer_km" in str(sheet["approval voided"])


def test_a_case_never_reviewed_says_not_approved(demo: Exported) -> None:
    pdf = demo.folder / "kz-review.pdf"
    assert demo.export("KZ", "--pdf", str(pdf)) == 0
    closing = pdftotext(pdf, page_count(pdf))
    assert "Review and approval" in closing and "Not approved." in closing
    assert "not requested" in pdftotext(pdf, 1)
