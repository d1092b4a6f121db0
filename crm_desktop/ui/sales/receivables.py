"""Receivables per customer: what its orders total, what came in, what is open and overdue."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crm_desktop.domain.pipeline import Receivable
from crm_desktop.domain.records import RecordKind
from crm_desktop.services import sales as sales_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.widgets.format import money_text
from crm_desktop.ui.widgets.list_view import ListView
from crm_desktop.ui.widgets.palette import OVERDUE
from crm_desktop.ui.widgets.rows_model import Column


class ReceivablesView(ListView):
    """Customers that owe money, the most overdue first. Double-click: that customer's
    unpaid orders (``openCustomerOrders``; the Pipeline tab shows them in its orders list)."""

    openCustomerOrders = Signal(int, str)  # company id, company name
    watched = (RecordKind.ORDER, RecordKind.COMPANY)

    def __init__(
        self, ws: Workspace, parent: QWidget | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__(ws, parent, settings)
        self.summary = QLabel()
        self.summary.setObjectName("receivables_summary")
        self.summary.setStyleSheet("font-weight: 600;")
        self.open_button = QPushButton(self.tr("Show unpaid orders"))
        self.open_button.setObjectName("open_customer_orders")
        self.open_button.clicked.connect(self.open_current)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.open_button)
        hint = QLabel(self.tr("Double-click a customer to see its unpaid orders."))
        hint.setStyleSheet("color: gray;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)

        def late(r: Receivable) -> Any:
            return OVERDUE if r.overdue > 0 else None

        def late_tip(r: Receivable) -> str | None:
            if r.overdue <= 0:
                return None
            return self.tr("{amount} overdue; the oldest was due {due}").format(
                amount=money_text(r.overdue),
                due=r.oldest_due.isoformat() if r.oldest_due else "",
            )

        columns: list[Column[Receivable]] = [
            Column(
                "customer",
                self.tr("Customer"),
                lambda r: r.company_name,
                color=late,
                tooltip=late_tip,
                bold=lambda r: r.overdue > 0,
            ),
            Column("orders", self.tr("Orders"), lambda r: str(r.orders), numeric=True),
            Column("total", self.tr("Total"), lambda r: money_text(r.total), numeric=True),
            Column("paid", self.tr("Received"), lambda r: money_text(r.paid), numeric=True),
            Column("balance", self.tr("Balance"), lambda r: money_text(r.balance), numeric=True),
            Column(
                "overdue",
                self.tr("Overdue"),
                lambda r: money_text(r.overdue) if r.overdue > 0 else "",
                numeric=True,
                color=late,
                tooltip=late_tip,
                bold=lambda r: r.overdue > 0,
            ),
            Column(
                "oldest_due",
                self.tr("Oldest due"),
                lambda r: r.oldest_due.isoformat() if r.oldest_due else "",
                color=late,
            ),
        ]
        self.set_columns(columns, stretch="customer")
        self.table.activated.connect(lambda _: self.open_current())  # Enter or double-click

    def query(self) -> Callable[[], Sequence[Any]]:
        ws, today = self.ws, date.today()
        return lambda: sales_service.receivables(ws, today)

    def rows_shown(self, rows: Sequence[Any]) -> None:
        balance = sum((r.balance for r in rows), Decimal("0.00"))
        overdue = sum((r.overdue for r in rows), Decimal("0.00"))
        text = self.tr("%n customer(s) owe {balance}", "", len(rows)).format(
            balance=money_text(balance)
        )
        if overdue:
            text += " · " + self.tr("{overdue} overdue").format(overdue=money_text(overdue))
        self.summary.setText(text)
        self.open_button.setEnabled(bool(rows))

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.openCustomerOrders.emit(row.company_id, row.company_name)
