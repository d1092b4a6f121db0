"""Which column of a customer list goes into which field: suggestions, and remembered mappings.

Headers are matched after NFKC, case folding and dropping spaces and punctuation, so
"E-mail Address", "ｅｍａｉｌ　address" and "email_address" are the same header. A header that
says nothing known is judged by its values (e-mail addresses, Chinese mobile numbers, phone
numbers, dates).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from crm_desktop.io import cells


@dataclass(frozen=True, slots=True)
class Target:
    """A field a column can be mapped to, and the fields of the records it fills."""

    name: str
    contact: str = ""  # the contact field it fills, if any
    company: str = ""  # the company field it fills, if any
    repeatable: bool = False  # several columns may share it (their texts are joined)


#: Every target a column can be mapped to, in the order the wizard lists them: the person, the
#: company, then our own export's record id. "first_name"/"last_name" are joined into "name"
#: (`join_name`); "address" goes to the company of a row without a person; "owner" names the
#: salesperson; "skip" ignores the column. The one list: everything else derives from it.
TARGETS: tuple[Target, ...] = (
    Target("skip", repeatable=True),
    Target("name", contact="name"),
    Target("first_name"),
    Target("last_name"),
    Target("title", contact="title"),
    Target("mobile", contact="mobile"),
    Target("phone", contact="phone"),
    Target("email", contact="email"),
    # Second and later phones and e-mails: several columns, or several values in a cell.
    Target("other_phones", repeatable=True),
    Target("other_emails", repeatable=True),
    Target("im", contact="im"),
    Target("birthday", contact="birthday"),
    Target("tags", contact="tags", repeatable=True),
    Target("notes", contact="notes", repeatable=True),
    Target("company", company="name"),
    Target("industry", company="industry"),
    Target("region", company="region"),
    Target("city", contact="city", company="city"),
    Target("address", contact="address"),
    Target("website", company="website"),
    Target("company_phone", company="phone"),
    Target("grade", company="grade"),
    Target("source", company="source"),
    Target("owner"),
    Target("company_notes", company="notes", repeatable=True),
    Target("id"),
)
FIELDS: tuple[str, ...] = tuple(target.name for target in TARGETS)
#: Targets several columns may share (their texts are joined); every other target takes one.
REPEATABLE = frozenset(target.name for target in TARGETS if target.repeatable)
#: Targets that name a row's person or company: a mapping needs one of them.
NAME_TARGETS = frozenset({"name", "first_name", "last_name", "company"})
#: Import target -> the contact field it fills, and the company field.
CONTACT_TARGETS = {target.name: target.contact for target in TARGETS if target.contact}
COMPANY_TARGETS = {target.name: target.company for target in TARGETS if target.company}

# A share of a column's non-empty sample values that makes it "mostly" one kind of value.
_MOSTLY = 0.8

# Header synonyms, best first: when two columns claim the same field, the one whose header comes
# earlier in its list wins (Outlook exports "Title" = Mr./Ms. before "Job Title"). Entries after
# the "" marker are generic: they lose to any specific header of the same field.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("ID", "记录ID", "CRM ID", "", "编号"),
    "company": (
        "公司名称",
        "客户名称",
        "企业名称",
        "单位名称",
        "公司",
        "Company",
        "Company Name",
        "Organization",
        "Organisation",
        "Organization 1 - Name",
        "Organization Name",
        "Account Name",
        "名称",
        "工作单位",
        "所在公司",
        "",
        "单位",
        "企业",
        "Account",
    ),
    "industry": ("行业", "所属行业", "行业类别", "客户类型", "Industry", "", "类型"),
    "region": (
        "省份",
        "地区",
        "省",
        "区域",
        "所在地区",
        "所在省份",
        "Region",
        "State",
        "Province",
        "Business State",
        "Address 1 - Region",
        "",
        "Home State",
    ),
    "city": (
        "城市",
        "所在城市",
        "City",
        "Business City",
        "Address 1 - City",
        "",
        "Home City",
    ),
    "address": (
        "地址",
        "详细地址",
        "通讯地址",
        "联系地址",
        "公司地址",
        "办公地址",
        "Address",
        "Business Street",
        "Business Address",
        "Address 1 - Formatted",
        "Address 1 - Street",
        "",
        "Street",
        "Home Street",
        "Home Address",
    ),
    "website": (
        "网址",
        "网站",
        "主页",
        "公司网址",
        "公司网站",
        "官网",
        "Website",
        "Web Site",
        "Web Page",
        "Website 1 - Value",
        "Web Page 1",
        "网页 1",
        "Homepage",
        "URL",
    ),
    "company_phone": (
        "公司电话",
        "单位电话",
        "总机",
        "Company Phone",
        "Company Main Phone",
        "Main Phone",
    ),
    "grade": ("客户等级", "客户级别", "客户分级", "等级", "级别", "Grade", "Rating", "", "Class"),
    "source": ("来源", "客户来源", "来源渠道", "Source", "Lead Source"),
    "owner": (
        "负责人",
        "业务员",
        "客户经理",
        "跟进人",
        "销售负责人",
        "Owner",
        "Sales Rep",
        "Account Owner",
        "Account Manager",
        "",
        "销售",
    ),
    "company_notes": ("公司备注", "单位备注", "Company Notes"),
    "name": (
        "联系人",
        "姓名",
        "联系人姓名",
        "客户姓名",
        "Name",
        "Full Name",
        "Contact Name",
        "Display Name",
        "显示名称",
        "",
        "Contact",
    ),
    "first_name": ("名", "名字", "First Name", "Given Name", "Firstname", "Forename"),
    "last_name": ("姓", "姓氏", "Last Name", "Family Name", "Surname", "Lastname"),
    "title": (
        "职位",
        "职务",
        "岗位",
        "Job Title",
        "Position",
        "Organization 1 - Title",
        "Organization Title",
        "",
        "Title",
    ),
    "mobile": (
        "手机",
        "手机号",
        "手机号码",
        "移动电话",
        "移动电话号码",
        "Mobile",
        "Cell",
        "Mobile Phone",
        "Cell Phone",
        "Mobile Number",
    ),
    "phone": (
        "电话",
        "座机",
        "固定电话",
        "办公电话",
        "工作电话",
        "联系电话",
        "电话号码",
        "Phone",
        "Tel",
        "Telephone",
        "Work Phone",
        "Business Phone",
        "Phone Number",
        "Phone 1 - Value",
        "",
        "Home Phone",
        "Other Phone",
        "Primary Phone",
    ),
    "email": (
        "邮箱",
        "电子邮件",
        "电子邮箱",
        "邮件",
        "电子邮件地址",
        "邮箱地址",
        "E-mail",
        "Email",
        "E-mail Address",
        "Email Address",
        "E-mail 1 - Value",
        "Primary Email",
        "主要电子邮件",
        "",
        "Mail",
    ),
    "other_phones": (
        "其他电话",
        "其他号码",
        "备用电话",
        "Other phones",
        "Phone 2 - Value",
        "Phone 3 - Value",
        "Phone 4 - Value",
        "Phone 5 - Value",
        "Phone 6 - Value",
        "Business Phone 2",
        "Home Phone 2",
        "Car Phone",
        "Assistant's Phone",
        "家庭电话",
    ),
    "other_emails": (
        "其他邮箱",
        "备用邮箱",
        "Other e-mails",
        "E-mail 2 - Value",
        "E-mail 3 - Value",
        "E-mail 4 - Value",
        "E-mail 2 Address",
        "E-mail 3 Address",
        "Secondary Email",
        "次要电子邮件",
    ),
    "im": ("微信", "微信号", "QQ", "QQ号", "WeChat", "WeChat ID", "IM", "IM Address"),
    "birthday": ("生日", "出生日期", "出生年月日", "Birthday", "Date of Birth", "DOB"),
    "tags": ("标签", "Tags", "Tag", "Categories", "Labels", "Group Membership"),
    "notes": (
        "备注",
        "说明",
        "Notes",
        "Note",
        "Remarks",
        "Comments",
        "Comment",
        "",
        "描述",
        "需求",
        "客户需求",
        "部门",
        "分机",
        "Department",
        "Customer ID",
        "客户编号",
        "客户ID",
        "Nickname",
        "昵称",
    ),
}

# Prefixes that do not change which field a header means: "联系人手机", "Contact Email".
_PREFIXES = ("联系人", "客户", "contact", "primary")
_BRACKETED = re.compile(r"[(（\[【<《][^)）\]】>》]*[)）\]】>》]")
_CHINESE_MOBILE = re.compile(r"1[3-9]\d{9}")
_PHONE_LIKE = re.compile(r"\+?[\d\s().\-/]+(?:\s*(?:ext\.?|x|转|分机)\s*\d{1,6})?", re.IGNORECASE)
_EMAIL_LIKE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]")


def _normalise(header: str) -> str:
    """The part of a header that matters: letters and digits (Chinese included), case-folded."""
    folded = unicodedata.normalize("NFKC", header).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def _build_lookup() -> dict[str, tuple[str, int]]:
    lookup: dict[str, tuple[str, int]] = {}
    for field, synonyms in _SYNONYMS.items():
        generic = False
        for position, synonym in enumerate(synonyms):
            if not synonym:
                generic = True
                continue
            key = _normalise(synonym)
            if key in lookup and lookup[key][0] != field:
                raise AssertionError(f"header {synonym!r} is a synonym of two fields")
            # A generic header ranks after every specific one of any field.
            lookup[key] = (field, position + (1000 if generic else 0))
    return lookup


_LOOKUP = _build_lookup()


def _match(header: str) -> tuple[str, int] | None:
    key = _normalise(header)
    if not key:
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    unbracketed = _normalise(_BRACKETED.sub("", unicodedata.normalize("NFKC", header)))
    if unbracketed and unbracketed in _LOOKUP:
        return _LOOKUP[unbracketed]
    for prefix in _PREFIXES:
        if key.startswith(prefix) and key[len(prefix) :] in _LOOKUP:
            return _LOOKUP[key[len(prefix) :]]
    return None


def suggest_field(header: str) -> str | None:
    """The field a header names, in English or Chinese, or None when it names none we know.

    Case, full/half width, spaces and punctuation do not matter; a remark in brackets
    ("手机(必填)") and a "联系人"/"Contact" prefix ("联系人手机", "Contact Email") are ignored.
    """
    found = _match(header)
    return found[0] if found else None


def is_notes_header(header: str) -> bool:
    """The header says "notes" itself (备注, Notes, Remarks), not something kept in them (需求,
    部门, Customer ID): a notes column under it needs no label."""
    found = _match(header)
    return found is not None and found[0] == "notes" and found[1] < 1000


def _is_email(value: object) -> bool:
    return isinstance(value, str) and bool(_EMAIL_LIKE.fullmatch(cells.email(value)))


def _phone_text(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        return cells.phone(value)
    except cells.CellError:
        return None


def _is_chinese_mobile(value: object) -> bool:
    typed = _phone_text(value)
    if typed is None:
        return False
    digits = re.sub(r"[\s\-()]", "", typed)
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            digits = digits[len(prefix) :]
            break
    return bool(_CHINESE_MOBILE.fullmatch(digits))


def _is_phone(value: object) -> bool:
    if _is_chinese_mobile(value):
        return True
    # A bare number may as well be an amount or a code; only typed text counts as a phone.
    if not isinstance(value, str):
        return False
    typed = cells.text(value)
    digits = sum(ch.isdigit() for ch in typed)
    return bool(_PHONE_LIKE.fullmatch(typed)) and 7 <= digits <= 15


def _is_date(value: object) -> bool:
    if isinstance(value, date):
        return True
    if not isinstance(value, str) or cells.text(value).isdigit():
        return False
    try:
        return cells.date_value(value) is not None
    except cells.CellError:
        return False


def suggest_from_values(values: Sequence[object]) -> str | None:
    """What a column holds, judged by sample values: "email", "mobile", "phone", "birthday" or None.

    "Mostly" means at least 80% of the non-empty values. A date column is suggested as
    "birthday"; `suggest_mapping` uses that only for a column without a header.
    """
    present = [value for value in values if not cells.is_blank(value)]
    if not present:
        return None
    needed = _MOSTLY * len(present)
    for field, test in (
        ("email", _is_email),
        ("mobile", _is_chinese_mobile),
        ("phone", _is_phone),
        ("birthday", _is_date),
    ):
        if sum(1 for value in present if test(value)) >= needed:
            return field
    return None


@dataclass(frozen=True)
class ColumnMapping:
    """One target field per source column, in column order ("skip" for an ignored column)."""

    columns: tuple[str, ...]

    def __post_init__(self) -> None:
        unknown = sorted({field for field in self.columns if field not in FIELDS})
        if unknown:
            raise ValueError(f"unknown field(s): {', '.join(unknown)}")

    def index_of(self, field: str) -> int | None:
        """The first column mapped to `field`, or None."""
        return self.columns.index(field) if field in self.columns else None

    def indexes_of(self, field: str) -> tuple[int, ...]:
        """Every column mapped to `field` (several for "notes", "company_notes", "tags")."""
        return tuple(i for i, name in enumerate(self.columns) if name == field)


def _column(rows: Sequence[Sequence[object]], index: int) -> list[object]:
    return [row[index] if index < len(row) else None for row in rows]


# Where a second column of a field goes (Outlook's Home Phone, Other Phone …; "Email, Email").
_SECOND = {
    "mobile": "other_phones",
    "phone": "other_phones",
    "company_phone": "other_phones",
    "email": "other_emails",
}


def suggest_mapping(
    headers: Sequence[str], sample_rows: Sequence[Sequence[object]]
) -> ColumnMapping:
    """A first guess at the mapping: headers first, sample values second.

    Each field goes to one column (the best-matching header wins), except "notes",
    "company_notes" and "tags", which may collect several columns; another column of the
    same field is kept all the same: a phone or e-mail as an extra value, anything else in
    the notes (labelled with its header). A column
    whose header names nothing known is skipped unless its values are clearly e-mails, mobiles
    or phones; a date column becomes "birthday" only when its header is empty.
    """
    columns = ["skip"] * len(headers)
    claims: list[tuple[int, int, str]] = []
    for index, header in enumerate(headers):
        found = _match(header)
        if found:
            claims.append((found[1], index, found[0]))
    taken: set[str] = set()
    for _rank, index, field in sorted(claims):
        if field in REPEATABLE or field not in taken:
            columns[index] = field
            taken.add(field)
        else:  # a second column of a field: kept, as an extra value or in the notes
            columns[index] = _SECOND.get(field, "notes")
    claimed = {index for _rank, index, _field in claims}
    for index, header in enumerate(headers):
        if index in claimed:
            continue
        guess = suggest_from_values(_column(sample_rows, index))
        if guess is None or guess in taken:
            continue
        if guess == "birthday" and _normalise(header):
            continue
        columns[index] = guess
        taken.add(guess)
    return ColumnMapping(tuple(columns))


def join_name(first: str, last: str) -> str:
    """A full name from its parts: "Wei Zhang" for Latin names, "张伟" (family name first, no
    space) when either part is written in Chinese characters."""
    first, last = first.strip(), last.strip()
    if not first or not last:
        return first or last
    if _HAN.search(first) or _HAN.search(last):
        return last + first
    return f"{first} {last}"


def _header_key(header: str) -> str:
    folded = unicodedata.normalize("NFKC", header).casefold()
    return "".join(folded.split())


def mapping_key(headers: Sequence[str]) -> str:
    """A stable key for a set of headers, to remember a mapping for the next file like it.

    Width, case and whitespace do not change the key; empty trailing headers are ignored.
    """
    keys = [_header_key(header) for header in headers]
    while keys and not keys[-1]:
        keys.pop()
    return hashlib.sha1("\x1f".join(keys).encode("utf-8")).hexdigest()


def mapping_to_json(m: ColumnMapping, headers: Sequence[str] | None = None) -> dict[str, object]:
    """A mapping as JSON data: `{"columns": {"Header": "field", ...}}` when the headers are given
    and tell the columns apart, else `{"columns": ["field", ...]}` by position."""
    if headers is not None:
        if len(headers) != len(m.columns):
            raise ValueError(f"{len(headers)} headers for {len(m.columns)} mapped columns")
        keys = [_header_key(header) for header in headers]
        if all(keys) and len(set(keys)) == len(keys):
            return {"columns": dict(zip(headers, m.columns, strict=True))}
    return {"columns": list(m.columns)}


def _check_field(value: object, where: str) -> str:
    if value is None:
        return "skip"
    if not isinstance(value, str) or value not in FIELDS:
        raise ValueError(
            f"unknown field {value!r} for {where}; the fields are: {', '.join(FIELDS)}"
        )
    return value


def mapping_from_json(
    d: Mapping[str, object],
    headers: Sequence[str],
    sample_rows: Sequence[Sequence[object]] = (),
) -> ColumnMapping:
    """A mapping from JSON data (as `mapping_to_json` writes, or a user's `--mapping` file).

    `{"columns": {"Header text": "field"}}`: headers are matched ignoring width, case and
    whitespace; columns not listed get the suggested field unless that field is given
    explicitly to another column. `{"columns": ["field", ...]}`: one field per column.
    Unknown fields, headers not in the file, or one field given to two columns: ValueError.
    """
    spec = d.get("columns") if isinstance(d, Mapping) else None
    if isinstance(spec, list):
        if len(spec) != len(headers):
            raise ValueError(
                f"the mapping lists {len(spec)} columns but the file has {len(headers)}"
            )
        return ColumnMapping(
            tuple(_check_field(value, f"column {i + 1}") for i, value in enumerate(spec))
        )
    if not isinstance(spec, Mapping):
        raise ValueError('a mapping must look like {"columns": {"Header text": "field", ...}}')

    explicit: dict[int, str] = {}
    bad_fields: list[str] = []
    missing: list[str] = []
    keys = [_header_key(header) for header in headers]
    for header, value in spec.items():
        try:
            field = _check_field(value, f"column {header!r}")
        except ValueError:
            bad_fields.append(repr(value))
            continue
        hits = [i for i, text in enumerate(headers) if text == header]
        if not hits:
            hits = [i for i, key in enumerate(keys) if key and key == _header_key(str(header))]
        if not hits:
            missing.append(repr(header))
        for i in hits:
            explicit[i] = field
    if bad_fields:
        raise ValueError(
            f"unknown field(s) in the mapping: {', '.join(bad_fields)}; "
            f"the fields are: {', '.join(FIELDS)}"
        )
    if missing:
        raise ValueError(
            f"the mapping names columns that are not in the file: {', '.join(missing)}"
        )
    given: dict[str, int] = {}
    for i, field in sorted(explicit.items()):
        if field in REPEATABLE:
            continue
        if field in given:
            raise ValueError(
                f"the field {field!r} is given to two columns: "
                f"{headers[given[field]]!r} and {headers[i]!r}"
            )
        given[field] = i

    suggested = suggest_mapping(headers, sample_rows).columns
    columns: list[str] = []
    for i, guess in enumerate(suggested):
        if i in explicit:
            columns.append(explicit[i])
        elif guess in given:
            columns.append("skip")
        else:
            columns.append(guess)
    return ColumnMapping(tuple(columns))
