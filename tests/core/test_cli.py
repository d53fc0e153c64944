"""The command-line contract: JSON shapes, exit codes 0/1/2, one-line errors, no tracebacks."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from pathlib import Path

import pytest

from core.cli.main import run
from core.persistence import migrate
from core.services import notes

from .conftest import Cli

TITLE = "Партия 7: Chery Tiggo <b>&"
VIN = "LVVDB21B9TD439563"


def assert_one_line_error(err: str, fragment: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("zeromile: error: ")
    assert fragment in lines[0]
    assert "Traceback" not in err


def test_case_new_and_list_round_trip_the_title_exactly(cli: Cli) -> None:
    created = cli.json("case", "new", "--title", TITLE, "--jurisdiction", "kz")
    assert set(created) == {"reference", "id"}
    listed = cli.json("case", "list")
    assert [(c["reference"], c["title"], c["status"], c["jurisdiction"]) for c in listed] == [
        (created["reference"], TITLE, "draft", "KZ")
    ]


def test_case_new_without_json_prints_just_the_reference(cli: Cli) -> None:
    code, out, _ = cli("case", "new", "--title", "x", "--jurisdiction", "RU")
    assert code == 0 and out.strip().startswith("ZM-") and len(out.strip().splitlines()) == 1


def test_case_list_filters_by_status(cli: Cli) -> None:
    first = cli.new_case()
    cli.new_case()
    assert cli("case", "status", first, "open")[0] == 0
    assert [c["reference"] for c in cli.json("case", "list", "--status", "open")] == [first]


def test_case_show_set_and_status(cli: Cli) -> None:
    ref = cli.new_case()
    assert cli("case", "set", ref, "hearing_date", "22.12.2026")[0] == 0
    assert cli("case", "set", ref, "hearing-reference", "Дело № 1487/2026")[0] == 0
    code, _, err = cli("case", "status", ref, "closed")
    assert code == 2
    assert_one_line_error(err, "needs a reason")
    assert cli("case", "status", ref, "closed", "--reason", "withdrawn by importer")[0] == 0
    shown = cli.json("case", "show", ref)
    assert shown["hearing_date"] == "2026-12-22"
    assert shown["hearing_reference"] == "Дело № 1487/2026"
    assert (shown["status"], shown["closing_reason"]) == ("closed", "withdrawn by importer")


def test_a_stale_set_is_refused_with_exit_2(cli: Cli) -> None:
    ref = cli.new_case()
    assert cli("case", "set", ref, "title", "A", "--expect-version", "1")[0] == 0
    code, _, err = cli("case", "set", ref, "title", "B", "--expect-version", "1")
    assert code == 2
    assert_one_line_error(err, "changed by someone else")
    assert cli.json("case", "show", ref)["title"] == "A"


def test_shipments_vehicles_parties_and_notes(cli: Cli) -> None:
    ref = cli.new_case()
    shipment = cli.json(
        "shipment",
        "add",
        ref,
        "--declaration-no",
        "KZ-55201/150226/0012345",
        "--border-post",
        "Altynkol",
        "--departure-date",
        "12.02.2026",
    )
    added = cli.json(
        "vehicle",
        "add",
        ref,
        "--vin",
        "lvv-db21b9-td439563",
        "--make",
        "Chery",
        "--odometer-km",
        "12 mi",
        "--first-registration-date",
        "03.02.2026",
        "--declared-condition",
        "USED",
        "--exporter",
        "广州汽车出口贸易有限公司",
        "--manufacturer-letter",
        "нет",
    )
    assert added["vin"] == VIN and added["warnings"] == []
    assert (
        cli.json(
            "party", "add", ref, "--name", "شركة الأفق", "--role", "importer", "--country", "jo"
        )["role"]
        == "importer"
    )
    assert cli("note", "add", ref, "Осмотр вагона 58231744")[0] == 0
    shown = cli.json("case", "show", ref)
    assert shown["shipments"][0]["id"] == shipment["id"]
    vehicle = shown["vehicles"][0]
    assert (vehicle["vin"], vehicle["vin_declared"]) == (VIN, "lvv-db21b9-td439563")
    assert vehicle["odometer_km"] == 19.3
    assert vehicle["declared_condition"] == "used"
    assert vehicle["manufacturer_letter"] is False
    assert vehicle["shipment_id"] == shipment["id"]
    assert {p["name"]: p["roles"] for p in shown["parties"]} == {
        "广州汽车出口贸易有限公司": ["exporter"],
        "شركة الأفق": ["importer"],
    }
    assert shown["notes"][0]["text"] == "Осмотр вагона 58231744"
    assert cli("vehicle", "set", ref, VIN, "odometer_km", "14", "--reason", "photo")[0] == 0
    log = cli.json("audit", "log", ref)
    assert any(
        e["field"] == "odometer_km" and e["action"] == "update" and e["reason"] == "photo"
        for e in log
    )


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (["--vin", VIN, "--odometer-km", "-5"], "odometer_km: '-5' is negative"),
        (["--vin", VIN, "--model-year", "3024"], "model_year: 3024 is outside 1980-"),
        (["--vin", VIN, "--production-date", "31.02.2026"], "not a real calendar date"),
        (["--vin", VIN, "--fuel-type", "steam"], "not one of petrol"),
    ],
)
def test_bad_vehicle_values_are_refused_with_a_clear_line(
    cli: Cli, options: list[str], fragment: str
) -> None:
    ref = cli.new_case()
    code, _, err = cli("vehicle", "add", ref, *options)
    assert code == 2
    assert_one_line_error(err, fragment)
    assert cli.json("case", "show", ref)["vehicles"] == []


def test_a_malformed_vin_is_recorded_as_declared_with_a_warning(cli: Cli) -> None:
    ref = cli.new_case()
    code, out, err = cli("vehicle", "add", ref, "--vin", f" {VIN[:8]}-{VIN[8:16]} ")
    assert code == 0
    assert "warning: vin:" in err and "16 characters" in err
    assert "[malformed VIN, recorded as declared]" in out
    vehicle = cli.json("case", "show", ref)["vehicles"][0]
    assert vehicle["vin"] == VIN[:16]  # normalised as rules.md says
    assert vehicle["vin_declared"] == f"{VIN[:8]}-{VIN[8:16]}"
    assert "16 characters" in vehicle["vin_problem"]
    assert cli("classify", ref)[0] == 0
    rules = {f["rule"] for f in cli.json("case", "show", ref)["vehicles"][0]["findings"]}
    assert "VIN-FORMAT" in rules


def test_dates_out_of_order_are_recorded_and_become_a_data_quality_finding(cli: Cli) -> None:
    ref = cli.new_case()
    code, _, err = cli(
        "vehicle", "add", ref, "--vin", VIN, "--declared-condition", "used",
        "--odometer-km", "12", "--first-registration-date", "01.03.2026",
        "--export-deregistration-date", "2026-02-01",
    )  # fmt: skip
    assert code == 0 and "is before first registration" in err
    assert cli("classify", ref)[0] == 0
    vehicle = cli.json("case", "show", ref)["vehicles"][0]
    fired = {f["rule"]: f for f in vehicle["findings"]}
    assert "ZM-STRONG" not in fired  # never "registered -28 days <= 90"
    assert (
        "first registration 2026-03-01 (written '01.03.2026') is after deregistration"
        in (fired["DQ-DATE-ORDER"]["explanation"])
    )
    strong = next(n for n in vehicle["not_evaluable"] if n["rule"] == "ZM-STRONG")
    assert "dates out of order" in strong["explanation"]
    assert {"column": "first_registration_date", "text": "01.03.2026"}.items() <= next(
        t for t in vehicle["declared_text"] if t["column"] == "first_registration_date"
    ).items()


def test_usage_errors_are_one_line_with_exit_2(cli: Cli) -> None:
    code, _, err = cli("case", "new", "--title", "x")
    assert code == 2
    assert_one_line_error(err, "--jurisdiction")
    code, _, err = cli("case", "new", "--title", "x", "--jurisdiction", "XX")
    assert code == 2
    assert_one_line_error(err, "ISO 3166")
    code, _, err = cli("case", "show", "ZM-2026-999999")
    assert code == 2
    assert_one_line_error(err, "no case ZM-2026-999999")


def test_debug_shows_the_traceback(cli: Cli) -> None:
    code, _, err = cli("--debug", "case", "show", "ZM-2026-999999")
    assert code == 2
    assert "Traceback" in err and "NotFoundError" in err


def test_no_command_without_a_gui_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([]) == 2
    assert_one_line_error(capsys.readouterr().err, "no command given")


def test_pointing_db_at_a_text_file_refuses_and_leaves_it_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.txt"
    target.write_text("Акт осмотра № 12\n", encoding="utf-8")
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    assert run(["--db", str(target), "case", "list"]) == 2
    assert_one_line_error(capsys.readouterr().err, "is not a ZeroMile store")
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_init_reports_the_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", str(tmp_path / "new.db"), "init", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == migrate.head_revision() and report["upgraded_from"] is None


def test_demo_json_lists_the_cases(cli: Cli) -> None:
    loaded = cli.json("demo")
    assert len(loaded) >= 3
    assert {c["jurisdiction"] for c in loaded} >= {"KZ", "RU", "JO"}
    listed = {c["reference"] for c in cli.json("case", "list")}
    assert {c["reference"] for c in loaded} <= listed


def test_inspectors(cli: Cli) -> None:
    assert (
        cli.json("inspector", "add", "--name", "Айгерим", "--badge", "KZ-1")["badge_number"]
        == "KZ-1"
    )
    code, _, err = cli("inspector", "add", "--name", "Other", "--badge", "KZ-1")
    assert code == 2
    assert_one_line_error(err, "already registered")
    assert [i["name"] for i in cli.json("inspector", "list")] == ["Айгерим"]


def test_a_full_disk_names_the_file_and_says_nothing_was_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A real ENOSPC: /dev/full refuses every write (the error itself names no file)."""
    declarations = tmp_path / "decl.csv"
    declarations.write_text(f"vin;make\n{VIN};Chery\n", "utf-8")
    code = run(["screen", str(declarations), "--xlsx", "/dev/full"])
    _, err = capsys.readouterr()
    assert code == 2
    assert_one_line_error(err, "/dev/full: No space left on device; nothing was saved")
    assert "Exception ignored" not in err


