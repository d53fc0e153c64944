"""What reaches a terminal: control sequences neutralised, JSON exact, pipes closed early."""

from __future__ import annotations

import io
import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from core.cli.output import TerminalStream, safe_text
from core.persistence.store import Store
from core.persistence.unit_of_work import unit_of_work
from core.services import cases

from .conftest import Cli

VIN = "LVVDB21B9TD439563"
#: A window-title escape (OSC), a screen clear (CSI), a C1 CSI, a carriage return and a
#: right-to-left override that shows "gpj.exe" as "exe.jpg".
HOSTILE = "Che\x1b]0;pwned\x07ry \x1b[2J\x9b31m \rfake \u202egpj.exe"
RAW = ("\x1b", "\x07", "\x9b", "\r", "\u202e")


def assert_neutral(text: str) -> None:
    for char in RAW:
        assert char not in text, (char, text)


def test_case_show_shows_control_characters_as_escapes_and_json_keeps_them_exact(
    cli: Cli,
) -> None:
    ref = cli.new_case(title=HOSTILE)
    assert cli("shipment", "add", ref, "--border-post", HOSTILE)[0] == 0
    assert (
        cli("vehicle", "add", ref, "--vin", VIN, "--make", HOSTILE, "--exporter", HOSTILE)[0] == 0
    )
    assert cli("note", "add", ref, f"line one\n{HOSTILE}")[0] == 0
    code, out, err = cli("case", "show", ref)
    assert code == 0, err
    assert_neutral(out)
    assert "Che\\x1b]0;pwned\\x07ry" in out and "\\u202egpj.exe" in out
    assert "    line one\n" in out  # a note's own lines stay lines
    for command in (["case", "list"], ["audit", "log", ref]):
        code, out, err = cli(*command)
        assert code == 0, err
        assert_neutral(out)

    code, raw_json, _ = cli("case", "show", ref, "--json")
    assert code == 0
    assert_neutral(raw_json)
    shown = json.loads(raw_json)
    assert shown["title"] == HOSTILE  # stored and exported as typed
    assert shown["vehicles"][0]["make"] == HOSTILE
    assert shown["notes"][0]["text"] == f"line one\n{HOSTILE}"


def test_an_error_echoing_a_typed_value_is_one_neutral_line(cli: Cli) -> None:
    ref = cli.new_case()
    code, _, err = cli("case", "set", ref, "colour\x1b]0;pwned\x07\nsecond line", "red")
    assert code == 2
    assert_neutral(err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("zeromile: error: colour\\x1b]0;pwned\\x07")


def test_the_terminal_stream_keeps_layout_and_neutralises_the_rest() -> None:
    target = io.StringIO()
    stream = TerminalStream(target)
    print("a\tb\n\x1b[31mred\x85\u2066x\u2069", file=stream)
    assert target.getvalue() == "a\tb\n\\x1b[31mred\\x85\\u2066x\\u2069\n"
    assert safe_text("a\nb\tc") == "a\\x0ab\\x09c"
    assert safe_text("Партия 7: 广州 شركة") == "Партия 7: 广州 شركة"


def _zeromile(db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "core.cli.main", "--db", db, *args]


@pytest.fixture
def many_cases(store: Store, db_url: str) -> str:
    """A store whose case list is far longer than a pipe's buffer (64 KiB)."""
    with unit_of_work(store, actor="Test Inspector (T-001)") as session:
        for i in range(1200):
            cases.create_case(session, title=f"Партия {i} " + "x" * 90, jurisdiction="KZ")
    return db_url


@pytest.mark.parametrize("args", [["case", "list"], ["case", "list", "--json"]])
def test_output_piped_to_head_ends_quietly(
    many_cases: str, args: list[str], tmp_path: Path
) -> None:
    command = " ".join(shlex.quote(a) for a in _zeromile(many_cases, *args))
    done = subprocess.run(
        ["bash", "-c", f"{command} 2>err.txt | head -1; echo ${{PIPESTATUS[0]}} > rc.txt"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=True,
    )
    assert len(done.stdout.splitlines()) == 1
    err = (tmp_path / "err.txt").read_text(encoding="utf-8")
    assert err == "", err  # no traceback, no "Exception ignored ... BrokenPipeError"
    assert (tmp_path / "rc.txt").read_text().strip() == "141"  # as if ended by SIGPIPE


def test_a_reader_gone_before_anything_was_written_leaves_no_noise(cli: Cli) -> None:
    ref = cli.new_case()
    process = subprocess.Popen(
        _zeromile(cli.db, "case", "show", ref, "--json"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the output fits Python's buffer: it fails at the final flush
    err = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert err == "", err
