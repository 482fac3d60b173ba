"""Helpers shared by the portal's spreadsheets: the needs form (market/needs/excel.py) and the
registration ledger (market/contracts/ledger.py).

Reading an upload safely, finding the header columns, turning cells into text, exact Decimals
and dates, reporting errors by row and column, and writing headers, notes and cells without
letting user text become a formula.
"""

import datetime
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
NOTE_FONT = Font(italic=True, color="808080", size=9)

_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_TWO_PLACES = Decimal("0.01")


class Column(Protocol):
    key: str
    header: str
    width: int
    note: str


@dataclass(frozen=True)
class RowError:
    row: int  # the Excel row number a person sees; 0 for the file as a whole
    column: str  # the column header, "" for the row or file as a whole
    message: str


@dataclass
class ImportResult:
    created: list[Any] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class Rollback(Exception):
    """Raised inside an import's transaction to undo every row."""


# --- reading ----------------------------------------------------------------------------------


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def is_empty(values) -> bool:
    return all(text(value) == "" for value in values)


def fold(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip().casefold()


def header_key(value) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text(value)))


def cell(values, positions: dict[str, int], key: str):
    index = positions.get(key)
    if index is None or index >= len(values):
        return None
    return values[index]


def is_note_row(
    values, positions: dict[str, int], columns: Iterable[Column], *, prefix: bool = False
) -> bool:
    """Whether a row holds the template's format notes (or, with prefix, notes extended)."""
    for column in columns:
        value = text(cell(values, positions, column.key))
        if value and (value == column.note or (prefix and value.startswith(column.note))):
            return True
    return False


def exact_decimal(value, *, not_a_number: str, unreadable: str, ignore: str = ",") -> Decimal:
    """A finite Decimal, exactly as written (no binary-float digits); ValueError otherwise.

    Text is NFKC-normalized and the characters in ``ignore`` are dropped first.
    """
    if isinstance(value, bool):
        raise ValueError(not_a_number)
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int | float):
        amount = Decimal(str(value))  # str: no binary-float digits
    else:
        cleaned = unicodedata.normalize("NFKC", str(value)).strip()
        for character in ignore:
            cleaned = cleaned.replace(character, "")
        try:
            amount = Decimal(cleaned.strip())
        except InvalidOperation:
            raise ValueError(unreadable) from None
    if not amount.is_finite():
        raise ValueError(not_a_number)
    return amount


def two_places(amount: Decimal) -> Decimal:
    """The amount to the fen; ValueError when it has more than two decimals."""
    if amount != amount.quantize(_TWO_PLACES):
        raise ValueError(_("Use at most two decimals."))
    return amount.quantize(_TWO_PLACES)


def date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = _DATE.match(unicodedata.normalize("NFKC", text(value)))
    if match:
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise ValueError(_("Enter a date as YYYY-MM-DD, e.g. 2030-06-30."))


def unknown_value(value: str, choices: Iterable[str]) -> str:
    return _("“%(value)s” is not a known value; choose one of: %(choices)s.") % {
        "value": value,
        "choices": "、".join(choices),
    }


class UploadRefused(Exception):
    """An upload too large to read safely; the message says what to do."""


def _content(file) -> bytes:
    """The upload's bytes, refused unread when above SPREADSHEET_IMPORT_MAX_BYTES."""
    limit = settings.SPREADSHEET_IMPORT_MAX_BYTES
    size = getattr(file, "size", None)
    if size is None and isinstance(file, bytes | bytearray):
        size = len(file)
    if size is not None and size > limit:
        raise UploadRefused(_too_large(limit))
    if hasattr(file, "seek"):
        file.seek(0)
    content = file.read(limit + 1) if hasattr(file, "read") else file
    if not isinstance(content, bytes | bytearray):
        raise TypeError("an uploaded file or bytes")
    if len(content) > limit:
        raise UploadRefused(_too_large(limit))
    return bytes(content)


def _too_large(limit: int) -> str:
    return _(
        "The file is larger than %(size)s; split it into several files and upload them one by one."
    ) % {"size": filesizeformat(limit)}


def _check_unpacked_size(content: bytes) -> None:
    """Refuse a workbook whose parts unpack to more than SPREADSHEET_IMPORT_MAX_UNPACKED_BYTES
    (a few KB of zip can hold hundreds of MB of shared strings), before any part is read."""
    limit = settings.SPREADSHEET_IMPORT_MAX_UNPACKED_BYTES
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > limit:
        raise UploadRefused(
            _(
                "The workbook holds more data than an import may (over %(size)s once unpacked); "
                "fill in the template with the rows to import only."
            )
            % {"size": filesizeformat(limit)}
        )


def _read_rows(file, max_row: int) -> tuple[list[tuple], bool]:
    """The first sheet's rows (values only, at most SPREADSHEET_IMPORT_MAX_COLUMNS wide) up to
    max_row, and whether any filled row follows.

    Streams the sheet read-only and ignores the dimension it declares (a tiny file may claim
    A1:ZZ200000); rows beyond max_row are only looked at until the first filled one.
    """
    content = _content(file)
    _check_unpacked_size(content)
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        rows, truncated = [], False
        columns = settings.SPREADSHEET_IMPORT_MAX_COLUMNS
        streamed = sheet.iter_rows(values_only=True, max_col=columns)
        for number, values in enumerate(streamed, start=1):
            if number <= max_row:
                rows.append(values)
            elif values.count(None) != len(values) and not is_empty(values):
                # count() first: a sheet may declare a gap of a million empty rows.
                truncated = True
                break
    finally:
        workbook.close()
    return rows, truncated


