"""Classification in the case store: stored findings, no duplicates, superseding with history."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import col, select

from core.cli.main import run
from core.domain import AuditEvent, ClassificationRun, Finding
from core.domain.audit import SERVER_ACTIONS
from core.domain.fields import SHIPMENT_FIELDS, VEHICLE_FIELDS, parse_fields
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.rules.packs import builtin_packs
from core.services import cases, shipments, vehicles
from core.services.findings import classify_case
from core.services.rule_packs import load_pack_file

ACTOR = "Inspector (KZ-1)"
ROW = {
    "vin": "LVVDB21B9TD439563", "make": "Chery", "model": "Tiggo 7 Pro", "model_year": "2026",
    "production_date": "2026-01-08", "first_registration_date": "03.02.2026",
    "export_deregistration_date": "2026-02-10", "export_licence_date": "2026-02-05",
    "import_declaration_date": "2026-02-15", "odometer_km": "12", "declared_condition": "used",
    "declared_value": "7450", "currency": "USD", "destination_country": "RU",
    "manufacturer_letter": "no", "importer_type": "legal_entity", "conformity_doc": "none",
}  # fmt: skip


def make_case(store: Store, rows: list[dict[str, str]], title: str = "Партия 7") -> str:
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.create_case(session, title=title, jurisdiction="RU")
        shipment = shipments.add_shipment(
            session, case, parse_fields(SHIPMENT_FIELDS, {"declaration_no": "D-1"})
        )
        for row in rows:
            vehicles.add_vehicle(
                session, case, parse_fields(VEHICLE_FIELDS, row), shipment=shipment
            )
        return case.reference


def classify(store: Store, ref: str, packs: list[str] | None = None):  # type: ignore[no-untyped-def]
    with unit_of_work(store, actor=ACTOR) as session:
        return classify_case(session, cases.get_case(session, ref), pack_ids=packs)


def all_findings(store: Store) -> list[Finding]:
    with reading(store) as session:
        return list(session.exec(select(Finding).order_by(Finding.id)))  # type: ignore[arg-type]


def test_findings_record_what_rules_md_lists(store: Store) -> None:
    ref = make_case(store, [ROW])
    result = classify(store, ref)
    fired = {f.rule_id: f for f in result.findings[next(iter(result.vins))] if f.status == "fired"}
    assert {"ZM-STRONG", "CN-180D", "RU-DEALER", "EAEU-OTTS", "VALUE-FLOOR"} <= set(fired)
    strong = fired["ZM-STRONG"]
    generic = next(p for p in builtin_packs() if p.id == "generic")
    assert (strong.pack_id, strong.pack_version, strong.pack_hash) == (
        "generic",
        generic.version,
        generic.content_hash,
    )
    assert strong.engine_version and strong.reference_hash and strong.evaluated_at.tzinfo
    assert strong.severity == "high" and strong.title_en and strong.title_ru
    assert "odometer 12 km ≤ 50 km" in strong.explanation_en
    assert "пробег 12 км ≤ 50 км" in strong.explanation_ru
    assert strong.basis and strong.citation and strong.confirmed
    assert fired["RU-DEALER"].confirmed is False


def test_rerunning_gives_the_same_findings_and_no_duplicates(store: Store) -> None:
    ref = make_case(store, [ROW])
    first = classify(store, ref)
    before = [(f.id, f.fingerprint) for f in all_findings(store)]
    again = classify(store, ref)
    assert (again.added, again.superseded, again.unchanged) == (0, 0, 1)
    assert [(f.id, f.fingerprint) for f in all_findings(store)] == before
    assert first.added == len(before)


def test_changed_facts_supersede_and_keep_the_history(store: Store) -> None:
    ref = make_case(store, [ROW])
    classify(store, ref)
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, ref)
        vehicle = vehicles.find_vehicle(session, case, ROW["vin"])
        vehicles.update_vehicle(session, case, vehicle, {"odometer_km": Decimal(4000)})
    result = classify(store, ref)
    assert result.superseded > 0 and result.added > 0
    stored = all_findings(store)
    old = [f for f in stored if f.superseded_at is not None]
    assert {f.rule_id for f in old} >= {"ZM-STRONG"}
    assert all(f.superseded_by_run_id == result.run_id for f in old)
    active = [f for f in stored if f.superseded_at is None]
    assert "ZM-STRONG" not in {f.rule_id for f in active}


def test_a_new_pack_version_never_changes_stored_findings(store: Store) -> None:
    ref = make_case(store, [ROW])
    classify(store, ref)
    original = {f.id: (f.explanation_en, f.pack_hash) for f in all_findings(store)}
    text = next(p for p in builtin_packs() if p.id == "generic").content
    stricter = text.replace('version = "1.1.0"', 'version = "1.2.0"').replace(
        "max_odometer_km = 50\n", "max_odometer_km = 20\n"
    )
    with unit_of_work(store, actor=ACTOR) as session:
        load_pack_file(session, stricter, "generic-1.2.toml")
    result = classify(store, ref)
    for finding in all_findings(store):
        if finding.id in original:
            assert (finding.explanation_en, finding.pack_hash) == original[finding.id]
    active = [f for f in all_findings(store) if f.superseded_at is None and f.pack_id == "generic"]
    assert {f.pack_version for f in active} == {"1.2.0"}
    strong = next(f for f in active if f.rule_id == "ZM-STRONG")
    assert "≤ 20 km" in strong.explanation_en
    assert result.superseded > 0


def test_a_pack_version_cannot_be_changed_in_place(store: Store) -> None:
    text = next(p for p in builtin_packs() if p.id == "generic").content
    with (
        pytest.raises(Exception, match="new version number"),
        unit_of_work(store, actor=ACTOR) as session,
    ):
        load_pack_file(
            session, text.replace("max_odometer_km = 50\n", "max_odometer_km = 20\n"), "x"
        )


def test_the_same_vin_in_two_cases_is_a_duplicate(store: Store) -> None:
    first = make_case(store, [ROW], "A")
    second = make_case(store, [ROW], "B")
    result = classify(store, second)
    dup = next(f for f in result.findings[next(iter(result.vins))] if f.rule_id == "DUP-VIN")
    assert "occurs 2 times" in dup.explanation_en and first in dup.explanation_en
    result = classify(store, first)
    dup = next(f for f in result.findings[next(iter(result.vins))] if f.rule_id == "DUP-VIN")
    assert second in dup.explanation_en


def test_classification_is_audited_as_one_run(store: Store) -> None:
    ref = make_case(store, [ROW])
    result = classify(store, ref)
    with reading(store) as session:
        events = list(session.exec(select(AuditEvent).where(AuditEvent.entity == "classification")))
        finding_events = list(  # the program's; the server's row records come in addition
            session.exec(
                select(AuditEvent).where(
                    AuditEvent.entity == "finding",
                    col(AuditEvent.action).not_in(sorted(SERVER_ACTIONS)),
                )
            )
        )
    assert {e.field for e in events} >= {"findings_added", "packs", "engine_version"}
    assert all(e.entity_id == result.run_id for e in events)
    assert finding_events == []


def test_classify_json_contract(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", db_url, "demo", "--json"]) == 0
    refs = [c["reference"] for c in json.loads(capsys.readouterr().out)]
    assert run(["--db", db_url, "classify", refs[0], "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["unchanged"] == len(out["vehicles"])  # the demo is classified already
    for vehicle in out["vehicles"]:
        assert set(vehicle) >= {"vin", "findings"}
        for f in vehicle["findings"]:
            assert set(f) >= {
                "rule",
                "severity",
                "title",
                "explanation",
                "basis",
                "confirmed",
                "pack",
                "pack_version",
                "pack_hash",
                "engine_version",
                "evaluated_at",
            }


def test_demo_findings_make_sense_for_their_jurisdictions(store: Store) -> None:
    from core.services import demo, views

    loaded = {d.jurisdiction: d.reference for d in demo.load_demo(store, actor="demo")}
    with reading(store) as session:

        def rules(jurisdiction: str) -> set[str]:
            detail = views.case_detail(session, cases.get_case(session, loaded[jurisdiction]))
            return {f["rule"] for v in detail["vehicles"] for f in v["findings"]}

        kz, ru, jo = rules("KZ"), rules("RU"), rules("JO")
    assert {"ZM-STRONG", "BATCH-REG", "CN-180D", "EAEU-OTTS"} <= kz and not kz & {
        "RU-DEALER",
        "JO-CONFORMITY",
    }
    assert {"RU-DEALER", "RU-UTIL-160"} <= ru and not ru & {"JO-EV-AGE", "BATCH-REG"}
    assert {"JO-EV-AGE", "JO-CONFORMITY"} <= jo and not jo & {"RU-DEALER", "EAEU-OTTS"}


def test_rules_list_and_show(
    db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(["--db", db_url, "rules", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {p["id"] for p in listed if p["in_force"]} == {
        "generic", "cn", "ru-eaeu", "jo", "uz", "data-quality",
    }  # fmt: skip
    assert run(["--db", db_url, "rules", "show", "ru-eaeu", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    dealer = shown["rules"][0]
    assert dealer["id"] == "RU-DEALER" and dealer["confirmed"] is False
    assert dealer["params"]["requires_any_of"] == ["ZM-STRONG", "ZM-NEAR"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[pack]\nid = "x"\n', encoding="utf-8")
    assert run(["--db", db_url, "rules", "load", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.toml, line 1: [pack] needs 'version'" in err and "Traceback" not in err


def test_each_vehicle_is_judged_by_the_pack_version_in_force_on_its_import_date(
    store: Store,
) -> None:
    """rules.md: a version in force from June judges a car imported in June, not one
    imported in March; each finding records the date that chose its version."""
    text = next(p for p in builtin_packs() if p.id == "generic").content
    june = (
        text.replace('version = "1.1.0"', 'version = "2.0.0"')
        .replace("valid_from = 2000-01-01", "valid_from = 2026-06-01")
        .replace("max_odometer_km = 50\n", "max_odometer_km = 5\n", 1)
    )
    with unit_of_work(store, actor=ACTOR) as session:
        load_pack_file(session, june, "generic-2.0.0.toml")
    march = ROW | {"vin": "LVVDB21B9TD439563", "import_declaration_date": "2026-03-20"}
    july = ROW | {"vin": "LVVDB21B0TD439564", "import_declaration_date": "2026-07-01"}
    for row in (march, july):  # export dates before the import, as declared
        row.update(first_registration_date="03.02.2026", export_deregistration_date="2026-02-10")
    ref = make_case(store, [march, july])
    result = classify(store, ref)
    by_vin = {result.vins[vid]: found for vid, found in result.findings.items()}

    def strong(vin: str) -> Finding | None:
        return next((f for f in by_vin[vin] if f.rule_id in ("ZM-STRONG", "ZM-NEAR")), None)

    in_march, in_july = strong(march["vin"]), strong(july["vin"])
    assert in_march is not None and in_july is not None
    # 12 km: under version 1.1.0 (<= 50 km) strong, under 2.0.0 (<= 5 km) only near
    assert (in_march.rule_id, in_march.pack_version) == ("ZM-STRONG", "1.1.0")
    assert (in_july.rule_id, in_july.pack_version) == ("ZM-NEAR", "2.0.0")
    assert (in_march.version_date, in_march.version_date_basis) == (
        dt.date(2026, 3, 20), "import_date",
    )  # fmt: skip
    assert in_july.version_date == dt.date(2026, 7, 1)
    with reading(store) as session:
        run = session.exec(select(ClassificationRun)).one()
    assert {line.split()[1] for line in run.packs.splitlines() if line.startswith("generic")} == {
        "1.1.0", "2.0.0",
    }  # fmt: skip
