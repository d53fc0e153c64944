"""Rule packs: shipped packs are complete, bad packs are refused with file, line and reason,
administrator conditions (CEL) follow the unknown-fact rule, and evaluation is reproducible."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from core.reference import load_reference
from core.rules.engine import PackLibrary, PackSet, VehicleInput, applicable_packs, evaluate
from core.rules.facts import build_facts
from core.rules.outcome import Status
from core.rules.packs import PackError, builtin_packs, parse_pack

from .conftest import TODAY, base_row

CATALOGUE = {
    "generic": {"ZM-STRONG", "ZM-NEAR", "VIN-FORMAT", "VIN-CHECK", "VIN-YEAR", "VALUE-FLOOR",
                "BATCH-REG", "DUP-VIN"},
    "cn": {"CN-180D"},
    "ru-eaeu": {"RU-DEALER", "RU-UTIL-160", "EAEU-OTTS"},
    "jo": {"JO-EV-AGE", "JO-CONFORMITY"},
    "uz": {"UZ-CERT-HOLDER"},
    "data-quality": {"DQ-DATE-ORDER", "DQ-AMBIGUOUS-NUMBER"},
}  # fmt: skip

HEADER = """
[pack]
id = "custom"
version = "1.0.0"
valid_from = 2026-01-01
source = "test"
title_en = "Custom"
title_ru = "Своё"
destinations = ["*"]
"""


def rule(kind: str, extra: str = "", rule_id: str = "XX-ONE") -> str:
    return f"""
