"""Reference tables: dated, sourced, complete where rules.md needs them, and replaceable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import resources
from core.reference import TABLES, ReferenceDataError, load_reference

TODAY = dt.date(2026, 11, 28)


def test_every_table_ships_with_dates_and_sources() -> None:
    for name in TABLES:
        text = resources.read_text("reference", f"{name}.csv")
        header = text.splitlines()[0].split(",")
        assert {"valid_from", "valid_to", "source"} <= set(header), name


def test_russian_dealer_list_as_rules_md_requires() -> None:
    ref = load_reference()
    for brand in ["Chery", "Haval", "Geely", "Changan", "Exeed", "Omoda", "Jaecoo", "Jetour",
                  "Tank", "GAC", "Hongqi", "Voyah"]:  # fmt: skip
        row = ref.dealer_presence(brand, "RU", TODAY)
        assert row is not None and row.authorised_dealer, brand
    for brand in ["BYD", "Li Auto", "Zeekr", "Xiaomi", "NIO", "XPeng"]:
        row = ref.dealer_presence(brand, "RU", TODAY)
        assert row is None or not row.authorised_dealer, brand


def test_wmi_table_has_confidence_per_row() -> None:
    ref = load_reference()
    assert ref.wmi("LVV").confidence == "high"  # type: ignore[union-attr]
    assert ref.wmi("LC0").confidence == "medium"  # type: ignore[union-attr]
    assert {"LVV", "LGW", "LGX", "LB3", "LSJ", "LRW", "LFV", "LSV", "LC0", "L6T", "LS5", "LFP",
            "LMG", "LZW", "LJ1"} <= set(ref.wmis)  # fmt: skip


def test_reference_prices_prefer_the_destinations_list_and_the_lowest_trim() -> None:
    ref = load_reference()
    ru = ref.reference_price(make="Haval", model="Jolion", model_year=2026, currency="RUB",
                             destination="RU", day=TODAY)  # fmt: skip
    assert ru is not None and (ru.price, ru.kind) == (1990000, "ru_average")
    usd = ref.reference_price(make="chery", model="tiggo 7 pro", model_year=2026, currency="USD",
                              destination="KZ", day=TODAY)  # fmt: skip
    assert usd is not None and usd.price == 12500
    assert ref.reference_price(make="Chery", model="Tiggo 7 Pro", model_year=2026, currency="EUR",
                               destination="KZ", day=TODAY) is None  # fmt: skip


def test_an_administrator_file_replaces_a_table(isolated_home: Path) -> None:
    folder = isolated_home / "data" / "reference"
    folder.mkdir(parents=True)
    (folder / "brand_presence.csv").write_text(
        "brand,country,authorised_dealer,otts_holder,valid_from,valid_to,source\n"
        "BYD,RU,yes,yes,2026-06-01,,BYD Russia launch (test)\n",
        encoding="utf-8",
    )
    ref = load_reference()
    assert ref.dealer_presence("BYD", "RU", TODAY).authorised_dealer  # type: ignore[union-attr]
    assert ref.dealer_presence("Chery", "RU", TODAY) is None


def test_a_malformed_table_names_file_and_line(isolated_home: Path) -> None:
    folder = isolated_home / "data" / "reference"
    folder.mkdir(parents=True)
    (folder / "reference_prices.csv").write_text(
        "make,model,model_year,trim,price,currency,kind,valid_from,valid_to,source\n"
        "Chery,Tiggo,2026,Base,12500,USD,export_fob,2026-01-01,,ok\n"
        "Chery,Tiggo,2026,Base,cheap,USD,export_fob,2026-01-01,,bad\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError, match=r"reference_prices.csv, line 3: price"):
        load_reference()
