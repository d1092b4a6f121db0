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
    """Five big numbers: created (or to create), updated, skipped, failed, and the warnings
    (values kept in notes instead of their fields)."""

    ACTIONS = ("create", "update", "skip", "fail", "warn")

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
            if report is None:
                label.setText("–")
            elif action == "warn":
                label.setText(locale.toString(len(report.warnings)))
            else:
                label.setText(locale.toString(report.count(action)))
        failed = report is not None and report.failed > 0
        self.numbers["fail"].setStyleSheet("color: #b00020;" if failed else "")


class ProblemsTable(QTableWidget):
    """The problems of a file: row and column as the spreadsheet names them, and what is wrong;
    with ``values``, the value too (a warning's: kept in the record's notes)."""

    def __init__(self, name: str, values: bool = False) -> None:
        super().__init__(0, 4 if values else 3)
        self.setObjectName(name)
        self._values = values
        labels = [self.tr("Row"), self.tr("Column")]
        labels += [self.tr("Value"), self.tr("Problem")] if values else [self.tr("Problem")]
        self.setHorizontalHeaderLabels(labels)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, self.columnCount() - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, 160)
        header.setStretchLastSection(True)

    def show_errors(self, errors: Sequence[RowError]) -> None:
        shown = errors[:MAX_PROBLEMS]
        self.setRowCount(len(shown))
        last = self.columnCount() - 1
        for r, error in enumerate(shown):
            self.setItem(r, 0, number_item(error.row))
            self.setItem(r, 1, QTableWidgetItem(error.column))
            if self._values:
                self.setItem(r, 2, QTableWidgetItem(error.value))
            message = QTableWidgetItem(problem_text(error))
            message.setToolTip(error.message)
            self.setItem(r, last, message)

    def rows(self) -> list[tuple[str | int, ...]]:
        """What the table shows, row by row (for tests and for copying)."""
        return [
            (
                int(self.item(r, 0).data(Qt.ItemDataRole.DisplayRole)),
                *(self.item(r, c).text() for c in range(1, self.columnCount())),
            )
            for r in range(self.rowCount())
        ]