def read_upload(file, *, max_row: int) -> tuple[list[tuple], bool] | ImportResult:
    """(rows, truncated) of an uploaded workbook, or an ImportResult saying it is unreadable
    or too large."""
    try:
        return _read_rows(file, max_row)
    except UploadRefused as refused:
        return ImportResult(errors=[RowError(row=0, column="", message=str(refused))])
    except Exception:  # any unreadable upload: zip, XML or format errors alike
        return ImportResult(
            errors=[
                RowError(
                    row=0,
                    column="",
                    message=_(
                        "This file is not an Excel workbook (.xlsx); "
                        "fill in the template and upload it again."
                    ),
                )
            ]
        )


def column_positions(
    header: Sequence, columns: Sequence[Column], header_row: int
) -> tuple[dict[str, int], list[RowError]]:
    """Where each column is in the header row, and an error for each column that is missing."""
    wanted = {header_key(column.header): column.key for column in columns}
    positions: dict[str, int] = {}
    for index, value in enumerate(header):
        key = wanted.get(header_key(value))
        if key and key not in positions:
            positions[key] = index
    missing = [
        RowError(
            header_row,
            column.header,
            _("This column is missing from row 1; please use the template."),
        )
        for column in columns
        if column.key not in positions
    ]
    return positions, missing


def data_rows(
    upload: tuple[list[tuple], bool],
    columns: Sequence[Column],
    *,
    header_row: int,
    note_row: int,
    max_rows: int,
    none_message: str,
    too_many_message: str,
    notes_prefix: bool = False,
    skip: Callable[[tuple, dict[str, int]], bool] | None = None,
) -> tuple[dict[str, int], list[tuple[int, tuple]]] | ImportResult:
    """The column positions and the filled data rows (row number, values) of an uploaded sheet:
    after the header row and the template's note row when it is there, empty rows (and those
    ``skip`` names) left out. An ImportResult with the one error instead when the sheet is
    empty, misses a column, has no data or more than ``max_rows``."""
    rows, truncated = upload
    if not rows:
        return ImportResult(errors=[RowError(0, "", _("The sheet is empty."))])
    positions, missing = column_positions(rows[0], columns, header_row)
    if missing:
        return ImportResult(errors=missing)
    start = header_row
    if len(rows) > 1 and is_note_row(rows[1], positions, columns, prefix=notes_prefix):
        start = note_row
    filled = [
        (number, values)
        for number, values in enumerate(rows, start=1)
        if number > start and not is_empty(values) and not (skip and skip(values, positions))
    ]
    if not filled:
        return ImportResult(errors=[RowError(0, "", none_message)])
    if truncated or len(filled) > max_rows:
        return ImportResult(errors=[RowError(0, "", too_many_message)])
    return positions, filled


def row_errors(
    row: int,
    errors: dict[str, list[str]],
    field_column: dict[str, str],
    columns: Sequence[Column],
) -> list[RowError]:
    """One RowError per distinct (column, message), in the order of the columns."""
    found, seen = [], set()
    for key, messages in errors.items():
        column = "" if key == NON_FIELD_ERRORS else field_column.get(key, "")
        for message in messages:
            if (column, str(message)) not in seen:
                seen.add((column, str(message)))
                found.append(RowError(row=row, column=column, message=str(message)))
    order = {column.header: index for index, column in enumerate(columns)}
    return sorted(found, key=lambda e: order.get(e.column, -1))


# --- writing ----------------------------------------------------------------------------------


def save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def safe_text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def put(sheet, row: int, column: int, value, number_format: str | None = None) -> None:
    """Write a value; text stays text (illegal characters dropped, never a formula)."""
    if isinstance(value, str):
        value = safe_text(value)
    written = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        written.data_type = "s"  # user text stays text, never a formula
    if number_format:
        written.number_format = number_format


def header_cell(sheet, row: int, column: int, value: str, *, wrap: bool = False) -> None:
    written = sheet.cell(row=row, column=column, value=value)
    written.font = HEADER_FONT
    written.fill = HEADER_FILL
    if wrap:
        written.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    else:
        written.alignment = Alignment(horizontal="center", vertical="center")


def column_width(sheet, column: int, width: float) -> None:
    sheet.column_dimensions[get_column_letter(column)].width = width


def note_cell(sheet, row: int, column: int, value: str) -> None:
    written = sheet.cell(row=row, column=column, value=value)
    written.font = NOTE_FONT
    written.alignment = Alignment(wrap_text=True, vertical="top")


def format_column(sheet, column: int, first_row: int, last_row: int, number_format: str) -> None:
    for (written,) in sheet.iter_rows(
        min_row=first_row, max_row=last_row, min_col=column, max_col=column
    ):
        written.number_format = number_format


def list_validation(formula: str, header: str) -> DataValidation:
    return DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="请从列表中选择",
        error=f"请从下拉列表中选择{header}。",
    )


def amount_validation(error: str) -> DataValidation:
    return DataValidation(
        type="decimal",
        operator="greaterThan",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="金额有误",
        error=error,
    )


def write_help(sheet, lines: Iterable[str]) -> None:
    """A sheet of instructions, one line a row, the first line as its heading."""
    for row, line in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=line)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 110
