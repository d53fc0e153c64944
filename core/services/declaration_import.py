"""Importing a declaration file into a case: preview, validate, import (one transaction).

``preview`` and ``validate`` read the file and write nothing; ``import_declarations``
adds shipments and vehicles in the caller's unit of work, so the import lands whole
or not at all (an error or a cancel rolls everything back).

Rules of the import:

- Shipments are matched by ``shipment_ref`` within the case (found or created); rows
  without one form one shipment per file, found by its declaration number when the
  case already has it.
- A row whose declaration number and VIN are already in the case (or earlier in the
  same file) is skipped and counted, so re-importing a file adds nothing twice.
- Any unreadable cell, and any value the vehicle checks refuse, refuses the whole
  import with a :class:`ImportRefused` listing each bad cell (row, column, value,
  reason). ``allow_cell_errors=True`` instead leaves unreadable cells unknown, as
  screening does, and reports them in the summary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from core.declarations.columns import canonical_column
from core.declarations.reader import (
    CellError,
    DeclarationFile,
    DeclarationFileError,
    DeclarationRow,
    read_declarations,
)
from core.domain.case import Case
from core.domain.shipment import Shipment
from core.domain.vehicle_checks import Severity, check_vehicle
from core.domain.vin import normalise_vin
from core.errors import Cancelled, ValidationError
from core.persistence.store import ZeroMileSession
from core.persistence.unit_of_work import set_reason
from core.progress import CancelCheck, Progress
from core.services import shipments as shipment_service
from core.services import vehicles as vehicle_service

ColumnMapping = Mapping[str, str | None]

#: Vehicle-row columns that also describe the shipment a new shipment is created from.
_SHIPMENT_COLUMNS = ("declaration_no", "border_post")


class ImportRefused(ValidationError):
    """The file has bad cells; nothing was imported. ``cells`` lists every one."""

    def __init__(self, cells: Sequence[CellError]) -> None:
        self.cells = list(cells)
        super().__init__([(f"row {c.row}, {c.column} ({c.value!r})", c.message) for c in cells])


@dataclass
class PreviewRow:
    row: int
    cells: list[str]


@dataclass
class Preview:
    """The first rows of a file as text, with the column each header maps to.

    ``detected[i]`` is what the header's name says; ``columns[i]`` is what is in
    effect after the mapping (``None``: ignored). ``errors`` are the unreadable
    cells among the previewed rows; ``problems`` are file-level problems such as a
    missing VIN column.
    """

    path: Path
    sheets: list[str]
    sheet: str | None
    headers: list[str]
    detected: list[str | None]
    columns: list[str | None]
    rows: list[PreviewRow]
    errors: list[CellError]
    warnings: list[str]
    problems: list[str]


@dataclass
class Validation:
    """The whole file checked without writing: ``errors`` would refuse the import."""

    rows: int
    errors: list[CellError]
    warnings: list[str]


@dataclass
class ImportSummary:
    vehicles_added: int = 0
    shipments_added: int = 0
    duplicates_skipped: int = 0
    errors: list[CellError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: int = 0


def sheet_names(path: Path) -> list[str]:
    """The sheets of an .xlsx workbook ([] for a CSV or an unreadable file)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return []
    try:
        workbook = load_workbook(path, read_only=True)
    except Exception:  # the reader reports an unreadable workbook with a clear message
        return []
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def _cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def preview(
    path: Path,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
    limit: int = 20,
) -> Preview:
    """Read the header and the first ``limit`` rows. Writes nothing.

    Raises :class:`DeclarationFileError` if the file cannot be read at all; a file
    without a VIN column is previewed, with that problem in ``problems``.
    """
    source = read_declarations(path, sheet=sheet, mapping=mapping, require_vin=False)
    rows: list[PreviewRow] = []
    width = len(source.headers)
    for row in source.rows():
        if len(rows) >= limit:
            break
        cells = [_cell_text(c) for c in (row.raw + [None] * width)[:width]]
        rows.append(PreviewRow(row.row, cells))
    problems = []
    if "vin" not in source.columns:
        problems.append("no column is mapped to the VIN; choose the column that holds it")
    return Preview(
        path=path,
        sheets=sheet_names(path),
        sheet=sheet,
        headers=list(source.headers),
        detected=[canonical_column(h) for h in source.headers],
        columns=list(source.columns),
        rows=rows,
        errors=[e for e in source.errors if rows and e.row <= rows[-1].row],
        warnings=list(source.warnings),
        problems=problems,
    )


def _vehicle_values(row: DeclarationRow) -> dict[str, object]:
    return {k: v for k, v in row.values.items() if k != "shipment_ref"}


def _row_problems(row: DeclarationRow, today: dt.date) -> list[CellError]:
    """What the vehicle checks refuse in one row, as cell errors."""
    facts = _vehicle_values(row)
    vin = facts.get("vin")
    if isinstance(vin, str) and vin.strip():
        facts["vin"] = normalise_vin(vin)
    found = []
    for problem in check_vehicle(facts, today=today):
        if problem.severity is Severity.ERROR:
            value = row.values.get(problem.field)
            found.append(CellError(row.row, problem.field, _cell_text(value), problem.message))
    return found


