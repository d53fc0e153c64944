"""China, Russia/EAEU, Jordan and Uzbekistan rules of rules.md, at their boundaries."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from core.reference import load_reference
from core.rules.engine import PackLibrary, VehicleInput, evaluate
from core.rules.facts import build_facts
from core.rules.outcome import Status
from core.rules.packs import builtin_packs, parse_pack

from .conftest import TODAY, Judge, base_row

D = dt.date
FIRED, CLEAR, UNKNOWN = Status.FIRED, Status.CLEAR, Status.NOT_EVALUABLE


# ---- CN-180D ----


def licence(first: dt.date, days: int) -> dict[str, object]:
    return {
        "first_registration_date": first,
        "export_licence_date": first + dt.timedelta(days=days),
        "export_deregistration_date": first + dt.timedelta(days=days),
        "manufacturer_letter": False,
    }


@pytest.mark.parametrize(
    ("first", "days", "expected"),
    [
        (D(2025, 9, 1), 180, FIRED),  # licence 2026-02-28
        (D(2025, 9, 1), 181, CLEAR),
        (D(2025, 9, 1), 179, FIRED),
        (D(2025, 7, 5), 180, FIRED),  # licence 2026-01-01, the first day of the rule
        (D(2025, 7, 4), 180, CLEAR),  # licence 2025-12-31: before the rule
        (D(2025, 12, 31), 0, CLEAR),  # licence 2025-12-31
        (D(2026, 1, 1), 0, FIRED),
    ],
)
def test_cn_180d_boundaries(judge: Judge, first: dt.date, days: int, expected: Status) -> None:
    assert judge("CN-180D", **licence(first, days)).status is expected


def test_cn_180d_letter_present_clears(judge: Judge) -> None:
    assert (
        judge("CN-180D", **{**licence(D(2026, 1, 5), 10), "manufacturer_letter": True}).status
        is CLEAR
    )


def test_cn_180d_unknown_letter_is_not_evaluable(judge: Judge) -> None:
    outcome = judge("CN-180D", **{**licence(D(2026, 1, 5), 10), "manufacturer_letter": None})
    assert (outcome.status, outcome.missing) == (UNKNOWN, ("manufacturer_letter",))


def test_cn_180d_unknown_registration(judge: Judge) -> None:
    outcome = judge("CN-180D", first_registration_date=None, manufacturer_letter=False)
    assert outcome.missing == ("first_registration_date",)


# ---- RU-DEALER ----


def test_ru_dealer_fires_for_a_dealer_brand_zero_mileage_car(judge: Judge) -> None:
    outcome = judge("RU-DEALER")
    assert outcome.status is FIRED
    assert any("Chery has an authorised dealer in RU" in c.en for c in outcome.clauses)


@pytest.mark.parametrize("make", ["BYD", "Li Auto", "Zeekr", "Xiaomi", "NIO", "XPeng"])
def test_ru_dealer_brands_without_dealers_are_clear(judge: Judge, make: str) -> None:
    assert judge("RU-DEALER", make=make).status is CLEAR


@pytest.mark.parametrize(
    "make",
    [
        "Chery",
        "Haval",
        "Geely",
        "Changan",
        "Exeed",
        "Omoda",
        "Jaecoo",
        "Jetour",
        "Tank",
        "GAC",
        "Hongqi",
        "Voyah",
    ],
)
def test_ru_dealer_brand_list(judge: Judge, make: str) -> None:
    assert judge("RU-DEALER", make=make.upper()).status is FIRED


def test_ru_dealer_depends_on_the_import_date(judge: Judge) -> None:
    # The shipped ru-eaeu pack is valid from 2025-12-01: it never judges a 2022 import.
    assert judge("RU-DEALER", make="Omoda", import_declaration_date=D(2022, 9, 1)).status is CLEAR
    # With a version in force since 2020, the dealer table's dates decide: Omoda's Russian
    # dealer network dates from 2022-09-01 in the reference table.
    earlier = []
    for shipped in builtin_packs():
        if shipped.id == "ru-eaeu":
            text = re.sub(r"valid_from = \S+", "valid_from = 2020-01-01", shipped.content, count=1)
            text = text.replace('version = "1.0.0"', 'version = "0.9.0"', 1)
            earlier.append(parse_pack(text, f"{shipped.id}-0.9.toml"))
    library = PackLibrary([*builtin_packs(), *earlier])
    reference = load_reference()

    def outcome(day: dt.date) -> Status:
        facts = build_facts(
            base_row(make="Omoda", import_declaration_date=day), reference, today=TODAY
        )
        (evaluation,) = [
            e
            for e in evaluate([VehicleInput(facts)], library, reference, today=TODAY)[0]
            if e.rule.id == "RU-DEALER"
        ]
        assert evaluation.pack.version == "0.9.0" and evaluation.version_date == day
        return evaluation.outcome.status

    assert outcome(D(2022, 8, 31)) is CLEAR
    assert outcome(D(2022, 9, 1)) is FIRED


def test_ru_dealer_needs_a_zero_mileage_indicator(judge: Judge) -> None:
    far = {
        "odometer_km": Decimal(20000),
        "export_deregistration_date": D(2026, 12, 1),
        "export_licence_date": D(2026, 12, 1),
        "export_declaration_date": D(2026, 12, 2),
    }
    assert judge("RU-DEALER", **far).status is CLEAR


def test_ru_dealer_other_destinations_and_new_cars_are_clear(judge: Judge) -> None:
    assert judge("RU-DEALER", destination_country="KZ").status is CLEAR
    assert judge("RU-DEALER", declared_condition="new").status is CLEAR


def test_ru_dealer_unknown_import_date(judge: Judge) -> None:
    assert judge("RU-DEALER", import_declaration_date=None).missing == ("import_declaration_date",)


# ---- RU-UTIL-160 ----


@pytest.mark.parametrize(
    ("hp", "day", "expected"),
    [
        ("160", D(2025, 12, 1), CLEAR),
        ("160.1", D(2025, 12, 1), FIRED),
        ("161", D(2025, 12, 1), FIRED),
        ("238", D(2025, 11, 30), CLEAR),
        ("238", D(2026, 3, 20), FIRED),
    ],
)
def test_ru_util_160(judge: Judge, hp: str, day: dt.date, expected: Status) -> None:
    outcome = judge(
        "RU-UTIL-160",
        power_hp=Decimal(hp),
        import_declaration_date=day,
        preferential_fee_claimed=True,
    )
    assert outcome.status is expected


def test_ru_util_160_not_claimed_or_unknown(judge: Judge) -> None:
    assert judge("RU-UTIL-160", power_hp=Decimal(238)).status is CLEAR
    unknown = judge("RU-UTIL-160", power_hp=Decimal(238), preferential_fee_claimed=None)
    assert unknown.missing == ("preferential_fee_claimed",)


# ---- EAEU-OTTS ----


@pytest.mark.parametrize(
    ("production", "imported", "expected"),
    [
        (D(2023, 3, 1), D(2026, 2, 28), FIRED),  # 2 whole years
        (D(2023, 3, 1), D(2026, 3, 1), CLEAR),  # 3 years exactly
        (D(2024, 2, 29), D(2027, 2, 28), FIRED),
    ],
)
def test_eaeu_otts_age(
    judge: Judge, production: dt.date, imported: dt.date, expected: Status
) -> None:
    outcome = judge(
        "EAEU-OTTS",
        production_date=production,
        first_registration_date=None,
        export_deregistration_date=None,
        export_licence_date=None,
        export_declaration_date=None,
        import_declaration_date=imported,
        conformity_doc="SBKTS",
    )
    assert outcome.status is expected


def test_eaeu_otts_falls_back_to_the_model_year(judge: Judge) -> None:
    common = {"production_date": None, "model_year": 2023, "conformity_doc": "SBKTS"}
    assert judge("EAEU-OTTS", import_declaration_date=D(2025, 12, 31), **common).status is FIRED
    assert judge("EAEU-OTTS", import_declaration_date=D(2026, 1, 1), **common).status is CLEAR


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"conformity_doc": "OTTS"}, CLEAR),
        ({"conformity_doc": "none"}, FIRED),
        ({"conformity_doc": "SBKTS", "importer_type": "individual"}, CLEAR),
        ({"conformity_doc": "SBKTS", "destination_country": "KG"}, FIRED),
        ({"conformity_doc": "SBKTS", "destination_country": "AM"}, FIRED),
        ({"conformity_doc": "SBKTS", "destination_country": "UZ"}, CLEAR),
    ],
)
def test_eaeu_otts_conditions(judge: Judge, overrides: dict[str, object], expected: Status) -> None:
    assert judge("EAEU-OTTS", **overrides).status is expected


def test_eaeu_otts_unknown_document(judge: Judge) -> None:
    assert judge("EAEU-OTTS", conformity_doc=None).missing == ("conformity_doc",)


# ---- JO-EV-AGE ----


@pytest.mark.parametrize(
    ("model_year", "imported", "expected"),
    [
        (2023, D(2026, 1, 26), FIRED),  # 2026 - 3 = 2023
        (2024, D(2026, 1, 26), CLEAR),
        (2022, D(2025, 11, 1), FIRED),
        (2022, D(2025, 10, 31), CLEAR),  # before the decision took effect
    ],
)
def test_jo_ev_age(judge: Judge, model_year: int, imported: dt.date, expected: Status) -> None:
    outcome = judge(
        "JO-EV-AGE",
        destination_country="JO",
        fuel_type="ev",
        model_year=model_year,
        import_declaration_date=imported,
    )
    assert outcome.status is expected


def test_jo_ev_age_only_for_evs_to_jordan(judge: Judge) -> None:
    common = {"model_year": 2020, "import_declaration_date": D(2026, 1, 26)}
    assert judge("JO-EV-AGE", destination_country="JO", fuel_type="phev", **common).status is CLEAR
    assert judge("JO-EV-AGE", destination_country="RU", fuel_type="ev", **common).status is CLEAR
    unknown = judge("JO-EV-AGE", destination_country="JO", fuel_type=None, **common)
    assert unknown.missing == ("fuel_type",)


# ---- JO-CONFORMITY ----


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"declared_condition": "new", "conformity_doc": "none"}, FIRED),
        ({"declared_condition": "new", "conformity_doc": "GCC"}, CLEAR),
        ({"declared_condition": "new", "conformity_doc": "SASO"}, CLEAR),
        ({"declared_condition": "used", "conformity_doc": "SBKTS"}, FIRED),  # ZM-STRONG fires
        (
            {"declared_condition": "used", "conformity_doc": "none", "odometer_km": Decimal(40000)},
            CLEAR,
        ),
        (
            {
                "declared_condition": "new",
                "conformity_doc": "none",
                "import_declaration_date": D(2025, 10, 31),
            },
            CLEAR,
        ),
        (
            {
                "declared_condition": "new",
                "conformity_doc": "none",
                "import_declaration_date": D(2025, 11, 1),
            },
            FIRED,
        ),
    ],
)
def test_jo_conformity(judge: Judge, overrides: dict[str, object], expected: Status) -> None:
    assert judge("JO-CONFORMITY", destination_country="JO", **overrides).status is expected


def test_jo_conformity_unknown_document(judge: Judge) -> None:
    outcome = judge("JO-CONFORMITY", destination_country="JO", conformity_doc=None)
    assert outcome.missing == ("conformity_doc",)


# ---- UZ-CERT-HOLDER ----


@pytest.mark.parametrize(
    ("holder", "day", "expected"),
    [
        ("Other Person LLC", D(2024, 4, 1), FIRED),
        ("Other Person LLC", D(2024, 3, 31), CLEAR),
        ("  too avto-tranzit ", D(2025, 1, 1), CLEAR),  # same, trimmed and case-insensitive
    ],
)
def test_uz_cert_holder(judge: Judge, holder: str, day: dt.date, expected: Status) -> None:
    outcome = judge(
        "UZ-CERT-HOLDER",
        destination_country="UZ",
        conformity_holder=holder,
        import_declaration_date=day,
    )
    assert outcome.status is expected


def test_uz_cert_holder_needs_both_names(judge: Judge) -> None:
    outcome = judge("UZ-CERT-HOLDER", destination_country="UZ", conformity_holder=None)
    assert (outcome.status, outcome.missing) == (UNKNOWN, ("conformity_holder",))
