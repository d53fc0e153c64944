"""Catalogue 1.1: vehicles as declared (texts kept, source row), findings that know
what they were computed from, and the validation report of every import.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table('vehicle', schema=None) as batch_op:
        batch_op.alter_column('vin', existing_type=sa.String(length=40),
                              type_=sa.String(length=80), existing_nullable=False)
        batch_op.alter_column('odometer_km', existing_type=sa.Numeric(precision=10, scale=1),
                              type_=sa.Numeric(precision=12, scale=3), existing_nullable=True)
        batch_op.add_column(sa.Column('declared_text', sa.Text(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('source_sha256', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('source_row', sa.Integer(), nullable=True))
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('version_date_basis', sa.String(length=20), nullable=False,
                                      server_default=''))
    op.create_table('vehicle_assessment',
    sa.Column('vehicle_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('vehicle_version', sa.Integer(), nullable=False),
    sa.Column('jurisdiction', sa.String(length=2), nullable=False),
    sa.Column('pack_ids', sa.Text(), nullable=False),
    sa.Column('version_date', sa.Date(), nullable=False),
    sa.Column('packs_sig', sa.String(length=64), nullable=False),
    sa.Column('reference_sig', sa.String(length=64), nullable=False),
    sa.Column('engine_version', sa.String(length=20), nullable=False),
    sa.Column('duplicates_sig', sa.String(length=64), nullable=False),
    sa.Column('group_sig', sa.String(length=64), nullable=False),
    sa.Column('assessed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], ),
    sa.ForeignKeyConstraint(['run_id'], ['classification_run.id'], ),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicle.id'], ),
    sa.PrimaryKeyConstraint('vehicle_id')
    )
    with op.batch_alter_table('vehicle_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vehicle_assessment_case_id'), ['case_id'],
                              unique=False)
    op.create_table('declaration_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('evidence_id', sa.Integer(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('vehicles_added', sa.Integer(), nullable=False),
    sa.Column('rows_already_imported', sa.Integer(), nullable=False),
    sa.Column('rows_without_vin', sa.Integer(), nullable=False),
    sa.Column('bad_cells', sa.Integer(), nullable=False),
    sa.Column('report', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], ),
    sa.ForeignKeyConstraint(['evidence_id'], ['evidence_item.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('declaration_import', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_declaration_import_case_id'), ['case_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_declaration_import_sha256'), ['sha256'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('declaration_import', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_declaration_import_sha256'))
        batch_op.drop_index(batch_op.f('ix_declaration_import_case_id'))
    op.drop_table('declaration_import')
    with op.batch_alter_table('vehicle_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vehicle_assessment_case_id'))
    op.drop_table('vehicle_assessment')
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.drop_column('version_date_basis')
        batch_op.drop_column('version_date')
    with op.batch_alter_table('vehicle', schema=None) as batch_op:
        batch_op.drop_column('source_row')
        batch_op.drop_column('source_sha256')
        batch_op.drop_column('declared_text')
        batch_op.alter_column('odometer_km', existing_type=sa.Numeric(precision=12, scale=3),
                              type_=sa.Numeric(precision=10, scale=1), existing_nullable=True)
        batch_op.alter_column('vin', existing_type=sa.String(length=80),
                              type_=sa.String(length=40), existing_nullable=False)
