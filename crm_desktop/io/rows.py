"""A sheet row read by the column mapping: typed values for a contact and its company, and
the cells that could not be read (which column, what is wrong).

The import reads every row with `RowParser`, and the import wizard's preview reads its cells
with `read_cell`, the function the parser uses for each cell: the preview shows a cell exactly
as the import takes it, or rejects it for the same reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from crm_desktop.io import cells
from crm_desktop.io.mapping import (
    COMPANY_TARGETS,
    CONTACT_TARGETS,
    ColumnMapping,
    is_notes_header,
    join_name,
)

_GRADE = re.compile(r"^\s*([abcABC])\b|^\s*([abcABC])\s*[类级]")
# Between tags: Google's " ::: ", commas, semicolons ("/" is no separator: Outlook's category
# "Imported on 3/4/06" is one tag).
_TAG_SEPARATORS = re.compile(r":::|[,，;；、]")
# Between several phones or e-mails in one cell: Google's " ::: ", semicolons, line breaks.
_VALUE_SEPARATORS = re.compile(r"\s*(?::::|[;；,，、\n])\s*")
# The extra values' kind, and how each of them is read.
_EXTRA = {"other_phones": "phone", "other_emails": "email"}
_TYPED = re.compile(r"(?:phone|email)\d+type")
_MOBILE_TYPES = frozenset({"mobile", "cell", "手机", "移动电话"})


def _normal(header: str) -> str:
    return "".join(ch for ch in header.casefold() if ch.isalnum())


# Fields whose cell may hold several values (Google: "a ::: b"), and the kind of the others.
_SEVERAL = {"mobile": "phone", "phone": "phone", "email": "email"}
# Fields whose values repeat from row to row.
_REPEATED = frozenset({"title", "city", "region", "industry", "grade", "source", "owner", "tags"})


def strip_apostrophe(text: str) -> str:
    """An export defuses formula-like cells with a leading apostrophe: take it off again."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        return text[1:]
    return text


def _text(value: object) -> str:
    return strip_apostrophe(cells.text(value))


def _phone(value: object) -> str:
    return strip_apostrophe(cells.phone(value))


def _email(value: object) -> str:
    return cells.email(value).lower()


# Grades written as words (Chinese lists rarely say A, B, C).
_GRADE_WORDS = {
    **dict.fromkeys(("重点", "重要", "vip", "大客户", "高级", "高", "一级", "核心"), "A"),
    **dict.fromkeys(("普通", "一般", "中级", "中", "二级"), "B"),
    **dict.fromkeys(("小", "小客户", "潜在", "低级", "低", "三级"), "C"),
}


def _grade(value: object) -> str | None:
    text = cells.text(value)
    if not text:
        return None
    key = text.casefold()
    word = _GRADE_WORDS.get(key) or _GRADE_WORDS.get(key.removesuffix("客户"))
    if word is not None:
        return word
    found = _GRADE.match(text)
    if not found:
        raise cells.CellError(f"{text!r} is not a grade: use A, B or C.")
    return (found.group(1) or found.group(2)).upper()


def _record_id(value: object) -> int | None:
    text = cells.text(value).lstrip("'")
    if text and not text.isdigit():
        raise cells.CellError(f"{text!r} is not a record ID (a whole number).")
    return int(text) if text else None


_READERS: dict[str, Callable[[object], object]] = {
    "mobile": _phone,
    "phone": _phone,
    "company_phone": _phone,
    "birthday": cells.date_value,
    "email": _email,
    "grade": _grade,
    "id": _record_id,
}


def read_cell(target: str, value: object) -> object:
    """A cell as the import reads it into ``target``: text, a date, a record id, or None or ""
    for nothing. Raises `cells.CellError` (saying what is wrong) when it cannot be read."""
    return _READERS.get(target, _text)(value)


def shown(value: object) -> str:
    """A value `read_cell` returned, as text (a date as 2023-05-06)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True, slots=True)
class CellProblem:
    """A cell that could not be read: its column (0-based), the field it was for, why, and
    the cell as text (kept, so the value is not lost)."""

    column: int
    field: str
    message: str
    value: str = ""


@dataclass(slots=True)
class ParsedRow:
    """One row's values by the record field they fill (not yet validated)."""

    contact: dict[str, Any] = field(default_factory=dict)
    company: dict[str, Any] = field(default_factory=dict)
    record_id: int | None = None  # our export's ID column
    owner: str = ""  # the salesperson's name
    problems: list[CellProblem] = field(default_factory=list)
    # Second and later phones and e-mails, as ("phone" | "email", value, column), in order.
    extras: list[tuple[str, str, int]] = field(default_factory=list)


