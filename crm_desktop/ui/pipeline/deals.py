"""Deals: the board and a sortable list of the same deals, under one filter bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import ConflictError
from crm_desktop.domain.periods import period_range
from crm_desktop.domain.pipeline import (
    BoardColumn,
    BoardFilter,
    Card,
    Opportunity,
    Outcome,
    Stage,
)
from crm_desktop.domain.records import ChangeAction, RecordKind
from crm_desktop.services import pipeline as pipeline_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.changes import ChangeFollower
from crm_desktop.ui.errors import message_for, show_error
from crm_desktop.ui.operations import pipeline as pipeline_ops
from crm_desktop.ui.pipeline.board import BoardView
from crm_desktop.ui.pipeline.deal_dialog import DealDialog, ask_lost_reason
from crm_desktop.ui.pipeline.stages_dialog import StagesDialog
from crm_desktop.ui.widgets.format import date_text, money_text
from crm_desktop.ui.widgets.list_view import RowsTable
from crm_desktop.ui.widgets.owner_combo import OwnerCombo
from crm_desktop.ui.widgets.palette import OVERDUE
from crm_desktop.ui.widgets.rows_model import Column, RowsModel
from crm_desktop.ui.widgets.search_box import SearchBox

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex

PERIODS = (
    ("any", QT_TRANSLATE_NOOP("DealsView", "Any time")),
    ("this_month", QT_TRANSLATE_NOOP("DealsView", "This month")),
    ("next_month", QT_TRANSLATE_NOOP("DealsView", "Next month")),
    ("this_quarter", QT_TRANSLATE_NOOP("DealsView", "This quarter")),
    ("next_90", QT_TRANSLATE_NOOP("DealsView", "Next 90 days")),
    ("this_year", QT_TRANSLATE_NOOP("DealsView", "This year")),
    ("past", QT_TRANSLATE_NOOP("DealsView", "Close date passed")),
)


# (key, header): the key is also the list's sort order (see OpportunityRepository.find).
DEAL_COLUMNS = (
    ("title", QT_TRANSLATE_NOOP("DealTableModel", "Title")),
    ("company", QT_TRANSLATE_NOOP("DealTableModel", "Company")),
    ("stage", QT_TRANSLATE_NOOP("DealTableModel", "Stage")),
    ("amount", QT_TRANSLATE_NOOP("DealTableModel", "Amount")),
    ("probability", QT_TRANSLATE_NOOP("DealTableModel", "Probability")),
    ("weighted", QT_TRANSLATE_NOOP("DealTableModel", "Weighted")),
    ("close_date", QT_TRANSLATE_NOOP("DealTableModel", "Expected close")),
    ("next_step_date", QT_TRANSLATE_NOOP("DealTableModel", "Next step")),
    ("owner", QT_TRANSLATE_NOOP("DealTableModel", "Owner")),
)


def deal_columns() -> list[Column[Opportunity]]:
    """The list view's columns; a next step past its date in red."""
    texts: dict[str, Callable[[Opportunity], str]] = {
        "title": lambda o: o.data.title,
        "company": lambda o: o.company_name or "",
        "stage": lambda o: o.stage_name,
        "amount": lambda o: money_text(o.data.amount, o.data.currency),
        "probability": lambda o: f"{o.probability}%",
        "weighted": lambda o: money_text(o.weighted, o.data.currency),
        "close_date": lambda o: date_text(o.data.close_date),
        "next_step_date": lambda o: (
            f"{date_text(o.data.next_step_date)} {o.data.next_step}".strip()
        ),
        "owner": lambda o: o.owner_name or "",
    }

    def late(o: Opportunity) -> QColor | None:
        return QColor(OVERDUE) if o.next_step_overdue(date.today()) else None

    return [
        Column(
            key,
            translate("DealTableModel", header),
            texts[key],
            numeric=key in {"amount", "probability", "weighted"},
            color=late if key == "next_step_date" else None,
        )
        for key, header in DEAL_COLUMNS
    ]


