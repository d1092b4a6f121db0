"""Search over companies and contacts: Chinese, pinyin, English, phone fragments, e-mail."""

from __future__ import annotations

import pytest

from crm_desktop.domain.records import CompanyData, ContactData, ListFilter, RecordKind
from crm_desktop.services import contacts as cs
from crm_desktop.services.workspace import Workspace


@pytest.fixture
def people(ws: Workspace) -> Workspace:
    acme = cs.create_company(
        ws, CompanyData(name="北京华为技术有限公司", city="北京", notes="年度框架协议")
    )
    cs.create_contact(
        ws,
        ContactData(
            name="张伟", company_id=acme.id, mobile="138-0013-8000", email="zhangwei@huawei.cn"
        ),
    )
    cs.create_contact(ws, ContactData(name="Michael Zhang", phone="+1 (415) 555-2671"))
    cs.create_contact(
        ws, ContactData(name="王芳", city="上海", notes="Prefers WeChat, met at Canton Fair")
    )
    cs.create_contact(ws, ContactData(name="Anna Schmidt", email="anna@example.de", city="Berlin"))
    return ws


def found(ws: Workspace, query: str, kind: RecordKind = RecordKind.CONTACT) -> set[str]:
    rows = cs.list_page(ws, kind, ListFilter(search=query)).rows
    assert cs.count(ws, kind, ListFilter(search=query)) == len(rows)
    return {str(r[1]) for r in rows}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("张", {"张伟"}),  # one character: word index
        ("伟", {"张伟"}),  # ... also inside a name, not only its start
        ("张伟", {"张伟"}),  # two characters: word index, as a phrase
        ("伟张", set()),  # ... in that order
        ("为技", {"张伟"}),  # two characters inside a company name
        ("协议", set()),  # the company's notes are not the contact's
        ("北京 zw", {"张伟"}),  # short Chinese term and short pinyin together
        ("mi", {"Michael Zhang"}),  # a short Latin term is a word prefix
        ("an", {"Anna Schmidt"}),
        ("-", set()),  # punctuation alone is no search term: it finds nothing, not everything
        ("zhang -", {"张伟", "Michael Zhang"}),  # ... beside a word it narrows nothing
        ("Zhang", {"张伟", "Michael Zhang"}),  # pinyin of 张 and the English surname
        ("zhangwei", {"张伟"}),  # joined pinyin
        ("zw", {"张伟"}),  # pinyin initials
        ("ZHANG", {"张伟", "Michael Zhang"}),  # case-insensitive
        ("ｚｈａｎｇ", {"张伟", "Michael Zhang"}),  # full-width letters
        ("0013", {"张伟"}),  # middle of a phone number
        ("13800138000", {"张伟"}),  # digits only, though stored with dashes
        ("138 0013 8000", {"张伟"}),  # typed with spaces
        ("555-2671", {"Michael Zhang"}),
        ("41555", {"Michael Zhang"}),  # across a separator
        ("huawei.cn", {"张伟"}),  # e-mail
        ("华为", {"张伟"}),  # company name
        ("上海", {"王芳"}),  # city
        ("canton fair", {"王芳"}),  # words in notes, both terms must match
        ("berlin anna", {"Anna Schmidt"}),
        ("anna tokyo", set()),
        ("100%", set()),  # LIKE wildcards are literal
        ('"quoted', set()),  # FTS syntax characters are literal
        ("nobody-here", set()),
    ],
)
def test_contact_search(people: Workspace, query: str, expected: set[str]) -> None:
    assert found(people, query) == expected


def test_company_search_by_name_pinyin_city_and_notes(people: Workspace) -> None:
    for query in ("华为", "huawei", "北京", "框架协议", "beijing"):
        assert found(people, query, RecordKind.COMPANY) == {"北京华为技术有限公司"}, query


def test_search_index_follows_edits_and_deletes(people: Workspace) -> None:
    ws = people
    [row] = cs.list_page(ws, RecordKind.CONTACT, ListFilter(search="王芳")).rows
    contact = cs.get_contact(ws, int(row[0]))  # type: ignore[call-overload]
    cs.update_contact(ws, contact.id, contact.stamp.version, ContactData(name="王芳", city="广州"))
    assert found(ws, "广州") == {"王芳"}
    assert found(ws, "canton") == set()  # old notes no longer indexed
    cs.set_deleted(ws, RecordKind.CONTACT, [contact.id], True)
    assert found(ws, "广州") == set()
    assert {
        str(r[1])
        for r in cs.list_page(ws, RecordKind.CONTACT, ListFilter(search="广州", deleted=True)).rows
    } == {"王芳"}


def test_search_combines_with_sort_and_filters(people: Workspace) -> None:
    rows = cs.list_page(
        people, RecordKind.CONTACT, ListFilter(search="zhang", sort="name", descending=True)
    ).rows
    assert [r[1] for r in rows] == ["张伟", "Michael Zhang"]
