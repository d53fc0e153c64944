"""Alembic environment: runs on the connection handed over by ``core.persistence.migrate``."""

from __future__ import annotations

import sqlmodel.sql.sqltypes  # noqa: F401  (revisions refer to AutoString)
from alembic import context
from sqlmodel import SQLModel

import core.domain  # noqa: F401  (registers every table on the metadata)
from core.domain.types import UTCDateTime


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Revisions freeze plain SQLAlchemy types, never ZeroMile's Python types."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("ZeroMile migrations run through core.persistence.migrate only")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    version_table=config.attributes.get("version_table", "zeromile_schema_version"),
    render_as_batch=True,
    compare_type=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
