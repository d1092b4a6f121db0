"""Opportunities (deals): records, moves through the stages with their history, the board
and the list."""

from __future__ import annotations

import typing
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, Table, bindparam, or_, select, update
from sqlalchemy.orm import Session

from crm_desktop.db import models as m
from crm_desktop.db.repositories.audited import AuditedRepository
from crm_desktop.db.repositories.common import COMPANY, CONTACT, apply, like_terms
from crm_desktop.db.search import build_search_text, normalise
from crm_desktop.domain.errors import NotFoundError
from crm_desktop.domain.pipeline import (
    BoardColumn,
    BoardFilter,
    Card,
    Opportunity,
    OpportunityData,
    Outcome,
    Stage,
    StageStay,
    money,
    weighted_sum,
)

ZERO = Decimal("0.00")


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


class OpportunityRepository(AuditedRepository[m.Opportunity]):
    model = m.Opportunity
    kind = "opportunity"

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
        obj = self._insert(
            values,
            lead_id=lead_id,
            stage_entered_at=now,
            closed_at=None if stage.outcome == Outcome.OPEN.value else now,
            search_text=self._search_text(data),
        )
        self.session.add(
            m.StageChange(
                opportunity_id=obj.id, stage_id=stage.id, entered_at=now, user_id=self.ctx.user_id
            )
        )
        return obj.id

    def _live_stage(self, stage_id: int) -> m.Stage:
        stage = self.session.get(m.Stage, stage_id)
        if stage is None or stage.deleted_at is not None:
            raise NotFoundError("stage", stage_id)
        return stage

    def update(self, opportunity_id: int, expected_version: int, data: OpportunityData) -> None:
        obj = self._load(opportunity_id, expected_version)
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
            self._save(obj, changes)
            if moved:
                self._record_stay(obj.id, stage.id, now)

    def move(
        self,
        opportunity_id: int,
        expected_version: int,
        stage_id: int,
        lost_reason: str = "",
    ) -> int:
        """Move a deal to another stage (the board's drag); returns its new version.

        The probability follows the stage's default; the history records the passage."""
        obj = self._load(opportunity_id, expected_version)
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
        self._save(obj, changes, "move")
        self._record_stay(obj.id, stage.id, now)
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

    def _query(self) -> Select[m.Opportunity, str, str, str | None, str | None]:
        o = m.Opportunity
        return (
            select(o, m.Stage.name, m.Stage.outcome, COMPANY.name, CONTACT.name)
            .join(m.Stage, m.Stage.id == o.stage_id)
            .outerjoin(COMPANY, COMPANY.id == o.company_id)
            .outerjoin(CONTACT, CONTACT.id == o.contact_id)
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
            "company": COMPANY.name_sort,
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
        out.extend(like_terms(o.search_text, normalise(flt.search) if flt.search else ""))
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
                COMPANY.name,
                o.amount,
                o.currency,
                o.probability,
                o.close_date,
                o.owner_id,
                o.next_step,
                o.next_step_date,
                o.version,
            )
            .outerjoin(COMPANY, COMPANY.id == o.company_id)
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
            weighted = weighted_sum((c.amount, c.probability) for c in cards)
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
                select(o.id, o.title, o.next_step, o.competitor, COMPANY.name, CONTACT.name)
                .outerjoin(COMPANY, COMPANY.id == o.company_id)
                .outerjoin(CONTACT, CONTACT.id == o.contact_id)
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
