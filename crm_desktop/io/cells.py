"""Turn raw spreadsheet cells into clean values for the importer.

Each function takes a cell as `reading.Sheet` holds it (str, int, float, bool, date, datetime,
time, timedelta or None) and returns a clean value, or raises `CellError` with a message a user
can act on. The importer adds the sheet, row and column to that message.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from dateutil import parser as date_parser  # type: ignore[import-untyped, unused-ignore]

from crm_desktop.domain.errors import CrmError

# Characters that survive NFKC but are invisible: copy-paste from web pages and chat apps.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_WHOLE_FLOAT_TEXT = re.compile(r"[+-]?\d+\.0+")
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:\.\d+)?[eE][+-]?\d+")
_ANGLE_ADDRESS = re.compile(r".*<([^<>\s]+@[^<>\s]+)>")
# An extension written the Chinese way: "010-12345678 转 8", "010-12345678分机8".
_CHINESE_EXTENSION = re.compile(r"\s*(?:转|分机|分機)\s*(?=\d)")
# Template hint rows under the header: "必填", "选填", "required", "示例：张三".
_HINTS = frozenset({"必填", "选填", "可选", "非必填", "必填项", "选填项", "required", "optional"})
_EXAMPLE = re.compile(r"^(?:示例|例如|样例|example|e\.g\.)", re.IGNORECASE)

# Excel's 1900 date system: serial 1 is 1900-01-01, and serial 60 is 1900-02-29, a day that never
# was (kept for Lotus 1-2-3 compatibility), so from serial 61 on the epoch is 1899-12-30.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_EPOCH_BEFORE_LEAP_BUG = date(1899, 12, 31)
_SERIAL_MIN = 1
_SERIAL_MAX = 100_000
_YEAR_MIN = 1900
_YEAR_MAX = 2100

_TIME_SUFFIX = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
# 2023-05-06, 2023/5/6, 2023.5.6, 2023年5月6日, optionally followed by a time of day.
_YEAR_FIRST = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?" + _TIME_SUFFIX
)
# 06.05.2023: the dotted form is day first wherever it is used (Germany, Russia, ...).
_DOTTED_DAY_FIRST = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})" + _TIME_SUFFIX)
# 5/6/2023 or 5-6-2023: month first unless the caller says day first.
_YEAR_LAST = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})" + _TIME_SUFFIX)
# 20230506, as many Chinese systems export dates.
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")


def is_blank(value: object) -> bool:
    """An empty cell: nothing, or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def is_blank_row(row: Sequence[object]) -> bool:
    return all(is_blank(value) for value in row)


class CellError(CrmError):
    """A cell holds something that cannot become the value its column asks for."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def _number_text(value: float) -> str:
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    # 15 significant digits is what Excel itself shows; repr would show 0.30000000000000004.
    return f"{value:.15g}"


def text(value: object) -> str:
    """Any cell as clean text.

    NFKC (full-width letters, digits and spaces become ASCII), invisible characters dropped,
    runs of spaces and tabs collapsed to one space, each line stripped; line breaks are kept.
    Whole floats lose their ".0" (a number cell 13800138000.0 or the text "13800138000.0").
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    raw = value if isinstance(value, str) else str(value)
    if raw.isascii():
        normal = raw  # NFKC leaves ASCII as it is, and the invisible characters are not ASCII
    else:
        normal = unicodedata.normalize("NFKC", raw)
        if not normal.isprintable():  # the invisible ones are format characters
            normal = normal.translate(_INVISIBLE)
    if (
        normal.isprintable()  # no line breaks, tabs or spaces other than " "
        and "  " not in normal
        and normal[:1] != " "
        and normal[-1:] != " "
    ):
        # Already clean: most cells. Only a whole float as text remains to be tidied.
        if "." in normal and _WHOLE_FLOAT_TEXT.fullmatch(normal):
            return normal.split(".", 1)[0]
        return normal
    lines = [" ".join(line.split()) for line in normal.replace("\r\n", "\n").split("\n")]
    cleaned = "\n".join(lines).strip("\n")
    if _WHOLE_FLOAT_TEXT.fullmatch(cleaned):
        cleaned = cleaned.split(".", 1)[0]
    return cleaned


def phone(value: object) -> str:
    """A phone number as typed, with what Excel does to numbers undone where that is possible.

    A number cell 13800138000.0 becomes "13800138000". A number Excel has already shown in
    scientific notation and saved as text ("1.38001E+10") lost its digits: that is an error.
    Separators (+, spaces, dashes, parentheses) stay as typed; validity is checked elsewhere.
    """
    if value is None:
        return ""
    if isinstance(value, bool | date | time | timedelta):
        raise CellError(f"{text(value)!r} is not a phone number.")
    if isinstance(value, float) and not value.is_integer():
        raise CellError(f"{text(value)!r} is not a phone number (it has decimals).")
    result = text(value)
    if "转" in result or "分" in result:
        result = _CHINESE_EXTENSION.sub(" ext ", result)
    if _SCIENTIFIC.fullmatch(result):
        raise CellError(
            f"the phone number was stored as a rounded number: {result!r}. Its last digits "
            "are lost; format the column as Text in Excel and type the numbers again."
        )
    return result


