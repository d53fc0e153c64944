"""People and units as the store knows them: who the acting login is, which person and
units it belongs to, and which unit a new case goes to.

The login is never taken from the client: on PostgreSQL it is the server's
``session_user``, on SQLite the operating-system login (see ``core.identity``).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import col, select

from core.domain.inspector import Inspector, InspectorRole
from core.domain.unit import DEFAULT_UNIT_CODE, Unit, UnitMember
from core.errors import NotFoundError, ValidationError
from core.identity import os_login
from core.persistence.store import ZeroMileSession


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
