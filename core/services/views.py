"""Plain-data views of stored records, for JSON output, reports and the GUI.

Every function returns JSON-ready values: ISO dates, numbers as numbers,
``None`` for unknown facts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlmodel import col, select

from core.domain.audit import SERVER_ACTIONS, AuditEvent
from core.domain.case import Case
from core.domain.declared_text import decode
from core.domain.evidence import CustodyEvent, EvidenceItem
from core.domain.fields import SHIPMENT_FIELDS, VEHICLE_FIELDS
from core.domain.inspector import Inspector
from core.domain.vin import format_problem
from core.persistence.store import ZeroMileSession
from core.services.declaration_import import import_reports
from core.services.findings import active_findings, finding_json
from core.services.notes import list_notes
from core.services.parties import case_parties
from core.services.shipments import list_shipments
from core.services.staleness import StaleVehicle, stale_vehicles
from core.services.vehicles import list_vehicles


def json_value(value: object) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def case_row(case: Case, inspector: Inspector | None = None) -> dict[str, Any]:
    """The case's own fields."""
    return {
        "id": case.id,
        "reference": case.reference,
        "title": case.title,
        "jurisdiction": case.jurisdiction,
        "status": case.status,
        "closing_reason": case.closing_reason,
        "priority": case.priority,
        "assigned_inspector": (
            {"name": inspector.name, "badge_number": inspector.badge_number}
            if inspector is not None
            else None
        ),
        "hearing_date": json_value(case.hearing_date),
        "hearing_reference": case.hearing_reference,
        "legal_deadline": json_value(case.legal_deadline),
        "created_at": json_value(case.created_at),
        "updated_at": json_value(case.updated_at),
        "version": case.version,
    }


def case_detail(
    session: ZeroMileSession, case: Case, *, stale: Sequence[StaleVehicle] | None = None
) -> dict[str, Any]:
    """The case with its shipments, vehicles, parties, diary and imports, and which
    vehicles' findings are out of date (``stale``, when the caller has checked already)."""
    inspector = (
        session.get(Inspector, case.assigned_inspector_id) if case.assigned_inspector_id else None
    )
    detail = case_row(case, inspector)
    detail["shipments"] = [
        {"id": s.id, "version": s.version}
        | {f.name: json_value(getattr(s, f.name)) for f in SHIPMENT_FIELDS}
        for s in list_shipments(session, case)
    ]
    detail["vehicles"] = [
        {
            "id": v.id,
            "shipment_id": v.shipment_id,
            "version": v.version,
            "vin_declared": v.vin_declared,
            "vin_problem": format_problem(v.vin),
            "declared_text": [
                {"column": name, "text": c.text, "issue": c.issue, "reason": c.reason}
                for name, c in decode(v.declared_text).items()
            ],
            "source": (
                {"sha256": v.source_sha256, "row": v.source_row} if v.source_sha256 else None
            ),
        }
        | {f.name: json_value(getattr(v, f.name)) for f in VEHICLE_FIELDS}
        for v in list_vehicles(session, case)
    ]
    detail["parties"] = [
        {
            "id": cp.party.id,
            "name": cp.party.name,
            "kind": cp.party.kind,
            "country": cp.party.country,
            "roles": list(cp.roles),
        }
        for cp in case_parties(session, case)
    ]
    active = active_findings(session, case)
    assert case.id is not None
    stale_by_id = {
        v.vehicle_id: v for v in (stale_vehicles(session, [case.id]) if stale is None else stale)
    }
    for vehicle in detail["vehicles"]:
        found = active.get(vehicle["id"], [])
        vehicle["findings"] = [finding_json(f) for f in found if f.status == "fired"]
        vehicle["not_evaluable"] = [
            {
                "rule": f.rule_id,
                "missing": finding_json(f)["missing_facts"],
                "explanation": f.explanation_en,
                "explanation_ru": f.explanation_ru,
            }
            for f in found
            if f.status == "not_evaluable"
        ]
        out_of_date = stale_by_id.get(vehicle["id"])
        vehicle["findings_out_of_date"] = (
            [r.value for r in out_of_date.reasons] if out_of_date else []
        )
    detail["findings_out_of_date"] = [
        {"id": v.vehicle_id, "vin": v.vin, "reasons": [r.value for r in v.reasons]}
        for v in stale_by_id.values()
    ]
    detail["imports"] = [
        {
            "file": r.file_name,
            "sha256": r.sha256,
            "at": json_value(r.imported_at),
            "evidence_id": r.evidence_id,
            "rows": r.rows,
            "vehicles_added": r.vehicles_added,
            "rows_already_imported": r.rows_already_imported,
            "rows_without_vin": r.rows_without_vin,
            "bad_cells": r.bad_cells,
            "report": json.loads(r.report) if r.report else {},
        }
        for r in import_reports(session, case)
    ]
    detail["notes"] = [
        {"id": n.id, "at": json_value(n.created_at), "author": n.author, "text": n.text}
        for n in list_notes(session, case)
    ]
    return detail


