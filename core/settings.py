"""Where ZeroMile keeps its files, and the user's settings, declared once with types.

Paths come from platformdirs; ``ZEROMILE_HOME`` overrides them (tests and
portable installs use it). Settings live in ``settings.json`` in the config
folder and are read fresh on each call, so several processes agree.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
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


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings() -> Settings:
    """Read settings; a missing file gives the defaults, a broken one is refused."""
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
    return Settings(**{k: str(v) for k, v in raw.items() if k in known})


def save_settings(settings: Settings) -> None:
    """Write settings atomically (a crash leaves the old file intact)."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
