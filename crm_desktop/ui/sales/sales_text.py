"""Money and the names of order kinds, statuses and payment methods, as the user reads them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from crm_desktop.domain.pipeline import OrderKind, OrderStatus, PaymentMethod

_KINDS = {
    OrderKind.QUOTE: QT_TRANSLATE_NOOP("SalesText", "Quote"),
    OrderKind.ORDER: QT_TRANSLATE_NOOP("SalesText", "Order"),
}

_STATUSES = {
    OrderStatus.OPEN: QT_TRANSLATE_NOOP("SalesText", "Open"),
    OrderStatus.ACCEPTED: QT_TRANSLATE_NOOP("SalesText", "Accepted"),
    OrderStatus.DECLINED: QT_TRANSLATE_NOOP("SalesText", "Declined"),
    OrderStatus.CANCELLED: QT_TRANSLATE_NOOP("SalesText", "Cancelled"),
}

_METHODS = {
    PaymentMethod.TRANSFER: QT_TRANSLATE_NOOP("SalesText", "Bank transfer"),
    PaymentMethod.CASH: QT_TRANSLATE_NOOP("SalesText", "Cash"),
    PaymentMethod.CARD: QT_TRANSLATE_NOOP("SalesText", "Card"),
    PaymentMethod.ALIPAY: QT_TRANSLATE_NOOP("SalesText", "Alipay"),
    PaymentMethod.WECHAT: QT_TRANSLATE_NOOP("SalesText", "WeChat Pay"),
    PaymentMethod.CHEQUE: QT_TRANSLATE_NOOP("SalesText", "Cheque"),
    PaymentMethod.OTHER: QT_TRANSLATE_NOOP("SalesText", "Other"),
}

CURRENCIES = ("CNY", "USD", "EUR", "HKD", "JPY", "GBP")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SalesText", text)


def kind_label(kind: OrderKind) -> str:
    return _tr(_KINDS[kind])


def status_label(status: OrderStatus) -> str:
    return _tr(_STATUSES[status])


def method_label(method: str) -> str:
    """A stored method may be any text (imported data); the known ones are translated."""
    try:
        return _tr(_METHODS[PaymentMethod(method)])
    except ValueError:
        return method
