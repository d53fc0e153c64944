"""Gathering a case file: everything it shows, read once from the store as plain data.

The writers of :mod:`core.reports` take the :class:`~core.reports.case_data.CaseReport`
this returns and never read the store themselves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from core import __version__
from core.domain.case import Case
from core.domain.finding import Finding
from core.evidence.blobs import BlobStore
from core.persistence.store import ZeroMileSession
from core.reports import case_data
from core.reports.case_data import CaseReport, Exhibit
from core.services import custody, evidence, integrity, review, views
from core.services.findings import active_findings
from core.services.staleness import StaleVehicle


def _check_row(check: Any) -> dict[str, Any]:
    return {
        "at": check.at,
        "ok": check.ok,
        "checked": check.checked,
        "failures": check.failures,
        "actor": check.actor,
    }


def review_summary(session: ZeroMileSession, case: Case) -> dict[str, Any]:
    """The review as the case file shows it: who prepared (requested the review that was
    approved, or the latest request), who approved and when, the content hash; a voided
    approval with when and by what change."""
    state = review.review_state(session, case)
    summary: dict[str, Any] = {
        "state": state.state,
        "single_workstation": state.single_workstation,
        "prepared_by": None,
        "approved_by": None,
        "approved_at": None,
        "comment": None,
        "content_hash": None,
        "acknowledged": [],
        "voided_at": None,
        "voided_changes": None,
        #: False when an approval in force no longer matches the case (changed outside
        #: the program, which would have voided it); None when there is none to compare.
        "intact": state.intact if state.state == "approved" else None,
    }
    approvals = [i for i, s in enumerate(state.steps) if s.action == "approved"]
    upto = approvals[-1] if approvals else len(state.steps)
    requests = [s for s in state.steps[:upto] if s.action == "requested"]
    if requests:
        summary["prepared_by"] = requests[-1].person
    if approvals:
        approval = state.steps[approvals[-1]]
        summary |= {
            "approved_by": approval.person,
            "approved_at": approval.at,
            "comment": approval.comment,
            "content_hash": approval.content_hash,
            "acknowledged": approval.acknowledged,
        }
        voids = [s for s in state.steps[approvals[-1] :] if s.action == "voided"]
        if voids:
            summary["voided_at"] = voids[0].at
            summary["voided_changes"] = (voids[0].comment or "").replace("\n", "; ")
    return summary


def collect(
    session: ZeroMileSession,
    blobs: BlobStore,
    case: Case,
    *,
    now: dt.datetime,
    stale: Sequence[StaleVehicle] = (),
    images: bool = True,
) -> CaseReport:
    """Read the case, its records, active findings, exhibits and last integrity checks.

    ``stale`` are the vehicles whose findings are out of date (the caller checked).
    ``images``: read the content of image exhibits (only the PDF draws them)."""
    # The caller's check decides which findings are out of date: one answer for the
    # banner, the summary and each vehicle, whatever the store says a moment later.
    detail = views.case_detail(session, case, stale=stale)  # with the active findings
    found: dict[int, list[Finding]] = active_findings(session, case)
    packs: dict[str, dict[str, str]] = {}  # every pack an active finding cites
    for items in found.values():
        for f in items:
            packs[f.pack_hash] = {"id": f.pack_id, "version": f.pack_version, "sha256": f.pack_hash}
    exhibits = []
    for item in evidence.list_evidence(session, case):
        image = None
        is_image = item.mime_type.startswith("image/")
        if images and is_image and item.size <= case_data.IMAGE_LIMIT:
            image = b"".join(blobs.chunks(session, item.sha256))
        row = views.evidence_row(item)
        row["derived"] = evidence.derived_of(session, item)
        too_big = images and is_image and item.size > case_data.IMAGE_LIMIT
        exhibits.append(Exhibit(row, item, image, image_too_big=too_big))
    inspector = detail["assigned_inspector"]
    detail["inspector_label"] = (
        f"{inspector['name']} ({inspector['badge_number']})" if inspector else None
    )
    return CaseReport(
        case=detail,
        generated_at=now,
        app_version=__version__,
        shipments=detail["shipments"],
        vehicles=detail["vehicles"],
        parties=detail["parties"],
        notes=detail["notes"],
        exhibits=exhibits,
        custody=[views.custody_row(e) for e in custody.list_custody(session, case)],
        audit=views.audit_rows(session, case),
        checks={k: _check_row(v) for k, v in integrity.last_checks(session, case.id).items()},
        packs=sorted(packs.values(), key=lambda p: (p["id"], p["version"])),
        stale=[v.vin for v in stale],
        imports=detail.get("imports", []),
        review=review_summary(session, case),
    )
