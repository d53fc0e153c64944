"""Opening the case store: an embedded SQLite file or a shared PostgreSQL database.

``open_store`` is the only way in. It refuses a file that is not a SQLite
database without writing a byte to it, sets SQLite up for a desktop (WAL,
foreign keys, busy timeout, ``BEGIN IMMEDIATE`` for writes), and brings the
schema up to date through Alembic (see ``core.persistence.migrate``).
"""

from __future__ import annotations

import functools
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session

from core import settings
from core.errors import StoreError, UserFacingError

SQLITE_HEADER = b"SQLite format 3\x00"
VERSION_TABLE = "zeromile_schema_version"
_WRITE_OPTION = "zeromile_write"


#: ``session.info`` keys starting with this hold per-transaction caches; they are
#: dropped when the transaction ends, so a rolled-back row is never served again.
TRANSACTION_CACHE_PREFIX = "cache."


class ZeroMileSession(Session):
    """The session class every store hands out; the audit hook listens on it."""


def _drop_transaction_caches(session: Session, *_: object) -> None:
    for key in [k for k in session.info if str(k).startswith(TRANSACTION_CACHE_PREFIX)]:
        del session.info[key]


event.listen(ZeroMileSession, "after_commit", _drop_transaction_caches)
event.listen(ZeroMileSession, "after_soft_rollback", _drop_transaction_caches)


@dataclass
class Store:
    """An open case store. Thread-safe to share; sessions are not."""

    url: URL
    engine: Engine
    upgraded_from: str | None = None
    backup_path: Path | None = None
    #: Part files of killed evidence ingests that opening the store removed.
    swept_parts: list[Path] = field(default_factory=list)
    #: Scratch folders of killed runs (exports, imports) that opening the store removed.
    swept_scratch: list[Path] = field(default_factory=list)

    @property
    def backend(self) -> str:
        return self.url.get_backend_name()

    @property
    def display_url(self) -> str:
        """The URL with any password hidden, for messages."""
        return display_url(self.url)

    @functools.cached_property
    def login(self) -> str:
        """The login the audit trail records for changes made through this store: the
        server's ``session_user`` on PostgreSQL, the operating-system login on SQLite."""
        if self.backend == "sqlite":
            from core.identity import os_login

            return os_login()
        with self.engine.connect() as conn:
            return str(conn.execute(sa.text("SELECT session_user")).scalar_one())

    def read_session(self) -> ZeroMileSession:
        """A session for reading, whose every statement sees one snapshot of the store.

        SQLite's read transaction is a snapshot and never takes the write lock. On
        PostgreSQL the transaction is ``REPEATABLE READ, READ ONLY``: under the default
        READ COMMITTED, a case read in several statements while the rules commit could
        show findings of one run beside vehicles of another.
        """
        return ZeroMileSession(self._reading_engine, expire_on_commit=False)

    @functools.cached_property
    def _reading_engine(self) -> Engine:
        if self.backend == "sqlite":
            return self.engine
        return self.engine.execution_options(
            isolation_level="REPEATABLE READ", postgresql_readonly=True
        )

    def write_session(self) -> ZeroMileSession:
        """A session whose transaction is a writer from its first statement."""
        return ZeroMileSession(
            self.engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False
        )

    def close(self) -> None:
        self.engine.dispose()


def display_url(url: URL) -> str:
    """A store URL fit for messages: a SQLite file's path, or the URL with any password hidden."""
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


def resolve_url(db: str | None) -> URL:
    """Turn ``--db``/``ZEROMILE_DB``/settings into a SQLAlchemy URL.

    A value with ``://`` is a URL (``postgresql://`` uses psycopg 3); anything
    else is a path to a SQLite file. Nothing given means the default store in
    the user data folder.
    """
    value = db or os.environ.get(settings.DB_ENV) or settings.load_settings().db_url
    if not value:
        return URL.create("sqlite", database=str(settings.default_store_path()))
    if "://" not in value:
        return URL.create("sqlite", database=str(Path(value).expanduser()))
    try:
        url = make_url(value)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {value!r}") from exc
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    backend = url.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreError(f"unsupported store {backend!r}: use a SQLite file or a PostgreSQL URL")
    return url


