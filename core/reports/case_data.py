"""Everything a case file shows, as plain data for the PDF, XLSX and bundle.

:func:`core.services.case_file.collect` gathers it from the store; the writers here only
read it, so nothing in ``core.reports`` reads the store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from core.domain.evidence import EvidenceItem

#: Image exhibits larger than this are not read into the case file: they print as a
#: placeholder.
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
    #: The four-eyes review (``core.services.case_file.review_summary``): ``state``
    #: (none, requested, approved, returned, voided), ``prepared_by``, ``approved_by``,
    #: ``approved_at``, ``comment``, ``content_hash``, ``acknowledged``, ``voided_at``,
    #: ``voided_changes``, ``single_workstation``, ``intact`` (False: the case changed
    #: since the approval in force without voiding it). People are labels (name and badge).
    review: dict[str, Any] = field(default_factory=lambda: {"state": "none"})

    @property
    def draft(self) -> bool:
        """Every page says DRAFT until the case is ready for a hearing (or closed after one),
        whenever a finding is out of date, and when the case no longer matches its approval."""
        return (
            bool(self.stale)
            or self.case["status"] not in ("ready_for_hearing", "closed")
            or self.review.get("intact") is False
        )

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
