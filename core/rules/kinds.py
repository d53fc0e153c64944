"""The logic kinds: the code behind rules. Every threshold, date and list is a parameter.

Each kind is a factory: given a rule's parameters (checked when the pack loads)
it returns an evaluator ``(facts, scope) -> Outcome``. Unknown facts follow
rules.md: a condition that needs an unknown fact does not fire and names what
is missing, unless a known fact already decides it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from core.domain.declared_text import Issue
from core.domain.names import same_name
from core.domain.vin import VIN_CHARACTERS, YEAR_CODES, expected_check_digit, format_problem
from core.reference import ReferenceData
from core.rules import explain as ex
from core.rules.facts import NUMBER_FACTS, Facts, inputs_of
from core.rules.outcome import CLEAR, Outcome, Status, fired, not_evaluable


class Scope(Protocol):
    """What an evaluator may ask beyond the vehicle's own facts."""

    reference: ReferenceData

    def outcome(self, rule_id: str) -> Outcome:
        """The outcome of another rule for the same vehicle."""

    def vin_duplicates(self) -> tuple[list[int], list[str], list[str]]:
        """Other spreadsheet rows, stored cases, and units of stored cases not named,
        that carry the same VIN."""

    def batch_group(self) -> BatchGroup | None:
        """The registration batch this vehicle belongs to, if any."""


@dataclass(frozen=True)
class BatchGroup:
    owner: str
    size: int
    earliest: dt.date
    latest: dt.date


Evaluator = Callable[[Facts, Scope], Outcome]


def _days(facts: Facts, op: str, limit: int) -> ex.Clause:
    end, end_fact = facts["_days_registered_end"]
    return ex.span(
        "days_registered",
        facts["days_registered"],
        facts["first_registration_date"],
        end,
        op,
        limit,
        ("first_registration_date", end_fact),
    )


# --- generic indicators -------------------------------------------------------------------


def zero_mileage_strong(p: Mapping[str, Any]) -> Evaluator:
    condition, max_km, max_days = (
        p["condition"],
        Decimal(str(p["max_odometer_km"])),
        p["max_days_registered"],
    )

    def evaluate(f: Facts, _: Scope) -> Outcome:
        cond, km, days = f["declared_condition"], f["odometer_km"], f["days_registered"]
        if (
            (cond is not None and cond != condition)
            or (km is not None and km > max_km)
            or (days is not None and days > max_days)
        ):
            return CLEAR
        missing = []
        if cond is None:
            missing.append("declared_condition")
        if km is None:
            missing.append("odometer_km")
        if days is None:
            missing += inputs_of("days_registered", f)
        if missing:
            return not_evaluable(missing)
        return fired(
            ex.equals("declared_condition", cond),
            ex.compare("odometer_km", km, "≤", max_km, "km"),
            _days(f, "≤", max_days),
        )

    return evaluate


def zero_mileage_near(p: Mapping[str, Any]) -> Evaluator:
    condition, unless = p["condition"], p["unless_rule"]
    max_km, max_days = Decimal(str(p["max_odometer_km"])), p["max_days_registered"]

    def evaluate(f: Facts, scope: Scope) -> Outcome:
        cond, km, days = f["declared_condition"], f["odometer_km"], f["days_registered"]
        if cond is not None and cond != condition:
            return CLEAR
        stronger = scope.outcome(unless)
        if stronger.fired:
            return CLEAR
        km_hit = km is not None and km <= max_km
        days_hit = days is not None and days <= max_days
        if not km_hit and not days_hit:
            if km is not None and days is not None:
                return CLEAR
            missing = [] if cond is not None else ["declared_condition"]
            if km is None:
                missing.append("odometer_km")
            if days is None:
                missing += inputs_of("days_registered", f)
            return not_evaluable(missing)
        if cond is None:
            return not_evaluable(["declared_condition"])
        clauses = [ex.equals("declared_condition", cond)]
        if km_hit:
            clauses.append(ex.compare("odometer_km", km, "≤", max_km, "km"))
        if days_hit:
            clauses.append(_days(f, "≤", max_days))
        if stronger.status is Status.NOT_EVALUABLE:
            en = ", ".join(ex.label(m)[0] for m in _alternatives(stronger.missing))
            ru = ", ".join(ex.label(m)[1] for m in _alternatives(stronger.missing))
            clauses.append(
                ex.free(
                    f"{unless} could not be evaluated (unknown: {en})",
                    f"{unless} не удалось оценить (неизвестно: {ru})",
                )
            )
        else:
            clauses.append(ex.free(f"{unless} does not fire", f"{unless} не срабатывает"))
        return fired(*clauses)

    return evaluate


