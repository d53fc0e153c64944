"""Reading declaration files: .xlsx (streamed with openpyxl) or .csv (UTF-8, BOM or cp1251).

``read_declarations`` yields typed rows: every readable cell parsed by the same
field specs as typed input, every unreadable cell reported (row, column, raw
value, reason) with that fact left unknown. A file that cannot be read at all
raises :class:`DeclarationFileError` with one clear line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from core import settings
from core.declarations.mapping import plan_columns
from core.declarations.source import DeclarationFileError as DeclarationFileError
from core.domain import bounds, values
from core.domain.declared_text import Issue, WrittenCell
from core.domain.fields import VEHICLE_FIELDS, FieldSpec
from core.domain.shipment import Shipment
from core.domain.types import render_value
from core.domain.vehicle import Vehicle

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and legacy .xls
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    value: str
    message: str


@dataclass
class DeclarationRow:
    """One data row: typed ``values``, the ``raw`` cells, and the cells kept as
    ``written`` (unreadable, ambiguous or corrected; ``core.domain.declared_text``)."""

    row: int
    values: dict[str, Any]
    raw: list[Any]
    written: dict[str, WrittenCell] = field(default_factory=dict)


@dataclass
class DeclarationFile:
    """A file being read. ``rows()`` streams; errors accumulate as rows are read."""

    path: Path
    headers: list[str]
    columns: list[str | None]
    warnings: list[str]
    errors: list[CellError] = field(default_factory=list)
    _source: Callable[[], Iterator[list[Any]]] | None = None
    #: How many data rows the file says it has (for progress), or None if it does not.
    expected_rows: int | None = None
    #: (row, canonical column) -> the text to read instead of the cell (the inspector's fix;
    #: "" leaves the fact unknown).
    corrections: Mapping[tuple[int, str], str] = field(default_factory=dict)

    def rows(self, *, record_errors: bool = True) -> Iterator[DeclarationRow]:
        """Stream the data rows; blank rows are skipped. Reading again re-reads the file."""
        assert self._source is not None
        converters = [(_CONVERTERS.get(c) if c else None) for c in self.columns]
        names = self.columns
        corrections = self.corrections
        for number, raw in enumerate(self._source(), start=2):
            if not any(v not in (None, "") for v in raw):
                continue
            parsed: dict[str, Any] = {}
            written: dict[str, WrittenCell] = {}
            for index, cell in enumerate(raw[: len(names)]):
                name = names[index]
                if name is None:
                    continue
                fixed = corrections.get((number, name)) if corrections else None
                if fixed is not None:
                    original = "" if cell is None else _kept(_raw_text(cell))
                    written[name] = WrittenCell(
                        original, Issue.CORRECTED, f"corrected to {fixed!r} before the import"
                    )
                    cell = fixed
                if cell is None or cell == "":
                    continue
                try:
                    value = converters[index](cell)  # type: ignore[misc]
                except ValueError as exc:
                    text = _kept(_raw_text(cell))
                    if record_errors:
                        self.errors.append(CellError(number, name, text, str(exc)))
                    written[name] = WrittenCell(text, Issue.UNREADABLE, str(exc))
                    continue
                if value is not None:
                    parsed[name] = value
                    if (
                        fixed is None
                        and isinstance(cell, str)
                        and name in _NUMBER_COLUMNS
                        and values.is_ambiguous_number(cell)
                    ):
                        written[name] = WrittenCell(
                            cell.strip(), Issue.AMBIGUOUS, f"read as {render_value(value)}"
                        )
            yield DeclarationRow(number, parsed, list(raw), written)


#: A bad cell's text is kept up to this many characters (the whole cell is in the file's
#: exhibit): the kept texts of a row must fit its vehicle's record (bounds.TEXT_LIMIT).
KEPT_CHARS = 300


def _kept(text: str) -> str:
    """A cell's text as kept with the vehicle and in the validation report: a NUL, which
    no text column can hold, shown as \u2400; a very long text cut, saying so."""
    if "\x00" in text:
        text = text.replace("\x00", "\u2400")
    if len(text) > KEPT_CHARS:
        return f"{text[:KEPT_CHARS]}… ({len(text):,} characters; the whole cell is in the file)"
    return text


def _raw_text(cell: Any) -> str:
    if isinstance(cell, dt.datetime | dt.date):
        return cell.isoformat()
    return str(cell)


def _text_of(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    return str(cell)


def _date(cell: Any) -> dt.date:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, int | float):
        raise ValueError(f"{cell!r} is a number, not a date")
    return values.parse_date(str(cell))


def _number(
    parse: Callable[[str], Any], integral: bool, never_negative: bool = False
) -> Callable[[Any], Any]:
    """A numeric or text cell as a number (``never_negative``: as the parser says)."""

    def numeric(cell: int | float) -> Any:
        if isinstance(cell, int):
            return cell if integral else Decimal(cell)
        if integral:
            if not cell.is_integer():
                raise ValueError(f"{cell!r} is not a whole number")
            return int(cell)
        return Decimal(repr(cell))

    def convert(cell: Any) -> Any:
        if isinstance(cell, bool):
            raise ValueError(f"{cell!r} is not a number")
        if isinstance(cell, int | float):
            if isinstance(cell, float) and not math.isfinite(cell):
                raise ValueError(f"{cell!r} is not a number")
            value = numeric(cell)
            if never_negative:
                values.check_not_negative(value, _text_of(cell))
            return value
        if isinstance(cell, dt.date):
            raise ValueError(f"{_raw_text(cell)} is a date, not a number")
        return parse(str(cell))

    return convert


def _yes_no(cell: Any) -> bool:
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, int | float) and cell in (0, 1):
        return bool(cell)
    return values.parse_yes_no(str(cell))


def _generic(spec: FieldSpec) -> Callable[[Any], Any]:
    def convert(cell: Any) -> Any:
        return spec.parse(_text_of(cell))

    return convert


def _converter(spec: FieldSpec) -> Callable[[Any], Any]:
    special: dict[Any, Callable[[Any], Any]] = {
        values.parse_date: _date,
        values.parse_int: _number(values.parse_int, integral=True),
        values.parse_decimal: _number(values.parse_decimal, integral=False),
        values.parse_count: _number(values.parse_count, True, never_negative=True),
        values.parse_amount: _number(values.parse_amount, False, never_negative=True),
        values.parse_power: _number(values.parse_power, False, never_negative=True),
        values.parse_odometer_km: _number(values.parse_odometer_km, False, never_negative=True),
        values.parse_yes_no: _yes_no,
    }
    return special.get(spec.parse, _generic(spec))


def _shipment_ref(cell: Any) -> str | None:
    text = _text_of(cell).strip()
    return text or None


def _stored_as(name: str, convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert``, then refuse what the store cannot keep: a NUL character (PostgreSQL
    refuses it in text), or a value outside the bounds of the column(s) that keep the
    column (:mod:`core.domain.bounds`: text length, numeric range, finiteness). A date
    or yes/no column needs no check (a NUL in it is not a date, or yes or no)."""
    limits = [
        bounds.bound(table, name)
        for table in (Vehicle, Shipment)
        if name in bounds.bounds_of(table)
    ]
    texts = [b.max_chars for b in limits if b.max_chars is not None]
    numbers = [b for b in limits if b.below is not None]
    if not texts and not numbers:
        return convert
    max_chars = min(texts, default=None)
    # The tightest numeric bound; a value inside it needs no further look (hot path).
    tightest = min(numbers, key=lambda b: Decimal(b.below or 0), default=None)
    below = None if tightest is None else tightest.below

    def checked(cell: Any) -> Any:
        if cell.__class__ is str and "\x00" in cell:
            raise ValueError("contains a NUL character (\\x00), which cannot be stored")
        value = convert(cell)
        kind = value.__class__
        if kind is str:
            if max_chars is not None and len(value) > max_chars:
                raise ValueError(
                    f"is {len(value):,} characters long; at most {max_chars:,} allowed"
                )
        elif (
            tightest is not None
            and below is not None
            and (kind is int or kind is Decimal)
            and ((kind is Decimal and not value.is_finite()) or abs(value) >= below)
        ):
            raise ValueError(tightest.problem(value) or f"{value} cannot be stored")
        return value

    return checked


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    name: _stored_as(name, convert)
    for name, convert in (
        *((s.name, _converter(s)) for s in VEHICLE_FIELDS),
        ("shipment_ref", _shipment_ref),
    )
}
_NUMERIC_PARSERS = (
    values.parse_int, values.parse_decimal, values.parse_count, values.parse_amount,
    values.parse_power, values.parse_odometer_km,
)  # fmt: skip
_NUMBER_COLUMNS = frozenset(s.name for s in VEHICLE_FIELDS if s.parse in _NUMERIC_PARSERS)


