"""Realistic demo data in English and Chinese: salespeople, companies, contacts, history, tasks,
and (services/demo_sales.py) leads, deals, products, quotes, orders and payments.

Built for speed (100,000 contacts in well under a minute): Faker fills pools of names, streets
and companies once; rows are then drawn from the pools with a seeded ``random.Random`` and written
with bulk Core inserts, all in one write transaction (Cancel or an error leaves the file as it
was).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache

from faker import Faker
from pypinyin import Style, lazy_pinyin

from crm_desktop.db.bulk import BulkRepository
from crm_desktop.db.bulk_sales import SalesBulkRepository
from crm_desktop.db.bulk_service import ServiceBulkRepository
from crm_desktop.domain.errors import Cancelled, CrmError
from crm_desktop.domain.records import ActivityKind, Change, ChangeAction, RecordKind
from crm_desktop.services import demo_sales, demo_service
from crm_desktop.services.workspace import Workspace

Progress = Callable[[int, int, str], None]
LOCALES = ("en", "zh_CN", "mixed")
BATCH = 5000
CONTACTS_PER_COMPANY = 4
ACTIVITIES_PER_CONTACT = 2  # on average; drawn 0..4
TASK_SHARE = 0.25  # follow-ups per contact, on average

# Progress labels; the GUI translates them (ui/app maps these keys to tr() strings).
STEP_PREPARE = "preparing"
STEP_COMPANIES = "companies"
STEP_CONTACTS = "contacts"
STEP_PIPELINE = demo_sales.STEP_PIPELINE  # leads, deals and their stage history
STEP_ORDERS = demo_sales.STEP_ORDERS  # quotes, orders, lines and payments
STEP_SERVICE = demo_service.STEP_SERVICE  # tickets and the knowledge base
STEP_SAVING = "saving"


@dataclass(frozen=True, slots=True)
class DemoSummary:
    users: int
    companies: int
    contacts: int
    activities: int
    tasks: int
    tags: int
    leads: int = 0
    opportunities: int = 0
    products: int = 0
    orders: int = 0
    quotes: int = 0
    order_lines: int = 0
    payments: int = 0
    tickets: int = 0
    ticket_events: int = 0
    articles: int = 0


@dataclass(frozen=True, slots=True)
class _Place:
    region: str
    city: str
    area_code: str


@dataclass(frozen=True, slots=True)
class _Culture:
    """Everything locale-specific the generator draws from."""

    code: str
    places: tuple[_Place, ...]
    industries: tuple[tuple[str, str], ...]  # (industry, word used in company names)
    titles: tuple[str, ...]
    sources: tuple[str, ...]
    tags: tuple[str, ...]
    salespeople: tuple[tuple[str, str], ...]
    subjects: dict[ActivityKind, tuple[str, ...]]
    outcomes: tuple[str, ...]
    task_titles: tuple[str, ...]
    notes: tuple[str, ...]


ZH = _Culture(
    code="zh_CN",
    places=tuple(
        _Place(r, c, a)
        for r, c, a in (
            ("广东", "广州", "020"),
            ("广东", "深圳", "0755"),
            ("广东", "东莞", "0769"),
            ("浙江", "杭州", "0571"),
            ("浙江", "宁波", "0574"),
            ("江苏", "南京", "025"),
            ("江苏", "苏州", "0512"),
            ("上海", "上海", "021"),
            ("北京", "北京", "010"),
            ("四川", "成都", "028"),
            ("湖北", "武汉", "027"),
            ("山东", "青岛", "0532"),
            ("福建", "厦门", "0592"),
            ("天津", "天津", "022"),
        )
    ),
    industries=(
        ("制造业", "机械"),
        ("电子", "电子"),
        ("信息技术", "科技"),
        ("批发零售", "贸易"),
        ("建材", "建材"),
        ("物流", "物流"),
        ("食品", "食品"),
        ("医疗器械", "医疗器械"),
        ("教育培训", "教育"),
    ),
    titles=(
        "总经理",
        "采购经理",
        "销售总监",
        "财务主管",
        "技术总监",
        "行政主管",
        "采购专员",
        "董事长",
    ),
    sources=("展会", "转介绍", "官网", "电话开发", "老客户", "阿里巴巴"),
    tags=("重点客户", "老客户", "VIP", "展会", "需回访", "经销商"),
    salespeople=(
        ("王芳", "wangfang@example.cn"),
        ("李强", "liqiang@example.cn"),
        ("陈静", "chenjing@example.cn"),
        ("刘洋", "liuyang@example.cn"),
    ),
    subjects={
        ActivityKind.CALL: ("电话回访", "确认报价", "询问交期", "售后回访", "约见面时间"),
        ActivityKind.MEETING: ("产品演示", "年度合作洽谈", "技术交流会"),
        ActivityKind.VISIT: ("上门拜访", "参观工厂", "节日拜访"),
        ActivityKind.EMAIL: ("发送报价单", "发送产品目录", "合同草稿"),
        ActivityKind.NOTE: ("客户偏好微信沟通", "决策人是总经理", "预算第四季度批下"),
    },
    outcomes=(
        "客户对报价有兴趣，下周再联系",
        "需要补发产品资料",
        "暂无需求，三个月后再跟进",
        "已确认订单细节",
        "客户要求上门演示",
        "价格偏高，需申请折扣",
        "",
    ),
    task_titles=("回访客户", "发送报价", "确认回款", "安排演示", "寄送样品", "跟进合同"),
    notes=("春节前备货", "只接受月结", "对价格敏感", "去年投诉过交期，注意", ""),
)

EN = _Culture(
    code="en_US",
    places=tuple(
        _Place(r, c, a)
        for r, c, a in (
            ("California", "San Francisco", "415"),
            ("California", "Los Angeles", "213"),
            ("New York", "New York", "212"),
            ("Texas", "Austin", "512"),
            ("Texas", "Houston", "713"),
            ("Illinois", "Chicago", "312"),
            ("Washington", "Seattle", "206"),
            ("Massachusetts", "Boston", "617"),
            ("Georgia", "Atlanta", "404"),
            ("Colorado", "Denver", "303"),
        )
    ),
    industries=(
        ("Manufacturing", "Machinery"),
        ("Electronics", "Electronics"),
        ("IT services", "Systems"),
        ("Wholesale", "Trading"),
        ("Construction", "Building Supply"),
        ("Logistics", "Logistics"),
        ("Food", "Foods"),
        ("Medical devices", "Medical"),
        ("Education", "Learning"),
    ),
    titles=(
        "CEO",
        "Purchasing Manager",
        "Sales Director",
        "Finance Manager",
        "CTO",
        "Office Manager",
        "Buyer",
        "Owner",
    ),
    sources=("Trade fair", "Referral", "Website", "Cold call", "Existing customer", "LinkedIn"),
    tags=("Key account", "Newsletter", "VIP", "Trade fair", "Call back", "Reseller"),
    salespeople=(
        ("Emily Carter", "emily.carter@example.com"),
        ("James Miller", "james.miller@example.com"),
        ("Sofia Garcia", "sofia.garcia@example.com"),
    ),
    subjects={
        ActivityKind.CALL: ("Follow-up call", "Price check", "Delivery date", "After-sales call"),
        ActivityKind.MEETING: ("Product demo", "Annual review", "Technical workshop"),
        ActivityKind.VISIT: ("Site visit", "Factory tour", "Holiday visit"),
        ActivityKind.EMAIL: ("Sent quote", "Sent catalogue", "Contract draft"),
        ActivityKind.NOTE: ("Prefers e-mail", "CEO decides", "Budget approved in Q4"),
    },
    outcomes=(
        "Interested in the quote, call again next week",
        "Needs the product sheet",
        "No need now, follow up in three months",
        "Order details confirmed",
        "Asked for an on-site demo",
        "Price too high, ask for a discount",
        "",
    ),
    task_titles=(
        "Call back",
        "Send quote",
        "Confirm payment",
        "Arrange demo",
        "Ship samples",
        "Follow up on contract",
    ),
    notes=("Orders before Christmas", "Net 30 only", "Price-sensitive", "Complained once", ""),
)

ZH_MOBILE_PREFIXES = ("133", "135", "136", "137", "138", "139", "150", "151", "158", "159", "186")
ZH_ROADS = (
    "人民路",
    "解放路",
    "中山路",
    "建设路",
    "和平路",
    "科技园路",
    "工业大道",
    "滨江路",
    "长江路",
    "黄河路",
    "新华路",
    "东风路",
)
KIND_WEIGHTS = {
    ActivityKind.CALL: 45,
    ActivityKind.EMAIL: 20,
    ActivityKind.NOTE: 15,
    ActivityKind.MEETING: 10,
    ActivityKind.VISIT: 10,
}
_SLUG = re.compile(r"[^a-z0-9]+")


@cache
def _pinyin(text: str) -> str:
    return "".join(lazy_pinyin(text, errors="ignore"))


@cache
def _initials(text: str) -> str:
    return "".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore"))


class _Pools:
    """Names, streets and company words per culture, made once with Faker."""

    def __init__(self, culture: _Culture, seed: int) -> None:
        fake = Faker(culture.code)
        fake.seed_instance(seed)
        self.culture = culture
        self.last = sorted({fake.last_name() for _ in range(400)})
        self.first = sorted({fake.first_name() for _ in range(600)})
        rng = random.Random(seed)
        if culture is ZH:
            # Faker's Chinese street addresses read oddly; roads and numbers do not.
            self.streets = sorted(
                {f"{rng.choice(ZH_ROADS)}{rng.randint(1, 999)}号" for _ in range(600)}
            )
            self.brands = sorted({fake.company_prefix() for _ in range(400)})
        else:
            self.streets = sorted({fake.street_address() for _ in range(600)})
            self.brands = self.last


class _Generator:
    def __init__(self, ws: Workspace, seed: int | None, locale: str) -> None:
        self.rng = random.Random(seed)
        base = self.rng.randrange(1 << 30)
        wanted = {"en": (EN,), "zh_CN": (ZH,), "mixed": (ZH, EN)}[locale]
        self.pools = [_Pools(c, base + i) for i, c in enumerate(wanted)]
        # Mixed data leans Chinese, like most of our users' customer lists.
        self.weights = [70, 30] if len(self.pools) == 2 else [1]
        self.company_names: set[str] = set()
        self.today = date.today()
        self.now = datetime.now(UTC)

    def pool(self) -> _Pools:
        return self.rng.choices(self.pools, self.weights)[0]

    # --- people and phones -------------------------------------------------------------------
    def person(self, p: _Pools) -> tuple[str, str, str]:
        """(display name, e-mail local part, im handle)."""
        last, first = self.rng.choice(p.last), self.rng.choice(p.first)
        if p.culture is ZH:
            name = last + first
            local = _pinyin(name) + (
                str(self.rng.randint(1, 99)) if self.rng.random() < 0.3 else ""
            )
            return name, local, "wx_" + local
        return f"{first} {last}", _SLUG.sub(".", f"{first}.{last}".lower()).strip("."), ""

    def mobile(self, p: _Pools) -> str:
        r = self.rng
        if p.culture is ZH:
            return r.choice(ZH_MOBILE_PREFIXES) + f"{r.randrange(10**8):08d}"
        return f"+1 {r.choice(p.culture.places).area_code}-{r.randint(201, 989)}-{r.randrange(10**4):04d}"

    def landline(self, p: _Pools, place: _Place) -> str:
        r = self.rng
        if p.culture is ZH:
            digits = 8 if len(place.area_code) == 3 else 7
            first = r.randint(2, 8)
            return f"{place.area_code}-{first}{r.randrange(10 ** (digits - 1)):0{digits - 1}d}"
        return f"+1 {place.area_code}-{r.randint(201, 989)}-{r.randrange(10**4):04d}"

    # --- companies ---------------------------------------------------------------------------
    def company(self, cid: int, owners: list[int]) -> tuple[dict[str, object], _Pools, str]:
        r = self.rng
        p = self.pool()
        c = p.culture
        for _ in range(20):  # no duplicate customers, even in demo data: draw again
            place = r.choice(c.places)
            industry, word = r.choice(c.industries)
            brand = r.choice(p.brands)
            if c is ZH:
                name = f"{place.city}{brand}{word}有限公司"
                domain = f"{_pinyin(brand)}{_initials(word)}.com.cn"
            else:
                name = f"{brand} {word} {r.choice(('Inc.', 'LLC', 'Co.', 'Group'))}"
                domain = _SLUG.sub("-", f"{brand} {word}".lower()).strip("-") + ".com"
            if name not in self.company_names:
                break
        n = 2
        base = name
        while name in self.company_names:  # a large demo runs out of combinations: number them
            name = f"{base}（{n}）" if c is ZH else f"{base} ({n})"
            n += 1
        self.company_names.add(name)
        grade = r.choices(("A", "B", "C", None), (10, 25, 45, 20))[0]
        created = self.now - timedelta(days=r.randint(30, 900), minutes=r.randrange(1440))
        row: dict[str, object] = {
            "id": cid,
            "name": name,
            "industry": industry,
            "region": place.region,
            "city": place.city,
            "address": r.choice(p.streets),
            "website": "www." + domain,
            "phone": self.landline(p, place),
            "grade": grade,
            "source": r.choice(c.sources),
            "owner_id": r.choice(owners),
            "notes": r.choice(c.notes) if r.random() < 0.3 else "",
            "created_at": created,
            "updated_at": created + timedelta(days=r.randint(0, 25)),
        }
        return row, p, domain

    # --- contacts ----------------------------------------------------------------------------
    def contact(
        self,
        cid: int,
        company: tuple[dict[str, object], _Pools, str] | None,
        owners: list[int],
    ) -> tuple[dict[str, object], _Pools]:
        r = self.rng
        if company is None:
            p = self.pool()
            place = r.choice(p.culture.places)
            city, owner, domain = place.city, r.choice(owners), None
            company_id = None
        else:
            row, p, domain = company
            city, owner, company_id = str(row["city"]), int(row["owner_id"]), row["id"]  # type: ignore[call-overload]
        c = p.culture
        name, local, im = self.person(p)
        if domain is None or r.random() < 0.25:
            # Free mail: many people share a name there, so real addresses carry numbers.
            domain = r.choice(("qq.com", "163.com", "126.com") if c is ZH else ("gmail.com",))
            if domain == "qq.com":
                local = str(r.randint(10_000_000, 2_999_999_999))
            else:
                local = f"{local}{r.randint(1, 9999)}"
        birthday = None
        if r.random() < 0.3:
            birthday = date(r.randint(1960, 2000), r.randint(1, 12), r.randint(1, 28))
        created = self.now - timedelta(days=r.randint(1, 800), minutes=r.randrange(1440))
        out: dict[str, object] = {
            "id": cid,
            "company_id": company_id,
            "name": name,
            "title": r.choice(c.titles),
            "mobile": self.mobile(p) if r.random() < 0.9 else "",
            "phone": "",
            "email": f"{local}@{domain}" if r.random() < 0.85 else "",
            "im": im if r.random() < 0.6 else "",
            "address": "" if company is not None else r.choice(p.streets),
            "city": city,
            "birthday": birthday,
            "owner_id": owner,
            "notes": r.choice(c.notes) if r.random() < 0.2 else "",
            "created_at": created,
            "updated_at": created + timedelta(days=r.randint(0, 30)),
        }
        if company is not None and r.random() < 0.4:
            out["phone"] = str(company[0]["phone"])
        return out, p

    def lead(self) -> dict[str, str]:
        """A person enquiring for a company that is not a customer yet (a lead's fields)."""
        r = self.rng
        p = self.pool()
        c = p.culture
        place = r.choice(c.places)
        name, local, _ = self.person(p)
        _, word = r.choice(c.industries)
        brand = r.choice(p.brands)
        if c is ZH:
            company = f"{place.city}{brand}{word}有限公司"
            email = f"{local}{r.randint(1, 999)}@{r.choice(('163.com', '126.com', 'sina.com'))}"
        else:
            company = f"{brand} {word} {r.choice(('Inc.', 'LLC', 'Co.'))}"
            email = f"{local}{r.randint(1, 999)}@gmail.com"
        return {
            "name": name,
            "company_name": company,
            "title": r.choice(c.titles),
            "mobile": self.mobile(p),
            "email": email if r.random() < 0.8 else "",
            "city": place.city,
        }

    def history(
        self, contact: dict[str, object], p: _Pools, activity_ids: range, task_ids: range
    ) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
        r = self.rng
        c = p.culture
        activities = []
        for aid in activity_ids:
            kind = r.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
            when = self.now - timedelta(days=r.randint(0, 720), hours=r.randint(0, 9))
            activities.append(
                {
                    "id": aid,
                    "kind": kind.value,
                    "subject": r.choice(c.subjects[kind]),
                    "outcome": r.choice(c.outcomes),
                    "occurred_at": when.replace(hour=r.randint(1, 10), minute=r.randrange(60)),
                    "user_id": contact["owner_id"],
                    "company_id": contact["company_id"],
                    "contact_id": contact["id"],
                    "created_at": when,
                    "updated_at": when,
                }
            )
        tasks = []
        for tid in task_ids:
            due = self.today + timedelta(days=r.randint(-21, 30))
            done = due < self.today and r.random() < 0.5
            tasks.append(
                {
                    "id": tid,
                    "title": r.choice(c.task_titles),
                    "notes": "",
                    "due_date": due,
                    "done": done,
                    "done_at": self.now - timedelta(days=1) if done else None,
                    "owner_id": contact["owner_id"],
                    "company_id": contact["company_id"],
                    "contact_id": contact["id"],
                }
            )
        return activities, tasks


def make_demo(
    ws: Workspace,
    contacts: int,
    seed: int | None = None,
    locale: str = "mixed",
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    orders: int | None = None,
    language: str | None = None,
    deals: int | None = None,
) -> DemoSummary:
    """Add ``contacts`` demo contacts (and companies, history, tasks), a pipeline of leads and
    deals at their companies, and ``orders`` line items of quotes and orders with payments.

    ``deals``: how many deals at the new companies (default: 0.6 per company; half of them
    open). ``orders`` None: a default tied to the companies made (demo_sales.default_lines). With
    ``contacts`` 0 the lines go to the companies already in the database (no new leads or
    deals): how a benchmark grows an existing demo to a million lines. Stages and lost reasons
    are made in ``language`` (en or zh_CN; default: from ``locale``, mixed meaning zh_CN) when
    the database has none. The catalogue (Chinese and CNY, or English and USD for ``en``) is
    made when there are no products.

    Adds to what is there; existing records are never touched. All or nothing: on Cancel
    (``cancelled()`` turning true) :class:`Cancelled` is raised and nothing is saved.
    """
    if contacts < 0:
        raise CrmError("the number of demo contacts must be 0 or more")
    if deals is not None and deals < 0:
        raise CrmError("the number of demo deals must be 0 or more")
    if orders is not None and orders < 0:
        raise CrmError("the number of demo order lines must be 0 or more")
    if locale not in LOCALES:
        raise CrmError(f"unknown demo locale {locale!r}; use one of {', '.join(LOCALES)}")
    report = progress or (lambda done, total, label: None)
    stop = cancelled or (lambda: False)
    report(0, contacts, STEP_PREPARE)
    gen = _Generator(ws, seed, locale)
    n_companies = (contacts + CONTACTS_PER_COMPANY - 1) // CONTACTS_PER_COMPANY
    totals = {"activities": 0, "tasks": 0}
    lines = demo_sales.default_lines(n_companies) if orders is None else orders
    stage_language = "en" if (language or locale) == "en" else "zh_CN"

    with ws.writing() as uow:
        bulk = uow.bulk
        people = [s for p in gen.pools for s in p.culture.salespeople]
        user_ids = bulk.users(people)
        owners = [*user_ids.values(), ws.user.id]
        tag_names = list(dict.fromkeys(t for p in gen.pools for t in p.culture.tags))
        tag_ids = list(bulk.tags(tag_names).values())

        with bulk.search_index_deferred():
            companies: list[tuple[dict[str, object], _Pools, str]] = []
            company_ids = bulk.reserve("companies", n_companies)
            for start in range(0, n_companies, BATCH):
                if stop():
                    raise Cancelled()
                chunk = [gen.company(cid, owners) for cid in company_ids[start : start + BATCH]]
                bulk.companies([row for row, _, _ in chunk], gen.now)
                companies.extend(chunk)
                report(start + len(chunk), n_companies, STEP_COMPANIES)
            names = {int(row["id"]): str(row["name"]) for row, _, _ in companies}  # type: ignore[call-overload]
            links = [
                (int(row["id"]), gen.rng.choice(tag_ids))  # type: ignore[call-overload]
                for row, _, _ in companies
                if gen.rng.random() < 0.2
            ]
            bulk.company_tags(links)

            contact_ids = bulk.reserve("contacts", contacts)
            for start in range(0, contacts, BATCH):
                if stop():
                    raise Cancelled()
                rows, activities, tasks, tag_links = [], [], [], []
                for i in range(start, min(start + BATCH, contacts)):
                    # Every company gets a first contact; the rest are spread, a tenth standalone.
                    if i < n_companies:
                        company = companies[i]
                    elif gen.rng.random() < 0.1 or not companies:
                        company = None
                    else:
                        company = gen.rng.choice(companies)
                    row, p = gen.contact(contact_ids[i], company, owners)
                    rows.append(row)
                    n_act = gen.rng.randint(0, 2 * ACTIVITIES_PER_CONTACT)
                    n_task = 1 if gen.rng.random() < TASK_SHARE else 0
                    act, tsk = gen.history(
                        row,
                        p,
                        bulk.reserve("activities", n_act),
                        bulk.reserve("tasks", n_task),
                    )
                    activities.extend(act)
                    tasks.extend(tsk)
                    if gen.rng.random() < 0.15:
                        tag_links.append((contact_ids[i], gen.rng.choice(tag_ids)))
                bulk.contacts(rows, gen.now, names)
                bulk.activities(activities, gen.now)
                bulk.tasks(tasks, gen.now)
                bulk.contact_tags(tag_links)
                totals["activities"] += len(activities)
                totals["tasks"] += len(tasks)
                report(start + len(rows), contacts, STEP_CONTACTS)
        if stop():
            raise Cancelled()
        first_company = company_ids[0] if n_companies else 0
        sales = _add_sales(
            uow.bulk, gen, locale, stage_language, first_company, lines, deals, owners,
            report, stop,
        )  # fmt: skip
        if stop():
            raise Cancelled()
        service = demo_service.ServiceSummary()
        if n_companies:
            service = demo_service.add_service(
                ServiceBulkRepository(uow.bulk), gen.rng, gen.now, stage_language, first_company,
                demo_service.default_tickets(n_companies), owners, report, stop,
            )  # fmt: skip
        if stop():
            raise Cancelled()
        report(contacts, contacts, STEP_SAVING)
        summary = DemoSummary(
            users=len(user_ids),
            companies=n_companies,
            contacts=contacts,
            activities=totals["activities"],
            tasks=totals["tasks"],
            tags=len(tag_ids),
            **asdict(sales),
            **asdict(service),
        )
        uow.ctx.audit("demo", 0, "bulk insert", {"added": str(summary)})
        uow.commit()

    for kind in (RecordKind.USER, RecordKind.TAG, RecordKind.COMPANY, RecordKind.CONTACT):
        ws.events.publish(Change(kind, (), ChangeAction.BULK))
    for kind in (RecordKind.ACTIVITY, RecordKind.TASK):
        ws.events.publish(Change(kind, (), ChangeAction.BULK))
    if summary.opportunities or summary.leads or summary.order_lines:
        for kind in (
            RecordKind.STAGE,
            RecordKind.LEAD,
            RecordKind.OPPORTUNITY,
            RecordKind.PRODUCT,
            RecordKind.ORDER,
        ):
            ws.events.publish(Change(kind, (), ChangeAction.BULK))
    if summary.tickets or summary.articles:
        for kind in (RecordKind.TICKET, RecordKind.ARTICLE, RecordKind.SERVICE_SETTINGS):
            ws.events.publish(Change(kind, (), ChangeAction.BULK))
    return summary


def has_companies(ws: Workspace) -> bool:
    """Whether there is anyone to sell demo orders to."""
    with ws.reading() as uow:
        return bool(uow.ctx.counts(["companies"])["companies"])


def _add_sales(
    bulk: BulkRepository,
    gen: _Generator,
    locale: str,
    stage_language: str,
    first_company: int,
    lines: int,
    deals: int | None,
    owners: list[int],
    report: Progress,
    stop: Callable[[], bool],
) -> demo_sales.SalesSummary:
    """The pipeline and sales part of a demo, inside its transaction (see make_demo)."""
    new_companies = first_company > 0
    if not new_companies and not lines:
        return demo_sales.SalesSummary()
    sales = SalesBulkRepository(bulk)
    sales.seed_stages(stage_language)  # on a database that has none yet
    catalogue = "en" if locale == "en" else "zh_CN"
    currency = next(iter(sales.currencies()), "USD" if locale == "en" else "CNY")
    sg = demo_sales.SalesGenerator(sales, gen.rng, gen.now, catalogue, currency)
    customers = sg.customers(first_company)
    if not customers:
        raise CrmError("there are no companies to sell demo orders to; add demo contacts first")
    products = sg.ensure_products()
    made_deals = leads = 0
    plans: list[demo_sales.WonDealOrder] = []
    if new_companies:
        report(0, 1, STEP_PIPELINE)
        n = len(customers)
        if deals is None:
            deals = min(round(n * demo_sales.DEALS_PER_COMPANY), demo_sales.MAX_DEALS)
        made_deals, leads, plans = sg.pipeline(
            customers,
            deals,
            min(round(n * demo_sales.LEADS_PER_COMPANY), demo_sales.MAX_LEADS),
            owners,
            gen.lead,
            lines,
        )
        report(1, 1, STEP_PIPELINE)
        if stop():
            raise Cancelled()
    counts = sg.orders(customers, lines, plans, report, stop)
    return demo_sales.SalesSummary(
        leads=leads,
        opportunities=made_deals,
        products=products,
        orders=counts.orders,
        quotes=counts.quotes,
        order_lines=counts.lines,
        payments=counts.payments,
    )
