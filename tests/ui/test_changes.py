"""The one change channel and the one refresh policy, on a real database: a change made on a
worker (as every write is) reaches the view on the GUI thread; a hidden view waits until it is
shown; a burst reloads once; the write guard catches a write started on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from crm_desktop.domain.records import (
    Change,
    ChangeAction,
    CompanyData,
    ListFilter,
    RecordKind,
)
from crm_desktop.services import contacts as cs
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.changes import ChangeChannel, ChangeFollower
from crm_desktop.ui.operations.guard import GuiThreadWriteError


class View(QWidget):
    """A view that counts its reloads and the thread they ran on."""

    def __init__(self, ws: Workspace, **options: object) -> None:
        super().__init__()
        self.reloads: list[bool] = []  # True: on the GUI thread
        self.follower = ChangeFollower(
            self,
            ws,
            (RecordKind.COMPANY,),
            self.reload,
            **options,  # type: ignore[arg-type]
        )

    def reload(self) -> None:
        self.reloads.append(QThread.currentThread() is QApplication.instance().thread())


def test_a_change_written_on_a_worker_reloads_a_shown_view_on_the_gui_thread(qtbot, ws) -> None:
    view = View(ws)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.reloads == [True])  # first showing loads it

    operations.write(view, lambda: cs.create_company(ws, CompanyData("Lotus Tea"))).run()
    qtbot.waitUntil(lambda: len(view.reloads) == 2)
    assert view.reloads == [True, True]
    assert not view.follower.stale


def test_a_hidden_view_is_only_marked_stale_and_reloads_when_shown(qtbot, ws) -> None:
    view = View(ws)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: len(view.reloads) == 1)
    view.hide()

    thread = threading.Thread(target=cs.create_company, args=(ws, CompanyData("Hidden Ltd")))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: view.follower.stale)
    qtbot.wait(150)  # longer than the debounce: a hidden view does no work
    assert len(view.reloads) == 1

    view.show()
    qtbot.waitUntil(lambda: len(view.reloads) == 2)


def test_a_burst_of_changes_reloads_once(qtbot, ws) -> None:
    view = View(ws)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: len(view.reloads) == 1)

    for company_id in range(1, 21):  # e.g. an import announcing batch after batch
        ws.events.publish(Change(RecordKind.COMPANY, (company_id,), ChangeAction.CREATED))
    qtbot.waitUntil(lambda: len(view.reloads) == 2)
    qtbot.wait(250)
    assert len(view.reloads) == 2


def test_kinds_and_accept_filter_what_a_view_follows(qtbot, ws) -> None:
    own = object()
    view = View(ws, accept=lambda change: change.origin is not own)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: len(view.reloads) == 1)

    ws.events.publish(Change(RecordKind.ORDER, (1,), ChangeAction.UPDATED))  # not shown here
    ws.events.publish(Change(RecordKind.COMPANY, (1,), ChangeAction.UPDATED, own))  # its echo
    qtbot.wait(250)
    assert len(view.reloads) == 1
    assert not view.follower.stale


def test_one_channel_per_workspace(ws, colleague) -> None:
    assert ChangeChannel.of(ws) is ChangeChannel.of(ws)
    assert ChangeChannel.of(ws) is not ChangeChannel.of(colleague)


def test_a_write_started_on_the_gui_thread_fails_and_writes_nothing(qtbot, ws) -> None:
    """What the guard of the UI tests catches: a button whose handler writes directly."""
    button = QPushButton("Save")
    qtbot.addWidget(button)
    failures: list[BaseException] = []

    def save_directly() -> None:
        try:
            cs.create_company(ws, CompanyData("Written on the GUI thread"))
        except GuiThreadWriteError as exc:
            failures.append(exc)

    button.clicked.connect(save_directly)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(failures) == 1
    assert "operations" in str(failures[0])
    assert cs.count(ws, RecordKind.COMPANY, ListFilter()) == 0
