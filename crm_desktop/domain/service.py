"""After-sales service: tickets (inquiry 咨询, complaint 投诉, repair 维修, return visit 回访),
their statuses and allowed moves, response-time targets, and the knowledge base.

The records here are what the Service tab and the CLI get: frozen, no database in sight.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from enum import IntEnum, StrEnum

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.sla import BusinessHours, Target, TimeLeft, TimeState

HOUR = 3600


class TicketKind(StrEnum):
    INQUIRY = "inquiry"
    COMPLAINT = "complaint"
    REPAIR = "repair"
    VISIT = "visit"  # a return visit (回访)


class Channel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    WECHAT = "wechat"
    VISIT = "visit"
    WEB = "web"


class Priority(IntEnum):
    """Stored as the number, so the queue sorts by urgency in SQL."""

    LOW = 0
    NORMAL = 1
    HIGH = 2
    URGENT = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Priority:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValidationError(
                {"priority": f"Unknown priority {text!r}: low, normal, high or urgent."}
            ) from None


class TicketStatus(StrEnum):
    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"  # for the customer: the clock is paused
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"

    @property
    def is_open(self) -> bool:
        return self not in DONE_STATUSES


DONE_STATUSES = frozenset({TicketStatus.RESOLVED, TicketStatus.CLOSED})
OPEN_STATUSES = tuple(s for s in TicketStatus if s not in DONE_STATUSES)
_WORKING = {
    TicketStatus.ASSIGNED,
    TicketStatus.IN_PROGRESS,
    TicketStatus.WAITING,
    TicketStatus.RESOLVED,
    TicketStatus.CLOSED,
}
# Where a ticket may go from each status. Reopening is the only way back from resolved or
# closed, and it keeps the history (the events stay; the ticket gets new due times).
TRANSITIONS: dict[TicketStatus, frozenset[TicketStatus]] = {
    TicketStatus.NEW: frozenset(_WORKING),
    TicketStatus.ASSIGNED: frozenset(_WORKING - {TicketStatus.ASSIGNED} | {TicketStatus.NEW}),
    TicketStatus.IN_PROGRESS: frozenset(_WORKING - {TicketStatus.IN_PROGRESS}),
    TicketStatus.WAITING: frozenset(_WORKING - {TicketStatus.WAITING}),
    TicketStatus.REOPENED: frozenset(_WORKING),
    TicketStatus.RESOLVED: frozenset({TicketStatus.CLOSED, TicketStatus.REOPENED}),
    TicketStatus.CLOSED: frozenset({TicketStatus.REOPENED}),
}


def check_transition(
    old: TicketStatus, new: TicketStatus, resolution: str = "", satisfaction: int | None = None
) -> None:
    """ValidationError unless ``old`` may become ``new``: resolving or closing needs the
    resolution; a satisfaction score is 1 to 5."""
    if new not in TRANSITIONS[old]:
        raise ValidationError(
            {"status": f"A {old.value.replace('_', ' ')} ticket cannot become "
             f"{new.value.replace('_', ' ')}."}
        )  # fmt: skip
    if new in DONE_STATUSES and not resolution.strip():
        raise ValidationError({"resolution": "Say how it was resolved before closing."})
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        raise ValidationError({"satisfaction": "Satisfaction is 1 to 5."})


class EventKind(StrEnum):
    """A line of a ticket's timeline."""

    OPENED = "opened"
    REPLY = "reply"
    NOTE = "note"  # internal, never sent to the customer
    STATUS = "status"
    ASSIGNED = "assigned"
    PRIORITY = "priority"
    VISIT = "visit"


# -- response-time targets -----------------------------------------------------------------
DEFAULT_TARGETS: dict[Priority, Target] = {
    Priority.URGENT: Target(1 * HOUR, 8 * HOUR),
    Priority.HIGH: Target(4 * HOUR, 24 * HOUR),
    Priority.NORMAL: Target(8 * HOUR, 72 * HOUR),
    Priority.LOW: Target(24 * HOUR, 168 * HOUR),
}


