"""Pure domain rules of the pipeline: weighted amounts and close-date periods, on fixed values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from crm_desktop.domain.periods import PERIOD_KEYS, period_range
from crm_desktop.domain.pipeline import Card, default_stages, weighted_sum

D = Decimal


def test_weighted_sum_is_exact_and_rounded_half_up_once() -> None:
    assert weighted_sum([]) == D("0.00")
    assert weighted_sum([(D("0.01"), 50)]) == D("0.01")  # 0.005 → 0.01, never banker's 0.00
    assert weighted_sum([(D("0.01"), 49)]) == D("0.00")
    # three deals of 0.067 each: 0.201 in all, not 3 × 0.07 = 0.21 (rounded once, at the end)
    assert weighted_sum([(D("0.67"), 10)] * 3) == D("0.20")
    assert weighted_sum([(D("99999999.99"), 75)]) == D("74999999.99")  # 74999999.9925
    assert weighted_sum([(D("1000.01"), 25), (D("2000.00"), 90)]) == D("2050.00")


def test_a_card_weighs_as_the_column_does() -> None:
    card = Card(1, 1, "A", None, D("0.03"), "CNY", 50, None, None, "", None, 1)
    assert card.weighted == weighted_sum([(D("0.03"), 50)]) == D("0.02")  # 0.015 → 0.02


@pytest.mark.parametrize(
    ("key", "today", "expected"),
    [
        ("any", date(2026, 5, 17), (None, None)),
        ("unknown", date(2026, 5, 17), (None, None)),
        ("this_month", date(2024, 2, 10), (date(2024, 2, 1), date(2024, 2, 29))),
        ("this_month", date(2026, 12, 31), (date(2026, 12, 1), date(2026, 12, 31))),
        ("next_month", date(2026, 1, 31), (date(2026, 2, 1), date(2026, 2, 28))),
        ("next_month", date(2026, 12, 15), (date(2027, 1, 1), date(2027, 1, 31))),
        ("this_quarter", date(2026, 5, 17), (date(2026, 4, 1), date(2026, 6, 30))),
        ("this_quarter", date(2026, 12, 1), (date(2026, 10, 1), date(2026, 12, 31))),
        ("this_quarter", date(2026, 1, 1), (date(2026, 1, 1), date(2026, 3, 31))),
        ("next_90", date(2026, 11, 15), (date(2026, 11, 15), date(2027, 2, 13))),
        ("this_year", date(2026, 5, 17), (date(2026, 1, 1), date(2026, 12, 31))),
        ("past", date(2026, 3, 1), (None, date(2026, 2, 28))),
    ],
)
def test_period_ranges(key: str, today: date, expected: tuple[date | None, date | None]) -> None:
    assert period_range(key, today) == expected


def test_every_period_key_has_a_range_or_is_any() -> None:
    today = date(2026, 5, 17)
    assert [k for k in PERIOD_KEYS if period_range(k, today) == (None, None)] == ["any"]


def test_default_stages_follow_the_language() -> None:
    zh, zh_reasons = default_stages("zh_TW")
    en, en_reasons = default_stages("de_DE")
    assert zh[0].name == "初步接洽" and en[0].name == "Prospect"
    assert [s.probability for s in zh] == [s.probability for s in en]
    assert zh_reasons[0] == "价格" and en_reasons[0] == "Price"
