"""The domain model: one module per aggregate.

Importing this package registers every table on ``SQLModel.metadata``, which
Alembic compares against the migrations.
"""

from __future__ import annotations

from core.domain.audit import AuditAction, AuditEvent, AuditHead
from core.domain.case import Case, CasePriority, CaseStatus, ReferenceCounter
from core.domain.declaration_import import DeclarationImport
from core.domain.evidence import (
    Blob,
    BlobChunk,
    BlobDerived,
    CustodyEvent,
    EvidenceItem,
    EvidenceLink,
    EvidenceStatus,
    IntegrityCheck,
)
from core.domain.export import CaseExport
from core.domain.finding import ClassificationRun, Finding, RulePackRecord, VehicleAssessment
from core.domain.inspector import Inspector, InspectorRole
from core.domain.note import Note
from core.domain.party import Party, PartyKind, PartyRole, PartyRoleKind
from core.domain.review import CaseReview, ReviewAction
from core.domain.shipment import Shipment
from core.domain.unit import DEFAULT_UNIT_CODE, Unit, UnitMember
from core.domain.vehicle import ConformityDoc, DeclaredCondition, FuelType, Vehicle

__all__ = [
    "DEFAULT_UNIT_CODE",
    "AuditAction",
    "AuditEvent",
    "AuditHead",
    "Blob",
    "BlobChunk",
    "BlobDerived",
    "Case",
    "CaseExport",
    "CasePriority",
    "CaseReview",
    "CaseStatus",
    "ClassificationRun",
    "ConformityDoc",
    "CustodyEvent",
    "DeclarationImport",
    "DeclaredCondition",
    "EvidenceItem",
    "EvidenceLink",
    "EvidenceStatus",
    "Finding",
    "FuelType",
    "Inspector",
    "InspectorRole",
    "IntegrityCheck",
    "Note",
    "Party",
    "PartyKind",
    "PartyRole",
    "PartyRoleKind",
    "ReferenceCounter",
    "ReviewAction",
    "RulePackRecord",
    "Shipment",
    "Unit",
    "UnitMember",
    "Vehicle",
    "VehicleAssessment",
]
