"""Importing customer lists from real files; exporting and importing back."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import event

from crm_desktop.cli import main
from crm_desktop.domain.errors import Cancelled, CrmError
from crm_desktop.domain.keys import phone_key
from crm_desktop.domain.records import ContactData, ListFilter, RecordKind
from crm_desktop.io.reading import read_sheet
from crm_desktop.services import contacts as cs
from crm_desktop.services import exporting, importing, maintenance
from crm_desktop.services.workspace import Workspace, open_workspace
from tests.unit.lossless import assert_nothing_lost

HEADERS = ["客户名称", "联系人", "手机", "邮箱", "城市", "生日", "客户等级", "备注", "负责人"]


def xlsx(path: Path, rows: list[list[object]], title: str | None = "2024年客户名单") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.merge_cells("A1:D1")
        sheet.append([])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture(autouse=True, params=["batches", "row by row"])
def batch_rows(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Every test twice: rows a batch at a time as usual, and each row a batch of its own, so
    that later rows meet records written by earlier batches (merges, fills, undo)."""
    if request.param == "row by row":
        monkeypatch.setattr(importing.check, "BATCH_ROWS", 1)
    return importing.check.BATCH_ROWS


def people(ws: Workspace) -> dict[str, ContactData]:
    rows = cs.list_page(ws, RecordKind.CONTACT, ListFilter(), limit=1000).rows
    return {str(r[1]): cs.get_contact(ws, int(r[0])).data for r in rows}  # type: ignore[call-overload]


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    return xlsx(
        tmp_path / "客户.xlsx",
        [
            HEADERS,
            ["杭州西湖茶叶有限公司", "张伟", 13800138000.0, "ZW@Tea.cn", "杭州", "2023年5月6日", "A类", "老客户", "王芳"],
            ["杭州西湖茶叶有限公司 ", "李娜", "139 1234 5678", "lina@tea.cn", "杭州", 45052, "A", None, "王芳"],
            ["上海申通", "王强", "138 待定", "bad@@mail", "上海", "2023-13-45", "D", None, None],
            ["杭州西湖茶叶有限公司", "张伟", "+86 138 0013 8000", None, "杭州", None, None, "第二次来电", None],
            [None] * 9,
            ["北京华为", None, None, None, "北京", None, "B", None, None],
            [None, None, None, None, "上海", None, None, "只有备注", None],
        ],
    )  # fmt: skip


def test_a_messy_sheet_imports_what_is_good_and_says_what_is_not(ws, messy) -> None:
    report = importing.import_file(ws, messy)
    assert report.header_row == 3  # under the title and the blank row
    assert (report.created, report.updated, report.skipped, report.failed) == (4, 0, 1, 1)
    found = people(ws)
    assert set(found) == {"张伟", "李娜", "王强"}
    zhang = found["张伟"]
    assert zhang.mobile == "13800138000"  # not 13800138000.0
    assert zhang.email == "zw@tea.cn"
    assert zhang.birthday == date(2023, 5, 6)  # 2023年5月6日
    assert found["李娜"].birthday == date(2023, 5, 6)  # Excel serial 45052
    # both people at one company, though its name had a stray space in one row
    assert zhang.company_id == found["李娜"].company_id
    company = cs.get_company(ws, zhang.company_id)
    assert company.data.grade is not None and company.data.grade.value == "A"
    assert company.owner_name == "王芳"  # a salesperson new to the database is added
    # a row with only a company makes a company
    names = [r[1] for r in cs.list_page(ws, RecordKind.COMPANY, ListFilter()).rows]
    assert "北京华为" in names and "上海申通" in names
    # A bad value never loses the contact: 王强 is in, without the four values he could not
    # keep; they are in his notes, named by their columns, and each is a warning.
    wang = found["王强"]
    assert (wang.mobile, wang.email, wang.birthday) == ("", "", None)
    for line in ("手机: 138 待定", "邮箱: bad@@mail", "生日: 2023-13-45", "客户等级: D"):
        assert line in wang.notes
    warned = {(w.row, w.column, w.value) for w in report.warnings}
    assert warned == {
        (6, "生日", "2023-13-45"), (6, "客户等级", "D"), (6, "邮箱", "bad@@mail"),
        (6, "手机", "138 待定"),
    }  # fmt: skip
    # only a row that cannot become a record fails: no name, company, e-mail or phone
    assert [(e.row, e.code) for e in report.errors] == [(10, "no_name")]
    skipped = next(o for o in report.outcomes if o.action == "skip")
    assert skipped.row == 7 and "row 4" in skipped.reason  # same phone as an earlier row
    assert_nothing_lost(ws, report)


