"""The weighted forecast: expected revenue of open deals by close month and owner, and the
pipeline per stage."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.pipeline import ForecastRow, FunnelRow
from crm_desktop.domain.records import RecordKind
from crm_desktop.services import pipeline as pipeline_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.changes import ChangeFollower
from crm_desktop.ui.widgets.format import money_text

translate = QCoreApplication.translate
GROUPINGS = (
    ("month", QT_TRANSLATE_NOOP("ForecastView", "By month")),
    ("owner", QT_TRANSLATE_NOOP("ForecastView", "By owner")),
    ("month,owner", QT_TRANSLATE_NOOP("ForecastView", "By month and owner")),
)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _item(text: str, right: bool = False, bold: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(RIGHT)
    if bold:
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
    return item


class ForecastView(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.grouping = QComboBox()
        self.grouping.setObjectName("forecast_grouping")
        for key, label in GROUPINGS:
            self.grouping.addItem(translate("ForecastView", label), key)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("forecast_table")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.funnel = QTableWidget(0, 4)
        self.funnel.setObjectName("funnel_table")
        self.funnel.verticalHeader().hide()
        self.funnel.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.funnel.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.funnel.setHorizontalHeaderLabels(
            [self.tr("Stage"), self.tr("Deals"), self.tr("Amount"), self.tr("Weighted")]
        )
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Expected revenue of open deals (amount × probability)")))
        bar.addStretch(1)
        bar.addWidget(self.grouping)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("Pipeline by stage")))
        right_layout.addWidget(self.funnel)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([600, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.grouping.currentIndexChanged.connect(lambda *_: self.reload())
        self.follower = ChangeFollower(
            self, ws, (RecordKind.OPPORTUNITY, RecordKind.STAGE), self.reload
        )

    def reload(self) -> None:
        ws, by = self.ws, self.grouping.currentData()

        def job(_p: Any, _c: Any) -> tuple[list[ForecastRow], list[FunnelRow]]:
            return pipeline_service.forecast(ws, by), pipeline_service.funnel(ws)

        operations.Op(self, job).success(lambda r: self._show(by, *r)).run()

    def _show(self, by: str, rows: list[ForecastRow], funnel: list[FunnelRow]) -> None:
        months, owners = "month" in by, "owner" in by
        headers = []
        if months:
            headers.append(self.tr("Close month"))
        if owners:
            headers.append(self.tr("Owner"))
        headers += [self.tr("Deals"), self.tr("Amount"), self.tr("Weighted")]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows) + 1)
        total_count = 0
        total_amount = total_weighted = Decimal("0.00")
        for r, row in enumerate(rows):
            cells = []
            if months:
                cells.append(_item(row.month or self.tr("No close date")))
            if owners:
                cells.append(_item(row.owner or self.tr("Nobody")))
            cells += [
                _item(str(row.count), True),
                _item(money_text(row.amount), True),
                _item(money_text(row.weighted), True),
            ]
            for c, cell in enumerate(cells):
                self.table.setItem(r, c, cell)
            total_count += row.count
            total_amount += row.amount
            total_weighted += row.weighted
        last = len(rows)
        self.table.setItem(last, 0, _item(self.tr("Total"), bold=True))
        offset = len(headers) - 3
        self.table.setItem(last, offset, _item(str(total_count), True, True))
        self.table.setItem(last, offset + 1, _item(money_text(total_amount), True, True))
        self.table.setItem(last, offset + 2, _item(money_text(total_weighted), True, True))
        self.funnel.setRowCount(len(funnel))
        for r, f in enumerate(funnel):
            cells = [
                _item(f.stage),
                _item(str(f.count), True),
                _item(money_text(f.amount), True),
                _item(money_text(f.weighted), True),
            ]
            for c, cell in enumerate(cells):
                self.funnel.setItem(r, c, cell)