class DealsView(QWidget):
    """Filter bar (search, owner, close period), Board | List, New deal, Stages…"""

    statusChanged = Signal(str)

    def __init__(self, ws: Workspace, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.settings = settings
        self._generation = 0
        self._sort = ("close_date", False)
        # Card id -> the deal's version after this board's last move of it, written by the move
        # jobs themselves (writes run one at a time): a card dragged again before the first
        # save came back must not be taken for a colleague's change.
        self._moved_versions: dict[int, int] = {}

        self.search = SearchBox(
            "deal_search", self.tr("Search deals, companies, next steps…"), delay_ms=250
        )
        self.owner = OwnerCombo(ws, everyone=self.tr("Everyone"), mine=self.tr("Mine"))
        self.owner.setObjectName("deal_owner")
        self.period = QComboBox()
        self.period.setObjectName("deal_period")
        for key, label in PERIODS:
            self.period.addItem(translate("DealsView", label), key)
        self.outcome = QComboBox()
        self.outcome.setObjectName("deal_outcome")
        self.outcome.addItem(self.tr("Open deals"), Outcome.OPEN.value)
        self.outcome.addItem(self.tr("Won"), Outcome.WON.value)
        self.outcome.addItem(self.tr("Lost"), Outcome.LOST.value)
        self.board_button = QPushButton(self.tr("Board"))
        self.list_button = QPushButton(self.tr("List"))
        for button in (self.board_button, self.list_button):
            button.setCheckable(True)
        self.board_button.setObjectName("show_board")
        self.list_button.setObjectName("show_list")
        self.board_button.setChecked(True)
        group = QButtonGroup(self)
        group.setExclusive(True)
        group.addButton(self.board_button)
        group.addButton(self.list_button)
        self.new_button = QPushButton(self.tr("New deal"))
        self.new_button.setObjectName("new_deal")
        self.stages_button = QPushButton(self.tr("Stages…"))
        self.stages_button.setObjectName("edit_stages")
        self.summary = QLabel()
        self.summary.setObjectName("deal_summary")

        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.owner)
        bar.addWidget(self.period)
        bar.addWidget(self.outcome)
        bar.addSpacing(12)
        bar.addWidget(self.board_button)
        bar.addWidget(self.list_button)
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.stages_button)

        self.board = BoardView()
        self.board.setObjectName("board")
        self.table = RowsTable(deal_columns(), "deal_table", settings, stretch="title")
        self.table_model: RowsModel[Opportunity] = self.table.rows_model
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self._sort_by)
        self.table.activated.connect(  # Enter or double-click
            lambda index: self.open_deal(self.table_model.rows[index.row()].id)
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.board)
        self.stack.addWidget(self.table)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.summary)

        self.search.searched.connect(lambda _text: self.reload())
        self.owner.currentIndexChanged.connect(lambda *_: self.reload())
        self.period.currentIndexChanged.connect(lambda *_: self.reload())
        self.outcome.currentIndexChanged.connect(lambda *_: self.reload())
        self.board_button.toggled.connect(self._show_board)
        self.new_button.clicked.connect(lambda: self.new_deal())
        self.stages_button.clicked.connect(self.edit_stages)
        self.board.moveRequested.connect(self.move)
        self.board.openRequested.connect(self.open_deal)

        self.follower = ChangeFollower(
            self,
            ws,
            (RecordKind.OPPORTUNITY, RecordKind.STAGE, RecordKind.LEAD),
            self.reload,
            # the echo of a move already shown on the board
            accept=lambda c: not (c.origin is self and c.action is ChangeAction.MOVED),
        )
        self._show_board(True)

    # -- loading ---------------------------------------------------------------------------
    def filter(self) -> BoardFilter:
        start, end = period_range(self.period.currentData() or "any", date.today())
        return BoardFilter(
            search=self.search.text().strip(),
            owner_id=self.owner.currentData(),
            close_from=start,
            close_to=end,
        )

    def reload(self) -> None:
        """Fetch the board (or list) for the current filter off the GUI thread; a newer
        request wins over an older one still running."""
        self._generation += 1
        generation = self._generation
        flt = self.filter()
        today = date.today()
        ws = self.ws
        showing_board = self.stack.currentWidget() is self.board
        outcome = Outcome(self.outcome.currentData())
        sort, descending = self._sort

        def job(_p: Any, _c: Any) -> Any:
            if showing_board:
                return pipeline_service.board(ws, flt, today)
            return pipeline_service.opportunity_list(ws, flt, outcome, sort, descending)

        def done(data: Any) -> None:
            if generation != self._generation:
                return
            if showing_board:
                self._show_columns(data, today)
            else:
                self.table.set_rows(data)
                self._summarise_list(data)

        operations.Op(self, job).success(done).run()

    def _show_columns(self, columns: list[BoardColumn], today: date) -> None:
        self.board.set_columns(columns, today)
        self._summarise_board()

    def _summarise_board(self) -> None:
        count = 0
        sums: dict[str, tuple[Decimal, Decimal]] = {}
        for column in self.board.columns:
            if column.stage.outcome is Outcome.OPEN:
                count += len(column.model.cards)
                for cur, (a, w) in column.model.totals_by_currency().items():
                    amount, weighted = sums.get(cur, (Decimal("0.00"), Decimal("0.00")))
                    sums[cur] = (amount + a, weighted + w)
        sums = dict(sorted(sums.items())) or {"CNY": (Decimal("0.00"), Decimal("0.00"))}
        text = (
            self.tr("%n open deal(s)", "", count)
            + " · "
            + self.tr("pipeline %1 · weighted %2")
            .replace("%1", " + ".join(money_text(a, cur) for cur, (a, _) in sums.items()))
            .replace("%2", " + ".join(money_text(w, cur) for cur, (_, w) in sums.items()))
        )
        self.summary.setText(text)
        self.statusChanged.emit(text)

    def _summarise_list(self, deals: list[Opportunity]) -> None:
        amount = sum((d.data.amount for d in deals), Decimal("0.00"))
        text = self.tr("%n deal(s)", "", len(deals)) + " · " + money_text(amount, "CNY")
        self.summary.setText(text)
        self.statusChanged.emit(text)

    def _show_board(self, on: bool) -> None:
        self.stack.setCurrentWidget(self.board if on else self.table)
        self.outcome.setVisible(not on)
        self.follower.mark_stale()

    def _sort_by(self, section: int) -> None:
        key = DEAL_COLUMNS[section][0]
        descending = self._sort[0] == key and not self._sort[1]
        self._sort = (key, descending)
        self.table.horizontalHeader().setSortIndicator(
            section, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        )
        self.reload()

    # -- actions ---------------------------------------------------------------------------
    def move(self, card: Card, stage: Stage) -> None:
        """Move a card: shown at once, saved behind; a conflict puts the board right."""
        lost_reason = ""
        if stage.outcome is Outcome.LOST:
            reason = ask_lost_reason(self, self.ws, card.title)
            if reason is None:
                return
            lost_reason = reason
        self.board.move_card(card, stage)
        self._summarise_board()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ConflictError):
                QMessageBox.warning(
                    self,
                    self.tr("Changed by someone else"),
                    message_for(exc) + "\n\n" + self.tr("The board now shows the deal as it is."),
                )
            else:
                show_error(self, exc)
            self.reload()

        pipeline_ops.move_deal(
            self, self.ws, card.id, card.version, stage.id, lost_reason, self._moved_versions
        ).success(lambda v: self.board.set_version(card.id, v)).failure(failed).run()

    def new_deal(self, stage_id: int | None = None) -> None:
        dialog = DealDialog(self.ws, None, self, stage_id=stage_id)
        dialog.exec()

    def open_deal(self, deal_id: int) -> None:
        dialog = DealDialog(self.ws, deal_id, self)
        dialog.exec()
        if dialog.deal is None:  # it could not be read: e.g. deleted by a colleague meanwhile
            self.reload()

    def edit_stages(self) -> None:
        dialog = StagesDialog(self.ws, self)
        if dialog.exec():
            self.reload()
