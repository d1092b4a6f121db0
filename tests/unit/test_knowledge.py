"""The knowledge base: articles searched in Chinese, English and pinyin; from a ticket."""

from __future__ import annotations

import pytest

from crm_desktop.domain.errors import ConflictError, ValidationError
from crm_desktop.domain.records import CompanyData
from crm_desktop.domain.service import ArticleData, TicketData, TicketKind, TicketStatus
from crm_desktop.services import contacts as cs
from crm_desktop.services import knowledge as kb
from crm_desktop.services import tickets as tk
from crm_desktop.services.workspace import Workspace


def _articles(ws: Workspace) -> tuple[int, int]:
    zh = kb.add_article(
        ws,
        ArticleData(
            title="水泵漏水怎么办",
            body="先关闭电源，检查密封圈是否老化，更换密封圈后试运行十分钟。",
            category="维修",
            tags=("水泵", "密封圈"),
            language="zh_CN",
        ),
    )
    en = kb.add_article(
        ws,
        ArticleData(
            title="Resetting the controller",
            body="Hold the reset button for five seconds until the light blinks.",
            category="Repair",
            tags=("controller",),
        ),
    )
    return zh.id, en.id


def ids(ws: Workspace, query: str, language: str | None = None) -> list[int]:
    return [a.id for a in kb.search_articles(ws, query, language)]


def test_search_chinese_english_and_pinyin(ws: Workspace) -> None:
    zh, en = _articles(ws)
    assert ids(ws, "漏水") == [zh]
    assert ids(ws, "密封圈") == [zh]  # in the body and the tags
    assert ids(ws, "水") == [zh]  # one character: the word index
    assert ids(ws, "shuibeng") == [zh]  # the title's pinyin
    assert ids(ws, "reset") == [en]
    assert ids(ws, "five seconds") == [en]
    assert ids(ws, "controller", "zh_CN") == []
    assert set(ids(ws, "")) == {zh, en}


def test_update_delete_and_conflicts(ws: Workspace, colleague: Workspace) -> None:
    zh, en = _articles(ws)
    article = kb.get_article(ws, en)
    changed = kb.update_article(
        ws, en, article.version, ArticleData("Resetting the PLC", "Power off and on.", "Repair")
    )
    assert changed.version == article.version + 1 and ids(ws, "plc") == [en]
    assert ids(ws, "blinks") == []
    with pytest.raises(ConflictError):
        kb.update_article(colleague, en, article.version, ArticleData("x", "y"))
    assert kb.delete_articles(ws, [zh]) == [zh]
    assert ids(ws, "漏水") == []
    assert kb.restore_articles(ws, [zh]) == [zh] and ids(ws, "漏水") == [zh]
    with pytest.raises(ValidationError):
        kb.add_article(ws, ArticleData(title=" ", body="", language="fr"))


def test_turn_a_tickets_answer_into_an_article(ws: Workspace) -> None:
    company = cs.create_company(ws, CompanyData(name="宁波精密机械"))
    t = tk.open_ticket(
        ws, TicketData(kind=TicketKind.INQUIRY, subject="如何清洗滤网", company_id=company.id,
                       category="产品信息"),
    )  # fmt: skip
    with pytest.raises(ValidationError):
        kb.article_from_ticket(ws, t.id)
    t = tk.reply(ws, t.id, t.version, "拆下滤网，用温水冲洗，晾干后装回。")
    article = kb.article_from_ticket(ws, t.id, tags=("滤网",))
    assert article.data.title == "如何清洗滤网" and article.data.language == "zh_CN"
    assert article.data.body == "拆下滤网，用温水冲洗，晾干后装回。"
    assert article.source_ticket_id == t.id and article.data.category == "产品信息"
    tk.set_status(ws, t.id, t.version, TicketStatus.RESOLVED, resolution="每月清洗一次滤网。")
    again = kb.article_from_ticket(ws, t.id, title="滤网保养")
    assert again.data.body == "每月清洗一次滤网。"
    assert ids(ws, "滤网") == [again.id, article.id]
