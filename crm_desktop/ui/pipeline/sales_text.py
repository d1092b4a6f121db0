"""Money and the names of order kinds, statuses and payment methods, as the user reads them."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

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


def format_money(value: Decimal | None) -> str:
    """1234567.5 → "1,234,567.50" with the locale's separators; exact (never through float)."""
    if value is None:
        return ""
    text = f"{value:,.2f}"
    locale = QLocale()
    group, point = locale.groupSeparator(), locale.decimalPoint()
    if (group, point) != (",", "."):
        text = text.replace(",", "\0").replace(".", point).replace("\0", group)
    return text


def parse_decimal(text: str) -> Decimal | None:
    """What the user typed as a number: "1,234.5", "１２３４.５", "¥ 1 234,5" (in a comma-decimal
    locale); None when it is not one. Never through float."""
    text = unicodedata.normalize("NFKC", text).strip()
    for symbol in ("¥", "￥", "$", "€", "%", " ", "\u00a0", "'"):
        text = text.replace(symbol, "")
    if not text:
        return None
    locale = QLocale()
    point, group = locale.decimalPoint(), locale.groupSeparator()
    # A comma-decimal locale (de, fr …) reads "1.234,5"; ours read commas as grouping.
    plain = text.replace(",", "")
    text = text.replace(group, "").replace(point, ".") if point != "." else plain
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
