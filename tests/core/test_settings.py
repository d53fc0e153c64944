"""Settings are checked by one core rule, whether they come from the dialog, the settings
file or an environment variable; a bad value is one clear line (exit 2), never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core import settings
from core.errors import UserFacingError
from core.settings import Settings, check_settings, load_settings

from .conftest import Cli


def write(values: dict[str, str]) -> None:
    path = settings.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(values), encoding="utf-8")


def test_the_rule_names_each_bad_field(tmp_path: Path) -> None:
    bad = Settings(
        db_url="postgresql://host:5432",
        inspector_badge="(7)",
        language="english please",
        default_jurisdiction="Kazakhstan",
        evidence_dir=str(tmp_path / "missing"),
        import_max_bytes="lots",
    )
    fields = {p.field: p.code for p in check_settings(bad, on_disk=True)}
    assert fields == {
        "db_url": "no_database",
        "evidence_dir": "missing",
        "inspector_name": "badge_without_name",
        "inspector_badge": "brackets",
        "language": "not_a_language",
        "default_jurisdiction": "not_a_country",
        "import_max_bytes": "not_a_limit",
    }
    assert check_settings(Settings(inspector_name="x" * (settings.name_max() + 1)))
    assert not check_settings(Settings(inspector_name="A. Inspector", language="ru",
                                       default_jurisdiction="kz"))  # fmt: skip


def test_a_bad_value_in_the_file_is_refused_in_one_line(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    write({"inspector_name": "A. Inspector", "inspector_badge": "(T-1)"})
    with pytest.raises(UserFacingError, match="inspector_badge: a badge number cannot"):
        load_settings()
    monkeypatch.delenv(settings.INSPECTOR_ENV)  # the identity now comes from the file
    code, _out, err = cli("case", "new", "--title", "T", "--jurisdiction", "KZ")
    assert code == 2
    assert "a badge number cannot contain brackets" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_bad_environment_variable_is_refused_in_one_line(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(settings.EVIDENCE_DIR_ENV, "https://share/evidence")
    with pytest.raises(UserFacingError, match="ZEROMILE_EVIDENCE_DIR: evidence_dir"):
        load_settings()
    monkeypatch.delenv(settings.INSPECTOR_ENV)
    code, _out, err = cli("case", "new", "--title", "T", "--jurisdiction", "KZ")
    assert code == 2
    assert "ZEROMILE_EVIDENCE_DIR" in err and "Traceback" not in err


def test_a_settings_dialog_can_read_the_bad_value_to_correct_it() -> None:
    write({"inspector_name": "A. Inspector", "inspector_badge": "(T-1)", "language": "ru"})
    kept = load_settings(checked=False)
    assert (kept.inspector_badge, kept.language) == ("(T-1)", "ru")
