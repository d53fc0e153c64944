"""Administrator-written conditions in CEL (Common Expression Language), never ``eval``.

Chosen by measurement (``benchmarks/bench_expression_libraries.py``): the
``common-expression-language`` package evaluates about 3x faster than
``rule-engine`` and 150x faster than pure-Python CEL, and its messages name the
position of a syntax error. CEL's ``&&`` and ``||`` absorb errors when the
other side decides the result, which is exactly rules.md's unknown-fact rule:
unknown facts are left out of the evaluation context, a condition that still
needs one fails, and the rule reports those facts as missing.

Facts are given as CEL values: numbers as doubles or ints, dates as ISO
``"YYYY-MM-DD"`` strings (so they compare in order), yes/no as booleans.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from core.rules import explain as ex
from core.rules.facts import FACT_NAMES, Facts, inputs_of
from core.rules.kinds import Evaluator, Scope
from core.rules.outcome import CLEAR, Outcome, fired, not_evaluable

_IDENT = re.compile(r"\b([a-z_][a-z0-9_]*)\b")
_STRINGS = re.compile(r"'[^']*'|\"[^\"]*\"")
_CEL_WORDS = frozenset({"true", "false", "null", "in", "size", "has", "int", "double", "string"})

# One probe value per fact, of the type evaluation will see, to catch typos and type errors
# when the pack loads instead of on the first vehicle.
_PROBE: dict[str, Any] = {
    name: "2026-01-01" if name.endswith("_date") or name == "import_date" else "x"
    for name in FACT_NAMES
}
_PROBE.update(
    {
        "model_year": 2026, "engine_cc": 1500, "power_hp": 150.0, "odometer_km": 10.0,
        "declared_value": 1000.0, "reference_price": 2000.0, "days_registered": 5,
        "days_to_licence": 5, "age_at_import_years": 0, "value_ratio": 0.5,
        "vin_is_chinese": True, "manufacturer_letter": False, "preferential_fee_claimed": False,
    }
)  # fmt: skip


class ExpressionError(ValueError):
    """A condition that does not compile or does not fit the facts."""


def referenced_facts(condition: str) -> list[str]:
    """The fact names a condition mentions, in order of first mention."""
    without_strings = _STRINGS.sub("''", condition)
    names = [n for n in _IDENT.findall(without_strings) if n not in _CEL_WORDS]
    return list(dict.fromkeys(names))


def _cel_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def compile_condition(condition: str) -> Evaluator:
    """Compile and probe a condition; raise :class:`ExpressionError` with the library's message."""
    names = referenced_facts(condition)
    unknown = [n for n in names if n not in FACT_NAMES]
    if unknown:
        raise ExpressionError(
            f"unknown fact {unknown[0]!r} in condition; facts are: {', '.join(FACT_NAMES)}"
        )
    import cel  # only packs with conditions pay for it (it imports a CLI toolkit too)

    try:
        program = cel.compile(condition)
    except (ValueError, RuntimeError, TypeError) as exc:
        raise ExpressionError(str(exc).splitlines()[0]) from exc
    try:
        result = program.execute({n: _PROBE[n] for n in names})
    except (ValueError, RuntimeError, TypeError) as exc:
        raise ExpressionError(str(exc).splitlines()[0]) from exc
    if not isinstance(result, bool):
        raise ExpressionError(f"condition must be true or false, not {type(result).__name__}")

    def evaluate(f: Facts, _: Scope) -> Outcome:
        context = {n: _cel_value(f[n]) for n in names if f.get(n) is not None}
        try:
            result = program.execute(context)
        except (RuntimeError, TypeError, ValueError):
            result = None
        if result is True:
            quoted = [ex.equals(n, f[n]) for n in names if f.get(n) is not None]
            return fired(*quoted, ex.free(f"condition: {condition}", f"условие: {condition}"))
        if result is False:
            return CLEAR  # decided by the known facts
        missing = [m for n in names if f.get(n) is None for m in inputs_of(n, f)]
        return not_evaluable(missing) if missing else CLEAR

    return evaluate