def _read_checked(
    source: DeclarationFile, cancelled: CancelCheck | None
) -> tuple[list[DeclarationRow], list[CellError], list[CellError]]:
    """All rows; the unreadable cells; the values the vehicle checks refuse."""
    today = dt.date.today()
    rows: list[DeclarationRow] = []
    refused: list[CellError] = []
    for row in source.rows():
        if cancelled is not None and len(rows) % 50 == 0 and cancelled():
            raise Cancelled("import cancelled")
        rows.append(row)
        refused.extend(_row_problems(row, today))
    return rows, list(source.errors), refused


def _in_order(cells: Sequence[CellError]) -> list[CellError]:
    return sorted(cells, key=lambda e: (e.row, e.column))


def validate(
    path: Path,
    *,
    mapping: ColumnMapping | None = None,
    sheet: str | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Validation:
    """Check the whole file as the import would, without a store. Writes nothing."""
    source = read_declarations(path, sheet=sheet, mapping=mapping)
    rows, unreadable, refused = _read_checked(source, cancelled)
    if progress is not None:
        progress(len(rows), len(rows))
    return Validation(
        rows=len(rows), errors=_in_order([*unreadable, *refused]), warnings=list(source.warnings)
    )


def _key(declaration_no: object, vin: object) -> tuple[str, str]:
    return (str(declaration_no or "").strip(), normalise_vin(str(vin)))


def import_declarations(
    session: ZeroMileSession,
    case: Case,
    path: Path,
    *,
    mapping: ColumnMapping | None = None,
    sheet: str | None = None,
    allow_cell_errors: bool = False,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportSummary:
    """Add the file's shipments and vehicles to ``case`` in the caller's unit of work.

    Raises :class:`ImportRefused` (nothing added) when a cell is unreadable (unless
    ``allow_cell_errors``) or a value is refused by the vehicle checks, and
    :class:`Cancelled` when ``cancelled()`` becomes true; either way the caller's unit
    of work rolls back. ``progress(done, total)`` counts rows.
    """
    source = read_declarations(path, sheet=sheet, mapping=mapping)
    rows, unreadable, refused = _read_checked(source, cancelled)
    refusing = refused if allow_cell_errors else [*unreadable, *refused]
    if refusing:
        raise ImportRefused(_in_order(refusing))
    summary = ImportSummary(rows=len(rows), warnings=list(source.warnings))
    summary.errors = _in_order(unreadable)
    set_reason(session, f"imported from {path.name}")

    seen = {_key(v.declaration_no, v.vin) for v in vehicle_service.list_vehicles(session, case)}
    by_ref: dict[str, Shipment] = {}
    by_declaration: dict[str, Shipment] = {}
    for shipment in shipment_service.list_shipments(session, case):
        if shipment.shipment_ref:
            by_ref.setdefault(shipment.shipment_ref, shipment)
        if shipment.declaration_no and not shipment.shipment_ref:
            by_declaration.setdefault(shipment.declaration_no, shipment)
    file_shipment: Shipment | None = None
    # Rows without a shipment_ref form one shipment, named by the first such row of the
    # file (so a re-import of a longer file finds it again).
    first_loose = next((r for r in rows if r.values.get("shipment_ref") is None), None)

    def shipment_for(row: DeclarationRow) -> Shipment:
        nonlocal file_shipment
        ref = row.values.get("shipment_ref")
        if ref is None and file_shipment is not None:
            return file_shipment
        if ref is not None and ref in by_ref:
            return by_ref[ref]
        model = row if ref is not None or first_loose is None else first_loose
        declaration = model.values.get("declaration_no")
        if ref is None and isinstance(declaration, str) and declaration in by_declaration:
            file_shipment = by_declaration[declaration]
            return file_shipment
        values: dict[str, object] = {
            k: model.values[k] for k in _SHIPMENT_COLUMNS if model.values.get(k) is not None
        }
        if ref is not None:
            values["shipment_ref"] = ref
        shipment = shipment_service.add_shipment(session, case, values)
        summary.shipments_added += 1
        if ref is not None:
            by_ref[ref] = shipment
        else:
            file_shipment = shipment
        return shipment

    total = len(rows)
    step = max(1, total // 100)
    for index, row in enumerate(rows):
        if cancelled is not None and index % step == 0 and cancelled():
            raise Cancelled("import cancelled")
        values = _vehicle_values(row)
        key = _key(values.get("declaration_no"), values["vin"])
        if key in seen:
            summary.duplicates_skipped += 1
        else:
            try:
                result = vehicle_service.add_vehicle(
                    session, case, values, shipment=shipment_for(row)
                )
            except ValidationError as exc:
                raise ImportRefused(
                    [
                        CellError(row.row, f, _cell_text(row.values.get(f)), m)
                        for f, m in exc.problems
                    ]
                ) from exc
            seen.add(key)
            summary.vehicles_added += 1
            summary.warnings.extend(
                f"row {row.row}, {w.field}: {w.message}" for w in result.warnings
            )
        if progress is not None and (index % step == 0 or index + 1 == total):
            progress(index + 1, total)
    if cancelled is not None and cancelled():
        raise Cancelled("import cancelled")
    return summary


__all__ = [
    "CellError",
    "DeclarationFileError",
    "ImportRefused",
    "ImportSummary",
    "Preview",
    "PreviewRow",
    "Validation",
    "import_declarations",
    "preview",
    "sheet_names",
    "validate",
]