def is_hint_row(row: Sequence[object]) -> bool:
    """A template's hint row under its header: every cell says "必填"/"选填"/"required"
    (brackets and a colon aside), or the first one starts "示例"/"example"."""
    present = [text(value) for value in row if not is_blank(value)]
    if not present:
        return False
    if _EXAMPLE.match(present[0]):
        return True
    return all(_hint_word(cell) in _HINTS for cell in present)


def _hint_word(cell: str) -> str:
    return "".join(ch for ch in cell.casefold() if ch.isalnum())


def postal_code(value: object, digits: int = 6) -> str:
    """A postal code with the leading zeros Excel dropped put back (China: 6 digits).

    A number cell 1234 becomes "001234". A text of digits only that is too short gets the same
    repair, because a CSV saved from Excel has already lost the zeros.
    """
    if value is None:
        return ""
    if isinstance(value, bool | date | time | timedelta):
        raise CellError(f"{text(value)!r} is not a postal code.")
    if isinstance(value, float) and not value.is_integer():
        raise CellError(f"{text(value)!r} is not a postal code (it has decimals).")
    result = text(value)
    if result.isascii() and result.isdigit() and len(result) < digits:
        return result.zfill(digits)
    return result


def _checked(year: int, month: int, day: int, shown: str) -> date:
    if not _YEAR_MIN <= year <= _YEAR_MAX:
        raise CellError(f"{shown!r} is not a plausible date (the year must be 1900 to 2100).")
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"{shown!r} is not a date: there is no such day.") from None


def _from_serial(serial: float, shown: str) -> date:
    days = int(serial)
    if days == 60:
        raise CellError(f"{shown!r} is 1900-02-29 in Excel, a day that does not exist.")
    epoch = _EXCEL_EPOCH if days > 60 else _EXCEL_EPOCH_BEFORE_LEAP_BUG
    result = epoch + timedelta(days=days)
    return _checked(result.year, result.month, result.day, shown)


def _from_text(value: str, day_first: bool) -> date:
    if m := _YEAR_FIRST.fullmatch(value):
        return _checked(int(m[1]), int(m[2]), int(m[3]), value)
    if m := _DOTTED_DAY_FIRST.fullmatch(value):
        return _checked(int(m[3]), int(m[2]), int(m[1]), value)
    if m := _YEAR_LAST.fullmatch(value):
        first, second = int(m[1]), int(m[2])
        # 13/5/2023 can only be day first, 5/13/2023 only month first: no need to guess.
        if first > 12 >= second:
            day_first = True
        elif second > 12 >= first:
            day_first = False
        month, day = (second, first) if day_first else (first, second)
        return _checked(int(m[3]), month, day, value)
    if m := _COMPACT.fullmatch(value):
        return _checked(int(m[1]), int(m[2]), int(m[3]), value)
    if value.isdigit() or not any(ch.isdigit() for ch in value):
        raise CellError(f"{value!r} is not a date (write dates like 2023-05-06).")
    # dateutil fills a missing day, month or year from `default`: parsing against two different
    # defaults tells a complete date ("May 6, 2023") from a partial one ("May 2023").
    try:
        one = date_parser.parse(value, dayfirst=day_first, default=datetime(2000, 1, 1))
        two = date_parser.parse(value, dayfirst=day_first, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        raise CellError(f"{value!r} is not a date (write dates like 2023-05-06).") from None
    if not isinstance(one, datetime) or not isinstance(two, datetime) or one.date() != two.date():
        raise CellError(f"{value!r} is not a complete date (write dates like 2023-05-06).")
    return _checked(one.year, one.month, one.day, value)


def date_value(value: object, *, day_first: bool = False) -> date | None:
    """A date from a date cell, an Excel serial number or the usual ways of writing one.

    Text: 2023-05-06, 2023/5/6, 2023.5.6, 2023年5月6日, 20230506, 06.05.2023 (dotted is day
    first), 5/6/2023 (month first unless `day_first`, or when the numbers leave no choice), and
    what python-dateutil understands ("May 6, 2023"). A time of day is dropped. Empty: None.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _checked(value.year, value.month, value.day, text(value))
    if isinstance(value, date):
        return _checked(value.year, value.month, value.day, text(value))
    if isinstance(value, bool | time | timedelta):
        raise CellError(f"{text(value)!r} is not a date.")
    if isinstance(value, int | float):
        shown = text(value)
        if _SERIAL_MIN <= value <= _SERIAL_MAX:
            return _from_serial(value, shown)
        if m := _COMPACT.fullmatch(shown):
            return _checked(int(m[1]), int(m[2]), int(m[3]), shown)
        raise CellError(f"{shown!r} is not a date (write dates like 2023-05-06).")
    cleaned = text(value)
    if not cleaned:
        return None
    return _from_text(cleaned, day_first)


def email(value: object) -> str:
    """An e-mail address: clean text without "mailto:" or a display name, domain lower-cased.

    Whether it is a valid address is checked elsewhere (`domain.validation.check_email`).
    """
    result = text(value)
    if m := _ANGLE_ADDRESS.fullmatch(result):
        result = m[1]
    if result.lower().startswith("mailto:"):
        result = result[len("mailto:") :].strip()
    local, at, domain = result.rpartition("@")
    if not at:
        return result
    return f"{local}@{domain.lower()}"
