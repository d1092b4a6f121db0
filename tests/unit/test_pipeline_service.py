"""The pipeline through its use cases, on a real database file: stages, lead conversion, deals
moving on the board with their history, the weighted forecast and the funnel."""

from __future__ import annotations

import itertools
import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from crm_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from crm_desktop.domain.pipeline import (
    BoardFilter,
    LeadData,
    LeadStatus,
    OpportunityData,
    Outcome,
    Stage,
    StageData,
    StageInUseError,
)
from crm_desktop.domain.records import CompanyData, ContactData, ListFilter, RecordKind
from crm_desktop.services import contacts as cs
from crm_desktop.services import pipeline as ps
from crm_desktop.services.workspace import Workspace, open_workspace, seed_defaults

TODAY = date.today()


def stage(stages: list[Stage], name: str) -> Stage:
    return next(s for s in stages if s.name == name)


def deal(ws: Workspace, title: str, stage_id: int, **fields: object) -> int:
    return ps.create_opportunity(ws, OpportunityData(title, stage_id, **fields)).id  # type: ignore[arg-type]


def count(ws: Workspace, kind: RecordKind) -> int:
    return cs.count(ws, kind, ListFilter())


def cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# -- stages ------------------------------------------------------------------------------------
def test_default_stages_in_english(ws: Workspace) -> None:
    stages = ps.ensure_stages(ws, "en_US")
    assert [(s.name, s.probability, s.outcome) for s in stages] == [
        ("Prospect", 10, Outcome.OPEN),
        ("Qualified", 25, Outcome.OPEN),
        ("Proposal", 50, Outcome.OPEN),
        ("Negotiation", 75, Outcome.OPEN),
        ("Won", 100, Outcome.WON),
        ("Lost", 0, Outcome.LOST),
    ]
    assert "Price" in ps.lost_reasons(ws)


def test_default_stages_in_chinese_created_once_for_two_users(
    ws: Workspace, colleague: Workspace
) -> None:
    first = ps.ensure_stages(ws, "zh_CN")
    assert [s.name for s in first] == ["初步接洽", "需求确认", "方案报价", "谈判", "赢单", "输单"]
    # The colleague runs the English version: the database already has its stages.
    second = ps.ensure_stages(colleague, "en")
    assert second == first
    assert ps.stages(ws) == first
    assert ps.lost_reasons(colleague)[0] == "价格"
    assert len(ps.lost_reasons(colleague)) == len(set(ps.lost_reasons(colleague)))


def test_two_users_starting_at_the_same_moment_get_one_set_of_stages(
    ws: Workspace, colleague: Workspace
) -> None:
    barrier = threading.Barrier(2)
    results: dict[str, list[Stage]] = {}

    def start(who: Workspace, language: str) -> None:
        barrier.wait()
        results[language] = ps.ensure_stages(who, language)

    threads = [
        threading.Thread(target=start, args=(ws, "en")),
        threading.Thread(target=start, args=(colleague, "zh_CN")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(ps.stages(ws)) == 6
    assert results["en"] == results["zh_CN"] == ps.stages(ws)
    assert len(ps.lost_reasons(ws)) == 5


def test_save_stages_renames_reorders_reweights_adds_and_retires(ws: Workspace) -> None:
    stages = ps.ensure_stages(ws)
    prospect, qualified, proposal, negotiation, won, lost = stages
    result = ps.save_stages(
        ws,
        [
            (qualified.id, qualified.version, StageData("Qualified lead", 30)),
            (prospect.id, prospect.version, StageData("  Ｐｒｏｓｐｅｃｔ  ", 5)),
            (None, 0, StageData("Demo", 60)),
            (negotiation.id, negotiation.version, StageData("Negotiation", 80)),
            (won.id, won.version, StageData("Won", 100, Outcome.WON)),
            (lost.id, lost.version, StageData("Lost", 0, Outcome.LOST)),
        ],
        lost_reasons=["Price", " Price ", "Timing"],
    )
    assert [(s.name, s.probability, s.position) for s in result] == [
        ("Qualified lead", 30, 1),
        ("Prospect", 5, 2),
        ("Demo", 60, 3),
        ("Negotiation", 80, 4),
        ("Won", 100, 5),
        ("Lost", 0, 6),
    ]
    assert proposal.id not in [s.id for s in result]  # retired
    assert ps.lost_reasons(ws) == ["Price", "Timing"]
    assert ps.stages(ws) == result


def test_a_new_deal_takes_the_new_default_probability(ws: Workspace) -> None:
    prospect, *rest = ps.ensure_stages(ws)
    ps.save_stages(
        ws,
        [(prospect.id, prospect.version, StageData("Prospect", 15))]
        + [(s.id, s.version, StageData(s.name, s.probability, s.outcome)) for s in rest],
    )
    assert ps.get_opportunity(ws, deal(ws, "Pumps", prospect.id)).probability == 15


def test_retiring_a_stage_with_deals_is_refused_and_nothing_is_saved(ws: Workspace) -> None:
    stages = ps.ensure_stages(ws)
    proposal = stage(stages, "Proposal")
    deal(ws, "Pumps", proposal.id)
    keep = [
        (s.id, s.version, StageData(s.name.upper(), s.probability, s.outcome))
        for s in stages
        if s.id != proposal.id
    ]
    with pytest.raises(StageInUseError) as err:
        ps.save_stages(ws, keep)
    assert err.value.stage == "Proposal" and err.value.count == 1
    assert "Proposal" in str(err.value)
    assert ps.stages(ws) == stages  # the renames before the refusal were rolled back too


def test_a_retired_stage_takes_no_new_deals(ws: Workspace) -> None:
    stages = ps.ensure_stages(ws)
    proposal = stage(stages, "Proposal")
    ps.save_stages(
        ws,
        [
            (s.id, s.version, StageData(s.name, s.probability, s.outcome))
            for s in stages
            if s != proposal
        ],
    )
    with pytest.raises(NotFoundError):
        deal(ws, "Pumps", proposal.id)
    other = deal(ws, "Valves", stages[0].id)
    opp = ps.get_opportunity(ws, other)
    with pytest.raises(NotFoundError):
        ps.move_opportunity(ws, other, opp.version, proposal.id)
    with pytest.raises(NotFoundError):
        ps.update_opportunity(ws, other, opp.version, replace(opp.data, stage_id=proposal.id))
    assert ps.get_opportunity(ws, other).stage_name == "Prospect"
    assert len(ps.stage_history(ws, other)) == 1


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda rows: [*rows, (None, 0, StageData("prospect", 10))], "stages"),
        (lambda rows: [*rows, (None, 0, StageData("ＰＲＯＳＰＥＣＴ", 10))], "stages"),
        (lambda rows: [*rows, (None, 0, StageData("  ", 10))], "stages.7"),
        (lambda rows: [*rows, (None, 0, StageData("Pilot", 101))], "stages.7"),
        (lambda rows: [*rows, (None, 0, StageData("Pilot", -1))], "stages.7"),
        (lambda rows: [*rows, (None, 0, StageData("P" * 101, 10))], "stages.7"),
        (lambda rows: [r for r in rows if r[2].outcome is not Outcome.OPEN], "stages"),
    ],
)
def test_invalid_stage_lists_are_refused(ws: Workspace, edit: object, field: str) -> None:
    stages = ps.ensure_stages(ws)
    rows = [(s.id, s.version, StageData(s.name, s.probability, s.outcome)) for s in stages]
    with pytest.raises(ValidationError) as err:
        ps.save_stages(ws, edit(rows))  # type: ignore[operator]
    assert field in err.value.errors
    assert ps.stages(ws) == stages


