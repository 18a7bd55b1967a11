"""CSV, JSON Lines and Excel writers for a list of practices (a search result or the whole collection)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from follow.records import COLUMN_NAMES, COLUMNS, flat

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?[\d.]*")

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/jsonl; charset=utf-8", "jsonl"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


class _Line:
    """A file-like object whose ``write`` returns the text, for streaming csv rows."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(COLUMN_NAMES)  # the byte-order mark makes spreadsheet programs read UTF-8
    for record in rows:
        yield writer.writerow([_safe_cell(value) for value in flat(record)])


def _safe_cell(value: Any) -> Any:
    """Texts starting with = + - @ are formulas to a spreadsheet: a leading apostrophe keeps them text.

    (Our numbers are written as numbers; a text such as "-" or "-5" stays as it is.)"""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for record in rows:
        yield json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n"


def xlsx_bytes(rows: Iterable[dict[str, Any]], title: str = "practices") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(COLUMN_NAMES)
    for record in rows:
        sheet.append([_safe_cell(value) for value in flat(record)])
    dictionary = workbook.create_sheet("columns")
    dictionary.append(["column", "description"])
    for column in COLUMNS:
        dictionary.append([column.name, str(column.description)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
