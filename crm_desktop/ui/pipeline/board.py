"""The kanban board: a column per stage, a card per deal; drag a card to move the deal.

Each column is a QListView over a light list model painted by one delegate, so thousands of
cards cost no widgets. The drag is done by hand (press, move, release over another column)
rather than with QDrag: it needs no drop-site plumbing, shows where the card will land, and can
be driven by a test's mouse events.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QCursor, QFont, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.pipeline import BoardColumn, Card, Outcome, Stage, weighted_sum
from crm_desktop.ui.widgets.format import date_text, money_text, short_money
from crm_desktop.ui.widgets.palette import OVERDUE

CARD_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
COLUMN_WIDTH = 250


class CardListModel(QAbstractListModel):
    """The cards of one stage."""

    def __init__(self, stage: Stage, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.cards: list[Card] = []
        self.today = date.today()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        card = self.cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return card.title
        if role == CARD_ROLE:
            return card
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [card.title, card.company_name or ""]
            lines.append(f"{money_text(card.amount, card.currency)} · {card.probability}%")
            if card.next_step:
                lines.append(f"{card.next_step} {date_text(card.next_step_date)}")
            return "\n".join(line for line in lines if line)
        return None

    def set_cards(self, cards: tuple[Card, ...] | list[Card], today: date) -> None:
        self.beginResetModel()
        self.cards = list(cards)
        self.today = today
        self.endResetModel()

    def row_of(self, card_id: int) -> int:
        for row, card in enumerate(self.cards):
            if card.id == card_id:
                return row
        return -1

    def take(self, card_id: int) -> Card | None:
        row = self.row_of(card_id)
        if row < 0:
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        card = self.cards.pop(row)
        self.endRemoveRows()
        return card

    def put(self, card: Card) -> None:
        """Insert in the column's order: by close date (none last), then id."""

        def key(c: Card) -> tuple[bool, date, int]:
            return (c.close_date is None, c.close_date or date.max, c.id)

        row = 0
        while row < len(self.cards) and key(self.cards[row]) < key(card):
            row += 1
        self.beginInsertRows(QModelIndex(), row, row)
        self.cards.insert(row, card)
        self.endInsertRows()

    def replace(self, card: Card) -> None:
        row = self.row_of(card.id)
        if row >= 0:
            self.cards[row] = card
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def totals(self) -> tuple[int, Decimal, Decimal]:
        """Cards, Σ amount, Σ amount × probability (rounded once, as the forecast is)."""
        amount = sum((c.amount for c in self.cards), Decimal("0.00"))
        return len(self.cards), amount, weighted_sum((c.amount, c.probability) for c in self.cards)

    def totals_by_currency(self) -> dict[str, tuple[Decimal, Decimal]]:
        """Σ amount and Σ weighted per currency: a board with CNY and USD deals does not add
        dollars to yuan."""
        by_currency: dict[str, list[Card]] = {}
        for card in self.cards:
            by_currency.setdefault(card.currency, []).append(card)
        return {
            cur: (
                sum((c.amount for c in cards), Decimal("0.00")),
                weighted_sum((c.amount, c.probability) for c in cards),
            )
            for cur, cards in sorted(by_currency.items())
        }


