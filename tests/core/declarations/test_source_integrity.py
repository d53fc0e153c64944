"""An import records exactly the bytes it parsed: a file replaced or still being written
while it is read, a CSV in two encodings, or a damaged workbook is refused in one line
with nothing written, and the exhibit, its hash, the vehicles' source hash and the audit
event all name one file."""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import zipfile
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func
from sqlmodel import select

from core.cli import import_commands
from core.declarations.source import DeclarationFileError, working_copy
from core.domain import AuditEvent, EvidenceItem
from core.domain.vehicle import Vehicle
from core.domain.vin import expected_check_digit
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, declaration_import
from core.services.evidence import blob_store_for

from ..conftest import Cli

HEADER = "declaration_no,vin,make,model,model_year,odometer_km,declared_value,currency"


def vin(serial: int) -> str:
    draft = f"LVVDB21B0TD{serial:06d}"
    return draft[:8] + expected_check_digit(draft) + draft[9:]


def rows(count: int, start: int = 100, make: str = "Chery") -> list[str]:
    return [f"10005020/150226/{n:05d},{vin(n)},{make},Tiggo,2025,12,7450,USD"
            for n in range(start, start + count)]  # fmt: skip


def write(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def state(store: Store) -> tuple[int, int, int, int]:
    """(cases, vehicles, exhibits, audit events) in the whole store."""
    with reading(store) as session:
        return (
            len(cases.list_cases(session)),
            int(session.exec(select(func.count()).select_from(Vehicle)).one()),
            int(session.exec(select(func.count()).select_from(EvidenceItem)).one()),
            int(session.exec(select(func.count()).select_from(AuditEvent)).one()),
        )


def one_line_refusal(cli: Cli, *args: str) -> str:
    code, _, err = cli(*args)
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err and "internal error" not in err, err
    return err


# --- the file replaced or growing while it is read ------------------------------------


def test_a_file_replaced_during_the_import_is_recorded_as_the_file_that_was_parsed(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path / "month.csv", [HEADER, *rows(400)])
    parsed = path.read_bytes()
    digest = hashlib.sha256(parsed).hexdigest()
    reference = cli.new_case()
    replaced: list[bool] = []

    def replace_once() -> bool:  # the import's cancel check, called as rows are read
        if not replaced:
            other = write(tmp_path / "other.csv", [HEADER, *rows(3, start=900)])
            other.replace(path)
            replaced.append(True)
        return False

    with unit_of_work(store, actor="inspector") as session:
        summary = declaration_import.import_declarations(
            session, cases.get_case(session, reference), path,
            source_evidence=blob_store_for(store), actor="inspector", cancelled=replace_once,
        )  # fmt: skip
    assert replaced and summary.rows == 400 and summary.sha256 == digest
    blobs = blob_store_for(store)
    with reading(store) as session:
        case = cases.get_case(session, reference)
        exhibit = session.exec(select(EvidenceItem).where(EvidenceItem.case_id == case.id)).one()
        stored = b"".join(blobs.chunks(session, exhibit.sha256))
        sources = set(session.exec(select(Vehicle.source_sha256).where(Vehicle.case_id == case.id)))
        event = session.exec(
            select(AuditEvent).where(AuditEvent.case_id == case.id, AuditEvent.action == "import")
        ).one()
    logged = json.loads(event.new_value or "{}")
    assert stored == parsed and exhibit.sha256 == digest and exhibit.size == len(parsed)
    assert sources == {digest}
    assert (logged["sha256"], logged["rows"]) == (digest, 400)


def _writer(path: str, started: Event, appended: Event, stop: Event) -> None:
    """Append rows to ``path`` until told to stop, saying after each one."""
    serial = 5000
    with open(path, "a", encoding="utf-8") as out:
        while not stop.is_set():
            out.write(rows(1, start=serial)[0] + "\n")
            out.flush()
            serial += 1
            started.set()
            appended.set()


def test_a_file_still_being_written_is_refused_and_nothing_is_imported(
    cli: Cli, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "growing.csv", [HEADER, *rows(2000)])
    context = multiprocessing.get_context("fork")
    started, appended, stop = context.Event(), context.Event(), context.Event()
    writer = context.Process(target=_writer, args=(str(path), started, appended, stop))
    writer.start()
    try:
        assert started.wait(30)

        def writer_moves_on(_copied: int) -> None:
            # Deterministic: the copy goes on only once the writer has appended again.
            appended.clear()
            assert appended.wait(30)

        monkeypatch.setattr("core.declarations.source.CHUNK", 4096)
        monkeypatch.setattr(
            import_commands,
            "working_copy",
            functools.partial(working_copy, progress=writer_moves_on),
        )
        before = state(store)
        err = one_line_refusal(cli, "import", str(path), "--new-case", "П", "--jurisdiction", "KZ")
    finally:
        stop.set()
        writer.join(30)
    assert (
        "growing.csv changed while it was being read (still being written?); nothing was imported"
        in err
    )
    assert state(store) == before


def test_a_copy_is_refused_when_the_path_is_replaced_while_it_is_copied(tmp_path: Path) -> None:
    path = write(tmp_path / "month.csv", [HEADER, *rows(50)])

    def replace(_copied: int) -> None:
        write(tmp_path / "new.csv", [HEADER]).replace(path)

    with (
        pytest.raises(DeclarationFileError, match="changed while it was being read"),
        working_copy(path, progress=replace),
    ):
        pass  # pragma: no cover - refused before the copy is handed out


def test_the_working_copy_holds_the_bytes_and_their_hash_and_is_removed_after(
    tmp_path: Path,
) -> None:
    path = write(tmp_path / "month.csv", [HEADER, *rows(5)])
    with working_copy(path) as copy:
        assert copy.path != path and copy.path.name == "month.csv"
        assert copy.path.read_bytes() == path.read_bytes()
        assert copy.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        folder = copy.path.parent
    assert not folder.exists()


# --- encodings -------------------------------------------------------------------------


def test_a_csv_in_two_encodings_is_refused_naming_the_first_line_that_differs(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    before = state(store)
    utf8 = ("\n".join([HEADER, *rows(5, make="Чери")]) + "\n").encode("utf-8")
    cp1251 = ("\n".join(rows(3, start=300, make="Чери")) + "\n").encode("cp1251")
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(utf8 + cp1251)
    err = one_line_refusal(cli, "import", str(mixed), "--new-case", "П", "--jurisdiction", "KZ")
    assert "mixed.csv: line 7 is not UTF-8, though the lines before it are" in err

    reverse = tmp_path / "reverse.csv"
    reverse.write_bytes(
        ("\n".join([HEADER, *rows(4, make="Чери")]) + "\n").encode("cp1251")
        + ("\n".join(rows(2, start=300, make="Чери")) + "\n").encode("utf-8")
    )
    err = one_line_refusal(cli, "import", str(reverse), "--new-case", "П", "--jurisdiction", "KZ")
    assert "line 6 is UTF-8, though the lines before it are Windows-1251" in err

    marked = tmp_path / "bom.csv"
    marked.write_bytes(b"\xef\xbb\xbf" + utf8 + cp1251)
    err = one_line_refusal(cli, "import", str(marked), "--new-case", "П", "--jurisdiction", "KZ")
    assert "line 7 is not UTF-8, though the file says it is" in err
    assert state(store) == before


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("utf-8", b"\xef\xbb\xbf"), ("utf-8", b""), ("cp1251", b"")]
)
def test_one_encoding_throughout_imports(
    cli: Cli, store: Store, tmp_path: Path, encoding: str, prefix: bytes
) -> None:
    path = tmp_path / "ok.csv"
    path.write_bytes(prefix + ("\n".join([HEADER, *rows(3, make="Чери")]) + "\n").encode(encoding))
    result = cli.json("import", str(path), "--new-case", "П", "--jurisdiction", "KZ")
    assert (result["vehicles"], result["errors"]) == (3, [])
    with reading(store) as session:
        makes = set(session.exec(select(Vehicle.make)))
    assert makes == {"Чери"}


