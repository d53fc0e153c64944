"""Findings, classification runs and the rule packs they cite.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "rule_pack",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pack_id", sa.String(length=50), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("content_hash"),
        sa.UniqueConstraint("pack_id", "version", name="uq_rule_pack_version"),
    )
    with op.batch_alter_table("rule_pack", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rule_pack_pack_id"), ["pack_id"], unique=False)

    op.create_table(
        "classification_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("packs", sa.Text(), nullable=False),
        sa.Column("engine_version", sa.String(length=20), nullable=False),
        sa.Column("reference_hash", sa.String(length=64), nullable=False),
        sa.Column("vehicles", sa.Integer(), nullable=False),
        sa.Column("findings_added", sa.Integer(), nullable=False),
        sa.Column("findings_superseded", sa.Integer(), nullable=False),
        sa.Column("vehicles_unchanged", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("classification_run", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_classification_run_case_id"), ["case_id"], unique=False
        )

    op.create_table(
        "finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("rule_id", sa.String(length=50), nullable=False),
        sa.Column("pack_id", sa.String(length=50), nullable=False),
        sa.Column("pack_version", sa.String(length=20), nullable=False),
        sa.Column("pack_hash", sa.String(length=64), nullable=False),
        sa.Column("engine_version", sa.String(length=20), nullable=False),
        sa.Column("reference_hash", sa.String(length=64), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("title_ru", sa.Text(), nullable=False),
        sa.Column("explanation_en", sa.Text(), nullable=False),
        sa.Column("explanation_ru", sa.Text(), nullable=False),
        sa.Column("missing_facts", sa.Text(), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("citation", sa.Text(), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("evaluated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("superseded_by_run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["classification_run.id"],
        ),
        sa.ForeignKeyConstraint(
            ["superseded_by_run_id"],
            ["classification_run.id"],
        ),
        sa.ForeignKeyConstraint(
            ["vehicle_id"],
            ["vehicle.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_finding_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_finding_run_id"), ["run_id"], unique=False)
        batch_op.create_index(
            "ix_finding_vehicle_active", ["vehicle_id", "superseded_at"], unique=False
        )



def downgrade() -> None:
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.drop_index("ix_finding_vehicle_active")
        batch_op.drop_index(batch_op.f("ix_finding_run_id"))
        batch_op.drop_index(batch_op.f("ix_finding_case_id"))

    op.drop_table("finding")
    with op.batch_alter_table("classification_run", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_classification_run_case_id"))

    op.drop_table("classification_run")
    with op.batch_alter_table("rule_pack", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rule_pack_pack_id"))

    op.drop_table("rule_pack")
