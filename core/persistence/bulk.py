"""Inserting many rows at once, for bulk paths (imports, classification of big cases).

Rows go in with one ``executemany`` of a plain ``INSERT`` in the caller's transaction,
bypassing the ORM and SQLAlchemy's per-row statement handling: no objects are kept, so
memory stays flat, and each value is converted once by its column type's own bind
processor (the conversion SQLAlchemy itself applies), so what is stored is exactly what
an ORM insert would store. Columns a row leaves out take the model's scalar default (or
NULL). Callers are responsible for the audit trail: these rows get no field events (see
``audit_hook.record_summary``), which is why only audit-silent tables and summarised
imports use this module.

Rows that others must point to get their ids first from :func:`reserve_ids`, so that
no ``RETURNING`` round trip is needed to learn them.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from core.domain.types import utcnow

#: Rows converted per round (bounded, so the driver's parameter list stays small): one
#: ``executemany`` on SQLite; statements of up to 1,000 rows each on PostgreSQL.
BATCH = 5000
_PG_PARAMETERS = 65_535  # PostgreSQL's limit on one statement's parameters


def _defaults(table: sa.Table) -> dict[str, Any]:
    now = utcnow()
    found: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if column.primary_key:
            found[column.name] = None
        elif column.name in ("created_at", "updated_at"):
            found[column.name] = now
        elif isinstance(default, sa.ColumnDefault) and default.is_scalar:
            found[column.name] = default.arg
        else:
            found[column.name] = None
    return found


def _processors(
    table: sa.Table, names: Sequence[str], dialect: sa.Dialect
) -> list[Callable[[Any], Any] | None]:
    return [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]


def insert_rows(session: Session, model: Any, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (column name -> Python value) into ``model``'s table.

    Either every row carries its ``id`` (from :func:`reserve_ids`) or none does, and the
    database assigns them. Raises what the driver raises (a constraint violated, the store lost);
    the caller's unit of work then rolls everything back.
    """
    if not rows:
        return
    table: sa.Table = model.__table__
    defaults = _defaults(table)
    with_ids = "id" in rows[0]
    names = [name for name in defaults if with_ids or name != "id"]
    connection = session.connection()
    dialect = connection.dialect
    processors = dict(zip(names, _processors(table, names, dialect), strict=True))
    # Defaults are converted once, not once per row that leaves them out; a row's own
    # values go through their column's processor (most columns have none).
    fixed = {name: _bound(processors[name], defaults[name]) for name in names}
    converting = [(name, p) for name, p in processors.items() if p is not None]
    pick = operator.itemgetter(*names)
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quoted = ", ".join(dialect.identifier_preparer.quote(name) for name in names)
    # Names come from the model's metadata, quoted by the dialect; values are parameters.
    into = f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({quoted}) VALUES "  # noqa: S608
    one_row = f"({', '.join([mark] * len(names))})"
    statement = into + one_row
    # PostgreSQL: many rows per statement, so the server's statement triggers (its record
    # of the rows, the same-case check) and row security's look-ups run once per batch,
    # not once per row as the driver's executemany would make them.
    per_statement = (
        max(1, min(1000, _PG_PARAMETERS // len(names))) if dialect.name == "postgresql" else 0
    )
    for start in range(0, len(rows), BATCH):
        parameters = []
        for row in rows[start : start + BATCH]:
            values = {**fixed, **row}
            for name, convert in converting:
                if name in row:
                    values[name] = _bound(convert, row[name])
            picked = pick(values)
            parameters.append(picked if len(names) > 1 else (picked,))
        if not per_statement:
            connection.exec_driver_sql(statement, parameters)
            continue
        for first in range(0, len(parameters), per_statement):
            group = parameters[first : first + per_statement]
            many = (
                statement.rsplit(" VALUES ", 1)[0] + " VALUES " + ", ".join([one_row] * len(group))
            )
            connection.exec_driver_sql(many, tuple(v for values in group for v in values))


def _bound(convert: Callable[[Any], Any] | None, value: Any) -> Any:
    return value if convert is None or value is None else convert(value)


def reserve_ids(session: Session, model: Any, count: int) -> list[int]:
    """``count`` new ids for rows of ``model``'s table, to be inserted in this transaction.

    PostgreSQL hands them out from the table's sequence, so concurrent writers never get
    the same one. SQLite takes ids above the largest in use: safe because a write
    transaction there holds the database's write lock from its start (``BEGIN
    IMMEDIATE``), so no other writer can insert until this one ends; the caller inserts
    the reserved rows before it reserves again (a second call before then, on SQLite,
    hands out the same ids).
    """
    if count <= 0:
        return []
    table: sa.Table = model.__table__
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        sequence = sa.func.pg_get_serial_sequence(table.name, "id")
        reserved = connection.execute(
            sa.select(sa.func.nextval(sequence)).select_from(sa.func.generate_series(1, count))
        )
        return sorted(int(i) for i in reserved.scalars())
    highest = connection.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))).scalar()
    return list(range(int(highest or 0) + 1, int(highest or 0) + 1 + count))


def insert_if_absent(session: Session, model: Any, values: Mapping[str, Any]) -> bool:
    """Insert one row unless a row with the same key is there already; true if inserted.

    For content-addressed rows (keyed by a hash), which any number of workstations may
    insert at the same moment: ``INSERT ... ON CONFLICT DO NOTHING`` on SQLite and
    PostgreSQL, so the second writer neither fails nor overwrites. The caller then reads
    the row back and checks that what is there is what it meant to store. Missing
    columns take the model's defaults, as with :func:`insert_rows`.
    """
    table: sa.Table = model.__table__
    connection = session.connection()
    defaults = {k: v for k, v in _defaults(table).items() if k in values or v is not None}
    row = {**defaults, **values}
    insert: Any
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    result = connection.execute(insert(table).values(row).on_conflict_do_nothing())
    return bool(result.rowcount)
