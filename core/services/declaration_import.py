"""Importing a declaration file into a case: preview, validate, import (one transaction).

``preview`` and ``validate`` read the file and write nothing; ``import_declarations``
adds shipments and vehicles in the caller's unit of work, so the import lands whole
or not at all (an error or a cancel rolls everything back).

Rules of the import (declarations.md, "Bad input"):

- Shipments are matched by ``shipment_ref`` within the case (found or created); rows
  without one form one shipment per file, found by its declaration number when the
  case already has it.
- Every row is a vehicle, recorded as declared: a malformed VIN is kept (it is the
  finding ``VIN-FORMAT``), and a VIN twice in the file is two vehicles (``DUP-VIN``).
- A row is identified by the file's SHA-256 and its row number, and across files by
  declaration number plus VIN: a row already in the case is skipped and counted, so
  re-importing a file adds nothing.
- A bad cell (unreadable, or a value the checks refuse) is reported (row, column, raw
  value, reason); the rest of the row is imported with that fact unknown and the text
  kept as written with the vehicle. A row without a VIN is reported and not imported.
  ``strict=True`` instead refuses the whole file on any bad cell
  (:class:`ImportRefused`). The validation report is stored with the file's exhibit
  (:class:`~core.domain.declaration_import.DeclarationImport`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlmodel import col, select

from core.declarations.columns import canonical_column
from core.declarations.reader import (
    CellError,
    DeclarationFile,
    DeclarationFileError,
    DeclarationRow,
    read_declarations,
)
from core.declarations.source import SourceFile, opened
from core.domain.case import Case
from core.domain.declaration_import import DeclarationImport
from core.domain.declared_text import Issue
from core.domain.evidence import EvidenceItem
from core.domain.shipment import Shipment
from core.domain.vehicle import Vehicle
from core.domain.vehicle_checks import DQ_DATE_PAIRS
from core.domain.vin import normalise_vin
from core.errors import Cancelled, ValidationError
from core.evidence.blobs import BlobStore
from core.perf import paused_gc
from core.persistence import audit_hook
from core.persistence.bulk import insert_rows, reserve_ids
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
    """The whole file checked without writing: ``errors`` are the bad cells (each left
    unknown by an import, or refusing a strict one); ``rows_without_vin`` lists the rows
    an import would not record (no readable VIN)."""

    rows: int
    errors: list[CellError]
    warnings: list[str]
    rows_without_vin: list[int] = field(default_factory=list)


@dataclass
class ImportSummary:
    """What an import did. ``duplicates_skipped`` counts rows already in the case."""

    vehicles_added: int = 0
    shipments_added: int = 0
    duplicates_skipped: int = 0
    rows_without_vin: int = 0
    errors: list[CellError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: int = 0
    sha256: str = ""
    exhibit: int | None = None


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
    path: Path | SourceFile,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
    limit: int = 20,
    corrections: Mapping[tuple[int, str], str] | None = None,
) -> Preview:
    """Read the header and the first ``limit`` rows of the file (of a working copy of
    it, :mod:`core.declarations.source`). Writes nothing.

    Raises :class:`DeclarationFileError` if the file cannot be read at all; a file
    without a VIN column is previewed, with that problem in ``problems``.
    """
    with opened(path) as copy:
        return _preview(copy, sheet, mapping, limit, corrections)


def _preview(
    copy: SourceFile,
    sheet: str | None,
    mapping: ColumnMapping | None,
    limit: int,
    corrections: Mapping[tuple[int, str], str] | None,
) -> Preview:
    source = read_declarations(
        copy.path, sheet=sheet, mapping=mapping, require_vin=False, corrections=corrections
    )
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
        path=copy.original,
        sheets=sheet_names(copy.path),
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


Corrections = Mapping[tuple[int, str], str]


@dataclass
class CheckedRow:
    """One row read and checked: ``prepared`` is ``None`` for a row without a VIN."""

    row: DeclarationRow
    prepared: vehicle_service.PreparedVehicle | None
    problems: list[CellError]
    warnings: list[str]


def _raw_dates(source: DeclarationFile, row: DeclarationRow) -> dict[str, str]:
    """The text of the row's date cells in out-of-order pairs (rare: looked up only then)."""
    found: dict[str, str] = {}
    for pair in DQ_DATE_PAIRS:
        a, b = row.values.get(pair[0]), row.values.get(pair[1])
        if isinstance(a, dt.date) and isinstance(b, dt.date) and b < a:
            for name in pair:
                index = source.columns.index(name)
                if index < len(row.raw) and isinstance(row.raw[index], str):
                    found[name] = row.raw[index].strip()
    return found


