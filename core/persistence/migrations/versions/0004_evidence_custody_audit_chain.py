"""Evidence, custody, integrity checks and the audit hash chain.

Existing audit events are chained in id order, so an upgraded store verifies.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('mime_type', sa.String(length=100), nullable=False),
    sa.Column('storage', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sha256')
    )
    op.create_table('blob_chunk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('upload_id', sa.String(length=32), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('blob_chunk', schema=None) as batch_op:
        batch_op.create_index('ix_blob_chunk_sha_seq', ['sha256', 'seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_blob_chunk_upload_id'), ['upload_id'], unique=False)

    op.create_table('blob_derived',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('taken_at', sa.String(length=40), nullable=True),
    sa.Column('gps_lat', sa.Float(), nullable=True),
    sa.Column('gps_lon', sa.Float(), nullable=True),
    sa.Column('camera', sa.String(length=200), nullable=True),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('page_count', sa.Integer(), nullable=True),
    sa.Column('thumbnail_png', sa.LargeBinary(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sha256')
    )
    op.create_table('evidence_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('exhibit_no', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('original_name', sa.String(length=300), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('mime_type', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=300), nullable=True),
    sa.Column('obtained_date', sa.Date(), nullable=True),
    sa.Column('obtained_by', sa.String(length=300), nullable=True),
    sa.Column('logged_by', sa.String(length=300), nullable=False),
    sa.Column('logged_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('withdrawn_reason', sa.Text(), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_by', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], ),
    sa.ForeignKeyConstraint(['sha256'], ['blob.sha256'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('case_id', 'exhibit_no', name='uq_evidence_exhibit')
    )
    with op.batch_alter_table('evidence_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_item_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_item_sha256'), ['sha256'], unique=False)

    op.create_table('integrity_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=300), nullable=False),
    sa.Column('ok', sa.Boolean(), nullable=False),
    sa.Column('checked', sa.Integer(), nullable=False),
    sa.Column('failures', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('integrity_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_integrity_check_case_id'), ['case_id'], unique=False)

    op.create_table('custody_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('evidence_id', sa.Integer(), nullable=True),
    sa.Column('vehicle_id', sa.Integer(), nullable=True),
    sa.Column('item', sa.String(length=300), nullable=False),
    sa.Column('from_party', sa.String(length=300), nullable=False),
    sa.Column('to_party', sa.String(length=300), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('purpose', sa.Text(), nullable=True),
    sa.Column('seal_number', sa.String(length=100), nullable=True),
    sa.Column('recorded_by', sa.String(length=300), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], ),
    sa.ForeignKeyConstraint(['evidence_id'], ['evidence_item.id'], ),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicle.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('custody_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_custody_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_custody_event_case_id'), ['case_id'], unique=False)

    op.create_table('evidence_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('evidence_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('shipment_id', sa.Integer(), nullable=True),
    sa.Column('vehicle_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], ),
    sa.ForeignKeyConstraint(['evidence_id'], ['evidence_item.id'], ),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipment.id'], ),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicle.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('evidence_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_link_evidence_id'), ['evidence_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_link_vehicle_id'), ['vehicle_id'], unique=False)

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('prev_hash', sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column('hash', sa.String(length=64), nullable=False, server_default="")
        )
    _chain_existing_events()



# A frozen copy of the chain hash as of this revision (core.persistence.audit_chain).
_GENESIS = "0" * 64
_CONTENT = (
    "at", "actor", "operation", "case_id", "entity", "entity_id", "entity_label", "action",
    "field", "old_value", "new_value", "reason",
)  # fmt: skip


def _hash(prev: str, row: dict[str, object]) -> str:
    content = {k: row.get(k) for k in _CONTENT}
    at = row["at"]
    assert isinstance(at, dt.datetime)
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    content["at"] = at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev + text).encode("utf-8")).hexdigest()


def _chain_existing_events() -> None:
    conn = op.get_bind()
    events = sa.table(
        "audit_event",
        sa.column("id", sa.Integer),
        sa.column("at", sa.DateTime(timezone=True)),
        *[sa.column(name) for name in _CONTENT if name != "at"],
        sa.column("prev_hash"),
        sa.column("hash"),
    )
    prev, count = _GENESIS, 0
    rows = conn.execute(sa.select(events).order_by(events.c.id)).mappings().all()
    for row in rows:
        digest = _hash(prev, dict(row))
        conn.execute(
            sa.update(events).where(events.c.id == row["id"]).values(prev_hash=prev, hash=digest)
        )
        prev, count = digest, count + 1
    head = sa.table("audit_head", sa.column("id"), sa.column("count"), sa.column("last_hash"))
    conn.execute(sa.insert(head).values(id=1, count=count, last_hash=prev))


def downgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')

    with op.batch_alter_table('evidence_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_link_vehicle_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_link_evidence_id'))

    op.drop_table('evidence_link')
    with op.batch_alter_table('custody_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_custody_event_case_id'))
        batch_op.drop_index(batch_op.f('ix_custody_event_at'))

    op.drop_table('custody_event')
    with op.batch_alter_table('integrity_check', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_integrity_check_case_id'))

    op.drop_table('integrity_check')
    with op.batch_alter_table('evidence_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_item_sha256'))
        batch_op.drop_index(batch_op.f('ix_evidence_item_case_id'))

    op.drop_table('evidence_item')
    op.drop_table('blob_derived')
    with op.batch_alter_table('blob_chunk', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_blob_chunk_upload_id'))
        batch_op.drop_index('ix_blob_chunk_sha_seq')

    op.drop_table('blob_chunk')
    op.drop_table('blob')
    op.drop_table('audit_head')
