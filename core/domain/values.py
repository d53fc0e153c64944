"""Parsing of typed values as people write them (declarations.md, "Values").

These parsers are shared by the command line, the GUI forms and the importers,
so a date or number means the same thing wherever it is typed. Each raises
``ValueError`` with a short, user-facing reason.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pycountry

_YES = {"yes", "y", "true", "1", "да", "д"}
_NO = {"no", "n", "false", "0", "нет", "н"}
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# Thousands separators seen in exports: space, no-break space, thin space, narrow no-break space.
_GROUP_SEPARATORS = str.maketrans("", "", " \u00a0\u2009\u202f'")
_MILES = re.compile(r"^(.*?)\s*(mi|miles?)\.?$", re.IGNORECASE)
_KM = re.compile(r"^(.*?)\s*(km|км)\.?$", re.IGNORECASE)
KM_PER_MILE = Decimal("1.609344")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
# declarations.md: the only separator is one "," or "." followed by exactly three digits.
_AMBIGUOUS = re.compile(r"^[+-]?\d+[.,]\d{3}$")


def parse_date(text: str) -> dt.date:
    """Read ``YYYY-MM-DD`` or ``DD.MM.YYYY``; anything else is refused."""
    s = text.strip()
    m = _ISO.match(s)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = _DMY.match(s)
        if m:
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError as exc:
        raise ValueError(f"{s!r} is not a real calendar date") from exc
    raise ValueError(f"{s!r} is not a date (use YYYY-MM-DD or DD.MM.YYYY)")


def parse_yes_no(text: str) -> bool:
    """Read yes/no in English or Russian, or 1/0, true/false, y/n."""
    s = text.strip().lower()
    if s in _YES:
        return True
    if s in _NO:
        return False
    raise ValueError(f"{text.strip()!r} is not yes or no")


def parse_decimal(text: str) -> Decimal:
    """Read a number: digits, optional spaces (or thin spaces) as group separators, one
    ``.`` or ``,`` as decimal mark (declarations.md). ``1.234,5`` and ``1,234.5`` are
    refused, not guessed: which mark is the decimal one is exactly what is in doubt."""
    s = text.strip().translate(_GROUP_SEPARATORS)
    if "," in s and "." in s:
        raise ValueError(
            f"{text.strip()!r} uses both ',' and '.'; write thousands with spaces "
            "and one decimal mark"
        )
    if s.count(",") == 1:
        s = s.replace(",", ".")
    if not _PLAIN_NUMBER.match(s):
        raise ValueError(f"{text.strip()!r} is not a number")
    return Decimal(s)


def is_ambiguous_number(text: str) -> bool:
    """Whether a number written as text may use its one ``,`` or ``.`` as a thousands
    separator (``1,234``, ``12.500``): it is read as a decimal mark, and flagged
    (rules.md, ``DQ-AMBIGUOUS-NUMBER``). A unit (``km``, ``mi``) is ignored."""
    s = text.strip()
    for unit in (_MILES, _KM):
        m = unit.match(s)
        if m:
            s = m[1].strip()
            break
    return bool(_AMBIGUOUS.match(s))


def parse_int(text: str) -> int:
    """Read a whole number (group separators allowed)."""
    value = parse_decimal(text)
    if value != value.to_integral_value():
        raise ValueError(f"{text.strip()!r} is not a whole number")
    return int(value)


def check_not_negative(value: Decimal | int, text: str) -> None:
    """declarations.md: amounts, counts and odometer readings are never negative.

    How large a value may be is the column's business, not the parser's: the bounds
    come from the column types (:mod:`core.domain.bounds`), checked where a value is
    stored (typed input, the declaration reader)."""
    if value < 0:
        raise ValueError(f"{text.strip()!r} is negative; this value is never negative")


def parse_amount(text: str) -> Decimal:
    """A money amount: never negative."""
    value = parse_decimal(text)
    check_not_negative(value, text)
    return value


def parse_power(text: str) -> Decimal:
    """Engine power in hp: never negative."""
    value = parse_decimal(text)
    check_not_negative(value, text)
    return value


def parse_count(text: str) -> int:
    """A whole number that is never negative (engine capacity, cc)."""
    value = parse_int(text)
    check_not_negative(value, text)
    return value


def parse_odometer_km(text: str) -> Decimal:
    """Read an odometer reading in km; ``12 mi`` is converted to km (rounded to 0.1 km).
    A negative reading is refused."""
    s = text.strip()
    m = _MILES.match(s)
    if m:
        value = (parse_decimal(m[1]) * KM_PER_MILE).quantize(Decimal("0.1"))
    else:
        m = _KM.match(s)
        value = parse_decimal(m[1] if m else s)
    check_not_negative(value, text)
    return value


def parse_country(text: str) -> str:
    """Read an ISO 3166-1 alpha-2 country code (any case)."""
    code = text.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(f"{text.strip()!r} is not an ISO 3166 two-letter country code")
    return code


def parse_currency(text: str) -> str:
    """Read an ISO 4217 currency code (any case)."""
    code = text.strip().upper()
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        raise ValueError(f"{text.strip()!r} is not an ISO 4217 currency code")
    return code


def clean_text(text: str) -> str | None:
    """Trim text; an empty result means the value is unknown."""
    s = text.strip()
    return s or None