def vin_format(_: Mapping[str, Any]) -> Evaluator:
    def evaluate(f: Facts, __: Scope) -> Outcome:
        vin = f["vin"]
        if vin is None:
            return not_evaluable(["vin"])
        problem = format_problem(vin)
        if problem is None:
            return CLEAR
        if len(vin) != 17:
            ru = f"VIN {vin!r}: {len(vin)} симв., а VIN состоит из 17"
        else:
            bad = ", ".join(repr(c) for c in sorted(set(vin) - VIN_CHARACTERS))
            ru = f"VIN {vin!r} содержит недопустимые в VIN символы ({bad})"
        return fired(ex.free(problem, ru, "vin"))

    return evaluate


def vin_check_digit(p: Mapping[str, Any]) -> Evaluator:
    prefix = p["wmi_prefix"]

    def evaluate(f: Facts, _: Scope) -> Outcome:
        vin = f["vin"]
        if vin is None:
            return not_evaluable(["vin"])
        if format_problem(vin) is not None or not vin.startswith(prefix):
            return CLEAR
        expected = expected_check_digit(vin)
        if vin[8] == expected:
            return CLEAR
        return fired(
            ex.free(
                f"VIN {vin} is Chinese (starts with {prefix}); position 9 is {vin[8]}, "
                f"the ISO 3779 / GB 16735 check digit is {expected}",
                f"VIN {vin} китайский (начинается с {prefix}); 9-й знак {vin[8]}, "
                f"контрольный знак по ISO 3779 / GB 16735 — {expected}",
                "vin",
            )
        )

    return evaluate


def vin_year(_: Mapping[str, Any]) -> Evaluator:
    def evaluate(f: Facts, __: Scope) -> Outcome:
        vin, year = f["vin"], f["model_year"]
        if vin is None:
            return not_evaluable(["vin"])
        if format_problem(vin) is not None or vin[9] not in YEAR_CODES:
            return CLEAR
        years = YEAR_CODES[vin[9]]
        if year is None:
            return not_evaluable(["model_year"])
        if year in years:
            return CLEAR
        listed = "/".join(str(y) for y in years)
        return fired(
            ex.free(
                f"VIN position 10 is {vin[9]} (model year {listed}); declared model year {year}",
                f"10-й знак VIN {vin[9]} (модельный год {listed}); заявлен модельный год {year}",
                "vin",
                "model_year",
            )
        )

    return evaluate


def value_floor(p: Mapping[str, Any]) -> Evaluator:
    floor = Decimal(str(p["min_ratio"]))

    def evaluate(f: Facts, _: Scope) -> Outcome:
        ratio = f["value_ratio"]
        if ratio is None:
            return not_evaluable(inputs_of("value_ratio", f))
        if ratio >= floor:
            return CLEAR
        cur = f["currency"] or ""
        return fired(
            ex.free(
                f"declared value {ex.text(f['declared_value'])} {cur} / reference price "
                f"{ex.text(f['reference_price'])} {cur} = {ratio:.2f} < {floor} "
                f"(reference: {f.get('_price_source', 'given')})",
                f"заявленная стоимость {ex.text(f['declared_value'])} {cur} / справочная цена "
                f"{ex.text(f['reference_price'])} {cur} = {ratio:.2f} < {floor} "
                f"(источник: {f.get('_price_source', 'указана')})",
                "declared_value",
                "reference_price",
            )
        )

    return evaluate


def batch_registration(p: Mapping[str, Any]) -> Evaluator:
    owner_type = p["owner_type"]

    def evaluate(f: Facts, scope: Scope) -> Outcome:
        group = scope.batch_group()
        if group is not None:
            return fired(
                ex.free(
                    f"{group.size} vehicles of this shipment registered to {group.owner} "
                    f"({owner_type}) between {group.earliest.isoformat()} and "
                    f"{group.latest.isoformat()} ({(group.latest - group.earliest).days} days "
                    f"≤ {p['max_span_days']} days; at least {p['min_vehicles']} vehicles)",
                    f"{group.size} ТС этой партии зарегистрированы на {group.owner} "
                    f"({owner_type}) с {group.earliest.isoformat()} по "
                    f"{group.latest.isoformat()} ({(group.latest - group.earliest).days} дн. "
                    f"≤ {p['max_span_days']} дн.; не менее {p['min_vehicles']} ТС)",
                    "registered_owner",
                    "first_registration_date",
                )
            )
        if f["registered_owner_type"] is not None and f["registered_owner_type"] != owner_type:
            return CLEAR
        missing = [
            n
            for n in ("registered_owner", "registered_owner_type", "first_registration_date")
            if f[n] is None
        ]
        return not_evaluable(missing) if missing else CLEAR

    return evaluate


