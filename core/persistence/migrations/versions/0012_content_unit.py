"""The units whose exhibits may read a content's bytes on the shared store (the server
writes this table; see ``pg_security``). The units of existing exhibits of content kept
in the database keep reading it; an exhibit of content not stored yet gets nothing.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        'content_unit',
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('unit_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint('sha256', 'unit_id'),
    )
    op.execute(
        "INSERT INTO content_unit (sha256, unit_id) SELECT DISTINCT e.sha256, c.unit_id "
        "FROM evidence_item e JOIN case_file c ON c.id = e.case_id "
        "WHERE EXISTS (SELECT 1 FROM blob_chunk ch WHERE ch.sha256 = e.sha256)"
    )


def downgrade() -> None:
    op.drop_table('content_unit')
