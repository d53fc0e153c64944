"""Opening stores: defaults, pragmas, and refusing what is not a ZeroMile store."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from core import settings
from core.errors import StoreError
from core.persistence import migrate
from core.persistence.store import open_store, resolve_url


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_default_store_lives_in_the_user_data_folder(isolated_home: Path) -> None:
    store = open_store()
    try:
        assert Path(str(store.url.database)) == isolated_home / "data" / "zeromile.db"
        assert Path(str(store.url.database)).exists()
    finally:
        store.close()


def test_db_environment_variable_names_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(settings.DB_ENV, str(tmp_path / "shared.db"))
    assert resolve_url(None).database == str(tmp_path / "shared.db")


def test_postgres_urls_use_psycopg3() -> None:
    url = resolve_url("postgresql://inspector:secret@db.example.invalid:5432/zeromile")
    assert url.drivername == "postgresql+psycopg"


def test_other_databases_are_refused() -> None:
    with pytest.raises(StoreError, match="unsupported store 'mysql'"):
        resolve_url("mysql://x@localhost/db")


def test_sqlite_store_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


@pytest.mark.parametrize(
    "content",
    [b"hello, this is a text file\n", b"PK\x03\x04 a zip file pretending", b""],
    ids=["text", "zip", "empty"],
)
def test_a_file_that_is_not_a_database_is_refused_and_left_byte_for_byte(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(StoreError, match="is not a ZeroMile store"):
        open_store(str(path))
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_foreign_sqlite_database_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    before = digest(path)
    with pytest.raises(StoreError, match="not a ZeroMile store"):
        open_store(str(path))
    assert digest(path) == before


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_store(str(tmp_path))


def test_a_missing_folder_is_refused_for_explicit_paths(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "no" / "such" / "store.db"))


def test_a_store_newer_than_the_app_is_refused(db_url: str) -> None:
    store = open_store(db_url)
    with store.engine.begin() as conn:
        conn.execute(sa.text(f"UPDATE {migrate.VERSION_TABLE} SET version_num = '9999'"))
    store.close()
    with pytest.raises(StoreError, match="made by a newer ZeroMile \\(schema 9999\\)"):
        open_store(db_url)


def test_an_unreachable_server_is_one_clear_error() -> None:
    with pytest.raises(StoreError, match=r"cannot open store .*127\.0\.0\.1"):
        open_store("postgresql://nobody@127.0.0.1:1/zeromile")


def test_passwords_are_not_shown_in_messages() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://nobody:hunter2@127.0.0.1:1/zeromile")
    assert "hunter2" not in str(caught.value)