def check_row(source: DeclarationFile, row: DeclarationRow, today: dt.date) -> CheckedRow:
    """A row's facts as the import records them (screening judges the same): the vehicle
    checks once, refused values become bad cells (left unknown), ambiguous numbers and
    odd values warnings, and the text of out-of-order dates is kept as written."""
    unreadable = {c: w for c, w in row.written.items() if w.issue == Issue.UNREADABLE}
    try:
        prepared = vehicle_service.prepare_import(
            _vehicle_values(row),
            today=today,
            written=row.written,
            raw_dates=_raw_dates(source, row) if len(row.values) > 1 else None,
        )
    except ValidationError as exc:
        # An unreadable VIN cell is reported by the reader already.
        problems = (
            [] if "vin" in unreadable else [CellError(row.row, f, "", m) for f, m in exc.problems]
        )
        return CheckedRow(row, None, problems, [])
    problems = [CellError(row.row, f, text, m) for f, text, m in prepared.refused]
    warnings = [f"row {row.row}, {w.field}: {w.message}" for w in prepared.warnings]
    warnings += [
        f"row {row.row}, {c}: {w.text!r} {w.reason}; it may be meant with a thousands separator"
        for c, w in row.written.items()
        if w.issue == Issue.AMBIGUOUS
    ]
    return CheckedRow(row, prepared, problems, warnings)


def _read_checked(source: DeclarationFile, cancelled: CancelCheck | None) -> Validation:
    """Every row checked as the import would; streams the rows: nothing but the problems
    is kept."""
    today = dt.date.today()
    found = Validation(rows=0, errors=[], warnings=[])
    for row in source.rows():
        if cancelled is not None and found.rows % 50 == 0 and cancelled():
            raise Cancelled("import cancelled")
        found.rows += 1
        checked = check_row(source, row, today)
        found.errors.extend(checked.problems)
        found.warnings.extend(checked.warnings)
        if checked.prepared is None:
            found.rows_without_vin.append(row.row)
    found.errors = _in_order([*source.errors, *found.errors])
    found.warnings = [*source.warnings, *found.warnings]
    return found


def _in_order(cells: Sequence[CellError]) -> list[CellError]:
    return sorted(cells, key=lambda e: (e.row, e.column))


