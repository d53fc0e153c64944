"""Canonical column names and how headers map onto them.

Headers match case-insensitively with spaces, hyphens and underscores treated
alike; a few common Russian headers are recognised as synonyms.
"""

from __future__ import annotations

import re

from core.domain.fields import VEHICLE_FIELDS

CANONICAL = ("shipment_ref", *(s.name for s in VEHICLE_FIELDS))
_SEPARATORS = re.compile(r"[\s\-_]+")

SYNONYMS: dict[str, str] = {
    "идентификационный номер": "vin",
    "vin код": "vin",
    "марка": "make",
    "модель": "model",
    "год выпуска": "model_year",
    "пробег км": "odometer_km",
    "пробег": "odometer_km",
    "дата первой регистрации": "first_registration_date",
    "таможенная стоимость": "declared_value",
    "номер декларации": "declaration_no",
    "валюта": "currency",
    "страна назначения": "destination_country",
}


def header_key(text: str) -> str:
    """``First Registration-Date`` -> ``first registration date``."""
    cleaned = re.sub(r"[,.:;()]+", " ", str(text))
    return _SEPARATORS.sub(" ", cleaned).strip().casefold()


_BY_KEY = {header_key(name): name for name in CANONICAL} | {
    header_key(k): v for k, v in SYNONYMS.items()
}


def canonical_column(header: object) -> str | None:
    """The canonical column a header names, or ``None`` for an unknown column."""
    if header is None:
        return None
    return _BY_KEY.get(header_key(str(header)))
