"""Case: one investigation, usually of one suspect shipment, and its workflow."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.domain import bounds
from core.domain.auditing import BOOKKEEPING, Versioned
from core.domain.types import UTCDateTime, utcnow


class CaseStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    UNDER_REVIEW = "under_review"
    READY_FOR_HEARING = "ready_for_hearing"
    CLOSED = "closed"


class CasePriority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


#: The workflow: from each status, the statuses a case may move to.
TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.DRAFT: frozenset({CaseStatus.OPEN, CaseStatus.CLOSED}),
    CaseStatus.OPEN: frozenset({CaseStatus.UNDER_REVIEW, CaseStatus.CLOSED}),
    CaseStatus.UNDER_REVIEW: frozenset(
        {CaseStatus.OPEN, CaseStatus.READY_FOR_HEARING, CaseStatus.CLOSED}
    ),
    CaseStatus.READY_FOR_HEARING: frozenset({CaseStatus.UNDER_REVIEW, CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset({CaseStatus.OPEN}),
}


def reason_required(old: CaseStatus, new: CaseStatus) -> bool:
    """A move needs a written reason when it closes, reopens or sends a case back."""
    if new is CaseStatus.CLOSED or old is CaseStatus.CLOSED:
        return True
    order = list(CaseStatus)
    return order.index(new) < order.index(old)


REFERENCE_PATTERN = re.compile(r"^ZM-(\d{4})-(\d{6})$")


def format_reference(year: int, number: int) -> str:
    """``ZM-2026-000123``: the year the case was opened and a per-year counter."""
    return f"ZM-{year:04d}-{number:06d}"


class Case(Versioned, SQLModel, table=True):
    """An investigation file. ``closing_reason`` is set exactly when status is closed."""

    __tablename__ = "case_file"

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(sa_type=sa.String(20), unique=True, index=True)
    title: str = Field(sa_type=sa.String(500))
    jurisdiction: str = Field(sa_type=sa.String(2), index=True)
    status: str = Field(default=CaseStatus.DRAFT.value, sa_type=sa.String(20), index=True)
    closing_reason: str | None = Field(default=None, sa_type=sa.Text, sa_column_kwargs=bounds.TYPED)
    priority: str = Field(default=CasePriority.NORMAL.value, sa_type=sa.String(10))
    unit_id: int = Field(foreign_key="unit.id", index=True)
    assigned_inspector_id: int | None = Field(default=None, foreign_key="inspector.id", index=True)
    hearing_date: dt.date | None = Field(default=None)
    hearing_reference: str | None = Field(default=None, sa_type=sa.String(100))
    legal_deadline: dt.date | None = Field(default=None)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    version: int = Field(default=1)

    audit_entity: ClassVar[str] = "case"
    audit_exclude: ClassVar[frozenset[str]] = BOOKKEEPING
    audit_append_only: ClassVar[bool] = False

    def audit_case_id(self) -> int | None:
        return self.id

    def audit_label(self) -> str:
        return self.reference


class ReferenceCounter(SQLModel, table=True):
    """Last case number handed out per year; bookkeeping, not audited."""

    __tablename__ = "reference_counter"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last_value: int = Field(default=0)
