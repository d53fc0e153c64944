"""Data shipped with ZeroMile: rule packs, reference data, fonts, icons, translations, samples.

Read files through :func:`read_text` / :func:`path` so they are found in a
source checkout and in an installed wheel alike.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def path(*parts: str) -> Traversable:
    """A file or folder under ``resources/``."""
    node = resources.files(__name__)
    for part in parts:
        node = node.joinpath(part)
    return node


def read_text(*parts: str) -> str:
    """The UTF-8 text of a resource file."""
    return path(*parts).read_text(encoding="utf-8")
