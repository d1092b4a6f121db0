"""Stages, leads and opportunities; the board, stage history, forecast and funnel queries."""

from __future__ import annotations

import typing
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Select,
    Table,
    and_,
    bindparam,
    delete,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session, aliased

from crm_desktop.db import models as m
from crm_desktop.db.repositories.common import Context, apply, cents
from crm_desktop.db.search import (
    build_search_text,
    like_escape,
    normalise,
    query_terms,
    search_condition,
)
from crm_desktop.domain.errors import ConflictError, NotFoundError
from crm_desktop.domain.keys import email_key, name_key, phone_key, phone_parts
from crm_desktop.domain.pipeline import (
    BoardColumn,
    BoardFilter,
    Card,
    ForecastRow,
    FunnelRow,
    Lead,
    LeadData,
    LeadStatus,
    Opportunity,
    OpportunityData,
    Outcome,
    Stage,
    StageData,
    StageInUseError,
    StageStay,
    money,
)

_COMPANY = aliased(m.Company)
_CONTACT = aliased(m.Contact)
_OWNER = aliased(m.User)
ZERO = Decimal("0.00")


def _like_terms(column: Any, search: str) -> list[Any]:
    """Every term must appear in the search text (deals and leads are thousands, not millions:
    a LIKE over them is a few milliseconds, no full-text index needed)."""
    out = []
    for term in query_terms(search):
        out.append(column.like(f"%{like_escape(term)}%", escape="\\"))
    return out


class StageRepository:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.session = ctx.session

    def lock(self) -> None:
        """One writer of the stage list at a time, until the transaction ends. SQLite's
        BEGIN IMMEDIATE already serialises writers; PostgreSQL's read committed does not, and
        two first starts at once would each seed the defaults."""
        if self.ctx.dialect == "postgresql":
            self.session.execute(text("LOCK TABLE stages IN SHARE ROW EXCLUSIVE MODE"))

    def all(self, include_deleted: bool = False) -> list[Stage]:
        q = select(m.Stage).order_by(m.Stage.position, m.Stage.id)
        if not include_deleted:
            q = q.where(m.Stage.deleted_at.is_(None))
        return [_stage(s) for s in self.session.scalars(q)]

    def get(self, stage_id: int) -> Stage:
        obj = self.session.get(m.Stage, stage_id)
        if obj is None:
            raise NotFoundError("stage", stage_id)
        return _stage(obj)

    def add(self, data: StageData, position: int | None = None) -> int:
        if position is None:
            position = (self.session.scalar(select(func.max(m.Stage.position))) or 0) + 1
        obj = m.Stage(
            name=data.name.strip(),
            position=position,
            probability=data.probability,
            outcome=data.outcome.value,
        )
        self.session.add(obj)
        self.session.flush()
        self.ctx.audit("stage", obj.id, "create", {"name": obj.name})
        return obj.id

    def update(self, stage_id: int, expected_version: int, data: StageData) -> None:
        obj = self.session.get(m.Stage, stage_id, populate_existing=True)
        if obj is None:
            raise NotFoundError("stage", stage_id)
        if obj.version != expected_version:
            raise ConflictError("stage", stage_id, None, None)
        changes = apply(
            obj,
            {
                "name": data.name.strip(),
                "probability": data.probability,
                "outcome": data.outcome.value,
            },
        )
        if changes:
            self.session.flush()
            self.ctx.audit("stage", stage_id, "update", changes)

    def reorder(self, stage_ids: list[int]) -> None:
        for position, stage_id in enumerate(stage_ids, start=1):
            self.session.execute(
                update(m.Stage).where(m.Stage.id == stage_id).values(position=position)
            )

    def remove(self, stage_id: int) -> None:
        """Retire a stage; refused while open deals sit in it (move them first)."""
        in_use = self.session.scalar(
            select(func.count())
            .select_from(m.Opportunity)
            .where(m.Opportunity.stage_id == stage_id, m.Opportunity.deleted_at.is_(None))
        )
        if in_use:
            name = self.session.scalar(select(m.Stage.name).where(m.Stage.id == stage_id))
            raise StageInUseError(name or str(stage_id), in_use)
        self.session.execute(
            update(m.Stage).where(m.Stage.id == stage_id).values(deleted_at=m.utcnow())
        )

    def lost_reasons(self) -> list[str]:
        return list(
            self.session.scalars(
                select(m.LostReason.name).order_by(m.LostReason.position, m.LostReason.id)
            )
        )

    def set_lost_reasons(self, names: list[str]) -> None:
        self.session.execute(delete(m.LostReason))
        seen: set[str] = set()
        for position, name in enumerate(names, start=1):
            name = name.strip()
            if name and name not in seen:
                seen.add(name)
                self.session.add(m.LostReason(name=name, position=position))
        self.session.flush()


