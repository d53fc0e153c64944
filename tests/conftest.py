"""Test fixtures: a fresh store per test, on SQLite or on a real PostgreSQL server.

Set ``ZEROMILE_TEST_PG_URL`` (e.g. ``postgresql://postgres@127.0.0.1:54329/postgres``,
a maintenance database on a server the tests may create databases on) to run
every store test on PostgreSQL instead of SQLite. With
``ZEROMILE_REQUIRE_PG=1`` a missing server fails the run instead of skipping
the PostgreSQL-only tests. No test touches the user's real data folders.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from core.persistence.store import Store, open_store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_ENV = "ZEROMILE_TEST_PG_URL"
ACTOR = "Test Inspector (T-001)"


def pg_admin_url() -> URL | None:
    raw = os.environ.get(PG_ENV)
    if not raw:
        if os.environ.get("ZEROMILE_REQUIRE_PG") == "1":
            raise RuntimeError(f"ZEROMILE_REQUIRE_PG=1 but {PG_ENV} is not set")
        return None
    url = make_url(raw)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def backend_name() -> str:
    return "postgresql" if pg_admin_url() else "sqlite"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own ZEROMILE_HOME and no inherited store or identity."""
    home = tmp_path / "zeromile-home"
    monkeypatch.setenv("ZEROMILE_HOME", str(home))
    monkeypatch.setenv("ZEROMILE_INSPECTOR", ACTOR)
    monkeypatch.delenv("ZEROMILE_DB", raising=False)
    return home


class PgServer:
    """Creates and drops throw-away databases on the test server."""

    def __init__(self, admin_url: URL) -> None:
        self.admin_url = admin_url
        self.engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")

    def create(self, template: str | None = None) -> URL:
        name = f"zm_test_{uuid.uuid4().hex[:12]}"
        tpl = f" TEMPLATE {template}" if template else ""
        with self.engine.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}{tpl}")
        return self.admin_url.set(database=name)

    def drop(self, url: URL) -> None:
        with self.engine.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {url.database} WITH (FORCE)")

    def drop_roles(self, names: Iterable[str]) -> None:
        """Drop login roles a test made (roles belong to the server, not to a database),
        with the database privileges they were given."""
        with self.engine.connect() as conn:
            for name in names:
                if (
                    conn.execute(
                        sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}
                    ).first()
                    is None
                ):
                    continue
                # Only the databases that granted the role something: another test run on
                # the same server may be creating and dropping databases meanwhile.
                granted = conn.execute(
                    sa.text(
                        "SELECT datname FROM pg_database d, aclexplode(d.datacl) a "
                        "JOIN pg_roles r ON r.oid = a.grantee WHERE r.rolname = :n"
                    ),
                    {"n": name},
                ).scalars()
                for database in sorted(set(granted)):
                    conn.exec_driver_sql(f'REVOKE ALL ON DATABASE "{database}" FROM {name}')
                conn.exec_driver_sql(f"DROP ROLE {name}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer | None]:
    admin = pg_admin_url()
    if admin is None:
        yield None
        return
    server = PgServer(admin)
    yield server
    server.engine.dispose()


@pytest.fixture(scope="session")
def migrated_template(
    pg_server: PgServer | None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A store at head, made once per run and copied for each test."""
    if pg_server is None:
        path = tmp_path_factory.mktemp("template") / "template.db"
        store = open_store(str(path))
        store.close()
        yield str(path)
        return
    url = pg_server.create()
    store = open_store(url.render_as_string(hide_password=False))
    store.close()
    yield str(url.database)
    pg_server.drop(url)


@pytest.fixture
def db_url(pg_server: PgServer | None, migrated_template: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated store for this test, as a ``--db`` value."""
    if pg_server is None:
        target = tmp_path / "store.db"
        shutil.copyfile(migrated_template, target)
        yield str(target)
        return
    url = pg_server.create(template=migrated_template)
    yield url.render_as_string(hide_password=False)
    pg_server.drop(url)


@pytest.fixture
def empty_db_url(pg_server: PgServer | None, tmp_path: Path) -> Iterator[str]:
    """A database with no schema at all, as a ``--db`` value."""
    if pg_server is None:
        yield str(tmp_path / "empty.db")
        return
    url = pg_server.create()
    yield url.render_as_string(hide_password=False)
    pg_server.drop(url)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    yield opened
    opened.close()


@pytest.fixture
def postgres_only(pg_server: PgServer | None) -> PgServer:
    if pg_server is None:
        pytest.skip(f"needs a PostgreSQL server ({PG_ENV})")
    return pg_server
