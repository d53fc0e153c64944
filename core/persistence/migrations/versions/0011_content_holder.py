"""Who has shown the shared store that they hold a content: an exhibit may name content
only its login holds (the server writes this table; see ``pg_security``).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        'content_holder',
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('login', sa.String(length=63), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('sha256', 'login'),
    )


def downgrade() -> None:
    op.drop_table('content_holder')