def _stage(obj: m.Stage) -> Stage:
    return Stage(
        id=obj.id,
        name=obj.name,
        position=obj.position,
        probability=obj.probability,
        outcome=Outcome(obj.outcome),
        version=obj.version,
    )


# -- leads ---------------------------------------------------------------------------------
def lead_values(data: LeadData) -> dict[str, Any]:
    return {
        "name": data.name,
        "company_name": data.company_name,
        "title": data.title,
        "mobile": data.mobile,
        "phone": data.phone,
        "email": data.email,
        "city": data.city,
        "source": data.source,
        "status": data.status.value,
        "owner_id": data.owner_id,
        "notes": data.notes,
    }


def lead_search_text(data: LeadData) -> str:
    return build_search_text(
        [data.name, data.company_name],
        [data.mobile, data.phone],
        [data.email, data.city, data.source, data.title],
    )


class LeadRepository:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.session = ctx.session

    def add(self, data: LeadData) -> int:
        values = lead_values(data)
        if values["owner_id"] is None:
            values["owner_id"] = self.ctx.user_id
        obj = m.Lead(
            **values,
            search_text=lead_search_text(data),
            created_by_id=self.ctx.user_id,
            updated_by_id=self.ctx.user_id,
        )
        self.session.add(obj)
        self.session.flush()
        self.ctx.audit("lead", obj.id, "create", values)
        return obj.id

    def update(self, lead_id: int, expected_version: int, data: LeadData) -> None:
        obj = self.ctx.load_for_update(m.Lead, "lead", lead_id, expected_version)
        changes = apply(obj, lead_values(data))
        if changes:
            obj.search_text = lead_search_text(data)
            obj.updated_by_id = self.ctx.user_id
            self.ctx.flush_checked(obj, "lead", lead_id)
            self.ctx.audit("lead", lead_id, "update", changes)

    def mark_converted(
        self,
        lead_id: int,
        expected_version: int,
        company_id: int | None,
        contact_id: int,
    ) -> None:
        obj = self.ctx.load_for_update(m.Lead, "lead", lead_id, expected_version)
        obj.status = LeadStatus.CONVERTED.value
        obj.company_id = company_id
        obj.contact_id = contact_id
        obj.converted_at = m.utcnow()
        obj.updated_by_id = self.ctx.user_id
        self.ctx.flush_checked(obj, "lead", lead_id)
        self.ctx.audit(
            "lead",
            lead_id,
            "convert",
            {"company_id": company_id, "contact_id": contact_id},
        )
        # What was logged with the lead joins the customer's history.
        for model in (m.Activity, m.Task):
            self.session.execute(
                update(model)
                .where(
                    model.lead_id == lead_id, model.company_id.is_(None), model.contact_id.is_(None)
                )
                .values(company_id=company_id, contact_id=contact_id, version=model.version + 1)
            )

    def set_deleted(self, ids: list[int], deleted: bool) -> list[int]:
        return self.ctx.set_deleted(m.Lead, "lead", ids, deleted)

    def get(self, lead_id: int) -> Lead:
        obj = self.session.get(m.Lead, lead_id, populate_existing=True)
        if obj is None or obj.deleted_at is not None:
            raise NotFoundError("lead", lead_id)
        opp = self.session.scalar(
            select(m.Opportunity.id).where(m.Opportunity.lead_id == lead_id).limit(1)
        )
        return self._record(obj, opp)

    def find(
        self, search: str = "", status: LeadStatus | None = None, owner_id: int | None = None
    ) -> list[Lead]:
        q = select(m.Lead).where(m.Lead.deleted_at.is_(None))
        if status is not None:
            q = q.where(m.Lead.status == status.value)
        else:  # converted and disqualified leads are history; shown when asked for
            q = q.where(
                m.Lead.status.not_in([LeadStatus.CONVERTED.value, LeadStatus.DISQUALIFIED.value])
            )
        if owner_id is not None:
            q = q.where(m.Lead.owner_id == owner_id)
        conditions = _like_terms(m.Lead.search_text, search)
        if conditions:
            q = q.where(*conditions)
        q = q.order_by(m.Lead.created_at.desc(), m.Lead.id.desc())
        objs = list(self.session.scalars(q))
        opps: dict[int, int] = {}
        converted = [o.id for o in objs if o.converted_at is not None]
        if converted:
            opps = {
                lead: opp
                for opp, lead in self.session.execute(
                    select(m.Opportunity.id, m.Opportunity.lead_id).where(
                        m.Opportunity.lead_id.in_(converted)
                    )
                )
                if lead is not None
            }
        return [self._record(o, opps.get(o.id)) for o in objs]

    def _record(self, obj: m.Lead, opportunity_id: int | None) -> Lead:
        return Lead(
            id=obj.id,
            data=LeadData(
                name=obj.name,
                company_name=obj.company_name,
                title=obj.title,
                mobile=obj.mobile,
                phone=obj.phone,
                email=obj.email,
                city=obj.city,
                source=obj.source,
                status=LeadStatus(obj.status),
                owner_id=obj.owner_id,
                notes=obj.notes,
            ),
            owner_name=self.ctx.user_name(obj.owner_id),
            created_at=obj.created_at,
            version=obj.version,
            company_id=obj.company_id,
            contact_id=obj.contact_id,
            opportunity_id=opportunity_id,
            converted_at=obj.converted_at,
        )


