"""AuditEvent: one field-level change, written in the same transaction as the change."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.domain import bounds
from core.domain.types import UTCDateTime, utcnow


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    #: One event for a whole bulk import (its file, hash and counts), not one per cell.
    IMPORT = "import"
    #: The shared store's own records of every row changed, written by the server
    #: (``core.persistence.pg_security``), old and new values as JSON.
    DB_INSERT = "db_insert"
    DB_UPDATE = "db_update"
    DB_DELETE = "db_delete"


#: The actions only the server writes.
SERVER_ACTIONS = frozenset({AuditAction.DB_INSERT, AuditAction.DB_UPDATE, AuditAction.DB_DELETE})


class AuditEvent(SQLModel, table=True):
    """Who changed which field of which entity, when (UTC), from what to what, and why.

    ``operation`` groups the events of one user action (one transaction), as the client
    names it. ``xact`` is the server's own transaction id (PostgreSQL; set by the server,
    never the client), which pairs the server's row records with the program's events.
    ``hash`` chains each event to the one before (see ``core.persistence.audit_chain``).
    Values are rendered as text (see ``core.domain.types.render_value``);
    ``None`` means the value was unknown or absent.
    """

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor: str = Field(sa_type=sa.String(300))
    operation: str = Field(sa_type=sa.String(32), index=True)
    xact: int | None = Field(default=None, sa_type=sa.BigInteger, index=True)
    case_id: int | None = Field(default=None, foreign_key="case_file.id", index=True)
    entity: str = Field(sa_type=sa.String(30))
    entity_id: int | None = Field(default=None)
    entity_label: str | None = Field(default=None, sa_type=sa.String(300))
    action: str = Field(sa_type=sa.String(10))
    field: str | None = Field(default=None, sa_type=sa.String(60))
    old_value: str | None = Field(default=None, sa_type=sa.Text)
    new_value: str | None = Field(default=None, sa_type=sa.Text)
    reason: str | None = Field(default=None, sa_type=sa.Text, sa_column_kwargs=bounds.TYPED)
    prev_hash: str = Field(default="", sa_type=sa.String(64))
    hash: str = Field(default="", sa_type=sa.String(64))


class AuditHead(SQLModel, table=True):
    """The end of the audit hash chain: how many events, and the last hash.

    Catches a deleted last event, which the chain alone cannot show.
    """

    __tablename__ = "audit_head"

    id: int = Field(default=1, primary_key=True, sa_column_kwargs={"autoincrement": False})
    count: int = 0
    last_hash: str = Field(sa_type=sa.String(64))
