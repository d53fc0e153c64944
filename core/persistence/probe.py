"""Testing a store location before using it: what is there, changing nothing.

``probe_store`` answers the settings dialog's "Test connection". It resolves the
value exactly as :func:`core.persistence.store.open_store` does, looks at the
target and says in one line whether it can be reached and what ``open_store``
would do there: create a new store, open it, upgrade it, or refuse it.

Contract: nothing is created, migrated or written. A missing SQLite file is not
created (only its folder is checked), an existing one is opened with
``mode=ro``, and a PostgreSQL session is read-only with a short connect timeout.
The result is plain data (safe to hand from a worker thread to the GUI), and no
message ever contains a password.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from core import settings
from core.errors import StoreError, UserFacingError
from core.persistence import migrate
from core.persistence.store import check_sqlite_file, describe_db_error, display_url, resolve_url

__all__ = ["ProbeResult", "ProbeVerdict", "Reason", "mask_password", "probe_store"]


class ProbeVerdict(StrEnum):
    """What the probe found, seen from ``open_store``."""

    NEW = "new"  #: nothing there yet: a new store would be created
    EMPTY = "empty"  #: an empty database: a new store would be created in it
    CURRENT = "current"  #: a ZeroMile store at this program's schema
    OLDER = "older"  #: a ZeroMile store at an older schema: it would be upgraded
    NEWER = "newer"  #: made by a newer ZeroMile: it would be refused
    FOREIGN = "foreign"  #: something else (other data, not a database): it would be refused
    UNREACHABLE = "unreachable"  #: cannot be reached or used; see ``reason``
    INVALID = "invalid"  #: the value does not name a store location


class Reason(StrEnum):
    """Why a place cannot be reached or used (``ProbeVerdict.UNREACHABLE`` / ``INVALID``)."""

    NONE = ""
    REFUSED = "refused"  #: nothing listens at that host and port
    TIMEOUT = "timeout"  #: no answer within the timeout
    HOST_NOT_FOUND = "host_not_found"
    HOST_UNREACHABLE = "host_unreachable"
    AUTHENTICATION = "authentication"  #: wrong password or unknown user
    DATABASE_MISSING = "database_missing"
    FOLDER_MISSING = "folder_missing"
    NOT_WRITABLE = "not_writable"
    NOT_A_FILE = "not_a_file"  #: a folder where a store file was expected
    BAD_URL = "bad_url"
    OTHER = "other"


USABLE = frozenset({ProbeVerdict.NEW, ProbeVerdict.EMPTY, ProbeVerdict.CURRENT, ProbeVerdict.OLDER})


@dataclass(frozen=True)
class ProbeResult:
    """One probe's answer. ``message`` is one English line with any password hidden;
    ``detail`` is the underlying cause (driver or check message), also password-free."""

    outcome: ProbeVerdict
    message: str
    display_url: str = ""
    backend: str = ""  #: "sqlite", "postgresql", or "" when the value did not resolve
    reason: Reason = Reason.NONE
    detail: str = ""
    revision: str | None = None  #: the store's schema revision, when it has one
    head: str = ""  #: this program's schema revision
    host: str = ""  #: PostgreSQL: ``host:port`` as connected to
    user: str = ""  #: PostgreSQL: the user name
    database: str = ""  #: the database name, or the SQLite file's path

    @property
    def reachable(self) -> bool:
        """The place could be reached (even if what is there would be refused)."""
        return self.outcome not in (ProbeVerdict.UNREACHABLE, ProbeVerdict.INVALID)

    @property
    def usable(self) -> bool:
        """``open_store`` would open (creating or upgrading as needed) this place."""
        return self.outcome in USABLE


_PASSWORD_IN_URL = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s]*):[^\s]*@")


def mask_password(text: str) -> str:
    """``text`` with the password of any ``scheme://user:password@host`` URL in it hidden."""
    return _PASSWORD_IN_URL.sub(lambda m: f"{m.group('head')}:***@", text)


def probe_store(url_or_path: str, timeout_s: float = 5) -> ProbeResult:
    """Say what is at ``url_or_path`` (a SQLite path or a database URL) without changing it.

    An empty value means what ``open_store`` would open by default (``ZEROMILE_DB``,
    the settings, then the default SQLite file). Never raises for anything a user
    can cause: every problem comes back as a result.
    """
    head = migrate.head_revision()
    try:
        url = resolve_url(url_or_path or None)
    except StoreError as exc:
        return ProbeResult(
            ProbeVerdict.INVALID,
            "not a store location: use a SQLite file path or a postgresql:// URL",
            reason=Reason.BAD_URL,
            detail=mask_password(str(exc)),
            head=head,
        )
    except UserFacingError as exc:  # a broken settings file
        return ProbeResult(
            ProbeVerdict.INVALID, mask_password(str(exc)), reason=Reason.OTHER, head=head
        )
    if url.get_backend_name() == "sqlite":
        return _probe_sqlite(url, timeout_s, head)
    return _probe_postgresql(url, timeout_s, head)


