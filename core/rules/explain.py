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
    en: str
    ru: str


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
    )


def span(fact: str, days: int, start: dt.date, end: dt.date, op: str, limit: int) -> Clause:
    """``registered 7 days (2026-02-03 → 2026-02-10) ≤ 90 days``."""
    en_label, ru_label = label(fact)
    period = f"({start.isoformat()} → {end.isoformat()})"
    return Clause(
        f"{en_label} {days} days {period} {op} {limit} days",
        f"{ru_label} {days} дн. {period} {op} {limit} дн.",
    )


def equals(fact: str, value: object, op: str = "=") -> Clause:
    """``declared condition = used``."""
    en_label, ru_label = label(fact)
    return Clause(f"{en_label} {op} {text(value)}", f"{ru_label} {op} {text(value)}")


def among(fact: str, value: object, options: list[str], negate: bool = False) -> Clause:
    """``destination RU ∈ {RU, KZ}`` or ``conformity document none ∉ {EU, GCC}``."""
    op = "∉" if negate else "∈"
    en_label, ru_label = label(fact)
    listed = "{" + ", ".join(options) + "}"
    return Clause(
        f"{en_label} {text(value)} {op} {listed}", f"{ru_label} {text(value)} {op} {listed}"
    )


def free(en: str, ru: str) -> Clause:
    return Clause(en, ru)


def join(clauses: list[Clause]) -> tuple[str, str]:
    return "; ".join(c.en for c in clauses), "; ".join(c.ru for c in clauses)
