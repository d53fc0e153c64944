"""The values a choice field allows are declared once, by its parser: the forms offer
exactly what the parser accepts."""

from __future__ import annotations

from core.domain.fields import CASE_FIELDS, VEHICLE_FIELDS, choices_of, spec_map
from core.domain.vehicle import DeclaredCondition


def test_a_choice_field_offers_what_its_parser_accepts() -> None:
    spec = spec_map(VEHICLE_FIELDS)["declared_condition"]
    offered = choices_of(spec)
    assert offered == tuple(m.value for m in DeclaredCondition)
    assert all(spec.parse(value.upper()) == value for value in offered)
    assert choices_of(spec_map(VEHICLE_FIELDS)["vin"]) is None
    assert choices_of(spec_map(CASE_FIELDS)["priority"]) == ("low", "normal", "high", "urgent")
