"""Fuzz: nothing a user can type into a vehicle, a party, a note or a case title blocks the
hearing file.

Random text (all of Unicode: controls, right-to-left, combining marks, strings far beyond
the limits and without spaces), numbers (huge, tiny, negative, ``nan``/``inf`` written
out) and dates (far past and future, malformed) go through the service functions the
command line and the GUI use. Each input is either refused with one line
(:class:`UserFacingError`) or accepted; then the case is classified and exported, and the
export must succeed: the workbook opens with openpyxl and the PDF passes ``qpdf --check``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from core.domain import bounds
from core.domain.fields import CASE_FIELDS, VEHICLE_FIELDS, FieldSpec, parse_fields
from core.domain.party import PartyKind, PartyRoleKind
from core.domain.vehicle import ConformityDoc, DeclaredCondition, FuelType, Vehicle
from core.errors import UserFacingError
from core.persistence.store import Store, ZeroMileSession, open_store
from core.persistence.unit_of_work import unit_of_work
from core.services import cases, notes, parties, vehicles
from core.services.exports import export_case
from core.services.findings import classify_case

ACTOR = "Fuzz Inspector (F-001)"
VIN = "LVVDB21B9TD439563"

#: Every code point but lone surrogates, which no UTF-8 text can hold.
_CHARACTERS = st.characters(exclude_categories=("Cs",))
_SPECIAL = st.sampled_from(
    [
        "\x1b]0;pwned\x07", "\x1b[2J", "\u202egpj.exe", "\u200f\u202b", "e\u0301\u0301\u0301",
        "\x00", "\r\n", "\t", "\u2028", "\ufdfa", "ß", "ﬃ", "𝕏", "👨‍👩‍👧", "&<b>\"'", "%_\\",
        "شركة الأفق", "广州汽车出口贸易有限公司", "Партия", "\ufeff", "\ud7ff", "\U0010ffff",
    ]
)  # fmt: skip
_PIECE = st.one_of(st.text(_CHARACTERS, max_size=12), _SPECIAL)
#: Short text, or a piece repeated up to far beyond every limit (no spaces needed).
TEXT = st.one_of(
    st.text(_CHARACTERS, max_size=40),
    st.lists(_PIECE, max_size=6).map("".join),
    st.tuples(_PIECE, st.integers(1, 25_000)).map(lambda t: (t[0] * t[1])[: t[1] * 2]),
)
NUMBER = st.one_of(
    st.integers(-(10**40), 10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["nan", "inf", "-inf", "9e999", "1e-999", "0,0000001", "1 234,5", "12 mi"]),
    TEXT,
)
DATE = st.one_of(
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)).map(lambda d: d.strftime("%d.%m.%Y")),
    st.sampled_from(["31.02.2026", "2026-13-01", "0000-00-00", "99.99.99999", "1.1.1"]),
    TEXT,
)
#: Values a declaration holds, so that most vehicles are recorded and reach the export.
_PLAUSIBLE_NUMBER = st.one_of(
    st.integers(0, 10**6).map(str), st.decimals(0, 10**6, places=2).map(str)
)
_PLAUSIBLE_DATE = st.dates(dt.date(2015, 1, 1), dt.date(2026, 12, 31)).map(dt.date.isoformat)
_SOME_NUMBER = st.one_of(_PLAUSIBLE_NUMBER, _PLAUSIBLE_NUMBER, NUMBER)
_SOME_DATE = st.one_of(_PLAUSIBLE_DATE, _PLAUSIBLE_DATE, DATE)
_BY_PARSER = {
    "parse_date": _SOME_DATE,
    "parse_int": st.one_of(st.integers(2015, 2026).map(str), NUMBER),
    "parse_count": _SOME_NUMBER,
    "parse_power": _SOME_NUMBER,
    "parse_odometer_km": _SOME_NUMBER,
    "parse_amount": _SOME_NUMBER,
    "parse_yes_no": st.one_of(st.sampled_from(["yes", "нет", "1"]), TEXT),
    "parse_country": st.one_of(st.sampled_from(["KZ", "cn", "JO"]), TEXT),
    "parse_currency": st.one_of(st.sampled_from(["USD", "cny"]), TEXT),
}
_CHOICES = {
    "fuel_type": FuelType,
    "declared_condition": DeclaredCondition,
    "conformity_doc": ConformityDoc,
    "registered_owner_type": PartyKind,
    "importer_type": PartyKind,
}


def _strategy(spec: FieldSpec) -> st.SearchStrategy[str]:
    """Values of the field's kind, valid or not."""
    choice = _CHOICES.get(spec.name)
    if choice is not None:
        return st.one_of(st.sampled_from([m.value for m in choice]), TEXT)
    return _BY_PARSER.get(getattr(spec.parse, "__name__", ""), TEXT)


