"""People and units as the store knows them: who the acting login is, which person and
units it belongs to, and which unit a new case goes to.

The login is never taken from the client: on PostgreSQL it is the server's
``session_user``, on SQLite the operating-system login (see ``core.identity``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from core.domain.fields import check_fit
from core.domain.inspector import Inspector, InspectorRole
from core.domain.unit import DEFAULT_UNIT_CODE, Unit, UnitMember
from core.errors import NotFoundError, PermissionRefused, ValidationError
from core.identity import os_login
from core.persistence.store import ZeroMileSession
from core.services.inspectors import add_inspector


def acting_login(session: ZeroMileSession) -> str:
    """The login this session acts as (what the audit trail records for its changes)."""
    if session.get_bind().dialect.name == "postgresql":
        return str(session.execute(sa.text("SELECT session_user")).scalar_one())
    return os_login()


def person_for_login(session: ZeroMileSession, login: str) -> Inspector | None:
    """The registered person with this login, or ``None``."""
    return session.exec(select(Inspector).where(Inspector.login == login)).first()


def current_person(session: ZeroMileSession) -> Inspector | None:
    """The registered person of the acting login, or ``None`` if it is not registered."""
    return person_for_login(session, acting_login(session))


def label_of(person: Inspector | None, login: str) -> str:
    """How a login is shown: "Name (badge)" when registered, else the login itself."""
    if person is None:
        return f"{login} (not registered)"
    return f"{person.name} ({person.badge_number})"


def acting_label(session: ZeroMileSession) -> str:
    """How the acting login is shown where a record names who made it (a note's author,
    a custody entry's recorder, an export's maker): from the store, never typed."""
    login = acting_login(session)
    return label_of(person_for_login(session, login), login)


def role_of(person: Inspector | None) -> InspectorRole | None:
    return InspectorRole(person.role) if person is not None and person.active else None


def get_unit(session: ZeroMileSession, code: str) -> Unit:
    found = session.exec(select(Unit).where(Unit.code == code.strip().upper())).first()
    if found is None:
        raise NotFoundError(f"no unit {code.strip().upper()!r}")
    return found


def units_of(session: ZeroMileSession, person: Inspector) -> list[Unit]:
    """The units the person belongs to, by code."""
    return list(
        session.exec(
            select(Unit)
            .join(UnitMember, col(UnitMember.unit_id) == col(Unit.id))
            .where(UnitMember.inspector_id == person.id)
            .order_by(col(Unit.code))
        )
    )


def unit_for_new_case(session: ZeroMileSession, code: str | None) -> Unit:
    """The unit a new case opened by the acting person goes to.

    A named unit must be one of the person's (an administrator may name any); without
    a name, a person in exactly one unit gets it, a person in several must choose, and
    a login in no unit (a single-workstation store, an older store) gets ``MAIN``.
    """
    person = current_person(session)
    mine = units_of(session, person) if person is not None else []
    if code is not None and code.strip():
        unit = get_unit(session, code)
        admin = role_of(person) is InspectorRole.ADMINISTRATOR
        if mine and not admin and unit.id not in {u.id for u in mine}:
            codes = ", ".join(u.code for u in mine)
            raise ValidationError([("unit", f"you work in {codes}, not in {unit.code}")])
        return unit
    if len(mine) == 1:
        return mine[0]
    if len(mine) > 1:
        codes = ", ".join(u.code for u in mine)
        raise ValidationError([("unit", f"you work in several units ({codes}): choose one")])
    return get_unit(session, DEFAULT_UNIT_CODE)


# --- administration: people, their logins and units ---------------------------------------

#: The PostgreSQL group role each role's logins are members of (core.persistence.pg_security).
GROUP_OF_ROLE = {
    InspectorRole.READER: "zeromile_reader",
    InspectorRole.INSPECTOR: "zeromile_inspector",
    InspectorRole.SUPERVISOR: "zeromile_supervisor",
    InspectorRole.ADMINISTRATOR: "zeromile_admin",
}
_LOGIN = re.compile(r"^[a-z_][a-z0-9_.\-]{0,62}$")


def _is_postgres(session: ZeroMileSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _database_administrator(session: ZeroMileSession) -> bool:
    """On PostgreSQL, whether the login may create roles (the server's administrator)."""
    if not _is_postgres(session):
        return False
    return bool(
        session.execute(
            sa.text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = session_user")
        ).scalar_one()
    )


def require_administrator(session: ZeroMileSession, doing: str) -> None:
    """Refuse unless the acting person is an active administrator. A store with no
    administrator yet lets its first user set it up (on PostgreSQL the server's grants
    decide anyway: only the database administrator can then act)."""
    person = current_person(session)
    if role_of(person) is InspectorRole.ADMINISTRATOR or _database_administrator(session):
        return
    anyone = session.exec(
        select(Inspector).where(Inspector.role == InspectorRole.ADMINISTRATOR.value)
    ).first()
    if anyone is None:
        return
    who = label_of(person, acting_login(session))
    role = role_of(person)
    has = role.value if role is not None else "no role"
    raise PermissionRefused(f"{doing} needs the administrator role; {who} has {has}")


def add_unit(session: ZeroMileSession, *, code: str, name: str) -> Unit:
    """Register a unit; the code (upper-cased) must be new."""
    require_administrator(session, "adding a unit")
    code, name = code.strip().upper(), name.strip()
    problems = []
    if not code:
        problems.append(("code", "is required"))
    elif session.exec(select(Unit).where(Unit.code == code)).first() is not None:
        problems.append(("code", f"unit {code} already exists"))
    if not name:
        problems.append(("name", "is required"))
    if problems:
        raise ValidationError(problems)
    check_fit(Unit, {"code": code, "name": name})
    unit = Unit(code=code, name=name)
    session.add(unit)
    session.flush()
    return unit


def add_person(
    session: ZeroMileSession,
    *,
    login: str,
    name: str,
    badge: str,
    role: InspectorRole,
    units: list[str],
    password: str | None = None,
) -> Inspector:
    """Register a person with their login, role and units, in one transaction.

    On PostgreSQL this also creates their login role, a member of the role's group, so it
    needs the database administrator's login (one that may create roles), with a SCRAM
    password when one is given (else
    the site's ``pg_hba.conf`` authenticates them by certificate or GSSAPI/SSPI). On
    SQLite the login is an operating-system login and no password is kept.
    """
    require_administrator(session, "adding a person")
    login = login.strip()
    if not _LOGIN.match(login):
        raise ValidationError(
            [("login", "use 1-63 lower-case letters, digits, '_', '.' or '-', not a digit first")]
        )
    if person_for_login(session, login) is not None:
        raise ValidationError([("login", f"{login} is already registered")])
    if not units:
        raise ValidationError([("unit", "give at least one unit")])
    found = [get_unit(session, code) for code in units]
    if password is not None and not _is_postgres(session):
        raise ValidationError(
            [("password", "a single-workstation store has no passwords: its login is the "
                          "operating system's")]
        )  # fmt: skip
    if _is_postgres(session) and not _database_administrator(session):
        raise PermissionRefused(
            "adding a person to the shared store creates their login role: run it with the "
            "database administrator's login"
        )
    person = add_inspector(session, name=name, badge_number=badge, role=role)
    person.login = login
    for unit in found:
        assert person.id is not None and unit.id is not None
        session.add(UnitMember(inspector_id=person.id, unit_id=unit.id))
    session.flush()
    if _is_postgres(session):
        _create_login_role(session, login, role, password)
    return person


def _create_login_role(
    session: ZeroMileSession, login: str, role: InspectorRole, password: str | None
) -> None:
    exists = session.execute(
        sa.text("SELECT 1 FROM pg_roles WHERE rolname = :l"), {"l": login}
    ).first()
    if exists is not None:
        raise ValidationError([("login", f"the server already has a role {login}")])
    group = GROUP_OF_ROLE[role]
    if password is None:
        _utility(session, f"CREATE ROLE %I LOGIN IN ROLE {group}", login)
    else:
        # The server gets the SCRAM verifier, never the password: a statement log or
        # pg_stat_activity would otherwise show it.
        verifier = _scram_verifier(session, login, password)
        _utility(session, f"CREATE ROLE %I LOGIN PASSWORD %L IN ROLE {group}", login, verifier)
    # Workstation logins never get CREATEROLE: before PostgreSQL 16 it lets a login grant
    # itself any role, the schema owner's included. People are added by the database
    # administrator; idle transactions cannot hold the writers' lock for ever.
    _utility(session, "ALTER ROLE %I SET idle_in_transaction_session_timeout = '2min'", login)
    # Roles belong to the whole server: only this store's people may connect to it. Only
    # the database's owner or a superuser may grant that (``pg_security`` revokes it from
    # everyone else under the same condition); another administrator's people connect
    # as the site's database rights allow.
    database = str(session.execute(sa.text("SELECT current_database()")).scalar_one())
    may_grant = session.execute(
        sa.text(
            "SELECT rolsuper OR pg_has_role(current_user, (SELECT datdba FROM pg_database "
            "WHERE datname = current_database()), 'MEMBER') FROM pg_roles "
            "WHERE rolname = current_user"
        )
    ).scalar_one()
    if may_grant:
        _utility(session, "GRANT CONNECT ON DATABASE %I TO %I", database, login)


def _scram_verifier(session: ZeroMileSession, login: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of ``password`` for ``login``, computed here by libpq
    (``PQencryptPasswordConn``), as ``psql``'s ``\\password`` does."""
    raw: Any = session.connection().connection.driver_connection
    secret: bytes = raw.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")
    return secret.decode()


def _utility(session: ZeroMileSession, template: str, *values: str) -> None:
    """Run a utility statement (which takes no bind parameters) with ``values`` quoted by
    the server's own ``format()``: ``%I`` an identifier, ``%L`` a literal."""
    casts = ", ".join(f"CAST(:v{i} AS text)" for i in range(len(values)))
    statement = session.execute(
        sa.text(f"SELECT format(CAST(:t AS text), {casts})"),
        {"t": template, **{f"v{i}": v for i, v in enumerate(values)}},
    ).scalar_one()
    # A colon in a value (a verifier has several) must not read as a bind parameter.
    session.execute(sa.text(str(statement).replace(":", "\\:")))


def disable_person(session: ZeroMileSession, login: str) -> Inspector:
    """Mark the person inactive; on PostgreSQL their login can no longer connect. Their
    history stays as it was."""
    require_administrator(session, "disabling a login")
    if _is_postgres(session) and not _database_administrator(session):
        raise PermissionRefused(
            "disabling a login of the shared store changes its login role: run it with the "
            "database administrator's login"
        )
    person = person_for_login(session, login.strip())
    if person is None:
        raise NotFoundError(f"no person with login {login.strip()!r}")
    if person.login == acting_login(session):
        raise ValidationError([("login", "you cannot disable your own login")])
    person.active = False
    session.flush()
    if _is_postgres(session):
        _utility(session, "ALTER ROLE %I NOLOGIN", login.strip())
        _end_sessions(session, login.strip())
    return person


def _end_sessions(session: ZeroMileSession, login: str) -> None:
    """End the disabled login's open connections to this database, where the acting
    login may (a superuser, or a member of ``pg_signal_backend``); the others see no
    case from now on anyway (``zeromile_my_units`` counts active persons only)."""
    session.execute(
        sa.text(
            "SELECT pg_terminate_backend(a.pid) FROM pg_stat_activity a "
            "WHERE a.usename = :l AND a.datname = current_database() "
            "AND a.pid <> pg_backend_pid() AND ((SELECT rolsuper FROM pg_roles "
            "WHERE rolname = current_user) OR pg_has_role(current_user, 'pg_signal_backend', "
            "'MEMBER'))"
        ),
        {"l": login},
    )


def join_unit(session: ZeroMileSession, login: str, code: str) -> Unit:
    """Add a unit to a registered person's units (an administrator's change): from then
    on they see its cases. Idempotent."""
    require_administrator(session, "adding a person to a unit")
    person = person_for_login(session, login.strip())
    if person is None:
        raise NotFoundError(f"no person with login {login.strip()!r}")
    unit = get_unit(session, code)
    assert person.id is not None and unit.id is not None
    if unit.id not in {u.id for u in units_of(session, person)}:
        session.add(UnitMember(inspector_id=person.id, unit_id=unit.id))
        session.flush()
    return unit


@dataclass(frozen=True)
class PersonRow:
    login: str | None
    name: str
    badge: str
    role: str
    units: tuple[str, ...]
    active: bool


def list_people(session: ZeroMileSession) -> list[PersonRow]:
    """Everyone registered, by name, with their units."""
    rows = session.execute(
        select(UnitMember.inspector_id, Unit.code).join(Unit, col(Unit.id) == UnitMember.unit_id)
    ).all()
    units: dict[int, list[str]] = {}
    for inspector_id, code in rows:
        units.setdefault(inspector_id, []).append(code)
    return [
        PersonRow(
            p.login,
            p.name,
            p.badge_number,
            p.role,
            tuple(sorted(units.get(p.id or 0, []))),
            p.active,
        )
        for p in session.exec(select(Inspector).order_by(col(Inspector.name)))
    ]


@dataclass(frozen=True)
class Whoami:
    login: str
    person: str | None
    role: str | None
    units: tuple[str, ...]
    #: True on PostgreSQL: the server authenticated the login and enforces its rights.
    server_enforced: bool


def whoami(session: ZeroMileSession) -> Whoami:
    login = acting_login(session)
    person = person_for_login(session, login)
    return Whoami(
        login=login,
        person=label_of(person, login) if person is not None else None,
        role=person.role if person is not None else None,
        units=tuple(u.code for u in units_of(session, person)) if person is not None else (),
        server_enforced=_is_postgres(session),
    )
