"""Writing untrusted values into workbooks safely.

Exporter and importer names are untrusted: ``=HYPERLINK(...)`` must stay text,
never become a formula, and control characters that Excel rejects are removed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_PREFIXES = ("=", "+", "-", "@")
#: The most characters an Excel cell holds; a longer text is cut and says so.
CELL_LIMIT = 32767
_CUT = "… [cut: the cell limit is 32,767 characters]"


def cell_text(text: str) -> str:
    """``text`` without the control characters a workbook cannot hold, and no longer
    than a cell can hold."""
    cleaned: str = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(cleaned) > CELL_LIMIT:
        cleaned = cleaned[: CELL_LIMIT - len(_CUT)] + _CUT
    return cleaned


def safe_value(ws: WriteOnlyWorksheet, value: Any) -> Any:
    """``value`` ready to append: plain where openpyxl stores it as data anyway (numbers,
    ordinary text, dates, which it formats as dates itself), a cell only where it needs
    a type (formula-like text). Plain values keep a 20,000-row sheet close to openpyxl's
    own speed."""
    if value is None or isinstance(value, (bool, int, float, dt.date)):
        return value
    if isinstance(value, str):
        if len(value) > CELL_LIMIT or not value.isprintable():
            value = cell_text(value)
        if not value.startswith(FORMULA_PREFIXES):
            return value
    elif isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return safe_cell(ws, value)


def safe_cell(ws: WriteOnlyWorksheet, value: Any, **style: Any) -> WriteOnlyCell:
    """A write-only cell holding ``value`` as data: numbers, dates, booleans or plain text."""
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        value = cell_text(value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
    if isinstance(value, dt.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    for key, setting in style.items():
        setattr(cell, key, setting)
    return cell
