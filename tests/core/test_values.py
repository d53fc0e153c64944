"""Values are read the way declarations.md says, whoever typed them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from core.domain import values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-02-03", dt.date(2026, 2, 3)),
        (" 03.02.2026 ", dt.date(2026, 2, 3)),
        ("3.2.2026", dt.date(2026, 2, 3)),
        ("29.02.2028", dt.date(2028, 2, 29)),
    ],
)
def test_dates_in_iso_and_post_soviet_forms(text: str, expected: dt.date) -> None:
    assert values.parse_date(text) == expected


@pytest.mark.parametrize("text", ["2026/02/03", "03-02-2026", "29.02.2026", "2026-13-01", "soon"])
def test_other_date_forms_are_refused_with_the_value_named(text: str) -> None:
    with pytest.raises(ValueError, match=repr(text.strip())[1:-1]):
        values.parse_date(text)


@pytest.mark.parametrize("text", ["yes", "Y", "TRUE", "1", "да", "Да"])
def test_yes(text: str) -> None:
    assert values.parse_yes_no(text) is True


@pytest.mark.parametrize("text", ["no", "n", "False", "0", "нет", "НЕТ"])
def test_no(text: str) -> None:
    assert values.parse_yes_no(text) is False


def test_yes_no_refuses_maybe() -> None:
    with pytest.raises(ValueError, match="not yes or no"):
        values.parse_yes_no("maybe")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 150 000", Decimal("1150000")),
        ("1\u00a0150\u202f000,50", Decimal("1150000.50")),
        ("7450.5", Decimal("7450.5")),
        ("7450,5", Decimal("7450.5")),
    ],
)
def test_numbers_with_group_separators_and_either_decimal_mark(
    text: str, expected: Decimal
) -> None:
    assert values.parse_decimal(text) == expected


@pytest.mark.parametrize("text", ["12a", "NaN", "Infinity", "", "1e400", "1_000", "0x10"])
def test_non_numbers_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        values.parse_decimal(text)


@pytest.mark.parametrize("text", ["1.234,5", "1,234.5"])
def test_both_decimal_marks_are_refused_not_guessed(text: str) -> None:
    with pytest.raises(ValueError, match="uses both"):
        values.parse_decimal(text)


def test_ambiguous_numbers_are_recognised() -> None:
    assert values.is_ambiguous_number("1,234") and values.is_ambiguous_number("12.500")
    assert values.is_ambiguous_number("1,234 km")
    assert not values.is_ambiguous_number("1 234,5")
    assert not values.is_ambiguous_number("12,5") and not values.is_ambiguous_number("1234")


@pytest.mark.parametrize(
    ("parse", "text", "reason"),
    [
        (values.parse_amount, "-5", "negative"),
        (values.parse_odometer_km, "-3 mi", "negative"),
        (values.parse_power, "-1", "negative"),
        (values.parse_count, "-1", "negative"),
        (values.parse_amount, "9e999", "not a number"),
        (values.parse_amount, "Infinity", "not a number"),
        (values.parse_power, "nan", "not a number"),
    ],
)
def test_values_that_are_never_negative_or_not_numbers_are_refused(
    parse: Callable[[str], object], text: str, reason: str
) -> None:
    with pytest.raises(ValueError, match=reason):
        parse(text)


def test_whole_numbers() -> None:
    assert values.parse_int("2 026") == 2026
    with pytest.raises(ValueError, match="whole number"):
        values.parse_int("1498.5")


def test_odometer_in_miles_is_converted_to_km() -> None:
    assert values.parse_odometer_km("12 mi") == Decimal("19.3")
    assert values.parse_odometer_km("120 miles") == Decimal("193.1")
    assert values.parse_odometer_km("35 km") == Decimal("35")
    assert values.parse_odometer_km("1 240 км") == Decimal("1240")


def test_country_and_currency_codes() -> None:
    assert values.parse_country(" kz ") == "KZ"
    assert values.parse_currency("rub") == "RUB"
    with pytest.raises(ValueError, match="ISO 3166"):
        values.parse_country("XX")
    with pytest.raises(ValueError, match="ISO 4217"):
        values.parse_currency("RUR")
