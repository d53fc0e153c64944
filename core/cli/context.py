"""What every command handler gets: parsed arguments, the store, the acting user."""

from __future__ import annotations

import argparse
import getpass
import os
from dataclasses import dataclass, field
from functools import cached_property

from core import settings
from core.persistence.store import Store, open_store


def resolve_actor() -> str:
    """Who is acting: ``ZEROMILE_INSPECTOR``, else the settings' identity, else the OS login."""
    from_env = os.environ.get(settings.INSPECTOR_ENV, "").strip()
    if from_env:
        return from_env
    prefs = settings.load_settings()
    if prefs.inspector_name:
        badge = f" ({prefs.inspector_badge})" if prefs.inspector_badge else ""
        return f"{prefs.inspector_name}{badge}"
    try:
        login = getpass.getuser()
    except (OSError, KeyError):
        login = "unknown"
    return f"{login} (workstation login)"


@dataclass
class CommandContext:
    args: argparse.Namespace
    _store: Store | None = field(default=None, init=False)

    @property
    def store(self) -> Store:
        """The store named by ``--db`` (or the default), opened and upgraded on first use."""
        if self._store is None:
            self._store = open_store(self.args.db)
        return self._store

    @cached_property
    def actor(self) -> str:
        """Resolved once per command (it may read the settings file)."""
        return resolve_actor()

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
