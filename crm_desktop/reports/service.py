"""The service report as SQL aggregations: open and overdue tickets by kind and priority,
first-response and resolution times, the share resolved within target, satisfaction, and
complaints by category, over the tickets opened in a period."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from statistics import median
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, case, func, select

from crm_desktop.db import models as m
from crm_desktop.db.repositories.tickets import OPEN, overdue_condition
from crm_desktop.domain.service import (
    CountRow,
    Priority,
    ServiceReport,
    TicketKind,
)

if TYPE_CHECKING:
    from crm_desktop.db.unit_of_work import UnitOfWork

T = m.Ticket
HOUR = 3600.0


def _period(start: date | None, end: date | None) -> list[ColumnElement[bool]]:
    """Live tickets opened from ``start`` to ``end`` (whole days, UTC), either end open."""
    where: list[ColumnElement[bool]] = [T.deleted_at.is_(None)]
    if start is not None:
        where.append(T.opened_at >= datetime.combine(start, time(), UTC))
    if end is not None:
        where.append(T.opened_at < datetime.combine(end + timedelta(days=1), time(), UTC))
    return where


def _hours(pairs: list[Any]) -> float | None:
    """Median hours from the first to the second time of each pair."""
    spans = [(b - a).total_seconds() / HOUR for a, b in pairs if a is not None and b is not None]
    return round(median(spans), 2) if spans else None


def service_report(
    uow: UnitOfWork, start: date | None, end: date | None, now: datetime
) -> ServiceReport:
    where = _period(start, end)
    s = uow.session
    counts = s.execute(
        select(
            T.kind,
            T.priority,
            func.count(case((OPEN, 1))),
            func.count(case((overdue_condition(now), 1))),
        )
        .where(*where)
        .group_by(T.kind, T.priority)
    ).all()
    rows = tuple(
        CountRow(TicketKind(k), Priority(p), int(o), int(d))
        for k, p, o, d in sorted(
            counts, key=lambda r: (list(TicketKind).index(TicketKind(r[0])), -r[1])
        )
        if o or d
    )
    opened = s.scalar(select(func.count()).select_from(T).where(*where)) or 0
    first = s.execute(
        select(T.opened_at, T.first_response_at).where(*where, T.first_response_at.is_not(None))
    ).all()
    resolved = s.execute(
        select(T.opened_at, T.resolved_at, T.resolution_due).where(
            *where, T.resolved_at.is_not(None)
        )
    ).all()
    within = sum(1 for _, at, due in resolved if at is not None and due is not None and at <= due)
    score, scored = s.execute(
        select(func.avg(T.satisfaction), func.count(T.satisfaction)).where(
            *where, T.satisfaction.is_not(None)
        )
    ).one()
    complaints = s.execute(
        select(T.category, func.count())
        .where(*where, T.kind == TicketKind.COMPLAINT.value)
        .group_by(T.category)
        .order_by(func.count().desc(), T.category)
    ).all()
    return ServiceReport(
        start=start,
        end=end,
        counts=rows,
        opened=opened,
        resolved=len(resolved),
        median_first_response_hours=_hours([(a, b) for a, b in first]),
        median_resolution_hours=_hours([(a, b) for a, b, _ in resolved]),
        resolved_within_target=round(within / len(resolved), 4) if resolved else None,
        satisfaction_average=round(float(score), 2) if scored else None,
        satisfaction_count=int(scored or 0),
        complaints_by_category=tuple((c or "", int(n)) for c, n in complaints),
    )
