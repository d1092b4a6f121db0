"""Demo service data: tickets of every kind and status over the last 12 months (some overdue,
some with satisfaction scores), with their timelines; the service categories; knowledge-base
articles in English and Chinese. Written in bulk inside the demo's transaction."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from crm_desktop.db.bulk_sales import CustomerRow
from crm_desktop.db.bulk_service import SEARCHED, ServiceBulkRepository
from crm_desktop.domain.errors import Cancelled
from crm_desktop.domain.service import (
    DEFAULT_TARGETS,
    ArticleData,
    Channel,
    EventKind,
    Priority,
    TicketKind,
    TicketStatus,
    default_categories,
)
from crm_desktop.services.workspace import Workspace

STEP_SERVICE = "service"  # progress label: tickets and the knowledge base
TICKETS_PER_COMPANY = 1.0
MAX_TICKETS = 20_000  # of a default demo; the benchmark asks for more
BATCH = 5000
DAYS = 365

_KIND_WEIGHTS = {TicketKind.INQUIRY: 40, TicketKind.COMPLAINT: 25, TicketKind.REPAIR: 25,
                 TicketKind.VISIT: 10}  # fmt: skip
_PRIORITY_WEIGHTS = {Priority.LOW: 20, Priority.NORMAL: 50, Priority.HIGH: 20, Priority.URGENT: 10}
_RECENT = {TicketStatus.NEW: 15, TicketStatus.ASSIGNED: 15, TicketStatus.IN_PROGRESS: 25,
           TicketStatus.WAITING: 10, TicketStatus.RESOLVED: 15, TicketStatus.CLOSED: 15,
           TicketStatus.REOPENED: 5}  # fmt: skip
_OLD = {TicketStatus.CLOSED: 70, TicketStatus.RESOLVED: 25, TicketStatus.IN_PROGRESS: 3,
        TicketStatus.WAITING: 2}  # fmt: skip
_SCORES = ((5, 40), (4, 30), (3, 15), (2, 10), (1, 5))

SUBJECTS = {
    "en": {
        TicketKind.INQUIRY: ("Price of the spare filter", "Delivery time for 200 units",
                             "Is the model compatible with 220 V?", "Warranty terms",
                             "Bulk discount question", "Order status"),
        TicketKind.COMPLAINT: ("Pump leaks after a week", "Wrong items delivered",
                               "Invoice amount is wrong", "Rude answer on the hotline",
                               "Package arrived damaged", "Late delivery again"),
        TicketKind.REPAIR: ("Motor makes a loud noise", "Controller does not start",
                            "Display shows error E04", "Conveyor belt slips",
                            "Install the new dryer", "Yearly maintenance"),
        TicketKind.VISIT: ("Follow-up after repair", "Satisfaction call",
                           "Check after complaint", "Quarterly check-in"),
    },
    "zh_CN": {
        TicketKind.INQUIRY: ("滤芯配件价格咨询", "200台的交货期", "是否支持220V电压", "保修条款咨询",
                             "批量采购折扣", "订单进度查询"),
        TicketKind.COMPLAINT: ("水泵使用一周后漏水", "发错货", "发票金额有误", "客服热线态度差",
                               "包装破损", "再次延迟发货"),
        TicketKind.REPAIR: ("电机噪音大", "控制器无法启动", "显示屏报错E04", "输送带打滑",
                            "新烘干机安装", "年度保养"),
        TicketKind.VISIT: ("维修后回访", "满意度回访", "投诉处理回访", "季度回访"),
    },
}  # fmt: skip
REPLIES = {
    "en": ("Thank you, we are looking into it.", "A technician will call you today.",
           "We have sent the corrected invoice.", "The replacement ships tomorrow."),
    "zh_CN": ("收到，我们正在处理。", "技术人员今天会联系您。", "已重新开具正确的发票。",
              "替换件明天发出。"),
}  # fmt: skip
RESOLUTIONS = {
    "en": ("Replaced the seal; tested for 10 minutes.", "Sent the missing items.",
           "Credit note issued.", "Explained the settings; customer satisfied.",
           "Firmware updated on site."),
    "zh_CN": ("更换密封圈，试运行10分钟正常。", "补发缺少的货品。", "已开具红字发票。",
              "已讲解设置，客户满意。", "上门升级固件。"),
}  # fmt: skip

ARTICLES = (
    ArticleData("Pump leaks: check the seal first",
                "Switch the pump off, open the cover and check the seal ring for cracks. Replace "
                "it (part SR-20) and run the pump for ten minutes.", "Repair", ("pump", "seal")),
    ArticleData("Resetting the controller",
                "Hold the reset button for five seconds until the green light blinks.",
                "Repair", ("controller",)),
    ArticleData("Error E04 on the display",
                "E04 means the temperature sensor is disconnected. Check the plug behind the "
                "front panel.", "Repair", ("error", "display")),
    ArticleData("Warranty terms",
                "All machines carry a 24-month warranty from delivery; wear parts 6 months.",
                "Product information", ("warranty",)),
    ArticleData("How to correct an invoice",
                "Finance issues a credit note and a new invoice within two working days.",
                "Billing", ("invoice", "billing")),
    ArticleData("Damaged delivery",
                "Take photos before signing, note the damage on the delivery slip, and send "
                "the photos to service.", "Delivery", ("delivery", "damage")),
    ArticleData("水泵漏水处理方法",
                "先关闭电源，打开外壳检查密封圈是否有裂纹。更换密封圈（配件SR-20）后试运行十分钟。",
                "上门维修", ("水泵", "密封圈"), "zh_CN"),
    ArticleData("控制器复位步骤", "按住复位键五秒，直到绿灯闪烁。", "上门维修", ("控制器",),
                "zh_CN"),
    ArticleData("显示屏报错E04", "E04表示温度传感器未连接，请检查前面板后的插头。", "上门维修",
                ("报错", "显示屏"), "zh_CN"),
    ArticleData("保修政策", "整机自交货之日起保修24个月，易损件保修6个月。", "产品信息",
                ("保修",), "zh_CN"),
    ArticleData("发票更正流程", "财务在两个工作日内开具红字发票并重新开票。", "账单发票",
                ("发票",), "zh_CN"),
    ArticleData("到货破损怎么办", "签收前拍照，在送货单上注明破损情况，并将照片发给客服。",
                "物流配送", ("物流", "破损"), "zh_CN"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ServiceSummary:
    tickets: int = 0
    ticket_events: int = 0
    articles: int = 0


def default_tickets(new_companies: int) -> int:
    return min(round(new_companies * TICKETS_PER_COMPANY), MAX_TICKETS)


def _han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


class ServiceGenerator:
    def __init__(
        self, bulk: ServiceBulkRepository, rng: random.Random, now: datetime, language: str
    ) -> None:
        self.bulk = bulk
        self.rng = rng
        self.now = now
        self.language = language

    def setup(self) -> int:
        """Categories in the demo's language and the articles (once); the articles made."""
        lang = "zh_CN" if self.language.startswith("zh") else "en"
        self.bulk.seed_categories({k: default_categories(lang, k) for k in TicketKind})
        if self.bulk.has_articles():
            return 0
        self.bulk.add_articles(ARTICLES, self.now)
        return len(ARTICLES)

    def tickets(
        self,
        customers: Sequence[CustomerRow],
        count: int,
        owners: Sequence[int],
        report: Callable[[int, int, str], None],
        stop: Callable[[], bool],
    ) -> tuple[int, int]:
        """``count`` tickets at ``customers``; (tickets, events) made."""
        events = 0
        if not customers:
            return 0, 0
        with self.bulk.bulk.search_index_deferred(SEARCHED):
            ids = self.bulk.reserve_ids("tickets", count)
            for start in range(0, count, BATCH):
                if stop():
                    raise Cancelled()
                rows, timeline, names = [], [], {}
                for ticket_id in ids[start : start + BATCH]:
                    who = self.rng.choice(customers)
                    row, lines = self._ticket(ticket_id, who, owners)
                    rows.append(row)
                    timeline.extend(lines)
                    names[ticket_id] = (who.name, who.contact_name)
                self.bulk.add_tickets(rows, names, self.now)
                self.bulk.add_events(timeline)
                events += len(timeline)
                report(start + len(rows), count, STEP_SERVICE)
        return count, events

    def _ticket(
        self, ticket_id: int, who: CustomerRow, owners: Sequence[int]
    ) -> tuple[dict[str, object], list[dict[str, object]]]:
        r = self.rng
        now = self.now
        lang = "zh_CN" if _han(who.name) else "en"
        kind = r.choices(list(_KIND_WEIGHTS), list(_KIND_WEIGHTS.values()))[0]
        priority = r.choices(list(_PRIORITY_WEIGHTS), list(_PRIORITY_WEIGHTS.values()))[0]
        age = timedelta(days=r.random() ** 1.6 * DAYS, minutes=r.randrange(24 * 60))
        opened = now - age
        weights = _OLD if age > timedelta(days=20) else _RECENT
        status = r.choices(list(weights), list(weights.values()))[0]
        target = DEFAULT_TARGETS[priority]
        first_due = opened + timedelta(seconds=target.first_response)
        resolution_due = opened + timedelta(seconds=target.resolution)

        def after(start: datetime, seconds: float, low: float, high: float) -> datetime:
            return min(start + timedelta(seconds=seconds * r.uniform(low, high)), now)

        assignee = None if status is TicketStatus.NEW else r.choice(owners)
        first_at = (
            None if status is TicketStatus.NEW else after(opened, target.first_response, 0.05, 1.4)
        )
        resolved = closed = None
        if status in (TicketStatus.RESOLVED, TicketStatus.CLOSED):
            resolved = after(opened, target.resolution, 0.1, 1.5)
            if first_at is not None and resolved < first_at:
                resolved = first_at
        if status is TicketStatus.CLOSED and resolved is not None:
            closed = min(resolved + timedelta(hours=r.uniform(1, 72)), now)
        paused = None
        if status is TicketStatus.WAITING:
            paused = max(opened, now - timedelta(hours=r.uniform(1, 48)))
        satisfaction = None
        if closed is not None and r.random() < 0.6:
            satisfaction = r.choices([s for s, _ in _SCORES], [w for _, w in _SCORES])[0]
        subject = r.choice(SUBJECTS[lang][kind])
        resolution = r.choice(RESOLUTIONS[lang]) if resolved is not None else ""
        row: dict[str, object] = {
            "id": ticket_id, "kind": kind.value, "subject": subject, "description": "",
            "company_id": who.id, "contact_id": who.contact_id,
            "channel": r.choice(list(Channel)).value,
            "category": r.choice(default_categories(lang, kind)), "priority": int(priority),
            "status": status.value, "assignee_id": assignee, "opened_at": opened,
            "first_response_at": first_at, "resolved_at": resolved, "closed_at": closed,
            "first_response_due": first_due, "resolution_due": resolution_due,
            "first_response_target": target.first_response,
            "resolution_target": target.resolution, "paused_at": paused, "paused_seconds": 0,
            "satisfaction": satisfaction, "resolution": resolution, "created_at": opened,
            "updated_at": closed or resolved or first_at or opened,
        }  # fmt: skip

        def event(
            kind: EventKind, at: datetime, body: str = "", old: str = "", new: str = ""
        ) -> dict[str, object]:
            return {"ticket_id": ticket_id, "kind": kind.value, "at": at, "user_id": assignee,
                    "body": body, "old_value": old, "new_value": new, "activity_id": None}  # fmt: skip

        lines = [event(EventKind.OPENED, opened, new=TicketStatus.NEW.value)]
        if first_at is not None:
            lines.append(event(EventKind.REPLY, first_at, r.choice(REPLIES[lang])))
        if resolved is not None:
            lines.append(event(EventKind.STATUS, resolved, resolution, "in_progress", "resolved"))
        if closed is not None:
            lines.append(event(EventKind.STATUS, closed, "", "resolved", "closed"))
        return row, lines


