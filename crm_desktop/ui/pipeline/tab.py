"""The Pipeline tab: Deals (board and list), Leads, Forecast, and the sales documents."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.pipeline.deals import DealsView
from crm_desktop.ui.pipeline.forecast import ForecastView
from crm_desktop.ui.pipeline.leads import LeadsView


class PipelineTab(QWidget):
    statusChanged = Signal(str)

    def __init__(self, ws: Workspace, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.deals = DealsView(ws, settings)
        self.leads = LeadsView(ws)
        self.forecast = ForecastView(ws)
        self.views = QTabWidget()
        self.views.setObjectName("pipeline_views")
        self.views.setDocumentMode(True)
        self.views.addTab(self.deals, self.tr("Deals"))
        self.views.addTab(self.leads, self.tr("Leads"))
        self.views.addTab(self.forecast, self.tr("Forecast"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.views)
        self.deals.statusChanged.connect(self.statusChanged)

    def refresh(self) -> None:
        view = self.views.currentWidget()
        reload = getattr(view, "reload", None)
        if reload is not None:
            reload()
