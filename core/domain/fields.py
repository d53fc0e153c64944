"""Typed, user-editable fields of each aggregate, declared once.

The command line, the GUI forms and the importers read these specs so that a
field is named, parsed and labelled the same way everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from core.domain import bounds, values
from core.domain.case import Case, CasePriority
from core.domain.shipment import Shipment
from core.domain.types import PartyKind
from core.domain.vehicle import ConformityDoc, DeclaredCondition, FuelType, Vehicle


@dataclass(frozen=True)
class FieldSpec:
    """One field: its attribute name, English label and parser from text; ``table`` is
    the record that keeps it, whose column bounds what :func:`parse_fields` accepts."""

    name: str
    label: str
    parse: Callable[[str], object]
    help: str = ""
    table: type[Any] | None = None


def _kept_in(table: type[Any], specs: tuple[FieldSpec, ...]) -> tuple[FieldSpec, ...]:
    return tuple(replace(s, table=table) for s in specs)


#: The values each choice parser accepts, by parser (what :func:`choices_of` answers).
_CHOICES: dict[Callable[[str], object], tuple[str, ...]] = {}


def choice(enum: type[StrEnum]) -> Callable[[str], object]:
    """A parser accepting one of an enum's values (any case); the forms offer the same
    values (:func:`choices_of`)."""
    by_key = {m.value.lower(): m.value for m in enum}

    def parse(text: str) -> object:
        key = text.strip().lower()
        if key not in by_key:
            raise ValueError(f"{text.strip()!r} is not one of {', '.join(by_key.values())}")
        return by_key[key]

    _CHOICES[parse] = tuple(by_key.values())
    return parse


def choices_of(spec: FieldSpec) -> tuple[str, ...] | None:
    """The values a choice field allows, in order; ``None`` for any other field."""
    return _CHOICES.get(spec.parse)


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable(value: str) -> str | None:
    """Why ``value`` cannot be stored as typed, or ``None``: a NUL character (PostgreSQL
    refuses it) or a lone surrogate (bytes of a command-line argument that were not
    UTF-8). Refused on every backend, so that one store never keeps what another would
    not."""
    found = _UNSTORABLE.search(value)
    if found is None:
        return None
    code = ord(found.group())
    if code == 0:
        return "contains a NUL character (\\x00), which the store cannot keep"
    if 0xDC80 <= code <= 0xDCFF:
        return f"contains the byte 0x{code - 0xDC00:02x}, which is not UTF-8 text"
    return f"contains a lone surrogate U+{code:04X}, which is not text"


def problem(limit: bounds.Bound, value: object) -> str | None:
    """Why ``value`` cannot be kept in the column bounded by ``limit``, or ``None``."""
    if isinstance(value, str):
        reason = unstorable(value)
        if reason is not None:
            return reason
    return limit.problem(value)


def text(table: type[Any], field: str) -> Callable[[str], object]:
    """A parser for free text kept in ``table.field``: trimmed, empty means unknown, and
    no longer than the column holds (``core.domain.bounds``)."""
    limit = bounds.bound(table, field)

    def parse(raw: str) -> object:
        value = values.clean_text(raw)
        reason = problem(limit, value)
        if reason is not None:
            raise ValueError(reason)
        return value

    return parse


def check_fit(table: type[Any], fields: Mapping[str, object]) -> None:
    """Refuse values that ``table``'s columns cannot hold, naming each field.

    The one check of typed input against the stored bounds (``core.domain.bounds``):
    every service calls it before a write, so the command line, the GUI and the
    importers give the same one-line :class:`core.errors.ValidationError`
    (``title: is 10,000 characters long; at most 500 allowed``). Names that are not
    columns of ``table`` are left to the caller.
    """
    from core.errors import ValidationError

    limits = bounds.bounds_of(table)
    problems = []
    for name, value in fields.items():
        limit = limits.get(name)
        reason = None if limit is None else problem(limit, value)
        if reason is not None:
            problems.append((name, reason))
    if problems:
        raise ValidationError(problems)


def spec_map(specs: Sequence[FieldSpec]) -> dict[str, FieldSpec]:
    return {s.name: s for s in specs}


CASE_FIELDS: tuple[FieldSpec, ...] = _kept_in(
    Case,
    (
        FieldSpec("title", "Title", text(Case, "title")),
        FieldSpec("jurisdiction", "Jurisdiction", values.parse_country, "ISO 3166 code, e.g. KZ"),
        FieldSpec("priority", "Priority", choice(CasePriority)),
        FieldSpec("hearing_date", "Hearing date", values.parse_date),
        FieldSpec("hearing_reference", "Hearing reference", text(Case, "hearing_reference")),
        FieldSpec("legal_deadline", "Legal deadline", values.parse_date),
    ),
)

SHIPMENT_FIELDS: tuple[FieldSpec, ...] = _kept_in(
    Shipment,
    (
        FieldSpec("declaration_no", "Declaration number", text(Shipment, "declaration_no")),
        FieldSpec("shipment_ref", "Shipment reference", text(Shipment, "shipment_ref")),
        FieldSpec("border_post", "Border post", text(Shipment, "border_post")),
        FieldSpec("origin_hub", "Origin hub", text(Shipment, "origin_hub")),
        FieldSpec("carrier", "Carrier", text(Shipment, "carrier")),
        FieldSpec(
            "transport_id",
            "Transport id",
            text(Shipment, "transport_id"),
            "truck plate, wagon or vessel",
        ),
        FieldSpec("departure_date", "Departure date", values.parse_date),
        FieldSpec("arrival_date", "Arrival date", values.parse_date),
        FieldSpec("declaration_date", "Declaration date", values.parse_date),
    ),
)

#: Every column of declarations.md except ``shipment_ref``, which names the shipment.
VEHICLE_FIELDS: tuple[FieldSpec, ...] = _kept_in(
    Vehicle,
    (
        FieldSpec("declaration_no", "Declaration number", text(Vehicle, "declaration_no")),
        FieldSpec("vin", "VIN", text(Vehicle, "vin")),
        FieldSpec("make", "Make", text(Vehicle, "make")),
        FieldSpec("model", "Model", text(Vehicle, "model")),
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
        FieldSpec(
            "registered_owner", "Registered owner (China)", text(Vehicle, "registered_owner")
        ),
        FieldSpec("registered_owner_type", "Registered owner type", choice(PartyKind)),
        FieldSpec("exporter", "Exporter", text(Vehicle, "exporter")),
        FieldSpec("importer", "Importer", text(Vehicle, "importer")),
        FieldSpec("declarant", "Declarant", text(Vehicle, "declarant")),
        FieldSpec("importer_type", "Importer type", choice(PartyKind)),
        FieldSpec("destination_country", "Destination country", values.parse_country),
        FieldSpec("border_post", "Border post", text(Vehicle, "border_post")),
        FieldSpec("manufacturer_letter", "Manufacturer letter", values.parse_yes_no),
        FieldSpec(
            "manufacturer_letter_issuer",
            "Letter issuer",
            text(Vehicle, "manufacturer_letter_issuer"),
        ),
        FieldSpec("conformity_doc", "Conformity document", choice(ConformityDoc)),
        FieldSpec("conformity_holder", "Conformity holder", text(Vehicle, "conformity_holder")),
        FieldSpec("preferential_fee_claimed", "Preferential fee claimed", values.parse_yes_no),
    ),
)


def parse_fields(specs: Sequence[FieldSpec], raw: dict[str, str]) -> dict[str, object]:
    """Parse text values by spec; every bad value is reported together, including
    values the field's column cannot hold (a number too large, ``inf``).

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
            value = spec.parse(raw_value)
        except ValueError as exc:
            problems.append((name, str(exc)))
            continue
        reason = None if spec.table is None else problem(bounds.bound(spec.table, name), value)
        if reason is not None:
            problems.append((name, reason))
        else:
            parsed[name] = value
    if problems:
        raise ValidationError(problems)
    return parsed
