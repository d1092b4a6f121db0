"""Widgets the import wizard's pages share: read-only tables, the four counts, the problems."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QLocale,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
)

from crm_desktop.services.importing import ImportReport, RowError
from crm_desktop.ui.importing.texts import problem_text

MAX_PROBLEMS = 2000  # rows of the problems table; the saved workbook holds them all


def table(columns: Sequence[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(columns))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    return table


def number_item(value: int) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setData(Qt.ItemDataRole.DisplayRole, value)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class CountsView(QFrame):
    """Four big numbers: created (or to create), updated, skipped, failed."""

    ACTIONS = ("create", "update", "skip", "fail")

    def __init__(self, prefix: str, captions: Sequence[str]) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        self.numbers: dict[str, QLabel] = {}
        big = QFont(self.font())
        if big.pointSizeF() > 0:
            big.setPointSizeF(big.pointSizeF() * 1.8)
        big.setBold(True)
        for column, (action, caption) in enumerate(zip(self.ACTIONS, captions, strict=True)):
            number = QLabel("–")
            number.setObjectName(f"{prefix}_{action}")
            number.setFont(big)
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            text = QLabel(caption)
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(number, 0, column)
            grid.addWidget(text, 1, column)
            self.numbers[action] = number

    def show_report(self, report: ImportReport | None) -> None:
        locale = QLocale()
        for action, label in self.numbers.items():
            label.setText("–" if report is None else locale.toString(report.count(action)))
        failed = report is not None and report.failed > 0
        self.numbers["fail"].setStyleSheet("color: #b00020;" if failed else "")


class ProblemsTable(QTableWidget):
    """The problems of a file: row and column as the spreadsheet names them, and what is wrong."""

    def __init__(self, name: str) -> None:
        super().__init__(0, 3)
        self.setObjectName(name)
        self.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"), self.tr("Problem")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.setColumnWidth(1, 160)

    def show_errors(self, errors: Sequence[RowError]) -> None:
        shown = errors[:MAX_PROBLEMS]
        self.setRowCount(len(shown))
        for r, error in enumerate(shown):
            self.setItem(r, 0, number_item(error.row))
            self.setItem(r, 1, QTableWidgetItem(error.column))
            message = QTableWidgetItem(problem_text(error))
            message.setToolTip(error.message)
            self.setItem(r, 2, message)

    def rows(self) -> list[tuple[int, str, str]]:
        """What the table shows, row by row (for tests and for copying)."""
        return [
            (
                int(self.item(r, 0).data(Qt.ItemDataRole.DisplayRole)),
                self.item(r, 1).text(),
                self.item(r, 2).text(),
            )
            for r in range(self.rowCount())
        ]