def duplicate_vin(_: Mapping[str, Any]) -> Evaluator:
    """rules.md: the file and the store counted together, a vehicle once; the explanation
    names the other rows and cases."""

    def evaluate(f: Facts, scope: Scope) -> Outcome:
        if f["vin"] is None:
            return not_evaluable(["vin"])
        rows, cases, units = scope.vin_duplicates()
        if not rows and not cases and not units:
            return CLEAR
        total = 1 + len(rows) + len(cases) + len(units)
        en = [f"VIN {f['vin']} occurs {total} times"]
        ru = [f"VIN {f['vin']} встречается {total} раз(а)"]
        if rows:
            listed = ", ".join(str(r) for r in rows)
            en.append(f"also in rows {listed} of this file")
            ru.append(f"также в строках {listed} этого файла")
        if cases:
            counted = Counter(cases)
            listed_en = ", ".join(
                ref if n == 1 else f"{ref} ({n} vehicles)" for ref, n in counted.items()
            )
            listed_ru = ", ".join(
                ref if n == 1 else f"{ref} ({n} ТС)" for ref, n in counted.items()
            )
            en.append(f"in the case store: {listed_en}")
            ru.append(f"в базе дел: {listed_ru}")
        if units:
            counted = Counter(units)
            listed_en = ", ".join(
                u if n == 1 else f"{u} ({n} vehicles)" for u, n in counted.items()
            )
            listed_ru = ", ".join(u if n == 1 else f"{u} ({n} ТС)" for u, n in counted.items())
            en.append(f"also recorded in a case of another unit: {listed_en}")
            ru.append(f"также записан в деле другого подразделения: {listed_ru}")
        return fired(ex.free("; ".join(en), "; ".join(ru), "vin"))

    return evaluate


# --- China -----------------------------------------------------------------------------------


def licence_without_letter(p: Mapping[str, Any]) -> Evaluator:
    since, max_days = p["licence_from"], p["max_days_to_licence"]

    def evaluate(f: Facts, _: Scope) -> Outcome:
        licence, days, letter = (
            f["export_licence_date"],
            f["days_to_licence"],
            f["manufacturer_letter"],
        )
        if licence is not None and licence < since:
            return CLEAR
        if (days is not None and days > max_days) or letter is True:
            return CLEAR
        missing = []
        if licence is None:
            missing.append("export_licence_date")
        if days is None:
            missing += [m for m in inputs_of("days_to_licence", f) if m not in missing]
        if letter is None:
            missing.append("manufacturer_letter")
        if missing:
            return not_evaluable(missing)
        return fired(
            ex.compare("export_licence_date", licence, "≥", since),
            ex.span(
                "days_to_licence",
                days,
                f["first_registration_date"],
                licence,
                "≤",
                max_days,
                ("first_registration_date", "export_licence_date"),
            ),
            ex.equals("manufacturer_letter", letter),
        )

    return evaluate


# --- destination rules --------------------------------------------------------------------


def _destination(f: Facts, allowed: list[str]) -> bool | None:
    dest = f["destination_country"]
    return None if dest is None else dest in allowed


