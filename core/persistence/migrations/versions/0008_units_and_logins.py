"""Units and logins: every case belongs to a unit, every person may have the login the
store knows them by. Cases of an older store move into the default unit ``MAIN``.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401
from alembic import op


revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None

DEFAULT_UNIT_CODE = "MAIN"  # core.domain.unit.DEFAULT_UNIT_CODE at this revision


def upgrade() -> None:
    unit = op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_code"), ["code"], unique=True)
    now = dt.datetime.now(dt.UTC)
    op.bulk_insert(
        unit,
        [
            {
                "id": 1,
                "code": DEFAULT_UNIT_CODE,
                "name": "Main unit",
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
        ],
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SELECT setval(pg_get_serial_sequence('unit', 'id'), 1)")

    op.create_table(
        "unit_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inspector_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["inspector_id"],
            ["inspector.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("inspector_id", "unit_id"),
    )
    with op.batch_alter_table("unit_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unit_member_inspector_id"), ["inspector_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_unit_member_unit_id"), ["unit_id"], unique=False)

    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_id", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.alter_column("unit_id", server_default=None)
        batch_op.create_index(batch_op.f("ix_case_file_unit_id"), ["unit_id"], unique=False)
        batch_op.create_foreign_key("fk_case_file_unit_id_unit", "unit", ["unit_id"], ["id"])

    with op.batch_alter_table("inspector", schema=None) as batch_op:
        batch_op.add_column(sa.Column("login", sa.String(length=63), nullable=True))
        batch_op.create_index(batch_op.f("ix_inspector_login"), ["login"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("inspector", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inspector_login"))
        batch_op.drop_column("login")
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_constraint("fk_case_file_unit_id_unit", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_case_file_unit_id"))
        batch_op.drop_column("unit_id")
    op.drop_table("unit_member")
    op.drop_table("unit")
