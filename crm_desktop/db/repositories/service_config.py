"""What a firm configures for its service: categories per ticket kind, response-time rules and
the shared settings (business hours, automatic return visits). Nothing stored means the
defaults of ``domain.service``; reads never write them."""

from __future__ import annotations

import json
from datetime import date, time
from typing import Any

from sqlalchemy import delete, insert, select

from crm_desktop.db import models as m
from crm_desktop.db.repositories.common import Context
from crm_desktop.domain.service import (
    Channel,
    Priority,
    ServiceSettings,
    SlaRule,
    TicketKind,
    default_rules,
)

SETTINGS_KEY = "settings"


class ServiceConfigRepository:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.session = ctx.session

    # -- categories ------------------------------------------------------------------------
    def categories(self, kind: TicketKind) -> list[str] | None:
        """The configured categories of ``kind`` in order; None when never configured."""
        c = m.ServiceCategory
        names = list(
            self.session.scalars(select(c.name).where(c.kind == kind.value).order_by(c.position))
        )
        return names or None

    def set_categories(self, kind: TicketKind, names: list[str]) -> None:
        c = m.ServiceCategory
        old = self.categories(kind) or []
        self.session.execute(delete(c).where(c.kind == kind.value))
        if names:
            self.session.execute(
                insert(c),
                [{"kind": kind.value, "name": n, "position": i} for i, n in enumerate(names)],
            )
        self.ctx.audit("service_categories", 0, "update", {kind.value: [old, names]})

    # -- response-time rules ---------------------------------------------------------------
    def rules(self) -> tuple[SlaRule, ...]:
        rows = self.session.scalars(select(m.SlaTarget).order_by(m.SlaTarget.id)).all()
        if not rows:
            return default_rules()
        return tuple(
            SlaRule(
                kind=TicketKind(r.kind) if r.kind else None,
                priority=Priority(r.priority) if r.priority is not None else None,
                first_response=r.first_response_seconds,
                resolution=r.resolution_seconds,
                channel=Channel(r.channel) if r.channel else None,
            )
            for r in rows
        )

    def set_rules(self, rules: tuple[SlaRule, ...]) -> None:
        self.session.execute(delete(m.SlaTarget))
        rows = [
            {
                "kind": r.kind.value if r.kind else None,
                "priority": int(r.priority) if r.priority is not None else None,
                "channel": r.channel.value if r.channel else None,
                "first_response_seconds": r.first_response,
                "resolution_seconds": r.resolution,
            }
            for r in rules
        ]
        if rows:
            self.session.execute(insert(m.SlaTarget), rows)
        self.ctx.audit("sla_targets", 0, "update", {"rules": len(rows)})

    # -- settings --------------------------------------------------------------------------
    def settings(self) -> ServiceSettings:
        raw = self.session.scalar(
            select(m.ServiceSetting.value).where(m.ServiceSetting.key == SETTINGS_KEY)
        )
        if not raw:
            return ServiceSettings()
        v: dict[str, Any] = json.loads(raw)
        d = ServiceSettings()
        return ServiceSettings(
            business_hours=bool(v.get("business_hours", d.business_hours)),
            work_days=frozenset(v.get("work_days", d.work_days)),
            work_start=time.fromisoformat(v.get("work_start", d.work_start.isoformat())),
            work_end=time.fromisoformat(v.get("work_end", d.work_end.isoformat())),
            holidays=frozenset(date.fromisoformat(h) for h in v.get("holidays", ())),
            timezone=str(v.get("timezone", d.timezone)),
            return_visit_days=int(v.get("return_visit_days", d.return_visit_days)),
        )

    def save_settings(self, s: ServiceSettings) -> None:
        value = json.dumps(
            {
                "business_hours": s.business_hours,
                "work_days": sorted(s.work_days),
                "work_start": s.work_start.isoformat(),
                "work_end": s.work_end.isoformat(),
                "holidays": sorted(h.isoformat() for h in s.holidays),
                "timezone": s.timezone,
                "return_visit_days": s.return_visit_days,
            }
        )
        row = self.session.get(m.ServiceSetting, SETTINGS_KEY)
        if row is None:
            self.session.add(m.ServiceSetting(key=SETTINGS_KEY, value=value))
        else:
            row.value = value
        self.session.flush()
        self.ctx.audit("service_settings", 0, "update", {"settings": value})
