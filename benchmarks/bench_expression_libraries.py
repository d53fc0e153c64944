"""Choosing the expression library for administrator-defined rules: speed and error messages.

Candidates (all safe, none uses ``eval``): ``rule-engine``, ``cel-python`` (pure-Python
CEL) and ``common-expression-language`` (CEL, Rust core). Each evaluates the same
condition over the same N fact sets, compiled once; the baseline is the same condition
as a plain Python function. Then each is shown the same broken expressions, to compare
what an administrator would read.

Usage: python benchmarks/bench_expression_libraries.py [--n N] [--repeat R]
Needs: pip install rule-engine cel-python common-expression-language
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

CONDITION_RE = "declared_condition == 'used' and odometer_km <= 50.0 and days_registered <= 90"
CONDITION_CEL = "declared_condition == 'used' && odometer_km <= 50.0 && days_registered <= 90"
BROKEN = [
    ("typo in a name", "odometr_km <= 50", "odometr_km <= 50"),
    ("unbalanced", "(odometer_km <= 50", "(odometer_km <= 50"),
    ("wrong type", "declared_condition <= 50", "declared_condition <= 50"),
]


def facts(n: int) -> list[dict[str, Any]]:
    return [
        {
            "declared_condition": "used" if i % 3 else "new",
            "odometer_km": float(i % 120),
            "days_registered": i % 200,
        }
        for i in range(n)
    ]


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = facts(args.n)

    def baseline() -> int:
        return sum(
            1
            for f in rows
            if f["declared_condition"] == "used"
            and f["odometer_km"] <= 50.0
            and f["days_registered"] <= 90
        )

    expected = baseline()
    results: dict[str, float] = {"plain Python (baseline)": median_time(baseline, args.repeat)}
    errors: dict[str, list[str]] = {}

    import rule_engine

    rule = rule_engine.Rule(CONDITION_RE)
    assert sum(1 for f in rows if rule.matches(f)) == expected
    results["rule-engine"] = median_time(lambda: [rule.matches(f) for f in rows], args.repeat)
    errors["rule-engine"] = []
    for _, text, _ in BROKEN:
        try:
            typed = rule_engine.Context(
                type_resolver=rule_engine.type_resolver_from_dict(
                    {
                        "declared_condition": rule_engine.DataType.STRING,
                        "odometer_km": rule_engine.DataType.FLOAT,
                        "days_registered": rule_engine.DataType.FLOAT,
                    }
                )
            )
            rule_engine.Rule(text, context=typed)
            errors["rule-engine"].append("(accepted)")
        except rule_engine.errors.EngineError as exc:
            errors["rule-engine"].append(f"{type(exc).__name__}: {exc.message}")

    import celpy

    env = celpy.Environment()
    program = env.program(env.compile(CONDITION_CEL))

    def run_celpy() -> list[object]:
        return [program.evaluate(celpy.json_to_cel(f)) for f in rows]

    results["cel-python"] = median_time(run_celpy, 1)
    errors["cel-python"] = []
    for _, _, text in BROKEN:
        try:
            p = env.program(env.compile(text))
            p.evaluate(celpy.json_to_cel(rows[1]))
            errors["cel-python"].append("(accepted at compile and run)")
        except Exception as exc:
            errors["cel-python"].append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")

    import cel

    compiled = cel.compile(CONDITION_CEL)
    assert sum(1 for f in rows if compiled.execute(f)) == expected
    results["common-expression-language"] = median_time(
        lambda: [compiled.execute(f) for f in rows], args.repeat
    )
    errors["common-expression-language"] = []
    for _, _, text in BROKEN:
        try:
            cel.compile(text).execute(rows[1])
            errors["common-expression-language"].append("(accepted at compile and run)")
        except Exception as exc:
            errors["common-expression-language"].append(
                f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
            )

    base = results["plain Python (baseline)"]
    print(f"evaluate one condition over {args.n} fact sets (median):")
    for name, seconds in results.items():
        print(f"  {name:28s} {seconds * 1000:9.1f} ms  {seconds / base:7.1f} x baseline")
    print("error messages for broken expressions:")
    for name, messages in errors.items():
        print(f"  {name}:")
        for (what, _, _), message in zip(BROKEN, messages, strict=True):
            print(f"    {what:15s} {message[:150]}")


if __name__ == "__main__":
    main()
