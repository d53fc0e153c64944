"""The bounds of stored values come from the column types (core.domain.bounds)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.domain import bounds
from core.domain.case import Case
from core.domain.note import Note
from core.domain.vehicle import Vehicle


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


def test_free_text_has_an_input_limit_and_a_record_names_each_field_over_it() -> None:
    assert bounds.bound(Note, "text").max_chars == bounds.TEXT_LIMIT
    case = Case(reference="ZM-2026-0001", title="t" * 10_000, jurisdiction="K" * 3)
    assert bounds.problems(case) == [
        ("title", "is 10,000 characters long; at most 500 allowed"),
        ("jurisdiction", "is 3 characters long; at most 2 allowed"),
    ]