def dealer_brand(p: Mapping[str, Any]) -> Evaluator:
    dest, condition, country, any_of = (
        p["destination"],
        p["condition"],
        p["presence_country"],
        p["requires_any_of"],
    )

    def evaluate(f: Facts, scope: Scope) -> Outcome:
        missing: list[str] = []
        in_dest = _destination(f, [dest])
        cond, make, day = f["declared_condition"], f["make"], f["import_date"]
        if in_dest is False or (cond is not None and cond != condition):
            return CLEAR
        presence = None
        if make is not None and day is not None:
            presence = scope.reference.dealer_presence(make, country, day)
            if presence is None or not presence.authorised_dealer:
                return CLEAR
        outcomes = [(rid, scope.outcome(rid)) for rid in any_of]
        hits = [rid for rid, o in outcomes if o.fired]
        if not hits:
            pending = [o for _, o in outcomes if o.status.value == "not_evaluable"]
            if not pending:
                return CLEAR
            for o in pending:
                missing += list(o.missing)
        if in_dest is None:
            missing.append("destination_country")
        if cond is None:
            missing.append("declared_condition")
        if make is None:
            missing.append("make")
        if day is None:
            missing.append("import_declaration_date")
        if missing:
            return not_evaluable(missing)
        assert presence is not None
        return fired(
            ex.equals("destination_country", f["destination_country"]),
            ex.equals("declared_condition", cond),
            ex.free(
                f"{make} has an authorised dealer in {country} on {day.isoformat()} "
                f"(since {presence.valid_from.isoformat()}; {presence.source})",
                f"у марки {make} есть официальный дилер в {country} на {day.isoformat()} "
                f"(с {presence.valid_from.isoformat()}; {presence.source})",
                "make",
                "import_declaration_date",
            ),
            ex.free(f"{' and '.join(hits)} fires", f"срабатывает {' и '.join(hits)}"),
        )

    return evaluate


def _note_unknown(missing: list[str], *facts: tuple[str, object]) -> None:
    """Add the names of the facts whose value is unknown."""
    missing.extend(name for name, value in facts if value is None)


def _dated_rule(f: Facts, since: dt.date, missing: list[str]) -> bool:
    """False when the import is known to be before ``since``; records a missing date."""
    day: dt.date | None = f["import_date"]
    if day is None:
        missing.append("import_declaration_date")
        return True
    return day >= since


def fee_power(p: Mapping[str, Any]) -> Evaluator:
    dest, max_hp, since = p["destination"], Decimal(str(p["max_power_hp"])), p["from_date"]

    def evaluate(f: Facts, _: Scope) -> Outcome:
        missing: list[str] = []
        in_dest, claimed, power = (
            _destination(f, [dest]),
            f["preferential_fee_claimed"],
            f["power_hp"],
        )
        if in_dest is False or claimed is False or (power is not None and power <= max_hp):
            return CLEAR
        if not _dated_rule(f, since, missing):
            return CLEAR
        _note_unknown(
            missing,
            ("destination_country", in_dest),
            ("preferential_fee_claimed", claimed),
            ("power_hp", power),
        )
        if missing:
            return not_evaluable(missing)
        return fired(
            ex.equals("destination_country", f["destination_country"]),
            ex.equals("preferential_fee_claimed", claimed),
            ex.compare("power_hp", power, ">", max_hp, "hp"),
            ex.compare("import_date", f["import_date"], "≥", since),
        )

    return evaluate


def type_approval(p: Mapping[str, Any]) -> Evaluator:
    dests, importer_type, max_age, doc = (
        p["destinations"],
        p["importer_type"],
        p["max_age_years"],
        p["required_doc"],
    )

    def evaluate(f: Facts, _: Scope) -> Outcome:
        in_dest, itype, age, cdoc = (
            _destination(f, dests),
            f["importer_type"],
            f["age_at_import_years"],
            f["conformity_doc"],
        )
        if (
            in_dest is False
            or (itype is not None and itype != importer_type)
            or (age is not None and age >= max_age)
            or cdoc == doc
        ):
            return CLEAR
        missing: list[str] = []
        if in_dest is None:
            missing.append("destination_country")
        if itype is None:
            missing.append("importer_type")
        if age is None:
            missing += inputs_of("age_at_import_years", f)
        if cdoc is None:
            missing.append("conformity_doc")
        if missing:
            return not_evaluable(missing)
        basis, start = f["_age_basis"]
        basis_text = "production" if basis == "production_date" else "1 January of the model year"
        return fired(
            ex.among("destination_country", f["destination_country"], dests),
            ex.equals("importer_type", itype),
            ex.free(
                f"age at import {age} years ({basis_text} {start.isoformat()} → "
                f"{f['import_date'].isoformat()}) < {max_age} years",
                f"возраст при ввозе {age} лет ({start.isoformat()} → "
                f"{f['import_date'].isoformat()}) < {max_age} лет",
                basis,
                "import_declaration_date",
            ),
            ex.free(
                f"conformity document {cdoc} ≠ {doc}", f"документ о соответствии {cdoc} ≠ {doc}"
            ),
        )

    return evaluate


