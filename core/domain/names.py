"""How names are compared (rules.md, "Names"): owners, importers, holders, makes.

Two names are the same name when their keys are equal: Unicode NFKC, every run of
whitespace (no-break and thin spaces included) collapsed to one space, trimmed and
case-folded. A name whose key is empty is unknown.
"""

from __future__ import annotations

import unicodedata


def name_key(name: object) -> str | None:
    """The comparison key of a name, or ``None`` when the name is unknown."""
    if name is None:
        return None
    text = unicodedata.normalize("NFKC", str(name))
    return " ".join(text.split()).casefold() or None


def same_name(a: object, b: object) -> bool | None:
    """Whether two names are the same name; ``None`` when either is unknown."""
    ka, kb = name_key(a), name_key(b)
    if ka is None or kb is None:
        return None
    return ka == kb
