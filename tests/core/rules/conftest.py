"""Evaluate rules on hand-made facts, through the real packs, reference data and engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from core.reference import load_reference
from core.rules.engine import PackLibrary, PackSet, VehicleInput, evaluate
from core.rules.facts import build_facts
from core.rules.outcome import CLEAR, Outcome
from core.rules.packs import builtin_packs

D = dt.date


def base_row(**overrides: Any) -> dict[str, Any]:
    """A zero-mileage Chery bound for Russia; each test changes what it tests."""
    row: dict[str, Any] = {
        "vin": "LVVDB21B9TD439563",
        "make": "Chery",
        "model": "Tiggo 7 Pro",
        "model_year": 2026,
        "fuel_type": "petrol",
        "power_hp": Decimal(147),
        "production_date": D(2026, 1, 8),
        "first_registration_date": D(2026, 2, 3),
        "export_deregistration_date": D(2026, 2, 10),
        "export_licence_date": D(2026, 2, 10),
        "export_declaration_date": D(2026, 2, 11),
        "import_declaration_date": D(2026, 2, 15),
        "odometer_km": Decimal(12),
        "declared_condition": "used",
        "declared_value": Decimal(12000),
        "currency": "USD",
        "registered_owner": "Guangzhou Auto Export Co.",
        "registered_owner_type": "legal_entity",
        "importer": "TOO Avto-Tranzit",
        "importer_type": "legal_entity",
        "destination_country": "RU",
        "manufacturer_letter": True,
        "conformity_doc": "OTTS",
        "preferential_fee_claimed": False,
    }
    row.update(overrides)
    return row


Judge = Callable[..., Outcome]


#: The day of evaluation the rule tests judge on (the vehicles' import dates choose the
#: pack versions; this only matters where the import date is unknown).
TODAY = D(2026, 12, 1)


@pytest.fixture(scope="session")
def library() -> PackLibrary:
    return PackLibrary(builtin_packs())


@pytest.fixture(scope="session")
def packs(library: PackLibrary) -> PackSet:
    return library.in_force(TODAY)


@pytest.fixture
def judge(packs: PackSet, library: PackLibrary) -> Judge:
    """``judge("ZM-STRONG", odometer_km=Decimal(51))`` -> the rule's outcome for that vehicle."""
    reference = load_reference()

    def run(rule_id: str, **overrides: Any) -> Outcome:
        facts = build_facts(base_row(**overrides), reference, today=TODAY)
        _, pack = packs.rules[rule_id]
        results = evaluate(
            [VehicleInput(facts, row=2)], library, reference, today=TODAY, chosen=[pack.id]
        )
        found = [e for e in results[0] if e.rule.id == rule_id]
        if not found:  # no version of the pack in force on the vehicle's date: not judged
            return CLEAR
        (evaluation,) = found
        return evaluation.outcome

    return run


@pytest.fixture
def judge_many(
    packs: PackSet, library: PackLibrary
) -> Callable[[str, list[dict[str, Any]]], list[Outcome]]:
    """Evaluate one rule over several vehicles (for group rules)."""
    reference = load_reference()

    def run(rule_id: str, rows: list[dict[str, Any]]) -> list[Outcome]:
        _, pack = packs.rules[rule_id]
        inputs = [
            VehicleInput(
                build_facts(base_row(**r), reference, today=TODAY),
                group=r.get("_group", "s1"),
                row=i + 2,
            )
            for i, r in enumerate(rows)
        ]
        results = evaluate(inputs, library, reference, today=TODAY, chosen=[pack.id])
        return [next(e.outcome for e in res if e.rule.id == rule_id) for res in results]

    return run
