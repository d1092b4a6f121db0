"""Sales actions (products, quotes and orders, payments): one factory per user action.

The caller adds ``.success/.failure`` and ``.run()``; ``parent`` is also the change's origin.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from crm_desktop.domain.pipeline import OrderData, OrderStatus, PaymentData, ProductData
from crm_desktop.services import sales as sales_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.operations import Op, write


def create_product(parent: QWidget, ws: Workspace, data: ProductData) -> Op:
    return write(parent, lambda: sales_service.create_product(ws, data, origin=parent))


def update_product(
    parent: QWidget, ws: Workspace, product_id: int, version: int, data: ProductData
) -> Op:
    return write(
        parent,
        lambda: sales_service.update_product(ws, product_id, version, data, origin=parent),
    )


def create_order(parent: QWidget, ws: Workspace, data: OrderData) -> Op:
    return write(parent, lambda: sales_service.create_order(ws, data, origin=parent))


def update_order(
    parent: QWidget, ws: Workspace, order_id: int, version: int, data: OrderData
) -> Op:
    return write(
        parent, lambda: sales_service.update_order(ws, order_id, version, data, origin=parent)
    )


def accept_quote(
    parent: QWidget, ws: Workspace, quote_id: int, version: int, order_date: date
) -> Op:
    return write(
        parent,
        lambda: sales_service.accept_quote(ws, quote_id, version, order_date, origin=parent),
    )


def set_order_status(
    parent: QWidget, ws: Workspace, order_id: int, version: int, status: OrderStatus
) -> Op:
    return write(
        parent,
        lambda: sales_service.set_order_status(ws, order_id, version, status, origin=parent),
    )


def record_payment(parent: QWidget, ws: Workspace, data: PaymentData) -> Op:
    return write(parent, lambda: sales_service.record_payment(ws, data, origin=parent))


def update_payment(
    parent: QWidget, ws: Workspace, payment_id: int, version: int, data: PaymentData
) -> Op:
    return write(
        parent,
        lambda: sales_service.update_payment(ws, payment_id, version, data, origin=parent),
    )


def delete_payment(
    parent: QWidget, ws: Workspace, payment_id: int, version: int, order_id: int | None
) -> Op:
    return write(
        parent,
        lambda: sales_service.delete_payment(ws, payment_id, version, order_id, origin=parent),
    )
