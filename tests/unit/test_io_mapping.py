"""Column suggestions for customer lists, and mappings remembered or given as JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from crm_desktop.io import mapping
from crm_desktop.io.mapping import (
    FIELDS,
    ColumnMapping,
    join_name,
    mapping_from_json,
    mapping_key,
    mapping_to_json,
    suggest_field,
    suggest_from_values,
    suggest_mapping,
)
from crm_desktop.io.reading import find_header_row, read_sheet

SYNONYMS = {
    "company": [
        "公司名称",
        "客户名称",
        "单位",
        "公司",
        "企业名称",
        "Company",
        "Company Name",
        "Organization",
        "Account",
    ],
    "name": ["联系人", "姓名", "客户姓名", "Name", "Full Name", "Contact", "Contact Name"],
    "mobile": ["手机", "手机号", "手机号码", "移动电话", "Mobile", "Cell", "Mobile Phone"],
    "phone": [
        "电话",
        "座机",
        "固定电话",
        "办公电话",
        "Phone",
        "Tel",
        "Telephone",
        "Work Phone",
        "Business Phone",
    ],
    "email": ["邮箱", "电子邮件", "电子邮箱", "E-mail", "Email", "Mail", "E-mail Address"],
    "address": ["地址", "详细地址", "Address", "Street"],
    "city": ["城市", "所在城市", "City"],
    "region": ["省份", "地区", "省", "区域", "Region", "State", "Province"],
    "industry": ["行业", "所属行业", "Industry"],
    "grade": ["客户等级", "等级", "级别", "Grade", "Rating", "Class"],
    "notes": ["备注", "说明", "Notes", "Note", "Remarks", "Comments"],
    "source": ["来源", "客户来源", "Source", "Lead Source"],
    "owner": ["负责人", "业务员", "销售", "Owner", "Sales Rep", "Account Owner"],
    "title": ["职位", "职务", "Title", "Job Title", "Position"],
    "im": ["微信", "微信号", "WeChat", "QQ", "IM"],
    "birthday": ["生日", "出生日期", "Birthday", "Date of Birth"],
    "tags": ["标签", "Tags", "Categories"],
    "website": ["网址", "网站", "主页", "Website", "Web Page", "URL"],
    "id": ["ID", "编号"],
    "first_name": ["名", "First Name", "Given Name"],
    "last_name": ["姓", "Last Name", "Family Name"],
}

OUTLOOK = [
    "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department",
    "Job Title", "Business Street", "Business City", "Business State", "Business Postal Code",
    "Business Phone", "Business Phone 2", "Mobile Phone", "Home Phone", "E-mail Address",
    "E-mail 2 Address", "Notes", "Categories", "Birthday", "Web Page",
]  # fmt: skip
GOOGLE_OLD = [
    "Name", "Given Name", "Additional Name", "Family Name", "Birthday", "Notes",
    "Group Membership", "E-mail 1 - Type", "E-mail 1 - Value", "Phone 1 - Type",
    "Phone 1 - Value", "Phone 2 - Type", "Phone 2 - Value", "Organization 1 - Name",
    "Organization 1 - Title",
]  # fmt: skip
GOOGLE_NEW = [
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Nickname", "File As",
    "E-mail 1 - Label", "E-mail 1 - Value", "Phone 1 - Label", "Phone 1 - Value",
    "Organization Name", "Organization Title", "Organization Department", "Birthday", "Notes",
    "Labels",
]  # fmt: skip


def mapped(headers: list[str], rows: list[list[object]] | None = None) -> dict[str, str]:
    """header → field for the columns that are not skipped."""
    columns = suggest_mapping(headers, rows or []).columns
    return {h: f for h, f in zip(headers, columns, strict=True) if f != "skip"}


@pytest.mark.parametrize(
    ("header", "field"), [(h, f) for f, headers in SYNONYMS.items() for h in headers]
)
def test_header_synonyms(header: str, field: str) -> None:
    assert suggest_field(header) == field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("  ＣＯＭＰＡＮＹ　ＮＡＭＥ ", "company"),
        ("e_mail address:", "email"),
        ("EMAIL", "email"),
        ("手机（必填）", "mobile"),
        ("*客户名称", "company"),
        ("联系人手机", "mobile"),
        ("Contact E-mail", "email"),
        ("【备注】", "notes"),
    ],
)
def test_headers_match_regardless_of_width_case_space_and_punctuation(
    header: str, field: str
) -> None:
    assert suggest_field(header) == field


@pytest.mark.parametrize("header", ["", "   ", "Foo", "成交金额", "Phone 1 - Type"])
def test_unknown_headers(header: str) -> None:
    assert suggest_field(header) is None


def test_every_synonym_in_the_table_maps_to_its_own_field() -> None:
    for field, synonyms in mapping._SYNONYMS.items():
        assert field in FIELDS
        for synonym in filter(None, synonyms):
            assert suggest_field(synonym) == field, synonym


def test_fields() -> None:
    assert FIELDS[0] == "skip" and FIELDS[-1] == "id"
    assert len(set(FIELDS)) == len(FIELDS)
    for field in ("company", "company_phone", "company_notes", "first_name", "last_name", "im"):
        assert field in FIELDS


def test_outlook_csv_headers() -> None:
    assert mapped(OUTLOOK) == {
        "First Name": "first_name",
        "Last Name": "last_name",
        "Company": "company",
        "Job Title": "title",  # wins over Outlook's "Title" (Mr./Ms.)
        "Business Street": "address",
        "Business City": "city",
        "Business State": "region",
        "Business Phone": "phone",  # wins over "Home Phone"
        "Mobile Phone": "mobile",
        "E-mail Address": "email",
        "Notes": "notes",
        "Categories": "tags",
        "Birthday": "birthday",
        "Web Page": "website",
        # every other phone and e-mail column is kept as an extra value, not dropped
        "Home Phone": "other_phones",
        "Business Phone 2": "other_phones",
        "E-mail 2 Address": "other_emails",
        # and the losers of a field, in the notes: "Title: Mr."
        "Title": "notes",
        "Department": "notes",
    }


def test_google_csv_headers_old_and_new() -> None:
    assert mapped(GOOGLE_OLD) == {
        "Name": "name",
        "Given Name": "first_name",
        "Family Name": "last_name",
        "Birthday": "birthday",
        "Notes": "notes",
        "Group Membership": "tags",
        "E-mail 1 - Value": "email",
        "Phone 1 - Value": "phone",
        "Phone 2 - Value": "other_phones",  # kept as an extra value, not dropped
        "Organization 1 - Name": "company",
        "Organization 1 - Title": "title",
    }
    assert mapped(GOOGLE_NEW) == {
        "First Name": "first_name",
        "Last Name": "last_name",
        "E-mail 1 - Value": "email",
        "Phone 1 - Value": "phone",
        "Organization Name": "company",
        "Organization Title": "title",
        "Birthday": "birthday",
        "Notes": "notes",
        "Labels": "tags",
        "Nickname": "notes",
    }


def test_outlook_csv_file_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "outlook.csv"
    row = ["Mr."] + [""] * (len(OUTLOOK) - 1)
    row[OUTLOOK.index("First Name")] = "Wei"
    row[OUTLOOK.index("Last Name")] = "Zhang"
    row[OUTLOOK.index("Mobile Phone")] = "13800138000"
    text = ",".join(OUTLOOK) + "\r\n" + ",".join(row) + "\r\n"
    path.write_bytes(text.encode("utf-8-sig"))

    rows = read_sheet(path).rows
    header = find_header_row(rows)
    columns = suggest_mapping([str(h or "") for h in rows[header]], rows[header + 1 :]).columns
    values = dict(zip(columns, rows[header + 1], strict=True))

    assert header == 0
    assert join_name(str(values["first_name"]), str(values["last_name"])) == "Wei Zhang"
    assert values["mobile"] == "13800138000"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        (["zw@example.com", "LN@EXAMPLE.CN", None, "mailto:a@b.org"], "email"),
        ([13800138000.0, "139 1234 5678", "+86 137-0000-0000", ""], "mobile"),
        (["010-88886666", "(021) 5555 1234", "13800138000", "+1 415 555 0100"], "phone"),
        ([date(1990, 1, 2), "1985-03-04", "1979年5月6日"], "birthday"),
        (["张伟", "李娜", "王芳"], None),
        ([1.0, 2.0, 3.0], None),
        ([12000000.0, 35000000.0], None),  # big numbers are not phones
        (["zw@example.com", "no", "nope", "nah"], None),
        ([None, "", "  "], None),
    ],
)
def test_suggest_from_values(values: list[object], field: str | None) -> None:
    assert suggest_from_values(values) == field


def test_values_decide_for_unknown_headers_and_dates_only_without_a_header() -> None:
    headers = ["客户名称", "联系方式", "Column C", "", "下次跟进", "X"]
    rows: list[list[object]] = [
        ["甲", "13800138000", "a@x.com", date(1990, 1, 2), date(2024, 6, 1), "zw@example.com"],
        ["乙", "13912345678", "b@y.com", date(1985, 3, 4), date(2024, 7, 1), "ln@example.com"],
    ]
    assert suggest_mapping(headers, rows).columns == (
        "company",
        "mobile",
        "email",
        "birthday",  # no header: a date column is a birthday
        "skip",  # a header that says something else: dates are not guessed to be birthdays
        "skip",  # "email" is taken already
    )


def test_each_target_is_used_once_except_notes() -> None:
    headers = ["手机", "手机号", "备注", "说明", "Notes", "标签", "Tags", "邮箱", "电子邮件"]
    # a second column of a field is kept: phones and e-mails as extra values
    assert suggest_mapping(headers, []).columns == (
        "mobile",
        "other_phones",
        "notes",
        "notes",
        "notes",
        "tags",
        "tags",
        "email",
        "other_emails",
    )


def test_chinese_family_and_given_name_columns() -> None:
    assert mapped(["姓", "名", "手机"]) == {"姓": "last_name", "名": "first_name", "手机": "mobile"}


@pytest.mark.parametrize(
    ("first", "last", "full"),
    [
        ("Wei", "Zhang", "Wei Zhang"),
        ("伟", "张", "张伟"),
        ("Wei", "张", "张Wei"),
        (" Anna ", "", "Anna"),
        ("", "欧阳", "欧阳"),
        ("", "", ""),
    ],
)
def test_join_name(first: str, last: str, full: str) -> None:
    assert join_name(first, last) == full


def test_mapping_key_is_stable_under_width_case_and_whitespace() -> None:
    key = mapping_key(["公司名称", "Mobile Phone", "E-mail"])
    assert mapping_key([" 公司名称 ", "ＭＯＢＩＬＥ　phone", "e-mail", "", ""]) == key
    assert mapping_key(["公司名称", "MobilePhone", "E-mail"]) == key
    assert mapping_key(["公司名称", "E-mail", "Mobile Phone"]) != key
    assert mapping_key(["公司名称", "Mobile Phone", "Email"]) != key
    assert len(key) == 40 and int(key, 16) >= 0


def test_mapping_json_round_trip_through_a_file(tmp_path: Path) -> None:
    headers = ["客户名称", "联系人", "手机", "Foo"]
    original = ColumnMapping(("company", "name", "phone", "notes"))
    path = tmp_path / "mapping.json"
    path.write_text(json.dumps(mapping_to_json(original, headers), ensure_ascii=False), "utf-8")

    data = json.loads(path.read_text("utf-8"))

    assert data == {
        "columns": {"客户名称": "company", "联系人": "name", "手机": "phone", "Foo": "notes"}
    }
    assert mapping_from_json(data, headers) == original


def test_mapping_json_by_position_when_headers_repeat() -> None:
    headers = ["备注", "备注", "手机"]
    original = ColumnMapping(("notes", "skip", "mobile"))

    data = mapping_to_json(original, headers)

    assert data == {"columns": ["notes", "skip", "mobile"]}
    assert mapping_to_json(original) == data
    assert mapping_from_json(data, headers) == original


def test_mapping_json_lists_some_headers_and_the_rest_is_suggested() -> None:
    headers = ["Company", "Contact", "Mobile", "Other mobile"]
    data = {"columns": {"other  MOBILE": "mobile", "Contact": None}}

    # The explicit "mobile" wins; the column that would have been suggested as mobile is skipped.
    assert mapping_from_json(data, headers).columns == ("company", "skip", "skip", "mobile")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"columns": {"手机": "cellphone", "联系人": "fullname"}}, "'cellphone', 'fullname'"),
        ({"columns": {"Handy": "mobile"}}, "'Handy'"),
        ({"columns": {"手机": "mobile", "联系人": "mobile"}}, "'mobile' is given to two columns"),
        ({"columns": ["mobile"]}, "lists 1 columns but the file has 2"),
        ({"columns": ["mobile", "nonsense"]}, "'nonsense'"),
        ({"mapping": {}}, '{"columns"'),
    ],
)
def test_mapping_json_errors_name_the_problem(data: dict[str, object], words: str) -> None:
    with pytest.raises(ValueError) as caught:
        mapping_from_json(data, ["手机", "联系人"])
    assert words in str(caught.value)


def test_column_mapping_rejects_unknown_fields_and_finds_columns() -> None:
    with pytest.raises(ValueError, match="bogus"):
        ColumnMapping(("name", "bogus"))
    m = ColumnMapping(("name", "notes", "mobile", "notes"))
    assert m.index_of("mobile") == 2 and m.index_of("email") is None
    assert m.indexes_of("notes") == (1, 3)
