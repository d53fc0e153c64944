"""Chain of custody: who handed what to whom, when, where, why, under which seal; in order."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from core.cli.main import run
from core.domain import CustodyEvent
from core.persistence.audit_hook import AuditViolation
from core.persistence.store import Store
from core.persistence.unit_of_work import unit_of_work


def cli(db: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["--db", db, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_custody_events_are_listed_in_the_order_they_happened(
    db_url: str, case_ref: str, capsys: pytest.CaptureFixture[str]
) -> None:
    later = [
        "custody", "add", case_ref, "--item", "Registration certificate (original)",
        "--from", "ТОО «Брокер Плюс»", "--to", "Айгерим Сапарова",
        "--at", "2026-02-15T09:20:00+05:00", "--place", "Altynkol, office 4",
        "--purpose", "examination", "--seal", "KZ-ALT-004417",
    ]  # fmt: skip
    earlier = ["custody", "add", case_ref, "--item", "Keys of 5 vehicles", "--from", "Carrier",
               "--to", "Warehouse", "--at", "2026-02-14T16:00:00+05:00"]  # fmt: skip
    assert cli(db_url, capsys, *later)[0] == 0
    assert cli(db_url, capsys, *earlier)[0] == 0
    _, out, _ = cli(db_url, capsys, "custody", "list", case_ref, "--json")
    events = json.loads(out)
    assert [e["item"] for e in events] == [
        "Keys of 5 vehicles",
        "Registration certificate (original)",
    ]
    assert events[1]["at"] == "2026-02-15T04:20:00+00:00"
    assert (events[1]["seal_number"], events[1]["place"]) == ("KZ-ALT-004417", "Altynkol, office 4")


def test_custody_of_an_exhibit(
    db_url: str, case_ref: str, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "scan.png"
    source.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    assert cli(db_url, capsys, "evidence", "add", case_ref, str(source))[0] == 0
    code, out, _ = cli(
        db_url, capsys, "custody", "add", case_ref, "--evidence", "1",
        "--from", "Inspector", "--to", "Court registry", "--purpose", "hearing", "--json",
    )  # fmt: skip
    assert code == 0 and json.loads(out)["item"] == "exhibit 1: scan.png"


def test_a_hand_over_needs_both_parties(
    db_url: str, case_ref: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(
        db_url, capsys, "custody", "add", case_ref, "--item", "keys", "--from", " ", "--to", "B"
    )
    assert code == 2 and "from: is required" in err


def test_custody_events_are_append_only(
    store: Store, db_url: str, case_ref: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cli(db_url, capsys, "custody", "add", case_ref, "--item", "keys", "--from", "A", "--to", "B")
    with pytest.raises(AuditViolation), unit_of_work(store, actor="x") as session:
        session.exec(select(CustodyEvent)).one().to_party = "C"
