"""VIN decoding: format, check digit, WMI, manufacturer, country and model years.

Chinese WMIs come from ZeroMile's dated, sourced table (with a confidence per
row); other makers from ``vininfo``. Pure functions, no store access.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pycountry
from vininfo import Vin
from vininfo.exceptions import VininfoException

from core.domain.vin import (
    check_digit_applies,
    expected_check_digit,
    format_problem,
    model_years,
    normalise_vin,
)
from core.reference import ReferenceData, load_reference


@dataclass(frozen=True)
class VinDecoding:
    """What a VIN says about itself. ``check_digit_ok`` is ``None`` where it does not apply."""

    vin: str
    valid_format: bool
    format_problem: str | None
    check_digit_ok: bool | None
    check_digit_expected: str | None
    wmi: str | None
    manufacturer: str | None
    brands: list[str] = field(default_factory=list)
    confidence: str | None = None
    manufacturer_source: str | None = None
    country: str | None = None
    country_name: str | None = None
    model_years: list[int] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _country_code(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        return None


def decode_vin(raw: str, reference: ReferenceData | None = None) -> VinDecoding:
    """Decode one VIN as typed; never raises for a malformed VIN."""
    ref = reference or load_reference()
    vin = normalise_vin(raw)
    problem = format_problem(vin)
    valid = problem is None
    check_ok: bool | None = None
    expected: str | None = None
    if valid and check_digit_applies(vin):
        expected = expected_check_digit(vin)
        check_ok = vin[8] == expected
    wmi = vin[:3] if len(vin) >= 3 else None
    manufacturer = country_name = confidence = source = None
    brands: list[str] = []
    entry = ref.wmi(wmi) if wmi else None
    if entry is not None:
        manufacturer, brands = entry.manufacturer, list(entry.brands)
        confidence, source = entry.confidence, f"ZeroMile WMI table ({entry.source})"
        country_name = pycountry.countries.get(alpha_2=entry.country).name  # type: ignore[union-attr]
    elif valid:
        try:
            info = Vin(vin)
            manufacturer = info.manufacturer or None
            country_name = info.country or None
            source = "vininfo"
        except VininfoException:
            pass
    return VinDecoding(
        vin=vin,
        valid_format=valid,
        format_problem=problem,
        check_digit_ok=check_ok,
        check_digit_expected=expected,
        wmi=wmi,
        manufacturer=manufacturer,
        brands=brands,
        confidence=confidence,
        manufacturer_source=source,
        country=_country_code(country_name),
        country_name=country_name,
        model_years=list(model_years(vin)) if valid else [],
    )
