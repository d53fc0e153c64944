"""Findings are current or visibly out of date (rules.md, "What every finding records").

Each change a finding rests on — a fact, a pack version, the reference data, the VIN's
duplicates in the store — makes the right findings out of date, blocks the export and
the hearing status, and is cleared by ``classify``.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from core import settings
from core.persistence.store import open_store
from core.persistence.unit_of_work import reading
from core.rules.packs import builtin_packs
from core.services import cases
from core.services.staleness import StaleReason, stale_counts, stale_vehicles

from .conftest import Cli

VIN_A = "LVVDB21B9TD439563"
VIN_B = "LVVDB21B6TD439560"
CHERY = [
    "--make", "Chery", "--model", "Tiggo 7 Pro", "--model-year", "2026",
    "--first-registration-date", "2026-02-03", "--export-deregistration-date", "2026-02-10",
    "--import-declaration-date", "2026-02-15", "--odometer-km", "12",
    "--declared-condition", "used", "--destination-country", "KZ",
    "--declared-value", "7450", "--currency", "USD",
]  # fmt: skip


def classified_case(cli: Cli, *vins: str) -> str:
    ref = cli.new_case(title="Партия", jurisdiction="KZ")
    for vin in vins:
        code, _, err = cli("vehicle", "add", ref, "--vin", vin, *CHERY)
        assert code == 0, err
    assert cli("classify", ref)[0] == 0
    return ref


def out_of_date(cli: Cli, ref: str) -> dict[str, list[str]]:
    detail = cli.json("case", "show", ref)
    return {v["vin"]: v["reasons"] for v in detail["findings_out_of_date"]}


def assert_blocked(cli: Cli, ref: str, tmp_path: Path, vins: set[str]) -> None:
    """Export refused (exit 1, one line naming the vehicles and the command to run), and the
    hearing status refused (only an approval gives it)."""
    code, _, err = cli("export", ref, "--pdf", str(tmp_path / f"{ref}-{len(vins)}.pdf"))
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1, err
    assert f"run `zeromile classify {ref}`" in lines[0]
    assert all(vin in lines[0] for vin in vins)
    assert not (tmp_path / f"{ref}-{len(vins)}.pdf").exists()
    cli("case", "status", ref, "open")
    cli("case", "status", ref, "under_review")
    # only an approval reaches the hearing, and it needs current findings
    # (tests/core/services/test_review.py::test_approval_needs_current_findings)
    code, _, err = cli("case", "status", ref, "ready_for_hearing")
    assert code == 2 and "--approve" in err
    assert cli.json("case", "show", ref)["status"] == "under_review"


def assert_cleared(cli: Cli, ref: str, tmp_path: Path) -> None:
    assert cli("classify", ref)[0] == 0
    assert out_of_date(cli, ref) == {}
    code, _, err = cli("export", ref, "--pdf", str(tmp_path / f"{ref}-current.pdf"))
    assert code == 0, err


def test_a_new_case_is_current_only_once_classified(cli: Cli, tmp_path: Path) -> None:
    ref = cli.new_case()
    assert out_of_date(cli, ref) == {}  # no vehicle: nothing to judge
    assert cli("vehicle", "add", ref, "--vin", VIN_A, *CHERY)[0] == 0
    assert out_of_date(cli, ref) == {VIN_A: [StaleReason.NEVER.value]}
    assert_blocked(cli, ref, tmp_path, {VIN_A})
    assert_cleared(cli, ref, tmp_path)


def test_an_edited_fact_makes_that_vehicle_out_of_date(cli: Cli, tmp_path: Path) -> None:
    ref = classified_case(cli, VIN_A, VIN_B)
    assert out_of_date(cli, ref) == {}
    assert cli("vehicle", "set", ref, VIN_A, "odometer_km", "60")[0] == 0
    assert out_of_date(cli, ref) == {VIN_A: [StaleReason.FACTS.value]}
    # the stale finding is never presented as current: the export refuses
    assert_blocked(cli, ref, tmp_path, {VIN_A})
    assert_cleared(cli, ref, tmp_path)
    vehicle = next(v for v in cli.json("case", "show", ref)["vehicles"] if v["vin"] == VIN_A)
    assert "ZM-STRONG" not in {f["rule"] for f in vehicle["findings"]}  # 60 km > 50 km


def test_an_allowed_stale_export_is_a_marked_draft(cli: Cli, tmp_path: Path) -> None:
    ref = classified_case(cli, VIN_A)
    cli("vehicle", "set", ref, VIN_A, "odometer_km", "60")
    bundle = tmp_path / "draft.zip"
    code, out, err = cli("export", ref, "--bundle", str(bundle), "--allow-stale")
    assert code == 0, err
    assert "FINDINGS OUT OF DATE" in out and "not the hearing version" in out
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["draft"] is True and manifest["findings_out_of_date"] == [VIN_A]


def test_a_new_pack_version_in_force_on_the_import_date(cli: Cli, tmp_path: Path) -> None:
    ref = classified_case(cli, VIN_A)
    generic = next(p for p in builtin_packs() if p.id == "generic").content
    later = tmp_path / "generic-later.toml"
    later.write_text(
        generic.replace('version = "1.1.0"', 'version = "1.2.0"').replace(
            "valid_from = 2000-01-01", "valid_from = 2026-06-01"
        ),
        encoding="utf-8",
    )
    assert cli("rules", "load", str(later))[0] == 0
    # in force from June: the vehicle imported in February is still judged by 1.1.0
    assert out_of_date(cli, ref) == {}
    earlier = tmp_path / "generic-earlier.toml"
    earlier.write_text(
        generic.replace('version = "1.1.0"', 'version = "1.1.5"').replace(
            "max_odometer_km = 50\n", "max_odometer_km = 10\n", 1
        ),
        encoding="utf-8",
    )
    assert cli("rules", "load", str(earlier))[0] == 0
    assert out_of_date(cli, ref) == {VIN_A: [StaleReason.PACKS.value]}
    assert_blocked(cli, ref, tmp_path, {VIN_A})
    assert_cleared(cli, ref, tmp_path)
    findings = cli.json("case", "show", ref)["vehicles"][0]["findings"]
    near = next(f for f in findings if f["rule"] == "ZM-NEAR")  # 12 km > 10 km now
    assert near["pack_version"] == "1.1.5"
    assert (near["version_date"], near["version_date_basis"]) == ("2026-02-15", "import_date")


def test_new_reference_data_makes_the_vehicles_that_use_it_out_of_date(
    cli: Cli, tmp_path: Path
) -> None:
    ref = classified_case(cli, VIN_A)
    other = classified_case(cli, VIN_B)
    cli("vehicle", "set", other, VIN_B, "make", "Haval")
    cli("vehicle", "set", other, VIN_B, "model", "Jolion")
    cli("classify", other)
    shipped = (
        Path(__file__).parents[2] / "resources" / "reference" / "reference_prices.csv"
    ).read_text(encoding="utf-8")
    folder = settings.data_dir() / "reference"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "reference_prices.csv").write_text(
        shipped
        + "Chery,Tiggo 7 Pro,2026,Base 1.5,11000,USD,export_fob,2026-02-01,,newer price list\n",
        encoding="utf-8",
    )
    assert out_of_date(cli, ref) == {VIN_A: [StaleReason.REFERENCE.value]}
    assert out_of_date(cli, other) == {}  # no Haval Jolion price changed
    assert_blocked(cli, ref, tmp_path, {VIN_A})
    assert_cleared(cli, ref, tmp_path)
    floor = next(
        f
        for f in cli.json("case", "show", ref)["vehicles"][0]["findings"]
        if f["rule"] == "VALUE-FLOOR"
    )
    assert "11000" in floor["explanation"] and "newer price list" in floor["explanation"]


def test_a_vin_arriving_in_another_case_makes_the_first_case_out_of_date(
    cli: Cli, tmp_path: Path, db_url: str
) -> None:
    first = classified_case(cli, VIN_A, VIN_B)
    workbook = tmp_path / "second.csv"
    workbook.write_text(
        f"vin,make,import_declaration_date\n{VIN_A},Chery,2026-03-01\n", encoding="utf-8"
    )
    code, _, err = cli("import", str(workbook), "--new-case", "Вторая", "--jurisdiction", "KZ")
    assert code == 0, err
    second = cli.json("case", "list")[0]["reference"]
    second_vehicle = cli.json("case", "show", second)["vehicles"][0]
    dup = next(f for f in second_vehicle["findings"] if f["rule"] == "DUP-VIN")
    assert first in dup["explanation"]
    # the earlier case learns of its DUP-VIN: out of date, and its inspector sees it in the list
    assert out_of_date(cli, first) == {VIN_A: [StaleReason.DUPLICATES.value]}
    store = open_store(db_url)
    try:
        with reading(store) as session:
            first_id = cases.get_case(session, first).id
            second_id = cases.get_case(session, second).id
            assert first_id is not None and second_id is not None
            listed = stale_counts(session, [first_id, second_id])
    finally:
        store.engine.dispose()
    assert listed == {first_id: 1}
    assert_blocked(cli, first, tmp_path, {VIN_A})
    assert_cleared(cli, first, tmp_path)
    again = next(v for v in cli.json("case", "show", first)["vehicles"] if v["vin"] == VIN_A)
    dup = next(f for f in again["findings"] if f["rule"] == "DUP-VIN")
    assert second in dup["explanation"]


def test_a_shipment_mate_with_a_new_owner_makes_the_batch_out_of_date(cli: Cli) -> None:
    ref = cli.new_case()
    owner = ["--registered-owner", "Guangzhou Export Co", "--registered-owner-type", "legal_entity"]
    vins = [f"LVVDB21B{d}TD43956{d}" for d in range(5)]
    for vin in vins:
        assert cli("vehicle", "add", ref, "--vin", vin, *CHERY, *owner)[0] == 0
    cli("classify", ref)
    assert out_of_date(cli, ref) == {}
    cli("vehicle", "set", ref, vins[0], "registered_owner", "Someone Else")
    stale = out_of_date(cli, ref)
    assert stale[vins[0]] == [StaleReason.FACTS.value, StaleReason.SHIPMENT.value]
    assert all(stale[v] == [StaleReason.SHIPMENT.value] for v in vins[1:])
    # an edit that cannot change a batch touches no other vehicle
    cli("classify", ref)
    cli("vehicle", "set", ref, vins[1], "odometer_km", "13")
    assert out_of_date(cli, ref) == {vins[1]: [StaleReason.FACTS.value]}


def test_an_unknown_import_date_is_judged_by_the_day_of_evaluation(
    cli: Cli, tmp_path: Path, db_url: str
) -> None:
    ref = cli.new_case()
    no_import = [a for a in CHERY if a not in ("--import-declaration-date", "2026-02-15")]
    assert cli("vehicle", "add", ref, "--vin", VIN_A, *no_import)[0] == 0
    cli("classify", ref)
    findings = cli.json("case", "show", ref)["vehicles"][0]["findings"]
    strong = next(f for f in findings if f["rule"] == "ZM-STRONG")
    today = dt.date.today().isoformat()
    assert (strong["version_date"], strong["version_date_basis"]) == (today, "evaluation_date")
    assert (
        f"import date unknown: pack version in force on {today} applied" in (strong["explanation"])
    )
    store = open_store(db_url)
    try:
        # a version that comes into force next month judges it then: out of date then
        generic = next(p for p in builtin_packs() if p.id == "generic")
        later = dt.date.today() + dt.timedelta(days=40)
        _load(store, generic.content, "1.5.0", later)
        with reading(store) as session:
            case = cases.get_case(session, ref)
            assert case.id is not None
            assert stale_vehicles(session, [case.id], today=dt.date.today()) == []
            found = stale_vehicles(session, [case.id], today=later)
            assert [v.reasons for v in found] == [[StaleReason.PACKS]]
    finally:
        store.engine.dispose()


def _load(store: Any, content: str, version: str, valid_from: dt.date) -> None:
    from core.persistence.unit_of_work import unit_of_work
    from core.services.rule_packs import load_pack_file

    text = content.replace('version = "1.1.0"', f'version = "{version}"').replace(
        "valid_from = 2000-01-01", f"valid_from = {valid_from.isoformat()}"
    )
    with unit_of_work(store, actor="admin") as session:
        load_pack_file(session, text, f"generic-{version}.toml")


@pytest.mark.parametrize("pack", ["generic"])
def test_classifying_with_chosen_packs_leaves_the_case_out_of_date(cli: Cli, pack: str) -> None:
    ref = classified_case(cli, VIN_A)
    assert cli("classify", ref, "--pack", pack)[0] == 0
    assert out_of_date(cli, ref) == {VIN_A: [StaleReason.CHOSEN.value]}


_CLASSIFY_AND_WAIT = """
import sys
from core.persistence.store import open_store
from core.persistence.unit_of_work import unit_of_work
from core.services import cases
from core.services.findings import classify_case

