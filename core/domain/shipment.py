"""Shipment: one consignment (declaration, truck, wagon or vessel) within a case."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.domain.auditing import BOOKKEEPING, Versioned
from core.domain.types import UTCDateTime, utcnow


class Shipment(Versioned, SQLModel, table=True):
    """A consignment of vehicles under one customs declaration."""

    __tablename__ = "shipment"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    declaration_no: str | None = Field(default=None, sa_type=sa.String(100), index=True)
    shipment_ref: str | None = Field(default=None, sa_type=sa.String(100))
    border_post: str | None = Field(default=None, sa_type=sa.String(200))
    origin_hub: str | None = Field(default=None, sa_type=sa.String(200))
    carrier: str | None = Field(default=None, sa_type=sa.String(300))
    transport_id: str | None = Field(default=None, sa_type=sa.String(100))
    departure_date: dt.date | None = Field(default=None)
    arrival_date: dt.date | None = Field(default=None)
    declaration_date: dt.date | None = Field(default=None)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    version: int = Field(default=1)

    audit_entity: ClassVar[str] = "shipment"
    audit_exclude: ClassVar[frozenset[str]] = BOOKKEEPING | {"case_id"}
    audit_append_only: ClassVar[bool] = False

    def audit_case_id(self) -> int | None:
        return self.case_id

    def audit_label(self) -> str:
        return self.declaration_no or self.shipment_ref or f"shipment {self.id}"
