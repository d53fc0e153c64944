"""The one column-mapping rule: the reader (so the command line) and the wizard's check."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.declarations.mapping import check_choices, plan_columns
from core.declarations.reader import DeclarationFileError, read_declarations

VIN = "JTDKB20U093512345"


def test_detected_repeats_are_ignored_but_a_chosen_repeat_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(f"VIN,Make,Make\n{VIN},Chery,Geely\n", encoding="utf-8")
    assert read_declarations(path).columns == ["vin", "make", None]
    chosen = tmp_path / "e.csv"
    chosen.write_text(f"A,B\n{VIN},{VIN}\n", encoding="utf-8")
    with pytest.raises(DeclarationFileError, match="more than one header"):
        read_declarations(chosen, mapping={"A": "vin", "B": "vin"})


def test_choices_become_the_mapping_the_reader_reads_back() -> None:
    headers = ["VIN", "Make", "Make"]
    check = check_choices(headers, ["vin", "make", None])
    assert check.ok and plan_columns(headers, check.mapping).columns == ("vin", "make", None)
    # the second "Make" cannot be chosen alone: the reader knows columns by header
    assert check_choices(headers, ["vin", None, "make"]).unaddressable == (2,)
    assert check_choices(["", "Make"], ["vin", "make"]).unaddressable == (0,)
    assert check_choices(["A", "B"], ["vin", "vin"]).repeated == (("vin", ("A", "B")),)
    assert not check_choices(["A"], [None]).has_vin