# --- SQLite --------------------------------------------------------------------------------


def _probe_sqlite(url: URL, timeout_s: float, head: str) -> ProbeResult:
    where = display_url(url)
    if not url.database or url.database == ":memory:":
        return ProbeResult(
            ProbeVerdict.INVALID,
            "an in-memory database cannot hold a store; give a file path",
            where,
            "sqlite",
            Reason.BAD_URL,
            head=head,
        )
    path = Path(url.database)
    if path.is_dir():
        return ProbeResult(
            ProbeVerdict.INVALID,
            f"{path} is a folder, not a store file",
            where,
            "sqlite",
            Reason.NOT_A_FILE,
            head=head,
        )
    if not path.exists():
        return _probe_new_sqlite_file(path, where, head)
    try:
        # The same checks open_store makes, all read-only.
        check_sqlite_file(path, create_parent=False)
    except StoreError as exc:
        if isinstance(exc.__cause__, OSError):
            return ProbeResult(
                ProbeVerdict.UNREACHABLE,
                str(exc),
                where,
                "sqlite",
                Reason.OTHER,
                str(exc),
                head=head,
            )
        return ProbeResult(
            ProbeVerdict.FOREIGN,
            f"{path} is not a ZeroMile store; it would be refused",
            where,
            "sqlite",
            detail=str(exc),
            head=head,
        )
    uri = f"{path.resolve().as_uri()}?mode=ro"
    engine = sa.create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, timeout=timeout_s),
        poolclass=NullPool,
    )
    try:
        with engine.connect() as conn:
            revision, tables = _look_inside(conn)
    except DBAPIError as exc:
        detail = describe_db_error(exc)
        return ProbeResult(
            ProbeVerdict.UNREACHABLE,
            f"cannot read {path}: {detail}",
            where,
            "sqlite",
            Reason.OTHER,
            detail,
            head=head,
        )
    finally:
        engine.dispose()
    found = replace(_classify(revision, tables, where, "sqlite", head), database=str(path))
    if found.usable and not (_writable(path) and _writable(path.parent)):
        return ProbeResult(
            ProbeVerdict.UNREACHABLE,
            f"{path} cannot be written by this account (the file or its folder is read-only)",
            where,
            "sqlite",
            Reason.NOT_WRITABLE,
            revision=revision,
            head=head,
        )
    return found


def _probe_new_sqlite_file(path: Path, where: str, head: str) -> ProbeResult:
    parent = path.parent
    # open_store creates the folder of the default store only; elsewhere it must exist.
    if not parent.exists() and path != settings.default_store_path():
        return ProbeResult(
            ProbeVerdict.UNREACHABLE,
            f"folder {parent} does not exist",
            where,
            "sqlite",
            Reason.FOLDER_MISSING,
            head=head,
        )
    existing = next((p for p in (parent, *parent.parents) if p.exists()), None)
    if existing is None or not existing.is_dir() or not _writable(existing):
        return ProbeResult(
            ProbeVerdict.UNREACHABLE,
            f"folder {parent} cannot be written by this account; a store cannot be created there",
            where,
            "sqlite",
            Reason.NOT_WRITABLE,
            head=head,
        )
    return ProbeResult(
        ProbeVerdict.NEW,
        f"{path} does not exist yet; a new store will be created here",
        where,
        "sqlite",
        head=head,
    )


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK | (os.X_OK if path.is_dir() else 0))


# --- PostgreSQL ----------------------------------------------------------------------------


def _probe_postgresql(url: URL, timeout_s: float, head: str) -> ProbeResult:
    return replace(
        _connect_postgresql(url, timeout_s, head),
        host=f"{url.host or 'localhost'}:{url.port or 5432}",
        user=url.username or "",
        database=url.database or "",
    )


