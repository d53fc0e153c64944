"""Inspector: a person who uses the case desk (reader, inspector, supervisor,
administrator), known to the store by their login."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.domain.auditing import BOOKKEEPING, Versioned
from core.domain.types import UTCDateTime, utcnow


class InspectorRole(StrEnum):
    READER = "reader"
    INSPECTOR = "inspector"
    SUPERVISOR = "supervisor"
    ADMINISTRATOR = "administrator"


class Inspector(Versioned, SQLModel, table=True):
    """A person, identified by a unique badge number and, once they have one, by the
    login the store knows them by (a PostgreSQL login role, or the operating-system
    login on a single-workstation store). The audit trail records that login; the
    name and badge shown for it come from here."""

    __tablename__ = "inspector"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=sa.String(200))
    badge_number: str = Field(sa_type=sa.String(50), unique=True, index=True)
    login: str | None = Field(default=None, sa_type=sa.String(63), unique=True, index=True)
    role: str = Field(default=InspectorRole.INSPECTOR.value, sa_type=sa.String(20))
    active: bool = Field(default=True)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    version: int = Field(default=1)

    audit_entity: ClassVar[str] = "inspector"
    audit_exclude: ClassVar[frozenset[str]] = BOOKKEEPING
    audit_append_only: ClassVar[bool] = False

    def audit_case_id(self) -> int | None:
        return None

    def audit_label(self) -> str:
        return f"{self.name} ({self.badge_number})"
