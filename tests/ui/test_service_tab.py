"""The Service tab driven as a service desk would: open a ticket, assign it, reply, close it
with the customer's score and reopen it; the queue's colours; an article into a reply; my
overdue tickets in the status bar and the moment one goes overdue."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from crm_desktop.domain.records import CompanyData, ContactData
from crm_desktop.domain.service import (
    ArticleData,
    Channel,
    Priority,
    Queue,
    SlaRule,
    TicketData,
    TicketKind,
    TicketStatus,
)
from crm_desktop.services import contacts as cs
from crm_desktop.services import knowledge, service_config
from crm_desktop.services import tickets as ts
from crm_desktop.services import timeline as timeline_service
from crm_desktop.ui.service.knowledge import ArticleDialog, ArticlePicker
from crm_desktop.ui.service.targets_dialog import TargetsDialog
from crm_desktop.ui.service.ticket_actions import ResolveDialog
from crm_desktop.ui.service.ticket_dialog import TicketDialog
from crm_desktop.ui.widgets.palette import OVERDUE, WARNING


def _service(qtbot, make_window):  # type: ignore[no-untyped-def]
    window = make_window()
    window.tabs.setCurrentWidget(window.service)
    return window


def _open(qtbot, window, ticket_id: int) -> TicketDialog:  # type: ignore[no-untyped-def]
    """Select the ticket in the queue and press Enter."""
    queue = window.service.queue
    qtbot.waitUntil(lambda: any(r.id == ticket_id for r in queue.table.rows_model.rows))
    row = next(i for i, r in enumerate(queue.table.rows_model.rows) if r.id == ticket_id)
    queue.table.setFocus()
    queue.table.setCurrentIndex(queue.table.rows_model.index(row, 0))
    qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    dialog = window.service.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.ticket is not None)
    return dialog


def test_open_assign_reply_close_and_reopen_a_ticket(qtbot, ws, colleague, make_window) -> None:
    acme = cs.create_company(ws, CompanyData(name="Acme Trading"))
    cs.create_contact(ws, ContactData(name="Li Na", company_id=acme.id))
    window = _service(qtbot, make_window)
    queue = window.service.queue
    qtbot.waitUntil(lambda: queue.count.text() == "0 tickets")

    new = window.service.new_ticket()
    form = new.form
    assert not new.save_button.isEnabled()  # no subject, no customer yet
    form.kind.setCurrentIndex(form.kind.findData(TicketKind.COMPLAINT.value))
    qtbot.waitUntil(lambda: form.category.findText("Delivery") >= 0)  # complaints' defaults
    form.category.setCurrentText("Delivery")
    form.company.set_company(acme.id, "Acme Trading")
    form.company.textChanged.emit(form.company.text())
    qtbot.waitUntil(lambda: form.contact.findText("Li Na") >= 0)
    form.contact.setCurrentIndex(form.contact.findText("Li Na"))
    qtbot.keyClicks(form.subject, "Parcel arrived damaged")
    form.priority.setCurrentIndex(form.priority.findData(int(Priority.HIGH)))
    assert new.save_button.isEnabled()
    qtbot.mouseClick(new.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: queue.count.text() == "1 ticket")
    row = queue.table.rows_model.rows[0]
    assert (row.subject, row.kind, row.priority) == (
        "Parcel arrived damaged", TicketKind.COMPLAINT, Priority.HIGH,
    )  # fmt: skip
    assert row.company == "Acme Trading"

    dialog = _open(qtbot, window, row.id)
    assert dialog.ticket.data.category == "Delivery"
    assert "Resolution due" in dialog.due.text()
    assert dialog.status_buttons[TicketStatus.REOPENED].isHidden()

    # Assign to the colleague: picked in the combo, saved at once.
    assignee = dialog.form.assignee
    qtbot.waitUntil(lambda: assignee.findData(colleague.user.id) >= 0)
    index = assignee.findData(colleague.user.id)
    assignee.setCurrentIndex(index)
    assignee.activated.emit(index)
    qtbot.waitUntil(lambda: dialog.ticket.status is TicketStatus.ASSIGNED)
    assert dialog.ticket.assignee_name == "Colleague"
    qtbot.waitUntil(lambda: "Assigned" in dialog.timeline.toPlainText())

    # Reply, also logged on the customer's timeline.
    qtbot.keyClicks(dialog.reply_text, "A new one is on its way.")
    dialog.log_activity.setChecked(True)
    qtbot.mouseClick(dialog.reply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ticket.first_response_at is not None)
    assert dialog.ticket.status is TicketStatus.IN_PROGRESS
    assert dialog.reply_text.toPlainText() == ""
    qtbot.waitUntil(lambda: "A new one is on its way." in dialog.timeline.toPlainText())
    logged = timeline_service.timeline(ws, company_id=acme.id)
    assert [a.data.outcome for a in logged] == ["A new one is on its way."]

    # Close: the resolution is asked, the score is optional.
    qtbot.mouseClick(dialog.status_buttons[TicketStatus.CLOSED], Qt.MouseButton.LeftButton)
    closing = dialog.sub_dialog
    assert isinstance(closing, ResolveDialog)
    assert not closing.save_button.isEnabled()
    qtbot.keyClicks(closing.resolution, "Replaced the parcel.")
    closing.satisfaction.setCurrentIndex(closing.satisfaction.findData(4))
    qtbot.mouseClick(closing.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ticket.status is TicketStatus.CLOSED)
    saved = ts.get_ticket(ws, row.id)
    assert (saved.resolution, saved.satisfaction) == ("Replaced the parcel.", 4)
    assert "Satisfaction: 4 of 5" in dialog.due.text()

    # Reopen: the history stays.
    qtbot.waitUntil(lambda: not dialog.status_buttons[TicketStatus.REOPENED].isHidden())
    qtbot.mouseClick(dialog.status_buttons[TicketStatus.REOPENED], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ticket.status is TicketStatus.REOPENED)
    qtbot.waitUntil(lambda: "Replaced the parcel." in dialog.timeline.toPlainText())
    assert "A new one is on its way." in dialog.timeline.toPlainText()
    dialog.reject()


def test_waiting_pauses_and_a_note_stays_internal(qtbot, ws, make_window) -> None:
    acme = cs.create_company(ws, CompanyData(name="Acme Trading"))
    t = ts.open_ticket(ws, TicketData(TicketKind.INQUIRY, "Price list?", company_id=acme.id))
    window = _service(qtbot, make_window)
    dialog = _open(qtbot, window, t.id)
    qtbot.keyClicks(dialog.reply_text, "Asked sales for the 2027 list")
    qtbot.mouseClick(dialog.note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Asked sales for the 2027 list" in dialog.timeline.toPlainText())
    assert dialog.ticket.first_response_at is None  # a note is no answer
    qtbot.mouseClick(dialog.status_buttons[TicketStatus.WAITING], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ticket.status is TicketStatus.WAITING)
    assert dialog.ticket.paused_since is not None
    assert "paused" in dialog.due.text()
    dialog.reject()


def _ticket(ws, subject: str, priority: Priority, age: timedelta, mine: bool = False):  # type: ignore[no-untyped-def]
    company = cs.create_company(ws, CompanyData(name=f"{subject} Ltd"))
    data = TicketData(
        TicketKind.REPAIR, subject, company_id=company.id, priority=priority,
        assignee_id=ws.user.id if mine else None,
    )  # fmt: skip
    return ts.open_ticket(ws, data, now=datetime.now(UTC) - age)


def test_the_queue_shows_overdue_red_and_nearly_due_amber(qtbot, ws, make_window) -> None:
    late = _ticket(ws, "Late", Priority.URGENT, timedelta(hours=10))
    # Urgent: first response within 1 h; 55 minutes gone leaves under 20 %.
    close = _ticket(ws, "Close", Priority.URGENT, timedelta(minutes=55))
    calm = _ticket(ws, "Calm", Priority.LOW, timedelta(minutes=1))
    window = _service(qtbot, make_window)
    queue = window.service.queue
    qtbot.waitUntil(lambda: len(queue.table.rows_model.rows) == 3)
    model = queue.table.rows_model
    column = model.column_of("time_left")
    by_id = {r.id: i for i, r in enumerate(model.rows)}
    assert [r.id for r in model.rows] == [late.id, close.id, calm.id]  # the one due first on top

    def cell(ticket_id: int, role: Qt.ItemDataRole):  # type: ignore[no-untyped-def]
        return model.index(by_id[ticket_id], column).data(role)

    assert "overdue" in cell(late.id, Qt.ItemDataRole.DisplayRole)
    assert cell(late.id, Qt.ItemDataRole.ForegroundRole) == OVERDUE
    assert cell(close.id, Qt.ItemDataRole.ForegroundRole) == WARNING
    assert cell(calm.id, Qt.ItemDataRole.ForegroundRole) is None

    queue.show_queue(Queue.OVERDUE)
    qtbot.waitUntil(lambda: [r.id for r in model.rows] == [late.id])
    queue.show_queue(Queue.OPEN)
    qtbot.waitUntil(lambda: len(model.rows) == 3)
    queue.search.setText("calm")  # the customer's name is searched too
    qtbot.waitUntil(lambda: [r.id for r in model.rows] == [calm.id])


def test_the_queue_loads_more_as_it_is_scrolled(qtbot, ws, make_window) -> None:
    acme = cs.create_company(ws, CompanyData(name="Acme Trading"))
    for n in range(130):
        ts.open_ticket(ws, TicketData(TicketKind.INQUIRY, f"Question {n}", company_id=acme.id))
    window = _service(qtbot, make_window)
    queue = window.service.queue
    qtbot.waitUntil(lambda: len(queue.table.rows_model.rows) == 100)
    assert queue.count.text() == "130 tickets"
    queue.table.verticalScrollBar().setValue(queue.table.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: len(queue.table.rows_model.rows) == 130)
    # Sorted by number, newest first, in SQL.
    number = queue.table.rows_model.column_of("number")
    queue.table.horizontalHeader().setSortIndicator(number, Qt.SortOrder.DescendingOrder)
    queue._sort_clicked(number)
    qtbot.waitUntil(lambda: queue.table.rows_model.rows[0].subject == "Question 129")


def test_an_article_goes_into_a_reply_and_an_answer_becomes_one(qtbot, ws, make_window) -> None:
    knowledge.add_article(
        ws, ArticleData("Resetting the controller", "Hold RESET for ten seconds.", "Repair")
    )
    knowledge.add_article(ws, ArticleData("保修政策", "整机保修一年。", language="zh_CN"))
    acme = cs.create_company(ws, CompanyData(name="Acme Trading"))
    t = ts.open_ticket(ws, TicketData(TicketKind.REPAIR, "Controller hangs", company_id=acme.id))
    window = _service(qtbot, make_window)
    dialog = _open(qtbot, window, t.id)
    qtbot.keyClicks(dialog.reply_text, "Hello,")
    qtbot.mouseClick(dialog.insert_button, Qt.MouseButton.LeftButton)
    picker = dialog.sub_dialog
    assert isinstance(picker, ArticlePicker)
    qtbot.waitUntil(lambda: len(picker.list.table.rows_model.rows) == 2)
    picker.list.search.setText("baoxiu")  # pinyin finds the Chinese article
    qtbot.waitUntil(
        lambda: [a.data.title for a in picker.list.table.rows_model.rows] == ["保修政策"]
    )
    picker.list.search.setText("controller")
    qtbot.waitUntil(
        lambda: (
            [a.data.title for a in picker.list.table.rows_model.rows]
            == ["Resetting the controller"]
        )
    )
    qtbot.mouseClick(picker.insert_button, Qt.MouseButton.LeftButton)
    assert dialog.reply_text.toPlainText() == "Hello,\nHold RESET for ten seconds."
    qtbot.mouseClick(dialog.reply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ticket.first_response_at is not None)

    qtbot.mouseClick(dialog.article_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(dialog.sub_dialog, ArticleDialog))
    editor = dialog.sub_dialog
    assert editor.title.text() == "Controller hangs"
    assert editor.body.toPlainText() == "Hello,\nHold RESET for ten seconds."
    editor.title.setText("When the controller hangs")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.saved is not None)
    titles = [a.data.title for a in knowledge.search_articles(ws, "controller")]
    assert sorted(titles) == ["Resetting the controller", "When the controller hangs"]
    dialog.reject()


def test_knowledge_base_view_writes_articles_through_operations(qtbot, ws, make_window) -> None:
    window = _service(qtbot, make_window)
    kb = window.service.knowledge
    window.service.views.setCurrentWidget(kb)
    qtbot.waitUntil(lambda: kb.count.text() == "0 articles")
    editor = kb.edit(None)
    qtbot.keyClicks(editor.title, "Invoice corrections")
    editor.tags.setText("billing， invoice")
    qtbot.keyClicks(editor.body, "Send the red-letter invoice first.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kb.count.text() == "1 article")
    assert kb.list.selected().data.tags == ("billing", "invoice")
    assert "red-letter" in kb.list.preview.toPlainText()


def test_my_overdue_count_and_the_moment_one_goes_overdue(qtbot, ws, make_window) -> None:
    _ticket(ws, "Long late", Priority.URGENT, timedelta(hours=10), mine=True)
    _ticket(ws, "Not mine", Priority.URGENT, timedelta(hours=10))
    # Urgent: the first response is due an hour after opening, here 2 seconds from now.
    _ticket(ws, "Due now", Priority.URGENT, timedelta(hours=1) - timedelta(seconds=2), mine=True)
    window = make_window()
    label = window.overdue
    qtbot.waitUntil(lambda: label.text() == "1 overdue ticket of mine")
    assert label.timer.isActive() and label.timer.remainingTime() <= 4000
    with qtbot.waitSignal(label.wentOverdue, timeout=10_000) as went:
        pass
    assert went.args == [1]
    assert label.text() == "2 overdue tickets of mine"
    assert "went overdue" in window.statusBar().currentMessage()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.service
    queue = window.service.queue
    qtbot.waitUntil(lambda: len(queue.table.rows_model.rows) == 3)
    assert queue.filter().queue is Queue.OVERDUE


@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_the_service_tab_in_chinese(qtbot, ws, make_window, language) -> None:
    _ticket(ws, "晚了", Priority.URGENT, timedelta(hours=10))
    window = _service(qtbot, make_window)
    queue = window.service.queue
    qtbot.waitUntil(lambda: len(queue.table.rows_model.rows) == 1)
    model = queue.table.rows_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "剩余时间" in headers
    texts = [model.index(0, c).data() for c in range(model.columnCount())]
    assert "维修" in texts and "紧急" in texts
    assert any("超时" in t for t in texts)
    assert window.service.views.tabText(1) == "知识库"


def test_response_time_targets_are_set_in_their_dialog(qtbot, ws, make_window) -> None:
    window = _service(qtbot, make_window)
    qtbot.mouseClick(window.service.queue.targets_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in window.service.findChildren(TargetsDialog))
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    first, resolution = dialog.cells[(TicketKind.COMPLAINT, Priority.URGENT)]
    assert (first.value(), resolution.value()) == (1, 8)  # the defaults
    resolution.setValue(4)
    dialog.channel_cells[Channel.EMAIL][0].setValue(12)  # an e-mail unanswered 12 h
    dialog.business.setChecked(True)
    dialog.holidays.setText("2027-01-01，2027-02-16")
    dialog.return_visit.setValue(7)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    rules = service_config.sla_rules(ws)
    assert SlaRule(TicketKind.COMPLAINT, Priority.URGENT, 3600, 4 * 3600) in rules
    assert SlaRule(None, None, 12 * 3600, 0, Channel.EMAIL) in rules
    saved = service_config.service_settings(ws)
    assert saved.business_hours and saved.return_visit_days == 7
    assert saved.holidays == {date(2027, 1, 1), date(2027, 2, 16)}
