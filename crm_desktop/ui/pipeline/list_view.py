"""What the products, orders and receivables views share: a table filled off the GUI thread,
refreshed when the records it shows change (anywhere: this window, a colleague's import)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from crm_desktop.domain.records import Change, RecordKind
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import ops
from crm_desktop.ui.bridge import ChangeBridge
from crm_desktop.ui.pipeline.rows_model import Column, RowsModel

log = logging.getLogger(__name__)
CHANGE_DELAY_MS = 100  # a burst of changes (demo data, an import) reloads once


class SalesListView(QWidget):
    """Subclasses give the columns, the record kinds they show, and the query."""

    loaded = Signal(int)  # rows shown after a refresh
    watched: tuple[RecordKind, ...] = ()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self._generation = 0
        self._stale = True  # loaded when first shown, or by refresh()
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
        self._change_timer = QTimer(self)
        self._change_timer.setSingleShot(True)
        self._change_timer.setInterval(CHANGE_DELAY_MS)
        self._change_timer.timeout.connect(self.refresh)
        self.bridge = ChangeBridge(ws, self)
        self.bridge.changed.connect(self._on_change)

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

    def refresh(self) -> None:
        """Reload the list with the current filters (off the GUI thread)."""
        self._stale = False
        self._generation += 1
        generation = self._generation
        fetch = self.query()
        ops.Op(self, lambda _p, _c: fetch()).success(
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

    def _on_change(self, change: Change) -> None:
        if change.kind not in self.watched:
            return
        if self.isVisible():
            self._change_timer.start()
        else:
            self._stale = True  # reloaded when shown: no work for a hidden tab

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