class RowParser:
    """Reads the rows of one sheet by its mapping. Values that repeat from row to row
    (cities, grades, owners) are kept once, however many rows hold them."""

    def __init__(self, mapping: ColumnMapping, headers: Sequence[str]) -> None:
        self._columns = tuple(
            (column, target, _READERS.get(target, _text))
            for column, target in enumerate(mapping.columns)
            if target != "skip"
        )
        self._headers = headers
        # A notes column says where its text came from, unless it is the only one and its
        # header says "notes" (备注): "需求: …", "Title: Mr.".
        several = mapping.columns.count("notes") > 1
        self._labelled = {
            column
            for column, target in enumerate(mapping.columns)
            if target == "notes"
            and (several or not is_notes_header(headers[column] if column < len(headers) else ""))
        }
        self._repeated: dict[object, object] = {}
        # Google's "Phone 2 - Value" beside "Phone 2 - Type": the type column of each phone
        # column, to put a number typed "Mobile" into the mobile field.
        types = {_normal(h): i for i, h in enumerate(headers) if _TYPED.fullmatch(_normal(h))}
        self._phone_types = {
            column: types[_normal(headers[column]).replace("value", "type")]
            for column, target in enumerate(mapping.columns)
            if target in ("phone", "other_phones")
            and column < len(headers)
            and _normal(headers[column]).replace("value", "type") in types
        }

        # Thunderbird's birthday in three columns: "Birth Year", "Birth Month", "Birth Day" (the
        # day of the month, though its header reads "birthday"): read as one date.
        named = [_normal(h) for h in headers]
        self._birth: tuple[int, int, int] | None = None
        if {"birthyear", "birthmonth", "birthday"} <= set(named):
            day = named.index("birthday")
            if day < len(mapping.columns) and mapping.columns[day] == "birthday":
                self._birth = (named.index("birthyear"), named.index("birthmonth"), day)

    def _birthday(self, raw: Sequence[object]) -> str | None:
        assert self._birth is not None
        year, month, day = (cells.text(raw[i]) if i < len(raw) else "" for i in self._birth)
        if not day and not month:
            return None
        return f"{year}-{month}-{day}" if year else f"{month}-{day}"

    def _header(self, column: int) -> str:
        return self._headers[column] if column < len(self._headers) else ""

    def parse(self, raw: Sequence[object]) -> ParsedRow:
        row = ParsedRow()
        parts: dict[str, str] = {}
        notes: list[str] = []
        company_notes: list[str] = []
        tags: list[str] = []
        width = len(raw)
        for column, target, read in self._columns:
            if column >= width:
                break
            value = raw[column]
            if self._birth is not None and column == self._birth[2]:
                value = self._birthday(raw)
            if value is None:
                continue
            if column in self._phone_types and "mobile" not in row.contact:
                typed = (
                    raw[self._phone_types[column]] if self._phone_types[column] < width else None
                )
                if _normal(cells.text(typed)).lstrip("*") in _MOBILE_TYPES:
                    target, read = "mobile", _phone
            if target in _SEVERAL and isinstance(value, str) and ":::" in value:
                # Google's several values in one cell: the first fills the field
                value, *rest = (part.strip() for part in value.split(":::"))
                for part in rest:
                    self._extras(row, column, _SEVERAL[target], part)
            try:
                parsed = read(value)
            except cells.CellError as exc:
                row.problems.append(CellProblem(column, target, str(exc), cells.text(value)))
                continue
            if parsed is None or parsed == "":
                continue
            if target in _REPEATED:
                parsed = self._repeated.setdefault(parsed, parsed)
            if target == "id":
                row.record_id = parsed  # type: ignore[assignment]
            elif target in ("first_name", "last_name"):
                parts[target] = str(parsed)
            elif target == "notes":
                # several note columns: each says where it came from
                label = self._header(column)
                notes.append(f"{label}: {parsed}" if column in self._labelled else str(parsed))
            elif target == "company_notes":
                company_notes.append(str(parsed))
            elif target == "tags":
                # Google marks its system groups "* myContacts"
                tags.extend(
                    t.strip().removeprefix("* ")
                    for t in _TAG_SEPARATORS.split(str(parsed))
                    if t.strip() and t.strip() != "*"
                )
            elif target == "owner":
                row.owner = str(parsed)
            elif target in _EXTRA:
                self._extras(row, column, _EXTRA[target], str(parsed))
            else:
                if target in CONTACT_TARGETS:
                    row.contact[CONTACT_TARGETS[target]] = parsed
                if target in COMPANY_TARGETS:
                    row.company[COMPANY_TARGETS[target]] = parsed
        if parts and "name" not in row.contact:
            row.contact["name"] = join_name(parts.get("first_name", ""), parts.get("last_name", ""))
        if notes:
            row.contact["notes"] = "\n".join(notes)
        if company_notes:
            row.company["notes"] = "\n".join(company_notes)
        if tags:
            row.contact["tags"] = tuple(dict.fromkeys(tags))
        if "address" in row.contact and "name" not in row.contact:
            row.company["address"] = row.contact["address"]
        return row

    @staticmethod
    def _extras(row: ParsedRow, column: int, kind: str, text: str) -> None:
        read = _phone if kind == "phone" else _email
        for part in _VALUE_SEPARATORS.split(text):
            if not part:
                continue
            try:
                value = read(part)
            except cells.CellError as exc:
                row.problems.append(CellProblem(column, f"other_{kind}s", str(exc), part))
                continue
            if value:
                row.extras.append((kind, value, column))
