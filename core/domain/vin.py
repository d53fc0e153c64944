"""VIN normalisation and the ISO 3779 / GB 16735 structural checks (rules.md)."""

from __future__ import annotations

import re

VIN_CHARACTERS = frozenset("0123456789ABCDEFGHJKLMNPRSTUVWXYZ")
_TRANSLITERATION = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def normalise_vin(raw: str) -> str:
    """Upper-case and drop spaces and hyphens (rules.md, fact ``vin``)."""
    return re.sub(r"[\s\-]+", "", raw).upper()


def format_problem(vin: str) -> str | None:
    """Why a normalised VIN is not 17 characters of ``0-9 A-H J-N P R-Z``, or ``None``."""
    if len(vin) != 17:
        return f"VIN {vin!r} has {len(vin)} characters; a VIN has 17"
    bad = sorted(set(vin) - VIN_CHARACTERS)
    if bad:
        return f"VIN {vin!r} contains {', '.join(repr(c) for c in bad)}, which a VIN never uses"
    return None


def expected_check_digit(vin: str) -> str:
    """The check digit (position 9) that a well-formed VIN must carry."""
    total = sum(_TRANSLITERATION[c] * w for c, w in zip(vin, _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


_YEAR_CODE_ORDER = "ABCDEFGHJKLMNPRSTVWXY123456789"
#: Position-10 code -> the model years it stands for (rules.md: A=1980/2010 ... 9=2009/2039).
YEAR_CODES: dict[str, tuple[int, int]] = {
    code: (1980 + i, 2010 + i) for i, code in enumerate(_YEAR_CODE_ORDER)
}


def model_years(vin: str) -> tuple[int, ...]:
    """Every model year the position-10 code can stand for; empty when it is not a year code."""
    if len(vin) < 10:
        return ()
    return YEAR_CODES.get(vin[9], ())


def check_digit_applies(vin: str) -> bool:
    """The check digit is mandatory for China (``L``) and North America (``1``-``5``)."""
    return bool(vin) and (vin[0] == "L" or vin[0] in "12345")
