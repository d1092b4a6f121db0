"""Payments received against an order (回款); each keeps the order's ``paid`` in step."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from crm_desktop.db import models as m
from crm_desktop.db.repositories.audited import AuditedRepository
from crm_desktop.db.repositories.common import apply, cents
from crm_desktop.domain.errors import NotFoundError
from crm_desktop.domain.pipeline import Payment, PaymentData, money


def lock_order(session: Session, order_id: int) -> None:
    """Hold the order's row until the transaction ends, before reading its balance. SQLite's
    BEGIN IMMEDIATE already serialises writers; PostgreSQL's read committed does not, and two
    colleagues paying the same balance at once would both pass the balance check."""
    session.execute(select(m.Order.id).where(m.Order.id == order_id).with_for_update())


class PaymentRepository(AuditedRepository[m.Payment]):
    model = m.Payment
    kind = "payment"

    def add(self, data: PaymentData) -> int:
        order = self.session.get(m.Order, data.order_id, populate_existing=True)
        if order is None or order.deleted_at is not None:
            raise NotFoundError("order", data.order_id)
        obj = self._insert(_payment_values(data))
        self._refresh_paid(data.order_id)
        return obj.id

    def update(self, payment_id: int, expected_version: int, data: PaymentData) -> list[int]:
        """Correct a payment; returns the orders whose ``paid`` followed (the old and the new
        one, should the payment have moved to another order)."""
        obj = self._load(payment_id, expected_version)
        orders = list(dict.fromkeys([obj.order_id, data.order_id]))
        changes = apply(obj, _payment_values(data))
        if changes:
            self._save(obj, changes)
            for order_id in orders:
                self._refresh_paid(order_id)
        return orders

    def delete(self, payment_id: int, expected_version: int) -> int:
        """Remove a payment (kept, marked deleted, for the audit trail); returns its order's id."""
        obj = self._load(payment_id, expected_version)
        obj.deleted_at = m.utcnow()
        self._save(obj, {"amount": str(obj.amount)}, "delete")
        self._refresh_paid(obj.order_id)
        return obj.order_id

    def get(self, payment_id: int) -> Payment:
        return self._record(self._live(payment_id))

    def for_order(self, order_id: int) -> list[Payment]:
        rows = self.session.scalars(
            select(m.Payment)
            .where(m.Payment.order_id == order_id, m.Payment.deleted_at.is_(None))
            .order_by(m.Payment.paid_on, m.Payment.id)
        )
        return [self._record(p) for p in rows]

    def _record(self, p: m.Payment) -> Payment:
        return Payment(
            id=p.id,
            data=PaymentData(
                order_id=p.order_id,
                amount=p.amount,
                paid_on=p.paid_on,
                method=p.method,
                reference=p.reference,
                notes=p.notes,
            ),
            user_name=self.ctx.user_name(p.created_by_id),
            version=p.version,
        )

    def _refresh_paid(self, order_id: int) -> None:
        """Keep the order's ``paid`` equal to its live payments (summed exactly, in cents)."""
        lock_order(self.session, order_id)  # then the sum sees a colleague's payment meanwhile
        paid = self.session.scalar(
            select(func.coalesce(func.sum(cents(m.Payment.amount)), 0)).where(
                m.Payment.order_id == order_id, m.Payment.deleted_at.is_(None)
            )
        )
        # A plain UPDATE, not the ORM: a colleague editing the order's lines must not get a
        # conflict because someone recorded a payment.
        self.session.execute(
            update(m.Order)
            .where(m.Order.id == order_id)
            .values(paid=money(Decimal(int(paid or 0)) / 100))
            .execution_options(synchronize_session=False)
        )


def _payment_values(data: PaymentData) -> dict[str, Any]:
    return {
        "order_id": data.order_id,
        "amount": money(data.amount),
        "paid_on": data.paid_on,
        "method": data.method,
        "reference": data.reference,
        "notes": data.notes,
    }