def test_dry_run_changes_nothing(ws, messy) -> None:
    before = maintenance.check(ws).counts
    report = importing.import_file(ws, messy, options=importing.ImportOptions(dry_run=True))
    assert (report.created, report.failed, len(report.warnings)) == (4, 1, 4)
    assert maintenance.check(ws).counts == before


def test_reimporting_skips_or_updates_never_duplicates(ws, messy) -> None:
    importing.import_file(ws, messy)
    again = importing.import_file(ws, messy)
    assert again.created == 0 and again.skipped == 5
    assert len(people(ws)) == 3
    update = importing.import_file(
        ws, messy, options=importing.ImportOptions(on_duplicate="update")
    )
    assert update.created == 0
    assert len(people(ws)) == 3


def test_update_fills_empty_fields_keeps_the_rest_and_bumps_the_version(ws, tmp_path) -> None:
    anna = cs.create_contact(
        ws,
        ContactData(name="Anna Lee", email="anna@acme.com", title="Buyer", notes="VIP since 2019"),
    )
    path = xlsx(
        tmp_path / "update.xlsx",
        [["Name", "E-mail", "Title", "Mobile", "Notes"],
         ["Anna Lee", "ANNA@acme.com", "", "139 0000 1111", "Met at the fair"]],
        title=None,
    )  # fmt: skip
    report = importing.import_file(ws, path, options=importing.ImportOptions(on_duplicate="update"))
    assert report.updated == 1
    after = cs.get_contact(ws, anna.id)
    assert after.data.title == "Buyer"  # an empty cell never blanks a field
    assert after.data.mobile == "139 0000 1111"  # an empty field is filled
    assert "VIP since 2019" in after.data.notes and "Met at the fair" in after.data.notes
    assert after.stamp.version == anna.stamp.version + 1  # a colleague's open form will notice


def test_overwrite_replaces_values_but_keeps_the_old_phone_in_the_notes(ws, tmp_path) -> None:
    bob = cs.create_contact(
        ws, ContactData(name="Bob Stone", email="bob@stone.io", mobile="13911112222")
    )
    path = xlsx(
        tmp_path / "o.xlsx",
        [["Name", "E-mail", "Mobile"], ["Bob Stone", "bob@stone.io", "13933334444"]],
        title=None,
    )
    options = importing.ImportOptions(on_duplicate="update", overwrite=True)
    importing.import_file(ws, path, options=options)
    after = cs.get_contact(ws, bob.id).data
    assert after.mobile == "13933334444"
    assert "13911112222" in after.notes


def test_create_anyway(ws, messy) -> None:
    importing.import_file(ws, messy)
    options = importing.ImportOptions(on_duplicate="create")
    report = importing.import_file(ws, messy, options=options)
    # 张伟 twice, 李娜 and 王强 again; the company row finds its company
    assert report.created == 4
    assert len(cs.list_page(ws, RecordKind.CONTACT, ListFilter()).rows) == 7


def test_matching_keys_can_be_chosen(ws, tmp_path) -> None:
    cs.create_contact(ws, ContactData(name="王芳", mobile="13800000001"))
    path = xlsx(tmp_path / "k.xlsx", [["姓名", "手机"], ["王芳", "13800000001"]], title=None)
    by_name_only = importing.ImportOptions(match_on=frozenset({"email"}))
    assert importing.import_file(ws, path, options=by_name_only).created == 1
    assert importing.import_file(ws, path).created == 0


