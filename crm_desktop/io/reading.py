"""Read a customer list (Excel, LibreOffice or CSV) into plain rows of raw cell values.

Workbooks go through python-calamine (.xlsx, .xlsm, .xls, .ods), which tells the format by the
file's content, so an .xlsx saved under an .xls name (as some exports are) reads fine. What it
gives, and so what a `Sheet` holds:

- numbers are float, also whole ones (12345 → 12345.0), except where the file itself stores an
  integer; `cells.text` and friends turn them into clean text;
- a date cell is `date`, a date-and-time cell `datetime`, a time `time`, a duration `timedelta`;
  a date typed into a cell formatted as a number stays a serial number float (45052.0);
- a formula gives the value cached in the file; a file written by a program that does not
  compute formulas (openpyxl) has none cached, and the cell reads as empty;
- a merged range holds its value in its top-left cell only; the other cells are None;
- an empty cell is None (calamine says "").

Row and column positions are the sheet's own: `rows[0]` is spreadsheet row 1 and `rows[r][0]`
is column A, even when they are empty, so a message can name the cell the user sees. Empty rows
and columns after the data are trimmed, and every row is padded with None to the same width.

CSV files: the encoding is detected (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK
and what charset-normalizer recognises), the delimiter sniffed (comma, semicolon, tab; an Excel
"sep=;" first line is obeyed). CSV cells are str, empty ones None. A CSV file has one sheet,
named after the file.

vCard files (.vcf, contacts exported from phones, Outlook, Google or Apple) become a one-sheet
table, also named after the file: a header row the column mapping knows, then one row per card
(see `crm_desktop.io.vcard`).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes
from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from crm_desktop.domain.errors import CrmError
from crm_desktop.io import cells
from crm_desktop.io.html_table import html_rows, looks_like_html
from crm_desktop.io.mapping import suggest_field
from crm_desktop.io.vcard import VCardError, read_vcards

SUPPORTED = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".vcf")
# Formats holding a single table, named after the file.
_ONE_SHEET = (".csv", ".vcf", ".html")
# A workbook's name on a text file (a web system's "export to Excel"): read by what it is.
_TEXT_DELIMITERS = (b"\t", b",", b";")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_CSV_DELIMITERS = ",;\t"
# Enough of a CSV file to detect its encoding and delimiter without reading it all twice.
_SAMPLE_BYTES = 256 * 1024
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "cp936", "hz"})
# Short GBK text is often taken for another East Asian multi-byte encoding (cp949, big5, ...)
# or even UTF-16; in a Chinese office GB18030 is by far the likelier one.
_OTHER_MULTIBYTE = frozenset(
    {
        "big5",
        "big5hkscs",
        "cp949",
        "cp950",
        "cp932",
        "euc_kr",
        "euc_jp",
        "euc_jis_2004",
        "euc_jisx0213",
        "johab",
        "shift_jis",
        "shift_jis_2004",
        "shift_jisx0213",
        "utf_16",
        "utf_16_be",
        "utf_16_le",
        "utf_32",
        "utf_32_be",
        "utf_32_le",
    }
)

Rows = tuple[tuple[object, ...], ...]


class ReadError(CrmError):
    """A file that cannot be read as a customer list, with a message naming it."""

    def __init__(self, path: Path, message: str, sheets: Sequence[str] = ()) -> None:
        self.path = path
        self.sheets = tuple(sheets)
        super().__init__(message)


@dataclass(frozen=True)
class Sheet:
    """One sheet's raw cell values, rows padded to equal width (see the module docstring)."""

    name: str
    rows: Rows

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


@dataclass(frozen=True)
class Workbook:
    """A file's sheet names; `sheet()` reads one of them (opening the file again each time)."""

    path: Path
    sheets: tuple[str, ...]

    def sheet(self, name: str | None = None) -> Sheet:
        return read_sheet(self.path, name)


def open_workbook(path: Path) -> Workbook:
    return Workbook(path, tuple(sheet_names(path)))


def _tidy(raw: Sequence[Sequence[object]]) -> Rows:
    """Empty strings become None, trailing empty rows and columns go, rows padded to one width."""
    rows = [
        [None if isinstance(value, str) and not value else value for value in row] for row in raw
    ]
    while rows and cells.is_blank_row(rows[-1]):
        rows.pop()
    width = 0
    for row in rows:
        for index in range(len(row) - 1, width - 1, -1):
            if not cells.is_blank(row[index]):
                width = index + 1
                break
    return tuple(tuple(row[:width]) + (None,) * (width - len(row[:width])) for row in rows)


