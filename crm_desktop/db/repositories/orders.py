"""Quotes and orders with their line items; receivables (what customers still owe)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import case, delete, func, insert, or_, select

from crm_desktop.db import models as m
from crm_desktop.db.repositories.audited import AuditedRepository
from crm_desktop.db.repositories.common import COMPANY, CONTACT, apply, cents
from crm_desktop.db.repositories.payments import lock_order
from crm_desktop.db.repositories.products import ProductRepository
from crm_desktop.db.search import like_escape, normalise, query_terms
from crm_desktop.domain.errors import NotFoundError
from crm_desktop.domain.pipeline import (
    LineData,
    Order,
    OrderData,
    OrderFilter,
    OrderKind,
    OrderRow,
    OrderStatus,
    Receivable,
    money,
    order_cost,
)

ZERO = Decimal("0.00")
ORDER_NUMBER_LOCK = 0x43524D4F  # "CRMO": PostgreSQL advisory lock while numbering an order


class OrderRepository(AuditedRepository[m.Order]):
    model = m.Order
    kind = "order"

    def next_number(self, kind: OrderKind, on: date) -> str:
        """Q2026-0001 / SO2026-0001: per kind and year, one more than the highest so far."""
        prefix = f"{'Q' if kind is OrderKind.QUOTE else 'SO'}{on.year}-"
        # Longest first, then highest: SO2026-10000 comes after SO2026-9999 (a plain MAX of
        # the text would not), and a number typed by hand (SO2026-X1) is skipped over.
        numbers = self.session.scalars(
            select(m.Order.number)
            .where(m.Order.number.like(f"{like_escape(prefix)}%", escape="\\"))
            .order_by(func.length(m.Order.number).desc(), m.Order.number.desc())
        )
        for number in numbers:
            suffix = number[len(prefix) :]
            if suffix.isascii() and suffix.isdigit():
                return f"{prefix}{int(suffix) + 1:04d}"
        return f"{prefix}0001"

    def add(self, data: OrderData, quote_id: int | None = None) -> int:
        number = data.number.strip()
        if not number:
            self._lock_numbers()
            number = self.next_number(data.kind, data.order_date)
        values = _order_values(data)
        if values["owner_id"] is None:
            values["owner_id"] = self.ctx.user_id
        lines = self._costed(data.lines)
        obj = self._insert(
            values,
            audit={**values, "number": number},
            number=number,
            quote_id=quote_id,
            total=data.total,
            paid=ZERO,
            **_cost_values(lines),
        )
        self._write_lines(obj.id, lines)
        return obj.id

    def _costed(self, lines: tuple[LineData, ...]) -> tuple[LineData, ...]:
        """The lines, each of a product and without a cost of its own given the product's cost
        now in force: a line keeps the cost it was sold at, later cost changes leave it."""
        need = [ln.product_id for ln in lines if ln.unit_cost is None and ln.product_id]
        costs = ProductRepository(self.ctx).costs(pid for pid in need if pid is not None)
        return tuple(
            replace(ln, unit_cost=costs.get(ln.product_id))
            if ln.unit_cost is None and ln.product_id is not None
            else ln
            for ln in lines
        )

    def _lock_numbers(self) -> None:
        """One writer picks a new number at a time, until its transaction ends. SQLite's
        BEGIN IMMEDIATE already serialises writers; under PostgreSQL's read committed two
        colleagues saving a new order at once both got SO2026-0042."""
        if self.ctx.dialect == "postgresql":
            self.session.execute(select(func.pg_advisory_xact_lock(ORDER_NUMBER_LOCK)))

    def update(self, order_id: int, expected_version: int, data: OrderData) -> None:
        obj = self._load(order_id, expected_version)
        # Read before changing anything: a query would autoflush the order and bump its version
        # a second time.
        old_lines = self._lines(order_id)
        lines = self._kept_costs(old_lines, data.lines)
        lines_changed = old_lines != list(lines)
        values = _order_values(data)
        changes = apply(obj, {**values, "total": data.total, **_cost_values(lines)})
        if data.number.strip() and data.number.strip() != obj.number:
            changes["number"] = [obj.number, data.number.strip()]
            obj.number = data.number.strip()
        if lines_changed:
            changes["lines"] = [len(old_lines), len(data.lines)]
        if changes:
            obj.updated_at = m.utcnow()  # a change of lines alone must bump the version too
            self._save(obj, changes)
            if lines_changed:  # after the order's own (checked) flush: one version bump
                self.session.execute(delete(m.OrderLine).where(m.OrderLine.order_id == order_id))
                self._write_lines(order_id, lines)

    def _kept_costs(self, old: list[LineData], new: tuple[LineData, ...]) -> tuple[LineData, ...]:
        """The new lines with their costs: a line that is an old one but for a cost left out
        (a form that does not show costs) keeps the old line's cost; others get the product's
        cost now in force."""
        kept = {replace(ln, unit_cost=None): ln for ln in old}
        fresh = iter(
            self._costed(tuple(ln for ln in new if not (ln.unit_cost is None and ln in kept)))
        )
        return tuple(kept[ln] if ln.unit_cost is None and ln in kept else next(fresh) for ln in new)

    def set_status(self, order_id: int, expected_version: int, status: OrderStatus) -> None:
        obj = self._load(order_id, expected_version)
        changes = apply(obj, {"status": status.value})
        if changes:
            self._save(obj, changes)

    def lock(self, order_id: int) -> None:
        """Hold the order's row until the transaction ends (before reading its balance)."""
        lock_order(self.session, order_id)

    def _write_lines(self, order_id: int, lines: tuple[LineData, ...]) -> None:
        if lines:
            self.session.execute(
                insert(m.OrderLine),
                [
                    {
                        "order_id": order_id,
                        "position": i,
                        "product_id": line.product_id,
                        "description": line.description,
                        "quantity": line.quantity,
                        "unit_price": money(line.unit_price),
                        "discount": line.discount,
                        "amount": line.amount,
                        "unit_cost": line.unit_cost,
                    }
                    for i, line in enumerate(lines, start=1)
                ],
            )

    def _lines(self, order_id: int) -> list[LineData]:
        rows = self.session.scalars(
            select(m.OrderLine)
            .where(m.OrderLine.order_id == order_id)
            .order_by(m.OrderLine.position, m.OrderLine.id)
        )
        return [
            LineData(
                description=r.description,
                quantity=r.quantity,
                unit_price=r.unit_price,
                discount=r.discount,
                product_id=r.product_id,
                unit_cost=r.unit_cost,
            )
            for r in rows
        ]

    def get(self, order_id: int) -> Order:
        o = m.Order
        row = self.session.execute(
            select(o, COMPANY.name, CONTACT.name, m.Opportunity.title)
            .join(COMPANY, COMPANY.id == o.company_id)
            .outerjoin(CONTACT, CONTACT.id == o.contact_id)
            .outerjoin(m.Opportunity, m.Opportunity.id == o.opportunity_id)
            .where(o.id == order_id)
            .execution_options(populate_existing=True)
        ).first()
        if row is None or row[0].deleted_at is not None:
            raise NotFoundError("order", order_id)
        obj, company, contact, opportunity = row
        return Order(
            id=obj.id,
            data=OrderData(
                kind=OrderKind(obj.kind),
                company_id=obj.company_id,
                order_date=obj.order_date,
                lines=tuple(self._lines(obj.id)),
                contact_id=obj.contact_id,
                opportunity_id=obj.opportunity_id,
                owner_id=obj.owner_id,
                due_date=obj.due_date,
                status=OrderStatus(obj.status),
                currency=obj.currency,
                notes=obj.notes,
                number=obj.number,
            ),
            number=obj.number,
            company_name=company,
            contact_name=contact,
            owner_name=self.ctx.user_name(obj.owner_id),
            opportunity_title=opportunity,
            total=obj.total,
            paid=obj.paid,
            version=obj.version,
            quote_id=obj.quote_id,
        )

    def find(self, flt: OrderFilter, limit: int = 2000) -> list[OrderRow]:
        """Newest first; at most ``limit`` rows (the list is for finding an order, the reports
        are for totals)."""
        o = m.Order
        q = (
            select(
                o.id,
                o.kind,
                o.number,
                o.order_date,
                o.due_date,
                COMPANY.name,
                o.owner_id,
                o.status,
                o.currency,
                o.total,
                o.paid,
            )
            .join(COMPANY, COMPANY.id == o.company_id)
            .where(o.deleted_at.is_(None))
        )
        if flt.kind is not None:
            q = q.where(o.kind == flt.kind.value)
        if flt.company_id is not None:
            q = q.where(o.company_id == flt.company_id)
        if flt.owner_id is not None:
            q = q.where(o.owner_id == flt.owner_id)
        if flt.unpaid_only:
            q = q.where(
                o.kind == OrderKind.ORDER.value,
                o.status != OrderStatus.CANCELLED.value,
                cents(o.paid) < cents(o.total),
            )
        for term in query_terms(normalise(flt.search) if flt.search else ""):
            like = f"%{like_escape(term)}%"
            q = q.where(
                or_(
                    func.lower(o.number).like(like, escape="\\"),
                    COMPANY.search_text.like(like, escape="\\"),
                )
            )
        q = q.order_by(o.order_date.desc(), o.id.desc()).limit(limit)
        return [
            OrderRow(
                id=r[0],
                kind=OrderKind(r[1]),
                number=r[2],
                order_date=r[3],
                due_date=r[4],
                company_name=r[5],
                owner_name=self.ctx.user_name(r[6]),
                status=OrderStatus(r[7]),
                currency=r[8],
                total=r[9],
                paid=r[10],
            )
            for r in self.session.execute(q)
        ]

    def receivables(self, today: date, company_id: int | None = None) -> list[Receivable]:
        """What each customer still owes on its orders (cancelled ones and quotes aside), and
        how much of it is past due, per currency; the largest debts first. Customers in the
        Trash are left out."""
        o = m.Order
        balance = cents(o.total) - cents(o.paid)
        overdue = case((o.due_date < today, balance), else_=0)
        q = (
            select(
                o.company_id,
                COMPANY.name,
                func.count(),
                func.sum(cents(o.total)),
                func.sum(cents(o.paid)),
                func.sum(overdue),
                func.min(case((o.due_date < today, o.due_date), else_=None)),
                o.currency,
            )
            .join(COMPANY, COMPANY.id == o.company_id)
            .where(
                o.deleted_at.is_(None),
                COMPANY.deleted_at.is_(None),
                o.kind == OrderKind.ORDER.value,
                o.status != OrderStatus.CANCELLED.value,
                balance > 0,
            )
            .group_by(o.company_id, COMPANY.name, o.currency)
        )
        if company_id is not None:
            q = q.where(o.company_id == company_id)
        out = [
            Receivable(
                company_id=cid,
                company_name=name,
                orders=int(n),
                total=money(Decimal(int(total)) / 100),
                paid=money(Decimal(int(paid)) / 100),
                overdue=money(Decimal(int(late or 0)) / 100),
                oldest_due=oldest,
                currency=currency,
            )
            for cid, name, n, total, paid, late, oldest, currency in self.session.execute(q)
        ]
        out.sort(key=lambda r: (-r.overdue, -r.balance, r.company_name, r.currency))
        return out

    def for_opportunity(self, opportunity_id: int) -> list[int]:
        return list(
            self.session.scalars(
                select(m.Order.id).where(
                    m.Order.opportunity_id == opportunity_id, m.Order.deleted_at.is_(None)
                )
            )
        )


def _cost_values(lines: tuple[LineData, ...]) -> dict[str, Any]:
    c = order_cost(lines)
    return {
        "cost": c.cost,
        "uncosted_amount": c.uncosted_amount,
        "uncosted_lines": c.uncosted_lines,
    }


def _order_values(data: OrderData) -> dict[str, Any]:
    return {
        "kind": data.kind.value,
        "company_id": data.company_id,
        "contact_id": data.contact_id,
        "opportunity_id": data.opportunity_id,
        "owner_id": data.owner_id,
        "order_date": data.order_date,
        "due_date": data.due_date,
        "status": data.status.value,
        "currency": data.currency,
        "notes": data.notes,
    }
