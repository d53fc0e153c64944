"""Where ZeroMile keeps its files, and the user's settings, declared once with types.

Paths come from platformdirs; ``ZEROMILE_HOME`` overrides them (tests and
portable installs use it). Settings live in ``settings.json`` in the config
folder and are read fresh on each call, so several processes agree.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import platformdirs

from core.errors import UserFacingError

APP_NAME = "ZeroMile"
HOME_ENV = "ZEROMILE_HOME"
DB_ENV = "ZEROMILE_DB"
INSPECTOR_ENV = "ZEROMILE_INSPECTOR"
EVIDENCE_DIR_ENV = "ZEROMILE_EVIDENCE_DIR"
EVIDENCE_LIMIT_ENV = "ZEROMILE_EVIDENCE_MAX_BYTES"
DEFAULT_EVIDENCE_LIMIT = 2 * 1024**3
IMPORT_LIMIT_ENV = "ZEROMILE_IMPORT_MAX_BYTES"
DEFAULT_IMPORT_LIMIT = 200 * 1024**2


def data_dir() -> Path:
    """Folder for the default SQLite store and evidence (created on demand)."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override) / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def config_dir() -> Path:
    """Folder for ``settings.json``."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override) / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False, roaming=True))


def default_store_path() -> Path:
    return data_dir() / "zeromile.db"


@dataclass
class Settings:
    """User settings. ``db_url`` empty means the default SQLite store."""

    db_url: str = ""
    inspector_name: str = ""
    inspector_badge: str = ""
    language: str = "en"
    default_jurisdiction: str = ""
    #: empty: beside a SQLite store, inside a PostgreSQL store; else a folder all workstations reach
    evidence_dir: str = ""
    evidence_max_bytes: str = ""
    import_max_bytes: str = ""


def evidence_dir() -> str:
    """A configured shared evidence folder, or empty for the store's default place."""
    return os.environ.get(EVIDENCE_DIR_ENV) or load_settings().evidence_dir


def evidence_limit() -> int:
    """The largest evidence file accepted, in bytes (default 2 GiB)."""
    raw = os.environ.get(EVIDENCE_LIMIT_ENV) or load_settings().evidence_max_bytes
    return _byte_limit(raw, DEFAULT_EVIDENCE_LIMIT, "evidence")


def import_limit() -> int:
    """The largest declaration file read (import, screening), in bytes (default 200 MB)."""
    raw = os.environ.get(IMPORT_LIMIT_ENV) or load_settings().import_max_bytes
    return _byte_limit(raw, DEFAULT_IMPORT_LIMIT, "declaration file")


def _byte_limit(raw: str, default: int, what: str) -> int:
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise UserFacingError(f"{what} size limit {raw!r} is not a number of bytes") from exc
    if value <= 0:
        raise UserFacingError(f"the {what} size limit must be positive")
    return value


def identity_configured() -> bool:
    """Whether the inspector named themselves (``ZEROMILE_INSPECTOR`` or the settings);
    otherwise changes are recorded under the workstation login."""
    if os.environ.get(INSPECTOR_ENV, "").strip():
        return True
    try:
        return bool(load_settings().inspector_name.strip())
    except UserFacingError:
        return False


@dataclass(frozen=True)
class SettingProblem:
    """What is wrong with one setting: ``field`` (a :class:`Settings` field), ``code`` (a
    fixed word a front end translates) and ``message`` (one English line, no password)."""

    field: str
    code: str
    message: str


_LANGUAGE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")
_JURISDICTION = re.compile(r"[A-Z]{2}")
PG_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def _column_length(column: str) -> int:
    from core.domain.inspector import Inspector  # the store's column is the bound

    length = Inspector.__table__.c[column].type.length  # type: ignore[attr-defined]
    assert isinstance(length, int)
    return length


def name_max() -> int:
    """The longest inspector name the store keeps."""
    return _column_length("name")


def badge_max() -> int:
    """The longest badge number the store keeps."""
    return _column_length("badge_number")


