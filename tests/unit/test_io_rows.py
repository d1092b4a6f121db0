"""One row parser for the import and the wizard's preview: what the import rejects, the
preview shows rejected, for the same reason; what it imports, the preview shows as imported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from crm_desktop.io import cells
from crm_desktop.io.mapping import FIELDS, ColumnMapping
from crm_desktop.io.rows import CellProblem, RowParser, read_cell, shown
from crm_desktop.services import contacts as cs
from crm_desktop.services import importing
from crm_desktop.services.workspace import Workspace

HEADERS = ["公司", "联系人", "等级", "ID", "职位", "手机", "生日"]
MAPPING = ColumnMapping(("company", "name", "grade", "id", "title", "mobile", "birthday"))


def test_a_row_becomes_typed_values_and_cell_problems() -> None:
    parser = RowParser(MAPPING, HEADERS)
    row = parser.parse(["甲公司", "张伟", "Z", "abc", "'=1+1", 13800138000.0, 45000])
    assert row.problems == [
        CellProblem(2, "grade", "'Z' is not a grade: use A, B or C.", "Z"),
        CellProblem(3, "id", "'abc' is not a record ID (a whole number).", "abc"),
    ]
    assert row.contact == {
        "name": "张伟",
        "title": "=1+1",  # the apostrophe an export put before a formula-like text is gone
        "mobile": "13800138000",
        "birthday": date(2023, 3, 15),
    }
    assert row.company == {"name": "甲公司"}
    assert row.record_id is None

    good = parser.parse(["乙公司", "李娜", "b类", "'42", "经理", None, None])
    assert good.problems == []
    assert good.company == {"name": "乙公司", "grade": "B"}
    assert good.record_id == 42


@pytest.mark.parametrize(
    ("target", "value", "expected"),
    [
        ("grade", "a", "A"),
        ("id", "'7", 7),
        ("title", "'=1+1", "=1+1"),
        ("title", "'plain", "'plain"),  # only formula-like texts had an apostrophe put before
        ("email", "ZW@Tea.CN", "zw@tea.cn"),
        ("mobile", "'+8613800138000", "+8613800138000"),
    ],
)
def test_read_cell(target: str, value: object, expected: object) -> None:
    assert read_cell(target, value) == expected


@pytest.mark.parametrize(("target", "value"), [("grade", "Z"), ("id", "abc"), ("birthday", "x")])
def test_read_cell_rejects(target: str, value: object) -> None:
    with pytest.raises(cells.CellError):
        read_cell(target, value)


def test_shown() -> None:
    assert shown(None) == "" and shown(date(2023, 5, 6)) == "2023-05-06" and shown(7) == "7"


def test_the_one_list_of_targets() -> None:
    assert FIELDS[0] == "skip" and FIELDS[-1] == "id"
    assert set(FIELDS) >= importing.NAME_TARGETS
    assert set(FIELDS) >= importing.REPEATABLE


def test_the_preview_shows_each_cell_as_the_import_takes_it(tmp_path: Path, ws: Workspace) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(["甲公司", "张伟", "Z", "abc", "'=1+1", "13800138000", "2023-05-06"])
    sheet.append(["乙公司", "李娜", "b", None, "'=1+1", "13900139000", None])
    path = tmp_path / "list.xlsx"
    book.save(path)

    loaded = importing.load_sheet(path, None)
    preview = importing.preview_rows(loaded, MAPPING, 20)
    assert [row.number for row in preview] == [2, 3]
    first, second = preview
    assert [cell.text for cell in first.cells] == [
        "甲公司", "张伟", "Z", "abc", "=1+1", "13800138000", "2023-05-06",
    ]  # fmt: skip
    rejected = {
        (row.number, HEADERS[i], cell.problem)
        for row in preview
        for i, cell in enumerate(row.cells)
        if cell.problem
    }
    assert rejected == {
        (2, "等级", "'Z' is not a grade: use A, B or C."),
        (2, "ID", "'abc' is not a record ID (a whole number)."),
    }
    assert second.cells[2].text == "B" and second.cells[4].text == "=1+1"

    report = importing.import_file(ws, path, MAPPING)
    # the cells the preview rejects are the ones the import keeps in notes, with a warning
    cell_warnings = {(w.row, w.column, w.message) for w in report.warnings if w.code == "cell"}
    assert cell_warnings == rejected
    assert [o.action for o in report.outcomes] == ["create", "create"]
    zhang = report.outcomes[0].contact_id
    assert zhang is not None
    assert cs.get_contact(ws, zhang).data.notes == "等级: Z\nID: abc"
    created = report.outcomes[1].contact_id
    assert created is not None
    assert cs.get_contact(ws, created).data.title == second.cells[4].text == "=1+1"
