"""Input limits: what the store cannot hold is refused at the input, in one line, naming
the field, and nothing is written; a final check on every flush catches the rest."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from core.domain import bounds
from core.domain.case import Case
from core.domain.fields import CASE_FIELDS, SHIPMENT_FIELDS, VEHICLE_FIELDS, FieldSpec
from core.domain.shipment import Shipment
from core.domain.vehicle import Vehicle
from core.errors import ValidationError
from core.persistence.store import Store
from core.persistence.unit_of_work import unit_of_work
from core.services import cases, notes, parties, vehicles

from .conftest import Cli

ACTOR_NAME = "Test Inspector (T-001)"

VIN = "LVVDB21B9TD439563"


def assert_one_line_error(err: str, fragment: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("zeromile: error: ") and fragment in lines[0], lines[0]
    assert "internal error" not in err and "Traceback" not in err


def snapshot(cli: Cli, ref: str) -> tuple[object, object]:
    return cli.json("case", "show", ref), cli.json("audit", "log", ref)


def test_a_10000_character_title_is_refused_in_one_line_and_no_case_is_opened(
    cli: Cli,
) -> None:
    code, _, err = cli("case", "new", "--title", "t" * 10_000, "--jurisdiction", "KZ")
    assert code == 2
    assert_one_line_error(err, "title: is 10,000 characters long; at most 500 allowed")
    assert cli.json("case", "list") == []


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["case", "set", "{ref}", "title", "t" * 501], "title: is 501 characters long"),
        (["case", "set", "{ref}", "hearing_reference", "h" * 101], "hearing_reference: is 101"),
        (
            ["case", "set", "{ref}", "title", "New", "--reason", "r" * 20_001],
            "reason: is 20,001 characters long; at most 20,000 allowed",
        ),
        (
            ["case", "status", "{ref}", "closed", "--reason", "r" * 20_001],
            "reason: is 20,001 characters long; at most 20,000 allowed",
        ),
        (["note", "add", "{ref}", "n" * 20_001], "text: is 20,001 characters long"),
        (
            ["party", "add", "{ref}", "--name", "p" * 301, "--role", "importer"],
            "name: is 301 characters long; at most 300 allowed",
        ),
        (  # each U+FDFA becomes 18 characters when names are compared (NFKC)
            ["party", "add", "{ref}", "--name", "\ufdfa" * 20, "--role", "importer"],
            "name: is 360 characters long once normalised",
        ),
        (["shipment", "add", "{ref}", "--carrier", "c" * 301], "carrier: is 301 characters"),
        (["vehicle", "add", "{ref}", "--vin", VIN, "--make", "m" * 101], "make: is 101"),
        (["vehicle", "add", "{ref}", "--vin", "ß" * 50], "vin: is 100 characters long once"),
        (["vehicle", "add", "{ref}", "--vin", VIN, "--engine-cc", "99999999999"], "engine_cc: "),
        (["vehicle", "set", "{ref}", VIN, "odometer_km", "9e999"], "odometer_km: "),
        (["vehicle", "set", "{ref}", VIN, "exporter", "e" * 301], "exporter: is 301"),
        (["inspector", "add", "--name", "i" * 201, "--badge", "B-1"], "name: is 201 characters"),
        (["inspector", "add", "--name", "I", "--badge", "b" * 51], "badge_number: is 51"),
        (  # bytes that are not UTF-8 reach Python's argv as lone surrogates
            ["note", "add", "{ref}", "ab\udcffcd"],
            "text: contains the byte 0xff, which is not UTF-8 text",
        ),
        (["case", "set", "{ref}", "title", "\udcc0"], "title: contains the byte 0xc0"),
        (
            ["party", "add", "{ref}", "--name", "a\udcffb", "--role", "importer"],
            "name: contains the byte 0xff",
        ),
    ],
)
def test_text_and_numbers_beyond_the_store_are_refused_and_nothing_is_written(
    cli: Cli, args: list[str], fragment: str
) -> None:
    ref = cli.new_case()
    assert cli("case", "status", ref, "open")[0] == 0
    assert cli("vehicle", "add", ref, "--vin", VIN)[0] == 0
    before = snapshot(cli, ref), cli.json("inspector", "list")
    code, _, err = cli(*[a.replace("{ref}", ref) for a in args])
    assert code == 2
    assert_one_line_error(err, fragment)
    assert (snapshot(cli, ref), cli.json("inspector", "list")) == before


def test_the_longest_text_each_column_holds_is_accepted(cli: Cli) -> None:
    ref = cli.new_case(title="t" * 500)
    assert cli("note", "add", ref, "n" * bounds.TEXT_LIMIT)[0] == 0
    assert cli("party", "add", ref, "--name", "p" * 300, "--role", "importer")[0] == 0
    shown = cli.json("case", "show", ref)
    assert len(shown["title"]) == 500 and len(shown["notes"][0]["text"]) == bounds.TEXT_LIMIT


FORMS = ((Case, CASE_FIELDS), (Shipment, SHIPMENT_FIELDS), (Vehicle, VEHICLE_FIELDS))
TEXT_SPECS = [
    (table, spec)
    for table, specs in FORMS
    for spec in specs
    if spec.parse.__qualname__.startswith("text.")
]


@pytest.mark.parametrize(
    ("table", "spec"), TEXT_SPECS, ids=[f"{t.__name__}.{s.name}" for t, s in TEXT_SPECS]
)
def test_each_text_field_takes_its_limit_from_the_column(table: type, spec: FieldSpec) -> None:
    limit = bounds.bound(table, spec.name).max_chars
    assert limit is not None
    assert spec.parse("x" * limit) == "x" * limit
    with pytest.raises(ValueError, match=f"at most {limit:,} allowed"):
        spec.parse("x" * (limit + 1))


def test_services_refuse_too_long_values_the_same_way_for_every_front_end(store: Store) -> None:
    with unit_of_work(store, actor=ACTOR_NAME) as session:
        case = cases.create_case(session, title="Case", jurisdiction="KZ")
        reference = case.reference
    attempts = [
        lambda s: cases.create_case(s, title="t" * 10_000, jurisdiction="KZ"),
        lambda s: notes.add_note(s, cases.get_case(s, reference), text="n" * 20_001),
        lambda s: parties.find_or_create_party(s, name="p" * 301),
        lambda s: vehicles.add_vehicle(
            s, cases.get_case(s, reference), {"vin": VIN, "odometer_km": Decimal("1e12")}
        ),
    ]
    for attempt in attempts:
        with (
            pytest.raises(ValidationError) as refused,
            unit_of_work(store, actor=ACTOR_NAME) as session,
        ):
            attempt(session)
        assert "\n" not in str(refused.value)
        assert "characters long" in str(refused.value) or "too large" in str(refused.value)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("make", "m" * 101, "vehicle make: is 101 characters long; at most 100 allowed"),
        ("odometer_km", Decimal("9e999"), "vehicle odometer_km: 9E+999 is too large"),
        ("power_hp", Decimal("Infinity"), "vehicle power_hp: Infinity is not a finite number"),
        ("engine_cc", 2**31, "vehicle engine_cc: 2,147,483,648 is too large"),
    ],
)
def test_every_flush_refuses_a_value_outside_its_column(
    store: Store, field: str, value: object, message: str
) -> None:
    """The safety net: a write path that forgot the input check still cannot store it."""
    with unit_of_work(store, actor=ACTOR_NAME) as session:
        case = cases.create_case(session, title="Case", jurisdiction="KZ")
        vehicle = vehicles.add_vehicle(session, case, {"vin": VIN}).vehicle
        vehicle_id = vehicle.id
    with (
        pytest.raises(ValidationError, match=re.escape(message)),
        unit_of_work(store, actor=ACTOR_NAME) as session,
    ):
        stored = session.get(Vehicle, vehicle_id)
        assert stored is not None
        setattr(stored, field, value)  # no service: straight to the record
        session.flush()
    with unit_of_work(store, actor=ACTOR_NAME) as session:
        stored = session.get(Vehicle, vehicle_id)
        assert stored is not None and getattr(stored, field) is None and stored.version == 1


def test_a_nul_character_is_refused_on_every_backend(store: Store) -> None:
    """PostgreSQL cannot keep NUL in text; SQLite could, so both refuse it at the input."""
    with unit_of_work(store, actor=ACTOR_NAME) as session:
        reference = cases.create_case(session, title="Case", jurisdiction="KZ").reference
    with (
        pytest.raises(ValidationError, match=r"text: contains a NUL character"),
        unit_of_work(store, actor=ACTOR_NAME) as session,
    ):
        notes.add_note(session, cases.get_case(session, reference), text="a\x00b")
    with (
        pytest.raises(ValidationError, match=r"vehicle make: contains a NUL character"),
        unit_of_work(store, actor=ACTOR_NAME) as session,
    ):
        case = cases.get_case(session, reference)
        vehicle = vehicles.add_vehicle(session, case, {"vin": VIN}).vehicle
        vehicle.make = "Che\x00ry"  # straight to the record: the flush guard refuses it
        session.flush()
