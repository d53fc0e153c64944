"""The stores a process has open, named by their locator string.

A front end holds a store's *locator* (its URL, password included), never an open store:
each use case and job opens the store by locator, once per process (then cached), in
whichever process or thread it runs. Plain strings cross process boundaries; open
stores and sessions do not.
"""

from __future__ import annotations

import threading

from core.persistence.store import Store, open_store

_stores: dict[str, Store] = {}
_lock = threading.Lock()


def locator(store: Store) -> str:
    """The string that opens ``store`` again in another process (password included)."""
    return store.url.render_as_string(hide_password=False)


def store_for(db: str) -> Store:
    """The store at ``db``, opened (created or upgraded as needed) once per process."""
    with _lock:
        store = _stores.get(db)
        if store is None:
            store = _stores[db] = open_store(db)
        return store


def forget_stores() -> None:
    """Close the stores this process opened (another store attached, a test's end)."""
    with _lock:
        while _stores:
            _, store = _stores.popitem()
            store.close()


def open_default() -> Store:
    """The store the settings, ``ZEROMILE_DB`` or the platform default name, opened and
    kept under its locator (so later calls by locator find it)."""
    store = open_store(None)
    key = locator(store)
    with _lock:
        known = _stores.get(key)
        if known is not None:
            store.close()
            return known
        _stores[key] = store
        return store
