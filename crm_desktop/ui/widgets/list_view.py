"""The kit's list: a table over a ``RowsModel`` with one column-sizing policy, and the list
view the deal, lead, order, product and receivable lists share.

Sizing: after the first rows arrive each column takes its contents' width within limits
(``MIN_WIDTH``..``MAX_WIDTH``); spare width goes to the column that needs it (one cut short,
else the ``stretch`` column); a width the user drags is remembered in QSettings and used
from then on. A reload keeps the selected row (by its id) and the scroll position.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from crm_desktop.domain.records import RecordKind
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.changes import ChangeFollower
from crm_desktop.ui.widgets.rows_model import Column, RowsModel

log = logging.getLogger(__name__)

MIN_WIDTH = 48
MAX_WIDTH = 360


def row_key(row: Any) -> Any:
    """What identifies a row across reloads: its id (a receivable: its customer's)."""
    return getattr(row, "id", None) or getattr(row, "company_id", None)


class RowsTable(QTableView):
    """``RowsTable(columns, name, settings, stretch="name")``; fill with ``set_rows``."""

    def __init__(
        self,
        columns: Sequence[Column[Any]],
        name: str,
        settings: QSettings | None = None,
        stretch: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.settings = settings
        self.set_columns(columns, stretch)
        self.sized = False
        self._sizing = False
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._user_resized)

    def set_columns(self, columns: Sequence[Column[Any]], stretch: str | None = None) -> None:
        self.rows_model: RowsModel[Any] = RowsModel(columns, self)
        self.setModel(self.rows_model)
        self.stretch = stretch

    # -- rows ------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show these rows; the selected one (by ``row_key``) and the scroll position stay."""
        current = self.current_row()
        scroll = self.verticalScrollBar().value()
        self.rows_model.set_rows(rows)
        if current is not None:
            key = row_key(current)
            for i, row in enumerate(rows):
                if row_key(row) == key:
                    self.selectRow(i)
                    break
        self.verticalScrollBar().setValue(scroll)
        if not self.sized and rows:
            self.size_columns()

    def current_row(self) -> Any:
        index = self.currentIndex()
        return self.rows_model.row(index.row()) if index.isValid() else None

    # -- columns ---------------------------------------------------------------------------
    def _setting(self, key: str) -> str:
        return f"columns/{self.objectName()}/{key}"

    def remembered(self, key: str) -> int | None:
        if self.settings is None:
            return None
        value = self.settings.value(self._setting(key))
        return int(value) if value is not None else None  # type: ignore[call-overload]

    def size_columns(self) -> None:
        """Contents-sized within limits, spare width to the column that needs it; the user's
        own widths win."""
        self._sizing = True
        try:
            self.sized = True
            header = self.horizontalHeader()
            widths: list[int] = []
            wanting: list[int] = []  # columns cut short by MAX_WIDTH
            free: list[int] = []  # columns the user did not size
            for i, column in enumerate(self.rows_model.columns):
                user = self.remembered(column.key)
                if user is not None:
                    widths.append(user)
                    continue
                free.append(i)
                natural = max(self.sizeHintForColumn(i), header.sectionSizeHint(i))
                if natural > MAX_WIDTH:
                    wanting.append(i)
                widths.append(min(max(natural, MIN_WIDTH), MAX_WIDTH))
            spare = self.viewport().width() - sum(widths)
            keys = [c.key for c in self.rows_model.columns]
            target = next(iter(wanting), None)
            if target is None and self.stretch in keys and keys.index(self.stretch) in free:
                target = keys.index(self.stretch)
            if target is not None and spare > 0:
                widths[target] += spare
            for i, width in enumerate(widths):
                self.setColumnWidth(i, width)
        finally:
            self._sizing = False

    def _user_resized(self, index: int, _old: int, new: int) -> None:
        if self._sizing or self.settings is None or not self.sized:
            return
        self.settings.setValue(self._setting(self.rows_model.columns[index].key), new)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.sized and self.rows_model.rows:
            self.size_columns()


class ListView(QWidget):
    """A list filled off the GUI thread and refreshed when the records it shows change
    (anywhere: this window, a colleague's import). Subclasses give the columns
    (``make_table``), the record kinds they show (``watched``), and the query."""

    loaded = Signal(int)  # rows shown after a refresh
    watched: tuple[RecordKind, ...] = ()

    def __init__(
        self, ws: Workspace, parent: QWidget | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.settings = settings
        self._generation = 0
        self.table = RowsTable((), type(self).__name__, settings, parent=self)
        self.follower = ChangeFollower(self, ws, self.watched, self.reload)

    def set_columns(self, columns: Sequence[Column[Any]], stretch: str | None = None) -> None:
        self.table.set_columns(columns, stretch)

    @property
    def model(self) -> RowsModel[Any]:
        return self.table.rows_model

    def query(self) -> Callable[[], Sequence[Any]]:
        """A function (run on a worker thread) returning the rows for the current filters."""
        raise NotImplementedError

    def reload(self) -> None:
        """Reload the list with the current filters (off the GUI thread)."""
        self._generation += 1
        generation = self._generation
        operations.query(self, self.query()).success(
            lambda rows: self._show(generation, rows)
        ).run()

    def _show(self, generation: int, rows: Sequence[Any]) -> None:
        if generation != self._generation:
            return  # the filters changed meanwhile: a newer load is on its way
        self.table.set_rows(rows)
        self.rows_shown(rows)
        self.loaded.emit(len(rows))

    def rows_shown(self, rows: Sequence[Any]) -> None:
        """Hook for a summary line under the list."""

    def current_row(self) -> Any:
        return self.table.current_row()
