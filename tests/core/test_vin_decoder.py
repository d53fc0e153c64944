"""VIN decoding: valid, invalid, wrong check digit and non-Chinese VINs."""

from __future__ import annotations

import json

import pytest

from core.cli.main import run
from core.vin_decoder import decode_vin


def test_a_valid_chinese_vin() -> None:
    d = decode_vin(" lvv-db21b9 td439563 ")
    assert d.vin == "LVVDB21B9TD439563"
    assert (d.valid_format, d.check_digit_ok, d.wmi, d.country) == (True, True, "LVV", "CN")
    assert "Chery" in (d.manufacturer or "") and d.confidence == "high"
    assert d.model_years == [1996, 2026]


def test_a_chinese_vin_with_a_wrong_check_digit() -> None:
    d = decode_vin("LVVDB21B8TD439563")
    assert (d.valid_format, d.check_digit_ok, d.check_digit_expected) == (True, False, "9")


def test_medium_confidence_makers_say_so() -> None:
    d = decode_vin("LS5A3DBE9TA711316")
    assert "Changan" in (d.manufacturer or "") and d.confidence == "medium"


@pytest.mark.parametrize(
    ("vin", "country", "maker"),
    [("WVWZZZ1JZ3W386752", "DE", "Volkswagen"), ("JT2BG22K1X0123456", "JP", "Toyota")],
)
def test_non_chinese_vins_decode_without_a_check_digit_verdict(
    vin: str, country: str, maker: str
) -> None:
    d = decode_vin(vin)
    assert (d.valid_format, d.check_digit_ok, d.country) == (True, None, country)
    assert maker in (d.manufacturer or "")
    assert len(d.model_years) == 2


def test_north_american_vins_have_a_check_digit() -> None:
    assert decode_vin("1M8GDM9AXKP042788").check_digit_ok is True


@pytest.mark.parametrize("vin", ["LVVDB21B9TD43956", "LVVDB21B9TD43956O", "", "ABC"])
def test_invalid_vins(vin: str) -> None:
    d = decode_vin(vin)
    assert not d.valid_format and d.check_digit_ok is None and d.model_years == []
    assert d.format_problem


def test_vin_decode_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(
        ["vin", "decode", "LVVDB21B9TD439563", "WVWZZZ1JZ3W386752", "LVVDB21B9TD4395", "--json"]
    )
    decoded = json.loads(capsys.readouterr().out)
    assert code == 1  # one of them is invalid
    assert [d["vin"] for d in decoded] == [
        "LVVDB21B9TD439563",
        "WVWZZZ1JZ3W386752",
        "LVVDB21B9TD4395",
    ]
    for key in (
        "vin",
        "valid_format",
        "check_digit_ok",
        "wmi",
        "manufacturer",
        "country",
        "model_years",
    ):
        assert all(key in d for d in decoded)
    assert [d["check_digit_ok"] for d in decoded] == [True, None, None]
    assert [d["valid_format"] for d in decoded] == [True, True, False]


def test_vin_decode_all_valid_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["vin", "decode", "LVVDB21B9TD439563"]) == 0
    assert "check digit ok" in capsys.readouterr().out