def ev_age(p: Mapping[str, Any]) -> Evaluator:
    dest, fuel, since, min_age = (
        p["destination"],
        p["fuel_type"],
        p["from_date"],
        p["min_age_years"],
    )

    def evaluate(f: Facts, _: Scope) -> Outcome:
        missing: list[str] = []
        in_dest, ftype, year = _destination(f, [dest]), f["fuel_type"], f["model_year"]
        if in_dest is False or (ftype is not None and ftype != fuel):
            return CLEAR
        if not _dated_rule(f, since, missing):
            return CLEAR
        day = f["import_date"]
        if year is not None and day is not None and year > day.year - min_age:
            return CLEAR
        _note_unknown(
            missing,
            ("destination_country", in_dest),
            ("fuel_type", ftype),
            ("model_year", year),
        )
        if missing:
            return not_evaluable(missing)
        return fired(
            ex.equals("destination_country", f["destination_country"]),
            ex.equals("fuel_type", ftype),
            ex.compare("import_date", day, "≥", since),
            ex.free(
                f"model year {year} ≤ {day.year} − {min_age} = {day.year - min_age}",
                f"модельный год {year} ≤ {day.year} − {min_age} = {day.year - min_age}",
                "model_year",
            ),
        )

    return evaluate


def conformity_documents(p: Mapping[str, Any]) -> Evaluator:
    dest, since, condition, or_rule, accepted = (
        p["destination"],
        p["from_date"],
        p["condition"],
        p["or_rule"],
        p["accepted_docs"],
    )

    def evaluate(f: Facts, scope: Scope) -> Outcome:
        missing: list[str] = []
        in_dest, cond, doc = _destination(f, [dest]), f["declared_condition"], f["conformity_doc"]
        if in_dest is False or (doc is not None and doc in accepted):
            return CLEAR
        if not _dated_rule(f, since, missing):
            return CLEAR
        other = scope.outcome(or_rule)
        is_new = None if cond is None else cond == condition
        if is_new is False and other.status.value == "clear":
            return CLEAR
        if not is_new and not other.fired:
            if cond is None:
                missing.append("declared_condition")
            missing += list(other.missing)
        if in_dest is None:
            missing.append("destination_country")
        if doc is None:
            missing.append("conformity_doc")
        if missing:
            return not_evaluable(missing)
        reason = (
            ex.equals("declared_condition", cond)
            if is_new
            else ex.free(f"{or_rule} fires", f"срабатывает {or_rule}")
        )
        return fired(
            ex.equals("destination_country", f["destination_country"]),
            ex.compare("import_date", f["import_date"], "≥", since),
            reason,
            ex.among("conformity_doc", doc, accepted, negate=True),
        )

    return evaluate


def certificate_holder(p: Mapping[str, Any]) -> Evaluator:
    dest, since = p["destination"], p["from_date"]

    def evaluate(f: Facts, _: Scope) -> Outcome:
        missing: list[str] = []
        in_dest, holder, importer = _destination(f, [dest]), f["conformity_holder"], f["importer"]
        if in_dest is False:
            return CLEAR
        if not _dated_rule(f, since, missing):
            return CLEAR
        if same_name(holder, importer):
            return CLEAR
        _note_unknown(
            missing,
            ("destination_country", in_dest),
            ("conformity_holder", holder),
            ("importer", importer),
        )
        if missing:
            return not_evaluable(missing)
        return fired(
            ex.equals("destination_country", f["destination_country"]),
            ex.compare("import_date", f["import_date"], "≥", since),
            ex.free(
                f"conformity certificate holder {holder!r} differs from importer {importer!r} "
                "(compared as names: Unicode NFKC, spacing and case ignored)",
                f"держатель сертификата {holder!r} не совпадает с импортёром {importer!r} "
                "(сравнение имён без учёта регистра, пробелов и формы Unicode)",
                "conformity_holder",
                "importer",
            ),
        )

    return evaluate


# --- data quality ---------------------------------------------------------------------------


def _alternatives(missing: Iterable[str]) -> list[str]:
    """Missing entries, alternatives (``a|b``) split, in order, each once."""
    return list(dict.fromkeys(name for entry in missing for name in entry.split("|")))