told = []

def progress(done, total):
    if not told:  # every vehicle is read: let the other workstation edit, then go on
        told.append(True)
        print("read", flush=True)
        assert sys.stdin.readline().strip() == "go"

store = open_store(sys.argv[1])
with unit_of_work(store, actor="classifier") as session:
    classify_case(session, cases.get_case(session, sys.argv[2]), progress=progress)
print("classified", flush=True)
"""


def test_a_vin_arriving_during_a_classification_leaves_that_vehicle_out_of_date(
    cli: Cli, db_url: str, postgres_only: object
) -> None:
    """Another workstation records the same VIN in another case after the rules read the
    store's duplicates and before they commit: the findings were computed without it, so
    the vehicle must not be current. (An edit in the same case cannot interleave: it
    waits for the classification's lock on the case.)"""
    import subprocess
    import sys

    ref = classified_case(cli, VIN_A, VIN_B)
    cli("vehicle", "set", ref, VIN_B, "odometer_km", "13")  # something to classify
    other = cli.new_case(title="Другая", jurisdiction="KZ")
    child = subprocess.Popen(
        [sys.executable, "-c", _CLASSIFY_AND_WAIT, db_url, ref],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert child.stdout is not None and child.stdin is not None
    try:
        assert child.stdout.readline().strip() == "read"  # the barrier: both sides are here
        assert cli("vehicle", "add", other, "--vin", VIN_A, *CHERY)[0] == 0
        child.stdin.write("go\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "classified"
        assert child.wait(timeout=120) == 0
    finally:
        child.kill()
    assert out_of_date(cli, ref) == {VIN_A: [StaleReason.DUPLICATES.value]}
    vehicle = next(v for v in cli.json("case", "show", ref)["vehicles"] if v["vin"] == VIN_A)
    assert "DUP-VIN" not in {f["rule"] for f in vehicle["findings"]}  # computed without it
    assert cli("classify", ref)[0] == 0
    assert out_of_date(cli, ref) == {}