@dataclass(frozen=True, slots=True)
class SlaRule:
    """A response-time target. With a kind and priority (and no channel): that cell of the
    grid. With a channel: an alert for every ticket that came in that way (kind and priority
    None meaning any), e.g. "an e-mail left unanswered for 12 hours": channel=email,
    first_response=12 h. The strictest rule that applies wins."""

    kind: TicketKind | None
    priority: Priority | None
    first_response: int  # seconds; 0: no target
    resolution: int = 0
    channel: Channel | None = None

    def applies(self, kind: TicketKind, priority: Priority, channel: Channel) -> bool:
        return (
            (self.kind is None or self.kind is kind)
            and (self.priority is None or self.priority is priority)
            and (self.channel is None or self.channel is channel)
        )


def default_rules() -> tuple[SlaRule, ...]:
    return tuple(
        SlaRule(kind, priority, t.first_response, t.resolution)
        for kind in TicketKind
        for priority, t in DEFAULT_TARGETS.items()
    )


def target_for(
    rules: tuple[SlaRule, ...], kind: TicketKind, priority: Priority, channel: Channel
) -> Target:
    """The targets of a ticket: its grid cell (the default when not configured), tightened by
    every channel rule that applies."""
    grid = next(
        (r for r in rules if r.channel is None and r.kind is kind and r.priority is priority),
        None,
    )
    base = (
        DEFAULT_TARGETS[priority] if grid is None else Target(grid.first_response, grid.resolution)
    )
    first, resolution = base.first_response, base.resolution
    for rule in rules:
        if rule.channel is not None and rule.applies(kind, priority, channel):
            if rule.first_response:
                first = min(first, rule.first_response) if first else rule.first_response
            if rule.resolution:
                resolution = min(resolution, rule.resolution) if resolution else rule.resolution
    return Target(first, resolution)


MAX_DAYS_RETURN_VISIT = 365


# -- settings ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ServiceSettings:
    """Shared by everyone on the database: business hours (when ``business_hours`` is on, the
    targets count working time only) and the automatic return visit after a resolved
    complaint (0 days: none)."""

    business_hours: bool = False
    work_days: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    work_start: time = time(9, 0)
    work_end: time = time(18, 0)
    holidays: frozenset[date] = frozenset()
    timezone: str = ""  # IANA name; "" = this computer's zone
    return_visit_days: int = 0

    def hours(self) -> BusinessHours | None:
        if not self.business_hours:
            return None
        return BusinessHours(
            self.work_days, self.work_start, self.work_end, self.holidays, _zone(self.timezone)
        )


def _zone(name: str) -> tzinfo | None:
    if not name:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError({"timezone": f"Unknown time zone {name!r}."}) from None


DEFAULT_CATEGORIES: dict[str, dict[TicketKind, tuple[str, ...]]] = {
    "en": {
        TicketKind.INQUIRY: ("Product information", "Price and quote", "Order status", "Other"),
        TicketKind.COMPLAINT: ("Product quality", "Delivery", "Billing", "Service attitude"),
        TicketKind.REPAIR: ("On-site repair", "Return to factory", "Installation", "Maintenance"),
        TicketKind.VISIT: ("After repair", "After complaint", "Satisfaction survey"),
    },
    "zh_CN": {
        TicketKind.INQUIRY: ("产品信息", "价格报价", "订单进度", "其他"),
        TicketKind.COMPLAINT: ("产品质量", "物流配送", "账单发票", "服务态度"),
        TicketKind.REPAIR: ("上门维修", "返厂维修", "安装调试", "保养"),
        TicketKind.VISIT: ("维修回访", "投诉回访", "满意度调查"),
    },
}


def default_categories(language: str, kind: TicketKind) -> tuple[str, ...]:
    return DEFAULT_CATEGORIES["zh_CN" if language.startswith("zh") else "en"][kind]


# -- records -------------------------------------------------------------------------------
MAX_SUBJECT = 400


