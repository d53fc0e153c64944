"""The bounds of stored values come from the column types (core.domain.bounds)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.domain import bounds
from core.domain.case import Case
from core.domain.declaration_import import DeclarationImport
from core.domain.evidence import IntegrityCheck
from core.domain.note import Note
from core.domain.vehicle import Vehicle
from core.persistence.guard import record_problems


@pytest.mark.parametrize(
    ("field", "value", "fits"),
    [
        ("odometer_km", Decimal("999999999.999"), True),  # Numeric(12, 3): below 10**9
        ("odometer_km", Decimal("1e9"), False),
        ("odometer_km", Decimal("9e999"), False),  # read as a finite Decimal, yet too large
        ("odometer_km", float("inf"), False),
        ("odometer_km", Decimal("NaN"), False),
        ("declared_value", Decimal("250000000000000"), False),  # Numeric(16, 2)
        ("declared_value", Decimal("99999999999999.99"), True),
        ("engine_cc", 2**31 - 1, True),  # Integer
        ("engine_cc", 2**31, False),
        ("make", "x" * 100, True),  # String(100)
        ("make", "x" * 101, False),
        ("manufacturer_letter", True, True),
        ("production_date", None, True),
    ],
)
def test_a_value_fits_its_column_or_is_refused_with_a_reason(
    field: str, value: object, fits: bool
) -> None:
    reason = bounds.bound(Vehicle, field).problem(value)
    assert (reason is None) is fits, reason
    if not fits:
        with pytest.raises(ValueError, match=r"too large|characters long|not a finite"):
            bounds.check(Vehicle, field, value)


def test_typed_free_text_has_an_input_limit_and_what_the_program_writes_has_none() -> None:
    assert bounds.bound(Note, "text").max_chars == bounds.TEXT_LIMIT
    assert bounds.bound(DeclarationImport, "report").problem("x" * 500_000) is None
    assert bounds.bound(IntegrityCheck, "failures").problem("x" * 500_000) is None


def test_a_record_names_each_field_over_its_column() -> None:
    case = Case(reference="ZM-2026-0001", title="t" * 10_000, jurisdiction="K" * 3)
    assert record_problems(case) == [
        ("case title", "is 10,000 characters long; at most 500 allowed"),
        ("case jurisdiction", "is 3 characters long; at most 2 allowed"),
    ]


def test_a_number_is_judged_as_the_column_rounds_it() -> None:
    power = bounds.bound(Vehicle, "power_hp")  # Numeric(8, 1)
    assert power.problem(Decimal("9999999.94")) is None
    assert power.problem(Decimal("9999999.96")) == (
        "9,999,999.96 is too large (at most 9,999,999.9)"
    )
