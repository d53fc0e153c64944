"""What a rule names as missing comes from the fact definitions (``DERIVATIONS``), and
those definitions agree with what ``build_facts`` actually derives."""

from __future__ import annotations

from typing import Any

import pytest

from core.reference import load_reference
from core.rules import kinds
from core.rules.expression import compile_condition
from core.rules.facts import (
    BASE_FACTS,
    DERIVATIONS,
    DERIVED_FACTS,
    Derivation,
    Facts,
    build_facts,
    inputs_of,
)
from core.rules.outcome import Status

from .conftest import TODAY, D, base_row

REFERENCE = load_reference()


def facts(**overrides: Any) -> Facts:
    return build_facts(base_row(**overrides), REFERENCE, today=TODAY)


class NoScope:
    reference = REFERENCE


@pytest.mark.parametrize(
    ("fact", "overrides", "expected"),
    [
        ("days_registered", {"first_registration_date": None}, ["first_registration_date"]),
        (
            "days_registered",
            {
                "first_registration_date": None,
                "export_deregistration_date": None,
                "export_licence_date": None,
                "export_declaration_date": None,
            },
            [
                "first_registration_date",
                "export_deregistration_date|export_licence_date|export_declaration_date",
            ],
        ),
        (
            "days_to_licence",
            {"first_registration_date": None, "export_licence_date": None},
            ["first_registration_date", "export_licence_date"],
        ),
        ("import_date", {"import_declaration_date": None}, ["import_declaration_date"]),
        (
            "age_at_import_years",
            {"import_declaration_date": None, "production_date": None, "model_year": None},
            ["import_declaration_date", "production_date|model_year"],
        ),
        ("value_ratio", {"declared_value": None}, ["declared_value"]),
        ("value_ratio", {"currency": None}, ["currency", "reference_price"]),
        ("value_ratio", {"currency": "EUR"}, ["reference_price"]),
        ("vin_is_chinese", {"vin": None}, ["vin"]),
        ("odometer_km", {"odometer_km": None}, ["odometer_km"]),
        # Dates out of order: both known, they cannot both be right, so the fact names itself.
        ("days_to_licence", {"export_licence_date": D(2026, 1, 1)}, ["days_to_licence"]),
    ],
)
def test_the_inputs_to_collect_for_an_unknown_fact(
    fact: str, overrides: dict[str, Any], expected: list[str]
) -> None:
    found = facts(**overrides)
    assert found[fact] is None
    assert inputs_of(fact, found) == expected


def unknown(group: tuple[str, ...]) -> dict[str, None]:
    """Overrides that leave every fact of ``group`` unknown (a derived one: its inputs too)."""
    blank: dict[str, None] = dict.fromkeys(group)
    for name in group:
        for needed in DERIVATIONS[name].needs if name in DERIVATIONS else ():
            blank |= unknown(needed)
    return blank


@pytest.mark.parametrize("fact", list(DERIVATIONS))
def test_each_definition_says_what_build_facts_derives_the_fact_from(fact: str) -> None:
    """Known with every input; unknown, and naming the group, once a group is unknown."""
    declared = {"reference_price": None}  # so that it is looked up, as its definition says
    assert facts(**declared)[fact] is not None
    for group in DERIVATIONS[fact].needs:
        found = facts(**(declared | unknown(group)))
        assert found[fact] is None, (fact, group)
        named = inputs_of(fact, found)
        assert "|".join(group) in named or set(group) <= set(named), (fact, group, named)


def test_the_fact_names_are_the_base_facts_and_the_derived_ones() -> None:
    assert set(DERIVED_FACTS) == set(DERIVATIONS) - set(BASE_FACTS)
    assert DERIVED_FACTS == (
        "days_registered",
        "days_to_licence",
        "import_date",
        "age_at_import_years",
        "value_ratio",
        "vin_is_chinese",
    )


def test_adding_a_fact_to_a_definition_changes_what_rules_name_as_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Nothing restates the definitions: a new input shows in every rule that needs the fact."""
    found = facts(first_registration_date=None, production_date=None, manufacturer_letter=False)
    licence = kinds.licence_without_letter(
        {"licence_from": D(2020, 1, 1), "max_days_to_licence": 30}
    )
    condition = compile_condition("days_to_licence < 30")
    assert inputs_of("days_to_licence", found) == ["first_registration_date"]
    before = Derivation((("first_registration_date",), ("export_licence_date",)))
    assert DERIVATIONS["days_to_licence"] == before

    with_production = Derivation((*before.needs, ("production_date",)))
    monkeypatch.setitem(DERIVATIONS, "days_to_licence", with_production)

    assert inputs_of("days_to_licence", found) == ["first_registration_date", "production_date"]
    for evaluate in (licence, condition):
        outcome = evaluate(found, NoScope())  # type: ignore[arg-type]
        assert outcome.status is Status.NOT_EVALUABLE
        assert "production_date" in outcome.missing, outcome