# --- damaged workbooks -----------------------------------------------------------------


def _workbook(path: Path, count: int = 3000) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["VIN", "Make", "Model"])
    for n in range(count):
        sheet.append([vin(n), "Chery", "Tiggo 7 Pro"])
    book.save(path)
    return path


def _rebuilt(good: Path, out: Path, sheet_xml: bytes | None = None) -> Path:
    """``good`` with its first sheet's XML replaced by ``sheet_xml``."""
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml" and sheet_xml is not None:
                data = sheet_xml
            dst.writestr(info.filename, data)
    return out


def _corrupt_deflate(good: Path, out: Path, at: float) -> Path:
    """``good`` with bytes of the sheet's compressed stream flipped, at fraction ``at``."""
    raw = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        part = archive.getinfo("xl/worksheets/sheet1.xml")
    start = part.header_offset + 30 + len(part.filename.encode()) + len(part.extra)
    first = start + int(part.compress_size * at)
    for index in range(first, first + 32):
        raw[index] ^= 0xFF
    out.write_bytes(bytes(raw))
    return out


def damaged_workbooks(tmp_path: Path) -> dict[str, Path]:
    good = _workbook(tmp_path / "good.xlsx")
    with zipfile.ZipFile(good) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    return {
        "deflate stream corrupt at its start": _corrupt_deflate(good, tmp_path / "d0.xlsx", 0.0),
        "deflate stream corrupt midway": _corrupt_deflate(good, tmp_path / "d1.xlsx", 0.5),
        "sheet XML cut short": _rebuilt(good, tmp_path / "x0.xlsx", sheet[: len(sheet) // 2]),
        "sheet XML with a bad token": _rebuilt(
            good, tmp_path / "x1.xlsx", sheet[:5000] + b"<<&&>>" + sheet[5000:]
        ),
        "sheet not XML at all": _rebuilt(good, tmp_path / "x2.xlsx", b"\x00\x01 not xml"),
    }


def test_a_damaged_workbook_is_refused_in_one_line_with_nothing_written(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    before = state(store)
    for what, path in damaged_workbooks(tmp_path).items():
        for command in (
            ("import", str(path), "--new-case", "П", "--jurisdiction", "KZ"),
            ("import", str(path), "--new-case", "П", "--jurisdiction", "KZ", "--dry-run"),
            ("screen", str(path)),
        ):
            err = one_line_refusal(cli, *command)
            assert path.name in err and ("damaged" in err or "not a readable" in err), (what, err)
    assert state(store) == before