# -- opportunities -------------------------------------------------------------------------
def opportunity_values(data: OpportunityData, probability: int) -> dict[str, Any]:
    return {
        "title": data.title,
        "company_id": data.company_id,
        "contact_id": data.contact_id,
        "stage_id": data.stage_id,
        "amount": money(data.amount),
        "currency": data.currency,
        "probability": probability,
        "close_date": data.close_date,
        "owner_id": data.owner_id,
        "next_step": data.next_step,
        "next_step_date": data.next_step_date,
        "source": data.source,
        "competitor": data.competitor,
        "lost_reason": data.lost_reason,
        "notes": data.notes,
    }


class OpportunityRepository:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.session = ctx.session

    def _search_text(self, data: OpportunityData) -> str:
        company = (
            self.session.scalar(select(m.Company.name).where(m.Company.id == data.company_id))
            if data.company_id
            else None
        )
        contact = (
            self.session.scalar(select(m.Contact.name).where(m.Contact.id == data.contact_id))
            if data.contact_id
            else None
        )
        return build_search_text(
            [data.title, company or "", contact or ""], (), [data.next_step, data.competitor]
        )

    def add(self, data: OpportunityData, lead_id: int | None = None) -> int:
        stage = self._live_stage(data.stage_id)
        probability = data.probability if data.probability is not None else stage.probability
        values = opportunity_values(data, probability)
        if stage.outcome != Outcome.LOST.value:
            values["lost_reason"] = ""  # only a lost deal has a reason
        if values["owner_id"] is None:
            values["owner_id"] = self.ctx.user_id
        now = m.utcnow()
        obj = m.Opportunity(
            **values,
            lead_id=lead_id,
            stage_entered_at=now,
            closed_at=None if stage.outcome == Outcome.OPEN.value else now,
            search_text=self._search_text(data),
            created_by_id=self.ctx.user_id,
            updated_by_id=self.ctx.user_id,
        )
        self.session.add(obj)
        self.session.flush()
        self.session.add(
            m.StageChange(
                opportunity_id=obj.id, stage_id=stage.id, entered_at=now, user_id=self.ctx.user_id
            )
        )
        self.ctx.audit("opportunity", obj.id, "create", values)
        return obj.id

    def _live_stage(self, stage_id: int) -> m.Stage:
        stage = self.session.get(m.Stage, stage_id)
        if stage is None or stage.deleted_at is not None:
            raise NotFoundError("stage", stage_id)
        return stage

    def update(self, opportunity_id: int, expected_version: int, data: OpportunityData) -> None:
        obj = self.ctx.load_for_update(
            m.Opportunity, "opportunity", opportunity_id, expected_version
        )
        search_text = self._search_text(data)  # queries first: nothing pending to autoflush
        old_stage = obj.stage_id
        moved = old_stage != data.stage_id
        # A deal may stay in a stage retired meanwhile, but none may enter one.
        stage = self._live_stage(data.stage_id) if moved else self.session.get(m.Stage, old_stage)
        assert stage is not None  # the foreign key holds it
        probability = data.probability if data.probability is not None else stage.probability
        values = opportunity_values(data, probability)
        if stage.outcome != Outcome.LOST.value:
            values["lost_reason"] = ""  # only a lost deal has a reason
        changes = apply(obj, values)
        now = m.utcnow()
        if moved:
            self._enter_stage(obj, stage, now)
        if changes:
            obj.search_text = search_text
            obj.updated_by_id = self.ctx.user_id
            self.ctx.flush_checked(obj, "opportunity", opportunity_id)
            if moved:
                self._record_stay(obj.id, stage.id, now)
            self.ctx.audit("opportunity", opportunity_id, "update", changes)

    def move(
        self,
        opportunity_id: int,
        expected_version: int,
        stage_id: int,
        lost_reason: str = "",
    ) -> int:
        """Move a deal to another stage (the board's drag); returns its new version.

        The probability follows the stage's default; the history records the passage."""
        obj = self.ctx.load_for_update(
            m.Opportunity, "opportunity", opportunity_id, expected_version
        )
        if obj.stage_id == stage_id:
            return obj.version
        stage = self._live_stage(stage_id)
        changes: dict[str, list[Any]] = {
            "stage_id": [obj.stage_id, stage_id],
            "probability": [obj.probability, stage.probability],
        }
        obj.stage_id = stage_id
        obj.probability = stage.probability
        if stage.outcome == Outcome.LOST.value:
            changes["lost_reason"] = [obj.lost_reason, lost_reason]
            obj.lost_reason = lost_reason
        elif obj.lost_reason:
            changes["lost_reason"] = [obj.lost_reason, ""]
            obj.lost_reason = ""
        now = m.utcnow()
        self._enter_stage(obj, stage, now)
        obj.updated_by_id = self.ctx.user_id
        self.ctx.flush_checked(obj, "opportunity", opportunity_id)
        self._record_stay(obj.id, stage.id, now)
        self.ctx.audit("opportunity", opportunity_id, "move", changes)
        return obj.version

    def _enter_stage(self, obj: m.Opportunity, stage: m.Stage, now: datetime) -> None:
        obj.stage_entered_at = now
        if stage.outcome == Outcome.OPEN.value:
            obj.closed_at = None
        elif obj.closed_at is None:
            obj.closed_at = now

    def _record_stay(self, opportunity_id: int, stage_id: int, now: datetime) -> None:
        """Close the current stay, open the next. Written after the deal itself is flushed (and
        its version checked): a statement here would autoflush it first, bumping the version a
        second time and letting a concurrent change escape as a raw StaleDataError."""
        self.session.execute(
            update(m.StageChange)
            .where(m.StageChange.opportunity_id == opportunity_id, m.StageChange.left_at.is_(None))
            .values(left_at=now)
        )
        self.session.add(
            m.StageChange(
                opportunity_id=opportunity_id,
                stage_id=stage_id,
                entered_at=now,
                user_id=self.ctx.user_id,
            )
        )
        self.session.flush()

    def set_deleted(self, ids: list[int], deleted: bool) -> list[int]:
        return self.ctx.set_deleted(m.Opportunity, "opportunity", ids, deleted)

    def _query(self) -> Select[m.Opportunity, str, str, str | None, str | None]:
        o = m.Opportunity
        return (
            select(o, m.Stage.name, m.Stage.outcome, _COMPANY.name, _CONTACT.name)
            .join(m.Stage, m.Stage.id == o.stage_id)
            .outerjoin(_COMPANY, _COMPANY.id == o.company_id)
            .outerjoin(_CONTACT, _CONTACT.id == o.contact_id)
        )

    def get(self, opportunity_id: int) -> Opportunity:
        row = self.session.execute(
            self._query()
            .where(m.Opportunity.id == opportunity_id)
            .execution_options(populate_existing=True)
        ).first()
        if row is None or row[0].deleted_at is not None:
            raise NotFoundError("opportunity", opportunity_id)
        return self._record(*row)

    def for_company(self, company_id: int) -> list[Opportunity]:
        q = (
            self._query()
            .where(m.Opportunity.company_id == company_id, m.Opportunity.deleted_at.is_(None))
            .order_by(m.Opportunity.closed_at.is_not(None), m.Opportunity.close_date)
        )
        return [self._record(*r) for r in self.session.execute(q)]

    def find(
        self,
        flt: BoardFilter,
        outcome: Outcome | None = None,
        sort: str = "close_date",
        descending: bool = False,
    ) -> list[Opportunity]:
        """The list view: every deal matching the filter (open ones unless ``outcome`` says)."""
        o = m.Opportunity
        q = self._query().where(o.deleted_at.is_(None), *self._conditions(flt))
        if outcome is None or outcome is Outcome.OPEN:
            q = q.where(o.closed_at.is_(None))
        else:
            q = q.where(m.Stage.outcome == outcome.value)
        keys: dict[str, Any] = {
            "title": o.title,
            "company": _COMPANY.name_sort,
            "stage": m.Stage.position,
            "amount": o.amount,
            "probability": o.probability,
            "close_date": o.close_date,
            "next_step_date": o.next_step_date,
            "owner": o.owner_id,
            "weighted": o.amount * o.probability,
        }
        key = keys.get(sort, o.close_date)
        nulls = key.is_(None)
        q = q.order_by(nulls, key.desc() if descending else key, o.id)
        return [self._record(*r) for r in self.session.execute(q)]

    def _conditions(self, flt: BoardFilter) -> list[Any]:
        o = m.Opportunity
        out: list[Any] = []
        if flt.owner_id is not None:
            out.append(o.owner_id == flt.owner_id)
        if flt.close_from is not None:
            out.append(o.close_date >= flt.close_from)
        if flt.close_to is not None:
            out.append(o.close_date <= flt.close_to)
        out.extend(_like_terms(o.search_text, normalise(flt.search) if flt.search else ""))
        return out

    def board(self, flt: BoardFilter, stages: list[Stage], closed_since: date) -> list[BoardColumn]:
        """Cards per stage: every open deal, and deals won or lost since ``closed_since`` (the
        closed columns would otherwise grow forever). One query, light rows."""
        o = m.Opportunity
        q = (
            select(
                o.id,
                o.stage_id,
                o.title,
                _COMPANY.name,
                o.amount,
                o.currency,
                o.probability,
                o.close_date,
                o.owner_id,
                o.next_step,
                o.next_step_date,
                o.version,
            )
            .outerjoin(_COMPANY, _COMPANY.id == o.company_id)
            .where(
                o.deleted_at.is_(None),
                or_(
                    o.closed_at.is_(None),
                    o.closed_at
                    >= datetime(
                        closed_since.year, closed_since.month, closed_since.day, tzinfo=UTC
                    ),
                ),
                *self._conditions(flt),
            )
            .order_by(o.stage_id, o.close_date.is_(None), o.close_date, o.id)
        )
        by_stage: dict[int, list[Card]] = defaultdict(list)
        for r in self.session.execute(q):
            by_stage[r[1]].append(
                Card(
                    id=r[0],
                    stage_id=r[1],
                    title=r[2],
                    company_name=r[3],
                    amount=r[4],
                    currency=r[5],
                    probability=r[6],
                    close_date=r[7],
                    owner_name=self.ctx.user_name(r[8]),
                    next_step=r[9],
                    next_step_date=r[10],
                    version=r[11],
                )
            )
        columns = []
        for stage in stages:
            cards = tuple(by_stage.get(stage.id, ()))
            amount = sum((c.amount for c in cards), ZERO)
            # Σ amount × p rounded once, as the forecast and the funnel do (not Σ of rounded cards)
            weighted = money(sum((c.amount * c.probability for c in cards), ZERO) / 100)
            columns.append(BoardColumn(stage, cards, len(cards), amount, weighted))
        return columns

    def history(self, opportunity_id: int) -> list[StageStay]:
        rows = self.session.execute(
            select(
                m.Stage.name, m.StageChange.entered_at, m.StageChange.left_at, m.StageChange.user_id
            )
            .join(m.Stage, m.Stage.id == m.StageChange.stage_id)
            .where(m.StageChange.opportunity_id == opportunity_id)
            .order_by(m.StageChange.entered_at, m.StageChange.id)
        ).all()
        return [StageStay(n, e, left, self.ctx.user_name(u)) for n, e, left, u in rows]

    def forecast(
        self, by_owner: bool, by_month: bool, owner_id: int | None = None
    ) -> list[ForecastRow]:
        """Open deals grouped by close month and/or owner: count, Σ amount, Σ amount × p/100
        (summed exactly, in cents × percent, and rounded to the cent once, at the end)."""
        o = m.Opportunity
        month = _month(self.ctx.dialect, o.close_date)
        group: list[Any] = []
        if by_month:
            group.append(month)
        if by_owner:
            group.append(o.owner_id)
        q = select(
            *group,
            func.count(),
            func.coalesce(func.sum(cents(o.amount)), 0),
            func.coalesce(func.sum(cents(o.amount) * o.probability), 0),
        ).where(o.deleted_at.is_(None), o.closed_at.is_(None))
        if owner_id is not None:
            q = q.where(o.owner_id == owner_id)
        if group:
            q = q.group_by(*group)
        rows = []
        for r in self.session.execute(q):
            values = list(r)
            mon = values.pop(0) if by_month else None
            owner = self.ctx.user_name(values.pop(0)) if by_owner else None
            count, amount, weighted = values
            rows.append(
                ForecastRow(
                    month=mon,
                    owner=owner,
                    count=int(count),
                    amount=money(Decimal(int(amount)) / 100),
                    weighted=money(Decimal(int(weighted)) / 10000),
                )
            )
        rows.sort(key=lambda r: (r.month is None, r.month or "", r.owner or ""))
        return rows

    def funnel(self) -> list[FunnelRow]:
        o = m.Opportunity
        q = (
            select(
                m.Stage.name,
                m.Stage.outcome,
                func.count(o.id),
                func.coalesce(func.sum(cents(o.amount)), 0),
                func.coalesce(func.sum(cents(o.amount) * o.probability), 0),
            )
            .select_from(m.Stage)
            .outerjoin(o, and_(o.stage_id == m.Stage.id, o.deleted_at.is_(None)))
            .where(m.Stage.deleted_at.is_(None))
            .group_by(m.Stage.id, m.Stage.name, m.Stage.outcome, m.Stage.position)
            .order_by(m.Stage.position, m.Stage.id)
        )
        return [
            FunnelRow(
                stage=name,
                outcome=Outcome(outcome),
                count=int(count),
                amount=money(Decimal(int(amount)) / 100),
                weighted=money(Decimal(int(weighted)) / 10000),
            )
            for name, outcome, count, amount, weighted in self.session.execute(q)
        ]

    def _record(
        self,
        o: m.Opportunity,
        stage_name: str,
        outcome: str,
        company_name: str | None,
        contact_name: str | None,
    ) -> Opportunity:
        return Opportunity(
            id=o.id,
            data=OpportunityData(
                title=o.title,
                stage_id=o.stage_id,
                company_id=o.company_id,
                contact_id=o.contact_id,
                amount=o.amount,
                currency=o.currency,
                probability=o.probability,
                close_date=o.close_date,
                owner_id=o.owner_id,
                next_step=o.next_step,
                next_step_date=o.next_step_date,
                source=o.source,
                competitor=o.competitor,
                lost_reason=o.lost_reason,
                notes=o.notes,
            ),
            stage_name=stage_name,
            outcome=Outcome(outcome),
            company_name=company_name,
            contact_name=contact_name,
            owner_name=self.ctx.user_name(o.owner_id),
            stage_entered_at=o.stage_entered_at,
            closed_at=o.closed_at,
            created_at=o.created_at,
            version=o.version,
            lead_id=o.lead_id,
        )