[[rules]]
id = "{rule_id}"
kind = "{kind}"
severity = "medium"
title_en = "t"
title_ru = "т"
basis = "b"
citation = "c"
confirmed = true
{extra}
"""


def test_shipped_packs_implement_catalogue_v1_1() -> None:
    packs = {p.id: p for p in builtin_packs()}
    assert {pid: {r.id for r in p.rules} for pid, p in packs.items()} == CATALOGUE
    for pack in packs.values():
        assert pack.version and pack.valid_from and pack.source
        for r in pack.rules:
            assert r.title_en and r.title_ru and r.basis and r.citation
            assert re.search("[А-Яа-я]", r.title_ru)
    assert packs["ru-eaeu"].rules[0].id == "RU-DEALER" and not packs["ru-eaeu"].rules[0].confirmed


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (HEADER + "oops = \n", 10, "not valid TOML"),
        (HEADER + rule("teleport"), 13, "unknown kind 'teleport'"),
        (HEADER + rule("value_floor"), 11, "needs parameter 'min_ratio'"),
        (HEADER + rule("value_floor", '[rules.params]\nmin_ratio = "low"'), 21, "must be a number"),
        (
            HEADER + rule("value_floor", "[rules.params]\nmin_ratio = 0.7\nmax = 2"),
            22,
            "unknown parameter 'max'",
        ),
        (HEADER + rule("vin_format") + rule("vin_format"), 23, "appears twice"),
        (HEADER.replace('version = "1.0.0"', 'version = "one"'), 4, "is not like 1.0.0"),
        (HEADER + rule("vin_format").replace('"medium"', '"critical"'), 14, "severity must be"),
        (HEADER, 2, "at least one [[rules]]"),
    ],
)
def test_malformed_packs_are_refused_with_file_line_and_reason(
    text: str, line: int, reason: str
) -> None:
    with pytest.raises(PackError) as caught:
        parse_pack(text, "custom.toml")
    message = str(caught.value)
    assert message.startswith(f"custom.toml, line {line}: "), message
    assert reason in message


def test_expression_rules_are_checked_when_the_pack_loads() -> None:
    with pytest.raises(PackError, match=r"line 20: rule XX-ONE: unknown fact 'odometr_km'"):
        parse_pack(HEADER + rule("expression", 'condition = "odometr_km <= 10"'), "x.toml")
    with pytest.raises(PackError, match=r"line 20: .*[Ss]yntax error"):
        parse_pack(HEADER + rule("expression", 'condition = "(odometer_km <= 10"'), "x.toml")
    with pytest.raises(PackError, match=r"line 20: .*overload"):
        parse_pack(HEADER + rule("expression", 'condition = "declared_condition <= 10"'), "x.toml")


def run_custom(condition: str, **overrides: object) -> tuple[Status, tuple[str, ...], str]:
    pack = parse_pack(HEADER + rule("expression", f"condition = '{condition}'"), "x.toml")
    library = PackLibrary([pack])
    facts = build_facts(base_row(**overrides), load_reference())
    outcome = evaluate([VehicleInput(facts)], library, load_reference(), today=TODAY)[0][0].outcome
    return outcome.status, outcome.missing, "; ".join(c.en for c in outcome.clauses)


def test_an_administrator_condition_fires_and_quotes_its_facts() -> None:
    status, _, text = run_custom('declared_condition == "used" && odometer_km <= 100')
    assert status is Status.FIRED
    assert "declared condition = used" in text and "odometer = 12" in text


def test_an_administrator_condition_with_an_unknown_fact() -> None:
    cond = 'declared_condition == "used" && odometer_km <= 100'
    assert run_custom(cond, odometer_km=None)[:2] == (Status.NOT_EVALUABLE, ("odometer_km",))
    # a known fact decides: "new" makes the conjunction false whatever the odometer
    assert run_custom(cond, odometer_km=None, declared_condition="new")[0] is Status.CLEAR
    either = "odometer_km <= 100 || days_registered <= 30"
    assert run_custom(either, first_registration_date=None)[0] is Status.FIRED


def test_administrator_conditions_compare_dates_as_iso_text() -> None:
    cond = 'import_date >= "2026-02-15" && power_hp > 140'
    assert run_custom(cond)[0] is Status.FIRED
    assert run_custom(cond, import_declaration_date=dt.date(2026, 2, 14))[0] is Status.CLEAR


def test_which_rules_apply() -> None:
    packs = PackLibrary(builtin_packs()).in_force(TODAY)
    reference = load_reference()

    def ids(**overrides: object) -> list[str]:
        item = VehicleInput(build_facts(base_row(**overrides), reference))
        return [p.id for p in applicable_packs(item, None, packs)]

    assert ids(destination_country="RU") == ["generic", "cn", "data-quality", "ru-eaeu"]
    assert ids(destination_country="KZ") == ["generic", "cn", "data-quality", "ru-eaeu"]
    assert ids(destination_country="JO") == ["generic", "cn", "data-quality", "jo"]
    assert ids(destination_country="UZ") == ["generic", "cn", "data-quality", "uz"]
    assert ids(destination_country=None) == ["generic", "cn", "data-quality"]
    fallback = VehicleInput(
        build_facts(base_row(destination_country=None), reference), destination="JO"
    )
    assert [p.id for p in applicable_packs(fallback, None, packs)] == [
        "generic", "cn", "data-quality", "jo",
    ]  # fmt: skip


def test_evaluation_is_reproducible() -> None:
    library = PackLibrary(builtin_packs())
    reference = load_reference()
    rows = [base_row(), base_row(vin="LVVDB21B8TD439563", odometer_km=Decimal(300))]

    def run() -> list[list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]]:
        inputs = [VehicleInput(build_facts(r, reference), row=i + 2) for i, r in enumerate(rows)]
        return [
            [
                (
                    e.rule.id,
                    e.outcome.status.value,
                    tuple(c.en for c in e.outcome.clauses),
                    e.outcome.missing,
                )
                for e in result
            ]
            for result in evaluate(inputs, library, reference, today=TODAY)
        ]

    assert run() == run()


def test_two_packs_may_not_define_the_same_rule() -> None:
    one = parse_pack(HEADER + rule("vin_format", rule_id="ZM-STRONG"), "x.toml")
    with pytest.raises(Exception, match="defined by packs generic and custom"):
        PackSet([*builtin_packs(), one])
