"""Explanations that quote each fact and comparison, in English and Russian.

A kind builds :class:`Clause` objects only when its rule fires, so screening
thousands of clean rows formats nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from core.rules.facts import LABELS

UNITS: dict[str, tuple[str, str]] = {
    "km": ("km", "км"),
    "days": ("days", "дн."),
    "years": ("years", "лет"),
    "hp": ("hp", "л.с."),
    "": ("", ""),
}


@dataclass(frozen=True)
class Clause:
    """One quoted comparison; ``facts`` names the declared facts it rests on."""

    en: str
    ru: str
    facts: tuple[str, ...] = ()


def text(value: object) -> str:
    """A fact value as quoted in an explanation."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        normal = format(value.normalize(), "f")
        return "0" if normal in ("-0", "0") else normal
    if isinstance(value, float):
        return format(value, "g")
    return str(value)


def label(fact: str) -> tuple[str, str]:
    return LABELS.get(fact, (fact, fact))


def compare(fact: str, value: object, op: str, limit: object, unit: str = "") -> Clause:
    """``odometer 12 km ≤ 50 km``."""
    en_unit, ru_unit = UNITS[unit]
    en_label, ru_label = label(fact)
    v, lim = text(value), text(limit)
    sep_en = f" {en_unit}" if en_unit else ""
    sep_ru = f" {ru_unit}" if ru_unit else ""
    return Clause(
        f"{en_label} {v}{sep_en} {op} {lim}{sep_en}",
        f"{ru_label} {v}{sep_ru} {op} {lim}{sep_ru}",
        (_declared(fact),),
    )


def span(
    fact: str,
    days: int,
    start: dt.date,
    end: dt.date,
    op: str,
    limit: int,
    quotes: tuple[str, ...] = (),
) -> Clause:
    """``registered 7 days (2026-02-03 → 2026-02-10) ≤ 90 days``; ``quotes`` names the
    two dates."""
    en_label, ru_label = label(fact)
    period = f"({start.isoformat()} → {end.isoformat()})"
    return Clause(
        f"{en_label} {days} days {period} {op} {limit} days",
        f"{ru_label} {days} дн. {period} {op} {limit} дн.",
        quotes,
    )


def equals(fact: str, value: object, op: str = "=") -> Clause:
    """``declared condition = used``."""
    en_label, ru_label = label(fact)
    return Clause(
        f"{en_label} {op} {text(value)}", f"{ru_label} {op} {text(value)}", (_declared(fact),)
    )


def among(fact: str, value: object, options: list[str], negate: bool = False) -> Clause:
    """``destination RU ∈ {RU, KZ}`` or ``conformity document none ∉ {EU, GCC}``."""
    op = "∉" if negate else "∈"
    en_label, ru_label = label(fact)
    listed = "{" + ", ".join(options) + "}"
    return Clause(
        f"{en_label} {text(value)} {op} {listed}",
        f"{ru_label} {text(value)} {op} {listed}",
        (_declared(fact),),
    )


def free(en: str, ru: str, *facts: str) -> Clause:
    """A clause in words; ``facts`` names the declared facts it quotes."""
    return Clause(en, ru, facts)


def _declared(fact: str) -> str:
    """The declared fact behind a derived one that is a plain copy."""
    return "import_declaration_date" if fact == "import_date" else fact


def join(clauses: list[Clause]) -> tuple[str, str]:
    return "; ".join(c.en for c in clauses), "; ".join(c.ru for c in clauses)