def test_saving_stages_over_a_colleagues_edit_is_a_conflict(
    ws: Workspace, colleague: Workspace
) -> None:
    stages = ps.ensure_stages(ws)
    rows = [(s.id, s.version, StageData(s.name, s.probability, s.outcome)) for s in stages]
    ps.save_stages(colleague, [(rows[0][0], rows[0][1], StageData("Cold", 5)), *rows[1:]])
    with pytest.raises(ConflictError):
        ps.save_stages(ws, [(rows[0][0], rows[0][1], StageData("Warm", 15)), *rows[1:]])
    assert ps.stages(ws)[0].name == "Cold"


# -- leads and their conversion ----------------------------------------------------------------
def lead(ws: Workspace, **fields: object) -> int:
    return ps.create_lead(ws, LeadData(**fields)).id  # type: ignore[arg-type]


def convert(ws: Workspace, lead_id: int, **kwargs: object) -> ps.ConversionResult:
    return ps.convert_lead(ws, lead_id, ps.get_lead(ws, lead_id).version, **kwargs)  # type: ignore[arg-type]


def test_converting_a_lead_makes_company_contact_and_deal(ws: Workspace) -> None:
    stages = ps.ensure_stages(ws, "zh_CN")
    lead_id = lead(
        ws,
        name="张伟",
        company_name="杭州西湖科技有限公司",
        title="采购经理",
        mobile="+86 138 0013 8000",
        email="Zhang.Wei@XiHu.cn",
        city="杭州",
        source="trade fair",
    )
    result = convert(
        ws,
        lead_id,
        opportunity=OpportunityData("水泵 200 台", stages[0].id, amount=Decimal("120000")),
    )
    assert result.company_created and result.contact_created
    company = cs.get_company(ws, result.company_id)  # type: ignore[arg-type]
    contact = cs.get_contact(ws, result.contact_id)
    assert company.data.name == "杭州西湖科技有限公司" and company.data.city == "杭州"
    assert contact.data.name == "张伟" and contact.data.company_id == company.id
    assert contact.data.email == "zhang.wei@xihu.cn" and contact.data.title == "采购经理"
    opp = ps.get_opportunity(ws, result.opportunity_id)  # type: ignore[arg-type]
    assert opp.company_name == "杭州西湖科技有限公司" and opp.contact_name == "张伟"
    assert opp.data.amount == Decimal("120000.00") and opp.probability == 10
    assert opp.data.source == "trade fair" and opp.lead_id == lead_id
    assert opp.owner_name == "Tester"
    converted = ps.get_lead(ws, lead_id)
    assert converted.data.status is LeadStatus.CONVERTED
    assert (converted.company_id, converted.contact_id, converted.opportunity_id) == (
        result.company_id,
        result.contact_id,
        result.opportunity_id,
    )
    assert converted.converted_at is not None
    assert lead_id not in [x.id for x in ps.leads(ws)]  # no longer in the working list
    assert [x.id for x in ps.leads(ws, status=LeadStatus.CONVERTED)] == [lead_id]


