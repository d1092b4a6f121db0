"""What the products, orders and receivables views share: a table filled off the GUI thread,
refreshed when the records it shows change (anywhere: this window, a colleague's import)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from crm_desktop.domain.records import RecordKind
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.changes import ChangeFollower
from crm_desktop.ui.widgets.rows_model import Column, RowsModel

log = logging.getLogger(__name__)


class SalesListView(QWidget):
    """Subclasses give the columns, the record kinds they show, and the query."""

    loaded = Signal(int)  # rows shown after a refresh
    watched: tuple[RecordKind, ...] = ()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self._generation = 0
        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.follower = ChangeFollower(self, ws, self.watched, self.reload)

    def _make_model(self, columns: Sequence[Column[Any]], widths: dict[str, int]) -> RowsModel:
        model: RowsModel = RowsModel(columns, self)
        self.table.setModel(model)
        for i, column in enumerate(columns):
            self.table.setColumnWidth(i, widths.get(column.key, 100))
        return model

    @property
    def model(self) -> RowsModel:
        model = self.table.model()
        assert isinstance(model, RowsModel)
        return model

    def query(self) -> Callable[[], Sequence[Any]]:
        """A function (run on a worker thread) returning the rows for the current filters."""
        raise NotImplementedError

    def reload(self) -> None:
        """Reload the list with the current filters (off the GUI thread)."""
        self._generation += 1
        generation = self._generation
        fetch = self.query()
        operations.Op(self, lambda _p, _c: fetch()).success(
            lambda rows: self._show(generation, rows)
        ).run()

    def _show(self, generation: int, rows: Sequence[Any]) -> None:
        if generation != self._generation:
            return  # the filters changed meanwhile: a newer load is on its way
        current = self.current_row()
        self.model.set_rows(rows)
        if current is not None:
            key = getattr(current, "id", None) or getattr(current, "company_id", None)
            for i, row in enumerate(rows):
                if (getattr(row, "id", None) or getattr(row, "company_id", None)) == key:
                    self.table.selectRow(i)
                    break
        self.rows_shown(rows)
        self.loaded.emit(len(rows))

    def rows_shown(self, rows: Sequence[Any]) -> None:
        """Hook for a summary line under the list."""

    def current_row(self) -> Any:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None
