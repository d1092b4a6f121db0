"""The list of quotes and orders: filter by kind, unpaid only, customer, search; overdue
balances in red; New quote, New order, Open."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.pipeline import OrderFilter, OrderKind, OrderRow
from crm_desktop.domain.records import RecordKind
from crm_desktop.services import sales as sales_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.sales.order_dialog import OrderDialog
from crm_desktop.ui.sales.sales_text import kind_label, status_label
from crm_desktop.ui.widgets.format import money_text
from crm_desktop.ui.widgets.list_view import ListView
from crm_desktop.ui.widgets.palette import MUTED, OVERDUE
from crm_desktop.ui.widgets.rows_model import Column
from crm_desktop.ui.widgets.search_box import SearchBox

LIMIT = 2000


class OrdersView(ListView):
    watched = (RecordKind.ORDER, RecordKind.COMPANY)

    def __init__(
        self, ws: Workspace, parent: QWidget | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__(ws, parent, settings)
        self.company_id: int | None = None
        self.kind = QComboBox()
        self.kind.setObjectName("order_kind")
        self.kind.addItem(self.tr("Quotes and orders"), None)
        self.kind.addItem(self.tr("Quotes"), OrderKind.QUOTE.value)
        self.kind.addItem(self.tr("Orders"), OrderKind.ORDER.value)
        self.kind.currentIndexChanged.connect(self.reload)
        self.unpaid = QCheckBox(self.tr("Unpaid only"))
        self.unpaid.setObjectName("unpaid_only")
        self.unpaid.setToolTip(self.tr("Orders with an open balance (not cancelled)"))
        self.unpaid.toggled.connect(self.reload)
        self.customer_chip = QToolButton()
        self.customer_chip.setObjectName("customer_filter")
        self.customer_chip.setToolTip(self.tr("Click to show every customer again"))
        self.customer_chip.clicked.connect(self.clear_customer)
        self.customer_chip.hide()
        self.search = SearchBox("order_search", self.tr("Search number or customer …"))
        self.search.searched.connect(lambda _text: self.reload())
        self.new_quote_button = QPushButton(self.tr("New quote…"))
        self.new_quote_button.setObjectName("new_quote")
        self.new_quote_button.clicked.connect(self.new_quote)
        self.new_order_button = QPushButton(self.tr("New order…"))
        self.new_order_button.setObjectName("new_order")
        self.new_order_button.clicked.connect(self.new_order)
        self.open_button = QPushButton(self.tr("Open…"))
        self.open_button.setObjectName("open_order")
        self.open_button.clicked.connect(self.open_current)
        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addWidget(self.unpaid)
        top.addWidget(self.customer_chip)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_quote_button)
        top.addWidget(self.new_order_button)
        top.addWidget(self.open_button)
        self.summary = QLabel()
        self.summary.setObjectName("orders_summary")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.set_columns(self._columns(), stretch="customer")
        self.table.activated.connect(lambda _: self.open_current())  # Enter or double-click

    def _columns(self) -> list[Column[OrderRow]]:
        today = date.today

        def late(r: OrderRow) -> Any:
            if r.overdue(today()):
                return OVERDUE
            return MUTED if r.balance <= 0 or r.kind is OrderKind.QUOTE else None

        def late_tip(r: OrderRow) -> str | None:
            if not r.overdue(today()) or r.due_date is None:
                return None
            return self.tr(
                "Overdue: due {due}, %n day(s) ago", "", (today() - r.due_date).days
            ).format(due=r.due_date.isoformat())

        return [
            Column("number", self.tr("Number"), lambda r: r.number),
            Column("kind", self.tr("Kind"), lambda r: kind_label(r.kind)),
            Column("order_date", self.tr("Date"), lambda r: r.order_date.isoformat()),
            Column("customer", self.tr("Customer"), lambda r: r.company_name),
            Column("owner", self.tr("Owner"), lambda r: r.owner_name or ""),
            Column("status", self.tr("Status"), lambda r: status_label(r.status)),
            Column("total", self.tr("Total"), lambda r: money_text(r.total), numeric=True),
            Column("currency", self.tr("Currency"), lambda r: r.currency),
            Column("paid", self.tr("Received"), lambda r: money_text(r.paid), numeric=True),
            Column(
                "balance",
                self.tr("Balance"),
                lambda r: money_text(r.balance) if r.kind is OrderKind.ORDER else "",
                numeric=True,
                color=late,
                tooltip=late_tip,
                bold=lambda r: r.overdue(today()),
            ),
            Column(
                "due_date",
                self.tr("Due"),
                lambda r: r.due_date.isoformat() if r.due_date else "",
                color=lambda r: OVERDUE if r.overdue(today()) else None,
                tooltip=late_tip,
            ),
        ]

    def current_filter(self) -> OrderFilter:
        kind = self.kind.currentData()
        return OrderFilter(
            search=self.search.text().strip(),
            kind=OrderKind(kind) if kind else None,
            company_id=self.company_id,
            unpaid_only=self.unpaid.isChecked(),
        )

    def query(self) -> Callable[[], Sequence[Any]]:
        ws, flt = self.ws, self.current_filter()
        return lambda: sales_service.orders(ws, flt, LIMIT)

    def rows_shown(self, rows: Sequence[Any]) -> None:
        today = date.today()
        overdue = sum(1 for r in rows if r.overdue(today))
        text = self.tr("%n shown", "", len(rows))
        if len(rows) >= LIMIT:
            text = self.tr("The newest %n shown; search or filter to find older ones.", "", LIMIT)
        if overdue:
            text += " · " + self.tr("%n overdue", "", overdue)
        self.summary.setText(text)
        self.open_button.setEnabled(bool(rows))

    # -- customer filter (from the receivables) ----------------------------------------------
    def show_customer_unpaid(self, company_id: int, company_name: str) -> None:
        """The open orders of one customer: what the receivables view opens."""
        self.company_id = company_id
        self.customer_chip.setText(self.tr("Customer: %s  ✕") % company_name)
        self.customer_chip.show()
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(OrderKind.ORDER.value))
        self.kind.blockSignals(False)
        self.unpaid.blockSignals(True)
        self.unpaid.setChecked(True)
        self.unpaid.blockSignals(False)
        self.search.clear_quietly()
        self.reload()

    def clear_customer(self) -> None:
        self.company_id = None
        self.customer_chip.hide()
        self.reload()

    # -- opening ---------------------------------------------------------------------------
    def _open_dialog(self, dialog: OrderDialog) -> OrderDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def new_quote(self) -> OrderDialog:
        return self._open_dialog(OrderDialog(self.ws, None, OrderKind.QUOTE, self))

    def new_order(self) -> OrderDialog:
        return self._open_dialog(OrderDialog(self.ws, None, OrderKind.ORDER, self))

    def open_order(self, order_id: int) -> OrderDialog:
        return self._open_dialog(OrderDialog(self.ws, order_id, parent=self))

    def open_current(self) -> OrderDialog | None:
        row = self.current_row()
        return self.open_order(row.id) if row is not None else None