@pytest.mark.parametrize(
    ("company", "person"),
    [
        ("ＡＣＭＥ　Trading Co., Ltd.", {"name": "Li Na", "email": "LI.NA@ACME.COM"}),
        ("acme   trading co ltd", {"name": "Na Li", "mobile": "13800138000"}),
        ("Acme Trading Co.,Ltd", {"name": "李娜", "phone": "138-0013-8000"}),
        ("ACME TRADING CO. LTD.", {"name": "Li Na"}),  # same name at that company
    ],
)
def test_a_second_lead_of_the_same_customer_reuses_company_and_contact(
    ws: Workspace, company: str, person: dict[str, str]
) -> None:
    stages = ps.ensure_stages(ws)
    first = convert(
        ws,
        lead(
            ws,
            name="Li Na",
            company_name="Acme Trading Co., Ltd.",
            mobile="+86 138 0013 8000",
            email="li.na@acme.com",
        ),
        opportunity=OpportunityData("First order", stages[0].id),
    )
    second_lead = lead(ws, company_name=company, **person)
    companies, contacts = ps.conversion_matches(ws, second_lead)
    assert [c[0] for c in companies] == [first.company_id]
    assert [c[0] for c in contacts] == [first.contact_id]
    second = convert(ws, second_lead, opportunity=OpportunityData("Repeat", stages[0].id))
    assert (second.company_id, second.contact_id) == (first.company_id, first.contact_id)
    assert not second.company_created and not second.contact_created
    assert count(ws, RecordKind.COMPANY) == 1
    assert count(ws, RecordKind.CONTACT) == 1
    titles = [o.data.title for o in ps.company_opportunities(ws, first.company_id)]  # type: ignore[arg-type]
    assert sorted(titles) == ["First order", "Repeat"]


def test_chinese_company_written_with_spaces_is_the_same_company(ws: Workspace) -> None:
    existing = cs.create_company(ws, CompanyData(name="杭州 西湖科技 有限公司"))
    lead_id = lead(ws, name="王芳", company_name="杭州西湖科技有限公司")
    result = convert(ws, lead_id)
    assert result.company_id == existing.id and not result.company_created
    assert count(ws, RecordKind.COMPANY) == 1


def test_a_different_company_is_not_taken_for_the_same(ws: Workspace) -> None:
    cs.create_company(ws, CompanyData(name="杭州西湖科技有限公司"))
    result = convert(ws, lead(ws, name="王芳", company_name="杭州西湖科技"))
    assert result.company_created
    assert count(ws, RecordKind.COMPANY) == 2


def test_explicit_ids_are_honoured(ws: Workspace) -> None:
    ps.ensure_stages(ws)
    chosen = cs.create_company(ws, CompanyData(name="Acme Holding"))
    cs.create_company(ws, CompanyData(name="Acme"))  # what matching would have picked
    person = cs.create_contact(ws, ContactData(name="Bob", company_id=chosen.id))
    result = convert(
        ws, lead(ws, name="Robert", company_name="Acme"), company_id=chosen.id, contact_id=person.id
    )
    assert (result.company_id, result.contact_id) == (chosen.id, person.id)
    assert not result.company_created and not result.contact_created
    assert count(ws, RecordKind.COMPANY) == 2 and count(ws, RecordKind.CONTACT) == 1


def test_an_explicit_contact_brings_its_company_not_a_new_one(ws: Workspace) -> None:
    acme = cs.create_company(ws, CompanyData(name="Acme Ltd"))
    person = cs.create_contact(ws, ContactData(name="Bob", company_id=acme.id))
    result = convert(ws, lead(ws, name="Bob", company_name="ACME Limited"), contact_id=person.id)
    assert (result.company_id, result.contact_id) == (acme.id, person.id)
    assert not result.company_created
    assert count(ws, RecordKind.COMPANY) == 1


def test_an_explicit_company_still_finds_the_person_by_email(ws: Workspace) -> None:
    acme = cs.create_company(ws, CompanyData(name="Acme Ltd"))
    person = cs.create_contact(ws, ContactData(name="Bob", email="bob@acme.com"))
    result = convert(
        ws, lead(ws, name="Bob", company_name="Acme", email="BOB@acme.com"), company_id=acme.id
    )
    assert (result.company_id, result.contact_id) == (acme.id, person.id)
    assert not result.contact_created
    assert count(ws, RecordKind.CONTACT) == 1


def test_converting_twice_is_refused(ws: Workspace) -> None:
    lead_id = lead(ws, name="Li Na", company_name="Acme")
    version = ps.get_lead(ws, lead_id).version
    convert(ws, lead_id)
    with pytest.raises(ValidationError) as err:
        convert(ws, lead_id)
    assert "status" in err.value.errors
    with pytest.raises((ValidationError, ConflictError)):
        ps.convert_lead(ws, lead_id, version)  # from a stale screen
    assert count(ws, RecordKind.COMPANY) == 1 and count(ws, RecordKind.CONTACT) == 1


def test_a_lead_converted_by_a_colleague_meanwhile_is_a_conflict(
    ws: Workspace, colleague: Workspace
) -> None:
    lead_id = lead(ws, name="Li Na", company_name="Acme")
    version = ps.get_lead(ws, lead_id).version
    ps.update_lead(colleague, lead_id, version, LeadData(name="Li Na", company_name="Acme Ltd"))
    with pytest.raises(ConflictError) as err:
        ps.convert_lead(ws, lead_id, version)
    assert err.value.changed_by == "Colleague"
    assert count(ws, RecordKind.COMPANY) == 0 and count(ws, RecordKind.CONTACT) == 0


def test_invalid_deal_data_leaves_nothing_behind(ws: Workspace) -> None:
    stages = ps.ensure_stages(ws)
    lead_id = lead(ws, name="Li Na", company_name="Acme")
    with pytest.raises(ValidationError) as err:
        convert(ws, lead_id, opportunity=OpportunityData(" ", stages[0].id, amount=Decimal(-1)))
    assert set(err.value.errors) == {"title", "amount"}
    assert count(ws, RecordKind.COMPANY) == 0 and count(ws, RecordKind.CONTACT) == 0
    assert ps.get_lead(ws, lead_id).data.status is LeadStatus.NEW