def _check_file(path: Path, size_limit: int) -> bytes:
    if not path.exists():
        raise DeclarationFileError(f"{path}: no such file")
    if path.is_dir():
        raise DeclarationFileError(f"{path} is a folder, not a declaration file")
    size = path.stat().st_size
    if size > size_limit:
        raise DeclarationFileError(
            f"{path.name} is {size / 1e6:.1f} MB; the limit is {size_limit / 1e6:.0f} MB"
        )
    with path.open("rb") as fh:
        return fh.read(8)


#: A workbook whose parts expand to more than this is refused before it is read.
MAX_EXPANDED_BYTES = 1024**3
#: …and so is one part that expands more than this many times (real sheets: 5-20x).
MAX_EXPANSION_RATIO = 200


def _check_zip(path: Path) -> None:
    """Refuse a zip bomb or an encrypted part before openpyxl opens the workbook."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise DeclarationFileError(
            f"{path.name} is truncated or damaged: not a readable .xlsx workbook ({exc})"
        ) from exc
    if any(part.flag_bits & 0x1 for part in parts):
        raise DeclarationFileError(f"{path.name} has encrypted parts; save it without a password")
    expanded = sum(part.file_size for part in parts)
    if expanded > MAX_EXPANDED_BYTES:
        raise DeclarationFileError(
            f"{path.name} would expand to {expanded / 1e9:.1f} GB; refused as a possible zip bomb"
        )
    for part in parts:
        ratio = part.file_size // max(part.compress_size, 1)
        if part.file_size > 10 * 1024**2 and ratio > MAX_EXPANSION_RATIO:
            raise DeclarationFileError(
                f"{path.name}: {part.filename} expands {ratio} times; refused as a possible "
                "zip bomb"
            )


#: What reading a damaged workbook raises: a broken zip or deflate stream (a CRC error,
#: ``zlib.error``, a stream cut short), malformed XML (``SyntaxError`` covers both
#: ElementTree's and lxml's parse errors), or cells openpyxl cannot make sense of.
_DAMAGED: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    SyntaxError,
    EOFError,
    KeyError,
    IndexError,
    TypeError,
    ValueError,
    OSError,
)


def _reason(exc: Exception) -> str:
    """One line saying what was wrong, for a damaged workbook."""
    if isinstance(exc, zlib.error | EOFError | zipfile.BadZipFile):
        what = "a compressed part is corrupt"
    elif isinstance(exc, SyntaxError):
        what = "a sheet's XML is malformed"
    else:
        what = "it could not be read"
    detail = " ".join(str(exc).split())
    return f"{what} ({type(exc).__name__}: {detail[:200]})" if detail else what


def _xlsx(path: Path, sheet: str | None) -> tuple[list[Any], Callable[[], Iterator[list[Any]]]]:
    def open_sheet() -> Any:
        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except (InvalidFileException, *_DAMAGED) as exc:
            raise DeclarationFileError(
                f"{path.name} is not a readable .xlsx workbook ({_reason(exc)})"
            ) from exc
        if sheet is not None:
            if sheet not in workbook.sheetnames:
                workbook.close()
                raise DeclarationFileError(
                    f"{path.name} has no sheet {sheet!r}; sheets: {', '.join(workbook.sheetnames)}"
                )
            return workbook, workbook[sheet]
        return workbook, workbook.worksheets[0]

    workbook, ws = open_sheet()
    # Keep this workbook open for the first pass over the rows: opening a sheet that
    # lacks a <dimension> element makes openpyxl parse the whole sheet once more.
    rows = ws.iter_rows(values_only=True)
    try:
        first = next(rows, None)
    except _DAMAGED as exc:
        workbook.close()
        raise DeclarationFileError(f"{path.name} is damaged: {_reason(exc)}") from exc
    if first is None:
        workbook.close()
        raise DeclarationFileError(f"{path.name} has an empty sheet")
    pending: list[tuple[Any, Iterator[Any]]] = [(workbook, rows)]

    def source() -> Iterator[list[Any]]:
        if pending:
            book, it = pending.pop()
        else:
            book, sheet_ = open_sheet()
            it = sheet_.iter_rows(values_only=True)
            next(it, None)
        try:
            for row in it:
                yield list(row)
        except _DAMAGED as exc:
            raise DeclarationFileError(f"{path.name} is damaged: {_reason(exc)}") from exc
        finally:
            book.close()

    return list(first), source


def _decode(data: bytes, name: str) -> str:
    """The text of a CSV file: UTF-8 (with or without a BOM) or Windows-1251, one of them
    throughout. A file whose lines are in two encodings is refused, naming the first
    line that does not decode as the lines before it: a guess would import mojibake."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DeclarationFileError(
            f"{name} is UTF-16 text; save it as CSV in UTF-8 or Windows-1251"
        )
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        return data[3:].decode("utf-8") if bom else data.decode("utf-8")
    except UnicodeDecodeError as exc:
        failed = exc.start + (3 if bom else 0)
    line_start = data.rfind(b"\n", 0, failed) + 1
    line = data.count(b"\n", 0, failed) + 1
    if bom or not data[:failed].isascii():
        before = (
            "the file says it is (it starts with a UTF-8 mark)"
            if bom
            else (
                "the lines before it are"
                if not data[:line_start].isascii()
                else "the text before it on that line is"
            )
        )
        raise DeclarationFileError(
            f"{name}: line {line:,} is not UTF-8, though {before}; save the whole file "
            "in one encoding (UTF-8 or Windows-1251)"
        )
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError as exc:
        raise DeclarationFileError(f"{name} is neither UTF-8 nor Windows-1251 text") from exc
    utf8_line = _first_utf8_line(data)
    if utf8_line is not None:
        raise DeclarationFileError(
            f"{name}: line {utf8_line:,} is UTF-8, though the lines before it are "
            "Windows-1251; save the whole file in one encoding (UTF-8 or Windows-1251)"
        )
    return text