def check_sqlite_file(path: Path, *, create_parent: bool) -> None:
    """Refuse anything at ``path`` that is not a SQLite database, without changing it.

    A missing file is fine (it will be created). An empty file is refused too:
    it may be a placeholder of another program, and SQLite would write into it.
    """
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a store file")
    if path.exists():
        try:
            with path.open("rb") as fh:
                header = fh.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from exc
        if header != SQLITE_HEADER:
            what = "an empty file" if not header else "not a SQLite database"
            raise StoreError(f"{path} is not a ZeroMile store ({what}); left unchanged")
        _refuse_foreign_sqlite(path)
        return
    parent = path.parent
    if not parent.exists():
        if not create_parent:
            raise StoreError(f"folder {parent} does not exist")
        parent.mkdir(parents=True, exist_ok=True)


def _refuse_foreign_sqlite(path: Path) -> None:
    """Look inside read-only: opening for real would switch the file to WAL."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path} is not a readable SQLite database ({exc}); left unchanged"
        ) from exc
    if tables and VERSION_TABLE not in tables:
        raise StoreError(f"{path} holds other data and is not a ZeroMile store; left unchanged")


def _sqlite_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # Take transaction control from pysqlite so that BEGIN is ours to emit.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout = 15000")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # Writers take the lock up front, so two writers queue instead of failing
    # half-way with "database is locked".
    if conn.get_execution_options().get(_WRITE_OPTION):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def create_engine_for(url: URL) -> Engine:
    """An engine configured for ZeroMile's use of the backend."""
    if url.get_backend_name() == "sqlite":
        engine = sa.create_engine(url, connect_args={"timeout": 15})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return sa.create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 10, "application_name": "zeromile"},
    )


def open_store(db: str | None = None, *, upgrade: bool = True) -> Store:
    """Open (creating or upgrading as needed) the store named by ``db``.

    Raises :class:`StoreError` with a one-line message when the target is not
    a ZeroMile store, cannot be reached, or is newer than this program.
    """
    from core.persistence import audit_hook, guard, migrate

    audit_hook.install()
    guard.install()
    url = resolve_url(db)
    if url.get_backend_name() == "sqlite" and url.database:
        path = Path(url.database)
        check_sqlite_file(path, create_parent=path == settings.default_store_path())
    engine = create_engine_for(url)
    store = Store(url=url, engine=engine)
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        if upgrade:
            outcome = migrate.bring_up_to_date(store)
            store.upgraded_from = outcome.upgraded_from
            store.backup_path = outcome.backup_path
        else:
            migrate.require_current(store)
    except DBAPIError as exc:
        engine.dispose()
        raise StoreError(
            f"cannot open store {store.display_url}: {describe_db_error(exc)}"
        ) from exc
    except Exception:
        engine.dispose()
        raise
    store.swept_parts = _sweep_parts(store)
    store.swept_scratch = _sweep_scratch()
    return store


def _sweep_scratch() -> list[Path]:
    """Remove scratch folders whose owner was killed (best effort, see ``core.scratch``)."""
    from core import scratch

    try:
        return scratch.sweep()
    except OSError:
        return []


def _sweep_parts(store: Store) -> list[Path]:
    """Remove what killed evidence ingests left in the store's evidence folder.

    Best effort: a folder that cannot be listed is left for ``zeromile store sweep`` to
    report; opening the store never fails for it. Parts being written are kept.
    """
    from core.evidence.blobs import FolderBlobStore
    from core.services.evidence import blob_store_for

    try:
        blobs = blob_store_for(store)
        return blobs.sweep_incoming() if isinstance(blobs, FolderBlobStore) else []
    except (OSError, UserFacingError):  # e.g. a settings file that cannot be read
        return []


def describe_db_error(exc: DBAPIError) -> str:
    """The first line of the driver's message, without SQLAlchemy's boilerplate."""
    original = exc.orig if exc.orig is not None else exc
    text = str(original).strip().splitlines()
    return text[0] if text else type(original).__name__
