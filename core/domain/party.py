"""Party: a company or person (any script), reused across cases, and its roles."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.domain.auditing import BOOKKEEPING, Versioned
from core.domain.types import PartyKind, UTCDateTime, utcnow

__all__ = ["Party", "PartyKind", "PartyRole", "PartyRoleKind"]


class PartyRoleKind(StrEnum):
    EXPORTER = "exporter"
    REGISTERED_OWNER = "registered_owner"
    IMPORTER = "importer"
    DECLARANT = "declarant"
    CARRIER = "carrier"
    MANUFACTURER = "manufacturer"
    DEALER = "dealer"


class Party(Versioned, SQLModel, table=True):
    """A legal entity or individual. One row per real-world party, shared by cases.

    ``name_key`` is the name trimmed and case-folded, so the same exporter typed
    twice is found again; names themselves are kept exactly as written.
    """

    __tablename__ = "party"
    __table_args__ = (sa.UniqueConstraint("name_key", "country", name="uq_party_name_country"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=sa.String(300))
    name_key: str = Field(sa_type=sa.String(300), index=True)
    kind: str = Field(default=PartyKind.LEGAL_ENTITY.value, sa_type=sa.String(20))
    country: str | None = Field(default=None, sa_type=sa.String(2))
    identifier: str | None = Field(default=None, sa_type=sa.String(100))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    version: int = Field(default=1)

    audit_entity: ClassVar[str] = "party"
    audit_exclude: ClassVar[frozenset[str]] = BOOKKEEPING | {"name_key"}
    audit_append_only: ClassVar[bool] = False

    def audit_case_id(self) -> int | None:
        return None

    def audit_label(self) -> str:
        return self.name


class PartyRole(SQLModel, table=True):
    """A party's role in a case, optionally narrowed to a shipment or vehicle."""

    __tablename__ = "party_role"
    __table_args__ = (
        sa.UniqueConstraint(
            "party_id", "case_id", "shipment_id", "vehicle_id", "role", name="uq_party_role"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    party_id: int = Field(foreign_key="party.id", index=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    shipment_id: int | None = Field(default=None, foreign_key="shipment.id")
    vehicle_id: int | None = Field(default=None, foreign_key="vehicle.id")
    role: str = Field(sa_type=sa.String(20))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    audit_entity: ClassVar[str] = "party_role"
    audit_exclude: ClassVar[frozenset[str]] = BOOKKEEPING
    audit_append_only: ClassVar[bool] = True

    def audit_case_id(self) -> int | None:
        return self.case_id

    def audit_label(self) -> str:
        return f"{self.role} #{self.party_id}"
