"""Money and dates as the pipeline shows them (Decimal in, text out; never through float)."""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QLocale

SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "HKD": "HK$"}


def money_text(value: Decimal | None, currency: str = "", decimals: int = 2) -> str:
    """12,345.60 with the locale's separators, from the Decimal's own digits ("" for None)."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    q = value.quantize(quantum)
    sign = "-" if q < 0 else ""
    whole, _, cents = f"{abs(q):f}".partition(".")
    locale = QLocale()
    group = locale.groupSeparator()
    point = locale.decimalPoint()
    digits = "".join(
        (group if i and (len(whole) - i) % 3 == 0 else "") + ch for i, ch in enumerate(whole)
    )
    text = f"{sign}{digits}{point + cents if decimals else ''}"
    symbol = SYMBOLS.get(currency, f"{currency} " if currency else "")
    return f"{symbol}{text}"


def short_money(value: Decimal, currency: str = "") -> str:
    """A compact sum for a column header: ¥1.2M / ¥350k (or 万 in Chinese)."""
    symbol = SYMBOLS.get(currency, "")
    amount = abs(value)
    sign = "-" if value < 0 else ""
    if QLocale().language() == QLocale.Language.Chinese:
        if amount >= 100_000_000:
            return f"{sign}{symbol}{amount / 100_000_000:.2f}亿"
        if amount >= 10_000:
            return f"{sign}{symbol}{amount / 10_000:.1f}万"
        return f"{sign}{symbol}{amount:.0f}"
    if amount >= 1_000_000:
        return f"{sign}{symbol}{amount / 1_000_000:.2f}M"
    if amount >= 1_000:
        return f"{sign}{symbol}{amount / 1_000:.1f}k"
    return f"{sign}{symbol}{amount:.0f}"


def date_text(value: date | None) -> str:
    return value.isoformat() if value else ""


def parse_number(text: str) -> Decimal | None:
    """What the user typed as a number: "1,234.5", "１２３４.５", "¥ 1 234", "1.234,5" in a
    comma-decimal locale; None when it is not one (a stray letter is a typo to point out, not
    to drop). Never through float."""
    text = unicodedata.normalize("NFKC", text).strip()
    for symbol in ("¥", "$", "€", "£", "%", " ", "\u00a0", "\u202f", "'", "_"):
        text = text.replace(symbol, "")
    if not text:
        return None
    locale = QLocale()
    point, group = locale.decimalPoint(), locale.groupSeparator()
    text = text.replace(group, "").replace(point, ".") if point != "." else text.replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
