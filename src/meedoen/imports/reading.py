"""Reading a spreadsheet (CSV or XLSX) into numbered rows, with tablib, safely: a file too
large, a file that unpacks to far more than it weighs, too many rows, unknown or missing
columns and formulas are refused with a message for the administrator. Nothing in a file is
ever calculated: a formula is refused, not evaluated."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

import tablib
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from meedoen.errors import DomainError
from meedoen.imports import columns

#: The page takes files up to this size and this many rows; the command takes larger ones.
PAGE_MAX_BYTES = 5 * 1024 * 1024
PAGE_MAX_ROWS = 2000
COMMAND_MAX_BYTES = 50 * 1024 * 1024
COMMAND_MAX_ROWS = 50000
#: An XLSX file is a zip: what it unpacks to may be at most this many times what it weighs.
MAX_UNPACKED_RATIO = 20
#: The first row of a file holds the headers; data rows are numbered as a spreadsheet shows.
FIRST_DATA_ROW = 2


class ImportFileError(DomainError):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass
class Row:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    #: Columns whose cell holds a formula: refused, never calculated.
    formulas: set[str] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return all(_blank(v) for v in self.values.values()) and not self.formulas


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def kind_of_file(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith(".csv"):
        return "csv"
    if lowered.endswith(".xlsx"):
        return "xlsx"
    raise ImportFileError(_("Choose a CSV or XLSX file (a spreadsheet)."))


def read(
    content: bytes,
    name: str,
    kind: str,
    *,
    max_bytes: int = PAGE_MAX_BYTES,
    max_rows: int = PAGE_MAX_ROWS,
) -> list[Row]:
    """The file's rows with a value, each with its number in the spreadsheet."""
    file_format = kind_of_file(name)
    if len(content) > max_bytes:
        raise ImportFileError(
            _("The file is larger than %(size)s MB. Split it into smaller files.")
            % {"size": max_bytes // (1024 * 1024)}
        )
    if file_format == "csv":
        dataset, numbers = _csv(content)
        formula_cells: dict = {}
    else:
        dataset, formula_cells = _xlsx(content, max_bytes, max_rows)
        numbers = [FIRST_DATA_ROW + index for index in range(dataset.height)]
    keys = _columns(dataset.headers or [], kind)
    if dataset.height > max_rows:
        raise ImportFileError(
            _("The file has more than %(rows)s rows. Split it into smaller files.")
            % {"rows": max_rows}
        )
    rows = []
    for number, cells in zip(numbers, dataset, strict=True):
        row = Row(number)
        for position, key in keys.items():
            value = cells[position] if position < len(cells) else None
            if (file_format == "csv" and isinstance(value, str) and value.startswith("=")) or (
                number,
                position,
            ) in formula_cells:
                row.formulas.add(key)
            else:
                row.values[key] = value
        if not row.empty:
            rows.append(row)
    if not rows:
        raise ImportFileError(_("The file has no rows below the headers."))
    return rows


def _csv(content: bytes) -> tuple[tablib.Dataset, list[int]]:
    """The dataset, and the row number of each of its rows as a spreadsheet shows the file
    (tablib leaves out blank lines, a spreadsheet counts them)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        dataset = tablib.Dataset().load(text, format="csv", delimiter=delimiter)
        records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        numbers = [number for number, cells in enumerate(records, start=1) if cells][1:]
        return dataset, numbers
    except Exception as exc:  # tablib's errors for rows of uneven length and the like
        raise ImportFileError(
            _("This file cannot be read as CSV. Save it again as CSV or as XLSX.")
        ) from exc


def _xlsx(content: bytes, max_bytes: int, max_rows: int) -> tuple[tablib.Dataset, dict]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ImportFileError(
            _("This file cannot be read as XLSX. Save it again as XLSX or as CSV.")
        ) from exc
    if unpacked > max_bytes * MAX_UNPACKED_RATIO:
        raise ImportFileError(
            _("The file holds far more than its size shows. Save it again as CSV.")
        )
    try:
        # Formulas are found without calculating anything (openpyxl never calculates).
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        formulas = {}
        for number, cells in enumerate(book.active.iter_rows(), start=1):
            if number > max_rows + 1:
                break
            for position, cell in enumerate(cells):
                if getattr(cell, "data_type", None) == "f":
                    formulas[number, position] = True
        book.close()
        dataset = tablib.Dataset().load(io.BytesIO(content), format="xlsx")
    except Exception as exc:
        raise ImportFileError(
            _("This file cannot be read as XLSX. Save it again as XLSX or as CSV.")
        ) from exc
    return dataset, formulas


def _columns(headers: list[Any], kind: str) -> dict[int, str]:
    """Position -> column key; unknown headers and missing required columns are refused."""
    known = columns.header_keys(kind)
    found: dict[int, str] = {}
    unknown = []
    for position, header in enumerate(headers):
        name = columns.normalised(header)
        if not name:
            continue
        key = known.get(name)
        if key is None:
            unknown.append(str(header).strip())
        elif key in found.values():
            raise ImportFileError(
                _("The column “%(column)s” appears twice.") % {"column": str(header).strip()}
            )
        else:
            found[position] = key
    if unknown:
        raise ImportFileError(
            _(
                "Meedoen does not know these columns: %(columns)s. Use the headers of the "
                "template file."
            )
            % {"columns": ", ".join(f"“{u}”" for u in unknown)}
        )
    missing = [
        str(c.header) for c in columns.COLUMNS[kind] if c.required and c.key not in found.values()
    ]
    if missing:
        raise ImportFileError(
            _("These columns are missing: %(columns)s.")
            % {"columns": ", ".join(f"“{m}”" for m in missing)}
        )
    return found
