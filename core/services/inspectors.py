"""Inspectors: add, find by badge, list."""

from __future__ import annotations

from sqlmodel import col, select

from core.domain.fields import check_fit
from core.domain.inspector import Inspector, InspectorRole
from core.errors import NotFoundError, ValidationError
from core.persistence.store import ZeroMileSession


def add_inspector(
    session: ZeroMileSession, *, name: str, badge_number: str, role: InspectorRole
) -> Inspector:
    """Register an inspector; the badge number must be new."""
    name, badge_number = name.strip(), badge_number.strip()
    problems = []
    if not name:
        problems.append(("name", "is required"))
    if not badge_number:
        problems.append(("badge_number", "is required"))
    elif session.exec(select(Inspector).where(Inspector.badge_number == badge_number)).first():
        problems.append(("badge_number", f"{badge_number!r} is already registered"))
    if problems:
        raise ValidationError(problems)
    check_fit(Inspector, {"name": name, "badge_number": badge_number})
    inspector = Inspector(name=name, badge_number=badge_number, role=role.value)
    session.add(inspector)
    session.flush()
    return inspector


def get_inspector(session: ZeroMileSession, badge_number: str) -> Inspector:
    found = session.exec(
        select(Inspector).where(Inspector.badge_number == badge_number.strip())
    ).first()
    if found is None:
        raise NotFoundError(f"no inspector with badge {badge_number.strip()!r}")
    return found


def list_inspectors(session: ZeroMileSession) -> list[Inspector]:
    return list(session.exec(select(Inspector).order_by(col(Inspector.name))))