_FIELD_VALUES = {s.name: _strategy(s) for s in VEHICLE_FIELDS if s.name != "vin"}
#: A typed vehicle: its VIN and a few other fields, each with a value of the field's kind.
VEHICLE = st.tuples(
    st.one_of(st.just(VIN), TEXT),
    st.sets(st.sampled_from(sorted(_FIELD_VALUES)), max_size=6).flatmap(
        lambda names: st.fixed_dictionaries({n: _FIELD_VALUES[n] for n in sorted(names)})
    ),
).map(lambda t: {"vin": t[0], **t[1]})
TEXT_FIELDS = [
    s.name for s in VEHICLE_FIELDS if s.parse.__qualname__.startswith("text.") and s.name != "vin"
]
INPUTS = st.fixed_dictionaries(
    {
        "title": TEXT,
        "vehicles": st.lists(VEHICLE, min_size=1, max_size=2),
        "parties": st.lists(TEXT, max_size=2),
        "notes": st.lists(TEXT, max_size=2),
    }
)


@contextmanager
def fresh_store(pg_server: Any, template: str, folder: Path) -> Iterator[tuple[Store, Path]]:
    """One migrated store per example (SQLite copied, or a PostgreSQL database cloned)."""
    work = folder / uuid.uuid4().hex[:12]
    work.mkdir()
    if pg_server is None:
        shutil.copyfile(template, work / "store.db")
        url, db = None, str(work / "store.db")
    else:
        url = pg_server.create(template=template)
        db = url.render_as_string(hide_password=False)
    store = open_store(db)
    try:
        yield store, work
    finally:
        store.close()
        if pg_server is not None and url is not None:
            pg_server.drop(url)
        shutil.rmtree(work, ignore_errors=True)


def attempt(store: Store, what: str, write: Callable[[ZeroMileSession], Any]) -> bool:
    """Run one input through a unit of work: accepted, or refused with one line."""
    try:
        with unit_of_work(store, actor=ACTOR) as session:
            write(session)
    except UserFacingError as exc:
        message = str(exc)
        assert message and "\n" not in message and "\r" not in message, repr(message)
        event(f"{what}: refused")
        return False
    event(f"{what}: accepted")
    return True


def feed(store: Store, data: dict[str, Any]) -> str:
    """Every input of ``data`` as the command line feeds it; the case's reference."""
    with unit_of_work(store, actor=ACTOR) as session:
        reference = cases.create_case(session, title="Fuzz", jurisdiction="KZ").reference

    def set_title(session: ZeroMileSession) -> None:
        cases.update_case(session, reference, parse_fields(CASE_FIELDS, {"title": data["title"]}))

    attempt(store, "title", set_title)
    for typed in data["vehicles"]:

        def add_vehicle(session: ZeroMileSession, typed: dict[str, str] = typed) -> None:
            facts = parse_fields(VEHICLE_FIELDS, typed)
            vehicles.add_vehicle(session, cases.get_case(session, reference), facts, typed=typed)

        attempt(store, "vehicle", add_vehicle)
    for name in data["parties"]:

        def add_party(session: ZeroMileSession, name: str = name) -> None:
            case = cases.get_case(session, reference)
            party = parties.find_or_create_party(session, name=name)
            parties.link_party(session, party, case, PartyRoleKind.IMPORTER)

        attempt(store, "party", add_party)
    for text in data["notes"]:

        def add_note(session: ZeroMileSession, text: str = text) -> None:
            notes.add_note(session, cases.get_case(session, reference), text=text)

        attempt(store, "note", add_note)
    return reference


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=INPUTS)
@example(  # the longest of everything, without a space to break a line at
    data={
        "title": "Ш" * 500,
        "vehicles": [
            {
                "vin": VIN,
                **{n: "W" * (bounds.bound(Vehicle, n).max_chars or 0) for n in TEXT_FIELDS},
            }
        ],
        "parties": ["ش" * 300],
        "notes": ["x" * 20_000, "\u202e\x1b]0;t\x07" * 2_000],
    }
)
def test_nothing_accepted_blocks_the_export(
    data: dict[str, Any],
    pg_server: Any,
    migrated_template: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.getbasetemp()
    with fresh_store(pg_server, migrated_template, folder) as (store, work):
        reference = feed(store, data)
        with unit_of_work(store, actor=ACTOR) as session:
            classify_case(session, cases.get_case(session, reference))
        pdf, xlsx = work / "case.pdf", work / "case.xlsx"
        export_case(store, reference, actor=ACTOR, pdf=pdf, xlsx=xlsx)
        openpyxl.load_workbook(xlsx, read_only=True).close()
        checked = subprocess.run(
            ["qpdf", "--check", str(pdf)], capture_output=True, text=True, check=False
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr
