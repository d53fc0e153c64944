"""The Excel case workbook: streamed with openpyxl's write-only mode, typed, safe.

Sheets: Case, Parties, Shipments, Vehicles, Findings, Evidence, Custody, Audit, Imports
(the validation report of each declaration file imported). Dates are dates and numbers
numbers; headers are frozen with an autofilter; names of parties and every text of a
declaration are untrusted and stay text (``=HYPERLINK(...)`` is never a formula).

When findings are out of date (an ``allow_stale`` export) the workbook is a draft that
says so: an "Out of date" sheet comes first and lists the vehicles with why, and every
sheet starts with a "FINDINGS OUT OF DATE" banner row above its header row (which is
then row 2, frozen and filtered as row 1 is otherwise).

openpyxl streams each sheet through a temporary file; :func:`write_xlsx` can have those
made in a folder of the caller's (the export's scratch folder), so a killed export
leaves them only there, where ``zeromile store sweep`` finds them.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet import _writer as openpyxl_writer

from core.domain.fields import SHIPMENT_FIELDS, VEHICLE_FIELDS
from core.reports.case_data import CaseReport, is_data_quality
from core.reports.i18n import stale_reason_text, status_text, t, written_cell_text
from core.reports.xlsx_safe import safe_cell, safe_value

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E8ECF2")
BANNER_FONT = Font(bold=True, color="FFFFFF")
BANNER_FILL = PatternFill("solid", fgColor="B00020")
OUT_OF_DATE_SHEET = "Out of date"
_DATE_KEYS = ("_date", "_at", "at", "deadline")

#: Where this context's workbook puts openpyxl's temporary sheet files (None: openpyxl's
#: own choice, the system's temporary folder). A context variable, so a workbook built
#: on another thread is not affected.
_SHEET_FILES: ContextVar[Path | None] = ContextVar("zeromile_sheet_files", default=None)
_openpyxl_temporary_file = openpyxl_writer.create_temporary_file


def _temporary_sheet_file(suffix: str = "") -> str:
    """openpyxl's ``create_temporary_file``, in :data:`_SHEET_FILES` when one is set
    (openpyxl removes the file after the sheet is written, or at exit)."""
    folder = _SHEET_FILES.get()
    if folder is None:
        return str(_openpyxl_temporary_file(suffix))
    handle, name = tempfile.mkstemp(suffix=suffix, prefix="openpyxl.", dir=folder)
    os.close(handle)
    openpyxl_writer.ALL_TEMP_FILES.append(name)
    return name


# openpyxl has no setting for this folder; its writer looks the function up when a sheet
# starts, so replacing it here covers every write-only sheet.
openpyxl_writer.create_temporary_file = _temporary_sheet_file


def _typed(key: str, value: Any) -> Any:
    """ISO text from the views becomes a date or datetime (naive UTC: Excel has no zones)."""
    if isinstance(value, str) and key.endswith(_DATE_KEYS):
        try:
            if "T" in value:
                return dt.datetime.fromisoformat(value).astimezone(dt.UTC).replace(tzinfo=None)
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value


def _sheet(
    wb: Workbook,
    title: str,
    columns: Sequence[tuple[str, str, int]],
    rows: Iterable[dict[str, Any]],
    *,
    banner: str | None = None,
) -> None:
    """One sheet: an optional banner row, the header row (frozen, filtered), the rows."""
    ws = wb.create_sheet(title)
    header_row = 2 if banner else 1
    ws.freeze_panes = f"A{header_row + 1}"
    for index, (_, _, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    if banner:
        ws.append([safe_cell(ws, banner, font=BANNER_FONT, fill=BANNER_FILL)])
    ws.append([safe_cell(ws, label, font=HEADER_FONT, fill=HEADER_FILL) for _, label, _ in columns])
    count = 0
    # Only date columns and lists need converting; other values go in as they are.
    typed = [(key, key.endswith(_DATE_KEYS)) for key, _, _ in columns]
    for row in rows:
        cells = []
        for key, dated in typed:
            value = row.get(key)
            if dated or isinstance(value, list):
                value = _typed(key, value)
            cells.append(safe_value(ws, value))
        ws.append(cells)
        count += 1
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{count + header_row}"


class CaseWorkbookBuilder:
    """Builds the workbook, one method per sheet, so a variant can change one of them."""

    def __init__(self, report: CaseReport, *, lang: str = "en") -> None:
        self.report = report
        self.lang = lang
        self.wb = Workbook(write_only=True)
        self.banner = (
            t("out_of_date_sheet_note", lang, n=len(report.stale)) if report.stale else None
        )

    def tr(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def sheet(
        self,
        title: str,
        columns: Sequence[tuple[str, str, int]],
        rows: Iterable[dict[str, Any]],
    ) -> None:
        _sheet(self.wb, title, columns, rows, banner=self.banner)

    def shown(self, row: dict[str, Any], key: str) -> Any:
        """The Russian or English text of a bilingual field."""
        return row.get(f"{key}_ru") if self.lang == "ru" else row.get(key)

    # --- sheets -----------------------------------------------------------------------------

    def out_of_date(self) -> None:
        """First, and only in a draft with findings out of date: which vehicles, and why."""
        if not self.report.stale:
            return
        rows = [
            {
                "id": v["id"],
                "vin": v["vin"],
                "why": ", ".join(
                    stale_reason_text(r, self.lang) for r in v["findings_out_of_date"]
                ),
            }
            for v in self.report.out_of_date()
        ]
        self.sheet(
            OUT_OF_DATE_SHEET,
            [("id", "vehicle id", 10), ("vin", "VIN", 22), ("why", self.tr("out_of_date_why"), 60)],
            rows,
        )

    def case(self) -> None:
        c = self.report.case
        tr = self.tr
        rows = [
            {"field": tr("reference"), "value": c["reference"]},
            {"field": tr("title"), "value": c["title"]},
            {"field": tr("jurisdiction"), "value": c["jurisdiction"]},
            {"field": tr("status"), "value": status_text(c["status"], self.lang)},
            {"field": tr("closing_reason"), "value": c["closing_reason"]},
            {"field": tr("priority"), "value": c["priority"]},
            {"field": tr("inspector"), "value": c.get("inspector_label")},
            *self.review_rows(),
            {"field": tr("hearing_date"), "value_date": _typed("x_date", c["hearing_date"])},
            {"field": tr("hearing_reference"), "value": c["hearing_reference"]},
            {"field": tr("legal_deadline"), "value_date": _typed("x_date", c["legal_deadline"])},
            {"field": tr("generated"), "value_date": self.report.generated_at.replace(tzinfo=None)},
            {"field": tr("app_version"), "value": self.report.app_version},
        ]
        if self.report.draft:
            rows.append({"field": tr("draft"), "value": tr("draft_note")})
        if self.report.stale:
            rows.append({"field": tr("out_of_date"), "value": self.banner})
        for row in rows:
            row["value"] = row.get("value", row.get("value_date"))
        self.sheet("Case", [("field", tr("name"), 26), ("value", "", 60)], rows)

    def review_rows(self) -> list[dict[str, Any]]:
        """The review, as on the PDF's cover: state, who prepared and approved, when, the
        content hash; a voided approval; the single-workstation note."""
        r = self.report.review
        tr = self.tr
        approved = r["state"] == "approved"
        at = r["approved_at"].replace(tzinfo=None) if r["approved_at"] else None
        rows: list[dict[str, Any]] = [
            {"field": tr("review_state"), "value": tr(f"review_{r['state']}")},
            {"field": tr("prepared_by"), "value": r["prepared_by"]},
            {"field": tr("approved_by"), "value": r["approved_by"] if approved else None},
            {"field": tr("approved_at"), "value_date": at if approved else None},
            {"field": tr("approval_comment"), "value": r["comment"] if approved else None},
            {"field": tr("content_hash"), "value": r["content_hash"] if approved else None},
        ]
        if r["state"] == "voided" and r["approved_at"] is not None:
            text = tr(
                "approval_voided",
                at=r["approved_at"].strftime("%Y-%m-%d %H:%M UTC"),
                voided_at=r["voided_at"].strftime("%Y-%m-%d %H:%M UTC"),
                changes=r["voided_changes"] or "",
            )
            rows.append({"field": tr("review_voided"), "value": text})
        if r.get("intact") is False:
            rows.append({"field": tr("review"), "value": tr("approval_mismatch")})
        if r["single_workstation"] and r["state"] != "none":
            rows.append({"field": tr("review"), "value": tr("single_workstation")})
        return rows

    def parties(self) -> None:
        self.sheet(
            "Parties",
            [
                ("name", self.tr("name"), 45),
                ("kind", self.tr("kind"), 14),
                ("country", self.tr("country"), 9),
                ("roles", self.tr("roles"), 30),
            ],
            self.report.parties,
        )

    def shipments(self) -> None:
        self.sheet(
            "Shipments",
            [("id", "id", 6), *[(f.name, f.label, 18) for f in SHIPMENT_FIELDS]],
            self.report.shipments,
        )

    def vehicle_row(self, vehicle: dict[str, Any]) -> dict[str, Any]:
        """A vehicle with what was declared: the VIN problem, the texts kept as written
        (one readable cell), the source file and row, and why its findings are out of date."""
        source = vehicle.get("source") or {}
        written = [
            written_cell_text(c, vehicle.get(c["column"]), self.lang)
            for c in vehicle.get("declared_text") or []
        ]
        return vehicle | {
            "written_shown": "; ".join(written) or None,
            "source_file": self.report.source_file(source["sha256"]) if source else None,
            "source_sha256": source.get("sha256"),
            "source_row": source.get("row"),
            "out_of_date_shown": ", ".join(
                stale_reason_text(r, self.lang) for r in vehicle["findings_out_of_date"]
            )
            or None,
        }

    def vehicles(self) -> None:
        tr = self.tr
        columns = [("id", "id", 6), ("shipment_id", "shipment id", 10)]
        columns += [(f.name, f.label, 20 if f.name == "vin" else 15) for f in VEHICLE_FIELDS]
        columns += [
            ("vin_declared", "VIN as declared", 20),
            ("vin_problem", tr("vin_problem"), 40),
            ("written_shown", tr("as_written"), 60),
            ("source_file", tr("source_file"), 24),
            ("source_row", tr("source_row_no"), 10),
            ("source_sha256", tr("source_sha256"), 66),
            ("out_of_date_shown", tr("out_of_date"), 30),
        ]
        self.sheet("Vehicles", columns, (self.vehicle_row(v) for v in self.report.vehicles))

    def finding_row(self, f: dict[str, Any]) -> dict[str, Any]:
        basis = f.get("version_date_basis")
        return f | {
            "title_shown": self.shown(f, "title"),
            "explanation_shown": self.shown(f, "explanation"),
            "basis_shown": self.shown(f, "basis"),
            "data_quality": is_data_quality(f),
            "version_basis_shown": self.tr(f"basis_{basis}") if basis else None,
        }

    def findings(self) -> None:
        tr = self.tr
        self.sheet(
            "Findings",
            [
                ("vin", "VIN", 20),
                ("rule", tr("rule"), 14),
                ("data_quality", tr("data_quality_column"), 12),
                ("severity", tr("severity"), 10),
                ("title_shown", tr("title"), 40),
                ("explanation_shown", tr("explanation"), 60),
                ("basis_shown", tr("basis"), 40),
                ("citation", "citation", 30),
                ("confirmed", "confirmed", 10),
                ("pack", tr("pack"), 10),
                ("pack_version", "pack version", 10),
                ("version_date", tr("version_date"), 12),
                ("version_basis_shown", tr("version_basis"), 24),
                ("pack_hash", "pack sha256", 20),
                ("engine_version", "engine", 8),
                ("evaluated_at", "evaluated at (UTC)", 20),
            ],
            (self.finding_row(f) for f in self.report.findings()),
        )

    def evidence(self) -> None:
        tr = self.tr
        self.sheet(
            "Evidence",
            [
                ("exhibit", tr("exhibit_no"), 8),
                ("status", tr("status"), 10),
                ("kind", tr("kind"), 20),
                ("description", tr("description"), 40),
                ("original_name", tr("original_name"), 30),
                ("size", tr("size"), 12),
                ("mime_type", "MIME", 16),
                ("sha256", "SHA-256", 66),
                ("source", tr("obtained"), 30),
                ("obtained_date", "obtained", 12),
                ("obtained_by", "obtained by", 24),
                ("logged_at", "logged at (UTC)", 20),
                ("withdrawn_reason", tr("withdrawn"), 24),
            ],
            (e.row for e in self.report.exhibits),
        )

    def custody(self) -> None:
        tr = self.tr
        self.sheet(
            "Custody",
            [
                ("at", tr("at"), 20),
                ("item", tr("item"), 40),
                ("from", tr("from"), 28),
                ("to", tr("to"), 28),
                ("place", tr("place"), 24),
                ("purpose", tr("purpose"), 24),
                ("seal_number", tr("seal"), 14),
                ("recorded_by", "recorded by", 24),
            ],
            self.report.custody,
        )

    def audit(self) -> None:
        self.sheet(
            "Audit",
            [
                ("id", "id", 8),
                ("at", self.tr("at"), 20),
                ("actor", self.tr("actor"), 26),
                ("entity", "entity", 12),
                ("entity_label", "label", 26),
                ("action", "action", 8),
                ("field", "field", 18),
                ("old_value", "old", 24),
                ("new_value", "new", 24),
                ("reason", self.tr("reason"), 24),
                ("operation", "operation", 34),
                ("direct", "outside ZeroMile", 12),
            ],
            self.report.audit,
        )

    def import_rows(self) -> Iterator[dict[str, Any]]:
        """One row per bad cell and per warning of each imported file (one row saying so
        for a file without either), each naming the file, its SHA-256 and exhibit."""
        for record in self.report.imports:
            file = {
                "file": record["file"],
                "sha256": record["sha256"],
                "imported_at": record["at"],
                "exhibit": self.report.exhibit_number(record.get("evidence_id")),
            }
            report = record.get("report") or {}
            cells = report.get("cells", [])
            warnings = report.get("warnings", [])
            for cell in cells:
                yield file | {
                    "kind": self.tr("bad_cell"),
                    "row": cell.get("row"),
                    "column": cell.get("column"),
                    "value": cell.get("value"),
                    "message": cell.get("message"),
                }
            for warning in warnings:
                yield file | {"kind": self.tr("warning"), "message": warning}
            if not cells and not warnings:
                yield file | {"message": self.tr("no_problems")}

    def imports(self) -> None:
        tr = self.tr
        self.sheet(
            "Imports",
            [
                ("file", tr("file"), 30),
                ("sha256", "SHA-256", 66),
                ("imported_at", tr("imported_at"), 20),
                ("exhibit", tr("exhibit_no"), 8),
                ("kind", tr("problem_kind"), 14),
                ("row", tr("row"), 8),
                ("column", tr("column"), 24),
                ("value", tr("raw_value"), 24),
                ("message", tr("reason"), 70),
            ],
            self.import_rows(),
        )

    def build(self, out: BinaryIO) -> None:
        self.out_of_date()
        self.case()
        self.parties()
        self.shipments()
        self.vehicles()
        self.findings()
        self.evidence()
        self.custody()
        self.audit()
        self.imports()
        self.wb.save(out)


def write_xlsx(report: CaseReport, out: BinaryIO, *, lang: str, work: Path | None = None) -> None:
    """Write the workbook to ``out``; openpyxl's temporary sheet files go in ``work``
    (an existing folder) when given."""
    token = _SHEET_FILES.set(work)
    try:
        CaseWorkbookBuilder(report, lang=lang).build(out)
    finally:
        _SHEET_FILES.reset(token)
