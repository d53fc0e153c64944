"""Evidence: immutable content-addressed blobs, the items that cite them, custody, integrity.

A blob is stored once per SHA-256 and never changes. An evidence item says what
the blob is for a case (exhibit number, original name, kind, how it was
obtained); it can be withdrawn with a reason, never deleted. Custody events
and integrity checks are append-only.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.domain import bounds
from core.domain.auditing import BOOKKEEPING, Versioned
from core.domain.types import UTCDateTime, utcnow


class EvidenceStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"


class Blob(SQLModel, table=True):
    """One stored content, by hash. ``storage`` says where its bytes are."""

    __tablename__ = "blob"

    sha256: str = Field(sa_type=sa.String(64), primary_key=True)
    size: int = Field(sa_type=sa.BigInteger)
    mime_type: str = Field(sa_type=sa.String(100))
    storage: str = Field(sa_type=sa.String(20))  # "file" or "database"
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class BlobChunk(SQLModel, table=True):
    """Bytes of a blob kept in the database (PostgreSQL stores), in order."""

    __tablename__ = "blob_chunk"
    __table_args__ = (sa.Index("ix_blob_chunk_sha_seq", "sha256", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    upload_id: str = Field(sa_type=sa.String(32), index=True)
    sha256: str | None = Field(default=None, sa_type=sa.String(64))
    seq: int
    data: bytes = Field(sa_type=sa.LargeBinary)


class ContentHolder(SQLModel, table=True):
    """A login that has shown the server it holds content ``sha256`` (shared store only).

    Written by the server alone, when the login uploaded the bytes: up to 256 MiB the
    server hashed them, and any size matched the copy already stored. An exhibit may name
    content kept in the database only if its login holds it, so knowing an exhibit's
    SHA-256 from a case file does not let someone of another unit read its bytes. No
    workstation role reads or writes it."""

    __tablename__ = "content_holder"

    sha256: str = Field(sa_type=sa.String(64), primary_key=True)
    login: str = Field(sa_type=sa.String(63), primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ContentUnit(SQLModel, table=True):
    """A unit whose case has an exhibit of content ``sha256`` kept in the database, named
    by a login that held it (shared store only; written by the server; on upgrading, the
    units of exhibits of content already in the database). Only the persons of such a
    unit (and administrators) read the bytes: an exhibit named before the content reached
    the database, by someone who never held it, reads nothing."""

    __tablename__ = "content_unit"

    sha256: str = Field(sa_type=sa.String(64), primary_key=True)
    unit_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})


class BlobDerived(SQLModel, table=True):
    """Cached facts read from a blob (not evidence): EXIF, GPS, camera, pages, thumbnail."""

    __tablename__ = "blob_derived"

    sha256: str = Field(sa_type=sa.String(64), primary_key=True)
    taken_at: str | None = Field(default=None, sa_type=sa.String(40))
    gps_lat: float | None = None
    gps_lon: float | None = None
    camera: str | None = Field(default=None, sa_type=sa.String(200))
    width: int | None = None
    height: int | None = None
    page_count: int | None = None
    thumbnail_png: bytes | None = Field(default=None, sa_type=sa.LargeBinary)
    error: str | None = Field(default=None, sa_type=sa.Text)
    computed_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class EvidenceItem(Versioned, SQLModel, table=True):
    """An exhibit of a case: which blob, what it is, how and when it was obtained."""

    __tablename__ = "evidence_item"
    __table_args__ = (sa.UniqueConstraint("case_id", "exhibit_no", name="uq_evidence_exhibit"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    exhibit_no: int
    sha256: str = Field(foreign_key="blob.sha256", sa_type=sa.String(64), index=True)
    original_name: str = Field(sa_type=sa.String(300))
    size: int = Field(sa_type=sa.BigInteger)
    mime_type: str = Field(sa_type=sa.String(100))
    kind: str | None = Field(default=None, sa_type=sa.String(60))
    description: str | None = Field(default=None, sa_type=sa.Text, sa_column_kwargs=bounds.TYPED)
    source: str | None = Field(default=None, sa_type=sa.String(300))
    obtained_date: dt.date | None = None
    obtained_by: str | None = Field(default=None, sa_type=sa.String(300))
    logged_by: str = Field(sa_type=sa.String(300))
    logged_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    status: str = Field(default=EvidenceStatus.ACTIVE.value, sa_type=sa.String(20))
    withdrawn_reason: str | None = Field(
        default=None, sa_type=sa.Text, sa_column_kwargs=bounds.TYPED
    )
    withdrawn_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    withdrawn_by: str | None = Field(default=None, sa_type=sa.String(300))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    version: int = Field(default=1)

    audit_entity: ClassVar[str] = "evidence"
    audit_exclude: ClassVar[frozenset[str]] = BOOKKEEPING | {"case_id", "logged_at"}
    audit_append_only: ClassVar[bool] = False

    def audit_case_id(self) -> int | None:
        return self.case_id

    def audit_label(self) -> str:
        return f"exhibit {self.exhibit_no}: {self.original_name}"


class EvidenceLink(SQLModel, table=True):
    """An evidence item concerns a shipment or a vehicle of its case."""

    __tablename__ = "evidence_link"

    id: int | None = Field(default=None, primary_key=True)
    evidence_id: int = Field(foreign_key="evidence_item.id", index=True)
    case_id: int = Field(foreign_key="case_file.id")
    shipment_id: int | None = Field(default=None, foreign_key="shipment.id")
    vehicle_id: int | None = Field(default=None, foreign_key="vehicle.id", index=True)

    audit_entity: ClassVar[str] = "evidence_link"
    audit_exclude: ClassVar[frozenset[str]] = BOOKKEEPING | {"case_id"}
    audit_append_only: ClassVar[bool] = True

    def audit_case_id(self) -> int | None:
        return self.case_id

    def audit_label(self) -> str:
        return f"evidence {self.evidence_id}"


class CustodyEvent(SQLModel, table=True):
    """A hand-over of a physical item or a file: from whom, to whom, when, where, why, seal."""

    __tablename__ = "custody_event"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    evidence_id: int | None = Field(default=None, foreign_key="evidence_item.id")
    vehicle_id: int | None = Field(default=None, foreign_key="vehicle.id")
    item: str = Field(sa_type=sa.String(300))
    from_party: str = Field(sa_type=sa.String(300))
    to_party: str = Field(sa_type=sa.String(300))
    at: dt.datetime = Field(sa_type=UTCDateTime, index=True)
    place: str | None = Field(default=None, sa_type=sa.String(300))
    purpose: str | None = Field(default=None, sa_type=sa.Text, sa_column_kwargs=bounds.TYPED)
    seal_number: str | None = Field(default=None, sa_type=sa.String(100))
    recorded_by: str = Field(sa_type=sa.String(300))
    recorded_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    audit_entity: ClassVar[str] = "custody"
    audit_exclude: ClassVar[frozenset[str]] = BOOKKEEPING | {"case_id", "recorded_at"}
    audit_append_only: ClassVar[bool] = True

    def audit_case_id(self) -> int | None:
        return self.case_id

    def audit_label(self) -> str:
        return self.item


class IntegrityCheck(SQLModel, table=True):
    """A permanent record of one verification of evidence or of the audit chain."""

    __tablename__ = "integrity_check"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="case_file.id", index=True)
    kind: str = Field(sa_type=sa.String(20))  # "evidence" or "audit"
    at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor: str = Field(sa_type=sa.String(300))
    ok: bool
    checked: int
    failures: str = Field(default="", sa_type=sa.Text)  # one failure per line

    audit_entity: ClassVar[str] = "integrity"
    audit_exclude: ClassVar[frozenset[str]] = BOOKKEEPING | {"case_id", "at"}
    audit_append_only: ClassVar[bool] = True

    def audit_case_id(self) -> int | None:
        return self.case_id

    def audit_label(self) -> str:
        return f"{self.kind} check: {'passed' if self.ok else 'FAILED'}"
