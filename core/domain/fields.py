"""Typed, user-editable fields of each aggregate, declared once.

The command line, the GUI forms and the importers read these specs so that a
field is named, parsed and labelled the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from core.domain import values
from core.domain.case import CasePriority
from core.domain.types import PartyKind
from core.domain.vehicle import ConformityDoc, DeclaredCondition, FuelType


@dataclass(frozen=True)
class FieldSpec:
    """One field: its attribute name, English label and parser from text."""

    name: str
    label: str
    parse: Callable[[str], object]
    help: str = ""


def choice(enum: type[StrEnum]) -> Callable[[str], object]:
    """A parser accepting one of an enum's values (any case)."""
    by_key = {m.value.lower(): m.value for m in enum}

    def parse(text: str) -> object:
        key = text.strip().lower()
        if key not in by_key:
            raise ValueError(f"{text.strip()!r} is not one of {', '.join(by_key.values())}")
        return by_key[key]

    return parse


def text(max_len: int) -> Callable[[str], object]:
    """A parser for free text: trimmed, empty means unknown, bounded length."""

    def parse(raw: str) -> object:
        value = values.clean_text(raw)
        if value is not None and len(value) > max_len:
            raise ValueError(f"is {len(value)} characters long; at most {max_len} allowed")
        return value

    return parse


def spec_map(specs: Sequence[FieldSpec]) -> dict[str, FieldSpec]:
    return {s.name: s for s in specs}


CASE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "Title", text(500)),
    FieldSpec("jurisdiction", "Jurisdiction", values.parse_country, "ISO 3166 code, e.g. KZ"),
    FieldSpec("priority", "Priority", choice(CasePriority)),
    FieldSpec("hearing_date", "Hearing date", values.parse_date),
    FieldSpec("hearing_reference", "Hearing reference", text(100)),
    FieldSpec("legal_deadline", "Legal deadline", values.parse_date),
)

SHIPMENT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("declaration_no", "Declaration number", text(100)),
    FieldSpec("shipment_ref", "Shipment reference", text(100)),
    FieldSpec("border_post", "Border post", text(200)),
    FieldSpec("origin_hub", "Origin hub", text(200)),
    FieldSpec("carrier", "Carrier", text(300)),
    FieldSpec("transport_id", "Transport id", text(100), "truck plate, wagon or vessel"),
    FieldSpec("departure_date", "Departure date", values.parse_date),
    FieldSpec("arrival_date", "Arrival date", values.parse_date),
    FieldSpec("declaration_date", "Declaration date", values.parse_date),
)

#: Every column of declarations.md except ``shipment_ref``, which names the shipment.
VEHICLE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("declaration_no", "Declaration number", text(100)),
    FieldSpec("vin", "VIN", text(80)),
    FieldSpec("make", "Make", text(100)),
    FieldSpec("model", "Model", text(100)),
    FieldSpec("model_year", "Model year", values.parse_int),
    FieldSpec("fuel_type", "Fuel type", choice(FuelType)),
    FieldSpec("engine_cc", "Engine, cc", values.parse_count),
    FieldSpec("power_hp", "Power, hp", values.parse_power),
    FieldSpec("production_date", "Production date", values.parse_date),
    FieldSpec("first_registration_date", "First registration (China)", values.parse_date),
    FieldSpec("export_deregistration_date", "Deregistration for export", values.parse_date),
    FieldSpec("export_licence_date", "Export licence application", values.parse_date),
    FieldSpec("export_declaration_date", "Export declaration", values.parse_date),
    FieldSpec("import_declaration_date", "Import declaration", values.parse_date),
    FieldSpec("odometer_km", "Odometer, km", values.parse_odometer_km, "'12 mi' is converted"),
    FieldSpec("declared_condition", "Declared condition", choice(DeclaredCondition)),
    FieldSpec("declared_value", "Declared value", values.parse_amount),
    FieldSpec("currency", "Currency", values.parse_currency),
    FieldSpec("reference_price", "Reference price", values.parse_amount),
    FieldSpec("registered_owner", "Registered owner (China)", text(300)),
    FieldSpec("registered_owner_type", "Registered owner type", choice(PartyKind)),
    FieldSpec("exporter", "Exporter", text(300)),
    FieldSpec("importer", "Importer", text(300)),
    FieldSpec("declarant", "Declarant", text(300)),
    FieldSpec("importer_type", "Importer type", choice(PartyKind)),
    FieldSpec("destination_country", "Destination country", values.parse_country),
    FieldSpec("border_post", "Border post", text(200)),
    FieldSpec("manufacturer_letter", "Manufacturer letter", values.parse_yes_no),
    FieldSpec("manufacturer_letter_issuer", "Letter issuer", text(300)),
    FieldSpec("conformity_doc", "Conformity document", choice(ConformityDoc)),
    FieldSpec("conformity_holder", "Conformity holder", text(300)),
    FieldSpec("preferential_fee_claimed", "Preferential fee claimed", values.parse_yes_no),
)


def parse_fields(specs: Sequence[FieldSpec], raw: dict[str, str]) -> dict[str, object]:
    """Parse text values by spec; every bad value is reported together.

    Raises :class:`core.errors.ValidationError` listing each refused field.
    """
    from core.errors import ValidationError

    by_name = spec_map(specs)
    parsed: dict[str, object] = {}
    problems: list[tuple[str, str]] = []
    for name, raw_value in raw.items():
        spec = by_name.get(name)
        if spec is None:
            problems.append((name, f"unknown field; known: {', '.join(by_name)}"))
            continue
        if raw_value.strip() == "":
            parsed[name] = None
            continue
        try:
            parsed[name] = spec.parse(raw_value)
        except ValueError as exc:
            problems.append((name, str(exc)))
    if problems:
        raise ValidationError(problems)
    return parsed
