"""Importing a declaration file into a case: Russian headers, mapping, re-import, bad
cells left unknown (or, strict, refusing everything), and cancel rolling back."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from core.declarations.reader import DeclarationFileError
from core.domain import AuditEvent
from core.domain.vin import expected_check_digit
from core.errors import Cancelled
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, demo, shipments, vehicles
from core.services.declaration_import import (
    ImportRefused,
    ImportSummary,
    import_declarations,
    preview,
    validate,
)

ACTOR = "Test Inspector (T-001)"
RU_HEADER = (
    "Номер декларации;Идентификационный номер;Марка;Модель;Год выпуска;Пробег, км;"
    "Дата первой регистрации;Таможенная стоимость;Валюта;Страна назначения;Цвет"
)


def vin(serial: int) -> str:
    """A well-formed Chinese VIN with a correct check digit."""
    draft = f"LVVDB21B0TD{serial:06d}"
    return draft[:8] + expected_check_digit(draft) + draft[9:]


def ru_rows(count: int, start: int = 500) -> list[str]:
    return [
        f"10005020/150226/00{n};{vin(n)};Chery;Tiggo 7 Pro;2026;12;03.02.2026;7 450;USD;KZ;белый"
        for n in range(start, start + count)
    ]


def write_csv(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def reference(store: Store) -> str:
    loaded = demo.load_demo(store, actor="demo")
    return next(c.reference for c in loaded if c.jurisdiction == "KZ")


def run_import(store: Store, reference: str, path: Path, **kwargs: object) -> ImportSummary:
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, reference)
        return import_declarations(session, case, path, **kwargs)  # type: ignore[arg-type]


def counts(store: Store, reference: str) -> tuple[int, int, int]:
    """(vehicles, shipments, audit events) of the whole store's case."""
    with reading(store) as session:
        case = cases.get_case(session, reference)
        events = session.exec(select(func.count()).select_from(AuditEvent)).one()
        return (
            len(vehicles.list_vehicles(session, case)),
            len(shipments.list_shipments(session, case)),
            int(events),
        )


def test_russian_headers_import_without_a_mapping(
    store: Store, reference: str, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "партия.csv", RU_HEADER, ru_rows(3))
    before = counts(store, reference)
    summary = run_import(store, reference, path)
    assert (summary.vehicles_added, summary.shipments_added, summary.duplicates_skipped) == (
        3,
        1,
        0,
    )
    assert summary.errors == [] and "unknown column 'Цвет' ignored" in summary.warnings
    assert counts(store, reference)[:2] == (before[0] + 3, before[1] + 1)
    with reading(store) as session:
        stored = vehicles.find_vehicle(session, cases.get_case(session, reference), vin(501))
        assert (stored.make, stored.model, stored.model_year) == ("Chery", "Tiggo 7 Pro", 2026)
        assert stored.first_registration_date is not None
        assert stored.first_registration_date.isoformat() == "2026-02-03"
        assert stored.declared_value == 7450 and stored.destination_country == "KZ"
        assert stored.declaration_no == "10005020/150226/00501"


def test_reimporting_the_same_file_adds_nothing_twice(
    store: Store, reference: str, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "lot.csv", RU_HEADER, ru_rows(3))
    run_import(store, reference, path)
    after_first = counts(store, reference)
    again = run_import(store, reference, path)
    assert (again.vehicles_added, again.shipments_added, again.duplicates_skipped) == (0, 0, 3)
    assert counts(store, reference)[:2] == after_first[:2]
    # One more row in the same file: only that one is added, to the same shipment.
    bigger = write_csv(tmp_path / "lot2.csv", RU_HEADER, ru_rows(4))
    third = run_import(store, reference, bigger)
    assert (third.vehicles_added, third.shipments_added, third.duplicates_skipped) == (1, 0, 3)


