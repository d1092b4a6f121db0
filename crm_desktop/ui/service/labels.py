"""Ticket kinds, channels, priorities, statuses and time left in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from crm_desktop.domain.service import Channel, EventKind, Priority, TicketKind, TicketStatus
from crm_desktop.domain.sla import TimeLeft, TimeState
from crm_desktop.ui.widgets.palette import MUTED, OVERDUE, WARNING

translate = QCoreApplication.translate

KINDS = {
    TicketKind.INQUIRY: QT_TRANSLATE_NOOP("ServiceLabels", "Inquiry"),
    TicketKind.COMPLAINT: QT_TRANSLATE_NOOP("ServiceLabels", "Complaint"),
    TicketKind.REPAIR: QT_TRANSLATE_NOOP("ServiceLabels", "Repair"),
    TicketKind.VISIT: QT_TRANSLATE_NOOP("ServiceLabels", "Return visit"),
}
CHANNELS = {
    Channel.PHONE: QT_TRANSLATE_NOOP("ServiceLabels", "Phone"),
    Channel.EMAIL: QT_TRANSLATE_NOOP("ServiceLabels", "E-mail"),
    Channel.WECHAT: QT_TRANSLATE_NOOP("ServiceLabels", "WeChat"),
    Channel.VISIT: QT_TRANSLATE_NOOP("ServiceLabels", "Visit"),
    Channel.WEB: QT_TRANSLATE_NOOP("ServiceLabels", "Web"),
}
PRIORITIES = {
    Priority.LOW: QT_TRANSLATE_NOOP("ServiceLabels", "Low"),
    Priority.NORMAL: QT_TRANSLATE_NOOP("ServiceLabels", "Normal"),
    Priority.HIGH: QT_TRANSLATE_NOOP("ServiceLabels", "High"),
    Priority.URGENT: QT_TRANSLATE_NOOP("ServiceLabels", "Urgent"),
}
STATUSES = {
    TicketStatus.NEW: QT_TRANSLATE_NOOP("ServiceLabels", "New"),
    TicketStatus.ASSIGNED: QT_TRANSLATE_NOOP("ServiceLabels", "Assigned"),
    TicketStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("ServiceLabels", "In progress"),
    TicketStatus.WAITING: QT_TRANSLATE_NOOP("ServiceLabels", "Waiting for customer"),
    TicketStatus.RESOLVED: QT_TRANSLATE_NOOP("ServiceLabels", "Resolved"),
    TicketStatus.CLOSED: QT_TRANSLATE_NOOP("ServiceLabels", "Closed"),
    TicketStatus.REOPENED: QT_TRANSLATE_NOOP("ServiceLabels", "Reopened"),
}
EVENTS = {
    EventKind.OPENED: QT_TRANSLATE_NOOP("ServiceLabels", "Opened"),
    EventKind.REPLY: QT_TRANSLATE_NOOP("ServiceLabels", "Reply"),
    EventKind.NOTE: QT_TRANSLATE_NOOP("ServiceLabels", "Internal note"),
    EventKind.STATUS: QT_TRANSLATE_NOOP("ServiceLabels", "Status"),
    EventKind.ASSIGNED: QT_TRANSLATE_NOOP("ServiceLabels", "Assigned"),
    EventKind.PRIORITY: QT_TRANSLATE_NOOP("ServiceLabels", "Priority"),
    EventKind.VISIT: QT_TRANSLATE_NOOP("ServiceLabels", "Visit scheduled"),
}
PRIORITY_COLORS = {Priority.URGENT: OVERDUE, Priority.HIGH: WARNING}


def _tr(text: str) -> str:
    return translate("ServiceLabels", text)


def kind_label(kind: TicketKind) -> str:
    return _tr(KINDS[kind])


def channel_label(channel: Channel) -> str:
    return _tr(CHANNELS[channel])


def priority_label(priority: Priority) -> str:
    return _tr(PRIORITIES[priority])


def status_label(status: TicketStatus) -> str:
    return _tr(STATUSES[status])


def event_label(kind: EventKind) -> str:
    return _tr(EVENTS[kind])


def duration_text(seconds: float) -> str:
    """A span as the queue shows it: 45 min, 3 h 20 min, 2 d 4 h."""
    minutes = int(abs(seconds) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return (
            translate("ServiceLabels", "%1 d %2 h")
            .replace("%1", str(days))
            .replace("%2", str(hours))
        )
    if hours:
        return (
            translate("ServiceLabels", "%1 h %2 min")
            .replace("%1", str(hours))
            .replace("%2", str(mins))
        )
    return translate("ServiceLabels", "%1 min").replace("%1", str(mins))


def time_left_text(left: TimeLeft) -> str:
    if left.state is TimeState.DONE:
        return "—"
    if left.state is TimeState.OVERDUE:
        return translate("ServiceLabels", "%1 overdue").replace("%1", duration_text(left.seconds))
    if left.state is TimeState.PAUSED:
        return translate("ServiceLabels", "paused, %1 left").replace(
            "%1", duration_text(left.seconds)
        )
    return duration_text(left.seconds)


def time_left_color(left: TimeLeft) -> QColor | None:
    """Red when overdue, amber under 20 % left, grey while paused."""
    return {
        TimeState.OVERDUE: OVERDUE,
        TimeState.AMBER: WARNING,
        TimeState.PAUSED: MUTED,
    }.get(left.state)
