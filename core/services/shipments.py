"""Shipments of a case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlmodel import col, select

from core.domain.case import Case
from core.domain.fields import SHIPMENT_FIELDS, check_fit
from core.domain.shipment import Shipment
from core.errors import NotFoundError, ValidationError
from core.persistence.store import ZeroMileSession
from core.persistence.unit_of_work import set_reason
from core.services._editing import apply_changes, check_reason

EDITABLE_FIELDS = frozenset(s.name for s in SHIPMENT_FIELDS)


def _check(facts: Mapping[str, object]) -> None:
    dep, arr = facts.get("departure_date"), facts.get("arrival_date")
    if isinstance(dep, dt.date) and isinstance(arr, dt.date) and arr < dep:
        raise ValidationError(
            [("arrival_date", f"{arr.isoformat()} is before departure {dep.isoformat()}")]
        )


def _check_fields(values: Mapping[str, object]) -> None:
    unknown = set(values) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError([(k, "is not a shipment field") for k in sorted(unknown)])


def add_shipment(session: ZeroMileSession, case: Case, values: Mapping[str, object]) -> Shipment:
    """Add a shipment to ``case`` from parsed field values (refused if the store cannot
    hold one)."""
    _check_fields(values)
    check_fit(Shipment, values)
    _check(values)
    assert case.id is not None
    shipment = Shipment(case_id=case.id)
    for key, value in values.items():
        setattr(shipment, key, value)
    session.add(shipment)
    session.flush()
    return shipment


def update_shipment(
    session: ZeroMileSession,
    shipment: Shipment,
    changes: Mapping[str, object],
    *,
    expected_version: int | None = None,
    reason: str | None = None,
) -> Shipment:
    _check_fields(changes)
    merged = {k: getattr(shipment, k) for k in EDITABLE_FIELDS} | dict(changes)
    _check(merged)
    check_reason(reason)
    set_reason(session, reason)
    apply_changes(session, shipment, changes, expected_version=expected_version)
    return shipment


def list_shipments(session: ZeroMileSession, case: Case) -> list[Shipment]:
    return list(
        session.exec(select(Shipment).where(Shipment.case_id == case.id).order_by(col(Shipment.id)))
    )


def get_shipment(session: ZeroMileSession, case: Case, shipment_id: int) -> Shipment:
    """The shipment of ``case`` with primary key ``shipment_id`` (never matched by its
    declaration number or reference); ``NotFoundError`` if ``case`` has none such."""
    shipment = session.get(Shipment, shipment_id)
    if shipment is None or shipment.case_id != case.id:
        raise NotFoundError(f"case {case.reference} has no shipment with id {shipment_id}")
    return shipment


def find_shipment(session: ZeroMileSession, case: Case, key: str) -> Shipment:
    """A shipment of ``case`` by id, declaration number or shipment reference."""
    key = key.strip()
    for shipment in list_shipments(session, case):
        if key in (str(shipment.id), shipment.declaration_no, shipment.shipment_ref):
            return shipment
    raise NotFoundError(f"case {case.reference} has no shipment {key!r}")
