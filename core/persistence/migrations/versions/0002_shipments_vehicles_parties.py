"""Shipments, vehicles, parties and their roles in cases.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("identifier", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name_key", "country", name="uq_party_name_country"),
    )
    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_party_name_key"), ["name_key"], unique=False)

    op.create_table(
        "shipment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("declaration_no", sa.String(length=100), nullable=True),
        sa.Column("shipment_ref", sa.String(length=100), nullable=True),
        sa.Column("border_post", sa.String(length=200), nullable=True),
        sa.Column("origin_hub", sa.String(length=200), nullable=True),
        sa.Column("carrier", sa.String(length=300), nullable=True),
        sa.Column("transport_id", sa.String(length=100), nullable=True),
        sa.Column("departure_date", sa.Date(), nullable=True),
        sa.Column("arrival_date", sa.Date(), nullable=True),
        sa.Column("declaration_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("shipment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shipment_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_shipment_declaration_no"), ["declaration_no"], unique=False
        )

    op.create_table(
        "vehicle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("shipment_id", sa.Integer(), nullable=True),
        sa.Column("declaration_no", sa.String(length=100), nullable=True),
        sa.Column("vin", sa.String(length=40), nullable=False),
        sa.Column("vin_declared", sa.String(length=80), nullable=False),
        sa.Column("make", sa.String(length=100), nullable=True),
        sa.Column("model", sa.String(length=100), nullable=True),
        sa.Column("model_year", sa.Integer(), nullable=True),
        sa.Column("fuel_type", sa.String(length=10), nullable=True),
        sa.Column("engine_cc", sa.Integer(), nullable=True),
        sa.Column("power_hp", sa.Numeric(precision=8, scale=1), nullable=True),
        sa.Column("production_date", sa.Date(), nullable=True),
        sa.Column("first_registration_date", sa.Date(), nullable=True),
        sa.Column("export_deregistration_date", sa.Date(), nullable=True),
        sa.Column("export_licence_date", sa.Date(), nullable=True),
        sa.Column("export_declaration_date", sa.Date(), nullable=True),
        sa.Column("import_declaration_date", sa.Date(), nullable=True),
        sa.Column("odometer_km", sa.Numeric(precision=10, scale=1), nullable=True),
        sa.Column("declared_condition", sa.String(length=10), nullable=True),
        sa.Column("declared_value", sa.Numeric(precision=16, scale=2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("reference_price", sa.Numeric(precision=16, scale=2), nullable=True),
        sa.Column("registered_owner", sa.String(length=300), nullable=True),
        sa.Column("registered_owner_type", sa.String(length=20), nullable=True),
        sa.Column("exporter", sa.String(length=300), nullable=True),
        sa.Column("importer", sa.String(length=300), nullable=True),
        sa.Column("declarant", sa.String(length=300), nullable=True),
        sa.Column("importer_type", sa.String(length=20), nullable=True),
        sa.Column("destination_country", sa.String(length=2), nullable=True),
        sa.Column("border_post", sa.String(length=200), nullable=True),
        sa.Column("manufacturer_letter", sa.Boolean(), nullable=True),
        sa.Column("manufacturer_letter_issuer", sa.String(length=300), nullable=True),
        sa.Column("conformity_doc", sa.String(length=10), nullable=True),
        sa.Column("conformity_holder", sa.String(length=300), nullable=True),
        sa.Column("preferential_fee_claimed", sa.Boolean(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
        ),
        sa.ForeignKeyConstraint(
            ["shipment_id"],
            ["shipment.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("vehicle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vehicle_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vehicle_shipment_id"), ["shipment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vehicle_vin"), ["vin"], unique=False)

    op.create_table(
        "party_role",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("shipment_id", sa.Integer(), nullable=True),
        sa.Column("vehicle_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
        ),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["party.id"],
        ),
        sa.ForeignKeyConstraint(
            ["shipment_id"],
            ["shipment.id"],
        ),
        sa.ForeignKeyConstraint(
            ["vehicle_id"],
            ["vehicle.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "party_id",
            "case_id",
            "shipment_id",
            "vehicle_id",
            "role",
            name="uq_party_role",
        ),
    )
    with op.batch_alter_table("party_role", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_party_role_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_party_role_party_id"), ["party_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("party_role", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_party_role_case_id"))
        batch_op.drop_index(batch_op.f("ix_party_role_party_id"))
    op.drop_table("party_role")
    with op.batch_alter_table("vehicle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vehicle_case_id"))
        batch_op.drop_index(batch_op.f("ix_vehicle_shipment_id"))
        batch_op.drop_index(batch_op.f("ix_vehicle_vin"))
    op.drop_table("vehicle")
    with op.batch_alter_table("shipment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shipment_case_id"))
        batch_op.drop_index(batch_op.f("ix_shipment_declaration_no"))
    op.drop_table("shipment")
    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_party_name_key"))
    op.drop_table("party")
