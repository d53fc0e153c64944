"""Findings, the classification runs that produce them, and the rule packs they cite.

A finding is immutable: it records the rule, the exact pack (id, version and
content hash), the engine version and the explanation at the time of
evaluation. Re-classifying marks it superseded (once) and adds new ones, so
the history stays readable.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.domain.auditing import BOOKKEEPING
from core.domain.types import UTCDateTime, utcnow


class RulePackRecord(SQLModel, table=True):
    """The exact text of every pack version loaded or used, by content hash."""

    __tablename__ = "rule_pack"
    __table_args__ = (sa.UniqueConstraint("pack_id", "version", name="uq_rule_pack_version"),)

    id: int | None = Field(default=None, primary_key=True)
    pack_id: str = Field(sa_type=sa.String(50), index=True)
    version: str = Field(sa_type=sa.String(20))
    content_hash: str = Field(sa_type=sa.String(64), unique=True)
    content: str = Field(sa_type=sa.Text)
    valid_from: dt.date
    origin: str = Field(sa_type=sa.String(20))  # "builtin" or "administrator"
    loaded_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    audit_entity: ClassVar[str] = "rule_pack"
    audit_exclude: ClassVar[frozenset[str]] = BOOKKEEPING | {"content"}
    audit_append_only: ClassVar[bool] = True

    def audit_case_id(self) -> int | None:
        return None

    def audit_label(self) -> str:
        return f"{self.pack_id} {self.version}"


class ClassificationRun(SQLModel, table=True):
    """One application of rule packs to a case's vehicles."""

    __tablename__ = "classification_run"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    started_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    packs: str = Field(sa_type=sa.Text)  # "id version hash" per line
    engine_version: str = Field(sa_type=sa.String(20))
    reference_hash: str = Field(sa_type=sa.String(64))
    vehicles: int = 0
    findings_added: int = 0
    findings_superseded: int = 0
    vehicles_unchanged: int = 0

    audit_entity: ClassVar[str] = "classification"
    audit_exclude: ClassVar[frozenset[str]] = BOOKKEEPING | {"case_id"}
    audit_append_only: ClassVar[bool] = True

    def audit_case_id(self) -> int | None:
        return self.case_id

    def audit_label(self) -> str:
        return f"run {self.id}"


class Finding(SQLModel, table=True):
    """One rule that fired on one vehicle, or could not be evaluated for missing facts."""

    __tablename__ = "finding"
    __table_args__ = (sa.Index("ix_finding_vehicle_active", "vehicle_id", "superseded_at"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    vehicle_id: int = Field(foreign_key="vehicle.id")
    run_id: int = Field(foreign_key="classification_run.id", index=True)
    status: str = Field(sa_type=sa.String(20))  # "fired" or "not_evaluable"
    rule_id: str = Field(sa_type=sa.String(50))
    pack_id: str = Field(sa_type=sa.String(50))
    pack_version: str = Field(sa_type=sa.String(20))
    pack_hash: str = Field(sa_type=sa.String(64))
    engine_version: str = Field(sa_type=sa.String(20))
    reference_hash: str = Field(sa_type=sa.String(64))
    severity: str = Field(sa_type=sa.String(10))
    title_en: str = Field(sa_type=sa.Text)
    title_ru: str = Field(sa_type=sa.Text)
    explanation_en: str = Field(default="", sa_type=sa.Text)
    explanation_ru: str = Field(default="", sa_type=sa.Text)
    missing_facts: str = Field(
        default="", sa_type=sa.Text
    )  # one fact (or a|b alternatives) per line
    basis: str = Field(sa_type=sa.Text)
    basis_ru: str = Field(default="", sa_type=sa.Text)
    citation: str = Field(sa_type=sa.Text)
    confirmed: bool
    #: The date that chose the pack version (rules.md): the import date, or the day of
    #: evaluation when the import date is unknown (``version_date_basis`` says which).
    version_date: dt.date | None = Field(default=None)
    version_date_basis: str = Field(default="", sa_type=sa.String(20))
    fingerprint: str = Field(sa_type=sa.String(64))
    evaluated_at: dt.datetime = Field(sa_type=UTCDateTime)
    superseded_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    superseded_by_run_id: int | None = Field(default=None, foreign_key="classification_run.id")

    audit_entity: ClassVar[str] = "finding"
    audit_exclude: ClassVar[frozenset[str]] = frozenset()
    audit_append_only: ClassVar[bool] = True
    #: Recorded by its classification run's events, not field by field.
    audit_silent: ClassVar[bool] = True
    #: The only columns that may change after insert, once, from empty.
    write_once: ClassVar[frozenset[str]] = frozenset({"superseded_at", "superseded_by_run_id"})

    def audit_case_id(self) -> int | None:
        return self.case_id

    def audit_label(self) -> str:
        return f"{self.rule_id} on vehicle {self.vehicle_id}"


class VehicleAssessment(SQLModel, table=True):
    """What a vehicle's current findings were computed from (rules.md, "current").

    One row per classified vehicle, replaced by each run. The findings are current
    while every signature still matches what the store holds now
    (``core.services.staleness``); bookkeeping of the run, not audited field by field.
    """

    __tablename__ = "vehicle_assessment"

    vehicle_id: int = Field(foreign_key="vehicle.id", primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    run_id: int = Field(foreign_key="classification_run.id")
    vehicle_version: int
    jurisdiction: str = Field(default="", sa_type=sa.String(2))
    pack_ids: str = Field(default="", sa_type=sa.Text)  # chosen packs; "" = all that apply
    version_date: dt.date
    packs_sig: str = Field(sa_type=sa.String(64))
    reference_sig: str = Field(sa_type=sa.String(64))
    engine_version: str = Field(sa_type=sa.String(20))
    duplicates_sig: str = Field(sa_type=sa.String(64))
    group_sig: str = Field(sa_type=sa.String(64))
    assessed_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