def test_export_edit_import_round_trip_by_id(ws, tmp_path) -> None:
    a = cs.create_contact(ws, ContactData(name="张伟", mobile="0571-88886666", email="zw@tea.cn"))
    cs.create_contact(ws, ContactData(name='=HYPERLINK("http://evil")', notes="+1 cmd"))
    out = tmp_path / "export.xlsx"
    result = exporting.export_contacts(ws, out, language="zh_CN")
    assert result.rows == 2
    book = openpyxl.load_workbook(out)
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["编号", "姓名", "公司名称"] and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref is not None
    rows = {r[1].value: r for r in sheet.iter_rows(min_row=2)}
    assert rows["张伟"][4].value == "0571-88886666" and rows["张伟"][4].data_type == "s"
    evil = rows['=HYPERLINK("http://evil")']
    assert evil[1].data_type == "s"  # text, not a formula Excel would run
    # the user edits a title in Excel and imports the sheet back
    rows["张伟"][3].value = "总经理"
    book.save(out)
    report = importing.import_file(ws, out, options=importing.ImportOptions(on_duplicate="update"))
    assert (report.created, report.updated) == (0, 1)
    assert cs.get_contact(ws, a.id).data.title == "总经理"
    assert len(people(ws)) == 2


def test_csv_export_defuses_formulas_and_reads_back(ws, tmp_path) -> None:
    cs.create_contact(ws, ContactData(name="Eve", notes="=1+1", mobile="+86 139 1234 5678"))
    out = tmp_path / "export.csv"
    exporting.export_contacts(ws, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    row = next(r for r in csv.reader(raw.decode("utf-8-sig").splitlines()) if r[1] == "Eve")
    assert row[13] == "'=1+1"
    report = importing.import_file(ws, out, options=importing.ImportOptions(on_duplicate="update"))
    assert report.created == 0
    assert cs.get_contact(ws, int(row[0])).data.notes == "=1+1"


def test_export_of_a_search_only(ws, tmp_path) -> None:
    cs.create_contact(ws, ContactData(name="张伟", city="杭州"))
    cs.create_contact(ws, ContactData(name="Bob", city="Boston"))
    result = exporting.export_contacts(ws, tmp_path / "h.xlsx", ListFilter(search="杭州"))
    assert result.rows == 1


def test_cancel_and_failure_leave_the_database_as_it_was(ws, messy, tmp_path) -> None:
    before = maintenance.check(ws).counts
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 3  # in the middle of writing

    with pytest.raises(Cancelled):
        importing.import_file(ws, messy, cancelled=cancelled)
    assert maintenance.check(ws).counts == before
    out = tmp_path / "x.xlsx"
    with pytest.raises(Cancelled):
        exporting.export_contacts(ws, out, cancelled=lambda: True)
    assert not out.exists()


def test_a_broken_file_is_refused_with_its_name(ws, tmp_path) -> None:
    bad = tmp_path / "客户.xlsx"
    bad.write_bytes(b"this is not a spreadsheet")
    with pytest.raises(CrmError, match=r"客户\.xlsx"):
        importing.import_file(ws, bad)


def test_error_workbook_holds_the_failed_rows_and_why(ws, messy, tmp_path) -> None:
    report = importing.import_file(ws, messy)
    out = tmp_path / "errors.xlsx"
    assert importing.write_error_workbook(report, out) == 1
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "Row" and rows[0][-1] == "Error" and rows[0][1:-1] == tuple(HEADERS)
    assert rows[1][0] == 10 and rows[1][5] == "上海" and rows[1][8] == "只有备注"
    assert "No name" in rows[1][-1]


def test_cli_import_json_and_exit_status(ws, messy, db_path, tmp_path, capsys) -> None:
    errors = tmp_path / "errors.xlsx"
    code = main(["--db", str(db_path), "import", str(messy), "--json", "--errors", str(errors)])
    assert code == 3  # some rows failed, the rest went in
    data = json.loads(capsys.readouterr().out)
    assert {k: data[k] for k in ("created", "updated", "skipped", "failed")} == {
        "created": 4, "updated": 0, "skipped": 1, "failed": 1,
    }  # fmt: skip
    assert {"sheet": "Sheet", "row": 10}.items() <= data["errors"][0].items()
    assert {"sheet": "Sheet", "row": 6, "column": "生日", "value": "2023-13-45"} in [
        {k: w[k] for k in ("sheet", "row", "column", "value")} for w in data["warnings"]
    ]
    assert all(set(w) == {"sheet", "row", "column", "value", "message"} for w in data["warnings"])
    assert errors.exists()
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"columns": {"备注": "skip"}}), encoding="utf-8")
    code = main(["--db", str(db_path), "import", str(messy), "--mapping", str(mapping),
                 "--on-duplicate", "update", "--dry-run", "--json"])  # fmt: skip
    assert code == 3
    assert json.loads(capsys.readouterr().out)["created"] == 0
    assert main(["--db", str(db_path), "export", str(tmp_path / "all.csv"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == 3


def test_an_id_column_that_is_the_sheets_own_numbering_updates_nobody(ws, tmp_path) -> None:
    first = cs.create_contact(ws, ContactData(name="张伟"))
    path = xlsx(tmp_path / "ids.xlsx", [["编号", "姓名"], [first.id, "李娜"]], title=None)
    options = importing.ImportOptions(on_duplicate="update")
    report = importing.import_file(ws, path, options=options)
    # 李娜 is imported as someone new; her number is kept in her notes, with a warning
    assert (report.created, report.failed) == (1, 0)
    [warning] = report.warnings
    assert warning.code == "id_mismatch" and "张伟" in warning.message
    assert cs.get_contact(ws, first.id).data.name == "张伟"
    assert people(ws)["李娜"].notes == f"编号: {first.id}"
    assert_nothing_lost(ws, report)


def test_search_finds_imported_rows_and_later_edits(ws, messy) -> None:
    """The bulk import indexes its rows in one go; the row-by-row index upkeep stays in place."""
    with pytest.raises(Cancelled):
        importing.import_file(ws, messy, cancelled=lambda: True)
    importing.import_file(ws, messy)
    found = cs.list_page(ws, RecordKind.CONTACT, ListFilter(search="lina")).rows
    assert [r[1] for r in found] == ["李娜"]
    assert [r[1] for r in cs.list_page(ws, RecordKind.CONTACT, ListFilter(search="娜")).rows] == [
        "李娜"
    ]
    later = cs.create_contact(ws, ContactData(name="赵敏", mobile="13700001111"))
    assert [
        r[0] for r in cs.list_page(ws, RecordKind.CONTACT, ListFilter(search="zhaomin")).rows
    ] == [later.id]
    assert maintenance.check(ws).integrity == "ok"


def test_an_import_is_in_the_history_and_can_be_undone(ws, colleague, messy, tmp_path) -> None:
    anna = cs.create_contact(ws, ContactData(name="Anna Lee", email="anna@acme.com", title="Buyer"))
    first = importing.import_file(ws, messy)
    path = xlsx(
        tmp_path / "u.xlsx",
        [["Name", "E-mail", "Title", "Mobile", "Tags"],
         ["Anna Lee", "anna@acme.com", "", "139 0000 1111", "VIP"],
         ["New Person", "new@x.com", "CEO", "", ""]],
        title=None,
    )  # fmt: skip
    second = importing.import_file(ws, path, options=importing.ImportOptions(on_duplicate="update"))
    runs = importing.history(ws)
    assert [r.id for r in runs] == [second.import_id, first.import_id]
    assert (runs[0].file, runs[0].created, runs[0].updated, runs[0].user) == (
        "u.xlsx",
        1,
        1,
        "Tester",
    )
    # a colleague works on a contact the first import created: that one must survive its undo
    zhang = next(r for r in cs.list_page(ws, RecordKind.CONTACT, ListFilter(search="张伟")).rows)
    current = cs.get_contact(colleague, int(zhang[0]))  # type: ignore[call-overload]
    cs.update_contact(
        colleague, current.id, current.stamp.version, replace_title(current.data, "老板")
    )

    undone = importing.undo_import(ws, second.import_id)
    assert (undone.removed, undone.restored, undone.kept) == (1, 1, ())
    back = cs.get_contact(ws, anna.id).data
    assert (back.mobile, back.tags, back.title) == ("", (), "Buyer")
    assert "New Person" not in people(ws)
    assert [
        r[1] for r in cs.list_page(ws, RecordKind.CONTACT, ListFilter(search="new@x")).rows
    ] == []

    undone = importing.undo_import(ws, first.import_id)
    # 李娜, 王强 and the companies 北京华为 and 上海申通; not 张伟 nor his company
    assert undone.removed == 2 + 2
    assert any("张伟" in k for k in undone.kept)
    assert set(people(ws)) == {"Anna Lee", "张伟"}
    with pytest.raises(CrmError, match="already undone"):
        importing.undo_import(ws, first.import_id)
    assert importing.history(ws)[0].undone_at is not None


def replace_title(data: ContactData, title: str) -> ContactData:
    from dataclasses import replace

    return replace(data, title=title)


def test_cli_lists_imports_and_undoes_one(ws, messy, db_path, capsys) -> None:
    assert main(["--db", str(db_path), "import", str(messy)]) == 3
    capsys.readouterr()
    assert main(["--db", str(db_path), "imports", "--json"]) == 0
    [run] = json.loads(capsys.readouterr().out)["imports"]
    assert (run["file"], run["created"], run["failed"], run["undone_at"]) == (
        "客户.xlsx",
        4,
        1,
        None,
    )
    assert run["at"][10] == "T"  # ISO 8601
    assert main(["--db", str(db_path), "undo-import", str(run["id"]), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"removed": 6, "restored": 0, "kept": []}
    assert people(ws) == {}
    assert main(["--db", str(db_path), "undo-import", str(run["id"])]) == 1
    assert "already undone" in capsys.readouterr().err


def test_imported_records_read_back_as_a_form_saves_them(ws, tmp_path) -> None:
    """The bulk insert stores dates, times, grades and owners as the ORM does."""
    path = xlsx(
        tmp_path / "one.xlsx",
        [HEADERS, ["重庆火锅有限公司", "王芳", 13800138000.0, "wf@hotpot.cn", "重庆",
                   date(1990, 5, 6), "B", "老客户", "李强"]],
        title=None,
    )  # fmt: skip
    report = importing.import_file(ws, path)
    contact = cs.get_contact(ws, report.outcomes[0].contact_id)
    assert contact.data.birthday == date(1990, 5, 6)
    assert contact.data.mobile == "13800138000"
    assert (contact.company_name, contact.owner_name) == ("重庆火锅有限公司", "李强")
    assert contact.stamp.version == 1 and contact.stamp.created_by == "Tester"
    assert contact.stamp.created_at.utcoffset() is not None  # an aware UTC time
    company = cs.get_company(ws, contact.data.company_id)
    assert (company.data.grade.value, company.owner_name) == ("B", "李强")
    # Sorted and found by pinyin: 重庆 is chong qing, not zhong qing.
    found = cs.list_page(ws, RecordKind.COMPANY, ListFilter(search="chongqing")).rows
    assert [r[0] for r in found] == [company.id]
    assert maintenance.check(ws).integrity == "ok"


def test_a_big_update_loads_the_matched_records_a_batch_at_a_time(
    ws, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(importing.check, "BATCH_ROWS", 2000)  # the queries of batches this size
    rows = [["Name", "E-mail", "City"]]
    rows += [[f"Person {i}", f"p{i}@acme.com", ""] for i in range(3000)]
    first = importing.import_file(ws, xlsx(tmp_path / "a.xlsx", rows, title=None))
    assert first.created == 3000
    rows = [rows[0], *([name, email, "Hangzhou"] for name, email, _ in rows[1:])]
    statements: list[str] = []
    engine = ws.database.engine

    def count(conn, cursor, statement, *args) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        again = importing.import_file(
            ws,
            xlsx(tmp_path / "b.xlsx", rows, title=None),
            options=importing.ImportOptions(on_duplicate="update"),
        )
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert (again.created, again.updated) == (0, 3000)
    assert cs.get_contact(ws, again.outcomes[-1].contact_id).data.city == "Hangzhou"
    assert len(statements) < 50  # was one query per row (3 per 500 records: values, tags, extras)


def test_later_rows_merge_into_a_contact_the_import_creates(ws, tmp_path) -> None:
    path = xlsx(
        tmp_path / "twice.xlsx",
        [["Name", "E-mail", "Title", "Mobile"],
         ["Anna Lee", "anna@acme.com", "", ""],
         ["Bob Chen", "bob@acme.com", "CTO", ""],
         ["Anna Lee", "ANNA@acme.com", "Buyer", "139 0000 1111"]],
        title=None,
    )  # fmt: skip
    report = importing.import_file(ws, path, options=importing.ImportOptions(on_duplicate="update"))
    assert (report.created, report.skipped) == (2, 1)
    assert report.outcomes[2].reason == "merged into row 2 of this file"
    anna = people(ws)["Anna Lee"]
    assert (anna.title, anna.mobile) == ("Buyer", "139 0000 1111")
    # what the import created is its own, merges included: undo removes all of it
    undone = importing.undo_import(ws, report.import_id)
    assert (undone.removed, undone.kept) == (2, ())
    assert people(ws) == {}


def test_later_rows_fill_in_a_company_the_import_creates(ws, tmp_path) -> None:
    path = xlsx(
        tmp_path / "company.xlsx",
        [["Company", "Name", "Industry", "Region"],
         ["Acme Ltd", "Anna Lee", "", ""],
         ["Other Co", "Bob Chen", "Retail", ""],
         ["ACME LTD ", "Carl Wu", "Machinery", "East"],
         ["Acme Ltd", "Dan Ho", "Textiles", ""]],
        title=None,
    )  # fmt: skip
    for on_duplicate in ("skip", "update"):
        ws_report = importing.import_file(
            ws, path, options=importing.ImportOptions(on_duplicate=on_duplicate, dry_run=True)
        )
        assert ws_report.companies_created == 2
    report = importing.import_file(ws, path)
    assert (report.created, report.companies_created) == (4, 2)
    found = people(ws)
    assert len({found[n].company_id for n in ("Anna Lee", "Carl Wu", "Dan Ho")}) == 1
    acme = cs.get_company(ws, found["Anna Lee"].company_id)
    # filled from the later rows, the first value kept; still the import's own creation
    assert (acme.data.industry, acme.data.region, acme.stamp.version) == ("Machinery", "East", 1)


def test_a_sheet_wider_than_its_data_reports_only_its_columns(ws, tmp_path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "E-mail"])
    sheet.append(["Anna Lee", "not an address"])
    sheet.append(["Bob Chen", "bob@acme.com"])
    sheet.append([None, "nor this"])  # nothing left to name a record by: the row fails
    sheet["Z40"] = "  "  # a stray space: the stored sheet is 26 columns by 40 rows
    path = tmp_path / "wide.xlsx"
    book.save(path)
    report = importing.import_file(ws, path)
    assert report.headers == ("Name", "E-mail")
    assert (report.created, report.failed) == (2, 1)
    assert [(w.row, w.column, w.value) for w in report.warnings] == [
        (2, "E-mail", "not an address"), (4, "E-mail", "nor this"),
    ]  # fmt: skip
    assert report.failed_rows == ((4, (None, "nor this")),)
    assert_nothing_lost(ws, report)
    out = tmp_path / "errors.xlsx"
    importing.write_error_workbook(report, out)
    assert [c.value for c in openpyxl.load_workbook(out).active[1]] == [
        "Row", "Name", "E-mail", "Error"
    ]  # fmt: skip


def test_the_preview_keeps_only_the_first_rows_and_counts_them_all(ws, tmp_path) -> None:
    rows = [["Name", "E-mail"], *([f"Person {i}", f"p{i}@acme.com"] for i in range(500))]
    path = xlsx(tmp_path / "long.xlsx", rows)  # under a title and a blank row
    preview = importing.preview_for_import(path, rows=20)
    whole = read_sheet(path)
    assert (preview.header_row, preview.headers) == (2, ["Name", "E-mail"])
    assert preview.data_rows == 500
    assert preview.sheet.name == whole.name
    assert preview.sheet.rows == whole.rows[:23]  # title, blank, header, 20 rows


def test_a_record_two_rows_update_is_undone_whole(ws, tmp_path) -> None:
    anna = cs.create_contact(ws, ContactData(name="Anna Lee", email="anna@acme.com"))
    path = xlsx(
        tmp_path / "twice.xlsx",
        [["Name", "E-mail", "Title", "City"],
         ["Anna Lee", "anna@acme.com", "Buyer", ""],
         ["Bob Chen", "bob@acme.com", "", ""],
         ["Anna Lee", "ANNA@acme.com", "", "Hangzhou"]],
        title=None,
    )  # fmt: skip
    report = importing.import_file(ws, path, options=importing.ImportOptions(on_duplicate="update"))
    assert (report.created, report.updated) == (1, 2)
    now = cs.get_contact(ws, anna.id).data
    assert (now.title, now.city) == ("Buyer", "Hangzhou")
    # however many saves the import made of it, nobody else changed it since: undone
    undone = importing.undo_import(ws, report.import_id)
    assert (undone.removed, undone.restored, undone.kept) == (1, 1, ())
    back = cs.get_contact(ws, anna.id).data
    assert (back.title, back.city) == ("", "")


@pytest.mark.parametrize(
    ("same", "region"),
    [
        (["+86 571 8888 6666", "0086 571 88886666", "0571-8888-6666", "(0571) 88886666",
          "+86 (0)571 8888 6666"], "CN"),
        (["138 0013 8000", "+86 13800138000", "8613800138000", "+86-138-0013-8000"], "CN"),
        (["(212) 555-0134", "+1 212 555 0134", "1-212-555-0134", "001 212 555 0134"], "US"),
        (["020 7946 0958", "+44 20 7946 0958", "0044 20 7946 0958"], "GB"),
    ],
)  # fmt: skip
def test_phones_written_differently_are_one_number(same: list[str], region: str) -> None:
    assert len({phone_key(number, region) for number in same}) == 1


def test_phones_of_different_countries_stay_apart() -> None:
    # 020 is Guangzhou at home, London in Britain; a bare 10 digits is not Chinese
    assert phone_key("020 7946 0958") != phone_key("+44 20 7946 0958")
    assert phone_key("020 7946 0958", "GB") == phone_key("+44 20 7946 0958")
    assert phone_key("020 7946 0958") != phone_key("207-946-0958", "US")
    assert phone_key("12") == ""


def test_an_import_recognises_a_landline_written_another_way(ws, tmp_path) -> None:
    known = cs.create_contact(ws, ContactData(name="Wang Fang", phone="+86 571 8888 6666"))
    path = xlsx(
        tmp_path / "landline.xlsx",
        [["Name", "Phone", "City"], ["王芳", "0571-8888-6666", "Hangzhou"]],
        title=None,
    )
    report = importing.import_file(ws, path, options=importing.ImportOptions(on_duplicate="update"))
    assert (report.created, report.updated) == (0, 1)
    assert report.outcomes[0].reason == f"same phone as #{known.id}"
    assert cs.get_contact(ws, known.id).data.city == "Hangzhou"


def test_a_dry_run_does_not_hold_up_colleagues_on_a_shared_drive(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CRM_DESKTOP_NETWORK_SHARE", "1")  # rollback journal, as on a share
    monkeypatch.setattr(importing.check, "BATCH_ROWS", 2)
    me = open_workspace(tmp_path / "shared.db", "Me")
    colleague = open_workspace(tmp_path / "shared.db", "Colleague")
    try:
        assert me.database.journal_mode() == "delete"
        for i in range(6):
            cs.create_contact(me, ContactData(name=f"P {i}", email=f"p{i}@acme.com"))
        # an update: each batch reads the records it would update
        rows = [["Name", "E-mail", "City"]]
        rows += [[f"P {i}", f"p{i}@acme.com", "杭州"] for i in range(6)]
        path = xlsx(tmp_path / "list.xlsx", rows, title=None)
        saved: list[int] = []

        def progress(done: int, total: int, step: str) -> None:
            # In the middle of the check, a colleague saves: it goes through at once.
            if step == importing.STEP_CHECK and done and not saved:
                saved.append(cs.create_contact(colleague, ContactData(name="Meanwhile")).id)

        options = importing.ImportOptions(on_duplicate="update", dry_run=True)
        report = importing.import_file(me, path, options=options, progress=progress)
        assert saved and report.updated == 6
        assert cs.count(me, RecordKind.CONTACT, ListFilter()) == 7  # theirs too
        assert cs.count(me, RecordKind.CONTACT, ListFilter(search="杭州")) == 0  # a check only
    finally:
        colleague.close()
        me.close()
