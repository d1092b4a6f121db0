"""The check every import test makes: each value in the file is stored (in its field, an extra
value or the notes) or named in a warning, or its row is reported as failed. Nothing vanishes."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from pathlib import Path

from sqlalchemy import text as sql

from crm_desktop.io import cells
from crm_desktop.io.reading import read_sheet
from crm_desktop.io.rows import read_cell, shown
from crm_desktop.services.importing import ImportReport
from crm_desktop.services.workspace import Workspace

_STORED = (
    "SELECT name, title, mobile, phone, email, im, address, city, birthday, notes FROM contacts",
    "SELECT name, industry, region, city, address, website, phone, grade, source, notes"
    " FROM companies",
    "SELECT name FROM users",
    "SELECT name FROM tags",
)


_SEVERAL = re.compile(r"\s*(?::::|[;；])\s*")


def _key(value: str) -> str:
    """Text compared without case, width, spaces or phone punctuation."""
    folded = unicodedata.normalize("NFKC", value).casefold()
    return re.sub(r"[\s\-().+/,，;；:*]", "", folded)


def stored_text(ws: Workspace) -> str:
    """Everything the database holds of contacts, companies, owners and tags, as one text."""
    parts: list[str] = []
    with ws.database.engine.connect() as conn:
        for query in _STORED:
            for row in conn.execute(sql(query)):
                parts.extend(str(v) for v in row if v not in (None, ""))
        parts.extend(str(r[0]) for r in conn.execute(sql("SELECT value FROM contact_values")))
    return _key("\n".join(parts))


def _variants(value: object, target: str) -> list[str]:
    """The ways a cell may be kept: as text, as the import reads it for its field ("A类" as
    the grade A), or (a date) as an ISO date."""
    found = [cells.text(value)]
    with contextlib.suppress(cells.CellError):
        found.append(shown(read_cell(target, value)))
    try:
        day = cells.date_value(value)
    except cells.CellError:
        day = None
    if day is not None:
        found.append(day.isoformat())
    return [_key(v) for v in found if _key(v)]


def lost_values(
    ws: Workspace, report: ImportReport, path: Path | None = None
) -> list[tuple[int, str, str]]:
    """The cells (row, column, value) neither stored, nor warned about, nor in a failed row."""
    sheet = read_sheet(path or Path(report.file), report.sheet)
    stored = stored_text(ws)
    # A failed row is in the errors (and the error workbook); a skipped one is the user's choice.
    failed = {o.row for o in report.outcomes if o.action in ("fail", "skip")}
    warned: dict[int, list[str]] = {}
    for warning in report.warnings:
        warned.setdefault(warning.row, []).append(_key(warning.value))
    lost = []
    width = len(report.headers)
    for index, raw in enumerate(sheet.rows[report.header_row :], start=report.header_row + 1):
        if index in failed or cells.is_blank_row(raw):
            continue
        if index - report.header_row <= 3 and cells.is_hint_row(raw):
            continue  # a template's hints
        for column, value in enumerate(raw[:width]):
            if cells.is_blank(value):
                continue
            target = report.mapping[column]
            # A cell of several values (Google's "a ::: b", "a; b"): each must be kept.
            parts = [p for p in _SEVERAL.split(cells.text(value)) if p] or [value]
            for part in parts:
                variants = _variants(part if len(parts) > 1 else value, target)
                if any(v in stored for v in variants):
                    continue
                if any(v in w for v in variants for w in warned.get(index, [])):
                    continue
                lost.append((index, report.headers[column], cells.text(part)))
    return lost


def assert_nothing_lost(ws: Workspace, report: ImportReport, path: Path | None = None) -> None:
    lost = lost_values(ws, report, path)
    assert not lost, f"values neither stored nor warned about: {lost}"
