"""Writing tables to .xlsx and .csv, streamed row by row in constant memory.

.xlsx: XlsxWriter in constant-memory mode (rows go to disk as they come), bold frozen header,
autofilter, column widths from the first rows, real date cells, and text written as text: phone
numbers and ids keep their leading zeros and digits, and a cell beginning with = + - @ is a
string Excel shows, never a formula it runs. .csv: UTF-8 with a byte-order mark (so Excel reads
Chinese right), and the same risky first characters defused with a leading apostrophe, as
OWASP advises for CSV.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from crm_desktop.domain.errors import CrmError
from crm_desktop.io.scratch import ScratchFolder

FORMATS = (".xlsx", ".csv")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_WIDTH_SAMPLE = 200  # rows looked at to size the columns
_MAX_WIDTH = 60


class WriteError(CrmError):
    pass


def defuse(value: str) -> str:
    """A CSV cell that a spreadsheet would take as a formula, made plain text."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _display_width(value: str) -> int:
    # East Asian characters take two columns.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in value)


class TableWriter:
    """``with TableWriter(path, headers) as out: out.write(row)``; the file appears whole at
    the end (written in a private scratch folder beside it first, see :mod:`scratch`), or not
    at all on an error or Cancel."""

    def __init__(self, path: Path, headers: Sequence[str], sheet_name: str = "Contacts") -> None:
        self.path = path
        self.suffix = path.suffix.lower()
        if self.suffix not in FORMATS:
            raise WriteError(f"{path.name}: export writes .xlsx or .csv, not {path.suffix!r}")
        self.headers = list(headers)
        self.sheet_name = sheet_name
        self.scratch = ScratchFolder(path)
        self.partial = path  # until the scratch folder is made
        self.rows = 0
        self._csv_file: IO[str] | None = None
        self._csv: Any = None
        self._book: Any = None
        self._sheet: Any = None
        self._widths = [_display_width(h) + 2 for h in self.headers]

    def __enter__(self) -> TableWriter:
        folder = self.path.parent
        if not folder.is_dir():
            what = "is not a folder" if folder.exists() else "does not exist"
            raise WriteError(f"cannot export to {folder}: the folder {what}")
        try:
            scratch = self.scratch.__enter__()
        except OSError as exc:
            raise WriteError(
                f"cannot export to {folder}: you may not write in this folder "
                f"({exc.strerror or exc})"
            ) from exc
        self.partial = scratch / self.path.name
        try:
            if self.suffix == ".csv":
                self._csv_file = self.partial.open("w", encoding="utf-8-sig", newline="")
                self._csv = csv.writer(self._csv_file)
                self._csv.writerow(self.headers)
            else:
                import xlsxwriter  # loaded when a workbook is written, not by every import

                self._book = xlsxwriter.Workbook(
                    str(self.partial),
                    {
                        "constant_memory": True,
                        "strings_to_formulas": False,
                        "tmpdir": str(scratch),  # customer data: not in the system temp folder
                    },
                )
                self._sheet = self._book.add_worksheet(self.sheet_name[:31])
                self._bold = self._book.add_format({"bold": True, "bg_color": "#E8EEF7"})
                self._date = self._book.add_format({"num_format": "yyyy-mm-dd"})
                self._datetime = self._book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
                self._text = self._book.add_format({"num_format": "@"})
                self._money = self._book.add_format({"num_format": "#,##0.00"})
                for col, header in enumerate(self.headers):
                    self._sheet.write_string(0, col, header, self._bold)
                self._sheet.freeze_panes(1, 0)
        except OSError as exc:
            self.scratch.__exit__(None, None, None)
            raise WriteError(f"cannot write {self.path}: {exc.strerror or exc}") from exc
        return self

    def write(self, row: Sequence[object]) -> None:
        self.rows += 1
        if self._csv is not None:
            self._csv.writerow([self._csv_cell(v) for v in row])
            return
        r = self.rows
        sheet, text_format = self._sheet, self._text
        sample = r <= _WIDTH_SAMPLE
        for col, value in enumerate(row):
            if isinstance(value, str):  # most cells: the fast path first
                if not value:
                    continue
                # Text stays text: "+86 138…", "0571-…", "=1+1" are never numbers or formulas.
                sheet.write_string(r, col, value, text_format)
                width = _display_width(value) if sample else 0
            elif value is None:
                continue
            elif isinstance(value, datetime):
                naive = value.astimezone().replace(tzinfo=None) if value.tzinfo else value
                sheet.write_datetime(r, col, naive, self._datetime)
                width = 16
            elif isinstance(value, date):
                sheet.write_datetime(r, col, value, self._date)
                width = 10
            elif isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(r, col, value)
                width = len(str(value))
            elif isinstance(value, Decimal):  # money (a report): a number, shown to the cent
                sheet.write_number(r, col, float(value), self._money)
                width = len(f"{value:,.2f}")
            else:
                text = str(value)
                sheet.write_string(r, col, text, text_format)
                width = _display_width(text) if sample else 0
            if sample and width + 2 > self._widths[col]:
                self._widths[col] = min(width + 2, _MAX_WIDTH)

    @staticmethod
    def _csv_cell(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            local = value.astimezone() if value.tzinfo else value
            return local.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return str(value)
        return defuse(str(value))

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._finish(exc)
        finally:
            self.scratch.__exit__(exc_type, exc, tb)  # half-written file and temp files gone

    def _finish(self, exc: BaseException | None) -> None:
        try:
            if self._csv_file is not None:
                self._csv_file.close()
            if self._book is not None:  # closed on Cancel too: its temporary files are let go
                for col, width in enumerate(self._widths):
                    self._sheet.set_column(col, col, width)
                self._sheet.autofilter(0, 0, max(self.rows, 1), max(len(self.headers) - 1, 0))
                self._book.close()
        except Exception as write_error:  # OSError, or XlsxWriter's FileCreateError around it
            if exc is None:
                raise WriteError(
                    f"cannot write {self.path} in {self.path.parent}: {write_error}"
                ) from write_error
            return
        if exc is not None:
            return
        try:
            self.partial.replace(self.path)
        except OSError as move_error:
            raise WriteError(
                f"cannot write {self.path}: {move_error.strerror or move_error} "
                "(is it open in Excel?)"
            ) from move_error