def test_a_retired_stage_in_the_middle_of_conversion_leaves_nothing_behind(
    ws: Workspace,
) -> None:
    stages = ps.ensure_stages(ws)
    proposal = stage(stages, "Proposal")
    ps.save_stages(
        ws,
        [
            (s.id, s.version, StageData(s.name, s.probability, s.outcome))
            for s in stages
            if s != proposal
        ],
    )
    lead_id = lead(ws, name="Li Na", company_name="Acme", email="li@acme.com")
    with pytest.raises(NotFoundError):
        convert(ws, lead_id, opportunity=OpportunityData("Pumps", proposal.id))
    assert count(ws, RecordKind.COMPANY) == 0 and count(ws, RecordKind.CONTACT) == 0
    assert ps.get_lead(ws, lead_id).data.status is LeadStatus.NEW
    # …and the lead converts fine afterwards
    result = convert(ws, lead_id, opportunity=OpportunityData("Pumps", stages[0].id))
    assert result.company_created and result.contact_created


def test_deal_data_is_cleaned_as_a_form_would(ws: Workspace) -> None:
    stages = ps.ensure_stages(ws)
    result = convert(
        ws,
        lead(ws, name="Li Na", company_name="Acme"),
        opportunity=OpportunityData("  Pumps ", stages[0].id, currency=" usd "),
    )
    opp = ps.get_opportunity(ws, result.opportunity_id)  # type: ignore[arg-type]
    assert opp.data.title == "Pumps" and opp.data.currency == "USD"


def test_a_lead_without_company_becomes_a_contact_only(ws: Workspace) -> None:
    result = convert(ws, lead(ws, name="赵敏", mobile="13900139000"))
    assert result.company_id is None and result.opportunity_id is None
    assert result.contact_created
    assert cs.get_contact(ws, result.contact_id).data.company_id is None
    assert count(ws, RecordKind.COMPANY) == 0 and count(ws, RecordKind.CONTACT) == 1
    converted = ps.get_lead(ws, result.lead_id)
    assert converted.contact_id == result.contact_id and converted.company_id is None


def test_a_lead_of_name_and_phone_picked_as_a_known_contact_gets_that_contacts_company(
    ws: Workspace,
) -> None:
    """The convert dialog passes the contact the user picked, with ``reuse_matches`` off; a
    lead without a company name then made a deal with no customer (not on the company's
    record, and it could never become an order)."""
    stages = ps.ensure_stages(ws)
    acme = cs.create_company(ws, CompanyData(name="杭州科技"))
    person = cs.create_contact(
        ws, ContactData(name="张伟", company_id=acme.id, mobile="13812345678")
    )
    result = convert(
        ws,
        lead(ws, name="张伟", mobile="13812345678"),
        contact_id=person.id,
        reuse_matches=False,
        opportunity=OpportunityData("Pumps", stages[0].id),
    )
    assert (result.company_id, result.contact_id) == (acme.id, person.id)
    assert not result.company_created and not result.contact_created
    assert ps.get_opportunity(ws, result.opportunity_id).data.company_id == acme.id  # type: ignore[arg-type]
    # A lead naming a company the user chose to create keeps that choice.
    result = convert(
        ws,
        lead(ws, name="张伟", company_name="新公司", mobile="13812345678"),
        contact_id=person.id,
        reuse_matches=False,
    )
    assert result.company_created and result.company_id != acme.id


def test_lead_validation_names_the_field(ws: Workspace) -> None:
    with pytest.raises(ValidationError) as err:
        ps.create_lead(ws, LeadData(name=" ", email="nobody@", mobile="12ab", source="x" * 101))
    assert set(err.value.errors) == {"name", "email", "mobile", "source"}
    assert ps.leads(ws) == []


def test_leads_search_by_pinyin_and_phone(ws: Workspace) -> None:
    wanted = lead(ws, name="张伟", company_name="杭州西湖科技", mobile="138 0013 8000")
    lead(ws, name="Bob", company_name="Acme")
    assert [x.id for x in ps.leads(ws, search="xihu")] == [wanted]
    assert [x.id for x in ps.leads(ws, search="13800138000")] == [wanted]
    assert [x.id for x in ps.leads(ws, search="zhang")] == [wanted]


# -- stage moves and history -------------------------------------------------------------------
def test_each_move_closes_the_previous_stay_and_opens_a_new_one(
    ws: Workspace, colleague: Workspace
) -> None:
    stages = ps.ensure_stages(ws)
    prospect, qualified, proposal = stages[:3]
    before = datetime.now(UTC)
    opp_id = deal(ws, "Pumps", prospect.id, amount=Decimal("1000"))
    v = ps.move_opportunity(ws, opp_id, ps.get_opportunity(ws, opp_id).version, qualified.id)
    v = ps.move_opportunity(colleague, opp_id, v, proposal.id)
    assert ps.get_opportunity(ws, opp_id).version == v
    history = ps.stage_history(ws, opp_id)
    assert [(h.stage_name, h.user_name) for h in history] == [
        ("Prospect", "Tester"),
        ("Qualified", "Tester"),
        ("Proposal", "Colleague"),
    ]
    assert before <= history[0].entered_at
    for earlier, later in itertools.pairwise(history):
        assert earlier.left_at == later.entered_at
    assert history[-1].left_at is None
    assert all(h.days(datetime.now(UTC)) >= 0 for h in history)
    opp = ps.get_opportunity(ws, opp_id)
    assert opp.stage_name == "Proposal" and opp.probability == 50
    assert opp.stage_entered_at == history[-1].entered_at


def test_moving_to_the_same_stage_changes_nothing(ws: Workspace) -> None:
    prospect = ps.ensure_stages(ws)[0]
    opp_id = deal(ws, "Pumps", prospect.id)
    version = ps.get_opportunity(ws, opp_id).version
    assert ps.move_opportunity(ws, opp_id, version, prospect.id) == version
    assert len(ps.stage_history(ws, opp_id)) == 1