def validate(
    path: Path | SourceFile,
    *,
    mapping: ColumnMapping | None = None,
    sheet: str | None = None,
    corrections: Corrections | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Validation:
    """Check the whole file as the import would, without a store. Writes nothing.

    A path is read through a working copy of its own (:mod:`core.declarations.source`);
    pass the same :class:`SourceFile` to the import to check exactly what it imports."""
    with opened(path) as copy:
        source = read_declarations(copy.path, sheet=sheet, mapping=mapping, corrections=corrections)
        checked = _read_checked(source, cancelled)
    if progress is not None:
        progress(checked.rows, checked.rows)
    return checked


def _key(declaration_no: object, vin: object) -> tuple[str, str]:
    return (str(declaration_no or "").strip(), normalise_vin(str(vin)))


#: Vehicles inserted per statement (a bounded batch: memory stays flat on big files).
BATCH = 1000


def _already_in_case(
    session: ZeroMileSession, case: Case, sha256: str
) -> tuple[set[int], set[tuple[str, str]]]:
    """Rows of this file already imported into ``case``, and the declaration + VIN keys
    of its vehicles from anywhere else (other files, typed in). A vehicle without a
    declaration number has no such key: a VIN alone never makes a row "already there"
    (it may be a clone, and its DUP-VIN must not be lost)."""
    rows: set[int] = set()
    keys: set[tuple[str, str]] = set()
    for declaration_no, vin, source, row in session.exec(
        select(Vehicle.declaration_no, Vehicle.vin, Vehicle.source_sha256, Vehicle.source_row)
        .where(Vehicle.case_id == case.id)
    ):  # fmt: skip
        if source == sha256 and row is not None:
            rows.add(row)
        elif declaration_no and declaration_no.strip():
            keys.add(_key(declaration_no, vin))
    return rows, keys


def import_declarations(
    session: ZeroMileSession,
    case: Case,
    path: Path | SourceFile,
    *,
    mapping: ColumnMapping | None = None,
    sheet: str | None = None,
    strict: bool = False,
    corrections: Corrections | None = None,
    source_evidence: BlobStore | None = None,
    actor: str | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportSummary:
    """Add the file's shipments and vehicles to ``case`` in the caller's unit of work.

    One pass over the file: rows are checked and inserted in batches as they are read,
    so memory stays flat. Bad cells are left unknown and reported in the summary (see
    the module doc); with ``strict`` any bad cell raises :class:`ImportRefused` listing
    every one (nothing is kept: the caller's unit of work rolls back). ``corrections``
    replace single cells (the inspector's fixes in the preview). Raises
    :class:`Cancelled` when ``cancelled()`` becomes true. ``progress(done, total)``
    counts rows (``total`` is the file's own estimate, or 0 when it has none).

    The audit trail gets one event for the import, naming the file, its SHA-256 and the
    counts, instead of one per cell; with ``source_evidence`` (the blob store) the file
    itself is stored as an exhibit of the case, with the validation report, so the rows
    can be traced to it.

    What is parsed, hashed and stored is one set of bytes: a working copy of the file
    (:mod:`core.declarations.source`), made here from a path (a file that changes while
    it is copied is refused with :class:`DeclarationFileError`), or given as a
    :class:`SourceFile` (made once by a caller that validates it first, or retries).
    """
    assert case.id is not None
    with opened(path) as copy:
        return _import(
            session, case, copy, mapping=mapping, sheet=sheet, strict=strict,
            corrections=corrections, source_evidence=source_evidence, actor=actor,
            progress=progress, cancelled=cancelled,
        )  # fmt: skip


def _import(
    session: ZeroMileSession,
    case: Case,
    copy: SourceFile,
    *,
    mapping: ColumnMapping | None,
    sheet: str | None,
    strict: bool,
    corrections: Corrections | None,
    source_evidence: BlobStore | None,
    actor: str | None,
    progress: Progress | None,
    cancelled: CancelCheck | None,
) -> ImportSummary:
    assert case.id is not None
    path = copy.original
    digest = copy.sha256
    source = read_declarations(copy.path, sheet=sheet, mapping=mapping, corrections=corrections)
    summary = ImportSummary(warnings=list(source.warnings), sha256=digest)
    set_reason(session, f"imported from {path.name}")
    today = dt.date.today()
    problems: list[CellError] = []
    imported_rows, other_keys = _already_in_case(session, case, digest)
    skipped: set[int] = set()
    shipments = _ShipmentFinder(session, case, summary)
    batch: list[dict[str, object]] = []
    total = source.expected_rows or 0

    parties: dict[tuple[str, object], int | None] = {}

    def flush_batch() -> None:
        if batch and not (strict and problems):
            _insert_vehicles(session, case, batch, parties)
        batch.clear()

    with audit_hook.summarised(session), paused_gc():
        for row in source.rows():
            summary.rows += 1
            if cancelled is not None and summary.rows % 25 == 0 and cancelled():
                raise Cancelled("import cancelled")
            shipments.note(row)
            checked = check_row(source, row, today)
            problems.extend(checked.problems)
            prepared = checked.prepared
            if prepared is None:
                summary.rows_without_vin += 1
                continue
            key = _key(prepared.facts.get("declaration_no"), prepared.facts["vin"])
            if row.row in imported_rows or (key[0] and key in other_keys):
                summary.duplicates_skipped += 1
                skipped.add(row.row)
                continue
            summary.warnings.extend(checked.warnings)
            facts = prepared.facts
            facts["source_sha256"] = digest
            facts["source_row"] = row.row
            if not (strict and problems):
                facts["shipment_id"] = shipments.for_row(row).id
            batch.append(facts)
            summary.vehicles_added += 1
            if len(batch) >= BATCH:
                flush_batch()
            if progress is not None and summary.rows % 25 == 0:
                progress(summary.rows, max(total, summary.rows))
        # A row already in the case was judged when it came: its cells are not this
        # import's problems.
        summary.errors = _in_order([e for e in [*source.errors, *problems] if e.row not in skipped])
        if strict and summary.errors:
            raise ImportRefused(summary.errors)
        flush_batch()
        if cancelled is not None and cancelled():
            raise Cancelled("import cancelled")
        evidence_id = None
        if source_evidence is not None:
            evidence_id, summary.exhibit = _store_source(
                session, source_evidence, case, copy, actor or "import"
            )
        _record_import(session, case, path, summary, evidence_id)
        audit_hook.record_summary(
            session,
            case_id=case.id,
            entity="case",
            entity_id=case.id,
            label=case.reference,
            field="declarations",
            value=json.dumps(
                {
                    "file": path.name,
                    "sha256": digest,
                    "exhibit": summary.exhibit,
                    "rows": summary.rows,
                    "vehicles_added": summary.vehicles_added,
                    "shipments_added": summary.shipments_added,
                    "duplicates_skipped": summary.duplicates_skipped,
                    "rows_without_vin": summary.rows_without_vin,
                    "bad_cells": len(summary.errors),
                },
                ensure_ascii=False,
                sort_keys=True,
            ),
        )
    if progress is not None:
        progress(summary.rows, summary.rows)
    return summary


def _record_import(
    session: ZeroMileSession,
    case: Case,
    path: Path,
    summary: ImportSummary,
    evidence_id: int | None,
) -> None:
    """The import and its validation report, kept with the file's exhibit."""
    assert case.id is not None
    report = {
        "cells": [asdict(c) for c in summary.errors],
        "warnings": summary.warnings,
    }
    session.add(
        DeclarationImport(
            case_id=case.id,
            evidence_id=evidence_id,
            sha256=summary.sha256,
            file_name=path.name[:300],
            rows=summary.rows,
            vehicles_added=summary.vehicles_added,
            rows_already_imported=summary.duplicates_skipped,
            rows_without_vin=summary.rows_without_vin,
            bad_cells=len(summary.errors),
            report=json.dumps(report, ensure_ascii=False, sort_keys=True),
        )
    )


def import_reports(session: ZeroMileSession, case: Case) -> list[DeclarationImport]:
    """The case's imports with their validation reports, oldest first."""
    return list(
        session.exec(
            select(DeclarationImport)
            .where(DeclarationImport.case_id == case.id)
            .order_by(col(DeclarationImport.id))
        )
    )


class _ShipmentFinder:
    """The shipment of each row: by ``shipment_ref`` (found or created), else one per file
    named by the first such row (so a re-import of a longer file finds it again)."""

    def __init__(self, session: ZeroMileSession, case: Case, summary: ImportSummary) -> None:
        self.session, self.case, self.summary = session, case, summary
        self.by_ref: dict[str, Shipment] = {}
        self.by_declaration: dict[str, Shipment] = {}
        for shipment in shipment_service.list_shipments(session, case):
            if shipment.shipment_ref:
                self.by_ref.setdefault(shipment.shipment_ref, shipment)
            if shipment.declaration_no and not shipment.shipment_ref:
                self.by_declaration.setdefault(shipment.declaration_no, shipment)
        self.file_shipment: Shipment | None = None
        self.first_loose: DeclarationRow | None = None

    def note(self, row: DeclarationRow) -> None:
        """See every row (duplicates too): the first without a reference names the file's."""
        if self.first_loose is None and row.values.get("shipment_ref") is None:
            self.first_loose = row

    def for_row(self, row: DeclarationRow) -> Shipment:
        ref = row.values.get("shipment_ref")
        if ref is None and self.file_shipment is not None:
            return self.file_shipment
        if ref is not None and ref in self.by_ref:
            return self.by_ref[ref]
        model = row if ref is not None or self.first_loose is None else self.first_loose
        declaration = model.values.get("declaration_no")
        if ref is None and isinstance(declaration, str) and declaration in self.by_declaration:
            self.file_shipment = self.by_declaration[declaration]
            return self.file_shipment
        values: dict[str, object] = {
            k: model.values[k] for k in _SHIPMENT_COLUMNS if model.values.get(k) is not None
        }
        if ref is not None:
            values["shipment_ref"] = ref
        shipment = shipment_service.add_shipment(self.session, self.case, values)
        self.summary.shipments_added += 1
        if ref is not None:
            self.by_ref[ref] = shipment
        else:
            self.file_shipment = shipment
        return shipment


def _insert_vehicles(
    session: ZeroMileSession,
    case: Case,
    batch: Sequence[Mapping[str, object]],
    parties: dict[tuple[str, object], int | None],
) -> None:
    """Insert a batch of checked vehicles with one statement, then link their parties."""
    ids = reserve_ids(session, Vehicle, len(batch))
    rows = [
        {**facts, "id": vehicle_id, "case_id": case.id, "version": 1}
        for vehicle_id, facts in zip(ids, batch, strict=True)
    ]
    insert_rows(session, Vehicle, rows)
    vehicle_service.link_imported_parties(session, case, list(zip(ids, rows, strict=True)), parties)


def _store_source(
    session: ZeroMileSession, blobs: BlobStore, case: Case, copy: SourceFile, actor: str
) -> tuple[int, int]:
    """The working copy (the bytes parsed) as an exhibit of the case, under the file's
    name (the same file again reuses its exhibit): ``(evidence id, exhibit number)``."""
    digest, path = copy.sha256, copy.original
    from core.services import evidence

    earlier = session.exec(
        select(EvidenceItem.id, EvidenceItem.exhibit_no).where(
            EvidenceItem.case_id == case.id, EvidenceItem.sha256 == digest
        )
    ).first()
    if earlier is not None and earlier[0] is not None:
        return earlier[0], earlier[1]
    with copy.path.open("rb") as fh:
        stored = evidence.add_evidence(
            session,
            blobs,
            case,
            fh,
            original_name=path.name,
            kind="customs_declaration",
            description=f"declaration file imported ({path.name})",
        )
    assert stored.item.id is not None
    if stored.item.sha256 != digest:  # pragma: no cover - the copy is private to this import
        raise DeclarationFileError(f"{path.name}: the working copy changed; nothing was imported")
    return stored.item.id, stored.item.exhibit_no


__all__ = [
    "CellError",
    "DeclarationFileError",
    "ImportRefused",
    "ImportSummary",
    "Preview",
    "PreviewRow",
    "Validation",
    "import_declarations",
    "import_reports",
    "preview",
    "sheet_names",
    "validate",
]


# --- the use cases of a front end: plain values in, a frozen result out ---------------------------


def _fixes(items: Sequence[tuple[int, str, str]]) -> dict[tuple[int, str], str]:
    return {(int(row), column): text for row, column, text in items}


@dataclass(frozen=True)
class Checked:
    """A file checked as the import would (:func:`check_file`)."""

    rows: int
    errors: tuple[CellError, ...]
    warnings: tuple[str, ...]
    rows_without_vin: tuple[int, ...]


def check_file(
    *,
    path: str,
    mapping: dict[str, str | None],
    sheet: str | None,
    corrections: Sequence[tuple[int, str, str]] = (),
    report: str | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Checked:
    """Check the declaration file at ``path`` as the import would (nothing is stored);
    with ``report``, also write the validation report workbook there. ``corrections`` are
    the inspector's fixes as (row, canonical column, text). Raises :class:`Cancelled`."""
    from core.declarations.report import write_validation_report

    checked = validate(Path(path), mapping=mapping, sheet=sheet, corrections=_fixes(corrections),
                       progress=progress, cancelled=cancelled)  # fmt: skip
    if report:
        write_validation_report(Path(path), checked.errors, Path(report), sheet=sheet,
                                mapping=mapping)  # fmt: skip
    return Checked(checked.rows, tuple(checked.errors), tuple(checked.warnings),
                   tuple(checked.rows_without_vin))  # fmt: skip


@dataclass(frozen=True)
class Imported:
    """What :func:`import_file` did: ``summary`` of the import, or ``refused`` (strict:
    the bad cells, nothing written); whether the rules then ran (``classified``, with
    ``findings_added``), and if they failed, why (``classify_error``)."""

    summary: ImportSummary | None = None
    refused: tuple[CellError, ...] = ()
    classified: bool = False
    findings_added: int = 0
    classify_error: str = ""


def import_file(
    *,
    db: str,
    reference: str,
    actor: str,
    path: str,
    mapping: dict[str, str | None],
    sheet: str | None,
    corrections: Sequence[tuple[int, str, str]] = (),
    strict: bool = False,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Imported:
    """Import the file at ``path`` into case ``reference`` (one transaction, rerun whole on
    a deadlock; the file is copied once and kept as the exhibit), then run the rules.

    Raises :class:`Cancelled` when the import is cancelled (nothing written); a cancelled
    or failed rules run keeps the import (``classified`` false)."""
    from core.declarations.source import working_copy
    from core.persistence.unit_of_work import retrying, unit_of_work
    from core.services import cases
    from core.services.evidence import blob_store_for
    from core.services.findings import classify_case
    from core.services.stores import store_for

    store = store_for(db)

    def land(source: SourceFile) -> ImportSummary:
        with unit_of_work(store, actor=actor) as session:
            return import_declarations(
                session, cases.get_case(session, reference), source, mapping=mapping,
                sheet=sheet, strict=strict, corrections=_fixes(corrections),
                source_evidence=blob_store_for(store), actor=actor, progress=progress,
                cancelled=cancelled,
            )  # fmt: skip

    try:
        with working_copy(Path(path)) as source:
            summary = retrying(land)(source)
    except ImportRefused as exc:
        return Imported(refused=tuple(exc.cells))
    try:
        with unit_of_work(store, actor=actor, reason="classification") as session:
            run = classify_case(session, cases.get_case(session, reference), progress=progress,
                                cancelled=cancelled, with_findings=False)  # fmt: skip
    except Cancelled:
        return Imported(summary)
    except Exception as exc:  # the import landed; say so, and why the rules did not run
        return Imported(summary, classify_error=str(exc))
    return Imported(summary, classified=True, findings_added=run.added)
