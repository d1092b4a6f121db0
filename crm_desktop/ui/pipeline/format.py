"""Money and dates as the pipeline shows them (Decimal in, text out; never through float)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QLocale

SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "HKD": "HK$"}


def money_text(value: Decimal, currency: str = "", decimals: int = 2) -> str:
    """12,345.60 with the locale's separators, from the Decimal's own digits."""
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


def parse_money(text: str) -> Decimal | None:
    """What the user typed (1,234.5 / 1234.50 / ¥1 234 / full-width digits) as Decimal; None if
    it is not a number (a stray letter is a typo to point out, not to drop)."""
    cleaned = unicodedata.normalize("NFKC", text)
    for ch in " ,'_\u00a0\u202f¥$€£":
        cleaned = cleaned.replace(ch, "")
    if not _NUMBER.fullmatch(cleaned):
        return None
    return Decimal(cleaned)


_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)")
