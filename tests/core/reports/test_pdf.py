"""The PDF case file, checked by real tools: qpdf, pdffonts, pdftotext, pdftoppm."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest

from core.reports.i18n import TEXT

from .conftest import Exported, page_count, pdftotext

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("qpdf", "pdffonts", "pdftotext", "pdftoppm")),
    reason="needs qpdf and poppler-utils (installed by .ci/run)",
)
BASE14 = re.compile(r"^(Helvetica|Times|Courier|Symbol|ZapfDingbats)", re.M)


@pytest.fixture
def kz_pdf(demo: Exported) -> Path:
    out = demo.folder / "kz.pdf"
    assert demo.export("KZ", "--pdf", str(out)) == 0
    return out


def test_qpdf_accepts_the_pdf(kz_pdf: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(kz_pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_font_is_embedded_and_none_is_base14(demo: Exported, kz_pdf: Path) -> None:
    jo = demo.folder / "jo.pdf"
    assert demo.export("JO", "--pdf", str(jo)) == 0
    for pdf in (kz_pdf, jo):
        listing = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        rows = listing.splitlines()[2:]
        assert rows, listing
        assert all(row.split()[-5] == "yes" for row in rows), listing  # the "emb" column
        assert not BASE14.search("\n".join(r.split("+")[-1] for r in rows)), listing
    fonts = subprocess.run(["pdffonts", str(jo)], capture_output=True, text=True, check=True).stdout
    assert "NotoNaskhArabic" in fonts and "DroidSansFallback" in fonts


def test_names_in_cyrillic_and_chinese_and_the_title_as_typed(kz_pdf: Path) -> None:
    text = pdftotext(kz_pdf)
    assert "ТОО «Авто-Транзит Восток»" in text
    assert "广州汽车出口贸易有限公司" in text
    assert "Партия 7: Chery Tiggo <b>&" in text
    assert '=HYPERLINK("http://example.invalid","click")' in text


def test_arabic_names_are_present(demo: Exported) -> None:
    jo = demo.folder / "jo.pdf"
    demo.export("JO", "--pdf", str(jo))
    assert re.search("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]", pdftotext(jo))


def test_every_page_carries_reference_page_numbers_and_draft(demo: Exported, kz_pdf: Path) -> None:
    ref = demo.refs["KZ"]
    total = page_count(kz_pdf)
    assert total >= 5
    for page in range(1, total + 1):
        text = pdftotext(kz_pdf, page)
        assert ref in text
        assert f"Page {page} of {total}" in text
        assert f"{ref}-{page:04d}" in text
        assert "DRAFT" in text
        assert "Generated:" in text


def test_a_case_ready_for_hearing_is_not_marked_draft(
    demo: Exported, approve_as_supervisor: Callable[[str], None]
) -> None:
    ref = demo.refs["RU"]  # under_review in the demo
    approve_as_supervisor(ref)
    out = demo.folder / "ru.pdf"
    assert demo.export("RU", "--pdf", str(out)) == 0
    assert "DRAFT" not in pdftotext(out)


def test_sections_findings_and_unconfirmed_basis(demo: Exported) -> None:
    out = demo.folder / "ru-case.pdf"
    assert demo.export("RU", "--pdf", str(out)) == 0
    text = pdftotext(out)
    for section in ("Summary", "Parties", "Shipments and vehicles", "Findings per vehicle",
                    "Facts still missing", "Exhibit list", "Chain of custody", "Case diary",
                    "Audit trail", "Integrity statement"):  # fmt: skip
        assert section in text, section
    assert "RU-DEALER" in text and "LEGAL BASIS NOT CONFIRMED" in text
    assert "Evidence last verified" in text and "all hashes match" in text


def test_exhibit_list_and_embedded_images(kz_pdf: Path, demo: Exported) -> None:
    text = pdftotext(kz_pdf)
    assert f"{demo.refs['KZ']}-E0001" in text and "IMG_20260214_103512.jpg" in text
    pdf = pypdfium2.PdfDocument(str(kz_pdf))
    try:
        images = sum(
            1
            for page in pdf
            for obj in page.get_objects()
            if obj.type == pypdfium2.raw.FPDF_PAGEOBJ_IMAGE
        )
    finally:
        pdf.close()
    assert images >= 3  # two odometer photos and the certificate scan


def test_outline_and_metadata(kz_pdf: Path, demo: Exported) -> None:
    pdf = pypdfium2.PdfDocument(str(kz_pdf))
    try:
        toc = [item.get_title() for item in pdf.get_toc()]
        meta = pdf.get_metadata_dict()
    finally:
        pdf.close()
    assert {"Summary", "Exhibit list", "Audit trail", "Integrity statement"} <= set(toc)
    assert meta["Title"].startswith(demo.refs["KZ"]) and "<b>&" in meta["Title"]
    assert meta["Author"] and meta["Subject"] and meta["Creator"].startswith("ZeroMile")


def test_table_headers_repeat_on_every_page(kz_pdf: Path) -> None:
    pages = [pdftotext(kz_pdf, p) for p in range(1, page_count(kz_pdf) + 1)]
    audit_pages = [p for p in pages if "create" in p and "When (UTC)" in p]
    assert len(audit_pages) >= 2  # the audit trail spans pages, each with its header row


def test_the_russian_case_file_is_in_russian(demo: Exported) -> None:
    out = demo.folder / "kz-ru.pdf"
    assert demo.export("KZ", "--pdf", str(out), "--lang", "ru") == 0
    text = pdftotext(out)
    for word in (
        "Сводка",
        "Участники",
        "Цепочка хранения",
        "Журнал изменений",
        "ПРОЕКТ",
        "Стр. 1 из",
    ):
        assert word in text, word
    assert "пробег 12 км ≤ 50 км" in text


def test_every_report_text_exists_in_both_languages() -> None:
    for key, (en, ru) in TEXT.items():
        assert en.strip() and ru.strip(), key
        assert set(re.findall(r"{\w+}", en)) == set(re.findall(r"{\w+}", ru)), key


def test_pages_render_to_images(kz_pdf: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "2", str(kz_pdf), str(tmp_path / "p")],
        check=True,
    )
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == 2 and all(p.stat().st_size > 2000 for p in pngs)


def test_every_reason_for_out_of_date_findings_has_report_wording() -> None:
    from core.reports.i18n import stale_reason_text
    from core.services.staleness import StaleReason

    for reason in StaleReason:
        for lang in ("en", "ru"):
            assert stale_reason_text(reason.value, lang) != reason.value, (reason, lang)
