"""Terminal progress for core operations that take ``progress(done, total)``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tqdm import tqdm

from core.cli.output import raw_stream


@contextmanager
def terminal_progress(description: str) -> Iterator[Callable[[int, int], None]]:
    """Yield a progress callback drawing a bar on stderr when it is a terminal.

    Off a terminal (pipes, CI, scripts) nothing is drawn, so JSON output and
    logs stay clean.
    """
    bar: tqdm[None] | None = None
    stream = raw_stream(sys.stderr)
    enabled = stream.isatty()

    def update(done: int, total: int) -> None:
        nonlocal bar
        if not enabled:
            return
        if bar is None:
            bar = tqdm(total=total, desc=description, unit="step", leave=False, file=stream)
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        if bar is not None:
            bar.close()
