"""``zeromile import``: Russian headers without a mapping, a mapping file, re-imports,
dry runs, the validation report, every bad input refused with nothing written, and an
import killed mid-way that leaves the store as it was."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func
from sqlmodel import col, select

from core.domain import AuditEvent, EvidenceItem
from core.domain.audit import SERVER_ACTIONS
from core.domain.vin import expected_check_digit
from core.persistence.audit_chain import verify
from core.persistence.store import Store
from core.persistence.unit_of_work import reading
from core.services import cases, vehicles

from .conftest import Cli

RU_HEADER = (
    "Номер декларации;Идентификационный номер;Марка;Модель;Год выпуска;Пробег, км;"
    "Дата первой регистрации;Таможенная стоимость;Валюта;Страна назначения"
)


def vin(serial: int) -> str:
    draft = f"LVVDB21B0TD{serial:06d}"
    return draft[:8] + expected_check_digit(draft) + draft[9:]


def ru_rows(count: int, start: int = 700) -> list[str]:
    return [
        f"10005020/150226/00{n};{vin(n)};Chery;Tiggo 7 Pro;2026;12;03.02.2026;7 450;USD;KZ"
        for n in range(start, start + count)
    ]


def write(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def state(store: Store) -> tuple[int, int, int]:
    """(cases, vehicles, audit events) in the whole store."""
    with reading(store) as session:
        events = int(session.exec(select(func.count()).select_from(AuditEvent)).one())
        every = cases.list_cases(session)
        cars = sum(len(vehicles.list_vehicles(session, c)) for c in every)
        return len(every), cars, events


def test_a_russian_windows_1251_file_imports_without_a_mapping(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path / "партия.csv", [RU_HEADER, *ru_rows(3)], encoding="cp1251")
    result = cli.json("import", str(path), "--new-case", "Партия 9", "--jurisdiction", "KZ")
    assert {k: result[k] for k in ("vehicles", "shipments", "errors")} == {
        "vehicles": 3, "shipments": 1, "errors": []}  # fmt: skip
    reference = result["case"]
    with reading(store) as session:
        case = cases.get_case(session, reference)
        assert {v.vin for v in vehicles.list_vehicles(session, case)} == {
            vin(n) for n in range(700, 703)
        }
        exhibits = session.exec(select(EvidenceItem).where(EvidenceItem.case_id == case.id)).all()
        assert [(e.original_name, e.kind) for e in exhibits] == [
            ("партия.csv", "customs_declaration")
        ]
        events = session.exec(
            select(AuditEvent).where(AuditEvent.case_id == case.id, AuditEvent.action == "import")
        ).all()
        per_cell = session.exec(
            select(func.count())
            .select_from(AuditEvent)
            .where(
                AuditEvent.case_id == case.id,
                AuditEvent.entity == "vehicle",
                col(AuditEvent.action).not_in(sorted(SERVER_ACTIONS)),
            )
        ).one()  # fmt: skip (the server's row records, on PostgreSQL, come in addition)
    assert len(events) == 1 and per_cell == 0  # one event for the import, not one per cell
    logged = json.loads(events[0].new_value or "{}")
    assert logged["rows"] == 3 and logged["sha256"] == exhibits[0].sha256
    assert result["findings_added"] > 0  # classified right away


def test_a_mapping_file_names_the_columns_of_any_layout(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    reference = cli.json("case", "new", "--title", "Партия 10", "--jurisdiction", "KZ")["reference"]
    lines = ["Chassis,Brand,Km,Colour", f"{vin(801)},Geely,5,red", f"{vin(802)},Geely,7,blue"]
    path = write(tmp_path / "odd.csv", lines)
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        '[columns]\nChassis = "vin"\nBrand = "make"\nKm = "odometer_km"\nColour = ""\n',
        encoding="utf-8",
    )
    result = cli.json("import", str(path), "--case", reference, "--mapping", str(mapping))
    assert result["vehicles"] == 2 and result["warnings"] == []
    with reading(store) as session:
        found = vehicles.find_vehicle(session, cases.get_case(session, reference), vin(802))
        assert (found.make, found.odometer_km) == ("Geely", 7)


def test_a_bad_mapping_is_refused_in_one_line(cli: Cli, tmp_path: Path) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text('[columns]\nChassis = "vinn"\n', encoding="utf-8")
    path = write(tmp_path / "odd.csv", ["Chassis", vin(1)])
    code, _, err = cli("import", str(path), "--new-case", "x", "--jurisdiction", "KZ",
                       "--mapping", str(mapping))  # fmt: skip
    assert code == 2 and "'vinn' is not a declaration column" in err and "Traceback" not in err


def test_a_reimport_adds_nothing_twice_and_says_so(cli: Cli, store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "партия.csv", [RU_HEADER, *ru_rows(4)])
    reference = cli.json("import", str(path), "--new-case", "П", "--jurisdiction", "KZ")["case"]
    before = state(store)
    code, out, _ = cli("import", str(path), "--case", reference)
    assert code == 0 and "nothing was added twice" in out
    again = cli.json("import", str(path), "--case", reference)
    assert (again["vehicles"], again["duplicates"]) == (0, 4)
    assert state(store)[:2] == before[:2]
    with reading(store) as session:
        case = cases.get_case(session, reference)
        exhibits = session.exec(select(EvidenceItem).where(EvidenceItem.case_id == case.id)).all()
    assert len(exhibits) == 1  # the same file is not stored twice


def test_strict_bad_cells_refuse_everything_and_the_report_highlights_them(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    rows = ru_rows(3)
    rows[1] = rows[1].replace("03.02.2026", "31.02.2026").replace(";12;", ";-5;")
    path = write(tmp_path / "bad.csv", [RU_HEADER, *rows])
    before = state(store)
    report = tmp_path / "report.xlsx"
    code, out, err = cli("import", str(path), "--new-case", "П", "--jurisdiction", "KZ",
                         "--report", str(report), "--strict")  # fmt: skip
    assert code == 2 and "2 bad cells" in err and "nothing was imported" in err
    assert "row 3, first_registration_date" in out and "row 3, odometer_km" in out
    assert state(store) == before  # not even the new case
    book = load_workbook(report)
    listed = [tuple(r) for r in book["Bad cells"].iter_rows(min_row=2, values_only=True)]
    assert {(r[0], r[1]) for r in listed} == {(3, "first_registration_date"), (3, "odometer_km")}
    sheet = book["Rows"]
    marked = {
        (c.row, sheet.cell(1, c.column).value)
        for row in sheet.iter_rows(min_row=2)
        for c in row
        if c.fill.fgColor.rgb == "FFF8D7DA"
    }
    assert marked == {(3, "Дата первой регистрации"), (3, "Пробег, км")}
    assert sheet.cell(3, 8).comment is not None


def test_a_dry_run_validates_and_writes_nothing(cli: Cli, store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "ok.csv", [RU_HEADER, *ru_rows(2)])
    before = state(store)
    result = cli.json("import", str(path), "--new-case", "П", "--jurisdiction", "KZ", "--dry-run")
    assert result["dry_run"] and result["rows"] == 2 and result["errors"] == []
    assert state(store) == before


def zip_bomb(path: Path) -> Path:
    """A small .xlsx whose sheet expands to more than the limit."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            block = b"\0" * (1 << 24)
            for _ in range(70):  # 1.1 GiB of zeros, about 1 MB on disk
                part.write(block)
    return path


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    good = Workbook()
    good.active.append(["VIN", "Марка"])
    good.active.append([vin(1), "Chery"])
    good.save(tmp_path / "good.xlsx")
    whole = (tmp_path / "good.xlsx").read_bytes()
    (tmp_path / "truncated.xlsx").write_bytes(whole[: len(whole) // 2])
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    (tmp_path / "protected.xlsx").write_bytes(ole)
    (tmp_path / "photo.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    (tmp_path / "utf16.csv").write_bytes("VIN;Марка\n".encode("utf-16"))
    no_vin = write(tmp_path / "novin.csv", ["Марка;Модель", "Chery;Tiggo"])
    big = write(tmp_path / "big.csv", [RU_HEADER, *ru_rows(50)])
    return {
        "truncated": (tmp_path / "truncated.xlsx", "truncated or damaged"),
        "password-protected": (tmp_path / "protected.xlsx", "password-protected"),
        "not a spreadsheet": (tmp_path / "photo.xlsx", "not an .xlsx workbook"),
        "zip bomb": (zip_bomb(tmp_path / "bomb.xlsx"), "zip bomb"),
        "unexpected encoding": (tmp_path / "utf16.csv", "UTF-16"),
        "no VIN column": (no_vin, "no VIN column"),
        "over the size limit": (big, "the limit is"),
    }


def test_every_bad_input_is_refused_in_one_line_with_nothing_written(
    cli: Cli, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = state(store)
    for what, (path, message) in bad_inputs(tmp_path).items():
        if what == "over the size limit":
            monkeypatch.setenv("ZEROMILE_IMPORT_MAX_BYTES", "1000")
        started = time.monotonic()
        code, _, err = cli("import", str(path), "--new-case", "П", "--jurisdiction", "KZ")
        assert code == 2, what
        assert message in err and "Traceback" not in err and err.count("\n") == 1, (what, err)
        assert time.monotonic() - started < 20, what  # a bomb is refused, not unpacked
    assert state(store) == before


#: The child of the kill test: the command line, with a progress hook that says when half
#: of the rows are inserted (in the import's open transaction) and then holds the import
#: there, so the kill always lands inside a running import however fast the machine is.
_KILLED_IMPORT = """
import os, sys, time
from contextlib import contextmanager
from core.cli import import_commands
from core.cli.main import run

plain = import_commands.terminal_progress

@contextmanager
def signalling(description):
    with plain(description) as draw:
        def update(done, total):
            draw(done, total)
            if description == "importing" and done >= HALF:
                os.write(1, b"inside the import\\n")
                time.sleep(600)
        yield update

import_commands.terminal_progress = signalling
sys.exit(run())
"""


def test_a_killed_import_leaves_the_store_unchanged_and_its_chain_whole(
    db_url: str, store: Store, tmp_path: Path
) -> None:
    from core.services.declaration_import import BATCH

    rows = 4 * BATCH  # half of them inserted, in two batches, when the child says so
    path = write(tmp_path / "month.csv", [RU_HEADER, *ru_rows(rows, start=10000)])
    before = state(store)
    script = _KILLED_IMPORT.replace("HALF", str(rows // 2))
    child = subprocess.Popen(
        [sys.executable, "-c", script,
         "--db", db_url, "import", str(path), "--new-case", "Месяц", "--jurisdiction", "KZ"],
        env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        with selectors.DefaultSelector() as waiting:
            waiting.register(child.stdout, selectors.EVENT_READ)
            said = child.stdout.readline() if waiting.select(timeout=120) else b""
        assert said == b"inside the import\n", (said, child.poll())
        assert child.poll() is None, "the import finished before it could be killed"
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(30)
    assert child.returncode == -signal.SIGKILL
    assert state(store) == before
    with store.engine.connect() as conn:
        assert verify(conn).ok


def test_an_import_whose_rules_then_fail_says_the_file_was_imported(
    cli: Cli, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import is its own transaction: when the rules after it fail, the message must
    not say that nothing was saved."""
    from core.cli import import_commands
    from core.errors import StoreError

    def broken(*args: object, **kwargs: object) -> None:
        raise StoreError("the store refused the change: disk full; nothing was saved")

    monkeypatch.setattr(import_commands, "classify_case", broken)
    reference = cli.new_case()
    path = write(tmp_path / "партия.csv", [RU_HEADER, *ru_rows(2)], encoding="cp1251")
    code, _, err = cli("import", str(path), "--case", reference)
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert f"the file was imported into {reference} (2 vehicle(s), exhibit 1)" in err
    assert f"run 'zeromile classify {reference}'" in err
    assert state(store)[1] == 2
