"""Unit: a border post or regional office. Every case belongs to one, every person to
one or more; on the shared store the database shows people only their units' cases."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.domain.auditing import BOOKKEEPING, Versioned
from core.domain.types import UTCDateTime, utcnow

#: The unit that holds every case of a store made before units existed, and the cases
#: of a single-workstation store whose inspector belongs to no unit.
DEFAULT_UNIT_CODE = "MAIN"


class Unit(Versioned, SQLModel, table=True):
    """A unit, known by a short unique code (e.g. ``KZ-KHORGOS``)."""

    __tablename__ = "unit"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(sa_type=sa.String(20), unique=True, index=True)
    name: str = Field(sa_type=sa.String(200))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    version: int = Field(default=1)

    audit_entity: ClassVar[str] = "unit"
    audit_exclude: ClassVar[frozenset[str]] = BOOKKEEPING
    audit_append_only: ClassVar[bool] = False

    def audit_case_id(self) -> int | None:
        return None

    def audit_label(self) -> str:
        return self.code


class UnitMember(SQLModel, table=True):
    """A person's membership of a unit; the audit trail keeps when it was given."""

    __tablename__ = "unit_member"
    __table_args__ = (sa.UniqueConstraint("inspector_id", "unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    inspector_id: int = Field(foreign_key="inspector.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    audit_entity: ClassVar[str] = "unit_member"
    audit_exclude: ClassVar[frozenset[str]] = frozenset({"id", "created_at"})
    audit_append_only: ClassVar[bool] = False

    def audit_case_id(self) -> int | None:
        return None

    def audit_label(self) -> str:
        return f"inspector {self.inspector_id} in unit {self.unit_id}"
