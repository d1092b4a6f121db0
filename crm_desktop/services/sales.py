"""Use cases of products, quotes, orders and payments (回款), and receivables."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.pipeline import (
    LineData,
    Order,
    OrderData,
    OrderFilter,
    OrderKind,
    OrderRow,
    OrderStatus,
    Outcome,
    Payment,
    PaymentData,
    Product,
    ProductData,
    Receivable,
    money,
)
from crm_desktop.domain.records import ChangeAction, RecordKind
from crm_desktop.domain.validation import (
    clean_text,
    validate_order,
    validate_payment,
    validate_product,
)
from crm_desktop.services.workspace import Workspace
from crm_desktop.services.writes import write

if TYPE_CHECKING:
    from crm_desktop.db.unit_of_work import UnitOfWork

ZERO = Decimal("0.00")


# -- products ------------------------------------------------------------------------------
def clean_product(data: ProductData) -> ProductData:
    return replace(
        data,
        code=clean_text(data.code),
        name=clean_text(data.name),
        category=clean_text(data.category),
        unit=clean_text(data.unit),
        notes=data.notes.strip(),
    )


def create_product(ws: Workspace, data: ProductData, origin: object = None) -> Product:
    data = clean_product(data)
    validate_product(data)
    with write(ws, RecordKind.PRODUCT, ChangeAction.CREATED, origin) as w:
        _check_code(w.uow, data.code)
        product_id = w.uow.products.add(data)
        w.touched([product_id])
        product = w.uow.products.get(product_id)
    return product


def _check_code(uow: UnitOfWork, code: str, except_id: int | None = None) -> None:
    if uow.products.code_taken(code, except_id):
        raise ValidationError({"code": f"The code {code} is already used."})


def update_product(
    ws: Workspace, product_id: int, version: int, data: ProductData, origin: object = None
) -> Product:
    data = clean_product(data)
    validate_product(data)
    with write(ws, RecordKind.PRODUCT, ChangeAction.UPDATED, origin, ids=[product_id]) as w:
        _check_code(w.uow, data.code, except_id=product_id)
        w.uow.products.update(product_id, version, data)
        product = w.uow.products.get(product_id)
    return product


def get_product(ws: Workspace, product_id: int) -> Product:
    with ws.reading() as uow:
        return uow.products.get(product_id)


def products(ws: Workspace, search: str = "", include_inactive: bool = False) -> list[Product]:
    with ws.reading() as uow:
        return uow.products.find(search, include_inactive)


def product_categories(ws: Workspace) -> list[str]:
    with ws.reading() as uow:
        return uow.products.categories()


# -- quotes and orders ---------------------------------------------------------------------
def clean_order(data: OrderData) -> OrderData:
    return replace(
        data,
        number=clean_text(data.number),
        currency=clean_text(data.currency).upper() or "CNY",
        notes=data.notes.strip(),
        # The unit price is not rounded here: a price of more than two decimals is refused
        # by validate_order, where rounding it would change the total the user was shown.
        lines=tuple(replace(line, description=clean_text(line.description)) for line in data.lines),
    )


def create_order(ws: Workspace, data: OrderData, origin: object = None) -> Order:
    """A new quote or order; its number (Q2026-0001, SO2026-0001) is given if left empty."""
    data = clean_order(data)
    validate_order(data)
    with write(ws, RecordKind.ORDER, ChangeAction.CREATED, origin) as w:
        w.uow.companies.get(data.company_id)
        order_id = w.uow.orders.add(data)
        w.touched([order_id])
        order = w.uow.orders.get(order_id)
    return order


def update_order(
    ws: Workspace, order_id: int, version: int, data: OrderData, origin: object = None
) -> Order:
    data = clean_order(data)
    validate_order(data)
    with write(ws, RecordKind.ORDER, ChangeAction.UPDATED, origin, ids=[order_id]) as w:
        w.uow.orders.update(order_id, version, data)  # first: a conflict is told as one
        order = w.uow.orders.get(order_id)
        if order.balance < 0:  # leaving the block by an error undoes the update
            raise ValidationError(
                {"lines": f"The total would be less than what was already paid ({order.paid})."}
            )
    return order


def get_order(ws: Workspace, order_id: int) -> Order:
    with ws.reading() as uow:
        return uow.orders.get(order_id)


def orders(ws: Workspace, flt: OrderFilter, limit: int = 2000) -> list[OrderRow]:
    with ws.reading() as uow:
        return uow.orders.find(flt, limit)


def accept_quote(
    ws: Workspace, quote_id: int, version: int, order_date: date, origin: object = None
) -> Order:
    """The customer took the quote: an order with the same lines, the quote marked accepted."""
    with write(ws, RecordKind.ORDER, ChangeAction.UPDATED, origin, ids=[quote_id]) as w:
        uow = w.uow
        quote = uow.orders.get(quote_id)
        if quote.data.kind is not OrderKind.QUOTE:
            raise ValidationError({"kind": "Only a quote can be accepted."})
        if quote.data.status is not OrderStatus.OPEN:
            raise ValidationError({"status": "This quote is no longer open."})
        uow.orders.set_status(quote_id, version, OrderStatus.ACCEPTED)
        order_id = uow.orders.add(
            replace(
                quote.data,
                kind=OrderKind.ORDER,
                order_date=order_date,
                status=OrderStatus.OPEN,
                number="",
                due_date=(
                    order_date + (quote.data.due_date - quote.data.order_date)
                    if quote.data.due_date
                    else None
                ),
            ),
            quote_id=quote_id,
        )
        w.touched([order_id])
        order = uow.orders.get(order_id)
    return order


def order_from_opportunity(
    ws: Workspace,
    opportunity_id: int,
    order_date: date,
    lines: tuple[LineData, ...] = (),
    due_date: date | None = None,
    origin: object = None,
) -> Order:
    """An order for a won deal, to its customer; one line of the deal's amount unless lines are
    given."""
    with ws.reading() as uow:
        deal = uow.opportunities.get(opportunity_id)
    if deal.outcome is not Outcome.WON:
        raise ValidationError({"opportunity": "Only a won deal becomes an order."})
    if deal.data.company_id is None:
        raise ValidationError({"company": "The deal has no customer company."})
    if not lines:
        lines = (LineData(deal.data.title, money(1), deal.data.amount),)
    return create_order(
        ws,
        OrderData(
            kind=OrderKind.ORDER,
            company_id=deal.data.company_id,
            contact_id=deal.data.contact_id,
            opportunity_id=opportunity_id,
            owner_id=deal.data.owner_id,
            order_date=order_date,
            due_date=due_date,
            currency=deal.data.currency,
            lines=lines,
        ),
        origin,
    )


def set_order_status(
    ws: Workspace, order_id: int, version: int, status: OrderStatus, origin: object = None
) -> Order:
    with write(ws, RecordKind.ORDER, ChangeAction.UPDATED, origin, ids=[order_id]) as w:
        w.uow.orders.set_status(order_id, version, status)
        order = w.uow.orders.get(order_id)
    return order


# -- payments ------------------------------------------------------------------------------
def clean_payment(data: PaymentData) -> PaymentData:
    # The amount is not rounded: more than two decimals is refused by validate_payment.
    return replace(
        data, method=clean_text(data.method), reference=clean_text(data.reference),
        notes=data.notes.strip(),
    )  # fmt: skip


def _payable(uow: UnitOfWork, order_id: int) -> Order:
    """The order a payment goes to, locked (the balance checked is the one the payment lands
    on); refused when it is a quote or cancelled."""
    uow.orders.lock(order_id)
    order = uow.orders.get(order_id)
    if order.data.kind is not OrderKind.ORDER:
        raise ValidationError({"order": "Payments are recorded against orders, not quotes."})
    if order.data.status is OrderStatus.CANCELLED:
        raise ValidationError({"order": "This order was cancelled; it takes no payments."})
    return order


def _over_balance(balance: Decimal) -> ValidationError:
    return ValidationError({"amount": f"More than the open balance of this order ({balance})."})


def record_payment(ws: Workspace, data: PaymentData, origin: object = None) -> Payment:
    """Money received against an order. More than the order's open balance is refused (a
    typo of one zero too many is the usual cause)."""
    data = clean_payment(data)
    validate_payment(data)
    with write(ws, RecordKind.ORDER, ChangeAction.PAID, origin, ids=[data.order_id]) as w:
        order = _payable(w.uow, data.order_id)
        if data.amount > order.balance:
            raise _over_balance(order.balance)
        payment = w.uow.payments.get(w.uow.payments.add(data))
    return payment


def update_payment(
    ws: Workspace, payment_id: int, version: int, data: PaymentData, origin: object = None
) -> Payment:
    """Correct a payment (a mistyped amount, date or reference): audited, refused over a
    colleague's newer change (ConflictError), and refused when its order would be paid more
    than its total."""
    data = clean_payment(data)
    validate_payment(data)
    with write(ws, RecordKind.ORDER, ChangeAction.PAID, origin) as w:
        orders = w.uow.payments.update(payment_id, version, data)  # first: a conflict is one
        w.touched(orders)
        moved = len(orders) > 1  # to another order, which must take payments
        order = _payable(w.uow, data.order_id) if moved else w.uow.orders.get(data.order_id)
        if order.balance < 0:  # leaving the block by an error undoes the correction
            raise _over_balance(order.balance + data.amount)
        payment = w.uow.payments.get(payment_id)
    return payment


def delete_payment(
    ws: Workspace,
    payment_id: int,
    version: int,
    order_id: int | None = None,
    origin: object = None,
) -> None:
    """Remove a payment recorded by mistake (audited; ConflictError over a colleague's newer
    change). ``order_id`` is not needed (the payment knows its order); kept for callers."""
    with write(ws, RecordKind.ORDER, ChangeAction.PAID, origin) as w:
        w.touched([w.uow.payments.delete(payment_id, version)])


def payments(ws: Workspace, order_id: int) -> list[Payment]:
    with ws.reading() as uow:
        return uow.payments.for_order(order_id)


def receivables(ws: Workspace, today: date, company_id: int | None = None) -> list[Receivable]:
    """Per customer: what its orders total, what was paid, what is open and what is overdue."""
    with ws.reading() as uow:
        return uow.orders.receivables(today, company_id)


def orders_of_opportunity(ws: Workspace, opportunity_id: int) -> list[int]:
    """The orders (and quotes) made for a deal, oldest first."""
    with ws.reading() as uow:
        return sorted(uow.orders.for_opportunity(opportunity_id))