class CardDelegate(QStyledItemDelegate):
    """Paints a card: title, company, amount and probability, close date, next step (red when
    overdue), owner."""

    PAD = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()  # type: ignore[attr-defined]
        # The width is the column's (a list view stretches items across its viewport).
        return QSize(120, 4 * line + 2 * self.PAD + 10)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        card: Card = index.data(CARD_ROLE)
        model = index.model()
        today = getattr(model, "today", date.today())
        rect: QRect = option.rect.adjusted(2, 2, -2, -4)  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = palette.color(QPalette.ColorRole.Highlight) if selected else QColor("#c9ced6")
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 6, 6)
        overdue = card.next_step_overdue(today)
        if overdue:  # a red edge: seen at a glance down a long column
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(OVERDUE)
            painter.drawRoundedRect(QRect(rect.left(), rect.top(), 4, rect.height()), 2, 2)
        inner = rect.adjusted(self.PAD + 2, self.PAD - 2, -self.PAD, -self.PAD)
        fm = option.fontMetrics  # type: ignore[attr-defined]
        line = fm.height()
        text_color = palette.color(QPalette.ColorRole.Text)
        muted = QColor(text_color)
        muted.setAlpha(150)

        bold = QFont(option.font)  # type: ignore[attr-defined]
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_color)
        y = inner.top()
        title = painter.fontMetrics().elidedText(
            card.title, Qt.TextElideMode.ElideRight, inner.width()
        )
        painter.drawText(QRect(inner.left(), y, inner.width(), line), 0, title)
        painter.setFont(option.font)  # type: ignore[attr-defined]
        y += line + 2
        painter.setPen(muted)
        company = fm.elidedText(card.company_name or "", Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(QRect(inner.left(), y, inner.width(), line), 0, company)
        y += line + 2
        painter.setPen(text_color)
        amount = f"{money_text(card.amount, card.currency, 0)} · {card.probability}%"
        painter.drawText(QRect(inner.left(), y, inner.width(), line), 0, amount)
        painter.setPen(muted)
        painter.drawText(
            QRect(inner.left(), y, inner.width(), line),
            int(Qt.AlignmentFlag.AlignRight),
            date_text(card.close_date),
        )
        y += line + 2
        step = card.next_step
        if step or card.next_step_date:
            step = f"{date_text(card.next_step_date)} {step}".strip()
        else:
            step = card.owner_name or ""
        painter.setPen(OVERDUE if overdue else muted)
        step = fm.elidedText(step, Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(QRect(inner.left(), y, inner.width(), line), 0, step)
        painter.restore()


class StageColumn(QFrame):
    """A stage's header (name, count, sums) over its list of cards."""

    def __init__(self, stage: Stage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"stage_{stage.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(COLUMN_WIDTH)
        self.stage = stage
        self.model = CardListModel(stage, self)
        self.title = QLabel()
        self.title.setObjectName("stage_title")
        self.title.setStyleSheet("font-weight: 600;")
        self.sums = QLabel()
        self.sums.setObjectName("stage_sums")
        self.sums.setStyleSheet("color: gray;")
        self.view = QListView()
        self.view.setObjectName("cards")
        self.view.setModel(self.model)
        self.view.setItemDelegate(CardDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.sums)
        layout.addWidget(self.view, 1)
        self.model.rowsInserted.connect(self.update_header)
        self.model.rowsRemoved.connect(self.update_header)
        self.model.modelReset.connect(self.update_header)
        self.model.dataChanged.connect(self.update_header)
        self.set_highlight(False)

    def update_header(self, *_: Any) -> None:
        self.title.setText(f"{self.stage.name}  ({len(self.model.cards)})")
        sums = self.model.totals_by_currency() or {"CNY": (Decimal(0), Decimal(0))}
        amount = " + ".join(short_money(a, cur) for cur, (a, _) in sums.items())
        weighted = " + ".join(short_money(w, cur) for cur, (_, w) in sums.items())
        if self.stage.outcome is Outcome.OPEN:
            self.sums.setText(
                self.tr("%1 · weighted %2").replace("%1", amount).replace("%2", weighted)
            )
        else:
            self.sums.setText(amount)
        self.sums.setToolTip(
            self.tr("Total %1\nWeighted %2")
            .replace("%1", " + ".join(money_text(a, cur) for cur, (a, _) in sums.items()))
            .replace("%2", " + ".join(money_text(w, cur) for cur, (_, w) in sums.items()))
        )

    def set_highlight(self, on: bool) -> None:
        colour = {Outcome.WON: "#e8f5e9", Outcome.LOST: "#fbe9e7"}.get(self.stage.outcome, "")
        if on:
            self.setStyleSheet(
                f"QFrame#{self.objectName()} {{ border: 2px solid palette(highlight); }}"
            )
        elif colour:
            self.setStyleSheet(f"QFrame#{self.objectName()} {{ background: {colour}; }}")
        else:
            self.setStyleSheet("")


class BoardView(QWidget):
    """``moveRequested(card, stage)`` when a card is dropped on another column (or moved by its
    menu); ``openRequested(deal id)`` on a double-click or Enter."""

    moveRequested = Signal(object, object)
    openRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: list[StageColumn] = []
        self.today = date.today()
        self._press: tuple[StageColumn, QPoint, Card] | None = None
        self._dragging = False
        self._target: StageColumn | None = None
        self.ghost = QLabel(self)
        self.ghost.setObjectName("drag_ghost")
        self.ghost.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.ghost.hide()
        self.strip = QWidget()
        self.row = QHBoxLayout(self.strip)
        self.row.setContentsMargins(4, 4, 4, 4)
        self.row.setSpacing(8)
        self.row.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.strip)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

    # -- content ---------------------------------------------------------------------------
    def set_columns(self, data: list[BoardColumn], today: date) -> None:
        self.today = today
        stages = [c.stage for c in data]
        if [c.stage for c in self.columns] != stages:
            for column in self.columns:
                self.row.removeWidget(column)
                column.deleteLater()
            self.columns = []
            for position, stage in enumerate(stages):
                column = StageColumn(stage, self.strip)
                column.view.viewport().installEventFilter(self)
                # activated alone: Enter, and the platform's double- (or single-) click; with
                # doubleClicked as well a double-click opened the deal twice
                column.view.activated.connect(self._open_index)
                column.view.customContextMenuRequested.connect(
                    lambda pos, c=column: self._menu(c, pos)
                )
                self.row.insertWidget(position, column)
                self.columns.append(column)
        for column, col_data in zip(self.columns, data, strict=True):
            column.model.set_cards(col_data.cards, today)

    def column_of_stage(self, stage_id: int) -> StageColumn | None:
        return next((c for c in self.columns if c.stage.id == stage_id), None)

    def column_of_card(self, card_id: int) -> StageColumn | None:
        return next((c for c in self.columns if c.model.row_of(card_id) >= 0), None)

    def card(self, card_id: int) -> Card | None:
        column = self.column_of_card(card_id)
        if column is None:
            return None
        return column.model.cards[column.model.row_of(card_id)]

    def move_card(self, card: Card, stage: Stage) -> None:
        """Show the card in ``stage`` at once (the save runs behind)."""
        source = self.column_of_card(card.id)
        target = self.column_of_stage(stage.id)
        if source is None or target is None or source is target:
            return
        moved = source.model.take(card.id)
        if moved is None:
            return
        target.model.put(replace(moved, stage_id=stage.id, probability=stage.probability))
        index = target.model.index(target.model.row_of(card.id))
        target.view.setCurrentIndex(index)
        target.view.scrollTo(index)

    def set_version(self, card_id: int, version: int) -> None:
        column = self.column_of_card(card_id)
        if column is None:
            return
        card = column.model.cards[column.model.row_of(card_id)]
        column.model.replace(replace(card, version=version))

    def card_count(self) -> int:
        return sum(len(c.model.cards) for c in self.columns)

    # -- open, menu ------------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        card = index.data(CARD_ROLE)
        if card is not None:
            self.openRequested.emit(card.id)

    def _menu(self, column: StageColumn, pos: QPoint) -> None:
        index = column.view.indexAt(pos)
        card = index.data(CARD_ROLE) if index.isValid() else None
        if card is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self.openRequested.emit(card.id))
        move = menu.addMenu(self.tr("Move to"))
        for other in self.columns:
            action = move.addAction(other.stage.name)
            action.setEnabled(other is not column)
            action.triggered.connect(
                lambda _=False, s=other.stage: self.moveRequested.emit(card, s)
            )
        menu.popup(column.view.viewport().mapToGlobal(pos))

    # -- drag ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.MouseButtonRelease,
        ):
            return False
        assert isinstance(event, QMouseEvent)
        gpos = event.globalPosition().toPoint()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            column = self._column_at(gpos)
            if column is not None:
                index = column.view.indexAt(column.view.viewport().mapFromGlobal(gpos))
                card = index.data(CARD_ROLE) if index.isValid() else None
                if card is not None:
                    self._press = (column, gpos, card)
            return False
        if kind == QEvent.Type.MouseMove and self._press is not None:
            column, start, card = self._press
            if not self._dragging:
                if (gpos - start).manhattanLength() < QApplication.startDragDistance():
                    return False
                self._start_drag(column, card)
            self._drag_to(gpos)
            return True
        if kind == QEvent.Type.MouseButtonRelease and self._press is not None:
            was_dragging = self._dragging
            _, _, card = self._press
            if was_dragging:
                self._drag_to(gpos)
            target = self._target
            self._end_drag()
            if was_dragging:
                if target is not None and target.stage.id != card.stage_id:
                    self.moveRequested.emit(card, target.stage)
                return True
        return False

    def _column_at(self, gpos: QPoint) -> StageColumn | None:
        for column in self.columns:
            if column.isVisible() and column.rect().contains(column.mapFromGlobal(gpos)):
                return column
        return None

    def _start_drag(self, column: StageColumn, card: Card) -> None:
        self._dragging = True
        row = column.model.row_of(card.id)
        rect = column.view.visualRect(column.model.index(row))
        self.ghost.setPixmap(column.view.viewport().grab(rect))
        self.ghost.resize(rect.size())
        self.ghost.setWindowOpacity(0.8)
        self.ghost.show()
        self.ghost.raise_()
        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.ClosedHandCursor))

    def _drag_to(self, gpos: QPoint) -> None:
        local = self.mapFromGlobal(gpos)
        self.ghost.move(local - QPoint(self.ghost.width() // 2, 12))
        target = self._column_at(gpos)
        if target is not self._target:
            if self._target is not None:
                self._target.set_highlight(False)
            if target is not None:
                target.set_highlight(True)
            self._target = target
        # Near the left or right edge: scroll the board so far columns can be reached.
        bar = self.scroll.horizontalScrollBar()
        if local.x() < 40:
            bar.setValue(bar.value() - 20)
        elif local.x() > self.width() - 40:
            bar.setValue(bar.value() + 20)

    def _end_drag(self) -> None:
        if self._dragging:
            QApplication.restoreOverrideCursor()
        if self._target is not None:
            self._target.set_highlight(False)
        self._press = None
        self._dragging = False
        self._target = None
        self.ghost.hide()
