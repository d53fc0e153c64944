"""How long operations report progress and learn they are cancelled: plain callables.

``progress(done, total)`` may be called often; ``cancelled()`` returns true once the
user asked to stop, and the operation then raises :class:`core.errors.Cancelled`.
The command line maps them to a bar and Ctrl+C; the GUI to a dialog and its button.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
