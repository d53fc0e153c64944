"""Whatever text the store holds, the case file holds it: long notes, names and
descriptions wrap and continue over pages (also without a single space, in Arabic and
mixed scripts), and the workbook cuts a text longer than a cell and says so.

The texts are written straight into a SQLite store, past any input limit, so the PDF
holds whatever limit the inputs choose (PostgreSQL's columns would refuse them)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from core.domain.case import Case
from core.domain.evidence import EvidenceItem
from core.domain.note import Note
from core.domain.party import Party
from core.persistence.store import open_store
from core.persistence.unit_of_work import reading
from core.reports.xlsx_safe import CELL_LIMIT
from core.services import cases
from core.services.parties import case_parties

from .conftest import Exported, page_count, pdftotext

pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("qpdf", "pdftotext")),
    reason="needs qpdf and poppler-utils (installed by .ci/run)",
)


def marked(tag: str, body: str) -> str:
    return f"{tag}START {body} {tag}END"


NOTE = marked("NOTE", ("word " * 800)[:4000])
UNBROKEN = f"RUNSTART{'x' * 10000}RUNEND"  # not one space
PARTY = marked("PARTY", ("شركة النقل البري المحدودة " * 400)[:10000])
DESCRIPTION = marked("DESC", ("Ab شركة 行驶证 Где-то 12,5 km — " * 700)[:20000])
TITLE = marked("TITLE", ("Партия 7: Chery Tiggo <b>& " * 400)[:10000])
WORKBOOK = "W" * 40000  # longer than an Excel cell


def backend_is_sqlite(db: str) -> bool:
    return not db.startswith("postgresql")


def write_past_the_limits(db: str, reference: str) -> None:
    """Set texts of the case directly in the store (no service, no flush guard)."""
    store = open_store(db)
    try:
        with reading(store) as session:
            case = cases.get_case(session, reference)
            party_id = case_parties(session, case)[0].party.id
        note, item, party, case_table = (
            t.__table__  # type: ignore[attr-defined]
            for t in (Note, EvidenceItem, Party, Case)
        )
        with store.engine.begin() as conn:
            conn.execute(
                note.insert(),
                [
                    {"case_id": case.id, "author": "T", "text": NOTE},
                    {"case_id": case.id, "author": "T", "text": UNBROKEN},
                ],
            )
            conn.execute(sa.update(party).where(party.c.id == party_id).values(name=PARTY))
            exhibits = sa.select(item.c.id).where(item.c.case_id == case.id)
            first, second = conn.execute(exhibits.order_by(item.c.exhibit_no)).scalars().all()[:2]
            conn.execute(sa.update(item).where(item.c.id == first).values(description=DESCRIPTION))
            conn.execute(sa.update(item).where(item.c.id == second).values(description=WORKBOOK))
            conn.execute(
                sa.update(case_table).where(case_table.c.id == case.id).values(title=TITLE)
            )
    finally:
        store.close()


@pytest.fixture
def long_case(demo: Exported) -> Exported:
    if not backend_is_sqlite(demo.db):
        pytest.skip("PostgreSQL's columns refuse these lengths; the inputs never reach them")
    write_past_the_limits(demo.db, demo.refs["KZ"])
    return demo


#: The direction marks pdftotext puts around words in right-to-left lines.
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def starts_and_ends(text: str, body: str) -> None:
    """The first and the last word of ``body`` are in ``text``, in that order."""
    text = BIDI_MARKS.sub("", text)
    first, last = body.split()[0], body.split()[-1]
    # Substrings, not words: in a right-to-left line the space may sit on the other side.
    assert first in text and last in text, (first, last)
    assert text.index(first) < text.index(last)


def test_long_texts_wrap_and_continue_over_pages(long_case: Exported) -> None:
    out = long_case.folder / "long.pdf"
    assert long_case.export("KZ", "--pdf", str(out), "--allow-stale") == 0
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    text = pdftotext(out)
    for body in (NOTE, PARTY, DESCRIPTION, TITLE):
        starts_and_ends(text, body)
    # The unbroken run is cut into lines (and pages) but nothing of it is lost.
    joined = text.replace(" ", "")
    start = joined.index("RUNSTART")
    assert joined.index("RUNEND") > start
    run = joined[start : joined.index("RUNEND") + len("RUNEND")]
    # Page headers and the repeated header row ("Text") come between its pieces.
    pieces = re.findall("x{2,}", run)
    assert sum(map(len, pieces)) == 10000 and len(pieces) > 1, [len(p) for p in pieces]
    # Each text kept its own pages: many more than the demo case's.
    assert page_count(out) > 20
    # The same holds in Russian.
    ru = long_case.folder / "long-ru.pdf"
    assert long_case.export("KZ", "--pdf", str(ru), "--lang", "ru", "--allow-stale") == 0
    starts_and_ends(pdftotext(ru), DESCRIPTION)


def test_the_workbook_cuts_a_text_longer_than_a_cell_and_marks_the_cut(
    long_case: Exported,
) -> None:
    out = long_case.folder / "long.xlsx"
    assert long_case.export("KZ", "--xlsx", str(out), "--allow-stale") == 0
    wb = load_workbook(out, read_only=True)
    texts = [c for row in wb["Evidence"].iter_rows(values_only=True) for c in row
             if isinstance(c, str)]  # fmt: skip
    cut = next(t for t in texts if t.startswith("WWW"))
    assert len(cut) == CELL_LIMIT and cut.endswith("[cut: the cell limit is 32,767 characters]")
    assert DESCRIPTION in texts  # shorter than a cell: whole
    parties = [c for row in wb["Parties"].iter_rows(values_only=True) for c in row]
    assert PARTY in parties
