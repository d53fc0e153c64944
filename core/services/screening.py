"""Screening a declaration file without a case: read, evaluate, report. Writes nothing.

The packs that fit each row's destination apply (or those chosen), each in the
version in force on the row's import date. DUP-VIN counts the file and, when a
store is given, the store together: a VIN once in the file and once in the store
is a duplicate.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections import Counter
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from core.declarations.reader import (
    CellError,
    DeclarationFile,
    DeclarationRow,
    read_declarations,
)
from core.declarations.source import SourceFile, working_copy
from core.domain.declared_text import decode
from core.perf import paused_gc
from core.persistence.store import Store
from core.persistence.unit_of_work import reading
from core.progress import CancelCheck, Progress
from core.reference import load_reference
from core.reports.xlsx_safe import safe_cell
from core.rules.engine import (
    ENGINE_VERSION,
    Evaluation,
    VehicleInput,
    evaluate,
    reportable,
)
from core.rules.explain import join
from core.rules.facts import build_facts
from core.rules.outcome import Status
from core.rules.packs import RulePack, pack_order
from core.services.declaration_import import check_row
from core.services.rule_packs import pack_library
from core.services.staleness import store_holders

SEVERITY_ORDER = {"high": 0, "medium": 1, "info": 2}
FILLS = {
    "high": PatternFill("solid", fgColor="FFC7CE"),
    "medium": PatternFill("solid", fgColor="FFEB9C"),
    "info": PatternFill("solid", fgColor="DDEBF7"),
}


@dataclass
class ScreenedRow:
    row: int
    vin: str | None
    evaluations: list[Evaluation]

    @property
    def fired(self) -> list[Evaluation]:
        return [e for e in self.evaluations if e.outcome.status is Status.FIRED]

    @property
    def worst(self) -> str | None:
        severities = sorted((e.rule.severity for e in self.fired), key=SEVERITY_ORDER.__getitem__)
        return severities[0] if severities else None


@dataclass
class ScreeningReport:
    file: Path
    #: The pack versions that judged at least one row.
    packs: list[RulePack]
    chosen: list[str] | None
    rows: list[ScreenedRow]
    errors: list[CellError]
    warnings: list[str]
    source: DeclarationFile
    reference_hash: str
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def flagged(self) -> list[ScreenedRow]:
        return [r for r in self.rows if r.fired]


def screen_file(
    path: Path | SourceFile,
    *,
    pack_ids: Sequence[str] | None = None,
    store: Store | None = None,
    sheet: str | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ScreeningReport:
    """Read and evaluate a declaration file. Raises ``DeclarationFileError`` if unreadable.

    A path is read through a working copy (:mod:`core.declarations.source`), kept for as
    long as the report is (its rows are read again to write the screening workbook)."""
    if isinstance(path, SourceFile):
        with paused_gc():
            return _screen(path, pack_ids, store, sheet, progress, cancelled)
    stack = ExitStack()
    try:
        copy = stack.enter_context(working_copy(path))
        with paused_gc():
            report = _screen(copy, pack_ids, store, sheet, progress, cancelled)
    except BaseException:
        stack.close()
        raise
    weakref.finalize(report, stack.close)
    return report


def _screen(
    copy: SourceFile,
    pack_ids: Sequence[str] | None,
    store: Store | None,
    sheet: str | None,
    progress: Progress | None,
    cancelled: CancelCheck | None,
) -> ScreeningReport:
    reference = load_reference()
    today = dt.date.today()
    source = read_declarations(copy.path, sheet=sheet)
    if store is not None:
        with reading(store) as session:
            library = pack_library(session)
    else:
        library = pack_library(None)
    chosen = library.check_ids(pack_ids)
    inputs: list[VehicleInput] = []
    declarations: list[str | None] = []
    refused: list[CellError] = []
    for row in source.rows():
        values, written = _as_imported(source, row, today, refused)
        declarations.append(values.get("declaration_no"))
        inputs.append(
            VehicleInput(
                facts=build_facts(values, reference, today=today, written=written),
                group=row.values.get("shipment_ref") or "",
                row=row.row,
            )
        )
    if store is not None:
        with reading(store) as session:
            holders = store_holders(
                session,
                [i.facts["vin"] for i in inputs if i.facts["vin"]],
                file_sha256=copy.sha256,
            )
        digest = copy.sha256
        for item, declaration in zip(inputs, declarations, strict=True):
            # A stored vehicle that is this very row (imported from this file, or the same
            # declaration number and VIN) is this vehicle: it counts once.
            others = [
                h
                for h in holders.get(item.facts["vin"], ())
                if not (
                    (h.source_sha256 == digest and h.source_row == item.row)
                    or (declaration and h.declaration_no == declaration)
                )
            ]
            item.store_duplicates = [h.case for h in others if h.case is not None]
            item.store_other_units = [h.unit for h in others if h.case is None]
    results = evaluate(
        inputs,
        library,
        reference,
        today=today,
        chosen=chosen,
        progress=progress,
        cancelled=cancelled,
    )
    rows = [
        ScreenedRow(item.row or 0, item.facts["vin"], reportable(evaluations))
        for item, evaluations in zip(inputs, results, strict=True)
    ]
    used: dict[str, RulePack] = {}
    for evaluations in results:
        for e in evaluations:
            used.setdefault(e.pack.content_hash, e.pack)
    report = ScreeningReport(
        file=copy.original,
        packs=sorted(used.values(), key=lambda p: (pack_order(p), p.version_key)),
        chosen=list(pack_ids) if pack_ids else None,
        rows=rows,
        errors=sorted([*source.errors, *refused], key=lambda e: (e.row, e.column)),
        warnings=source.warnings,
        source=source,
        reference_hash=reference.content_hash,
    )
    report.summary = summarise(report)
    return report


def _as_imported(
    source: DeclarationFile, row: DeclarationRow, today: dt.date, refused: list[CellError]
) -> tuple[dict[str, Any], Any]:
    """The row's facts as an import would record them: a value the vehicle checks refuse
    is unknown there too (and reported in ``refused``), so screening and import judge the
    same facts. A row without a VIN is screened with the VIN unknown."""
    checked = check_row(source, row, today)
    if checked.prepared is None:
        return row.values, row.written
    refused.extend(checked.problems)
    facts = checked.prepared.facts
    return facts, decode(str(facts["declared_text"]))


def summarise(report: ScreeningReport) -> dict[str, Any]:
    by_rule: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    for row in report.rows:
        for e in row.fired:
            by_rule[e.rule.id] += 1
            by_severity[e.rule.severity] += 1
    return {
        "rows": len(report.rows),
        "flagged": len(report.flagged),
        "by_rule": dict(sorted(by_rule.items())),
        "by_severity": {s: by_severity[s] for s in SEVERITY_ORDER if by_severity[s]},
        "cell_errors": len(report.errors),
    }


def evaluation_json(e: Evaluation) -> dict[str, Any]:
    explanation, explanation_ru = join(list(e.outcome.clauses))
    return {
        "rule": e.rule.id,
        "severity": e.rule.severity,
        "title": e.rule.title_en,
        "title_ru": e.rule.title_ru,
        "explanation": explanation,
        "explanation_ru": explanation_ru,
        "basis": e.rule.basis,
        "basis_ru": e.rule.basis_ru,
        "citation": e.rule.citation,
        "confirmed": e.rule.confirmed,
        "pack": e.pack.id,
        "pack_version": e.pack.version,
        "pack_hash": e.pack.content_hash,
        "engine_version": ENGINE_VERSION,
        "version_date": e.version_date.isoformat() if e.version_date else None,
        "version_date_basis": e.version_basis.value,
    }


def report_json(report: ScreeningReport) -> dict[str, Any]:
    """The ``screen --json`` object."""
    return {
        "file": str(report.file),
        "engine_version": ENGINE_VERSION,
        "reference_hash": report.reference_hash,
        "packs": [{"id": p.id, "version": p.version, "hash": p.content_hash} for p in report.packs],
        "vehicles": [
            {
                "row": r.row,
                "vin": r.vin,
                "findings": [evaluation_json(e) for e in r.fired],
                "not_evaluable": [
                    {"rule": e.rule.id, "missing": list(e.outcome.missing)}
                    for e in r.evaluations
                    if e.outcome.status is Status.NOT_EVALUABLE
                ],
            }
            for r in report.rows
        ],
        "errors": [
            {"row": e.row, "column": e.column, "value": e.value, "message": e.message}
            for e in report.errors
        ],
        "warnings": list(report.warnings),
        "summary": report.summary,
    }


def write_screening_xlsx(report: ScreeningReport, out: Path) -> None:
    """The same sheet back, with findings columns added and flagged rows highlighted."""
    by_row = {r.row: r for r in report.rows}
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("Screening")
    ws.freeze_panes = "A2"
    extra = ["ZM severity", "ZM rules", "ZM findings", "ZM missing facts"]
    bold = Font(bold=True)
    ws.append([safe_cell(ws, h, font=bold) for h in [*report.source.headers, *extra]])
    width = len(report.source.headers)
    for row in report.source.rows(record_errors=False):
        screened = by_row.get(row.row)
        worst = screened.worst if screened else None
        fill = FILLS.get(worst or "")
        fired = screened.fired if screened else []
        missing = [
            f"{e.rule.id}: {', '.join(e.outcome.missing)}"
            for e in (screened.evaluations if screened else [])
            if e.outcome.status is Status.NOT_EVALUABLE
        ]
        added = [
            worst or "",
            ", ".join(e.rule.id for e in fired),
            "\n".join(f"{e.rule.id}: {join(list(e.outcome.clauses))[0]}" for e in fired),
            "\n".join(missing),
        ]
        raw = (row.raw + [None] * width)[:width]
        style = {"fill": fill} if fill else {}
        ws.append([safe_cell(ws, v, **style) for v in [*raw, *added]])
    errors = workbook.create_sheet("Cell errors")
    errors.append([safe_cell(errors, h, font=bold) for h in ("Row", "Column", "Value", "Reason")])
    for e in report.errors:
        errors.append([safe_cell(errors, v) for v in (e.row, e.column, e.value, e.message)])
    workbook.save(out)


# --- the use cases of a front end: plain values in, a frozen result out ---------------------------


@dataclass(frozen=True)
class FlaggedRow:
    """A row some rule fired on: its ``worst`` severity and the ids of the ``rules``."""

    row: int
    vin: str | None
    worst: str | None
    rules: tuple[str, ...]


@dataclass(frozen=True)
class Screened:
    """A screening (:func:`screen`): its ``summary`` (as :func:`summarise`), the packs
    ``chosen`` (None: each row's destination), the flagged rows (worst first) and the
    unreadable cells. The report stays in the process under its token (:func:`save`)."""

    token: str
    summary: dict[str, Any]
    chosen: list[str] | None
    flagged: tuple[FlaggedRow, ...]
    errors: tuple[CellError, ...]


#: The latest screening reports of this process, by token, for :func:`save`.
_kept: dict[str, ScreeningReport] = {}
_KEEP = 3


def screen(
    *,
    db: str | None,
    path: str,
    sheet: str | None,
    pack_ids: list[str] | None,
    token: str,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Screened:
    """Screen the declaration file at ``path`` (nothing is stored; ``db``, a store
    locator, is consulted for DUP-VIN). The report is kept under ``token`` in this
    process for :func:`save`. Raises :class:`Cancelled`."""
    from core.services.stores import store_for

    report = screen_file(Path(path), pack_ids=pack_ids, store=store_for(db) if db else None,
                         sheet=sheet, progress=progress, cancelled=cancelled)  # fmt: skip
    _kept[token] = report
    while len(_kept) > _KEEP:
        del _kept[next(iter(_kept))]
    flagged = sorted(
        (
            FlaggedRow(r.row, r.vin, r.worst, tuple(e.rule.id for e in r.fired))
            for r in report.flagged
        ),
        key=lambda r: (SEVERITY_ORDER.get(r.worst or "", 9), r.row),
    )
    return Screened(token, report.summary, report.chosen, tuple(flagged), tuple(report.errors))


def save(*, token: str, out: str) -> str:
    """Write the screening kept under ``token`` (:func:`screen`, in this process) as a
    workbook at ``out``; returns ``out``."""
    from core.errors import UserFacingError

    report = _kept.get(token)
    if report is None:
        raise UserFacingError("this screening is no longer at hand; screen the file again")
    write_screening_xlsx(report, Path(out))
    return out
