"""The ``cli`` fixture: run ``zeromile`` commands in-process against the test's store."""

from __future__ import annotations

import json
from typing import Any

import pytest

from core.cli.main import run

TITLE = "Партия 7: Chery Tiggo <b>&"


class Cli:
    """``cli("case", "show", ref)`` -> (exit code, stdout, stderr); ``cli.json(...)`` -> data."""

    def __init__(self, db: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        code = run(["--db", self.db, *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str) -> Any:
        code, out, err = self(*args, "--json")
        assert code == 0, err
        return json.loads(out)

    def new_case(self, title: str = TITLE, jurisdiction: str = "KZ") -> str:
        ref: str = self.json("case", "new", "--title", title, "--jurisdiction", jurisdiction)[
            "reference"
        ]
        return ref


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(db_url, capsys)