def _connect_postgresql(url: URL, timeout_s: float, head: str) -> ProbeResult:
    where = display_url(url.set(drivername="postgresql"))  # as users write it, no driver
    seconds = max(2, math.ceil(timeout_s))  # libpq's smallest connect timeout is 2 s
    engine = sa.create_engine(
        url,
        poolclass=NullPool,
        connect_args={
            "connect_timeout": seconds,
            "application_name": "zeromile-probe",
            # Belt and braces: the probe only reads, and the server refuses any write.
            "options": (
                f"-c default_transaction_read_only=on -c statement_timeout={seconds * 1000}"
            ),
        },
    )
    try:
        with engine.connect() as conn:
            revision, tables = _look_inside(conn)
    except DBAPIError as exc:
        reason, text = _connect_failure(describe_db_error(exc), url, seconds)
        return ProbeResult(
            ProbeVerdict.UNREACHABLE,
            mask_password(f"cannot reach {where}: {text}"),
            where,
            "postgresql",
            reason,
            mask_password(describe_db_error(exc)),
            head=head,
        )
    except SQLAlchemyError as exc:
        return ProbeResult(
            ProbeVerdict.UNREACHABLE,
            mask_password(f"cannot reach {where}: {exc}"),
            where,
            "postgresql",
            Reason.OTHER,
            head=head,
        )
    finally:
        engine.dispose()
    return _classify(revision, tables, where, "postgresql", head)


#: (pattern in the driver's message, reason); the first match wins.
_PG_FAILURES: tuple[tuple[str, Reason], ...] = (
    (r"password authentication failed|authentication failed", Reason.AUTHENTICATION),
    (r"no password supplied|password is required|fe_sendauth", Reason.AUTHENTICATION),
    (r'role "[^"]*" does not exist', Reason.AUTHENTICATION),
    (r'database "[^"]*" does not exist', Reason.DATABASE_MISSING),
    (r"connection refused", Reason.REFUSED),
    (r"timeout expired|timed out", Reason.TIMEOUT),
    (
        r"failed to resolve host|could not translate host name|name or service not known"
        r"|nodename nor servname",
        Reason.HOST_NOT_FOUND,
    ),
    (r"no route to host|network is unreachable|host is unreachable", Reason.HOST_UNREACHABLE),
)


def _connect_failure(driver_line: str, url: URL, seconds: int) -> tuple[Reason, str]:
    """A reason code and a plain one-line explanation of a failed connection."""
    host = url.host or "localhost"
    port = url.port or 5432
    user = url.username or "(default user)"
    reason = next(
        (r for pattern, r in _PG_FAILURES if re.search(pattern, driver_line, re.IGNORECASE)),
        Reason.OTHER,
    )
    text = {
        Reason.AUTHENTICATION: f"authentication failed for user {user} (wrong password or user)",
        Reason.DATABASE_MISSING: f"database {url.database} does not exist on {host}",
        Reason.REFUSED: f"nothing accepts connections at {host}:{port} (connection refused)",
        Reason.TIMEOUT: f"no answer from {host}:{port} within {seconds} s",
        Reason.HOST_NOT_FOUND: f"host {host} not found",
        Reason.HOST_UNREACHABLE: f"host {host} is unreachable from this computer",
    }.get(reason, _strip_connection_prefix(driver_line))
    return reason, text


def _strip_connection_prefix(line: str) -> str:
    """psycopg's 'connection failed: connection to server at ... failed: X' -> 'X'."""
    return line.rsplit(" failed: ", 1)[-1].removeprefix("FATAL:").strip() or line


# --- shared --------------------------------------------------------------------------------


def _look_inside(conn: Connection) -> tuple[str | None, set[str]]:
    """The schema revision (if any) and the tables of the default schema; reads only."""
    revision = migrate.current_revision(conn)
    tables = set(sa.inspect(conn).get_table_names())
    return revision, tables


def _classify(
    revision: str | None, tables: set[str], where: str, backend: str, head: str
) -> ProbeResult:
    """The same decisions as ``migrate.bring_up_to_date``, told instead of done."""
    if revision is None:
        if tables:
            return ProbeResult(
                ProbeVerdict.FOREIGN,
                f"{where} holds other data and is not a ZeroMile store; it would be refused",
                where,
                backend,
                head=head,
            )
        return ProbeResult(
            ProbeVerdict.EMPTY,
            f"{where} is an empty database; a new store will be created in it",
            where,
            backend,
            head=head,
        )
    if revision == head:
        return ProbeResult(
            ProbeVerdict.CURRENT,
            f"{where} is a ZeroMile store at the current schema ({revision})",
            where,
            backend,
            revision=revision,
            head=head,
        )
    if migrate._known(revision):
        backup = " after a backup copy" if backend == "sqlite" else ""
        return ProbeResult(
            ProbeVerdict.OLDER,
            f"{where} is a ZeroMile store at an older schema ({revision}); "
            f"it will be upgraded to {head}{backup} when opened",
            where,
            backend,
            revision=revision,
            head=head,
        )
    return ProbeResult(
        ProbeVerdict.NEWER,
        f"{where} was made by a newer ZeroMile (schema {revision}); it would be refused",
        where,
        backend,
        revision=revision,
        head=head,
    )
