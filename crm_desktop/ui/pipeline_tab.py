"""The Pipeline tab, composed of the pipeline screens (Deals on a board and a list, Leads, Forecast)
and the sales screens (Orders: quotes and orders with their payments, Receivables, Products)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.pipeline.deals import DealsView
from crm_desktop.ui.pipeline.forecast import ForecastView
from crm_desktop.ui.pipeline.leads import LeadsView
from crm_desktop.ui.sales.orders import OrdersView
from crm_desktop.ui.sales.products import ProductsView
from crm_desktop.ui.sales.receivables import ReceivablesView


class PipelineTab(QWidget):
    statusChanged = Signal(str)

    def __init__(self, ws: Workspace, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.deals = DealsView(ws, settings)
        self.leads = LeadsView(ws, settings=settings)
        self.forecast = ForecastView(ws)
        self.orders = OrdersView(ws, settings=settings)
        self.receivables = ReceivablesView(ws, settings=settings)
        self.products = ProductsView(ws, settings=settings)
        self.views = QTabWidget()
        self.views.setObjectName("pipeline_views")
        self.views.setDocumentMode(True)
        self.views.addTab(self.deals, self.tr("Deals"))
        self.views.addTab(self.leads, self.tr("Leads"))
        self.views.addTab(self.forecast, self.tr("Forecast"))
        self.views.addTab(self.orders, self.tr("Quotes && orders"))
        self.views.addTab(self.receivables, self.tr("Receivables"))
        self.views.addTab(self.products, self.tr("Products"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.views)
        self.deals.statusChanged.connect(self.statusChanged)
        self.receivables.openCustomerOrders.connect(self._customer_orders)

    def _customer_orders(self, company_id: int, name: str) -> None:
        self.orders.show_customer_unpaid(company_id, name)
        self.views.setCurrentWidget(self.orders)

    def reload(self) -> None:
        """F5: the view in front reloads."""
        self.views.currentWidget().follower.reload_now()  # type: ignore[attr-defined]
