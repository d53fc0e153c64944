"""CaseExport: every case file that left the desk, with the hashes that identify it."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.domain.auditing import BOOKKEEPING
from core.domain.types import UTCDateTime, utcnow


class CaseExport(SQLModel, table=True):
    """One export (PDF, workbook and/or hearing bundle). Append-only, audited."""

    __tablename__ = "case_export"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor: str = Field(sa_type=sa.String(300))
    language: str = Field(sa_type=sa.String(5))
    pdf_sha256: str | None = Field(default=None, sa_type=sa.String(64))
    xlsx_sha256: str | None = Field(default=None, sa_type=sa.String(64))
    manifest_sha256: str | None = Field(default=None, sa_type=sa.String(64))
    files: str = Field(default="", sa_type=sa.Text)  # where each output was written, one per line

    audit_entity: ClassVar[str] = "export"
    audit_exclude: ClassVar[frozenset[str]] = BOOKKEEPING | {"case_id", "at"}
    audit_append_only: ClassVar[bool] = True

    def audit_case_id(self) -> int | None:
        return self.case_id

    def audit_label(self) -> str:
        return f"export {self.id}"
