"""A declaration file imported into a case, with its validation report.

The record points to the file's exhibit, so what was wrong in the source (each bad
cell: row, column, raw value, reason) is part of the case record, not only of the
import's console output.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.domain.auditing import BOOKKEEPING
from core.domain.types import UTCDateTime, utcnow


class DeclarationImport(SQLModel, table=True):
    """One import of one file: its hash, its exhibit, its counts and its validation report."""

    __tablename__ = "declaration_import"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    evidence_id: int | None = Field(default=None, foreign_key="evidence_item.id")
    sha256: str = Field(sa_type=sa.String(64), index=True)
    file_name: str = Field(sa_type=sa.String(300))
    imported_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    rows: int = 0
    vehicles_added: int = 0
    rows_already_imported: int = 0
    rows_without_vin: int = 0
    bad_cells: int = 0
    #: JSON: {"cells": [{row, column, value, message}], "warnings": [...]}
    report: str = Field(default="", sa_type=sa.Text)

    audit_entity: ClassVar[str] = "declaration_import"
    audit_exclude: ClassVar[frozenset[str]] = BOOKKEEPING | {"case_id"}
    audit_append_only: ClassVar[bool] = True
    #: Recorded by the import's summary event, not field by field.
    audit_silent: ClassVar[bool] = True

    def audit_case_id(self) -> int | None:
        return self.case_id

    def audit_label(self) -> str:
        return f"import of {self.file_name}"
