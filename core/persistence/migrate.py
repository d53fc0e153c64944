"""Schema migrations with Alembic, run by the program itself.

The store records its schema revision in ``zeromile_schema_version`` (not
``alembic_version``, so a PostgreSQL database shared with other software is
not confused). Opening an older store upgrades it — after a backup copy for
SQLite — and a store whose revision this program does not know is refused as
newer. On PostgreSQL an advisory lock serialises workstations that upgrade at
the same moment. Production code never calls ``create_all``.
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy.engine import Connection

from core.errors import StoreError
from core.persistence import pg_security
from core.persistence.store import VERSION_TABLE, Store

__all__ = ["VERSION_TABLE", "bring_up_to_date", "head_revision", "require_current"]
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Any constant works; it only has to be the same for every ZeroMile process.
_PG_MIGRATION_LOCK = 0x5A4D_0001


@dataclass(frozen=True)
class UpgradeOutcome:
    upgraded_from: str | None
    backup_path: Path | None


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    cfg.attributes["version_table"] = VERSION_TABLE
    return cfg


@functools.cache
def _scripts() -> ScriptDirectory:
    """The shipped migrations, read once per process (every store opening consults them)."""
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(conn: Connection) -> str | None:
    context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def _known(revision: str) -> bool:
    try:
        return _scripts().get_revision(revision) is not None
    except CommandError:
        return False


def _inspect(conn: Connection, store: Store) -> str | None:
    """The store's revision; refuse foreign databases and newer stores."""
    revision = current_revision(conn)
    if revision is None:
        tables = set(sa.inspect(conn).get_table_names())
        if tables:
            raise StoreError(
                f"{store.display_url} holds other data and is not a ZeroMile store; left unchanged"
            )
        return None
    if not _known(revision):
        raise StoreError(
            f"store {store.display_url} was made by a newer ZeroMile (schema {revision}); "
            "install the newer version to open it"
        )
    return revision


def require_current(store: Store) -> None:
    """Refuse a store that is not at this program's schema revision."""
    with store.engine.connect() as conn:
        revision = _inspect(conn, store)
    if revision != head_revision():
        raise StoreError(f"store {store.display_url} needs an upgrade; run 'zeromile init'")


def backup_sqlite(path: Path, revision: str) -> Path:
    """Copy a SQLite store (consistently, WAL included) before upgrading it."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.before-upgrade-{revision}-{stamp}.bak")
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(target)
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(
            f"cannot back up {path} before upgrading it ({exc}); the store was not upgraded"
        ) from exc
    return target


def bring_up_to_date(store: Store) -> UpgradeOutcome:
    """Create or upgrade the store's schema to this program's head revision."""
    head = head_revision()
    with store.engine.connect() as conn:
        revision = _inspect(conn, store)
        current_security = (
            revision != head
            or store.backend != "postgresql"
            or pg_security.installed_version(conn) >= pg_security.SECURITY_VERSION
        )
    if revision == head and current_security:
        return UpgradeOutcome(upgraded_from=None, backup_path=None)
    backup: Path | None = None
    if revision is not None and store.backend == "sqlite" and store.url.database:
        backup = backup_sqlite(Path(store.url.database), revision)
    try:
        with store.engine.execution_options(zeromile_write=True).begin() as conn:
            if store.backend == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
                # Another workstation may have upgraded while we waited for the lock.
                revision = _inspect(conn, store)
            command.upgrade(alembic_config(conn), "head")
            if store.backend == "postgresql":
                pg_security.install(conn)
    except sa.exc.DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":  # insufficient privilege
            raise
        raise StoreError(
            f"store {store.display_url} needs an upgrade to schema {head}, which only the "
            "database administrator can make ('zeromile init' with their login); nothing "
            "was changed"
        ) from exc
    return UpgradeOutcome(upgraded_from=revision if revision != head else None, backup_path=backup)


def autogenerate(message: str, *, rev_id: str) -> None:
    """Developers: write a new revision from the difference between models and head.

    Usage: ``python -m core.persistence.migrate "message" REV_ID``. It builds a
    scratch SQLite store at head, so no real store is touched.
    """
    import tempfile

    from core.persistence.store import create_engine_for

    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine_for(sa.engine.URL.create("sqlite", database=f"{tmp}/scratch.db"))
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
            command.revision(
                alembic_config(conn), message=message, autogenerate=True, rev_id=rev_id
            )
        engine.dispose()


if __name__ == "__main__":
    import sys

    autogenerate(sys.argv[1], rev_id=sys.argv[2])
