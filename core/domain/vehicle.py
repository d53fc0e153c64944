"""Vehicle: one declared car with every column of the declaration spreadsheet.

Values are the declared facts, kept as declared (text trimmed, VIN normalised
with the raw form kept in ``vin_declared``, even when malformed). ``None`` means
unknown. ``declared_text`` keeps the text of cells that could not be read, were
ambiguous or corrected (``core.domain.declared_text``); an imported vehicle names
its source file and row (``source_sha256``, ``source_row``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.domain.auditing import BOOKKEEPING, Versioned
from core.domain.types import UTCDateTime, utcnow


class FuelType(StrEnum):
    PETROL = "petrol"
    DIESEL = "diesel"
    HYBRID = "hybrid"
    PHEV = "phev"
    EV = "ev"


class DeclaredCondition(StrEnum):
    NEW = "new"
    USED = "used"


class ConformityDoc(StrEnum):
    OTTS = "OTTS"
    SBKTS = "SBKTS"
    EU = "EU"
    GCC = "GCC"
    SASO = "SASO"
    FMVSS = "FMVSS"
    NONE = "none"


_MONEY = sa.Numeric(16, 2)


class Vehicle(Versioned, SQLModel, table=True):
    """A vehicle of a shipment, as declared."""

    __tablename__ = "vehicle"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    shipment_id: int | None = Field(default=None, foreign_key="shipment.id", index=True)

    declaration_no: str | None = Field(default=None, sa_type=sa.String(100))
    vin: str = Field(sa_type=sa.String(80), index=True)
    vin_declared: str = Field(sa_type=sa.String(80))
    make: str | None = Field(default=None, sa_type=sa.String(100))
    model: str | None = Field(default=None, sa_type=sa.String(100))
    model_year: int | None = Field(default=None)
    fuel_type: str | None = Field(default=None, sa_type=sa.String(10))
    engine_cc: int | None = Field(default=None)
    power_hp: Decimal | None = Field(default=None, sa_type=sa.Numeric(8, 1))
    production_date: dt.date | None = Field(default=None)
    first_registration_date: dt.date | None = Field(default=None)
    export_deregistration_date: dt.date | None = Field(default=None)
    export_licence_date: dt.date | None = Field(default=None)
    export_declaration_date: dt.date | None = Field(default=None)
    import_declaration_date: dt.date | None = Field(default=None)
    # Three decimals: "1,234" is read as 1.234 km and must be stored as read.
    odometer_km: Decimal | None = Field(default=None, sa_type=sa.Numeric(12, 3))
    declared_condition: str | None = Field(default=None, sa_type=sa.String(10))
    declared_value: Decimal | None = Field(default=None, sa_type=_MONEY)
    currency: str | None = Field(default=None, sa_type=sa.String(3))
    reference_price: Decimal | None = Field(default=None, sa_type=_MONEY)
    registered_owner: str | None = Field(default=None, sa_type=sa.String(300))
    registered_owner_type: str | None = Field(default=None, sa_type=sa.String(20))
    exporter: str | None = Field(default=None, sa_type=sa.String(300))
    importer: str | None = Field(default=None, sa_type=sa.String(300))
    declarant: str | None = Field(default=None, sa_type=sa.String(300))
    importer_type: str | None = Field(default=None, sa_type=sa.String(20))
    destination_country: str | None = Field(default=None, sa_type=sa.String(2))
    border_post: str | None = Field(default=None, sa_type=sa.String(200))
    manufacturer_letter: bool | None = Field(default=None)
    manufacturer_letter_issuer: str | None = Field(default=None, sa_type=sa.String(300))
    conformity_doc: str | None = Field(default=None, sa_type=sa.String(10))
    conformity_holder: str | None = Field(default=None, sa_type=sa.String(300))
    preferential_fee_claimed: bool | None = Field(default=None)
    declared_text: str = Field(default="", sa_type=sa.Text)
    source_sha256: str | None = Field(default=None, sa_type=sa.String(64))
    source_row: int | None = Field(default=None)

    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    version: int = Field(default=1)

    audit_entity: ClassVar[str] = "vehicle"
    audit_exclude: ClassVar[frozenset[str]] = BOOKKEEPING | {"case_id"}
    audit_append_only: ClassVar[bool] = False

    def audit_case_id(self) -> int | None:
        return self.case_id

    def audit_label(self) -> str:
        return self.vin
