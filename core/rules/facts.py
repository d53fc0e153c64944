"""The named facts rules speak about, and the derived facts of rules.md.

A fact is ``None`` when unknown. Derived facts are computed in whole calendar
days (``later - earlier``); each records what it was derived from so that
explanations can quote it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from core.domain.declared_text import WrittenCell, decode
from core.domain.vehicle_checks import DQ_DATE_PAIRS
from core.domain.vin import normalise_vin
from core.reference import ReferenceData

#: fact -> (English label, Russian label)
LABELS: dict[str, tuple[str, str]] = {
    "vin": ("VIN", "VIN"),
    "make": ("make", "марка"),
    "model": ("model", "модель"),
    "model_year": ("model year", "модельный год"),
    "fuel_type": ("fuel type", "тип топлива"),
    "engine_cc": ("engine", "объём двигателя"),
    "power_hp": ("power", "мощность"),
    "production_date": ("production date", "дата производства"),
    "first_registration_date": ("first registration", "первая регистрация"),
    "export_deregistration_date": ("deregistration for export", "снятие с учёта для экспорта"),
    "export_licence_date": ("export licence application", "заявка на экспортную лицензию"),
    "export_declaration_date": ("export declaration", "экспортная декларация"),
    "import_declaration_date": ("import declaration", "импортная декларация"),
    "odometer_km": ("odometer", "пробег"),
    "declared_condition": ("declared condition", "заявленное состояние"),
    "declared_value": ("declared value", "заявленная стоимость"),
    "currency": ("currency", "валюта"),
    "reference_price": ("reference price", "справочная цена"),
    "registered_owner": ("registered owner", "зарегистрированный владелец"),
    "registered_owner_type": ("registered owner type", "тип владельца"),
    "exporter": ("exporter", "экспортёр"),
    "importer": ("importer", "импортёр"),
    "declarant": ("declarant", "декларант"),
    "importer_type": ("importer type", "тип импортёра"),
    "destination_country": ("destination", "страна назначения"),
    "border_post": ("border post", "пункт пропуска"),
    "manufacturer_letter": ("manufacturer letter", "письмо производителя"),
    "manufacturer_letter_issuer": ("letter issuer", "автор письма"),
    "conformity_doc": ("conformity document", "документ о соответствии"),
    "conformity_holder": ("conformity holder", "держатель сертификата"),
    "preferential_fee_claimed": ("preferential fee claimed", "заявлен льготный утильсбор"),
    "days_registered": ("registered", "на учёте"),
    "days_to_licence": ("registration to licence", "от регистрации до лицензии"),
    "import_date": ("import date", "дата ввоза"),
    "age_at_import_years": ("age at import", "возраст при ввозе"),
    "value_ratio": ("declared value / reference price", "заявленная / справочная цена"),
    "vin_is_chinese": ("Chinese VIN", "китайский VIN"),
}

BASE_FACTS = (
    "vin", "make", "model", "model_year", "fuel_type", "engine_cc", "power_hp",
    "production_date", "first_registration_date", "export_deregistration_date",
    "export_licence_date", "export_declaration_date", "import_declaration_date", "odometer_km",
    "declared_condition", "declared_value", "currency", "reference_price", "registered_owner",
    "registered_owner_type", "exporter", "importer", "declarant", "importer_type",
    "destination_country", "border_post", "manufacturer_letter", "manufacturer_letter_issuer",
    "conformity_doc", "conformity_holder", "preferential_fee_claimed",
)  # fmt: skip
#: Facts read from numbers (DQ-AMBIGUOUS-NUMBER looks at how they were written).
NUMBER_FACTS = ("odometer_km", "declared_value", "reference_price", "engine_cc", "power_hp")
_EXPORT_END_FACTS = ("export_deregistration_date", "export_licence_date", "export_declaration_date")


@dataclass(frozen=True)
class Derivation:
    """What :func:`build_facts` works a fact out from.

    ``needs`` are groups of facts: the fact can be known once every group has a known
    fact (any one of a group will do). A ``declarable`` fact may also be declared (a
    reference price is declared or looked up), so it is itself one of its inputs."""

    needs: tuple[tuple[str, ...], ...]
    declarable: bool = False


#: The facts :func:`build_facts` derives or looks up, with what each is worked out from,
#: in the order a rule names the missing inputs. :func:`inputs_of` reads only this.
DERIVATIONS: dict[str, Derivation] = {
    "days_registered": Derivation((("first_registration_date",), _EXPORT_END_FACTS)),
    "days_to_licence": Derivation((("first_registration_date",), ("export_licence_date",))),
    "import_date": Derivation((("import_declaration_date",),)),
    "age_at_import_years": Derivation(
        (("import_declaration_date",), ("production_date", "model_year"))
    ),
    "value_ratio": Derivation((("declared_value",), ("reference_price",))),
    "vin_is_chinese": Derivation((("vin",),)),
    "reference_price": Derivation((("currency",),), declarable=True),
}
DERIVED_FACTS = tuple(name for name in DERIVATIONS if name not in BASE_FACTS)
FACT_NAMES = BASE_FACTS + DERIVED_FACTS

Facts = dict[str, Any]


def inputs_of(fact: str, facts: Facts) -> list[str]:
    """The base facts to collect so that ``fact`` becomes known, from :data:`DERIVATIONS`.

    An entry is a fact name, or several joined by ``|`` when any one would do. A
    duration unknown because its dates are out of order names itself: its dates are
    known, but cannot both be right (the engine adds the reason)."""
    if fact in facts.get("_out_of_order", ()):
        return [fact]
    derivation = DERIVATIONS.get(fact)
    if derivation is None:
        return [fact]
    need: list[str] = []
    for group in derivation.needs:
        if any(facts.get(name) is not None for name in group):
            continue
        found = inputs_of(group[0], facts) if len(group) == 1 else ["|".join(group)]
        need += [name for name in found if name not in need]
    if derivation.declarable and fact not in need:
        need.append(fact)
    return need


def whole_years(start: dt.date, end: dt.date) -> int:
    """Completed years from ``start`` to ``end`` (a birthday-style count)."""
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def _duration(
    facts: Facts, name: str, start_fact: str, end_fact: str, start: dt.date, end: dt.date
) -> None:
    """rules.md: a duration whose later date comes before its earlier one is unknown."""
    days = (end - start).days
    if days < 0:
        facts[name] = None
        facts.setdefault("_out_of_order", {})[name] = (start_fact, start, end_fact, end)
    else:
        facts[name] = days


def build_facts(
    row: Mapping[str, Any],
    reference: ReferenceData,
    *,
    today: dt.date | None = None,
    written: Mapping[str, WrittenCell] | None = None,
) -> Facts:
    """Facts of one vehicle from its declared values (typed; ``None`` = unknown).

    ``today`` is the day of evaluation: a reference price is looked up as valid on the
    import date, or on ``today`` when the import date is unknown (and the facts say so).
    ``written`` is the text of cells kept as written (by default the row's
    ``declared_text``): unreadable, ambiguous, corrected or out-of-order cells.

    Besides the facts themselves, keys starting with ``_`` record provenance
    for explanations: the date ``days_registered`` ended on, durations unknown
    because their dates are out of order, the basis of the age, where the
    reference price came from, and the cells as written.
    """
    today = today or dt.date.today()
    facts: Facts = {name: row.get(name) for name in BASE_FACTS}
    raw_vin = facts["vin"]
    facts["vin"] = normalise_vin(raw_vin) if isinstance(raw_vin, str) and raw_vin.strip() else None
    vin = facts["vin"]
    facts["vin_is_chinese"] = None if vin is None else vin.startswith("L")
    facts["_written"] = written if written is not None else decode(row.get("declared_text"))

    first = facts["first_registration_date"]
    ends = [(facts[n], n) for n in _EXPORT_END_FACTS if facts[n] is not None]
    facts["days_registered"] = None
    if first is not None and ends:
        end, end_fact = min(ends)
        _duration(facts, "days_registered", "first_registration_date", end_fact, first, end)
        facts["_days_registered_end"] = (end, end_fact)
    licence = facts["export_licence_date"]
    facts["days_to_licence"] = None
    if first is not None and licence is not None:
        _duration(
            facts, "days_to_licence", "first_registration_date", "export_licence_date", first,
            licence,
        )  # fmt: skip

    import_date = facts["import_declaration_date"]
    facts["import_date"] = import_date
    facts["age_at_import_years"] = None
    if import_date is not None:
        if facts["production_date"] is not None:
            production = facts["production_date"]
            if import_date < production:
                facts.setdefault("_out_of_order", {})["age_at_import_years"] = (
                    "production_date", production, "import_declaration_date", import_date,
                )  # fmt: skip
            else:
                facts["age_at_import_years"] = whole_years(production, import_date)
                facts["_age_basis"] = ("production_date", production)
        elif facts["model_year"] is not None:
            # 1 January of the model year is a convention, not a declared date: a car of
            # next year's model imported this year is 0 years old, never "out of order".
            start = dt.date(facts["model_year"], 1, 1)
            facts["age_at_import_years"] = max(0, whole_years(start, import_date))
            facts["_age_basis"] = ("model_year", start)

    price = facts["reference_price"]
    if price is not None:
        facts["_price_source"] = "declared in the file"
    elif facts["make"] and facts["model"] and facts["model_year"] and facts["currency"]:
        found = reference.reference_price(
            make=facts["make"],
            model=facts["model"],
            model_year=facts["model_year"],
            currency=facts["currency"],
            destination=facts["destination_country"],
            day=import_date or today,
        )
        if found is not None:
            price = found.price
            facts["reference_price"] = price
            on = (
                f"valid on the import date {import_date.isoformat()}"
                if import_date
                else f"import date unknown: price valid on {today.isoformat()} used"
            )
            facts["_price_source"] = f"{found.kind}, {found.trim}, {found.source}; {on}"
    value = facts["declared_value"]
    facts["value_ratio"] = Decimal(value) / Decimal(price) if value is not None and price else None
    facts["_dates_out_of_order"] = tuple(
        (earlier, facts[earlier], later, facts[later])
        for earlier, later in DQ_DATE_PAIRS
        if facts[earlier] is not None and facts[later] is not None and facts[later] < facts[earlier]
    )
    return facts
