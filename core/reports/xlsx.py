"""The Excel case workbook: streamed with openpyxl's write-only mode, typed, safe.

Sheets: Case, Parties, Shipments, Vehicles, Findings, Evidence, Custody, Audit. Dates
are dates and numbers numbers; headers are frozen with an autofilter; names of parties
are untrusted and stay text (``=HYPERLINK(...)`` is never a formula).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from core.domain.fields import SHIPMENT_FIELDS, VEHICLE_FIELDS
from core.reports.case_data import CaseReport
from core.reports.i18n import status_text, t
from core.reports.xlsx_safe import safe_cell, safe_value

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E8ECF2")
_DATE_KEYS = ("_date", "_at", "at", "deadline")


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
) -> None:
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    for index, (_, _, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
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
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"


def write_xlsx(report: CaseReport, out: BinaryIO, *, lang: str) -> None:
    """Write the workbook to ``out``."""

    def tr(key: str) -> str:
        return t(key, lang)

    wb = Workbook(write_only=True)
    c = report.case
    case_rows = [
        {"field": tr("reference"), "value": c["reference"]},
        {"field": tr("title"), "value": c["title"]},
        {"field": tr("jurisdiction"), "value": c["jurisdiction"]},
        {"field": tr("status"), "value": status_text(c["status"], lang)},
        {"field": tr("closing_reason"), "value": c["closing_reason"]},
        {"field": tr("priority"), "value": c["priority"]},
        {"field": tr("inspector"), "value": c.get("inspector_label")},
        {"field": tr("hearing_date"), "value_date": _typed("x_date", c["hearing_date"])},
        {"field": tr("hearing_reference"), "value": c["hearing_reference"]},
        {"field": tr("legal_deadline"), "value_date": _typed("x_date", c["legal_deadline"])},
        {"field": tr("generated"), "value_date": report.generated_at.replace(tzinfo=None)},
        {"field": tr("app_version"), "value": report.app_version},
    ]
    for row in case_rows:
        row["value"] = row.get("value", row.get("value_date"))
    _sheet(wb, "Case", [("field", tr("name"), 26), ("value", "", 60)], case_rows)
    _sheet(
        wb,
        "Parties",
        [
            ("name", tr("name"), 45),
            ("kind", tr("kind"), 14),
            ("country", tr("country"), 9),
            ("roles", tr("roles"), 30),
        ],
        report.parties,
    )
    _sheet(
        wb,
        "Shipments",
        [("id", "id", 6), *[(f.name, f.label, 18) for f in SHIPMENT_FIELDS]],
        report.shipments,
    )
    vehicle_columns = [("id", "id", 6), ("shipment_id", "shipment id", 10)]
    vehicle_columns += [(f.name, f.label, 20 if f.name == "vin" else 15) for f in VEHICLE_FIELDS]
    _sheet(
        wb, "Vehicles", [*vehicle_columns, ("vin_declared", "VIN as declared", 20)], report.vehicles
    )
    findings = [
        f
        | {
            "title_shown": f["title_ru"] if lang == "ru" else f["title"],
            "explanation_shown": f["explanation_ru"] if lang == "ru" else f["explanation"],
            "basis_shown": f["basis_ru"] if lang == "ru" else f["basis"],
        }
        for f in report.findings()
    ]
    _sheet(
        wb,
        "Findings",
        [
            ("vin", "VIN", 20),
            ("rule", tr("rule"), 14),
            ("severity", tr("severity"), 10),
            ("title_shown", tr("title"), 40),
            ("explanation_shown", tr("explanation"), 60),
            ("basis_shown", tr("basis"), 40),
            ("citation", "citation", 30),
            ("confirmed", "confirmed", 10),
            ("pack", tr("pack"), 10),
            ("pack_version", "pack version", 10),
            ("pack_hash", "pack sha256", 20),
            ("engine_version", "engine", 8),
            ("evaluated_at", "evaluated at (UTC)", 20),
        ],
        findings,
    )
    _sheet(
        wb,
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
        (e.row for e in report.exhibits),
    )
    _sheet(
        wb,
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
        report.custody,
    )
    _sheet(
        wb,
        "Audit",
        [
            ("id", "id", 8),
            ("at", tr("at"), 20),
            ("actor", tr("actor"), 26),
            ("entity", "entity", 12),
            ("entity_label", "label", 26),
            ("action", "action", 8),
            ("field", "field", 18),
            ("old_value", "old", 24),
            ("new_value", "new", 24),
            ("reason", tr("reason"), 24),
            ("operation", "operation", 34),
        ],
        report.audit,
    )
    wb.save(out)
