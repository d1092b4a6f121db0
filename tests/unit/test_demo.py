"""Demo data: realistic, searchable, editable, repeatable, all-or-nothing."""

from __future__ import annotations

import re
from datetime import date

import pytest

from crm_desktop.domain.columns import COMPANY_COLUMNS, CONTACT_COLUMNS
from crm_desktop.domain.errors import Cancelled, CrmError
from crm_desktop.domain.records import ListFilter, RecordKind
from crm_desktop.domain.validation import validate_company, validate_contact
from crm_desktop.services import contacts as svc
from crm_desktop.services import demo, maintenance, timeline

HAN = re.compile(r"[\u4e00-\u9fff]")


def rows(ws, kind: RecordKind, limit: int) -> list[dict]:
    columns = CONTACT_COLUMNS if kind is RecordKind.CONTACT else COMPANY_COLUMNS
    page = svc.list_page(ws, kind, ListFilter(), limit=limit)
    return [dict(zip(("id", *columns), r, strict=True)) for r in page.rows]


def test_counts_and_links(ws) -> None:
    summary = demo.make_demo(ws, 400, seed=1)
    assert summary.contacts == 400
    assert summary.companies == 100
    assert summary.activities > 400  # about two per contact
    assert summary.tasks > 50
    report = maintenance.check(ws)
    assert report.counts["contacts"] == 400
    assert report.counts["companies"] == 100
    assert report.integrity == "ok"
    # every company has at least one person
    for row in rows(ws, RecordKind.COMPANY, 100):
        assert row["contacts"] >= 1
        assert svc.company_people(ws, row["id"])


def test_both_languages_in_mixed_data_and_search_finds_them(ws) -> None:
    demo.make_demo(ws, 300, seed=2, locale="mixed")
    contacts = rows(ws, RecordKind.CONTACT, 300)
    names = [r["name"] for r in contacts]
    chinese = [n for n in names if HAN.search(n)]
    english = [n for n in names if not HAN.search(n)]
    assert len(chinese) > len(english) > 30
    # A Chinese name is found by its characters, its pinyin and a piece of its mobile number.
    person = next(r for r in contacts if HAN.search(r["name"]) and r["mobile"])
    found = maintenance.search(ws, person["name"], limit=50)["contacts"]
    assert person["id"] in [c["id"] for c in found]
    found = maintenance.search(ws, person["mobile"][3:9], limit=50)["contacts"]
    assert person["id"] in [c["id"] for c in found]


def test_single_language(ws) -> None:
    demo.make_demo(ws, 100, seed=3, locale="en")
    assert not any(
        HAN.search(r["name"] + (r["company"] or "")) for r in rows(ws, RecordKind.CONTACT, 100)
    )


def test_every_record_passes_the_forms_validation(ws) -> None:
    """A user must be able to open any demo record and save it unchanged."""
    demo.make_demo(ws, 200, seed=4)
    for row in rows(ws, RecordKind.CONTACT, 200):
        contact = svc.get_contact(ws, row["id"])
        validate_contact(contact.data, ws.phone_region)
    for row in rows(ws, RecordKind.COMPANY, 50):
        company = svc.get_company(ws, row["id"])
        validate_company(company.data, ws.phone_region)


def test_same_seed_same_data(tmp_path) -> None:
    from crm_desktop.services.workspace import open_workspace

    names = []
    for n in (1, 2):
        w = open_workspace(tmp_path / f"{n}.db", "Tester")
        try:
            demo.make_demo(w, 50, seed=99)
            names.append([r["name"] for r in rows(w, RecordKind.CONTACT, 50)])
        finally:
            w.close()
    assert names[0] == names[1]


def test_no_duplicate_company_names(ws) -> None:
    demo.make_demo(ws, 2000, seed=5, locale="zh_CN")
    companies = rows(ws, RecordKind.COMPANY, 500)
    assert len({r["name"] for r in companies}) == len(companies) == 500


def test_tasks_include_overdue_and_today_for_the_user(ws) -> None:
    demo.make_demo(ws, 600, seed=6)
    today = date.today()
    mine = timeline.my_tasks(ws, today)
    assert mine, "the user running the demo owns some follow-ups"
    assert any(t.is_overdue(today) for t in mine)


def test_cancel_leaves_the_database_as_it_was(ws) -> None:
    demo.make_demo(ws, 20, seed=7)
    before = maintenance.check(ws).counts
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 2  # after the first batches are written

    with pytest.raises(Cancelled):
        demo.make_demo(ws, 12000, seed=8, cancelled=cancelled)
    assert maintenance.check(ws).counts == before


def test_progress_is_reported_and_bad_arguments_refused(ws) -> None:
    seen = []
    demo.make_demo(ws, 30, seed=9, progress=lambda d, t, s: seen.append((d, t, s)))
    assert (30, 30, demo.STEP_CONTACTS) in seen
    with pytest.raises(CrmError):
        demo.make_demo(ws, -1)
    with pytest.raises(CrmError):
        demo.make_demo(ws, 10, locale="fr")


def test_adds_to_existing_data(ws) -> None:
    demo.make_demo(ws, 40, seed=10)
    demo.make_demo(ws, 40, seed=11)
    assert maintenance.check(ws).counts["contacts"] == 80