def date_order(_: Mapping[str, Any]) -> Evaluator:
    """rules.md DQ-DATE-ORDER: each known pair out of order, with both dates."""

    def evaluate(f: Facts, __: Scope) -> Outcome:
        pairs = f["_dates_out_of_order"]
        if not pairs:
            return CLEAR
        clauses = []
        for earlier, earlier_day, later, later_day in pairs:
            (e_en, e_ru), (l_en, l_ru) = ex.label(earlier), ex.label(later)
            clauses.append(
                ex.free(
                    f"{e_en} {as_written(f, earlier, earlier_day, 'written')} is after {l_en} "
                    f"{as_written(f, later, later_day, 'written')}",
                    f"{e_ru} {as_written(f, earlier, earlier_day, 'в документе')} позже, чем "
                    f"{l_ru} {as_written(f, later, later_day, 'в документе')}",
                    earlier,
                    later,
                )
            )
        return fired(*clauses)

    return evaluate


def as_written(f: Facts, fact: str, value: object, written: str) -> str:
    """A value as quoted, with the text as written where it was kept and differs
    (``written`` is the word for it in the explanation's language)."""
    shown = ex.text(value)
    cell = f["_written"].get(fact)
    if cell is None or cell.text == shown:
        return shown
    return f"{shown} ({written} {cell.text!r})"


def ambiguous_number(_: Mapping[str, Any]) -> Evaluator:
    """rules.md DQ-AMBIGUOUS-NUMBER: the column, the text as written and the value used."""

    def evaluate(f: Facts, __: Scope) -> Outcome:
        written = f["_written"]
        clauses = []
        for fact in NUMBER_FACTS:
            cell = written.get(fact)
            if cell is None or cell.issue != Issue.AMBIGUOUS or f.get(fact) is None:
                continue
            en, ru = ex.label(fact)
            used = ex.text(f[fact])
            clauses.append(
                ex.free(
                    f"{en} written {cell.text!r}, read as {used} (decimal mark); it may be "
                    "a thousands separator",
                    f"{ru}: написано {cell.text!r}, прочитано как {used} (десятичный знак); "
                    "это может быть разделитель тысяч",
                    fact,
                )
            )
        return fired(*clauses) if clauses else CLEAR

    return evaluate


# --- the registry ----------------------------------------------------------------------------

#: kind -> (factory, {parameter: type}); types: number, int, date, string, strings, rule, rules
KINDS: dict[str, tuple[Callable[[Mapping[str, Any]], Evaluator], dict[str, str]]] = {
    "zero_mileage_strong": (
        zero_mileage_strong,
        {"condition": "string", "max_odometer_km": "number", "max_days_registered": "int"},
    ),
    "zero_mileage_near": (
        zero_mileage_near,
        {
            "condition": "string",
            "max_odometer_km": "number",
            "max_days_registered": "int",
            "unless_rule": "rule",
        },
    ),
    "vin_format": (vin_format, {}),
    "vin_check_digit": (vin_check_digit, {"wmi_prefix": "string"}),
    "vin_year": (vin_year, {}),
    "value_floor": (value_floor, {"min_ratio": "number"}),
    "batch_registration": (
        batch_registration,
        {"min_vehicles": "int", "max_span_days": "int", "owner_type": "string"},
    ),
    "duplicate_vin": (duplicate_vin, {}),
    "licence_without_letter": (
        licence_without_letter,
        {"licence_from": "date", "max_days_to_licence": "int"},
    ),
    "dealer_brand": (
        dealer_brand,
        {
            "destination": "string",
            "condition": "string",
            "presence_country": "string",
            "requires_any_of": "rules",
        },
    ),
    "fee_power": (
        fee_power,
        {"destination": "string", "max_power_hp": "number", "from_date": "date"},
    ),
    "type_approval": (
        type_approval,
        {
            "destinations": "strings",
            "importer_type": "string",
            "max_age_years": "int",
            "required_doc": "string",
        },
    ),
    "ev_age": (
        ev_age,
        {
            "destination": "string",
            "fuel_type": "string",
            "from_date": "date",
            "min_age_years": "int",
        },
    ),
    "conformity_documents": (
        conformity_documents,
        {
            "destination": "string",
            "from_date": "date",
            "condition": "string",
            "or_rule": "rule",
            "accepted_docs": "strings",
        },
    ),
    "certificate_holder": (certificate_holder, {"destination": "string", "from_date": "date"}),
    "date_order": (date_order, {}),
    "ambiguous_number": (ambiguous_number, {}),
}

#: kinds that judge the data rather than the declarant; reports show them beside the
#: findings they may weaken
DATA_QUALITY_KINDS = frozenset({"date_order", "ambiguous_number"})
