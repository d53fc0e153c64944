"""What every command handler gets: parsed arguments, the store, the acting user."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from functools import cached_property

from core.identity import resolve_actor
from core.persistence.store import Store, open_store


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
