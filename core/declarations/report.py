"""The validation report of a declaration file, as a workbook an inspector can fix from.

Two sheets: "Bad cells" lists each refused cell (row, column, value, reason); "Rows"
copies the file's rows with every bad cell highlighted and its reason as a comment.
Streamed with a write-only workbook, so a large file does not fill the memory; text
from the file is written as data, never as a formula.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from core.declarations.reader import CellError, read_declarations
from core.declarations.source import SourceFile, opened
from core.reports.xlsx_safe import safe_cell

BAD = PatternFill(fill_type="solid", start_color="FFF8D7DA", end_color="FFF8D7DA")
BOLD = Font(bold=True)


def write_validation_report(
    source: Path | SourceFile,
    errors: Sequence[CellError],
    out: Path,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
) -> None:
    """Write the report of ``errors`` found in ``source`` to ``out`` (an .xlsx).

    Pass the :class:`SourceFile` that was checked, so the rows copied are the rows the
    errors were found in; a path is read through a working copy of its own."""
    with opened(source) as copy:
        _write(copy, errors, out, sheet, mapping)


def _write(
    source: SourceFile,
    errors: Sequence[CellError],
    out: Path,
    sheet: str | None,
    mapping: Mapping[str, str | None] | None,
) -> None:
    declarations = read_declarations(source.path, sheet=sheet, mapping=mapping)
    bad: dict[int, dict[int, str]] = defaultdict(dict)
    index = {name: i for i, name in enumerate(declarations.columns) if name is not None}
    for e in errors:
        if e.column in index:
            bad[e.row][index[e.column]] = e.message
    book = Workbook(write_only=True)
    listing = book.create_sheet("Bad cells")
    listing.freeze_panes = "A2"
    listing.append([safe_cell(listing, h, font=BOLD) for h in ("Row", "Column", "Value", "Reason")])
    for e in errors:
        listing.append([safe_cell(listing, v) for v in (e.row, e.column, e.value, e.message)])
    rows = book.create_sheet("Rows")
    rows.freeze_panes = "B2"
    rows.append([safe_cell(rows, "Row", font=BOLD)]
                + [safe_cell(rows, h, font=BOLD) for h in declarations.headers])  # fmt: skip
    for row in declarations.rows(record_errors=False):
        marks = bad.get(row.row, {})
        cells = [safe_cell(rows, row.row)]
        for i, value in enumerate(row.raw):
            cell = safe_cell(rows, value if value is not None else "")
            if i in marks:
                cell.fill = BAD
                cell.comment = Comment(marks[i], "ZeroMile")
            cells.append(cell)
        rows.append(cells)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
