"""``zeromile case review``: one line on a refusal, exit code 2, nothing changed; the state
with no action. Two logins on SQLite by patching the OS login (see
tests/core/services/test_review.py); on PostgreSQL these skip."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import core.identity
from core.identity import os_login
from core.services import demo, people

from .conftest import Cli


@pytest.fixture
def act_as(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    if "://" in cli.db and not cli.db.startswith("sqlite"):
        pytest.skip("on PostgreSQL the acting login is session_user; patching cannot change it")

    def switch(login: str) -> None:
        monkeypatch.setattr(people, "os_login", lambda: login)
        monkeypatch.setattr(core.identity, "os_login", lambda: login)

    return switch


@pytest.fixture
def ru(cli: Cli, act_as: Callable[[str], None]) -> str:
    loaded = cli.json("demo")
    return str(next(c["reference"] for c in loaded if c["jurisdiction"] == "RU"))


def one_line_refusal(cli: Cli, *args: str) -> str:
    code, _, err = cli(*args)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_state_shows_the_request_and_what_needs_acknowledgement(cli: Cli, ru: str) -> None:
    code, out, _ = cli("case", "review", ru)
    assert code == 0
    assert "requested" in out and "Айгерим Сапарова (KZ-0417)" in out
    assert "RU-DEALER" in out and "review recorded on a single-workstation store" in out
    state = cli.json("case", "review", ru)
    assert state["state"] == "requested" and state["steps"][0]["login"] == os_login()
    assert state["needs_acknowledgement"] and state["single_workstation"] is True


def test_approve_return_and_refusals(cli: Cli, ru: str, act_as: Callable[[str], None]) -> None:
    needed = [str(n["finding_id"]) for n in cli.json("case", "review", ru)["needs_acknowledgement"]]
    line = one_line_refusal(cli, "case", "review", ru, "--approve", "--comment", "ok")
    assert "you are an inspector" in line  # the runner is the demo inspector
    line = one_line_refusal(cli, "case", "status", ru, "ready_for_hearing")
    assert f"zeromile case review {ru} --approve" in line
    act_as(demo.DEMO_SUPERVISOR_LOGIN)
    line = one_line_refusal(cli, "case", "review", ru, "--approve", "--comment", "ok")
    assert "missing:" in line and f"--ack {needed[0]}" in line
    assert one_line_refusal(cli, "case", "review", ru, "--approve").startswith(
        "zeromile: error: --comment: an approval needs a comment"
    )
    assert "--reason: returning a case needs a reason" in one_line_refusal(
        cli, "case", "review", ru, "--return"
    )
    assert cli.json("case", "show", ru)["status"] == "under_review"
    acks = [a for n in needed for a in ("--ack", n)]
    code, out, err = cli("case", "review", ru, "--approve", "--comment", "checked", *acks)
    assert code == 0, err
    assert "approved by Дмитрий Волков (RU-1288); now ready_for_hearing" in out
    state = cli.json("case", "review", ru)
    assert state["state"] == "approved" and state["unchanged_since_approval"] is True
    code, out, _ = cli("case", "review", ru)
    assert "Approved by" in out and state["approved_hash"] in out


def test_a_return_sends_the_case_back(cli: Cli, ru: str, act_as: Callable[[str], None]) -> None:
    act_as(demo.DEMO_SUPERVISOR_LOGIN)
    code, out, err = cli("case", "review", ru, "--return", "--reason", "photos missing")
    assert code == 0 and "now open" in out, err
    assert cli.json("case", "show", ru)["status"] == "open"
    act_as(os_login())
    code, out, err = cli("case", "review", ru, "--request")
    assert code == 0 and "now under_review" in out, err


def test_an_unknown_case_is_one_line(cli: Cli, ru: str) -> None:
    assert "no case ZM-2026-999999" in one_line_refusal(cli, "case", "review", "ZM-2026-999999")
