"""Plausibility checks on a vehicle's declared facts.

Errors are values that cannot be recorded at all (no VIN, a negative odometer, a
model year outside 1980 to two years ahead) and refuse a typed write; an import
keeps the rest of the row with that fact unknown. Everything that
was declared but is doubtful is a warning and is recorded as declared: a
malformed VIN (itself the finding ``VIN-FORMAT``), dates out of order (the
data-quality finding ``DQ-DATE-ORDER``), dates in the future.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from core.domain.vin import format_problem

EARLIEST_MODEL_YEAR = 1980


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    severity: Severity


def _date(facts: Mapping[str, object], name: str) -> dt.date | None:
    value = facts.get(name)
    return value if isinstance(value, dt.date) else None


def _number(facts: Mapping[str, object], name: str) -> Decimal | None:
    value = facts.get(name)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return Decimal(value)
    return None


#: rules.md, DQ-DATE-ORDER: the (earlier, later) pairs whose disorder is a data-quality
#: finding.
DQ_DATE_PAIRS: tuple[tuple[str, str], ...] = (
    ("first_registration_date", "export_deregistration_date"),
    ("first_registration_date", "export_licence_date"),
    ("first_registration_date", "export_declaration_date"),
    ("production_date", "first_registration_date"),
    ("export_declaration_date", "import_declaration_date"),
)

#: (earlier, later): the later date should not come before the earlier one (warnings):
#: the data-quality pairs, and production before both customs declarations.
DATE_ORDER: tuple[tuple[str, str], ...] = (
    *DQ_DATE_PAIRS,
    ("production_date", "export_declaration_date"),
    ("production_date", "import_declaration_date"),
)

_LABELS = {
    "production_date": "production",
    "first_registration_date": "first registration",
    "export_deregistration_date": "deregistration for export",
    "export_licence_date": "export licence application",
    "export_declaration_date": "export declaration",
    "import_declaration_date": "import declaration",
}


def check_vehicle(facts: Mapping[str, object], *, today: dt.date) -> list[Problem]:
    """Check the merged facts of one vehicle (stored values plus the change)."""
    problems: list[Problem] = []
    vin = facts.get("vin")
    if not isinstance(vin, str) or not vin:
        problems.append(Problem("vin", "a vehicle needs a VIN", Severity.ERROR))
    else:
        why = format_problem(vin)
        if why:
            problems.append(Problem("vin", f"{why}; recorded as declared", Severity.WARNING))

    for name in ("odometer_km", "engine_cc", "declared_value"):
        n = _number(facts, name)
        if n is not None and n < 0:
            problems.append(Problem(name, f"{n} is negative", Severity.ERROR))
    for name in ("power_hp", "reference_price"):
        n = _number(facts, name)
        if n is not None and n <= 0:
            problems.append(Problem(name, f"{n} must be greater than zero", Severity.ERROR))

    year = facts.get("model_year")
    if isinstance(year, int):
        if not EARLIEST_MODEL_YEAR <= year <= today.year + 2:
            problems.append(
                Problem(
                    "model_year",
                    f"{year} is outside {EARLIEST_MODEL_YEAR}-{today.year + 2}",
                    Severity.ERROR,
                )
            )
        production = _date(facts, "production_date")
        if production is not None and not production.year - 1 <= year <= production.year + 2:
            problems.append(
                Problem(
                    "model_year",
                    f"model year {year} does not fit production date {production.isoformat()}",
                    Severity.WARNING,
                )
            )

    for earlier, later in DATE_ORDER:
        a, b = _date(facts, earlier), _date(facts, later)
        if a is not None and b is not None and b < a:
            problems.append(
                Problem(
                    later,
                    f"{_LABELS[later]} {b.isoformat()} is before {_LABELS[earlier]} "
                    f"{a.isoformat()}",
                    Severity.WARNING,
                )
            )
    for name, label in _LABELS.items():
        d = _date(facts, name)
        if d is not None and d > today + dt.timedelta(days=1):
            problems.append(
                Problem(name, f"{label} {d.isoformat()} is in the future", Severity.WARNING)
            )
    return problems
