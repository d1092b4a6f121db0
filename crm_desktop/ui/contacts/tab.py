"""The Contacts tab: contacts and companies lists with search and filters, details, my tasks."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.records import Change, ChangeAction, Choices, Grade, ListFilter, RecordKind
from crm_desktop.services import contacts as contact_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.changes import ChangeChannel
from crm_desktop.ui.contacts.detail import RecordDetail
from crm_desktop.ui.contacts.table_model import RecordTableModel
from crm_desktop.ui.contacts.tasks import MyTasksView
from crm_desktop.ui.operations import contacts as contact_ops

log = logging.getLogger(__name__)
VIEW_CONTACTS, VIEW_COMPANIES, VIEW_TASKS = 0, 1, 2
SEARCH_DELAY_MS = 150


class ContactsTab(QWidget):
    statusChanged = Signal(str)
    deleted = Signal(str, list)

    def __init__(self, ws: Workspace, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.settings = settings
        self.models = {
            RecordKind.CONTACT: RecordTableModel(ws, RecordKind.CONTACT, parent=self),
            RecordKind.COMPANY: RecordTableModel(ws, RecordKind.COMPANY, parent=self),
        }
        self.kind = RecordKind.CONTACT
        self._undo: tuple[RecordKind, list[int]] | None = None

        # View switch: Contacts | Companies | My tasks, and the Trash toggle.
        self.view_buttons = QButtonGroup(self)
        switch = QHBoxLayout()
        for view, label, name in (
            (VIEW_CONTACTS, self.tr("Contacts"), "view_contacts"),
            (VIEW_COMPANIES, self.tr("Companies"), "view_companies"),
            (VIEW_TASKS, self.tr("My tasks"), "view_tasks"),
        ):
            button = QToolButton()
            button.setText(label)
            button.setObjectName(name)
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.view_buttons.addButton(button, view)
            switch.addWidget(button)
        self.view_buttons.button(VIEW_CONTACTS).setChecked(True)
        self.view_buttons.idClicked.connect(self.set_view)
        self.trash = QToolButton()
        self.trash.setObjectName("trash")
        self.trash.setText(self.tr("Trash"))
        self.trash.setCheckable(True)
        self.trash.setToolTip(self.tr("Show deleted records, to restore them"))
        self.trash.toggled.connect(self._filters_changed)
        switch.addSpacing(12)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Search name, pinyin, phone, e-mail, city, notes … (Ctrl+F)")
        )
        self.search.setMinimumWidth(280)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._filters_changed)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self._filters_changed)
        switch.addWidget(self.search, 1)
        switch.addWidget(self.trash)

        self.owner = self._combo("filter_owner", self.tr("All owners"))
        self.tag = self._combo("filter_tag", self.tr("All tags"))
        self.grade = self._combo("filter_grade", self.tr("All grades"))
        for g in Grade:
            self.grade.addItem(self.tr("Grade %s") % g.value, g.value)
        self.industry = self._combo("filter_industry", self.tr("All industries"))
        self.region = self._combo("filter_region", self.tr("All regions"))
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Filter:")))
        for box in (self.owner, self.tag, self.grade, self.industry, self.region):
            filters.addWidget(box)
            box.currentIndexChanged.connect(self._filters_changed)
        filters.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        filters.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setObjectName("records")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)

        self.detail = RecordDetail(ws)
        self.detail.saved.connect(self._saved)
        self.detail.openRecord.connect(self.open_record)
        self.detail.deleteRequested.connect(
            lambda kind, rid: self.delete_records(RecordKind(kind), [rid])
        )
        self.detail.restoreRequested.connect(
            lambda kind, rid: self.restore_records(RecordKind(kind), [rid])
        )

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("contacts_splitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.splitter, 1)

        self.my_tasks = MyTasksView(ws)
        self.my_tasks.tree.openRecord.connect(self.open_record)
        self.stack = QStackedWidget()
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.my_tasks)

        layout = QVBoxLayout(self)
        layout.addLayout(switch)
        layout.addWidget(self.stack, 1)

        for model in self.models.values():
            model.countChanged.connect(self._update_count)
        ChangeChannel.of(ws).changed.connect(self.on_change)
        self.reload_choices()
        self._show_model(RecordKind.CONTACT)
        self._restore_state()
        view = int(self.settings.value("contacts/view", VIEW_CONTACTS) or 0)
        if view in (VIEW_COMPANIES, VIEW_TASKS):  # back where the user left off
            self.set_view(view)

    # -- building helpers ------------------------------------------------------------------
    def _combo(self, name: str, everything: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.addItem(everything, None)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return box

    def reload_choices(self) -> None:
        """Refill the filter boxes (owners, tags, industries, regions in use), off the GUI
        thread: finding the values in use reads every company."""
        ws = self.ws
        operations.Op(self, lambda _p, _c: contact_service.choices(ws)).success(
            self._fill_choices
        ).failure(lambda exc: log.warning("filter choices unavailable: %s", exc)).run()

    def _fill_choices(self, choices: Choices) -> None:
        for box, values in (
            (self.owner, [(u.name, u.id) for u in choices.owners]),
            (self.tag, [(t, t) for t in choices.tags]),
            (self.industry, [(i, i) for i in choices.industries]),
            (self.region, [(r, r) for r in choices.regions]),
        ):
            current = box.currentData()
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for label, value in values:
                box.addItem(label, value)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)

    # -- the list --------------------------------------------------------------------------
    @property
    def model(self) -> RecordTableModel:
        return self.models[self.kind]

    def current_filter(self) -> ListFilter:
        grade = self.grade.currentData()
        base = self.model.filter
        return replace(
            base,
            search=self.search.text().strip(),
            owner_id=self.owner.currentData(),
            tag=self.tag.currentData(),
            grade=Grade(grade) if grade else None,
            industry=self.industry.currentData(),
            region=self.region.currentData(),
            deleted=self.trash.isChecked(),
        )

    def _filters_changed(self, *_: Any) -> None:
        self._search_timer.stop()
        if self.stack.currentIndex() != 0:
            return
        flt = self.current_filter()
        if flt != self.model.filter:
            self.model.set_filter(flt)
            self._after_reload()

    def _show_model(self, kind: RecordKind) -> None:
        if self.table.model() is not None:
            self._save_columns()
        self.kind = kind
        model = self.model
        self.table.setModel(model)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        model.set_filter(self.current_filter())
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(
            model.columns.index(model.filter.sort) if model.filter.sort in model.columns else 0,
            Qt.SortOrder.DescendingOrder
            if model.filter.descending
            else Qt.SortOrder.AscendingOrder,
        )
        header.blockSignals(False)
        self._restore_columns()
        self._after_reload()

    def _after_reload(self) -> None:
        self._update_count(self.model.total)
        if self.model.rowCount() and not self.detail.has_unsaved_changes():
            wanted = self.detail.record_id() if self.detail.kind is self.kind else None
            row = self.model.row_of(wanted) if wanted is not None else None
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row or 0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        elif not self.model.rowCount() and not self.detail.has_unsaved_changes():
            self.detail.clear()

    def _update_count(self, total: int | None) -> None:
        if total is None or total < 0:
            text = self.tr("Counting…")
        elif self.kind is RecordKind.CONTACT:
            text = self.tr("%Ln contact(s)", "", total)
        else:
            text = self.tr("%Ln company(s)", "", total)
        if self.trash.isChecked():
            text = self.tr("%s in the Trash") % text
        self.count_label.setText(text)
        self.statusChanged.emit(text)

    def _current_changed(self, current: Any, _previous: Any) -> None:
        record_id = self.model.record_id(current.row()) if current.isValid() else None
        if record_id is None:
            return
        if self.detail.kind is self.kind and self.detail.record_id() == record_id:
            return
        kind = self.kind
        if self._leave_detail(lambda: self.detail.show_record(kind, record_id)):
            self.detail.show_record(kind, record_id)

    def _leave_detail(self, then: Callable[[], None]) -> bool:
        """Ask before discarding unsaved edits in the detail pane. True: go on now. False: stay
        (Cancel), or the edits are being saved and ``then`` goes on once they are."""
        if not self.detail.has_unsaved_changes():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save your changes to this record first?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            self.detail.save(then)
            return False
        return answer == QMessageBox.StandardButton.Discard

    # -- views -----------------------------------------------------------------------------
    def set_view(self, view: int) -> None:
        self.view_buttons.button(view).setChecked(True)
        if view == VIEW_TASKS:
            self.stack.setCurrentWidget(self.my_tasks)
            self.my_tasks.follower.reload_now()
            self.statusChanged.emit(self.my_tasks.summary.text())
            return
        self.stack.setCurrentIndex(0)
        kind = RecordKind.CONTACT if view == VIEW_CONTACTS else RecordKind.COMPANY
        if kind is not self.kind or self.table.model() is None:
            self._show_model(kind)
        else:
            self._filters_changed()

    def focus_search(self) -> None:
        if self.stack.currentIndex() != 0:
            self.set_view(VIEW_CONTACTS if self.kind is RecordKind.CONTACT else VIEW_COMPANIES)
        self.search.setFocus()
        self.search.selectAll()

    def open_record(self, kind: str, record_id: int) -> None:
        """Show a record in the list and the detail pane (from a task, a person, a search)."""
        if not self._leave_detail(lambda: self.open_record(kind, record_id)):
            return
        record_kind = RecordKind(kind)
        self.set_view(VIEW_CONTACTS if record_kind is RecordKind.CONTACT else VIEW_COMPANIES)
        row = self.model.row_of(record_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self.detail.show_record(record_kind, record_id)

    def new_record(self, kind: RecordKind) -> None:
        if not self._leave_detail(lambda: self.new_record(kind)):
            return
        company = None
        if kind is RecordKind.CONTACT and self.detail.kind is RecordKind.COMPANY:
            record = self.detail.record
            if record is not None:
                company = (record.id, record.data.name)
        self.set_view(VIEW_CONTACTS if kind is RecordKind.CONTACT else VIEW_COMPANIES)
        self.table.clearSelection()
        self.detail.new_record(kind, company)

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.model.record_id(r) for r in rows]
        return [i for i in ids if i is not None]

    # -- delete, restore, undo -------------------------------------------------------------
    def delete_selected(self) -> None:
        if self.stack.currentIndex() == 0 and not self.trash.isChecked():
            self.delete_records(self.kind, self.selected_ids())

    def delete_records(self, kind: RecordKind, ids: list[int]) -> None:
        if ids:
            contact_ops.set_deleted(self, self.ws, kind, ids, True).success(
                lambda done: self._deleted(kind, done)
            ).run()

    def _deleted(self, kind: RecordKind, done: list[int]) -> None:
        if done:
            self._undo = (kind, done)
            self.detail.clear()
            self.deleted.emit(kind.value, done)

    def undo_delete(self) -> None:
        if self._undo is None:
            return
        kind, ids = self._undo
        self._undo = None
        self.restore_records(kind, ids, lambda: self.open_record(kind.value, ids[0]))

    def restore_records(
        self, kind: RecordKind, ids: list[int], then: Callable[[], None] | None = None
    ) -> None:
        op = contact_ops.set_deleted(self, self.ws, kind, ids, False)
        if then is not None:
            op.success(lambda _done: then())
        op.run()

    def _saved(self, kind: str, record_id: int) -> None:
        self.reload_choices()
        if self.detail.record_id() != record_id or RecordKind(kind) is not self.kind:
            return  # the user went on to another record, or the other list, meanwhile
        row = self.model.row_of(record_id)
        if row is not None:
            self.table.selectRow(row)

    # -- changes from anywhere -------------------------------------------------------------
    def on_change(self, change: Change) -> None:
        for model in self.models.values():
            model.on_change(change)
        if (
            change.kind in (RecordKind.COMPANY, RecordKind.CONTACT)
            and change.action is not ChangeAction.UPDATED
        ):
            self._after_reload()
            if change.action is ChangeAction.BULK:
                self.reload_choices()
        self.detail.on_change(change)

    def reload(self) -> None:
        """F5: the list, its filter choices and the record shown, as saved now."""
        self.reload_choices()
        self.model.reload()
        self._after_reload()
        self.detail.reload()
        if self.stack.currentWidget() is self.my_tasks:
            self.my_tasks.follower.reload_now()

    # -- remembered layout -----------------------------------------------------------------
    def _save_columns(self) -> None:
        self.settings.setValue(
            f"contacts/columns_{self.kind.value}", self.table.horizontalHeader().saveState()
        )

    def _restore_columns(self) -> None:
        state = self.settings.value(f"contacts/columns_{self.kind.value}")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.table.horizontalHeader().restoreState(state)
        else:
            # A phone as written abroad (+1 303-677-4054) fits whole, in either language's font.
            phone = self.table.fontMetrics().horizontalAdvance("+86 138-0013-8000") + 16
            widths = {"name": 130, "company": 180, "title": 100, "email": 180, "tags": 120}
            widths |= {"mobile": phone, "phone": phone}
            for column, key in enumerate(self.model.columns):
                self.table.setColumnWidth(column, widths.get(key, 110))

    def _restore_state(self) -> None:
        for widget in (self.splitter, self.detail.splitter):
            state = self.settings.value(f"contacts/{widget.objectName()}")
            if isinstance(state, QByteArray):
                widget.restoreState(state)
            elif widget is self.splitter:
                widget.setSizes([620, 480])

    def current_view(self) -> int:
        return self.view_buttons.checkedId()

    def save_state(self) -> None:
        self.settings.setValue("contacts/view", self.current_view())
        self._save_columns()
        for widget in (self.splitter, self.detail.splitter):
            self.settings.setValue(f"contacts/{widget.objectName()}", widget.saveState())
