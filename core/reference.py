"""Reference tables (reference-data.md): dated, sourced CSV files under ``resources/reference``.

An administrator loads a newer table by placing a file of the same name in the
``reference`` folder of the ZeroMile data folder; it replaces the shipped one
whole. Every row carries ``valid_from`` (and ``valid_to`` where it ended) and a
``source``; a malformed file is refused with its name, line and reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import resources
from core import settings
from core.domain.names import name_key
from core.errors import UserFacingError

TABLES: dict[str, tuple[str, ...]] = {
    "wmi_cn": ("wmi", "manufacturer", "brands", "country", "confidence"),
    "brand_presence": ("brand", "country", "authorised_dealer", "otts_holder"),
    "reference_prices": ("make", "model", "model_year", "trim", "price", "currency", "kind"),
    "border_posts": ("code", "name_en", "name_ru", "country", "kind"),
    "document_types": ("code", "name_en", "name_ru"),
}
DATED = ("valid_from", "valid_to", "source")
CONFIDENCE = ("high", "medium", "low")

# The price list a destination's customs use first; then export FOB, then China list.
PRICE_KIND_BY_DESTINATION = {"RU": "ru_average"}
PRICE_KIND_FALLBACK = ("export_fob", "china_list")


class ReferenceDataError(UserFacingError):
    """A reference table that cannot be used, with file, line and reason."""


@dataclass(frozen=True)
class WmiEntry:
    wmi: str
    manufacturer: str
    brands: tuple[str, ...]
    country: str
    confidence: str
    note: str
    valid_from: dt.date
    source: str


@dataclass(frozen=True)
class Presence:
    brand: str
    country: str
    authorised_dealer: bool
    valid_from: dt.date
    valid_to: dt.date | None
    source: str


@dataclass(frozen=True)
class Price:
    make: str
    model: str
    model_year: int
    trim: str
    price: Decimal
    currency: str
    kind: str
    valid_from: dt.date
    valid_to: dt.date | None
    source: str


def _key(text: str) -> str:
    """Makes, models and brands compare as names (rules.md)."""
    return name_key(text) or ""


def _valid_on(valid_from: dt.date, valid_to: dt.date | None, day: dt.date) -> bool:
    return valid_from <= day and (valid_to is None or day <= valid_to)


@dataclass(frozen=True)
class ReferenceData:
    """All tables, loaded and checked. ``content_hash`` identifies this exact data."""

    wmis: dict[str, WmiEntry]
    presence: tuple[Presence, ...]
    prices: tuple[Price, ...]
    border_posts: tuple[dict[str, str], ...]
    document_types: tuple[dict[str, str], ...]
    content_hash: str
    sources: dict[str, str]
    _presence_index: dict[tuple[str, str], list[Presence]] = field(default_factory=dict, repr=False)
    _price_index: dict[tuple[str, str, int, str], list[Price]] = field(
        default_factory=dict, repr=False
    )

    def __post_init__(self) -> None:
        for row in self.presence:
            self._presence_index.setdefault((_key(row.brand), row.country), []).append(row)
        for price in self.prices:
            key = (_key(price.make), _key(price.model), price.model_year, price.currency)
            self._price_index.setdefault(key, []).append(price)

    def wmi(self, code: str) -> WmiEntry | None:
        return self.wmis.get(code.upper())

    def dealer_presence(self, brand: str, country: str, day: dt.date) -> Presence | None:
        """The row saying whether ``brand`` had an authorised dealer in ``country`` on ``day``.

        ``None`` when the table has no row for that brand and date.
        """
        for row in self._presence_index.get((_key(brand), country), ()):
            if _valid_on(row.valid_from, row.valid_to, day):
                return row
        return None

    def reference_price(
        self,
        *,
        make: str,
        model: str,
        model_year: int,
        currency: str,
        destination: str | None,
        day: dt.date | None,
    ) -> Price | None:
        """The lowest listed trim's price in ``currency``, from the preferred price list.

        The lowest trim is taken so that a finding never rests on an optional extra.
        """
        kinds = list(PRICE_KIND_FALLBACK)
        preferred = PRICE_KIND_BY_DESTINATION.get(destination or "")
        if preferred:
            kinds.insert(0, preferred)
        candidates = [
            p
            for p in self._price_index.get((_key(make), _key(model), model_year, currency), ())
            if day is None or _valid_on(p.valid_from, p.valid_to, day)
        ]
        for kind in kinds:
            of_kind = [p for p in candidates if p.kind == kind]
            if of_kind:
                return min(of_kind, key=lambda p: p.price)
        return None


def _rows(name: str, text: str, required: Iterable[str]) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in (*required, *DATED) if c not in (reader.fieldnames or [])]
    if missing:
        raise ReferenceDataError(f"{name}.csv, line 1: missing columns {', '.join(missing)}")
    out = []
    for row in reader:
        line = reader.line_num
        if not row.get("source", "").strip():
            raise ReferenceDataError(f"{name}.csv, line {line}: every row needs a source")
        out.append((line, {k: (v or "").strip() for k, v in row.items() if k is not None}))
    return out


def _date(name: str, line: int, value: str, column: str) -> dt.date | None:
    if not value:
        if column == "valid_from":
            raise ReferenceDataError(f"{name}.csv, line {line}: valid_from is required")
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ReferenceDataError(
            f"{name}.csv, line {line}: {column} {value!r} is not a YYYY-MM-DD date"
        ) from exc


def _yes(name: str, line: int, value: str) -> bool:
    if value not in ("yes", "no"):
        raise ReferenceDataError(f"{name}.csv, line {line}: expected yes or no, got {value!r}")
    return value == "yes"


def override_dir() -> Path:
    return settings.data_dir() / "reference"


def _read_tables() -> tuple[dict[str, str], dict[str, str]]:
    texts: dict[str, str] = {}
    sources: dict[str, str] = {}
    for name in TABLES:
        override = override_dir() / f"{name}.csv"
        if override.is_file():
            texts[name] = override.read_text(encoding="utf-8-sig")
            sources[name] = str(override)
        else:
            texts[name] = resources.read_text("reference", f"{name}.csv")
            sources[name] = f"resources/reference/{name}.csv"
    return texts, sources


def parse_reference(texts: dict[str, str], sources: dict[str, str]) -> ReferenceData:
    """Check and index the tables; raise :class:`ReferenceDataError` on the first bad row."""
    wmis: dict[str, WmiEntry] = {}
    for line, r in _rows("wmi_cn", texts["wmi_cn"], TABLES["wmi_cn"]):
        if len(r["wmi"]) != 3 or r["confidence"] not in CONFIDENCE:
            raise ReferenceDataError(
                f"wmi_cn.csv, line {line}: need a 3-character WMI and confidence high/medium/low"
            )
        valid_from = _date("wmi_cn", line, r["valid_from"], "valid_from")
        assert valid_from is not None
        wmis[r["wmi"].upper()] = WmiEntry(
            wmi=r["wmi"].upper(),
            manufacturer=r["manufacturer"],
            brands=tuple(b.strip() for b in r["brands"].split(";") if b.strip()),
            country=r["country"],
            confidence=r["confidence"],
            note=r.get("note", ""),
            valid_from=valid_from,
            source=r["source"],
        )
    presence = []
    for line, r in _rows("brand_presence", texts["brand_presence"], TABLES["brand_presence"]):
        valid_from = _date("brand_presence", line, r["valid_from"], "valid_from")
        assert valid_from is not None
        presence.append(
            Presence(
                brand=r["brand"],
                country=r["country"].upper(),
                authorised_dealer=_yes("brand_presence", line, r["authorised_dealer"]),
                valid_from=valid_from,
                valid_to=_date("brand_presence", line, r["valid_to"], "valid_to"),
                source=r["source"],
            )
        )
    prices = []
    for line, r in _rows("reference_prices", texts["reference_prices"], TABLES["reference_prices"]):
        valid_from = _date("reference_prices", line, r["valid_from"], "valid_from")
        assert valid_from is not None
        try:
            price, year = Decimal(r["price"]), int(r["model_year"])
        except (InvalidOperation, ValueError) as exc:
            raise ReferenceDataError(
                f"reference_prices.csv, line {line}: price and model_year must be numbers"
            ) from exc
        if price <= 0:
            raise ReferenceDataError(f"reference_prices.csv, line {line}: price must be positive")
        prices.append(
            Price(
                make=r["make"],
                model=r["model"],
                model_year=year,
                trim=r["trim"],
                price=price,
                currency=r["currency"].upper(),
                kind=r["kind"],
                valid_from=valid_from,
                valid_to=_date("reference_prices", line, r["valid_to"], "valid_to"),
                source=r["source"],
            )
        )
    posts = tuple(
        r for _, r in _rows("border_posts", texts["border_posts"], TABLES["border_posts"])
    )
    docs = tuple(
        r for _, r in _rows("document_types", texts["document_types"], TABLES["document_types"])
    )
    digest = hashlib.sha256()
    for name in sorted(texts):
        digest.update(name.encode() + b"\0" + texts[name].encode("utf-8") + b"\0")
    return ReferenceData(
        wmis=wmis,
        presence=tuple(presence),
        prices=tuple(prices),
        border_posts=posts,
        document_types=docs,
        content_hash=digest.hexdigest(),
        sources=sources,
    )


@lru_cache(maxsize=4)
def _cached(key: tuple[tuple[str, str], ...]) -> ReferenceData:
    texts = {name: text for name, text in key}
    _, sources = _read_tables()
    return parse_reference(texts, sources)


def load_reference() -> ReferenceData:
    """The reference tables in force (shipped, or the administrator's newer files)."""
    texts, _ = _read_tables()
    return _cached(tuple(sorted(texts.items())))