def _check_path(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(
            path,
            f"{path.name}: files of type {suffix or '(no extension)'} cannot be imported. "
            f"Save it as one of: {', '.join(SUPPORTED)}.",
        )
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReadError(path, f"{path.name} does not exist (looked in {path.parent}).") from None
    except OSError as exc:
        raise ReadError(path, f"{path.name} cannot be opened: {exc.strerror or exc}.") from None
    if size == 0:
        raise ReadError(path, f"{path.name} is empty (0 bytes).")
    return _by_content(path, suffix)


def _by_content(path: Path, suffix: str) -> str:
    """How to read the file, by what it holds: a workbook (.xlsx, .xls, .ods by their
    signature), else as a CSV/TSV file or an HTML table, whatever its name says."""
    if suffix in (".csv", ".vcf"):
        return suffix
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise ReadError(path, f"{path.name} cannot be opened: {exc.strerror or exc}.") from None
    if head.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        return suffix
    text = _head_text(head)
    if text is None:
        return suffix  # binary: the workbook reader says it is damaged
    if looks_like_html(text):
        return ".html"
    first_line = text.split("\n", 1)[0].encode("utf-8")
    if any(delimiter in first_line for delimiter in _TEXT_DELIMITERS):
        return ".csv"
    return suffix


def _head_text(head: bytes) -> str | None:
    """The start of a text file as text, or None for binary content."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore")
    if head[1:2] == b"\x00" and head[3:4] == b"\x00":  # UTF-16 LE without a BOM
        return head.decode("utf-16-le", errors="ignore")
    if b"\x00" in head:
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            return head.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start > len(head) - 4:  # a character cut at the end of the sample
                return head[: exc.start].decode(encoding, errors="ignore")
    return None


def _workbook_error(path: Path, suffix: str, exc: Exception) -> ReadError:
    try:
        data = path.read_bytes()
    except OSError as os_exc:
        return ReadError(path, f"{path.name} cannot be opened: {os_exc.strerror or os_exc}.")
    # An encrypted .xlsx is no zip but an OLE container holding an "EncryptedPackage" stream.
    if isinstance(exc, PasswordError) or (
        data.startswith(_OLE_MAGIC) and _ENCRYPTED_STREAM in data
    ):
        return ReadError(
            path,
            f"{path.name} is protected with a password. Open it in Excel, remove the password "
            "(File > Info > Protect Workbook) and save it, then import it again.",
        )
    if not data.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        return ReadError(
            path,
            f"{path.name} is not a real {suffix} file (perhaps a CSV or web page saved under "
            "that name). Open it in Excel and save it as .xlsx or .csv, then import it again.",
        )
    return ReadError(path, f"{path.name} is damaged and cannot be read ({exc}).")


def _open_calamine(path: Path, suffix: str) -> CalamineWorkbook:
    # By content, not by name: exports named .xls that are really .xlsx are common.
    try:
        with path.open("rb") as handle:
            return CalamineWorkbook.from_filelike(handle)
    except CalamineError as exc:
        raise _workbook_error(path, suffix, exc) from exc
    except OSError as exc:
        raise ReadError(path, f"{path.name} cannot be opened: {exc.strerror or exc}.") from exc


def _csv_sheet_name(path: Path) -> str:
    return path.stem


def sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook in file order; a CSV or vCard file has one, named after the file."""
    suffix = _check_path(path)
    if suffix in _ONE_SHEET:
        return [_csv_sheet_name(path)]
    with _open_calamine(path, suffix) as workbook:
        return list(workbook.sheet_names)


def _not_found(path: Path, name: str, names: Sequence[str]) -> ReadError:
    listed = ", ".join(repr(n) for n in names)
    return ReadError(path, f"{path.name} has no sheet {name!r}; its sheets are: {listed}.", names)


def _read_workbook_sheet(path: Path, suffix: str, name: str | None) -> Sheet:
    with _open_calamine(path, suffix) as workbook:
        names = list(workbook.sheet_names)
        if name is not None and name not in names:
            raise _not_found(path, name, names)
        for candidate in names if name is None else [name]:
            try:
                raw = workbook.get_sheet_by_name(candidate).to_python(skip_empty_area=False)
            except CalamineError as exc:
                raise ReadError(
                    path, f"{path.name}: the sheet {candidate!r} is damaged ({exc})."
                ) from exc
            sheet = Sheet(candidate, _tidy(raw))
            if name is not None or sheet.rows:
                return sheet
    raise ReadError(
        path,
        f"{path.name} is empty: none of its sheets holds data ({', '.join(names) or 'no sheets'}).",
        names,
    )


@dataclass
class SheetStream:
    """One sheet's rows read one at a time, for files too big to hold as Python objects.

    ``rows`` gives what ``Sheet.rows`` holds (positions as in the sheet, empty strings as None),
    except that rows are padded to ``width``, the sheet's stored dimension, which may be wider
    than the widest row of data, and trailing blank rows may come too. ``used_width`` grows as
    rows pass: once they all have, it is the width ``Sheet`` would have. ``total`` counts the
    rows (for progress)."""

    name: str
    width: int
    total: int
    _rows: Iterator[tuple[object, ...]]
    used_width: int = 0
    _closers: list[Any] = field(default_factory=list)

    @property
    def rows(self) -> Iterator[tuple[object, ...]]:
        for row in self._rows:
            if len(row) > self.used_width:
                for index in range(len(row) - 1, self.used_width - 1, -1):
                    if not cells.is_blank(row[index]):
                        self.used_width = index + 1
                        break
            yield row

    def close(self) -> None:
        for closer in self._closers:
            closer.close()
        self._closers.clear()


def _stream_rows(raw: Any, width: int) -> Iterator[tuple[object, ...]]:
    pad = (None,) * width
    for row in raw:
        tidy = tuple(None if value == "" else value for value in row)
        yield tidy + pad[len(tidy) :] if len(tidy) < width else tidy


def stream_sheet(path: Path, sheet: str | None = None) -> SheetStream:
    """Like `read_sheet`, but the rows come one at a time (see `SheetStream`); close() it.

    A workbook sheet whose data starts in cell A1 is streamed from calamine's own copy (a
    fraction of the memory Python objects take); any other sheet, and CSV and vCard files,
    are read whole as `read_sheet` reads them."""
    suffix = _check_path(path)
    if suffix not in _ONE_SHEET:
        workbook = _open_calamine(path, suffix)
        try:
            stream = _stream_workbook_sheet(path, workbook, sheet)
        except BaseException:
            workbook.close()
            raise
        if stream is not None:
            stream._closers.append(workbook)
            return stream
        workbook.close()
    whole = read_sheet(path, sheet)
    return SheetStream(whole.name, whole.width, len(whole.rows), iter(whole.rows))


def _stream_workbook_sheet(
    path: Path, workbook: CalamineWorkbook, name: str | None
) -> SheetStream | None:
    """The stream, or None when the sheet is better read whole (data not starting at A1)."""
    names = list(workbook.sheet_names)
    if name is not None and name not in names:
        raise _not_found(path, name, names)
    for candidate in names if name is None else [name]:
        try:
            data = workbook.get_sheet_by_name(candidate)
        except CalamineError as exc:
            raise ReadError(
                path, f"{path.name}: the sheet {candidate!r} is damaged ({exc})."
            ) from exc
        start, end = data.start, data.end
        if start is None or end is None:  # no cells at all
            if name is not None:
                return SheetStream(candidate, 0, 0, iter(()))
            continue
        if tuple(start) != (0, 0) or not hasattr(data, "iter_rows"):
            # calamine's row iterator starts at the first used column: positions would shift.
            # (Versions before the iterator: the sheet is read whole.)
            return None
        width = end[1] + 1
        rows = _stream_rows(data.iter_rows(), width)
        # The first sheet holding data: skip sheets of blank cells, as read_sheet does.
        seen: list[tuple[object, ...]] = []
        for row in rows:
            seen.append(row)
            if not cells.is_blank_row(row):
                break
        else:
            if name is None:
                continue
        return SheetStream(candidate, width, end[0] + 1, _chain(seen, rows))
    raise ReadError(
        path,
        f"{path.name} is empty: none of its sheets holds data ({', '.join(names) or 'no sheets'}).",
        names,
    )


def _chain(
    first: list[tuple[object, ...]], rest: Iterator[tuple[object, ...]]
) -> Iterator[tuple[object, ...]]:
    yield from first
    yield from rest


def _decode(path: Path, data: bytes) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _decode_as(path, data, encoding)
    # UTF-16 without a BOM: every other byte of ASCII text is a zero.
    head = data[:1000]
    if len(head) >= 4 and b"\x00" in head:
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if odd > 0.4 * len(head) / 2 and even == 0:
            return _decode_as(path, data, "utf-16-le")
        if even > 0.4 * len(head) / 2 and odd == 0:
            return _decode_as(path, data, "utf-16-be")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:_SAMPLE_BYTES]
    if len(data) > _SAMPLE_BYTES and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]
    best = from_bytes(sample).best()
    found = best.encoding.lower().replace("-", "_") if best is not None else "gb18030"
    prefer_gb = found in _OTHER_MULTIBYTE and b"\x00" not in sample and _decodes(sample, "gb18030")
    encoding = "gb18030" if found in _GB_FAMILY or prefer_gb else found
    return _decode_as(path, data, encoding)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _decode_as(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise ReadError(
            path,
            f"{path.name}: cannot tell how its text is encoded. Save it from Excel as "
            "“CSV UTF-8” and import it again.",
        ) from None


def _delimiter(text: str) -> tuple[str, str]:
    """The delimiter, and the text without an Excel "sep=;" line if there was one."""
    first, newline, rest = text.partition("\n")
    hint = first.strip().lower()
    if hint.startswith("sep=") and len(hint) == 5:
        return first.strip()[4], rest if newline else ""
    sample = "\n".join(text[:_SAMPLE_BYTES].splitlines()[:50])
    try:
        found = csv.Sniffer().sniff(sample, delimiters=_CSV_DELIMITERS).delimiter
    except csv.Error:
        found = ","
    return (found if found in _CSV_DELIMITERS else ","), text


def _read_csv(path: Path) -> Sheet:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"{path.name} cannot be opened: {exc.strerror or exc}.") from exc
    text = _decode(path, data).lstrip("\ufeff")
    if not text.strip():
        raise ReadError(path, f"{path.name} is empty.")
    delimiter, text = _delimiter(text)
    try:
        raw = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"'))
    except csv.Error as exc:
        raise ReadError(path, f"{path.name} is not a readable CSV file ({exc}).") from exc
    rows = _tidy(raw)
    if not rows:
        raise ReadError(path, f"{path.name} is empty: it holds no data.")
    return Sheet(_csv_sheet_name(path), rows)


