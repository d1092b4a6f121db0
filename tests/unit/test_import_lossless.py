"""Import without loss: a value a record cannot hold never loses the record; it is kept in the
notes and named in a warning. Each test writes its file in the format it is about, imports it
into a real database, and checks that every value is stored or warned about."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from crm_desktop.cli import main
from crm_desktop.domain.records import CompanyData, ContactData, ListFilter, RecordKind
from crm_desktop.services import contacts as cs
from crm_desktop.services import importing
from crm_desktop.services.workspace import Workspace
from tests.unit.lossless import assert_nothing_lost, lost_values


def xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def people(ws: Workspace) -> dict[str, ContactData]:
    rows = cs.list_page(ws, RecordKind.CONTACT, ListFilter(), limit=1000).rows
    return {str(r[1]): cs.get_contact(ws, int(r[0])).data for r in rows}  # type: ignore[call-overload]


def companies(ws: Workspace) -> dict[str, CompanyData]:
    rows = cs.list_page(ws, RecordKind.COMPANY, ListFilter(), limit=1000).rows
    return {str(r[1]): cs.get_company(ws, int(r[0])).data for r in rows}  # type: ignore[call-overload]


def test_a_bad_field_never_loses_the_contact(ws: Workspace, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "list.xlsx",
        [
            ["Name", "Mobile", "Phone", "E-mail", "Birthday", "Title"],
            ["Anna Lee", "Handy", "+1 415 555 0134", "anna@acme.com", "not a date", "Buyer"],
            ["Bob Chen", "1", "138 0013 8000(南)", "bob@@acme", "1980-02-30", None],
        ],
    )
    report = importing.import_file(ws, path)
    assert (report.created, report.failed) == (2, 0)
    found = people(ws)
    anna, bob = found["Anna Lee"], found["Bob Chen"]
    assert (anna.mobile, anna.phone, anna.email, anna.title) == (
        "", "+1 415 555 0134", "anna@acme.com", "Buyer",
    )  # fmt: skip
    assert anna.notes == "Birthday: not a date\nMobile: Handy"
    assert (bob.mobile, bob.phone, bob.email, bob.birthday) == ("", "", "", None)
    assert set(bob.notes.split("\n")) == {
        "Birthday: 1980-02-30", "Mobile: 1", "Phone: 138 0013 8000(南)", "E-mail: bob@@acme",
    }  # fmt: skip
    warned = {(w.row, w.column, w.value) for w in report.warnings}
    assert warned == {
        (2, "Birthday", "not a date"), (2, "Mobile", "Handy"),
        (3, "Birthday", "1980-02-30"), (3, "Mobile", "1"),
        (3, "Phone", "138 0013 8000(南)"), (3, "E-mail", "bob@@acme"),
    }  # fmt: skip
    assert all(w.sheet == "Sheet" and w.message for w in report.warnings)
    assert_nothing_lost(ws, report)


def test_a_row_with_only_an_email_or_a_phone_is_named_after_it(
    ws: Workspace, tmp_path: Path
) -> None:
    path = xlsx(
        tmp_path / "list.xlsx",
        [
            ["Name", "E-mail", "Mobile", "City"],
            [None, "Info@Acme.com", None, "Hangzhou"],
            [None, None, "13800138000", None],
            [None, "bad@@mail", None, "Shanghai"],  # nothing left to name it by: it fails
        ],
    )
    report = importing.import_file(ws, path)
    assert (report.created, report.failed) == (2, 1)
    found = people(ws)
    assert found["info@acme.com"].email == "info@acme.com"
    assert found["info@acme.com"].city == "Hangzhou"
    assert found["13800138000"].mobile == "13800138000"
    [error] = report.errors
    assert (error.row, error.code) == (4, "no_name")
    assert_nothing_lost(ws, report)


def test_a_company_row_keeps_what_it_says_of_a_person(ws: Workspace, tmp_path: Path) -> None:
    """A list of customers without a contact column: the mobile is not dropped."""
    path = xlsx(
        tmp_path / "客户.xlsx",
        [
            ["客户名称", "手机", "邮箱", "职位", "备注"],
            ["杭州西湖茶叶有限公司", "13800138000", "sales@tea.cn", "采购", "老客户"],
        ],
    )
    report = importing.import_file(ws, path)
    assert (report.created, report.failed, report.warnings) == (1, 0, ())
    tea = companies(ws)["杭州西湖茶叶有限公司"]
    assert tea.phone == "13800138000"
    assert set(tea.notes.split("\n")) == {"老客户", "邮箱: sales@tea.cn", "职位: 采购"}
    assert_nothing_lost(ws, report)


def test_cli_json_lists_the_warnings(ws: Workspace, db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = xlsx(tmp_path / "list.xlsx", [["Name", "Mobile"], ["Anna Lee", "Handy"]])
    ws.close()
    assert main(["--db", str(db_path), "import", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {k: data[k] for k in ("created", "updated", "skipped", "failed", "errors")} == {
        "created": 1, "updated": 0, "skipped": 0, "failed": 0, "errors": [],
    }  # fmt: skip
    [warning] = data["warnings"]
    assert {k: warning[k] for k in ("sheet", "row", "column", "value")} == {
        "sheet": "Sheet", "row": 2, "column": "Mobile", "value": "Handy",
    }  # fmt: skip
    assert warning["message"]
    assert main(["--db", str(db_path), "import", str(path), "--dry-run"]) == 0
    assert "1 warnings" in capsys.readouterr().out


@pytest.mark.parametrize("on_duplicate", ["skip", "update"])
def test_a_dry_run_warns_as_the_import_does(
    ws: Workspace, tmp_path: Path, on_duplicate: str
) -> None:
    path = xlsx(tmp_path / "list.xlsx", [["Name", "E-mail"], ["Anna Lee", "anna@@x"]])
    options = importing.ImportOptions(dry_run=True, on_duplicate=on_duplicate)
    dry = importing.import_file(ws, path, options=options)
    real = importing.import_file(ws, path)
    assert dry.warnings == real.warnings and len(real.warnings) == 1


# -- extra phones and e-mails ----------------------------------------------------------------
def test_second_and_later_phones_and_emails_are_kept_on_the_record(
    ws: Workspace, tmp_path: Path
) -> None:
    path = xlsx(
        tmp_path / "list.xlsx",
        [
            ["Name", "Mobile", "Phone 2 - Value", "其他电话", "E-mail", "Other e-mails"],
            ["Anna Lee", "13800138000", "0571-8888 6666 ::: +1 415 555 0134", "13900139000",
             "anna@acme.com", "Anna@Home.org; anna@acme.com"],
            ["Bob Chen", None, "0571 8888 7777", "bad phone", None, "bob@x.org ::: bob@y.org"],
        ],
    )  # fmt: skip
    report = importing.import_file(ws, path)
    assert (report.created, report.failed) == (2, 0)
    anna, bob = people(ws)["Anna Lee"], people(ws)["Bob Chen"]
    ids = {o.row: o.contact_id for o in report.outcomes}
    assert ids[2] is not None and ids[3] is not None
    assert (anna.mobile, anna.email) == ("13800138000", "anna@acme.com")
    assert cs.extra_values(ws, ids[2]) == (
        ("phone", "0571-8888 6666"), ("phone", "+1 415 555 0134"), ("phone", "13900139000"),
        ("email", "anna@home.org"),
    )  # fmt: skip
    # Bob has no phone or e-mail field filled: the first extra of each kind fills it
    assert (bob.phone, bob.email) == ("0571 8888 7777", "bob@x.org")
    assert cs.extra_values(ws, ids[3]) == (("email", "bob@y.org"),)
    assert [(w.row, w.column, w.value) for w in report.warnings] == [(3, "其他电话", "bad phone")]
    assert "其他电话: bad phone" in bob.notes
    assert_nothing_lost(ws, report)

    # an extra value recognises the person on the next import
    again = xlsx(tmp_path / "again.xlsx", [["Name", "Phone"], ["A. Lee", "+1 (415) 555-0134"]])
    second = importing.import_file(ws, again)
    assert (second.created, second.skipped) == (0, 1)


def test_the_same_person_twice_keeps_both_numbers(ws: Workspace, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "dups.xlsx",
        [
            ["Name", "E-mail", "Mobile"],
            ["Anna Lee", "anna@acme.com", "13800138000"],
            ["Anna Lee", "anna@acme.com", "13900139000"],
        ],
    )
    report = importing.import_file(ws, path, options=importing.ImportOptions(on_duplicate="update"))
    assert (report.created, report.updated) == (1, 0)
    contact_id = report.outcomes[0].contact_id
    assert contact_id is not None
    assert cs.extra_values(ws, contact_id) == (("phone", "13900139000"),)
    assert_nothing_lost(ws, report)

    # an existing record updated with a new number: it is counted, and undo takes it back
    later = xlsx(tmp_path / "later.xlsx", [["E-mail", "Mobile"], ["anna@acme.com", "13700137000"]])
    update = importing.import_file(
        ws, later, options=importing.ImportOptions(on_duplicate="update")
    )
    assert (update.created, update.updated) == (0, 1)
    assert cs.extra_values(ws, contact_id)[-1] == ("phone", "13700137000")
    same = importing.import_file(ws, later, options=importing.ImportOptions(on_duplicate="update"))
    assert (same.updated, same.skipped) == (0, 1)  # nothing new: not counted as updated
    assert update.import_id is not None
    importing.undo_import(ws, update.import_id)
    assert cs.extra_values(ws, contact_id) == (("phone", "13900139000"),)


def test_extra_values_are_exported_and_read_back(ws: Workspace, tmp_path: Path) -> None:
    from crm_desktop.services import exporting

    path = xlsx(
        tmp_path / "list.xlsx",
        [
            ["Name", "Mobile", "Other phones"],
            ["Anna Lee", "13800138000", "13900139000; 13700137000"],
        ],
    )
    importing.import_file(ws, path)
    out = tmp_path / "export.xlsx"
    exporting.export_contacts(ws, out)
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][-2:] == ("Other phones", "Other e-mails")
    assert rows[1][-2:] == ("13900139000; 13700137000", None)
    back = importing.import_file(ws, out, options=importing.ImportOptions(dry_run=True))
    assert back.mapping[-2:] == ("other_phones", "other_emails")
    assert (back.created, back.skipped, back.failed) == (0, 1, 0)


# -- known formats and messy headers ---------------------------------------------------------
def csv_file(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


OUTLOOK = [
    "Title", "First Name", "Last Name", "Company", "Department", "Job Title", "Business Phone",
    "Business Phone 2", "Home Phone", "Mobile Phone", "Other Phone", "E-mail Address",
    "E-mail 2 Address", "Categories", "Notes",
]  # fmt: skip


def test_outlook_csv_keeps_a_number_only_in_other_phone(ws: Workspace, tmp_path: Path) -> None:
    row = dict.fromkeys(OUTLOOK, "")
    row.update({"Title": "Mr.", "First Name": "Wei", "Last Name": "Zhang", "Company": "Acme",
                "Department": "Sales", "Other Phone": "+86 571 8888 6666",
                "Home Phone": "0571-8888 7777", "E-mail 2 Address": "wei@home.cn",
                "Categories": "Imported on 3/4/06;VIP"})  # fmt: skip
    path = csv_file(tmp_path / "outlook.csv", [OUTLOOK, [row[h] for h in OUTLOOK]])
    report = importing.import_file(ws, path)
    assert (report.created, report.failed, report.warnings) == (1, 0, ())
    wei = people(ws)["Wei Zhang"]
    contact_id = report.outcomes[0].contact_id
    assert contact_id is not None
    # the empty Business Phone does not take the number: the first phone that holds data does
    assert (wei.phone, wei.email) == ("0571-8888 7777", "wei@home.cn")
    assert cs.extra_values(ws, contact_id) == (("phone", "+86 571 8888 6666"),)
    assert set(wei.tags) == {"Imported on 3/4/06", "VIP"}  # split on ";" only
    assert set(wei.notes.split("\n")) == {"Title: Mr.", "Department: Sales"}
    assert_nothing_lost(ws, report)


def test_a_chinese_template_with_a_hint_row(ws: Workspace, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "模板.xlsx",
        [
            ["名称", "联系人", "类型", "区域", "总机", "手机", "分机", "部门", "微信号", "需求",
             "客户等级"],
            ["必填", "必填", "选填", "选填", "选填", "必填", "选填", "(选填)", "选填", "选填", "选填"],
            ["西湖茶叶", "张伟", "零售", "华东", "0571-8888 0000", "138 0013 8000", "8",
             "采购部", "zw_tea", "年底要报价", "重点"],
            ["申通物流", "王强", None, None, "010-12345678 转 8", None, None, None, None, None,
             "普通客户"],
            ["示例：某某公司", "李四", None, None, None, None, None, None, None, None, None],
        ],
    )  # fmt: skip
    report = importing.import_file(ws, path)
    # the hint row under the header is no contact; the example row neither (it is row 5)
    assert (report.created, report.failed, report.warnings) == (3, 0, ())
    assert set(people(ws)) == {"张伟", "王强", "李四"}
    zhang = people(ws)["张伟"]
    assert (zhang.mobile, zhang.im) == ("138 0013 8000", "zw_tea")
    assert set(zhang.notes.split("\n")) == {"分机: 8", "部门: 采购部", "需求: 年底要报价"}
    tea, shentong = companies(ws)["西湖茶叶"], companies(ws)["申通物流"]
    assert (tea.industry, tea.region, tea.phone) == ("零售", "华东", "0571-8888 0000")
    assert tea.grade is not None and tea.grade.value == "A"  # 重点
    assert shentong.grade is not None and shentong.grade.value == "B"  # 普通客户
    assert shentong.phone == "010-12345678 ext 8"  # 转: an extension, kept
    assert_nothing_lost(ws, report)


@pytest.mark.parametrize(
    ("text", "grade"),
    [("VIP", "A"), ("大客户", "A"), ("重要", "A"), ("高级", "A"), ("一般", "B"), ("中级", "B"),
     ("小", "C"), ("潜在", "C"), ("低级", "C"), ("b类", "B")],
)  # fmt: skip
def test_grades_written_as_words(text: str, grade: str) -> None:
    from crm_desktop.io.rows import read_cell

    assert read_cell("grade", text) == grade


def test_duplicate_headers_are_each_kept(ws: Workspace, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "dups.xlsx",
        [
            ["Name", "Email", "Email", "Name", "Phone", "Phone"],
            ["Anna Lee", "anna@acme.com", "anna@home.org", "Lee, Anna", "0571 8888 6666",
             "0571-8888-6666 x 12"],
        ],
    )  # fmt: skip
    report = importing.import_file(ws, path)
    assert report.mapping == ("name", "email", "other_emails", "notes", "phone", "other_phones")
    contact_id = report.outcomes[0].contact_id
    assert contact_id is not None
    anna = people(ws)["Anna Lee"]
    assert anna.notes == "Name: Lee, Anna"
    assert cs.extra_values(ws, contact_id) == (
        ("email", "anna@home.org"), ("phone", "0571-8888-6666 x 12"),
    )  # fmt: skip
    assert_nothing_lost(ws, report)


def test_google_csv_with_six_phones_and_groups(ws: Workspace, tmp_path: Path) -> None:
    headers = ["Name", "Given Name", "Family Name", "Group Membership",
               "E-mail 1 - Type", "E-mail 1 - Value", "E-mail 2 - Type", "E-mail 2 - Value",
               "Phone 1 - Type", "Phone 1 - Value", "Phone 2 - Type", "Phone 2 - Value",
               "Phone 3 - Type", "Phone 3 - Value"]  # fmt: skip
    row = ["Anna Lee", "Anna", "Lee", "* myContacts ::: Friends ::: Work",
           "* Home", "anna@home.org ::: anna@old.org", "Work", "anna@acme.com",
           "Mobile", "+86 138 0013 8000 ::: +86 139 0013 9000", "Work", "0571 8888 6666",
           "Home", "0571 8888 7777 ::: 0571 8888 5555"]  # fmt: skip
    path = csv_file(tmp_path / "google.csv", [headers, row])
    report = importing.import_file(ws, path)
    assert (report.created, report.failed, report.warnings) == (1, 0, ())
    contact_id = report.outcomes[0].contact_id
    assert contact_id is not None
    anna = people(ws)["Anna Lee"]
    # Phone 1 is typed "Mobile": the mobile field
    assert (anna.mobile, anna.phone, anna.email) == ("+86 138 0013 8000", "", "anna@home.org")
    assert set(anna.tags) == {"myContacts", "Friends", "Work"}
    assert cs.extra_values(ws, contact_id) == (  # in column order
        ("email", "anna@old.org"), ("email", "anna@acme.com"),
        ("phone", "+86 139 0013 9000"), ("phone", "0571 8888 6666"), ("phone", "0571 8888 7777"),
        ("phone", "0571 8888 5555"),
    )  # fmt: skip
    # The "… - Type" columns label the values beside them (Mobile routes a number to the
    # mobile field); they are no values of their own.
    lost = lost_values(ws, report)
    assert {column for _row, column, _value in lost} <= {"E-mail 1 - Type", "Phone 1 - Type"}


THUNDERBIRD_ZH = ["名字", "姓氏", "显示名称", "昵称", "主要电子邮件", "次要电子邮件", "工作电话",
                  "家庭电话", "移动电话号码", "单位", "部门", "职务", "网页 1", "Birth Year",
                  "Birth Month", "Birth Day", "备注"]  # fmt: skip


def test_thunderbird_in_chinese_and_gbk(ws: Workspace, tmp_path: Path) -> None:
    rows = [
        THUNDERBIRD_ZH,
        ["伟", "张", "张伟", "老张", "zw@tea.cn", "zhangwei@163.com", "0571-8888 6666",
         "0571-8888 7777", "13800138000", "西湖茶叶", "采购部", "经理", "http://tea.cn",
         "1980", "5", "6", "老客户"],
        ["娜", "李", "李娜", "", "lina@tea.cn", "", "", "", "", "西湖茶叶", "", "", "", "", "12",
         "24", ""],
    ]  # fmt: skip
    path = csv_file(tmp_path / "通讯录.csv", rows, encoding="gbk")
    report = importing.import_file(ws, path)
    assert (report.created, report.failed) == (2, 0)
    zhang, li = people(ws)["张伟"], people(ws)["李娜"]
    assert (zhang.email, zhang.mobile, zhang.phone, zhang.title) == (
        "zw@tea.cn", "13800138000", "0571-8888 6666", "经理",
    )  # fmt: skip
    assert zhang.birthday is not None and zhang.birthday.isoformat() == "1980-05-06"
    assert set(zhang.notes.split("\n")) == {"备注: 老客户", "昵称: 老张", "部门: 采购部"}
    zhang_id = next(o.contact_id for o in report.outcomes if o.row == 2)
    assert zhang_id is not None
    assert cs.extra_values(ws, zhang_id) == (
        ("email", "zhangwei@163.com"), ("phone", "0571-8888 7777"),
    )  # fmt: skip
    # a birthday without a year cannot be stored: it is kept in the notes, with a warning
    assert li.birthday is None and "Birth Day: 12-24" in li.notes
    assert [(w.row, w.column, w.value) for w in report.warnings] == [(3, "Birth Day", "12-24")]
    assert companies(ws)["西湖茶叶"].website == "http://tea.cn"
    assert_nothing_lost(ws, report)


def test_a_foreign_id_column_goes_to_the_notes(ws: Workspace, tmp_path: Path) -> None:
    """Only our own export's ID names our records; another system's number is kept as text."""
    path = xlsx(
        tmp_path / "erp.xlsx",
        [
            ["ID", "Customer ID", "Name"],
            [90417, "C-0042", "Anna Lee"],  # no record 90417 here: the number is kept
            ["7f3a9c", "C-0043", "Bob Chen"],  # hex: no record ID at all
        ],
    )
    report = importing.import_file(ws, path)
    assert (report.created, report.failed) == (2, 0)
    anna, bob = people(ws)["Anna Lee"], people(ws)["Bob Chen"]
    assert set(anna.notes.split("\n")) == {"Customer ID: C-0042", "ID: 90417"}
    assert set(bob.notes.split("\n")) == {"Customer ID: C-0043", "ID: 7f3a9c"}
    assert [(w.row, w.column, w.value) for w in report.warnings] == [(3, "ID", "7f3a9c")]
    assert_nothing_lost(ws, report)


# -- reading by content ----------------------------------------------------------------------
def test_a_tab_separated_export_named_xls(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "客户导出.xls"
    text = (
        "客户名称\t联系人\t手机\r\n西湖茶叶\t张伟\t13800138000\r\n申通物流\t王强\t13700137000\r\n"
    )
    path.write_bytes(text.encode("gbk"))
    report = importing.import_file(ws, path)
    assert (report.created, report.failed) == (2, 0)
    assert people(ws)["张伟"].mobile == "13800138000"
    assert_nothing_lost(ws, report)


def test_an_html_table_named_xls(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    page = (
        '<html><head><meta charset="utf-8"></head><body><table border="1">'
        "<tr><th>姓名</th><th>邮箱</th><th>备注</th></tr>"
        "<tr><td>张伟</td><td>zw@tea.cn</td><td>老客户<br>常来</td></tr>"
        "<tr><td>李娜 &amp; 王芳</td><td>lina@tea.cn</td><td></td></tr>"
        "</table></body></html>"
    )
    path.write_text(page, encoding="utf-8")
    report = importing.import_file(ws, path)
    assert (report.created, report.failed) == (2, 0)
    assert people(ws)["张伟"].notes == "老客户\n常来"
    assert people(ws)["李娜 & 王芳"].email == "lina@tea.cn"
    assert_nothing_lost(ws, report)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_csv_with_or_without_a_bom(ws: Workspace, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("Name,E-mail\r\n张伟,zw@tea.cn\r\n".encode(encoding))
    report = importing.import_file(ws, path)
    assert (report.created, report.failed) == (1, 0)
    assert people(ws)["张伟"].email == "zw@tea.cn"


def test_a_binary_file_with_a_workbook_name_is_still_refused(ws: Workspace, tmp_path: Path) -> None:
    from crm_desktop.domain.errors import CrmError

    path = tmp_path / "客户.xls"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(CrmError, match=r"客户\.xls"):
        importing.import_file(ws, path)