def test_won_and_lost_close_the_deal_and_reopening_clears_it(ws: Workspace) -> None:
    stages = ps.ensure_stages(ws)
    prospect, negotiation = stages[0], stage(stages, "Negotiation")
    won, lost = stage(stages, "Won"), stage(stages, "Lost")
    opp_id = deal(ws, "Pumps", negotiation.id, probability=90)
    assert ps.get_opportunity(ws, opp_id).probability == 90  # typed by hand: kept
    v = ps.move_opportunity(ws, opp_id, ps.get_opportunity(ws, opp_id).version, won.id, "Price")
    opp = ps.get_opportunity(ws, opp_id)
    assert opp.outcome is Outcome.WON and opp.closed_at is not None
    assert opp.probability == 100 and opp.data.lost_reason == ""  # only a lost deal has one
    v = ps.move_opportunity(ws, opp_id, v, lost.id, " 价格 ")
    opp = ps.get_opportunity(ws, opp_id)
    assert opp.outcome is Outcome.LOST and opp.data.lost_reason == "价格"
    assert opp.probability == 0 and opp.closed_at is not None
    v = ps.move_opportunity(ws, opp_id, v, prospect.id)
    opp = ps.get_opportunity(ws, opp_id)
    assert opp.outcome is Outcome.OPEN and opp.closed_at is None
    assert opp.data.lost_reason == "" and opp.probability == 10


def test_a_deal_created_won_is_closed(ws: Workspace) -> None:
    won = stage(ps.ensure_stages(ws), "Won")
    opp = ps.get_opportunity(ws, deal(ws, "Pumps", won.id))
    assert opp.outcome is Outcome.WON and opp.closed_at is not None and opp.probability == 100


def test_two_users_moving_the_same_deal(ws: Workspace, colleague: Workspace) -> None:
    stages = ps.ensure_stages(ws)
    opp_id = deal(ws, "Pumps", stages[0].id)
    loaded = ps.get_opportunity(ws, opp_id).version  # both boards show this version
    ps.move_opportunity(colleague, opp_id, loaded, stages[2].id)
    with pytest.raises(ConflictError) as err:
        ps.move_opportunity(ws, opp_id, loaded, stages[1].id)
    assert err.value.changed_by == "Colleague" and "Colleague" in str(err.value)
    assert ps.get_opportunity(ws, opp_id).stage_name == "Proposal"
    assert [h.stage_name for h in ps.stage_history(ws, opp_id)] == ["Prospect", "Proposal"]


def test_moving_a_deal_a_colleague_deleted_is_a_conflict(
    ws: Workspace, colleague: Workspace
) -> None:
    stages = ps.ensure_stages(ws)
    opp_id = deal(ws, "Pumps", stages[0].id)
    version = ps.get_opportunity(ws, opp_id).version
    ps.delete_opportunities(colleague, [opp_id])
    with pytest.raises(ConflictError) as err:
        ps.move_opportunity(ws, opp_id, version, stages[1].id)
    assert err.value.deleted and err.value.changed_by == "Colleague"


def test_update_with_a_stage_change_records_history(ws: Workspace) -> None:
    stages = ps.ensure_stages(ws)
    opp_id = deal(ws, "Pumps", stages[0].id, amount=Decimal("500"))
    opp = ps.get_opportunity(ws, opp_id)
    updated = ps.update_opportunity(
        ws,
        opp_id,
        opp.version,
        replace(opp.data, stage_id=stages[2].id, probability=None, amount=Decimal("750.5")),
    )
    assert updated.stage_name == "Proposal" and updated.probability == 50
    assert updated.data.amount == Decimal("750.50")
    assert updated.version == opp.version + 1
    history = ps.stage_history(ws, opp_id)
    assert [h.stage_name for h in history] == ["Prospect", "Proposal"]
    assert history[0].left_at == history[1].entered_at == updated.stage_entered_at


def test_update_without_a_stage_change_keeps_history(ws: Workspace) -> None:
    stages = ps.ensure_stages(ws)
    opp_id = deal(ws, "Pumps", stages[0].id)
    opp = ps.get_opportunity(ws, opp_id)
    ps.update_opportunity(ws, opp_id, opp.version, replace(opp.data, next_step="Call"))
    assert len(ps.stage_history(ws, opp_id)) == 1


def test_update_to_won_closes_and_a_lost_reason_stays_only_on_lost(ws: Workspace) -> None:
    stages = ps.ensure_stages(ws)
    won, lost = stage(stages, "Won"), stage(stages, "Lost")
    opp_id = deal(ws, "Pumps", stages[0].id)
    opp = ps.get_opportunity(ws, opp_id)
    opp = ps.update_opportunity(
        ws, opp_id, opp.version, replace(opp.data, stage_id=lost.id, lost_reason="Price")
    )
    assert opp.outcome is Outcome.LOST and opp.closed_at is not None
    assert opp.data.lost_reason == "Price"
    opp = ps.update_opportunity(
        ws, opp_id, opp.version, replace(opp.data, stage_id=won.id, probability=None)
    )
    assert opp.outcome is Outcome.WON and opp.data.lost_reason == ""


def test_updating_over_a_colleagues_move_is_refused(ws: Workspace, colleague: Workspace) -> None:
    stages = ps.ensure_stages(ws)
    opp_id = deal(ws, "Pumps", stages[0].id)
    opp = ps.get_opportunity(ws, opp_id)
    ps.move_opportunity(colleague, opp_id, opp.version, stages[1].id)
    with pytest.raises(ConflictError) as err:
        ps.update_opportunity(ws, opp_id, opp.version, replace(opp.data, title="Valves"))
    assert err.value.changed_by == "Colleague"
    assert ps.get_opportunity(ws, opp_id).data.title == "Pumps"