def _read_html(path: Path) -> Sheet:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"{path.name} cannot be opened: {exc.strerror or exc}.") from exc
    rows = _tidy(html_rows(_decode(path, data)))
    if not rows:
        raise ReadError(path, f"{path.name} is a web page without a table of data.")
    return Sheet(_csv_sheet_name(path), rows)


def _read_vcf(path: Path) -> Sheet:
    try:
        rows = read_vcards(path)
    except OSError as exc:
        raise ReadError(path, f"{path.name} cannot be opened: {exc.strerror or exc}.") from exc
    except VCardError as exc:
        raise ReadError(path, f"{path.name} is not a readable vCard file: {exc}.") from exc
    return Sheet(_csv_sheet_name(path), rows)


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """One sheet of a file: the named one, or (None) the first one holding any data.

    A named sheet that is empty gives a Sheet without rows; a file without any data, an
    unknown sheet name (the message lists the sheets), an unsupported, damaged or
    password-protected file raise ReadError.
    """
    suffix = _check_path(path)
    if suffix in _ONE_SHEET:
        names = [_csv_sheet_name(path)]
        if sheet is not None and sheet not in names:
            raise _not_found(path, sheet, names)
        if suffix == ".html":
            return _read_html(path)
        return _read_csv(path) if suffix == ".csv" else _read_vcf(path)
    return _read_workbook_sheet(path, suffix, sheet)


