"""Column types and small value helpers shared by every aggregate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect


def utcnow() -> dt.datetime:
    """The current time as a timezone-aware UTC datetime."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(sa.types.TypeDecorator[dt.datetime]):
    """A timestamp that is always stored and returned as timezone-aware UTC.

    SQLite keeps no time zone; PostgreSQL uses ``timestamptz``. Naive values are
    refused rather than guessed.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; ZeroMile stores UTC timestamps only")
        value = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class PartyKind(StrEnum):
    """Whether a party is a company or a natural person."""

    LEGAL_ENTITY = "legal_entity"
    INDIVIDUAL = "individual"


def render_value(value: object) -> str | None:
    """Render a field value as text for the audit trail and the command line.

    Dates use ISO 8601, decimals are written without exponent or trailing
    zeros (``12.0`` and ``12`` are the same reading), booleans read
    ``yes``/``no``. ``None`` stays ``None`` (an unknown value).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, StrEnum):
        return value.value
    return str(value)
