"""A report's table as the tab shows it and the .xlsx export writes it: headers, a kind per
column (how a cell is shown) and rows of plain values. Money stays Decimal in the rows (the
export writes numbers to the cent) and is shown with its currency, taken from the row's
currency column or else the report's one currency."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor

from crm_desktop.ui.widgets.format import money_text
from crm_desktop.ui.widgets.palette import ERROR, MUTED
from crm_desktop.ui.widgets.rows_model import Column


class Kind(enum.Enum):
    TEXT = "text"
    COUNT = "count"
    MONEY = "money"
    SHARE = "share"  # a fraction shown as a percentage
    DAYS = "days"
    CURRENCY = "currency"  # the row's currency (what its money cells are in)


@dataclass(frozen=True)
class Col:
    key: str  # stable across languages: column widths are remembered under it
    header: str
    kind: Kind = Kind.TEXT


@dataclass(frozen=True)
class ReportRow:
    """``id`` identifies the row across reloads (kept selected); never empty.
    ``company_id``: the customer a row is of (a double-click opens it in Contacts)."""

    id: str
    cells: tuple[Any, ...]
    company_id: int | None = None


@dataclass(frozen=True)
class ReportTable:
    name: str  # the sheet's and the file's name
    columns: tuple[Col, ...]
    rows: tuple[ReportRow, ...]
    currency: str | None = None  # of the money cells, when no column names it per row
    summary: str = ""  # a line above the table (class counts, totals, retention …)
    muted: frozenset[str] = field(default_factory=frozenset)  # row ids shown greyed

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    def export_rows(self) -> list[tuple[Any, ...]]:
        """The rows as the .xlsx gets them: money as numbers, with a currency column added
        when the table has none (a sheet of bare numbers says nothing of its currency)."""
        if self._currency_column() is not None or not self._has_money():
            return [r.cells for r in self.rows]
        return [(*r.cells, self.currency or "") for r in self.rows]

    def export_headers(self, currency_header: str) -> tuple[str, ...]:
        if self._currency_column() is not None or not self._has_money():
            return self.headers
        return (*self.headers, currency_header)

    def _has_money(self) -> bool:
        return any(c.kind is Kind.MONEY for c in self.columns)

    def _currency_column(self) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c.kind is Kind.CURRENCY), None)

    def currency_of(self, row: ReportRow) -> str:
        i = self._currency_column()
        return str(row.cells[i]) if i is not None else (self.currency or "")


def cell_text(value: Any, kind: Kind, currency: str) -> str:
    if value is None:
        return ""
    if kind is Kind.MONEY:
        return money_text(Decimal(value), currency)
    if kind is Kind.SHARE:
        return QLocale().toString(float(value) * 100, "f", 1) + " %"
    if kind is Kind.COUNT:
        return QLocale().toString(int(value))
    if kind is Kind.DAYS:
        return QLocale().toString(float(value), "f", 1 if float(value) % 1 else 0)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def columns_of(table: ReportTable, prefix: str) -> Sequence[Column[ReportRow]]:
    """Kit columns over the table's rows (keys under ``prefix``: each report remembers its
    own widths). A currency column shows only when the rows are of more than one currency:
    else every amount already says it (¥1,234.00), and the room goes to the figures."""

    def make(i: int, col: Col) -> Column[ReportRow]:
        def text(row: ReportRow) -> str:
            return cell_text(row.cells[i], col.kind, table.currency_of(row))

        def color(row: ReportRow) -> QColor | None:
            if row.id in table.muted:
                return MUTED
            value = row.cells[i]
            if col.kind is Kind.MONEY and value is not None and value < 0:
                return ERROR
            return None

        numeric = col.kind not in (Kind.TEXT, Kind.CURRENCY)
        return Column(f"{prefix}/{col.key}", col.header, text, numeric=numeric, color=color)

    one_currency = len({table.currency_of(r) for r in table.rows}) <= 1
    return [
        make(i, col)
        for i, col in enumerate(table.columns)
        if not (col.kind is Kind.CURRENCY and one_currency)
    ]
