"""Untrusted file names: what to show, and what is safe to write on Windows and Linux.

A stored blob is named by its hash only, so no name can place bytes anywhere; these
functions decide how a name is displayed and how exported copies are named.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME = 200
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
_UNSAFE = re.compile(r'[<>:"/\\|?*]')


MAX_DISPLAY = 300


def shorten(name: str, limit: int) -> str:
    """Cut ``name`` to ``limit`` characters, keeping a short extension."""
    if len(name) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if dot and stem and 0 < len(ext) <= 10:
        return f"{stem[: limit - len(ext) - 1]}.{ext}"
    return name[:limit]


def display_name(raw: str) -> str:
    """The last path component, control characters replaced, at most 300 characters."""
    last = re.split(r"[/\\]", raw)[-1]
    cleaned = "".join(
        # Cf covers bidi overrides: "photo\u202egpj.exe" must not pose as a .jpg.
        "\ufffd" if unicodedata.category(c) in ("Cc", "Cf", "Cs") else c
        for c in last
    ).strip()
    return shorten(cleaned or "unnamed", MAX_DISPLAY)


def safe_filename(raw: str, *, fallback: str = "file") -> str:
    """A name safe to create in a folder on Windows and Linux: no separators, no reserved
    device names, no control characters, no leading dots, bounded length, extension kept."""
    name = display_name(raw).replace("\ufffd", "_")
    name = _UNSAFE.sub("_", name).strip(" .")
    if not name or set(name) <= {"_"}:
        name = fallback
    if _WINDOWS_RESERVED.match(name):
        name = f"_{name}"
    return shorten(name, MAX_NAME)
