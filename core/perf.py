"""Small performance helpers for batch work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a batch that builds many acyclic objects.

    Reading and evaluating tens of thousands of rows allocates objects that live
    until the batch ends; without this, CPython's collector re-scans all of them
    again and again. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
