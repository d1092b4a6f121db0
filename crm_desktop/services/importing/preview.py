"""What the import wizard shows of a file before importing it: its first rows and headers, a
mapping (remembered or suggested), and a preview of its cells read exactly as the import reads
them (`io.rows.read_cell`, the parser's own cell reader): a cell the import rejects is shown
rejected, for the same reason. Plain, immutable data for the window."""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from crm_desktop.io import cells, reading
from crm_desktop.io.mapping import (
    ColumnMapping,
    mapping_from_json,
    mapping_key,
    mapping_to_json,
    suggest_mapping,
)
from crm_desktop.io.reading import Sheet, find_header_row, stream_sheet
from crm_desktop.io.rows import read_cell, shown
from crm_desktop.services.importing.check import HEADER_SEARCH_ROWS, SAMPLE_ROWS


@dataclass(frozen=True, slots=True)
class SheetPreview:
    """What the import wizard shows of a sheet before importing it."""

    sheet: Sheet  # its first rows only: the header, the rows above it, ``rows`` rows below
    header_row: int  # index into sheet.rows
    headers: list[str]
    data_rows: int  # non-blank rows below the header, in the whole sheet


def preview_for_import(
    path: Path, sheet: str | None = None, rows: int = SAMPLE_ROWS
) -> SheetPreview:
    """The header and the first ``rows`` rows below it, and how many rows there are.

    The sheet is read a row at a time, and only these rows are kept: a 100,000-row list is
    not held in memory while the user looks at its first rows (and then imports it)."""
    stream = stream_sheet(path, sheet)
    try:
        rest = stream.rows
        kept = list(islice(rest, HEADER_SEARCH_ROWS))
        header_row = find_header_row(kept) if kept else 0
        kept += islice(rest, max(0, header_row + 1 + rows - len(kept)))
        data_rows = sum(1 for row in kept[header_row + 1 :] if not cells.is_blank_row(row))
        data_rows += sum(1 for row in rest if not cells.is_blank_row(row))
    finally:
        stream.close()
    width = stream.used_width  # as read_sheet trims and pads them
    while kept and cells.is_blank_row(kept[-1]):
        kept.pop()
    head = tuple(tuple(row[:width]) for row in kept) if width else ()
    headers = [cells.text(v) for v in head[header_row]] if head else []
    return SheetPreview(Sheet(stream.name, head), header_row if head else 0, headers, data_rows)


@dataclass(frozen=True, eq=False)  # compared by identity: a re-read file is a new one
class LoadedSheet:
    """A file read for the import wizard: its sheets, the chosen sheet, where its headers are."""

    path: Path
    sheet_names: tuple[str, ...]
    sheet: Sheet  # the rows the pages show: header, the rows above it and some below
    header_row: int  # index into sheet.rows
    headers: tuple[str, ...]
    data_rows: int  # non-blank rows below the headers

    @property
    def body(self) -> tuple[tuple[object, ...], ...]:
        return self.sheet.rows[self.header_row + 1 :]

    def sample(self) -> tuple[tuple[object, ...], ...]:
        """The rows a suggested mapping looks at (the import's own suggestion looks at these)."""
        return self.body[:SAMPLE_ROWS]


def load_sheet(path: Path, sheet: str | None, rows: int = SAMPLE_ROWS) -> LoadedSheet:
    """Read ``sheet`` of ``path`` (None: the first one holding data), keeping the header and
    ``rows`` rows below it (the import reads the file again, a row at a time)."""
    names = tuple(reading.sheet_names(path))
    preview = preview_for_import(path, sheet, max(SAMPLE_ROWS, rows))
    return LoadedSheet(
        path,
        names,
        preview.sheet,
        preview.header_row,
        tuple(preview.headers),
        preview.data_rows,
    )


def _clipped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def column_samples(loaded: LoadedSheet, limit: int = 40) -> tuple[tuple[str, ...], ...]:
    """Each column's different values among the sample rows, as text, in order of appearance."""
    body = [row for row in loaded.sample() if not cells.is_blank_row(row)]
    samples = []
    for index in range(len(loaded.headers)):
        texts = (_clipped(cells.text(row[index]), limit) for row in body if index < len(row))
        samples.append(tuple(dict.fromkeys(text for text in texts if text)))
    return tuple(samples)


@dataclass(frozen=True, slots=True)
class PreviewCell:
    """A cell as the import will take it, or, with a ``problem``, as it is and why the import
    rejects it (the parser's English message)."""

    text: str
    problem: str = ""


@dataclass(frozen=True, slots=True)
class PreviewRow:
    number: int  # as the spreadsheet numbers it
    cells: tuple[PreviewCell, ...]  # one per column of the mapping (a skipped one is empty)


def preview_cell(target: str, value: object, limit: int = 120) -> PreviewCell:
    """One cell read into ``target`` exactly as the import reads it."""
    if target == "skip":
        return PreviewCell("")
    try:
        return PreviewCell(_clipped(shown(read_cell(target, value)), limit))
    except cells.CellError as exc:
        return PreviewCell(_clipped(cells.text(value), limit), str(exc))


def preview_rows(loaded: LoadedSheet, mapping: ColumnMapping, rows: int) -> tuple[PreviewRow, ...]:
    """The first ``rows`` non-blank rows below the headers, read by ``mapping``."""
    start = loaded.header_row + 2  # spreadsheet row of the first row below the headers
    numbered = (
        (start + offset, row)
        for offset, row in enumerate(loaded.body)
        if not cells.is_blank_row(row)
    )
    return tuple(
        PreviewRow(
            number,
            tuple(
                preview_cell(target, row[index] if index < len(row) else None)
                for index, target in enumerate(mapping.columns)
            ),
        )
        for number, row in islice(numbered, rows)
    )


# -- mappings, remembered per set of headers ------------------------------------------------
def suggested_mapping(loaded: LoadedSheet) -> ColumnMapping:
    return suggest_mapping(loaded.headers, loaded.sample())


def mapping_setting_key(headers: tuple[str, ...]) -> str:
    """A key for the mapping of files with these headers (width, case, spaces do not count)."""
    return mapping_key(headers)


def mapping_as_text(mapping: ColumnMapping, headers: tuple[str, ...]) -> str:
    """A mapping as JSON text, to remember it for the next file like this one."""
    return json.dumps(mapping_to_json(mapping, headers), ensure_ascii=False)


def mapping_from_text(text: str, loaded: LoadedSheet) -> ColumnMapping:
    """A remembered mapping for this sheet; ValueError when it is damaged or does not fit."""
    try:
        mapping = mapping_from_json(json.loads(text), loaded.headers, loaded.sample())
    except TypeError as exc:
        raise ValueError(str(exc)) from exc
    if len(mapping.columns) != len(loaded.headers):
        raise ValueError("the remembered mapping has another number of columns")
    return mapping
