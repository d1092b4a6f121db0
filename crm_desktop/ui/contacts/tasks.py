"""Follow-up tasks: a record's open tasks, "My tasks" (today and overdue), adding one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from crm_desktop.domain.records import RecordKind, Task
from crm_desktop.services import timeline as timeline_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.changes import ChangeFollower
from crm_desktop.ui.contacts.record_panel import RecordPanel
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.operations import timeline as timeline_ops
from crm_desktop.ui.widgets.palette import OVERDUE
from crm_desktop.ui.widgets.palette import WARNING as TODAY
from crm_desktop.ui.widgets.task_dialog import TaskDialog

TASK_ROLE = Qt.ItemDataRole.UserRole + 2


class TaskTree(QTreeWidget):
    """Tasks with a tick box; overdue ones in red, today's in orange and bold."""

    openRecord = Signal(str, int)

    def __init__(self, ws: Workspace, show_record: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.show_record = show_record
        self._loading = False
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        labels = [self.tr("Task"), self.tr("Due"), self.tr("Owner")]
        if show_record:
            labels.append(self.tr("Customer"))
        self.setHeaderLabels(labels)
        self.setColumnWidth(0, 280)
        self.setColumnWidth(1, 100)
        self.itemChanged.connect(self._ticked)
        self.itemDoubleClicked.connect(self._open)

    def show_tasks(self, tasks: list[Task]) -> None:
        self._loading = True
        self.clear()
        today = date.today()
        for task in tasks:
            due = task.data.due_date.isoformat() if task.data.due_date else ""
            columns = [task.data.title, due, task.owner_name or ""]
            if self.show_record:
                names = [n for n in (task.contact_name, task.company_name) if n]
                columns.append(" · ".join(names))
            item = QTreeWidgetItem(columns)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                0, Qt.CheckState.Checked if task.data.done else Qt.CheckState.Unchecked
            )
            item.setData(0, TASK_ROLE, task)
            if task.is_overdue(today):
                for col in range(len(columns)):
                    item.setForeground(col, QBrush(OVERDUE))
                item.setToolTip(1, self.tr("Overdue"))
            elif task.is_due_today(today):
                font = QFont(item.font(0))
                font.setBold(True)
                for col in range(len(columns)):
                    item.setForeground(col, QBrush(TODAY))
                    item.setFont(col, font)
                item.setToolTip(1, self.tr("Due today"))
            self.addTopLevelItem(item)
        self._loading = False

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if self._loading or column != 0:
            return
        task: Task = item.data(0, TASK_ROLE)
        done = item.checkState(0) == Qt.CheckState.Checked
        timeline_ops.complete_task(self, self.ws, task.id, task.version, done).success(
            lambda version: self._tick_saved(item, task, done, version)
        ).failure(lambda exc: self._tick_failed(item, done, exc)).run()

    def _tick_saved(self, item: QTreeWidgetItem, task: Task, done: bool, version: int) -> None:
        if not isValid(item):
            return  # the list was refreshed meanwhile
        # A ticked task stays in view, struck through, so a slip of the mouse can be undone;
        # it leaves the list on the next refresh.
        task = replace(task, data=replace(task.data, done=done), version=version)
        self._loading = True
        item.setData(0, TASK_ROLE, task)
        for col in range(self.columnCount()):
            font = QFont(item.font(col))
            font.setStrikeOut(done)
            item.setFont(col, font)
        self._loading = False

    def _tick_failed(self, item: QTreeWidgetItem, done: bool, exc: BaseException) -> None:
        show_error(self, exc)
        if isValid(item):
            self._loading = True
            item.setCheckState(0, Qt.CheckState.Unchecked if done else Qt.CheckState.Checked)
            self._loading = False

    def _open(self, item: QTreeWidgetItem) -> None:
        task: Task = item.data(0, TASK_ROLE)
        if task.data.contact_id is not None:
            self.openRecord.emit("contact", task.data.contact_id)
        elif task.data.company_id is not None:
            self.openRecord.emit("company", task.data.company_id)


class RecordTasks(RecordPanel):
    """The open follow-ups of one company or contact, with "Add follow-up"."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(ws, (RecordKind.TASK,), parent, accept=lambda c: c.origin is not self.tree)
        layout = self.column
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add follow-up…"))
        self.add_button.setObjectName("add_task")
        self.add_button.clicked.connect(self.add)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.tree = TaskTree(ws, show_record=False)
        self.tree.setObjectName("record_tasks")
        layout.addWidget(self.tree)

    def refresh(self) -> None:
        if self.contact_id is not None:
            tasks = timeline_service.open_tasks(self.ws, contact_id=self.contact_id)
        elif self.company_id is not None:
            tasks = timeline_service.open_tasks(self.ws, company_id=self.company_id)
        else:
            tasks = []
        self.tree.show_tasks(tasks)

    def add(self) -> TaskDialog:
        dialog = TaskDialog(self.ws, self.company_id, self.contact_id, self)
        dialog.open()  # the list follows the change channel
        return dialog


class MyTasksView(QWidget):
    """Today's and overdue follow-ups of the current user (or everyone's)."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("my_tasks_summary")
        top.addWidget(self.summary)
        top.addStretch(1)
        self.everyone = QCheckBox(self.tr("Everyone's"))
        self.everyone.toggled.connect(self.refresh)
        top.addWidget(self.everyone)
        layout.addLayout(top)
        self.tree = TaskTree(ws, show_record=True)
        self.tree.setObjectName("my_tasks")
        layout.addWidget(self.tree)
        hint = QLabel(self.tr("Tick a task when it is done; double-click to open the customer."))
        hint.setStyleSheet("color: gray;")
        layout.addWidget(hint)
        # Not its own ticks: a ticked task stays in view, struck through, until the next reload.
        self.follower = ChangeFollower(
            self, ws, (RecordKind.TASK,), self.refresh, accept=lambda c: c.origin is not self.tree
        )

    def refresh(self) -> None:
        today = date.today()
        tasks = timeline_service.my_tasks(self.ws, today, everyone=self.everyone.isChecked())
        overdue = sum(t.is_overdue(today) for t in tasks)
        due_today = sum(t.is_due_today(today) for t in tasks)
        self.summary.setText(
            self.tr("%n overdue", "", overdue) + " · " + self.tr("%n due today", "", due_today)
        )
        self.tree.show_tasks(tasks)