def check_settings(value: Settings, *, on_disk: bool = False) -> list[SettingProblem]:
    """Every problem of ``value`` (empty: valid): the store location, the evidence folder,
    the identity, the language, the default jurisdiction and the size limits.

    ``on_disk`` also asks the file system (the store's folder, the evidence folder exists
    and can be written): a settings dialog checks before saving; settings read from the
    file are checked for their form only (a share that is down now is no bad setting).
    """
    problems: list[SettingProblem] = []

    def problem(field: str, code: str, message: str) -> None:
        problems.append(SettingProblem(field, code, message))

    url = value.db_url.strip()
    if "://" in url:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            parsed = make_url(url)
        except ArgumentError:
            problem("db_url", "not_a_url", "the store is not a database URL")
        else:
            if not url.lower().startswith(PG_SCHEMES) and parsed.get_backend_name() != "sqlite":
                problem("db_url", "scheme", "a store URL starts with postgresql://")
            elif url.lower().startswith(PG_SCHEMES) and not parsed.database:
                problem("db_url", "no_database", "the store URL names no database")
    elif url:
        path = Path(url).expanduser()
        if on_disk and path.is_dir():
            problem("db_url", "is_dir", f"the store {path} is a folder, not a file")
        elif on_disk and not path.parent.is_dir() and path != default_store_path():
            problem("db_url", "no_folder", f"the folder {path.parent} does not exist")
    folder = value.evidence_dir.strip()
    if folder:
        path = Path(folder).expanduser()
        if "://" in folder:
            problem("evidence_dir", "not_a_folder", "the evidence folder is a URL, not a folder")
        elif on_disk and not path.exists():
            problem("evidence_dir", "missing", f"the evidence folder {path} does not exist")
        elif on_disk and not path.is_dir():
            problem("evidence_dir", "not_a_folder", f"the evidence folder {path} is a file")
        elif on_disk and not os.access(path, os.W_OK | os.X_OK):
            problem("evidence_dir", "not_writable", f"cannot write to the evidence folder {path}")
    name, badge = value.inspector_name.strip(), value.inspector_badge.strip()
    if badge and not name:
        problem("inspector_name", "badge_without_name", "a badge is set without a name")
    if len(name) > name_max():
        problem("inspector_name", "too_long", f"the name is longer than {name_max()} characters")
    if any(c in badge for c in "()"):
        problem("inspector_badge", "brackets", "a badge number cannot contain brackets")
    elif len(badge) > badge_max():
        problem("inspector_badge", "too_long", f"the badge is longer than {badge_max()} characters")
    language = value.language.strip()
    if language and not _LANGUAGE.fullmatch(language):
        problem("language", "not_a_language", f"{language!r} is not a language code (en, ru)")
    code = value.default_jurisdiction.strip()
    if code and not _JURISDICTION.fullmatch(code.upper()):
        problem("default_jurisdiction", "not_a_country",
                f"{code!r} is not a two-letter country code")  # fmt: skip
    for field, what in (
        ("evidence_max_bytes", "evidence"),
        ("import_max_bytes", "declaration file"),
    ):
        try:
            _byte_limit(getattr(value, field).strip(), 1, what)
        except UserFacingError as exc:
            problem(field, "not_a_limit", str(exc))
    return problems


#: The environment variables that stand in for a setting, by the setting they replace.
ENVIRONMENT = {
    "db_url": DB_ENV,
    "evidence_dir": EVIDENCE_DIR_ENV,
    "evidence_max_bytes": EVIDENCE_LIMIT_ENV,
    "import_max_bytes": IMPORT_LIMIT_ENV,
}


def _refuse(problems: list[SettingProblem], where: str) -> None:
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise UserFacingError(f"{where}: {first.field}: {first.message}{more}")


def check_environment() -> None:
    """Refuse (one :class:`UserFacingError` line naming the variable) a bad value in an
    environment variable that stands in for a setting."""
    for field, variable in ENVIRONMENT.items():
        raw = os.environ.get(variable, "")
        if raw:
            found = check_settings(replace(Settings(), **{field: raw}))
            _refuse([p for p in found if p.field == field], variable)


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(*, checked: bool = True) -> Settings:
    """Read settings; a missing file gives the defaults, a broken one or one with a bad
    value (:func:`check_settings`) is refused, as is a bad value in an environment variable
    standing in for a setting (:data:`ENVIRONMENT`): one :class:`UserFacingError` line.

    ``checked=False`` skips the values' checks (not the file's): a settings dialog shows
    the values as they are, so the user can correct the bad one."""
    if checked:
        check_environment()
    path = settings_path()
    if not path.exists():
        return Settings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserFacingError(f"cannot read settings {path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise UserFacingError(f"cannot read settings {path}: not a JSON object")
    known = {f.name for f in fields(Settings)}
    loaded = Settings(**{k: str(v) for k, v in raw.items() if k in known})
    if checked:
        _refuse(check_settings(loaded), f"settings {path}")
    return loaded


def save_settings(settings: Settings) -> None:
    """Write settings atomically (a crash leaves the old file intact)."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
