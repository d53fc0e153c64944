"""'Test connection': what is at a store location, told without changing anything."""

from __future__ import annotations

import hashlib
import os
import socket
import sqlite3
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import make_url

from core import settings
from core.persistence import migrate
from core.persistence.probe import ProbeVerdict, Reason, mask_password, probe_store
from core.persistence.store import create_engine_for, resolve_url

PG_ENV = "ZEROMILE_TEST_PG_URL"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tables_of(db: str) -> set[str]:
    engine = create_engine_for(resolve_url(db))
    try:
        with engine.connect() as conn:
            return set(sa.inspect(conn).get_table_names())
    finally:
        engine.dispose()


def set_revision(db: str, revision: str) -> None:
    engine = create_engine_for(resolve_url(db))
    with engine.begin() as conn:
        conn.execute(
            sa.text(f"UPDATE {migrate.VERSION_TABLE} SET version_num = :r"), {"r": revision}
        )
    engine.dispose()


# --- SQLite ----------------------------------------------------------------------------------


def test_a_missing_file_would_become_a_new_store_and_is_not_created(tmp_path: Path) -> None:
    target = tmp_path / "new.db"
    result = probe_store(str(target))
    assert result.outcome is ProbeVerdict.NEW and result.usable and result.reachable
    assert "a new store will be created here" in result.message
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_reported(tmp_path: Path) -> None:
    result = probe_store(str(tmp_path / "nowhere" / "new.db"))
    assert result.outcome is ProbeVerdict.UNREACHABLE and result.reason is Reason.FOLDER_MISSING
    assert not result.usable
    assert "does not exist" in result.message
    assert not (tmp_path / "nowhere").exists()


def test_the_default_store_folder_would_be_created(isolated_home: Path) -> None:
    result = probe_store("")  # nothing configured: the default store
    assert result.outcome is ProbeVerdict.NEW
    assert result.display_url == str(settings.default_store_path())
    assert not (isolated_home / "data").exists()


def test_a_folder_is_not_a_store_file(tmp_path: Path) -> None:
    result = probe_store(str(tmp_path))
    assert result.outcome is ProbeVerdict.INVALID and result.reason is Reason.NOT_A_FILE


@pytest.mark.parametrize(
    ("content", "detail"),
    [(b"", "an empty file"), (b"shopping list\nmilk\n", "not a SQLite database")],
)
def test_files_that_are_not_stores_would_be_refused_and_stay_unchanged(
    tmp_path: Path, content: bytes, detail: str
) -> None:
    target = tmp_path / "other.db"
    target.write_bytes(content)
    result = probe_store(str(target))
    assert result.outcome is ProbeVerdict.FOREIGN and result.reachable and not result.usable
    assert "would be refused" in result.message and detail in result.detail
    assert target.read_bytes() == content


def test_another_programs_sqlite_database_would_be_refused(tmp_path: Path) -> None:
    target = tmp_path / "other.sqlite"
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = digest(target)
    result = probe_store(str(target))
    assert result.outcome is ProbeVerdict.FOREIGN and "holds other data" in result.detail
    assert digest(target) == before


def test_a_sqlite_database_without_tables_is_empty(tmp_path: Path) -> None:
    target = tmp_path / "blank.db"
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA user_version = 7")  # a valid database file with no tables
    conn.commit()
    conn.close()
    result = probe_store(str(target))
    assert result.outcome is ProbeVerdict.EMPTY and result.usable
    assert "a new store will be created" in result.message


# --- both backends (PostgreSQL when ZEROMILE_TEST_PG_URL is set) ---------------------------


def test_a_real_store_is_current_and_left_alone(db_url: str) -> None:
    before = digest(Path(db_url)) if "://" not in db_url else None
    result = probe_store(db_url)
    assert result.outcome is ProbeVerdict.CURRENT and result.usable
    assert result.revision == result.head == migrate.head_revision()
    assert f"current schema ({result.head})" in result.message
    if before is not None:
        assert digest(Path(db_url)) == before


def test_an_older_store_would_be_upgraded_but_is_not(empty_db_url: str) -> None:
    engine = create_engine_for(resolve_url(empty_db_url))
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0001")
    engine.dispose()
    result = probe_store(empty_db_url)
    assert result.outcome is ProbeVerdict.OLDER and result.usable and result.revision == "0001"
    assert "will be upgraded" in result.message
    engine = create_engine_for(resolve_url(empty_db_url))
    with engine.connect() as conn:
        assert migrate.current_revision(conn) == "0001"
    engine.dispose()


def test_a_store_from_a_newer_program_would_be_refused(db_url: str) -> None:
    set_revision(db_url, "9999")
    result = probe_store(db_url)
    assert result.outcome is ProbeVerdict.NEWER and not result.usable
    assert "newer ZeroMile (schema 9999)" in result.message


def test_an_empty_database_would_get_a_new_store(empty_db_url: str) -> None:
    result = probe_store(empty_db_url)
    if "://" in empty_db_url:
        assert result.outcome is ProbeVerdict.EMPTY
        assert "empty database" in result.message
        assert tables_of(empty_db_url) == set()  # nothing created
    else:
        assert result.outcome is ProbeVerdict.NEW
        assert not Path(empty_db_url).exists()


# --- values that are not store locations -------------------------------------------------------


def test_unsupported_urls_are_invalid() -> None:
    result = probe_store("mysql://inspector:hunter2@db.example.invalid/zeromile")
    assert result.outcome is ProbeVerdict.INVALID and result.reason is Reason.BAD_URL
    assert "hunter2" not in result.message + result.detail


def test_passwords_are_masked_in_any_text() -> None:
    text = "cannot reach postgresql://inspector:s3cr:et@db.local:5432/zm now"
    assert mask_password(text) == "cannot reach postgresql://inspector:***@db.local:5432/zm now"
    assert (
        mask_password("postgresql://inspector@db.local/zm") == "postgresql://inspector@db.local/zm"
    )


# --- PostgreSQL only -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.postgres
def test_a_closed_port_is_reported_quickly(postgres_only: object) -> None:
    url = f"postgresql://inspector:s3cret@127.0.0.1:{_free_port()}/zeromile"
    started = time.monotonic()
    result = probe_store(url, timeout_s=2)
    assert time.monotonic() - started < 5
    assert result.outcome is ProbeVerdict.UNREACHABLE and result.reason is Reason.REFUSED
    assert "connection refused" in result.message
    assert "s3cret" not in result.message + result.detail + result.display_url
    assert "postgresql://inspector:***@127.0.0.1" in result.message


@pytest.mark.postgres
def test_an_unknown_user_or_wrong_password_is_an_authentication_failure(
    postgres_only: object,
) -> None:
    admin = make_url(os.environ[PG_ENV])
    url = admin.set(username="zm_nobody_here", password="wrong").render_as_string(
        hide_password=False
    )
    started = time.monotonic()
    result = probe_store(url, timeout_s=2)
    assert time.monotonic() - started < 5
    assert result.outcome is ProbeVerdict.UNREACHABLE and result.reason is Reason.AUTHENTICATION
    assert "authentication failed for user zm_nobody_here" in result.message
    assert "wrong" not in result.display_url


@pytest.mark.postgres
def test_a_missing_database_is_named(postgres_only: object) -> None:
    admin = make_url(os.environ[PG_ENV])
    url = admin.set(database="zm_no_such_database").render_as_string(hide_password=False)
    result = probe_store(url, timeout_s=2)
    assert result.outcome is ProbeVerdict.UNREACHABLE and result.reason is Reason.DATABASE_MISSING
    assert "database zm_no_such_database does not exist" in result.message
