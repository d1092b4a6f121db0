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
from tests.unit.lossless import assert_nothing_lost


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