def _month(dialect: str, column: Any) -> Any:
    if dialect == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


class CustomerFinder:
    """Existing companies and contacts a lead (or anything else) may already be."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.session = ctx.session

    def companies_named(self, name: str) -> list[tuple[int, str]]:
        """Companies whose name is this one up to case, width, spaces and punctuation."""
        key = name_key(name)
        if not key:
            return []
        c = m.Company
        # The key's characters in order with anything between them: every name with this key
        # matches (names are stored NFKC-clean), whatever its spaces and punctuation. The full
        # text index cannot do that: "杭州西湖科技" is no fragment of "杭州 西湖科技".
        pattern = "%" + "%".join(key) + "%"
        q = (
            select(c.id, c.name)
            .where(
                c.deleted_at.is_(None),
                c.name.ilike(pattern),
                # separators never outnumber the letters by much: keeps short keys cheap
                func.length(c.name).between(len(key), 2 * len(key) + 10),
            )
            .order_by(c.id)
        )
        return [(i, n) for i, n in self.session.execute(q) if name_key(n) == key]

    def contacts_like(
        self,
        name: str,
        email: str,
        phones: list[str],
        company_id: int | None,
        region: str = "CN",
    ) -> list[tuple[int, str, str | None]]:
        """Contacts with this e-mail or phone, or of this name at this company:
        (id, name, company name). ``region``: of phone numbers written without a country."""
        c = m.Contact
        found: dict[int, tuple[int, str, str | None]] = {}
        wanted_phones = {phone_key(p, region) for p in phones} - {""}
        candidates: list[Any] = []
        if email_key(email):
            candidates.append(c.email == email_key(email))
        # The national number is in the search text however the phone was written.
        for national in {phone_parts(p, region)[1] for p in phones} - {""}:
            candidates.append(search_condition(self.ctx.dialect, "contacts", c.id, national))
        if company_id is not None and name_key(name):
            candidates.append(and_(c.company_id == company_id))
        for condition in candidates:
            q = (
                select(c.id, c.name, c.email, c.mobile, c.phone, c.company_id, m.Company.name)
                .outerjoin(m.Company, m.Company.id == c.company_id)
                .where(c.deleted_at.is_(None), condition)
                .limit(200)
            )
            for cid, cname, cmail, mobile, phone, comp_id, comp_name in self.session.execute(q):
                same = (
                    (email_key(email) and email_key(cmail) == email_key(email))
                    or (
                        wanted_phones
                        & ({phone_key(mobile or "", region), phone_key(phone or "", region)} - {""})
                    )
                    or (
                        company_id is not None
                        and comp_id == company_id
                        and name_key(cname) == name_key(name)
                    )
                )
                if same:
                    found[cid] = (cid, cname, comp_name)
        return list(found.values())


def refresh_deal_search_text(
    session: Session, company_ids: Iterable[int] = (), contact_ids: Iterable[int] = ()
) -> None:
    """Deals are found by their customer's and contact's names: after a rename, their search
    text is made again (a handful of deals per customer, so this is cheap)."""
    o = m.Opportunity
    for column, ids in (
        (o.company_id, sorted(set(company_ids))),
        (o.contact_id, sorted(set(contact_ids))),
    ):
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = session.execute(
                select(o.id, o.title, o.next_step, o.competitor, _COMPANY.name, _CONTACT.name)
                .outerjoin(_COMPANY, _COMPANY.id == o.company_id)
                .outerjoin(_CONTACT, _CONTACT.id == o.contact_id)
                .where(column.in_(chunk))
            ).all()
            if rows:
                table = typing.cast(Table, m.Opportunity.__table__)
                session.execute(
                    update(table).where(table.c.id == bindparam("b_id")),
                    [
                        {
                            "b_id": deal_id,
                            "search_text": build_search_text(
                                [title, company or "", contact or ""], (), [step, competitor]
                            ),
                        }
                        for deal_id, title, step, competitor, company, contact in rows
                    ],
                )
