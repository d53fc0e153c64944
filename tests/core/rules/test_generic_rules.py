"""Generic indicators of rules.md, at their boundaries, with unknown facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from core.reference import ReferenceData, load_reference
from core.rules.facts import build_facts
from core.rules.outcome import Status

from .conftest import TODAY, Judge, base_row

D = dt.date
FIRED, CLEAR, UNKNOWN = Status.FIRED, Status.CLEAR, Status.NOT_EVALUABLE
# first registration 2026-02-03; registered N days = deregistration on 2026-02-03 + N
REG = D(2026, 2, 3)


def registered(days: int) -> dict[str, object]:
    end = REG + dt.timedelta(days=days)
    return {
        "first_registration_date": REG,
        "export_deregistration_date": end,
        "export_licence_date": end,
        "export_declaration_date": end + dt.timedelta(days=1),
    }


# ---- ZM-STRONG: used and odometer <= 50 and days_registered <= 90 ----


@pytest.mark.parametrize(
    ("km", "days", "expected"),
    [
        (50, 90, FIRED),
        (49, 89, FIRED),
        (51, 90, CLEAR),
        (50, 91, CLEAR),
        (Decimal("50.1"), 10, CLEAR),
        (0, 0, FIRED),
    ],
)
def test_zm_strong_boundaries(judge: Judge, km: object, days: int, expected: Status) -> None:
    assert judge("ZM-STRONG", odometer_km=Decimal(km), **registered(days)).status is expected


def test_zm_strong_explains_in_the_catalogue_form(judge: Judge) -> None:
    outcome = judge("ZM-STRONG", odometer_km=Decimal(12), **registered(7))
    text = "; ".join(c.en for c in outcome.clauses)
    assert "odometer 12 km ≤ 50 km; registered 7 days (2026-02-03 → 2026-02-10) ≤ 90 days" in text
    assert "пробег 12 км ≤ 50 км" in "; ".join(c.ru for c in outcome.clauses)


def test_days_registered_ends_at_the_earliest_export_date(judge: Judge) -> None:
    outcome = judge(
        "ZM-STRONG",
        export_deregistration_date=D(2026, 5, 1),
        export_licence_date=D(2026, 2, 10),
        export_declaration_date=None,
    )
    assert outcome.status is FIRED
    assert "(2026-02-03 → 2026-02-10)" in outcome.clauses[-1].en


def test_zm_strong_new_cars_are_clear(judge: Judge) -> None:
    assert judge("ZM-STRONG", declared_condition="new").status is CLEAR


def test_zm_strong_unknown_odometer_is_not_evaluable(judge: Judge) -> None:
    outcome = judge("ZM-STRONG", odometer_km=None)
    assert (outcome.status, outcome.missing) == (UNKNOWN, ("odometer_km",))


def test_zm_strong_unknown_registration_names_what_to_collect(judge: Judge) -> None:
    outcome = judge(
        "ZM-STRONG",
        export_deregistration_date=None,
        export_licence_date=None,
        export_declaration_date=None,
    )
    assert outcome.status is UNKNOWN
    assert outcome.missing == (
        "export_deregistration_date|export_licence_date|export_declaration_date",
    )
    assert judge("ZM-STRONG", first_registration_date=None).missing == ("first_registration_date",)


def test_zm_strong_a_known_fact_can_decide_despite_unknowns(judge: Judge) -> None:
    assert (
        judge("ZM-STRONG", odometer_km=Decimal(900), first_registration_date=None).status is CLEAR
    )


# ---- ZM-NEAR: used, ZM-STRONG does not fire, odometer <= 500 or days <= 180 ----


@pytest.mark.parametrize(
    ("km", "days", "expected"),
    [
        (500, 181, FIRED),  # odometer alone
        (501, 180, FIRED),  # registration alone
        (501, 181, CLEAR),
        (499, 500, FIRED),
        (51, 10, FIRED),  # strong misses on odometer
        (10, 91, FIRED),  # strong misses on days
        (10, 10, CLEAR),  # strong fires instead
    ],
)
def test_zm_near_boundaries(judge: Judge, km: int, days: int, expected: Status) -> None:
    assert judge("ZM-NEAR", odometer_km=Decimal(km), **registered(days)).status is expected


def test_zm_near_either_known_fact_is_enough(judge: Judge) -> None:
    assert judge("ZM-NEAR", odometer_km=Decimal(400), first_registration_date=None).status is FIRED
    assert judge("ZM-NEAR", odometer_km=None, **registered(100)).status is FIRED


def test_zm_near_unknown_when_the_known_fact_misses(judge: Judge) -> None:
    outcome = judge("ZM-NEAR", odometer_km=Decimal(900), first_registration_date=None)
    assert (outcome.status, outcome.missing) == (UNKNOWN, ("first_registration_date",))


def test_zm_near_new_cars_are_clear(judge: Judge) -> None:
    assert judge("ZM-NEAR", declared_condition="new", odometer_km=Decimal(100)).status is CLEAR


# ---- VIN-FORMAT, VIN-CHECK, VIN-YEAR ----


@pytest.mark.parametrize(
    ("vin", "expected"),
    [
        ("LVVDB21B9TD439563", CLEAR),
        ("lvv-db21b9 td439563", CLEAR),
        ("LVVDB21B9TD43956", FIRED),
        ("LVVDB21B9TD4395633", FIRED),
        ("LVVDB21B9TD43956O", FIRED),
        ("LVVDB21B9TD43956I", FIRED),
        ("LVVDB21B9TD43956Q", FIRED),
    ],
)
def test_vin_format(judge: Judge, vin: str, expected: Status) -> None:
    assert judge("VIN-FORMAT", vin=vin).status is expected


def test_vin_format_names_the_length(judge: Judge) -> None:
    assert "has 16 characters" in judge("VIN-FORMAT", vin="LVVDB21B9TD43956").clauses[0].en


@pytest.mark.parametrize(
    ("vin", "expected"),
    [
        ("LVVDB21B9TD439563", CLEAR),  # right check digit
        ("LVVDB21B8TD439563", FIRED),  # Chinese, wrong digit
        ("WVWZZZ1JZ3W386752", CLEAR),  # not Chinese: not this rule's business
        ("LVVDB21B8TD43956", CLEAR),  # malformed: VIN-FORMAT speaks
    ],
)
def test_vin_check(judge: Judge, vin: str, expected: Status) -> None:
    assert judge("VIN-CHECK", vin=vin).status is expected


def test_vin_check_explains_expected_digit(judge: Judge) -> None:
    assert "check digit is 9" in judge("VIN-CHECK", vin="LVVDB21B8TD439563").clauses[0].en


@pytest.mark.parametrize(
    ("year", "expected"), [(2026, CLEAR), (1996, CLEAR), (2025, FIRED), (2027, FIRED)]
)
def test_vin_year(judge: Judge, year: int, expected: Status) -> None:
    # position 10 of LVVDB21B9TD439563 is T = 1996/2026
    assert judge("VIN-YEAR", model_year=year).status is expected


def test_vin_year_unknown_model_year(judge: Judge) -> None:
    assert judge("VIN-YEAR", model_year=None).missing == ("model_year",)


def test_vin_year_ignores_codes_that_are_not_years(judge: Judge) -> None:
    assert judge("VIN-YEAR", vin="LVVDB21B9UD439563", model_year=1990).status is CLEAR


# ---- VALUE-FLOOR: declared_value / reference_price < 0.70 ----


@pytest.mark.parametrize(
    ("value", "expected"), [(7000, CLEAR), (Decimal("6999.99"), FIRED), (12000, CLEAR), (0, FIRED)]
)
def test_value_floor_with_a_reference_price_from_the_file(
    judge: Judge, value: object, expected: Status
) -> None:
    outcome = judge("VALUE-FLOOR", declared_value=Decimal(value), reference_price=Decimal(10000))
    assert outcome.status is expected


def test_value_floor_looks_up_the_reference_price(judge: Judge) -> None:
    # Chery Tiggo 7 Pro 2026, lowest export FOB trim: 12,500 USD
    fired = judge("VALUE-FLOOR", declared_value=Decimal(8749))
    assert fired.status is FIRED and "12500 USD" in fired.clauses[0].en
    assert judge("VALUE-FLOOR", declared_value=Decimal(8750)).status is CLEAR


def test_value_floor_needs_the_same_currency(judge: Judge) -> None:
    outcome = judge("VALUE-FLOOR", currency="EUR", declared_value=Decimal(100))
    assert (outcome.status, outcome.missing) == (UNKNOWN, ("reference_price",))


def test_value_floor_with_an_unknown_import_date_uses_prices_valid_on_the_day(
    judge: Judge,
) -> None:
    """rules.md: price validity dates hold even when the import date is unknown: the day
    of evaluation (2026-12-01 here) decides, and the explanation says so."""
    fired = judge("VALUE-FLOOR", declared_value=Decimal(8749), import_declaration_date=None)
    assert fired.status is FIRED
    assert "import date unknown: price valid on 2026-12-01 used" in fired.clauses[0].en
    reference = load_reference()
    ended = ReferenceData(
        **{
            **{f: getattr(reference, f) for f in ("wmis", "presence", "border_posts")},
            "prices": tuple(replace(p, valid_to=D(2026, 6, 30)) for p in reference.prices),
            "document_types": reference.document_types,
            "content_hash": "ended",
            "sources": reference.sources,
        }
    )
    row = base_row(declared_value=Decimal(8749), import_declaration_date=None)
    assert build_facts(row, ended, today=TODAY)["reference_price"] is None  # no longer valid
    assert build_facts(row, ended, today=D(2026, 6, 30))["reference_price"] == Decimal(12500)


def test_value_floor_unknowns(judge: Judge) -> None:
    assert judge("VALUE-FLOOR", declared_value=None).missing == ("declared_value",)
    assert judge("VALUE-FLOOR", currency=None).missing == ("currency", "reference_price")


# ---- BATCH-REG: >= 5 of one shipment, one legal-entity owner, registrations within 3 days ----


def batch(days: list[int], **extra: object) -> list[dict[str, object]]:
    return [
        {
            "first_registration_date": REG + dt.timedelta(days=d),
            "vin": f"LVVDB21B9TD43{i:04d}",
            **extra,
        }
        for i, d in enumerate(days)
    ]


def test_batch_reg_five_within_three_days_all_fire(judge_many) -> None:  # type: ignore[no-untyped-def]
    outcomes = judge_many("BATCH-REG", batch([0, 1, 2, 3, 3]))
    assert [o.status for o in outcomes] == [FIRED] * 5
    assert "5 vehicles" in outcomes[0].clauses[0].en


def test_batch_reg_four_days_apart_does_not_fire(judge_many) -> None:  # type: ignore[no-untyped-def]
    assert {o.status for o in judge_many("BATCH-REG", batch([0, 1, 2, 3, 4]))} == {CLEAR}


def test_batch_reg_needs_five(judge_many) -> None:  # type: ignore[no-untyped-def]
    assert {o.status for o in judge_many("BATCH-REG", batch([0, 0, 0, 0]))} == {CLEAR}


def test_batch_reg_owner_names_compare_trimmed_and_case_insensitively(judge_many) -> None:  # type: ignore[no-untyped-def]
    rows = batch([0, 0, 1, 1, 2])
    for row, name in zip(
        rows, ["ACME Ltd", " acme ltd ", "Acme  Ltd", "ACME LTD", "acme ltd"], strict=True
    ):
        row["registered_owner"] = name
    assert {o.status for o in judge_many("BATCH-REG", rows)} == {FIRED}


def test_batch_reg_individual_owners_do_not_count(judge_many) -> None:  # type: ignore[no-untyped-def]
    rows = batch([0, 0, 0, 0, 0], registered_owner_type="individual")
    assert {o.status for o in judge_many("BATCH-REG", rows)} == {CLEAR}


def test_batch_reg_stays_within_one_shipment(judge_many) -> None:  # type: ignore[no-untyped-def]
    rows = batch([0, 0, 0, 0, 0])
    rows[4]["_group"] = "s2"
    assert {o.status for o in judge_many("BATCH-REG", rows)} == {CLEAR}


def test_batch_reg_a_cluster_fires_and_the_straggler_does_not(judge_many) -> None:  # type: ignore[no-untyped-def]
    outcomes = judge_many("BATCH-REG", batch([0, 1, 1, 2, 3, 30]))
    assert [o.status for o in outcomes] == [FIRED] * 5 + [CLEAR]


def test_batch_reg_unknown_registration_is_not_evaluable(judge_many) -> None:  # type: ignore[no-untyped-def]
    rows = batch([0, 0, 0, 0, 0])
    rows[0]["first_registration_date"] = None
    outcomes = judge_many("BATCH-REG", rows)
    assert outcomes[0].missing == ("first_registration_date",)
    assert {o.status for o in outcomes[1:]} == {CLEAR}


# ---- DUP-VIN ----


def test_dup_vin_in_one_file_fires_on_each_copy(judge_many) -> None:  # type: ignore[no-untyped-def]
    rows = [
        {"vin": "LVVDB21B9TD439563"},
        {"vin": "LVVDB21B6TD258176"},
        {"vin": "lvv-db21b9-td439563"},
    ]
    outcomes = judge_many("DUP-VIN", rows)
    assert [o.status for o in outcomes] == [FIRED, CLEAR, FIRED]
    assert "occurs 2 times; also in rows 4 of this file" in outcomes[0].clauses[0].en
    assert "also in rows 2 of this file" in outcomes[2].clauses[0].en
