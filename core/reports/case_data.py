"""Everything a case file shows, gathered once as plain data for the PDF, XLSX and bundle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from core import __version__
from core.domain.case import Case
from core.domain.evidence import EvidenceItem
from core.domain.finding import Finding
from core.evidence.blobs import BlobStore
from core.persistence.store import ZeroMileSession
from core.services import custody, evidence, integrity, views
from core.services.findings import active_findings
from core.services.staleness import StaleVehicle

IMAGE_LIMIT = 25 * 1024 * 1024


@dataclass
class Exhibit:
    row: dict[str, Any]
    item: EvidenceItem
    image: bytes | None = None  # the content, for image exhibits small enough to embed
    #: An image exhibit too large to read into the case file: printed as a placeholder.
    image_too_big: bool = False

    @property
    def is_image(self) -> bool:
        """An image exhibit the case file draws, or shows a placeholder for."""
        return self.image is not None or self.image_too_big


@dataclass
class CaseReport:
    case: dict[str, Any]
    generated_at: dt.datetime
    app_version: str
    shipments: list[dict[str, Any]]
    vehicles: list[dict[str, Any]]
    parties: list[dict[str, Any]]
    notes: list[dict[str, Any]]
    exhibits: list[Exhibit]
    custody: list[dict[str, Any]]
    audit: list[dict[str, Any]]
    checks: dict[str, dict[str, Any]]
    packs: list[dict[str, str]] = field(default_factory=list)
    #: VINs whose findings are out of date (an ``allow_stale`` export): a draft that says so.
    #: Each of those vehicles' ``findings_out_of_date`` holds its reason codes; every other
    #: vehicle's is empty, so the outputs agree with this list.
    stale: list[str] = field(default_factory=list)
    #: The declaration files imported into the case, each with its validation report
    #: (``views.case_detail``'s ``imports``).
    imports: list[dict[str, Any]] = field(default_factory=list)

    @property
    def draft(self) -> bool:
        """Every page says DRAFT until the case is ready for a hearing (or closed after one),
        and whenever a finding is out of date."""
        return bool(self.stale) or self.case["status"] not in ("ready_for_hearing", "closed")

    def findings(self) -> list[dict[str, Any]]:
        """Every active finding that fired, data-quality ones included, with its VIN."""
        return [f | {"vin": v["vin"]} for v in self.vehicles for f in v["findings"]]

    def out_of_date(self) -> list[dict[str, Any]]:
        """The vehicles whose findings are out of date, in vehicle order."""
        return [v for v in self.vehicles if v["findings_out_of_date"]]

    def source_file(self, sha256: str) -> str | None:
        """The name of the imported file (or exhibit) with this content hash, if known."""
        for record in self.imports:
            if record["sha256"] == sha256:
                return str(record["file"])
        for exhibit in self.exhibits:
            if exhibit.row["sha256"] == sha256:
                return str(exhibit.row["original_name"])
        return None

    def exhibit_number(self, evidence_id: int | None) -> int | None:
        """The exhibit number of an evidence item of this case, if it is one."""
        for exhibit in self.exhibits:
            if evidence_id is not None and exhibit.row["id"] == evidence_id:
                return int(exhibit.row["exhibit"])
        return None


def is_data_quality(finding: dict[str, Any]) -> bool:
    """A data-quality finding (``DQ-*``): a doubt about a fact, never an accusation."""
    return str(finding["rule"]).startswith("DQ-")


def _check_row(check: Any) -> dict[str, Any]:
    return {
        "at": check.at,
        "ok": check.ok,
        "checked": check.checked,
        "failures": check.failures,
        "actor": check.actor,
    }


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
        if images and is_image and item.size <= IMAGE_LIMIT:
            image = b"".join(blobs.chunks(session, item.sha256))
        row = views.evidence_row(item)
        row["derived"] = evidence.derived_of(session, item)
        too_big = images and is_image and item.size > IMAGE_LIMIT
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
    )