def test_a_mapping_overrides_the_detected_columns(
    store: Store, reference: str, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "manifest.csv",
        "Партия,Номер кузова,Марка,Модель",
        [f"W-1,{vin(700)},Chery,Tiggo", f"W-1,{vin(701)},Geely,Monjaro", f"W-2,{vin(702)},X,Y"],
    )
    with pytest.raises(DeclarationFileError, match="no VIN column"):
        run_import(store, reference, path)
    shown = preview(path)
    assert shown.detected == [None, None, "make", "model"]
    assert shown.problems and len(shown.rows) == 3 and shown.rows[0].cells[1] == vin(700)
    mapping: dict[str, str | None] = {
        "Партия": "shipment_ref",
        "Номер кузова": "vin",
        "Марка": None,
    }
    assert preview(path, mapping=mapping).columns == ["shipment_ref", "vin", None, "model"]
    summary = run_import(store, reference, path, mapping=mapping)
    assert (summary.vehicles_added, summary.shipments_added) == (3, 2)
    with reading(store) as session:
        case = cases.get_case(session, reference)
        stored = vehicles.find_vehicle(session, case, vin(701))
        assert stored.make is None and stored.model == "Monjaro"  # Марка ignored as mapped
        refs = {s.shipment_ref for s in shipments.list_shipments(session, case)}
        assert {"W-1", "W-2"} <= refs


def test_a_strict_import_refuses_the_whole_file_on_a_bad_cell_and_writes_nothing(
    store: Store, reference: str, tmp_path: Path
) -> None:
    rows = ru_rows(3)
    rows[1] = rows[1].replace("03.02.2026", "31.02.2026")  # row 3: no such date
    rows.append(f"X-9;{vin(900)[:16]};Chery;Tiggo;3024;-5;;1;USD;KZ;")  # row 5: two bad cells
    path = write_csv(tmp_path / "bad.csv", RU_HEADER, rows)
    before = counts(store, reference)
    with pytest.raises(ImportRefused) as refused:
        run_import(store, reference, path, strict=True)
    where = [(c.row, c.column) for c in refused.value.cells]
    assert (3, "first_registration_date") in where and where[0][0] == 3
    # the malformed VIN is no bad cell: it is recorded as declared (VIN-FORMAT)
    assert {(5, "model_year"), (5, "odometer_km")} <= set(where) and (5, "vin") not in where
    bad_date = next(c for c in refused.value.cells if c.row == 3)
    assert bad_date.value == "31.02.2026" and bad_date.message
    assert "row 3" in str(refused.value)
    assert counts(store, reference) == before  # no vehicle, shipment or audit event
    # The same problems are shown before importing, by a dry validation.
    checked = validate(path)
    assert checked.rows == 4 and [(c.row, c.column) for c in checked.errors] == where
    assert counts(store, reference) == before


def test_bad_cells_are_imported_as_unknown_with_their_text_kept(
    store: Store, reference: str, tmp_path: Path
) -> None:
    rows = ru_rows(2)
    rows[0] = rows[0].replace("03.02.2026", "31.02.2026")
    path = write_csv(tmp_path / "lenient.csv", RU_HEADER, rows)
    summary = run_import(store, reference, path)
    assert summary.vehicles_added == 2
    assert [(e.row, e.column) for e in summary.errors] == [(2, "first_registration_date")]
    with reading(store) as session:
        case = cases.get_case(session, reference)
        stored = vehicles.find_vehicle(session, case, vin(500))
        assert stored.first_registration_date is None and stored.make == "Chery"
        assert '"text": "31.02.2026"' in stored.declared_text
        assert '"issue": "unreadable"' in stored.declared_text


def test_cancel_rolls_back(store: Store, reference: str, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "big.csv", RU_HEADER, ru_rows(150))
    before = counts(store, reference)
    seen: list[int] = []

    def cancelled() -> bool:
        return len(seen) > 0 and seen[-1] >= 20  # after some vehicles were added

    with pytest.raises(Cancelled):
        run_import(
            store,
            reference,
            path,
            progress=lambda done, total: seen.append(done),
            cancelled=cancelled,
        )
    assert seen and seen[-1] >= 20
    assert counts(store, reference) == before
