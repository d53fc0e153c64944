"""Impossible vehicle facts are refused; odd ones are flagged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from core.domain.vehicle_checks import Severity, check_vehicle
from core.domain.vin import expected_check_digit, format_problem, normalise_vin

TODAY = dt.date(2026, 11, 28)
GOOD_VIN = "LVVDB21B9TD439563"


def problems(**facts: object) -> dict[str, Severity]:
    facts.setdefault("vin", GOOD_VIN)
    return {p.field: p.severity for p in check_vehicle(facts, today=TODAY)}


def test_a_plausible_vehicle_has_no_problems() -> None:
    assert (
        problems(
            production_date=dt.date(2026, 1, 8),
            first_registration_date=dt.date(2026, 2, 3),
            export_deregistration_date=dt.date(2026, 2, 10),
            odometer_km=Decimal(12),
            model_year=2026,
        )
        == {}
    )


def test_a_vin_of_16_characters_is_recorded_as_declared_with_a_warning() -> None:
    found = check_vehicle({"vin": GOOD_VIN[:16]}, today=TODAY)
    assert [(p.field, p.severity) for p in found] == [("vin", Severity.WARNING)]
    assert "16 characters" in found[0].message and "recorded as declared" in found[0].message


def test_a_vehicle_without_a_vin_is_an_error() -> None:
    assert [(p.field, p.severity) for p in check_vehicle({"vin": ""}, today=TODAY)] == [
        ("vin", Severity.ERROR)
    ]


def test_vin_with_forbidden_letters_is_an_error() -> None:
    assert format_problem("LVVDB21B9TD43956O") is not None
    assert "'O'" in (format_problem("LVVDB21B9TD43956O") or "")


def test_an_invalid_vin_is_a_warning_never_a_refusal() -> None:
    found = check_vehicle({"vin": "ABC"}, today=TODAY)
    assert [(p.field, p.severity) for p in found] == [("vin", Severity.WARNING)]


def test_negative_odometer_is_an_error() -> None:
    assert problems(odometer_km=Decimal(-1)) == {"odometer_km": Severity.ERROR}


def test_zero_odometer_is_fine() -> None:
    assert problems(odometer_km=Decimal(0)) == {}


def test_registration_before_production_is_recorded_with_a_warning() -> None:
    found = check_vehicle(
        {
            "vin": GOOD_VIN,
            "production_date": dt.date(2026, 2, 1),
            "first_registration_date": dt.date(2026, 1, 31),
        },
        today=TODAY,
    )
    # recorded as declared: the rules make it the data-quality finding DQ-DATE-ORDER
    assert [(p.field, p.severity) for p in found] == [("first_registration_date", Severity.WARNING)]
    assert "2026-01-31 is before production 2026-02-01" in found[0].message


def test_registration_on_production_day_is_fine() -> None:
    day = dt.date(2026, 2, 1)
    assert problems(production_date=day, first_registration_date=day) == {}


def test_licence_before_registration_is_flagged_not_refused() -> None:
    assert problems(
        first_registration_date=dt.date(2026, 2, 3), export_licence_date=dt.date(2026, 2, 1)
    ) == {"export_licence_date": Severity.WARNING}


def test_model_year_bounds() -> None:
    assert problems(model_year=1979) == {"model_year": Severity.ERROR}
    assert problems(model_year=TODAY.year + 2) == {}
    assert problems(model_year=TODAY.year + 3) == {"model_year": Severity.ERROR}


def test_future_dates_are_flagged() -> None:
    assert problems(import_declaration_date=TODAY + dt.timedelta(days=30)) == {
        "import_declaration_date": Severity.WARNING
    }


def test_vin_normalisation_and_check_digit() -> None:
    assert normalise_vin(" lvv-db21b9 td439563 ") == GOOD_VIN
    assert expected_check_digit(GOOD_VIN) == "9"
    # 49 CFR 565 worked example: 1M8GDM9AXKP042788 has check digit X.
    assert expected_check_digit("1M8GDM9AXKP042788") == "X"
