"""A lazy table of companies or contacts: keyset pages fetched as the user scrolls.

Holds only the rows scrolled past (tuples), never the whole table; sorting and filtering are
done by SQL. A change to a few records refreshes those rows in place.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from shiboken6 import isValid

from crm_desktop.domain.columns import (
    COMPANY_COLUMNS,
    COMPANY_SORTABLE,
    CONTACT_COLUMNS,
    CONTACT_SORTABLE,
)
from crm_desktop.domain.records import Change, ChangeAction, ListFilter, RecordKind
from crm_desktop.services import contacts as contact_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.errors import local_time
from crm_desktop.ui.labels import field_label
from crm_desktop.ui.widgets.rows_model import Index, TableModel

log = logging.getLogger(__name__)
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RecordTableModel(TableModel):
    """``countChanged`` carries the number of matching records, or -1 while it is counted."""

    countChanged = Signal(int)

    def __init__(self, ws: Workspace, kind: RecordKind, page_size: int = 200, parent: Any = None):
        super().__init__(parent)
        self.ws = ws
        self.kind = kind
        self.page_size = page_size
        self.columns = CONTACT_COLUMNS if kind is RecordKind.CONTACT else COMPANY_COLUMNS
        self.sortable = CONTACT_SORTABLE if kind is RecordKind.CONTACT else COMPANY_SORTABLE
        self.filter = ListFilter()
        self.rows: list[tuple[Any, ...]] = []
        self._row_of: dict[int, int] = {}
        self._cursor: tuple[Any, ...] | None = None
        self._has_more = False
        self.total: int | None = 0  # None while a count runs in the background
        self._count_generation = 0

    # -- loading ---------------------------------------------------------------------------
    def set_filter(self, flt: ListFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self, recount: bool = True) -> None:
        """Back to the first page of the current filter and sort."""
        self.beginResetModel()
        self.rows, self._row_of = [], {}
        self._cursor, self._has_more = None, True
        self._fetch_page(notify=False)
        self.endResetModel()
        if recount or self.total is None:
            self._count()

    def _count(self) -> None:
        """The number of matches: known at once if it all fits on a page, else counted off the
        GUI thread (a count walks every match; at a million rows that is felt)."""
        self._count_generation += 1
        generation = self._count_generation
        if not self._has_more:
            self.total = len(self.rows)
            self.countChanged.emit(self.total)
            return
        self.total = None
        self.countChanged.emit(-1)
        ws, kind, flt = self.ws, self.kind, self.filter
        operations.Op(None, lambda _p, _c: contact_service.count(ws, kind, flt)).success(
            lambda total: self._counted(generation, total)
        ).failure(lambda exc: log.warning("count failed: %s", exc)).run()

    def _counted(self, generation: int, total: int) -> None:
        if not isValid(self) or generation != self._count_generation:
            return  # the model is gone, or the filter changed meanwhile
        self.total = total
        self.countChanged.emit(total)

    def _fetch_page(self, notify: bool) -> None:
        page = contact_service.list_page(
            self.ws, self.kind, self.filter, self._cursor, self.page_size
        )
        self._cursor, self._has_more = page.cursor, page.has_more
        if not page.rows:
            return
        first = len(self.rows)
        if notify:
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        for offset, row in enumerate(page.rows):
            self._row_of[int(row[0])] = first + offset  # type: ignore[call-overload]
        self.rows.extend(page.rows)
        if notify:
            self.endInsertRows()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetch_page(notify=True)

    def on_change(self, change: Change) -> None:
        """Refresh after a write: rows in place for edits, from the top for new/removed rows."""
        if change.kind is not self.kind:
            return
        if change.action is not ChangeAction.UPDATED:
            self.reload()
            return
        shown = [i for i in change.ids if i in self._row_of]
        if not shown:
            return
        fresh = contact_service.list_rows(self.ws, self.kind, shown)
        for record_id in shown:
            row = self._row_of[record_id]
            if record_id in fresh:
                self.rows[row] = fresh[record_id]
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    # -- access ----------------------------------------------------------------------------
    def record_id(self, row: int) -> int | None:
        if 0 <= row < len(self.rows):
            return int(self.rows[row][0])  # type: ignore[call-overload]
        return None

    def row_of(self, record_id: int) -> int | None:
        return self._row_of.get(record_id)

    # -- Qt model API ----------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        value = row[index.column() + 1]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if isinstance(value, datetime):
                return local_time(value)
            return "" if value is None else str(value)
        if role == ID_ROLE:
            return row[0]
        if role == Qt.ItemDataRole.ForegroundRole and self.columns[index.column()] == "grade":
            return {"A": QColor("#b8860b"), "B": QColor("#2f6db5")}.get(str(value))
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[index.column()] == "contacts":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return field_label(self.columns[section], person=self.kind is RecordKind.CONTACT)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column]
        if key not in self.sortable:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self.filter.sort and descending == self.filter.descending:
            return
        self.filter = _replace(self.filter, sort=key, descending=descending)
        self.reload(recount=False)  # the same records in another order: the count stands


def _replace(flt: ListFilter, **changes: Any) -> ListFilter:
    from dataclasses import replace

    return replace(flt, **changes)