def test_deal_validation_names_the_field(ws: Workspace) -> None:
    prospect = ps.ensure_stages(ws)[0]
    bad = OpportunityData(
        "",
        prospect.id,
        amount=Decimal("1000000000000"),
        probability=101,
        currency="RMB1",
        source="s" * 101,
        lost_reason="r" * 201,
    )
    with pytest.raises(ValidationError) as err:
        ps.create_opportunity(ws, bad)
    assert set(err.value.errors) == {
        "title",
        "amount",
        "probability",
        "currency",
        "source",
        "lost_reason",
    }
    opp_id = deal(ws, "Pumps", prospect.id)
    lost = stage(ps.stages(ws), "Lost")
    with pytest.raises(ValidationError) as err:
        ps.move_opportunity(ws, opp_id, ps.get_opportunity(ws, opp_id).version, lost.id, "r" * 201)
    assert "lost_reason" in err.value.errors
    assert ps.get_opportunity(ws, opp_id).stage_name == "Prospect"


# -- the board ---------------------------------------------------------------------------------
def test_board_columns_in_stage_order_with_counts_and_exact_sums(ws: Workspace) -> None:
    stages = ps.ensure_stages(ws)
    prospect, qualified = stages[0], stages[1]
    for amount in ("0.01", "33.33", "99999999.99"):
        deal(ws, f"Deal {amount}", prospect.id, amount=Decimal(amount))
    deal(ws, "Half", qualified.id, amount=Decimal("0.01"), probability=50)
    deal(ws, "Half again", qualified.id, amount=Decimal("0.01"), probability=50)
    deal(ws, "Half thrice", qualified.id, amount=Decimal("0.01"), probability=50)
    columns = ps.board(ws, BoardFilter(), TODAY)
    assert [c.stage.name for c in columns] == [s.name for s in stages]
    assert [c.count for c in columns] == [3, 3, 0, 0, 0, 0]
    assert columns[0].amount == Decimal("100000033.33")
    assert columns[0].weighted == cents(Decimal("100000033.33") * 10 / 100)
    assert columns[1].amount == Decimal("0.03")
    # Σ amount × p, rounded once: 0.015 -> 0.02 (not three cards of 0.01 each)
    assert columns[1].weighted == Decimal("0.02")
    funnel = {row.stage: row for row in ps.funnel(ws)}
    for column in columns:
        assert funnel[column.stage.name].weighted == column.weighted
        assert funnel[column.stage.name].amount == column.amount
    assert all(isinstance(c.amount, Decimal) for c in columns)


def test_closed_deals_leave_the_board_after_thirty_days(ws: Workspace) -> None:
    stages = ps.ensure_stages(ws)
    won = stage(stages, "Won")
    deal(ws, "Open", stages[0].id)
    closed = deal(ws, "Closed", stages[0].id)
    ps.move_opportunity(ws, closed, ps.get_opportunity(ws, closed).version, won.id)

    def cards(today: date) -> list[str]:
        return [card.title for col in ps.board(ws, BoardFilter(), today) for card in col.cards]

    assert sorted(cards(TODAY)) == ["Closed", "Open"]
    assert sorted(cards(TODAY + timedelta(days=29))) == ["Closed", "Open"]
    assert cards(TODAY + timedelta(days=31)) == ["Open"]
    # The list still has it.
    assert [o.data.title for o in ps.opportunity_list(ws, BoardFilter(), Outcome.WON)] == ["Closed"]


def test_board_filters_by_owner_close_period_and_search(
    ws: Workspace, colleague: Workspace
) -> None:
    stages = ps.ensure_stages(ws)
    xihu = cs.create_company(ws, CompanyData(name="杭州西湖科技有限公司"))
    acme = cs.create_company(ws, CompanyData(name="Acme Trading"))
    deal(ws, "水泵 200 台", stages[0].id, company_id=xihu.id, close_date=date(2030, 3, 15))
    deal(ws, "Valves", stages[1].id, company_id=acme.id, close_date=date(2030, 4, 1))
    deal(
        ws,
        "Spare parts",
        stages[2].id,
        company_id=acme.id,
        owner_id=colleague.user.id,
        close_date=date(2030, 3, 31),
    )
    deal(ws, "No date", stages[0].id)

    def titles(**flt: object) -> list[str]:
        columns = ps.board(ws, BoardFilter(**flt), TODAY)  # type: ignore[arg-type]
        return sorted(card.title for col in columns for card in col.cards)

    assert titles(owner_id=colleague.user.id) == ["Spare parts"]
    assert titles(owner_id=ws.user.id) == ["No date", "Valves", "水泵 200 台"]
    assert titles(close_from=date(2030, 3, 1), close_to=date(2030, 3, 31)) == [
        "Spare parts",
        "水泵 200 台",
    ]
    assert titles(search="xihu") == ["水泵 200 台"]
    assert titles(search="西湖") == ["水泵 200 台"]
    assert titles(search="水泵") == ["水泵 200 台"]
    assert titles(search="ACME") == ["Spare parts", "Valves"]
    assert titles(search="acme valves") == ["Valves"]
    assert titles(search="spare") == ["Spare parts"]
    assert titles(search="100%") == []
    columns = ps.board(ws, BoardFilter(search="acme"), TODAY)
    assert [c.count for c in columns][:3] == [0, 1, 1]
    owners = {card.title: card.owner_name for col in columns for card in col.cards}
    assert owners == {"Valves": "Tester", "Spare parts": "Colleague"}


