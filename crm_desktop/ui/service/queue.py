"""The ticket queues: mine, unassigned, overdue, all open, all; by kind; searched (pinyin too)
and sorted in SQL, a page at a time as the list is scrolled."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.records import RecordKind
from crm_desktop.domain.service import Queue, TicketFilter, TicketKind, TicketPage, TicketRow
from crm_desktop.domain.sla import TimeState
from crm_desktop.services import tickets as ticket_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.changes import ChangeFollower
from crm_desktop.ui.errors import local_time
from crm_desktop.ui.service.labels import (
    PRIORITY_COLORS,
    kind_label,
    priority_label,
    status_label,
    time_left_color,
    time_left_text,
)
from crm_desktop.ui.widgets.list_view import RowsTable
from crm_desktop.ui.widgets.rows_model import Column
from crm_desktop.ui.widgets.search_box import SearchBox

translate = QCoreApplication.translate
PAGE = 100

QUEUES = (
    (Queue.MINE, QT_TRANSLATE_NOOP("QueueView", "My open tickets")),
    (Queue.UNASSIGNED, QT_TRANSLATE_NOOP("QueueView", "Unassigned")),
    (Queue.OVERDUE, QT_TRANSLATE_NOOP("QueueView", "Overdue")),
    (Queue.OPEN, QT_TRANSLATE_NOOP("QueueView", "All open tickets")),
    (Queue.ALL, QT_TRANSLATE_NOOP("QueueView", "All tickets")),
)
# Columns the queue can sort by in SQL, and the sort each asks for.
SORT_OF = {"number": "id", "priority": "priority", "time_left": "due", "opened": "opened"}


def _customer(row: TicketRow) -> str:
    if row.company and row.contact:
        return f"{row.company} · {row.contact}"
    return row.company or row.contact or ""


HEADERS = {
    "number": QT_TRANSLATE_NOOP("QueueView", "No."),
    "kind": QT_TRANSLATE_NOOP("QueueView", "Kind"),
    "subject": QT_TRANSLATE_NOOP("QueueView", "Subject"),
    "customer": QT_TRANSLATE_NOOP("QueueView", "Customer"),
    "priority": QT_TRANSLATE_NOOP("QueueView", "Priority"),
    "status": QT_TRANSLATE_NOOP("QueueView", "Status"),
    "assignee": QT_TRANSLATE_NOOP("QueueView", "Assignee"),
    "time_left": QT_TRANSLATE_NOOP("QueueView", "Time left"),
    "opened": QT_TRANSLATE_NOOP("QueueView", "Opened"),
}


def ticket_columns() -> list[Column[TicketRow]]:
    h = {key: translate("QueueView", text) for key, text in HEADERS.items()}
    return [
        Column("number", h["number"], lambda r: f"#{r.id}", numeric=True),
        Column("kind", h["kind"], lambda r: kind_label(r.kind)),
        Column("subject", h["subject"], lambda r: r.subject, tooltip=lambda r: r.subject),
        Column("customer", h["customer"], _customer),
        Column(
            "priority",
            h["priority"],
            lambda r: priority_label(r.priority),
            color=lambda r: PRIORITY_COLORS.get(r.priority),
        ),
        Column("status", h["status"], lambda r: status_label(r.status)),
        Column("assignee", h["assignee"], lambda r: r.assignee or "—"),
        Column(
            "time_left",
            h["time_left"],
            lambda r: time_left_text(r.time_left),
            numeric=True,
            color=lambda r: time_left_color(r.time_left),
            bold=lambda r: r.time_left.state is TimeState.OVERDUE,
        ),
        Column("opened", h["opened"], lambda r: local_time(r.opened_at)),
    ]


class QueueView(QWidget):
    """``openTicket(id)`` on Enter or double-click; ``newTicket`` from the button."""

    openTicket = Signal(int)
    newTicket = Signal()
    editTargets = Signal()
    statusChanged = Signal(str)
    loaded = Signal(int)  # rows shown after a (re)load

    def __init__(
        self, ws: Workspace, parent: QWidget | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self._generation = 0
        self._cursor: tuple[object, ...] | None = None
        self._has_more = False
        self._fetching = False
        self.sort, self.descending = "due", False
        self.queue = QComboBox()
        self.queue.setObjectName("ticket_queue")
        for queue, label in QUEUES:
            self.queue.addItem(translate("QueueView", label), queue.value)
        self.queue.setCurrentIndex(self.queue.findData(Queue.OPEN.value))
        self.kind = QComboBox()
        self.kind.setObjectName("ticket_kind_filter")
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in TicketKind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.search = SearchBox(
            "ticket_search", self.tr("Search tickets: subject, customer, number…"), delay_ms=250
        )
        self.new_button = QPushButton(self.tr("New ticket…"))
        self.new_button.setObjectName("new_ticket")
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("open_ticket")
        self.targets_button = QPushButton(self.tr("Targets…"))
        self.targets_button.setObjectName("targets")
        self.targets_button.setToolTip(self.tr("Response-time targets and business hours"))
        bar = QHBoxLayout()
        bar.addWidget(self.queue)
        bar.addWidget(self.kind)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.open_button)
        bar.addWidget(self.targets_button)
        self.table = RowsTable(ticket_columns(), "ticket_table", settings, stretch="subject")
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSortIndicator(
            self.table.rows_model.column_of("time_left"), Qt.SortOrder.AscendingOrder
        )
        header.sectionClicked.connect(self._sort_clicked)
        self.count = QLabel()
        self.count.setObjectName("ticket_count")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        # self.count is shown in the window's status bar (statusChanged), not twice.

        self.queue.currentIndexChanged.connect(lambda *_: self.reload())
        self.kind.currentIndexChanged.connect(lambda *_: self.reload())
        self.search.searched.connect(lambda _text: self.reload())
        self.new_button.clicked.connect(self.newTicket)
        self.open_button.clicked.connect(self.open_selected)
        self.targets_button.clicked.connect(self.editTargets)
        self.table.activated.connect(lambda *_: self.open_selected())  # Enter or double-click
        self.table.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.follower = ChangeFollower(self, ws, (RecordKind.TICKET,), self.reload)
        self._update_buttons()

    # -- filter ----------------------------------------------------------------------------
    def filter(self) -> TicketFilter:
        kind = self.kind.currentData()
        return TicketFilter(
            queue=Queue(self.queue.currentData()),
            kind=TicketKind(kind) if kind else None,
            search=self.search.text().strip(),
            sort=self.sort,
            descending=self.descending,
        )

    def show_queue(self, queue: Queue) -> None:
        self.queue.setCurrentIndex(self.queue.findData(queue.value))

    def _sort_clicked(self, section: int) -> None:
        key = self.table.rows_model.columns[section].key
        header = self.table.horizontalHeader()
        if key not in SORT_OF:  # sorted in SQL only by these: put the indicator back
            current = self.table.rows_model.column_of(
                next(k for k, s in SORT_OF.items() if s == self.sort)
            )
            order = Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(current, order)
            return
        self.sort = SORT_OF[key]
        self.descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        self.reload()

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """The first page of the queue as it is now (off the GUI thread), and its count."""
        self._generation += 1
        generation = self._generation
        ws, flt = self.ws, self.filter()

        def read() -> tuple[TicketPage, int]:
            page = ticket_service.queue(ws, flt, None, PAGE)
            total = len(page.rows) if not page.has_more else ticket_service.queue_count(ws, flt)
            return page, total

        self._fetching = True
        operations.query(self, read).success(lambda r: self._first_page(generation, *r)).run()

    def _first_page(self, generation: int, page: TicketPage, total: int) -> None:
        if generation != self._generation:
            return  # the filter changed meanwhile: a newer load is on its way
        self._fetching = False
        self._cursor, self._has_more = page.cursor, page.has_more
        self.table.set_rows(page.rows)
        text = self.tr("%n ticket(s)", "", total)
        self.count.setText(text)
        self.statusChanged.emit(text)
        self._update_buttons()
        self.loaded.emit(len(page.rows))

    def _scrolled(self, value: int) -> None:
        if value >= self.table.verticalScrollBar().maximum() - 2:
            self.fetch_more()

    def fetch_more(self) -> None:
        """The next page, added below (scrolling near the bottom asks for it)."""
        if self._fetching or not self._has_more:
            return
        self._fetching = True
        generation, ws, flt, cursor = self._generation, self.ws, self.filter(), self._cursor
        operations.query(self, lambda: ticket_service.queue(ws, flt, cursor, PAGE)).success(
            lambda page: self._next_page(generation, page)
        ).run()

    def _next_page(self, generation: int, page: TicketPage) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._cursor, self._has_more = page.cursor, page.has_more
        self.table.rows_model.append_rows(page.rows)
        self.loaded.emit(len(self.table.rows_model.rows))

    # -- acting ----------------------------------------------------------------------------
    def selected(self) -> TicketRow | None:
        row: Any = self.table.current_row()
        return row if isinstance(row, TicketRow) else None

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.openTicket.emit(row.id)

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