def add_service(
    bulk: ServiceBulkRepository,
    rng: random.Random,
    now: datetime,
    language: str,
    first_company: int,
    count: int,
    owners: Sequence[int],
    report: Callable[[int, int, str], None],
    stop: Callable[[], bool],
) -> ServiceSummary:
    """The service part of a demo, inside its transaction: tickets at the companies from
    ``first_company`` on, the categories and (once) the articles."""
    gen = ServiceGenerator(bulk, rng, now, language)
    articles = gen.setup()
    made, events = gen.tickets(bulk.customers(first_company), count, owners, report, stop)
    return ServiceSummary(made, events, articles)


def add_demo_tickets(ws: Workspace, count: int, seed: int | None = None) -> ServiceSummary:
    """``count`` demo tickets at the companies already in the database, in one transaction
    (the benchmark grows a database to 100,000 tickets this way)."""
    from crm_desktop.db.bulk_service import ServiceBulkRepository as Bulk

    with ws.writing() as uow:
        owners = [u.id for u in uow.users.all()] or [ws.user.id]
        summary = add_service(
            Bulk(uow.bulk), random.Random(seed), datetime.now().astimezone(), "zh_CN", 0,
            count, owners, lambda *_: None, lambda: False,
        )  # fmt: skip
        uow.commit()
    return summary