# A UTF-8 sequence of two to four bytes. Windows-1251 text almost never holds one: its
# letters are 0xC0-0xFF, and a UTF-8 lead byte must be followed by 0x80-0xBF.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _first_utf8_line(data: bytes) -> int | None:
    """The first line (1-based) of a file that is not UTF-8 as a whole which decodes as
    UTF-8 with non-ASCII characters in it; ``None`` if no line does."""
    position = 0
    while found := _UTF8_SEQUENCE.search(data, position):
        start = data.rfind(b"\n", 0, found.start()) + 1
        end = data.find(b"\n", found.end())
        end = len(data) if end < 0 else end
        try:
            data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            position = end
            continue
        return data.count(b"\n", 0, start) + 1
    return None


#: A CSV with more NUL characters than this share of its text is not a text file.
_BINARY_NULS = 0.01


def _csv(path: Path) -> tuple[list[Any], Callable[[], Iterator[list[Any]]]]:
    text = _decode(path.read_bytes(), path.name)
    first_line = text.split("\n", 1)[0]
    # A NUL in a cell is that cell's problem (it cannot be stored); many, or one in the
    # header, mean the file is not text at all.
    if "\x00" in first_line or text.count("\x00") > _BINARY_NULS * len(text):
        raise DeclarationFileError(f"{path.name} is not a CSV text file")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise DeclarationFileError(f"{path.name} is empty")

    def source() -> Iterator[list[Any]]:
        rows = csv.reader(io.StringIO(text), delimiter=delimiter)
        next(rows, None)
        for row in rows:
            yield [cell.strip() for cell in row]

    return header, source


