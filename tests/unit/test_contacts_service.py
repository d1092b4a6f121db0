"""Companies and contacts through the services, on a real database file."""

from __future__ import annotations

import pytest

from crm_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from crm_desktop.domain.records import (
    CompanyData,
    ContactData,
    Grade,
    ListFilter,
    RecordKind,
)
from crm_desktop.services import contacts as cs
from crm_desktop.services.workspace import Workspace


def names(ws: Workspace, kind: RecordKind = RecordKind.CONTACT, **flt: object) -> list[str]:
    return [str(r[1]) for r in cs.list_page(ws, kind, ListFilter(**flt)).rows]  # type: ignore[arg-type]


def test_create_and_read_back_contact_with_company_and_tags(ws: Workspace) -> None:
    company = cs.create_company(
        ws, CompanyData(name="  深圳腾达科技  ", city="深圳", grade=Grade.A, tags=("VIP",))
    )
    contact = cs.create_contact(
        ws,
        ContactData(
            name="张伟",
            company_id=company.id,
            mobile="１３８ ００１３ ８０００",  # full-width digits, as pasted from a Chinese IME
            email="Zhang.Wei@Example.COM",
            tags=("决策人", "VIP", "VIP"),
            owner_id=ws.user.id,
        ),
    )
    again = cs.get_contact(ws, contact.id)
    assert again.data.mobile == "138 0013 8000"
    assert again.data.email == "zhang.wei@example.com"
    assert again.data.tags == ("VIP", "决策人")
    assert again.company_name == "深圳腾达科技"
    assert again.owner_name == "Tester"
    assert again.stamp.created_by == "Tester" and again.stamp.version == 1
    assert cs.get_company(ws, company.id).contact_count == 1


def test_validation_names_the_field(ws: Workspace) -> None:
    with pytest.raises(ValidationError) as err:
        cs.create_contact(ws, ContactData(name=" ", email="not-an-address", mobile="12ab"))
    assert set(err.value.errors) == {"name", "email", "mobile"}
    assert cs.count(ws, RecordKind.CONTACT, ListFilter()) == 0


def test_update_bumps_version_and_records_who(ws: Workspace, colleague: Workspace) -> None:
    contact = cs.create_contact(ws, ContactData(name="Li Na"))
    updated = cs.update_contact(
        colleague, contact.id, contact.stamp.version, ContactData(name="Li Na", title="CEO")
    )
    assert updated.stamp.version == contact.stamp.version + 1
    assert updated.stamp.updated_by == "Colleague"
    assert updated.stamp.created_by == "Tester"


def test_saving_over_a_colleagues_change_is_refused(ws: Workspace, colleague: Workspace) -> None:
    contact = cs.create_contact(ws, ContactData(name="王芳", title="Buyer"))
    cs.update_contact(colleague, contact.id, 1, ContactData(name="王芳", title="Head of buying"))
    with pytest.raises(ConflictError) as err:
        cs.update_contact(
            ws, contact.id, contact.stamp.version, ContactData(name="王芳", title="x")
        )
    assert err.value.changed_by == "Colleague"
    assert err.value.changed_at is not None
    assert cs.get_contact(ws, contact.id).data.title == "Head of buying"  # nothing overwritten


def test_saving_a_record_a_colleague_deleted_is_a_conflict(
    ws: Workspace, colleague: Workspace
) -> None:
    company = cs.create_company(ws, CompanyData(name="Acme"))
    cs.set_deleted(colleague, RecordKind.COMPANY, [company.id], True)
    with pytest.raises(ConflictError) as err:
        cs.update_company(ws, company.id, company.stamp.version, CompanyData(name="Acme Ltd"))
    assert err.value.deleted and err.value.changed_by == "Colleague"


def test_soft_delete_moves_to_trash_and_restore_brings_back(ws: Workspace) -> None:
    a = cs.create_contact(ws, ContactData(name="Alice"))
    cs.create_contact(ws, ContactData(name="Bob"))
    assert cs.set_deleted(ws, RecordKind.CONTACT, [a.id], True) == [a.id]
    assert names(ws) == ["Bob"]
    assert names(ws, deleted=True) == ["Alice"]
    with pytest.raises(NotFoundError):
        cs.get_contact(ws, a.id)
    assert cs.get_contact(ws, a.id, include_deleted=True).stamp.deleted_at is not None
    cs.set_deleted(ws, RecordKind.CONTACT, [a.id], False)
    assert names(ws) == ["Alice", "Bob"]


def test_renaming_a_company_updates_its_contacts_sort_and_search(ws: Workspace) -> None:
    company = cs.create_company(ws, CompanyData(name="Zeta GmbH"))
    other = cs.create_company(ws, CompanyData(name="Mid Corp"))
    cs.create_contact(ws, ContactData(name="Anna", company_id=company.id))
    cs.create_contact(ws, ContactData(name="Bert", company_id=other.id))
    assert names(ws, sort="company") == ["Bert", "Anna"]
    contact_version = cs.get_contact(ws, 1).stamp.version
    cs.update_company(ws, company.id, 1, CompanyData(name="Alpha AG"))
    assert names(ws, sort="company") == ["Anna", "Bert"]
    assert names(ws, search="alpha") == ["Anna"]
    assert names(ws, search="zeta") == []
    # The contact itself was not edited: no new version a colleague would conflict with.
    assert cs.get_contact(ws, 1).stamp.version == contact_version


