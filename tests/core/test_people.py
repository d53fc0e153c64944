"""People, logins and units from the command line: ``unit add``, ``user add|list|disable``,
``whoami``, ``case new --unit``. On SQLite the login is the operating-system login; on
PostgreSQL each person gets their own login role and the server checks the password."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from core.cli.main import run
from core.identity import os_login
from core.persistence.store import open_store
from tests.conftest import PgServer

Act = Callable[[str], None]


@pytest.fixture
def act_as(monkeypatch: pytest.MonkeyPatch) -> Act:
    """On SQLite, act as another operating-system login (as a second person would)."""

    def act(login: str) -> None:
        monkeypatch.setattr("core.identity.os_login", lambda: login)
        monkeypatch.setattr("core.services.people.os_login", lambda: login)

    return act


def cli(db: str, *args: str) -> int:
    return run(["--db", db, *args])


def out_json(capsys: pytest.CaptureFixture[str]) -> object:
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def sqlite_db(db_url: str) -> str:
    if "://" in db_url:
        pytest.skip("the single-workstation store (SQLite)")
    return db_url


def test_the_first_user_sets_up_units_and_people_and_cases_go_to_their_unit(
    sqlite_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    me = os_login()
    assert cli(sqlite_db, "unit", "add", "kz-khorgos", "--name", "Хоргос") == 0
    assert cli(sqlite_db, "user", "add", me, "--name", "Айгерим Сапарова", "--badge",
               "KZ-0417", "--role", "admin", "--unit", "KZ-KHORGOS") == 0  # fmt: skip
    capsys.readouterr()
    assert cli(sqlite_db, "whoami", "--json") == 0
    assert out_json(capsys) == {
        "login": me, "person": "Айгерим Сапарова (KZ-0417)", "role": "administrator",
        "units": ["KZ-KHORGOS"], "server_enforced": False,
    }  # fmt: skip
    assert cli(sqlite_db, "case", "new", "--title", "T", "--jurisdiction", "KZ", "--json") == 0
    reference = out_json(capsys)["reference"]  # type: ignore[index]
    store = open_store(sqlite_db)
    with store.engine.connect() as conn:
        unit = conn.execute(
            sa.text("SELECT u.code FROM case_file c JOIN unit u ON u.id = c.unit_id "
                    "WHERE c.reference = :r"), {"r": reference},
        ).scalar_one()  # fmt: skip
    store.close()
    assert unit == "KZ-KHORGOS"


def test_a_non_administrator_is_refused_in_one_line(
    sqlite_db: str, act_as: Act, capsys: pytest.CaptureFixture[str]
) -> None:
    me = os_login()
    cli(sqlite_db, "unit", "add", "KZ-1", "--name", "One")
    cli(sqlite_db, "user", "add", me, "--name", "Admin", "--badge", "A-1", "--role", "admin",
        "--unit", "KZ-1")  # fmt: skip
    cli(sqlite_db, "user", "add", "alice", "--name", "Alice", "--badge", "B-2", "--role",
        "inspector", "--unit", "KZ-1")  # fmt: skip
    capsys.readouterr()
    act_as("alice")
    assert cli(sqlite_db, "unit", "add", "KZ-2", "--name", "Two") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "needs the administrator role; Alice (B-2) has inspector" in err
    assert cli(sqlite_db, "user", "disable", me) == 2
    capsys.readouterr()
    assert cli(sqlite_db, "user", "list", "--json") == 0
    assert all(p["active"] for p in out_json(capsys))  # type: ignore[union-attr]


def test_several_units_need_a_choice_and_only_ones_own(
    sqlite_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    me = os_login()
    for code in ("A", "B", "C"):
        cli(sqlite_db, "unit", "add", code, "--name", code)
    cli(sqlite_db, "user", "add", me, "--name", "Me", "--badge", "M-1", "--role",
        "supervisor", "--unit", "A", "--unit", "B")  # fmt: skip
    capsys.readouterr()
    assert cli(sqlite_db, "case", "new", "--title", "T", "--jurisdiction", "KZ") == 2
    assert "several units (A, B): choose one" in capsys.readouterr().err
    assert cli(sqlite_db, "case", "new", "--title", "T", "--jurisdiction", "KZ",
               "--unit", "C") == 2  # fmt: skip
    assert "you work in A, B, not in C" in capsys.readouterr().err
    assert cli(sqlite_db, "case", "new", "--title", "T", "--jurisdiction", "KZ",
               "--unit", "b") == 0  # fmt: skip


def test_a_password_on_a_single_workstation_store_is_refused(
    sqlite_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli(sqlite_db, "unit", "add", "A", "--name", "A")
    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
    assert cli(sqlite_db, "user", "add", "bob", "--name", "Bob", "--badge", "B-1", "--role",
               "inspector", "--unit", "A", "--password-stdin") == 2  # fmt: skip
    assert "no passwords" in capsys.readouterr().err


@pytest.fixture
def server_logins(postgres_only: PgServer, db_url: str) -> Iterator[tuple[str, str]]:
    """Login names made by the test (dropped afterwards: roles belong to the server)."""
    suffix = uuid.uuid4().hex[:8]
    names = (f"zm_admin_{suffix}", f"zm_insp_{suffix}")
    yield names
    postgres_only.drop_roles(names)


def test_on_the_shared_store_each_person_gets_a_login_the_server_checks(
    db_url: str,
    server_logins: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    admin, inspector = server_logins
    # The database administrator sets up the first unit and a ZeroMile administrator.
    assert cli(db_url, "unit", "add", "KZ-KHORGOS", "--name", "Хоргос") == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-secret\n"))
    assert cli(db_url, "user", "add", admin, "--name", "Admin", "--badge", "A-1", "--role",
               "admin", "--unit", "KZ-KHORGOS", "--password-stdin") == 0  # fmt: skip
    as_admin = make_url(db_url).set(username=admin, password="admin-secret")
    admin_db = as_admin.render_as_string(hide_password=False)
    # That administrator cannot create logins (CREATEROLE would let a login make itself
    # the schema owner before PostgreSQL 16); the database administrator adds people.
    monkeypatch.setattr("sys.stdin", io.StringIO("insp:secret%1\n"))
    assert cli(admin_db, "user", "add", inspector, "--name", "X", "--badge", "X-1", "--role",
               "inspector", "--unit", "KZ-KHORGOS", "--password-stdin") == 2  # fmt: skip
    assert "database administrator's login" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("insp:secret%1\n"))
    sent: list[str] = []

    def record(_c: object, _cur: object, statement: str, *_: object) -> None:
        sent.append(statement)

    sa.event.listen(sa.engine.Engine, "before_cursor_execute", record)
    try:
        assert cli(db_url, "user", "add", inspector, "--name", "Дмитрий Волков", "--badge",
                   "RU-1288", "--role", "inspector", "--unit", "KZ-KHORGOS",
                   "--password-stdin") == 0  # fmt: skip
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", record)
    created = [s for s in sent if s.startswith("CREATE ROLE")]
    assert len(created) == 1 and "SCRAM-SHA-256$" in created[0]
    assert not any("insp:secret" in s for s in sent)  # never in a statement
    dba = open_store(db_url)
    with dba.engine.connect() as conn:
        can_create = conn.execute(
            sa.text("SELECT rolcreaterole FROM pg_roles WHERE rolname = :r"), {"r": admin}
        ).scalar_one()
    dba.close()
    assert can_create is False
    inspector_db = (
        make_url(db_url)
        .set(username=inspector, password="insp:secret%1")
        .render_as_string(hide_password=False)
    )
    capsys.readouterr()
    assert cli(inspector_db, "whoami", "--json") == 0
    me = out_json(capsys)
    assert me == {"login": inspector, "person": "Дмитрий Волков (RU-1288)", "role": "inspector",
                  "units": ["KZ-KHORGOS"], "server_enforced": True}  # fmt: skip
    # A wrong password is refused by the server, in one line.
    wrong = make_url(db_url).set(username=inspector, password="guess")
    assert cli(wrong.render_as_string(hide_password=False), "whoami") == 2
    err = capsys.readouterr().err
    assert "password authentication failed" in err and err.count("\n") == 1
    # The inspector cannot make units, even past this program's own check.
    assert cli(inspector_db, "unit", "add", "X", "--name", "X") == 2
    assert "administrator role" in capsys.readouterr().err
    # The server got the SCRAM verifier, computed by the client: never the password.
    store = open_store(db_url)
    with store.engine.connect() as conn:
        kept = conn.execute(
            sa.text("SELECT rolpassword FROM pg_authid WHERE rolname = :r"), {"r": inspector}
        ).scalar_one()
    store.close()
    assert kept.startswith("SCRAM-SHA-256$") and "insp:secret%1" not in kept
    # Disabled: the login keeps its history, can no longer connect, and a connection it
    # had open is ended.
    assert cli(inspector_db, "case", "new", "--title", "T", "--jurisdiction", "KZ") == 0
    assert cli(admin_db, "user", "disable", inspector) == 2
    assert "database administrator's login" in capsys.readouterr().err
    still_open = open_store(inspector_db)
    with still_open.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT session_user")).scalar_one() == inspector
        assert cli(db_url, "user", "disable", inspector) == 0
        with pytest.raises(sa.exc.OperationalError):
            conn.execute(sa.text("SELECT count(*) FROM case_file")).scalar_one()
    still_open.close()
    capsys.readouterr()
    assert cli(inspector_db, "whoami") == 2
    assert "not permitted to log in" in capsys.readouterr().err
    store = open_store(db_url)
    with store.engine.connect() as conn:
        actors = set(conn.execute(sa.text("SELECT actor FROM audit_event")).scalars())
    store.close()
    assert inspector in actors


def test_a_typed_name_never_becomes_who_wrote_a_note_recorded_custody_or_exported(
    db_url: str, tmp_path: object, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from sqlmodel import select

    from core.domain.export import CaseExport
    from core.persistence.unit_of_work import reading
    from core.services import cases, custody, notes, people

    store = open_store(db_url)
    try:
        with reading(store) as session:
            truth = people.acting_label(session)
    finally:
        store.close()
    monkeypatch.setenv("ZEROMILE_INSPECTOR", "Chief Inspector Anyone")
    assert cli(db_url, "case", "new", "--title", "Партия", "--jurisdiction", "KZ") == 0
    ref = capsys.readouterr().out.split()[-1]
    assert cli(db_url, "note", "add", ref, "осмотр") == 0
    assert cli(db_url, "custody", "add", ref, "--item", "СТС", "--from", "A", "--to", "B") == 0
    target = f"{tmp_path}/case.xlsx"
    assert cli(db_url, "export", ref, "--xlsx", target) == 0
    store = open_store(db_url)
    try:
        with reading(store) as session:
            case = cases.get_case(session, ref)
            recorded = {
                "note": [n.author for n in notes.list_notes(session, case)],
                "custody": [c.recorded_by for c in custody.list_custody(session, case)],
                "export": list(
                    session.exec(select(CaseExport.actor).where(CaseExport.case_id == case.id))
                ),
            }
    finally:
        store.close()
    assert recorded == {"note": [truth], "custody": [truth], "export": [truth]}
    assert "Anyone" not in truth