def read_declarations(
    path: Path,
    *,
    sheet: str | None = None,
    size_limit: int | None = None,
    mapping: Mapping[str, str | None] | None = None,
    require_vin: bool = True,
    corrections: Mapping[tuple[int, str], str] | None = None,
) -> DeclarationFile:
    """Open a declaration file and map its header; rows are read by ``.rows()``.

    ``mapping`` overrides the detected column of the headers it names (header text,
    trimmed, -> canonical column, or ``None`` to ignore the column); other headers are
    detected as usual. A mapping to an unknown canonical name is refused. Without a VIN
    column the file is refused unless ``require_vin`` is false (a preview before the
    user maps one). ``corrections`` replace single cells, by row and canonical column;
    each is kept as written with the original text.
    """
    unknown = plan_columns((), mapping).unknown
    if unknown:
        raise DeclarationFileError(f"mapping names unknown columns: {', '.join(unknown)}")
    magic = _check_file(path, settings.import_limit() if size_limit is None else size_limit)
    suffix = path.suffix.lower()
    if magic.startswith(_OLE_MAGIC):
        raise DeclarationFileError(
            f"{path.name} is password-protected or an old .xls file; "
            "save it as .xlsx without a password"
        )
    if magic.startswith(_ZIP_MAGIC) or suffix in (".xlsx", ".xlsm"):
        if not magic.startswith(_ZIP_MAGIC):
            raise DeclarationFileError(f"{path.name} is not an .xlsx workbook")
        _check_zip(path)
        header, source = _xlsx(path, sheet)
    elif suffix in (".csv", ".txt", ""):
        header, source = _csv(path)
    else:
        raise DeclarationFileError(f"{path.name}: expected an .xlsx or .csv declaration file")
    plan = plan_columns(header, mapping)
    headers, columns, warnings = list(plan.headers), list(plan.columns), list(plan.warnings)
    if plan.repeated:
        raise DeclarationFileError(
            "the mapping chooses one column for more than one header: "
            + "; ".join(f"{name} ({', '.join(where)})" for name, where in plan.repeated)
        )
    if not plan.has_vin and require_vin:
        raise DeclarationFileError(f"{path.name} has no VIN column (headers: {', '.join(headers)})")
    return DeclarationFile(
        path=path,
        headers=headers,
        columns=columns,
        warnings=warnings,
        _source=source,
        expected_rows=_estimate_rows(path, magic),
        corrections=dict(corrections or {}),
    )


def _estimate_rows(path: Path, magic: bytes) -> int | None:
    """Data rows by the workbook's own dimension, or a CSV's line count."""
    if magic.startswith(_ZIP_MAGIC):
        # The first sheet's <dimension> element, read from its first bytes (asking
        # openpyxl would parse the whole sheet when the element is missing).
        try:
            with zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.xml") as part:
                head = part.read(4096).decode("utf-8", "replace")
        except _DAMAGED:
            return None
        found = re.search(r'<(?:\w+:)?dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"', head)
        return int(found.group(1)) - 1 if found else None
    with path.open("rb") as fh:
        return max(sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")) - 1, 0)
