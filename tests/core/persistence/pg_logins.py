"""Per-person PostgreSQL logins for the shared store's tests, made as an administrator
makes them, and the psql client run as one of them."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

import pytest
from sqlalchemy.engine import URL, make_url

from tests.conftest import PgServer


@dataclass(frozen=True)
class Login:
    name: str
    password: str
    url: URL

    @property
    def db(self) -> str:
        return self.url.render_as_string(hide_password=False)


def add_login(db_url: str, who: str, role: str, unit: str) -> Login:
    """A person with a login of their own (SCRAM password), added as an administrator
    would: ``zeromile user add``."""
    from core.cli.main import run

    name, password = f"zm_{who}_{uuid.uuid4().hex[:8]}", f"pw-{uuid.uuid4().hex}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(password + "\n"))
        code = run(["--db", db_url, "user", "add", name, "--name", f"{who} {name[-8:]}",
                    "--badge", name, "--role", role, "--unit", unit,
                    "--password-stdin"])  # fmt: skip
    assert code == 0
    return Login(name, password, make_url(db_url).set(username=name, password=password))


def drop_logins(server: PgServer, made: Iterable[Login]) -> None:
    server.drop_roles(login.name for login in made)


def psql(login: Login, sql: str) -> subprocess.CompletedProcess[str]:
    """Run ``sql`` with the psql client as ``login`` (what a user with a shell could do)."""
    binary = shutil.which("psql")
    if binary is None:
        pytest.skip("the psql client is not installed")
    url = login.url
    return subprocess.run(
        [binary, "-h", str(url.host), "-p", str(url.port), "-U", login.name,
         "-d", str(url.database), "-v", "ON_ERROR_STOP=1", "-Atc", sql],
        env={**os.environ, "PGPASSWORD": login.password},
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