def _is_texty(value: object) -> bool:
    """Text that reads as a label, not as a value (number, date, e-mail, phone)."""
    if not isinstance(value, str):
        return False
    shown = cells.text(value)
    if not shown or "@" in shown:
        return False
    if not any(ch.isalpha() for ch in shown):
        return False
    try:
        return cells.date_value(shown) is None
    except cells.CellError:
        return True


def _filled(row: Sequence[object]) -> list[object]:
    return [value for value in row if not cells.is_blank(value)]


def _header_like(row: Sequence[object]) -> bool:
    filled = _filled(row)
    return len(filled) >= 2 and sum(map(_is_texty, filled)) >= 0.6 * len(filled)


def find_header_row(rows: Sequence[Sequence[object]], limit: int = 20) -> int:
    """The index of the header row, skipping title and blank rows above it.

    Among the first `limit` rows, a header row has at least two non-empty cells, mostly text.
    The row where the most cells are known header names wins (at least two of them). Failing
    that, the first such row that is about as wide as the table, and not followed by a wider
    row of text (then it is a subtitle, not the header). 0 when nothing looks like a header.
    """
    window = list(rows[:limit])
    candidates = [i for i, row in enumerate(window) if _header_like(row)]
    if not candidates:
        return next((i for i, row in enumerate(window) if _filled(row)), 0)

    def known(i: int) -> int:
        return sum(
            1 for value in _filled(window[i]) if isinstance(value, str) and suggest_field(value)
        )

    best = max(candidates, key=lambda i: (known(i), -i))
    if known(best) >= 2:
        return best
    table_width = max(len(_filled(row)) for row in window)
    for i in candidates:
        width = len(_filled(window[i]))
        if width < 0.5 * table_width:
            continue
        following = next((j for j in range(i + 1, len(window)) if _filled(window[j])), None)
        if (
            following is not None
            and _header_like(window[following])
            and len(_filled(window[following])) > width
        ):
            continue
        return i
    return candidates[0]