def audit_rows(session: ZeroMileSession, case: Case) -> list[dict[str, Any]]:
    """The case's audit trail, oldest first, as people read it.

    On PostgreSQL the server also records every row changed (see
    ``core.persistence.pg_security.RECORDED``). Where the program recorded events in the
    same server transaction (``xact``), its field-level events are shown and the server's
    records stay in the trail unshown; a change the program did not record (made with
    psql or another tool) is shown by the server's record, marked ``direct``.
    """
    events = list(
        session.exec(
            select(AuditEvent).where(AuditEvent.case_id == case.id).order_by(col(AuditEvent.id))
        )
    )
    by_program = {e.xact for e in events if e.action not in SERVER_ACTIONS}
    return [
        {
            "id": e.id,
            "at": json_value(e.at),
            "actor": e.actor,
            "operation": e.operation,
            "entity": e.entity,
            "entity_id": e.entity_id,
            "entity_label": e.entity_label,
            "action": e.action,
            "field": e.field,
            "old_value": e.old_value,
            "new_value": e.new_value,
            "reason": e.reason,
            "direct": e.action in SERVER_ACTIONS,
        }
        for e in events
        if e.action not in SERVER_ACTIONS or e.xact not in by_program
    ]


def evidence_row(item: EvidenceItem) -> dict[str, Any]:
    """An exhibit's record (not its bytes)."""
    return {
        "id": item.id,
        "exhibit": item.exhibit_no,
        "original_name": item.original_name,
        "sha256": item.sha256,
        "size": item.size,
        "mime_type": item.mime_type,
        "kind": item.kind,
        "description": item.description,
        "source": item.source,
        "obtained_date": json_value(item.obtained_date),
        "obtained_by": item.obtained_by,
        "logged_by": item.logged_by,
        "logged_at": json_value(item.logged_at),
        "status": item.status,
        "withdrawn_reason": item.withdrawn_reason,
    }


def custody_row(event: CustodyEvent) -> dict[str, Any]:
    """One hand-over."""
    return {
        "id": event.id,
        "item": event.item,
        "evidence_id": event.evidence_id,
        "vehicle_id": event.vehicle_id,
        "from": event.from_party,
        "to": event.to_party,
        "at": json_value(event.at),
        "place": event.place,
        "purpose": event.purpose,
        "seal_number": event.seal_number,
        "recorded_by": event.recorded_by,
    }


#: The derived data of an exhibit shown beside it (EXIF, pages, thumbnail).
DERIVED_KEYS = (
    "taken_at",
    "gps_lat",
    "gps_lon",
    "camera",
    "width",
    "height",
    "page_count",
    "thumbnail_png",
    "error",
)


def evidence_detail(session: ZeroMileSession, case: Case) -> dict[str, Any]:
    """The case's exhibits (each with ``derived``: the cached EXIF, pages and thumbnail, or
    None) and its custody events, as plain data."""
    from core.services import custody, evidence

    exhibits = []
    for item in evidence.list_evidence(session, case):
        row = evidence_row(item)
        derived = evidence.derived_of(session, item)
        row["derived"] = None if derived is None else {k: getattr(derived, k) for k in DERIVED_KEYS}
        exhibits.append(row)
    events = [custody_row(e) for e in custody.list_custody(session, case)]
    return {"reference": case.reference, "exhibits": exhibits, "custody": events}
