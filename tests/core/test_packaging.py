"""The installed program: the ``zeromile`` executable, resources, and a core without Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import core
import resources

TITLE = "Партия 7: Chery Tiggo <b>&"


def zeromile_executable() -> Path:
    bindir = Path(sys.executable).parent
    for name in ("zeromile", "zeromile.exe"):
        if (bindir / name).exists():
            return bindir / name
    pytest.fail(f"the zeromile command is not installed next to {sys.executable}")


def run_zeromile(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(zeromile_executable()), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def test_the_installed_command_round_trips_a_case(db_url: str) -> None:
    assert run_zeromile("--db", db_url, "init").returncode == 0
    created = run_zeromile(
        "--db", db_url, "case", "new", "--title", TITLE, "--jurisdiction", "KZ", "--json"
    )
    assert created.returncode == 0, created.stderr
    reference = json.loads(created.stdout)["reference"]
    listed = run_zeromile("--db", db_url, "case", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [(c["reference"], c["title"]) for c in json.loads(listed.stdout)] == [(reference, TITLE)]


def test_the_installed_command_prints_no_traceback_on_bad_input(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not a database at all")
    result = run_zeromile("--db", str(bogus), "case", "list")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert bogus.read_bytes() == b"not a database at all"


def test_json_output_is_utf8_even_under_a_non_utf8_locale(db_url: str) -> None:
    env = dict(os.environ, PYTHONIOENCODING="latin-1", LC_ALL="C", LANG="C")
    result = run_zeromile(
        "--db", db_url, "case", "new", "--title", TITLE, "--jurisdiction", "KZ", "--json", env=env
    )
    assert result.returncode == 0, result.stderr
    listed = run_zeromile("--db", db_url, "case", "list", "--json", env=env)
    assert json.loads(listed.stdout)[0]["title"] == TITLE


def test_every_core_module_imports_without_pyside6() -> None:
    """Block PySide6 and shiboken6 outright, then import every module of core."""
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6"):
                    raise ImportError("PySide6 is absent in this test")
                return None
        sys.meta_path.insert(0, Block())
        import core
        names = [m.name for m in pkgutil.walk_packages(core.__path__, "core.")]
        for name in names:
            importlib.import_module(name)
        assert not [m for m in sys.modules if m.startswith(("PySide6", "gui"))], "Qt leaked"
        print(len(names))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 20


def test_resources_and_migrations_ship_with_the_package() -> None:
    assert json.loads(resources.read_text("samples", "demo_cases.json"))["cases"]
    assert {e.name for e in resources.path("rules").iterdir()} >= {
        "generic.toml",
        "cn.toml",
        "ru-eaeu.toml",
        "jo.toml",
        "uz.toml",
    }
    assert "LVV" in resources.read_text("reference", "wmi_cn.csv")
    migrations = Path(core.__file__).parent / "persistence" / "migrations"
    assert (migrations / "env.py").is_file()
    assert list((migrations / "versions").glob("0001_*.py"))
