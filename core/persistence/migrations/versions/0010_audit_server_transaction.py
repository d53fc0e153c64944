"""The server's transaction id on every audit event (PostgreSQL sets it; SQLite leaves it
empty), so the server's records of changed rows pair with the program's own events by
what the server saw, not by an operation id the client chose.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('xact', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_event_xact'), ['xact'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_xact'))
        batch_op.drop_column('xact')