@pytest.mark.parametrize(
    ("number", "path"),
    [
        (errno.ENOSPC, "/media/usb/store.db-wal"),
        (errno.EDQUOT, "/home/inspector/.local/share/zeromile/evidence/ab/cd.part"),
        (errno.EACCES, "/srv/evidence/ab/cdef"),
        (errno.EROFS, "/mnt/ro/export.pdf"),
    ],
)
def test_os_errors_reaching_the_cli_are_one_line_naming_the_path(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, number: int, path: str
) -> None:
    ref = cli.new_case()
    before = cli.json("audit", "log", ref)

    def add_note(session: object, case: object, **_: object) -> None:
        try:
            raise OSError(number, os.strerror(number), path)
        except OSError as exc:  # a library wrapping the OS error still reaches the user
            raise RuntimeError("could not write") from exc

    monkeypatch.setattr(notes, "add_note", add_note)
    code, _, err = cli("note", "add", ref, "text")
    assert code == 2
    assert_one_line_error(err, f"{path}: {os.strerror(number)}; nothing was saved")
    assert cli.json("audit", "log", ref) == before


def test_no_usable_temporary_folder_is_one_line(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    ref = cli.new_case()

    def add_note(session: object, case: object, **_: object) -> None:
        raise FileNotFoundError(
            errno.ENOENT, "No usable temporary directory found in ['/tmp/full', '/tmp']"
        )

    monkeypatch.setattr(notes, "add_note", add_note)
    code, _, err = cli("note", "add", ref, "text")
    assert code == 2
    assert_one_line_error(err, "No usable temporary directory found")
    assert "nothing was saved" in err


def test_an_internal_error_stays_one_line(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    ref = cli.new_case()

    def add_note(session: object, case: object, **_: object) -> None:
        raise ValueError("Flowable <Table> too large on page 3\n\x1b[2Jin frame\nmore")

    monkeypatch.setattr(notes, "add_note", add_note)
    code, _, err = cli("note", "add", ref, "text")
    assert code == 2
    assert_one_line_error(err, "internal error (ValueError: Flowable <Table> too large on page 3")
    assert "\x1b" not in err