@dataclass(frozen=True, slots=True)
class TicketData:
    """What opening a ticket takes (a form's fields)."""

    kind: TicketKind
    subject: str
    company_id: int | None = None
    contact_id: int | None = None
    description: str = ""
    channel: Channel = Channel.PHONE
    category: str = ""
    priority: Priority = Priority.NORMAL
    assignee_id: int | None = None
    order_id: int | None = None
    product_id: int | None = None


@dataclass(frozen=True, slots=True)
class Ticket:
    """A ticket as the ticket view shows it; ``first_response_left`` and ``resolution_left``
    are worked out for ``now`` when it was read."""

    id: int
    data: TicketData
    status: TicketStatus
    company_name: str | None
    contact_name: str | None
    assignee_name: str | None
    opened_at: datetime
    first_response_due: datetime | None
    resolution_due: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    paused_since: datetime | None
    paused_seconds: float
    resolution: str
    satisfaction: int | None
    first_response_left: TimeLeft
    resolution_left: TimeLeft
    created_at: datetime
    created_by: str | None
    version: int
    follow_up_of: int | None = None  # the complaint an automatic return visit follows

    @property
    def overdue(self) -> bool:
        return TimeState.OVERDUE in (self.first_response_left.state, self.resolution_left.state)


@dataclass(frozen=True, slots=True)
class TicketEvent:
    """A line of the timeline: who did what when (a reply's or note's text in ``body``)."""

    id: int
    kind: EventKind
    at: datetime
    user_name: str | None
    body: str = ""
    old_value: str = ""
    new_value: str = ""
    activity_id: int | None = None


@dataclass(frozen=True, slots=True)
class Visit:
    """A scheduled (repair) visit; it is also the technician's follow-up task (``task_id``)."""

    id: int
    ticket_id: int
    at: datetime
    technician_id: int
    technician_name: str | None
    task_id: int
    notes: str = ""


class Queue(StrEnum):
    MINE = "mine"  # open and assigned to me
    UNASSIGNED = "unassigned"  # open, nobody's
    OVERDUE = "overdue"  # open and past a due time (not while waiting)
    OPEN = "open"
    ALL = "all"


SORTS = ("due", "opened", "priority", "updated", "id")


@dataclass(frozen=True, slots=True)
class TicketFilter:
    """What a queue shows; sorting and filtering run in SQL, paged by keyset."""

    queue: Queue = Queue.OPEN
    kind: TicketKind | None = None
    status: TicketStatus | None = None
    search: str = ""
    company_id: int | None = None
    contact_id: int | None = None
    assignee_id: int | None = None  # with the overdue queue: my overdue tickets
    sort: str = "due"
    descending: bool = False


@dataclass(frozen=True, slots=True)
class TicketRow:
    """A queue row."""

    id: int
    kind: TicketKind
    subject: str
    company: str | None
    contact: str | None
    channel: Channel
    category: str
    priority: Priority
    status: TicketStatus
    assignee: str | None
    opened_at: datetime
    first_response_due: datetime | None
    resolution_due: datetime | None
    time_left: TimeLeft  # the nearer of first response (while unanswered) and resolution
    satisfaction: int | None


@dataclass(frozen=True, slots=True)
class TicketPage:
    rows: tuple[TicketRow, ...]
    cursor: tuple[object, ...] | None
    has_more: bool


# -- knowledge base ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ArticleData:
    title: str
    body: str
    category: str = ""
    tags: tuple[str, ...] = ()
    language: str = "en"  # en or zh_CN


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    data: ArticleData
    updated_at: datetime
    updated_by: str | None
    version: int
    source_ticket_id: int | None = None


# -- the report ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CountRow:
    kind: TicketKind
    priority: Priority
    open: int
    overdue: int


@dataclass(frozen=True, slots=True)
class ServiceReport:
    start: date | None
    end: date | None
    counts: tuple[CountRow, ...]
    opened: int
    resolved: int
    median_first_response_hours: float | None
    median_resolution_hours: float | None
    resolved_within_target: float | None  # share 0..1 of the resolved ones
    satisfaction_average: float | None
    satisfaction_count: int
    complaints_by_category: tuple[tuple[str, int], ...] = field(default=())
