"""The four-eyes review: one append-only row per step of a case's review (requested,
approved, returned, voided), with the login, the time, the comment, the content hash of
the case and the acknowledged unconfirmed-basis findings.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "case_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("acknowledged", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_review_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_review_case_id"))
    op.drop_table("case_review")