def test_chinese_names_sort_by_pinyin_among_latin_names(ws: Workspace) -> None:
    for name in ("赵敏", "Anna", "陈静", "Zoe", "张伟", "bob"):
        cs.create_contact(ws, ContactData(name=name))
    assert names(ws) == ["Anna", "bob", "陈静", "张伟", "赵敏", "Zoe"]
    assert names(ws, descending=True) == ["Zoe", "赵敏", "张伟", "陈静", "bob", "Anna"]


def test_filters_by_owner_tag_grade_industry_region(ws: Workspace, colleague: Workspace) -> None:
    big = cs.create_company(
        ws, CompanyData(name="Big", grade=Grade.A, industry="制造业", region="华南")
    )
    small = cs.create_company(
        ws, CompanyData(name="Small", grade=Grade.C, industry="零售", region="华东")
    )
    cs.create_contact(ws, ContactData(name="A1", company_id=big.id, owner_id=ws.user.id))
    cs.create_contact(
        ws, ContactData(name="A2", company_id=small.id, owner_id=colleague.user.id, tags=("VIP",))
    )
    cs.create_contact(ws, ContactData(name="A3"))
    assert names(ws, owner_id=colleague.user.id) == ["A2"]
    assert names(ws, tag="VIP") == ["A2"]
    assert names(ws, grade=Grade.A) == ["A1"]
    assert names(ws, industry="零售") == ["A2"]
    assert names(ws, region="华南") == ["A1"]
    assert names(ws, RecordKind.COMPANY, grade=Grade.C) == ["Small"]
    assert cs.count(ws, RecordKind.CONTACT, ListFilter(region="华东")) == 1
    choices = cs.choices(ws)
    assert choices.tags == ("VIP",)
    assert choices.industries == ("零售", "制造业")  # by pinyin: ling shou, zhi zao ye
    assert {u.name for u in choices.owners} == {"Tester", "Colleague"}


def test_keyset_pages_cover_every_row_once_in_order(ws: Workspace) -> None:
    for i in range(57):
        cs.create_contact(ws, ContactData(name=f"Person {i % 7}", city=f"City {i % 5}"))
    for sort in ("name", "city", "updated_at", "owner"):
        for descending in (False, True):
            flt = ListFilter(sort=sort, descending=descending)
            seen: list[int] = []
            cursor = None
            while True:
                page = cs.list_page(ws, RecordKind.CONTACT, flt, cursor, limit=10)
                seen.extend(int(r[0]) for r in page.rows)  # type: ignore[call-overload]
                cursor = page.cursor
                if not page.has_more:
                    break
            assert sorted(seen) == list(range(1, 58)), (sort, descending)
            whole = [int(r[0]) for r in cs.list_page(ws, RecordKind.CONTACT, flt, limit=100).rows]  # type: ignore[call-overload]
            assert seen == whole


def test_sort_by_owner_follows_owner_names_with_unowned_last(
    ws: Workspace, colleague: Workspace
) -> None:
    # "Colleague" sorts before "Tester"; records without owner come last.
    cs.create_contact(ws, ContactData(name="t1", owner_id=ws.user.id))
    cs.create_contact(ws, ContactData(name="n1"))
    cs.create_contact(ws, ContactData(name="c1", owner_id=colleague.user.id))
    cs.create_contact(ws, ContactData(name="c2", owner_id=colleague.user.id))
    assert names(ws, sort="owner") == ["c1", "c2", "t1", "n1"]
    assert names(ws, sort="owner", descending=True) == ["n1", "t1", "c2", "c1"]
    first = cs.list_page(ws, RecordKind.CONTACT, ListFilter(sort="owner"), limit=2)
    rest = cs.list_page(ws, RecordKind.CONTACT, ListFilter(sort="owner"), first.cursor, 2)
    assert [r[1] for r in first.rows + rest.rows] == ["c1", "c2", "t1", "n1"]


def test_changes_are_announced(ws: Workspace) -> None:
    seen = []
    ws.events.subscribe(seen.append)
    contact = cs.create_contact(ws, ContactData(name="Kim"), origin="form")
    cs.update_contact(ws, contact.id, 1, ContactData(name="Kim Lee"))
    cs.set_deleted(ws, RecordKind.CONTACT, [contact.id], True)
    assert [(c.kind, c.ids, c.action) for c in seen] == [
        (RecordKind.CONTACT, (contact.id,), "create"),
        (RecordKind.CONTACT, (contact.id,), "update"),
        (RecordKind.CONTACT, (contact.id,), "delete"),
    ]
    assert seen[0].origin == "form"