def test_cards_show_overdue_next_steps(ws: Workspace) -> None:
    prospect = ps.ensure_stages(ws)[0]
    deal(ws, "Late", prospect.id, next_step="Call", next_step_date=TODAY - timedelta(days=1))
    deal(ws, "On time", prospect.id, next_step="Call", next_step_date=TODAY)
    cards = {c.title: c for c in ps.board(ws, BoardFilter(), TODAY)[0].cards}
    assert cards["Late"].next_step_overdue(TODAY)
    assert not cards["On time"].next_step_overdue(TODAY)


def test_deleted_deals_are_gone_from_board_list_forecast_and_funnel(ws: Workspace) -> None:
    prospect = ps.ensure_stages(ws)[0]
    opp_id = deal(ws, "Pumps", prospect.id, amount=Decimal("100"), close_date=date(2030, 1, 1))
    assert ps.delete_opportunities(ws, [opp_id]) == [opp_id]
    assert ps.board(ws, BoardFilter(), TODAY)[0].count == 0
    assert ps.opportunity_list(ws, BoardFilter()) == []
    assert ps.forecast(ws, "month") == []
    assert ps.funnel(ws)[0].count == 0


def test_list_sorts_by_amount(ws: Workspace) -> None:
    prospect = ps.ensure_stages(ws)[0]
    for title, amount in (("B", "20"), ("A", "300"), ("C", "1")):
        deal(ws, title, prospect.id, amount=Decimal(amount))
    assert [o.data.title for o in ps.opportunity_list(ws, BoardFilter(), sort="amount")] == [
        "C",
        "B",
        "A",
    ]
    rows = ps.opportunity_list(ws, BoardFilter(), sort="amount", descending=True)
    assert [o.data.title for o in rows] == ["A", "B", "C"]


# -- forecast and funnel -----------------------------------------------------------------------
def expected(deals: list[tuple[Decimal, int]]) -> tuple[Decimal, Decimal]:
    """Σ amount and Σ amount × p / 100 rounded half up once, computed here independently."""
    amount = sum((a for a, _ in deals), Decimal(0))
    weighted = sum((a * p for a, p in deals), Decimal(0)) / 100
    return amount, cents(weighted)


def test_forecast_is_decimal_exact_by_month_owner_and_both(
    ws: Workspace, colleague: Workspace
) -> None:
    stages = ps.ensure_stages(ws)
    prospect, won, lost = stages[0], stage(stages, "Won"), stage(stages, "Lost")
    me, other = ws.user.id, colleague.user.id
    plan = [
        # (amount, probability, close date, owner)
        (Decimal("0.01"), 33, date(2030, 1, 5), me),
        (Decimal("0.01"), 33, date(2030, 1, 6), me),
        (Decimal("33.33"), 67, date(2030, 1, 31), me),
        (Decimal("99999999.99"), 10, date(2030, 1, 1), other),
        (Decimal("0.10"), 67, date(2030, 2, 1), other),
        (Decimal("0.10"), 67, date(2030, 2, 28), other),
        (Decimal("0.10"), 67, date(2030, 2, 28), other),
        (Decimal("99999999.99"), 33, None, me),
        (Decimal("1.05"), 50, None, other),
    ]
    for number, (amount, p, close, owner) in enumerate(plan):
        deal(
            ws,
            f"Deal {number}",
            prospect.id,
            amount=amount,
            probability=p,
            close_date=close,
            owner_id=owner,
        )
    closed = deal(ws, "Closed", prospect.id, amount=Decimal("5000"), close_date=date(2030, 1, 9))
    ps.move_opportunity(ws, closed, ps.get_opportunity(ws, closed).version, won.id)
    gone = deal(ws, "Gone", prospect.id, amount=Decimal("7000"), close_date=date(2030, 2, 9))
    ps.move_opportunity(ws, gone, ps.get_opportunity(ws, gone).version, lost.id)

    def month_of(d: date | None) -> str | None:
        return d.strftime("%Y-%m") if d else None

    def want(keep: object) -> tuple[int, Decimal, Decimal]:
        chosen = [(a, p) for a, p, c, o in plan if keep(c, o)]  # type: ignore[operator]
        return (len(chosen), *expected(chosen))

    by_month = ps.forecast(ws, "month")
    assert [r.month for r in by_month] == ["2030-01", "2030-02", None]
    for row in by_month:
        assert row.owner is None
        assert (row.count, row.amount, row.weighted) == want(
            lambda c, o, m=row.month: month_of(c) == m
        )
    # 0.01 × 33 twice: 0.0033 + 0.0033 + 22.3311 = 22.3377 ... rounded only at the end
    assert by_month[1].weighted == Decimal("0.20")  # 3 × 0.067 = 0.201, not 3 × 0.07

    by_owner = ps.forecast(ws, "owner")
    assert [r.owner for r in by_owner] == ["Colleague", "Tester"]
    ids = {"Colleague": other, "Tester": me}
    for row in by_owner:
        assert row.month is None
        assert (row.count, row.amount, row.weighted) == want(
            lambda c, o, who=row.owner: o == ids[who]
        )

    both = ps.forecast(ws, "month,owner")
    assert [(r.month, r.owner) for r in both] == [
        ("2030-01", "Colleague"),
        ("2030-01", "Tester"),
        ("2030-02", "Colleague"),
        (None, "Colleague"),
        (None, "Tester"),
    ]
    for row in both:
        assert (row.count, row.amount, row.weighted) == want(
            lambda c, o, m=row.month, who=row.owner: month_of(c) == m and o == ids[who]
        )
    mine = ps.forecast(ws, "month", owner_id=me)
    assert sum(r.count for r in mine) == 4
    total = expected([(a, p) for a, p, *_ in plan])
    assert sum(r.amount for r in by_month) == total[0]


def test_forecast_grouping_is_checked(ws: Workspace) -> None:
    with pytest.raises(ValidationError) as err:
        ps.forecast(ws, "week")
    assert "by" in err.value.errors


