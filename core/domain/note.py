"""Note: the case diary, append-only like an officer's notebook."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.domain import bounds
from core.domain.auditing import BOOKKEEPING
from core.domain.types import UTCDateTime, utcnow


class Note(SQLModel, table=True):
    """One diary entry. Never edited or deleted; a correction is a new entry."""

    __tablename__ = "note"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    author: str = Field(sa_type=sa.String(300))
    text: str = Field(sa_type=sa.Text, sa_column_kwargs=bounds.TYPED)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    audit_entity: ClassVar[str] = "note"
    audit_exclude: ClassVar[frozenset[str]] = BOOKKEEPING | {"case_id"}
    audit_append_only: ClassVar[bool] = True

    def audit_case_id(self) -> int | None:
        return self.case_id

    def audit_label(self) -> str:
        return f"note {self.id}"
