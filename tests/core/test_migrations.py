"""Alembic migrations: every store upgrades from the first revision, models match them."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

import core.domain  # noqa: F401  (registers the tables)
from core.persistence import migrate
from core.persistence.store import create_engine_for, open_store, resolve_url

FIRST = "0001"


def _upgrade_to(db: str, revision: str) -> None:
    engine = create_engine_for(resolve_url(db))
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), revision)
    engine.dispose()


def test_a_store_made_by_the_first_revision_upgrades_and_keeps_its_data(
    empty_db_url: str,
) -> None:
    _upgrade_to(empty_db_url, FIRST)
    engine = create_engine_for(resolve_url(empty_db_url))
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO case_file (reference, title, jurisdiction, status, priority, "
                "created_at, updated_at, version) VALUES ('ZM-2025-000042', 'Старое дело 旧案', "
                "'KZ', 'open', 'normal', :t, :t, 3)"
            ),
            {"t": "2025-05-01 10:00:00"},
        )
    engine.dispose()

    store = open_store(empty_db_url)
    try:
        assert store.upgraded_from == FIRST
        with store.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            row = conn.execute(
                sa.text("SELECT title, version FROM case_file WHERE reference = 'ZM-2025-000042'")
            ).one()
            assert tuple(row) == ("Старое дело 旧案", 3)
            assert "vehicle" in sa.inspect(conn).get_table_names()
        if store.backend == "sqlite":
            assert store.backup_path is not None and store.backup_path.exists()
            assert f"before-upgrade-{FIRST}" in store.backup_path.name
            backup = create_engine_for(resolve_url(str(store.backup_path)))
            with backup.connect() as conn:
                assert migrate.current_revision(conn) == FIRST
            backup.dispose()
        else:
            assert store.backup_path is None
    finally:
        store.close()


def test_opening_a_current_store_changes_nothing(db_url: str) -> None:
    store = open_store(db_url)
    try:
        assert store.upgraded_from is None
        assert store.backup_path is None
    finally:
        store.close()


def test_models_and_migrations_agree(db_url: str) -> None:
    """A model change without a migration fails here, before it reaches a user."""
    engine = create_engine_for(resolve_url(db_url))
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "version_table": migrate.VERSION_TABLE}
        )
        diff = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert diff == []


def test_every_revision_downgrades_and_upgrades_again(empty_db_url: str) -> None:
    _upgrade_to(empty_db_url, "head")
    engine = create_engine_for(resolve_url(empty_db_url))
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "base")
    with engine.connect() as conn:
        assert set(sa.inspect(conn).get_table_names()) <= {migrate.VERSION_TABLE}
    engine.dispose()
    _upgrade_to(empty_db_url, "head")


def test_migrations_ship_with_the_code() -> None:
    versions = Path(migrate.MIGRATIONS_DIR) / "versions"
    numbers = sorted(p.name[:4] for p in versions.glob("*.py"))
    assert numbers == [f"{n:04d}" for n in range(1, len(numbers) + 1)]
    assert migrate.head_revision() == numbers[-1]
