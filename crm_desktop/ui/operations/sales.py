"""Sales actions (products, quotes and orders, payments): one factory per user action.

The caller adds ``.success/.failure`` and ``.run()``; ``parent`` is also the change's origin.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from crm_desktop.domain.pipeline import OrderData, OrderStatus, PaymentData, ProductData
from crm_desktop.services import sales as s
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.operations import Op, service_write


def create_product(parent: QWidget, ws: Workspace, data: ProductData) -> Op:
    return service_write(parent, s.create_product, ws, data)


def update_product(parent: QWidget, ws: Workspace, id_: int, version: int, data: ProductData) -> Op:
    return service_write(parent, s.update_product, ws, id_, version, data)


def create_order(parent: QWidget, ws: Workspace, data: OrderData) -> Op:
    return service_write(parent, s.create_order, ws, data)


def update_order(parent: QWidget, ws: Workspace, id_: int, version: int, data: OrderData) -> Op:
    return service_write(parent, s.update_order, ws, id_, version, data)


def accept_quote(parent: QWidget, ws: Workspace, id_: int, version: int, on: date) -> Op:
    """The customer took the quote: succeeds with the new order."""
    return service_write(parent, s.accept_quote, ws, id_, version, on)


def set_order_status(
    parent: QWidget, ws: Workspace, id_: int, version: int, status: OrderStatus
) -> Op:
    return service_write(parent, s.set_order_status, ws, id_, version, status)


def record_payment(parent: QWidget, ws: Workspace, data: PaymentData) -> Op:
    return service_write(parent, s.record_payment, ws, data)


def update_payment(parent: QWidget, ws: Workspace, id_: int, version: int, data: PaymentData) -> Op:
    """Correct a payment: version-checked, refused when it would overpay its order."""
    return service_write(parent, s.update_payment, ws, id_, version, data)


def delete_payment(
    parent: QWidget, ws: Workspace, id_: int, version: int, order_id: int | None
) -> Op:
    return service_write(parent, s.delete_payment, ws, id_, version, order_id)