def test_funnel_per_stage_in_order(ws: Workspace) -> None:
    stages = ps.ensure_stages(ws, "zh_CN")
    won, lost = stage(stages, "赢单"), stage(stages, "输单")
    deal(ws, "A", stages[0].id, amount=Decimal("33.33"))
    deal(ws, "B", stages[0].id, amount=Decimal("66.67"), probability=67)
    deal(ws, "C", stages[3].id, amount=Decimal("99999999.99"))
    w = deal(ws, "W", stages[0].id, amount=Decimal("10"))
    ps.move_opportunity(ws, w, ps.get_opportunity(ws, w).version, won.id)
    x = deal(ws, "X", stages[0].id, amount=Decimal("20"))
    ps.move_opportunity(ws, x, ps.get_opportunity(ws, x).version, lost.id, "价格")
    rows = ps.funnel(ws)
    assert [(r.stage, r.outcome, r.count) for r in rows] == [
        ("初步接洽", Outcome.OPEN, 2),
        ("需求确认", Outcome.OPEN, 0),
        ("方案报价", Outcome.OPEN, 0),
        ("谈判", Outcome.OPEN, 1),
        ("赢单", Outcome.WON, 1),
        ("输单", Outcome.LOST, 1),
    ]
    assert rows[0].amount == Decimal("100.00")
    assert rows[0].weighted == expected([(Decimal("33.33"), 10), (Decimal("66.67"), 67)])[1]
    assert rows[3].weighted == cents(Decimal("99999999.99") * 75 / 100)
    assert rows[4].weighted == Decimal("10.00") and rows[5].weighted == Decimal("0.00")
    assert rows[1].amount == Decimal("0.00")


def test_a_renamed_customer_or_contact_still_finds_its_deals(ws: Workspace, tmp_path) -> None:
    from openpyxl import Workbook

    from crm_desktop.services import importing

    stages = ps.ensure_stages(ws, "en")
    company = cs.create_company(ws, CompanyData(name="Acme Trading"))
    person = cs.create_contact(ws, ContactData(name="Anna Lee", company_id=company.id))
    deal = ps.create_opportunity(
        ws,
        OpportunityData("Spare parts", stages[0].id, company_id=company.id, contact_id=person.id),
    )

    def found(search: str) -> list[int]:
        return [
            c.id
            for col in ps.board(ws, BoardFilter(search=search), date.today())
            for c in col.cards
        ]

    cs.update_company(ws, company.id, company.stamp.version, CompanyData(name="西湖茶叶"))
    assert found("西湖") == [deal.id] and found("xihu") == [deal.id] and found("Acme") == []
    cs.update_contact(
        ws,
        person.id,
        person.stamp.version,
        ContactData(name="Anna Stone", company_id=company.id, mobile="13800138000"),
    )
    assert found("Stone") == [deal.id]
    # A re-imported sheet that renames the person (matched by its ID column) does the same.
    book = Workbook()
    sheet = book.active
    sheet.append(["ID", "Name", "Company", "Mobile"])
    sheet.append([str(person.id), "Anna Stoneham", "西湖茶叶", "13800138000"])
    path = tmp_path / "renamed.xlsx"
    book.save(path)
    report = importing.import_file(
        ws, path, options=importing.ImportOptions(on_duplicate="update", overwrite=True)
    )
    assert report.updated == 1 and report.created == 0, report.errors
    assert found("Stoneham") == [deal.id]


def test_a_landline_written_the_chinese_way_finds_the_contact_written_abroad(
    ws: Workspace,
) -> None:
    known = cs.create_contact(ws, ContactData(name="Wang Fang", phone="+86 571 8888 6666"))
    lead_id = lead(ws, name="王芳", phone="(0571) 8888-6666")
    _, contacts = ps.conversion_matches(ws, lead_id)
    assert [c[0] for c in contacts] == [known.id]
    result = convert(ws, lead_id)
    assert result.contact_id == known.id and not result.contact_created


# -- seeding the default stages once -------------------------------------------------------------
def test_reading_stages_never_writes_them(ws: Workspace) -> None:
    """A database opened without a language has no stages, and reading them (as the board,
    the dialogs and the reports do) leaves it so: reads are reads."""
    assert ps.stages(ws) == []
    assert ps.board(ws, BoardFilter(), TODAY) == []
    assert ps.funnel(ws) == [] and ps.lost_reasons(ws) == []
    assert ps.stages(ws) == []


def test_seeding_happens_once_in_the_first_language(ws: Workspace, colleague: Workspace) -> None:
    assert seed_defaults(ws.database, "zh_CN")
    assert not seed_defaults(colleague.database, "en")  # already there: nothing written
    names = [s.name for s in ps.stages(colleague)]
    assert names == ["初步接洽", "需求确认", "方案报价", "谈判", "赢单", "输单"]
    assert ps.lost_reasons(colleague)[0] == "价格"
    # a database whose stages were all retired keeps them retired
    with ws.writing() as uow:
        uow.session.execute(text("UPDATE stages SET deleted_at = CURRENT_TIMESTAMP"))
        uow.commit()
    assert not seed_defaults(ws.database, "en") and ps.stages(ws) == []


def test_opening_a_workspace_in_a_language_seeds_its_stages(db_path: Path) -> None:
    first = open_workspace(db_path, "Tester", language="zh-Hans")
    try:
        assert ps.stages(first)[0].name == "初步接洽"
    finally:
        first.close()
    again = open_workspace(db_path, "Colleague", language="en")
    try:
        assert ps.stages(again)[0].name == "初步接洽"  # made once, kept
        assert len(ps.stages(again)) == 6
    finally:
        again.close()
