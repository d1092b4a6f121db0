"""Contacts writes through operations: a save waits its turn behind another write without
freezing the window, "Save first?" goes on once saved, and a logged entry can be corrected
or deleted from the timeline."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from crm_desktop.domain.pipeline import OpportunityData
from crm_desktop.domain.records import ActivityData, ActivityKind, CompanyData
from crm_desktop.services import contacts as cs
from crm_desktop.services import pipeline as ps
from crm_desktop.services import timeline as tl
from crm_desktop.ui import operations
from crm_desktop.ui.widgets.activity_dialog import ActivityDialog
from tests.ui.dialogs import answer_next_box
from tests.ui.test_contacts_tab import open_row


@pytest.fixture
def held_queue() -> Iterator[threading.Event]:
    """A long write holding the single-writer queue until the test sets the event."""
    release = threading.Event()
    operations.write(None, lambda: release.wait(10)).run()
    yield release
    release.set()


def test_a_save_behind_a_long_write_waits_without_freezing_the_window(
    qtbot, ws, make_window, held_queue
) -> None:
    _, tab = open_row(qtbot, ws, make_window, 0)
    anna = tab.detail.record
    title: QLineEdit = tab.detail.contact_form.fields["title"]
    title.clear()
    qtbot.keyClicks(title, "Queued")
    qtbot.mouseClick(tab.detail.save_button, Qt.MouseButton.LeftButton)
    assert not tab.detail.save_button.isEnabled()  # saving: not twice
    assert not tab.detail.contact_form.isEnabled()  # the saved record will replace it
    # The window still answers while the save waits: the user switches to Companies.
    qtbot.mouseClick(tab.view_buttons.button(1), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    assert cs.get_contact(ws, anna.id).data.title == "Buyer"  # not yet: it waits its turn
    held_queue.set()
    qtbot.waitUntil(lambda: cs.get_contact(ws, anna.id).data.title == "Queued")
    qtbot.waitUntil(lambda: tab.detail.record.data.title == "Queued")
    assert tab.detail.record.stamp.version > anna.stamp.version
    assert tab.detail.contact_form.isEnabled() and not tab.detail.has_unsaved_changes()
    assert not tab.detail.save_button.isEnabled()  # saved, nothing left to save


def test_save_first_saves_then_opens_the_row_picked(qtbot, ws, make_window) -> None:
    _, tab = open_row(qtbot, ws, make_window, 0)
    anna = tab.detail.record
    title: QLineEdit = tab.detail.contact_form.fields["title"]
    title.clear()
    qtbot.keyClicks(title, "Saved first")
    seen: list[str] = []
    answer_next_box("Save", seen)
    tab.table.selectRow(1)
    qtbot.waitUntil(lambda: tab.detail.record is not None and tab.detail.record.id != anna.id)
    assert "Save your changes" in seen[0]
    assert tab.detail.title.text() == "Bob Stone"
    assert cs.get_contact(ws, anna.id).data.title == "Saved first"


def _log_call(ws, contact_id: int, subject: str) -> int:  # type: ignore[no-untyped-def]
    contact = cs.get_contact(ws, contact_id)
    data = ActivityData(
        ActivityKind.CALL,
        subject,
        datetime(2026, 11, 2, 9, 30, tzinfo=UTC),
        company_id=contact.data.company_id,
        contact_id=contact_id,
        user_id=ws.user.id,
    )
    return tl.log_activity(ws, data)


def _open_with_calls(qtbot, ws, make_window, *subjects: str):  # type: ignore[no-untyped-def]
    window, tab = open_row(qtbot, ws, make_window, 0)
    anna = tab.detail.record
    for subject in subjects:
        _log_call(ws, anna.id, subject)
    timeline = tab.detail.timeline
    timeline.refresh()
    timeline.tree.setCurrentItem(timeline.tree.topLevelItem(0))
    assert timeline.edit_button.isEnabled() and timeline.delete_button.isEnabled()
    return window, tab, timeline


def test_correct_a_logged_calls_subject(qtbot, ws, make_window) -> None:
    _, tab, timeline = _open_with_calls(qtbot, ws, make_window, "Asked for a quote")
    qtbot.mouseClick(timeline.edit_button, Qt.MouseButton.LeftButton)
    dialog = timeline.findChild(ActivityDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "Edit activity"
    assert dialog.subject.text() == "Asked for a quote"
    dialog.subject.clear()
    qtbot.keyClicks(dialog.subject, "Asked for a quote for 40 units")
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: timeline.tree.topLevelItem(0).text(2) == "Asked for a quote for 40 units"
    )
    assert timeline.tree.topLevelItemCount() == 1
    [saved] = tl.timeline(ws, contact_id=tab.detail.record.id)
    assert saved.data.subject == "Asked for a quote for 40 units"
    assert saved.data.kind is ActivityKind.CALL and saved.version == 2


def test_delete_a_logged_entry_after_confirming(qtbot, ws, make_window) -> None:
    _, tab, timeline = _open_with_calls(qtbot, ws, make_window, "Wrong number", "Real call")
    subject = timeline.tree.topLevelItem(0).text(2)
    seen: list[str] = []
    answer_next_box("Yes", seen)
    qtbot.mouseClick(timeline.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: timeline.tree.topLevelItemCount() == 1)
    assert subject in seen[0]
    left = [a.data.subject for a in tl.timeline(ws, contact_id=tab.detail.record.id)]
    assert subject not in left and len(left) == 1


def test_correcting_over_a_colleagues_edit_says_who_changed_it(
    qtbot, ws, colleague, make_window
) -> None:
    _, tab, timeline = _open_with_calls(qtbot, ws, make_window, "Call")
    qtbot.mouseClick(timeline.edit_button, Qt.MouseButton.LeftButton)
    dialog = timeline.findChild(ActivityDialog)
    qtbot.waitUntil(dialog.isVisible)
    # Meanwhile a colleague corrects the same entry.
    [theirs] = tl.timeline(colleague, contact_id=tab.detail.record.id)
    tl.update_activity(
        colleague, theirs.id, theirs.version, ActivityData(**{
            **{f: getattr(theirs.data, f) for f in ActivityData.__slots__},
            "subject": "Their subject",
        }),
    )  # fmt: skip
    dialog.subject.end(False)
    qtbot.keyClicks(dialog.subject, " (mine)")
    seen: list[str] = []
    answer_next_box("OK", seen)
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen))
    assert "Colleague" in seen[0] and "changed" in seen[0]
    assert dialog.isVisible() and dialog.subject.text() == "Call (mine)"  # keep editing
    [kept] = tl.timeline(ws, contact_id=tab.detail.record.id)
    assert kept.data.subject == "Their subject"  # not overwritten
    dialog.reject()


def test_a_customers_deal_opens_in_the_pipeline_screens(qtbot, ws, make_window, monkeypatch):  # type: ignore[no-untyped-def]
    """The Contacts screens do not import the Pipeline ones: the detail pane asks, the main
    window opens the deal dialog."""
    from crm_desktop.ui.pipeline.deal_dialog import DealDialog

    stages = ps.ensure_stages(ws, "en")
    acme = cs.create_company(ws, CompanyData(name="Acme Trading"))
    erp = ps.create_opportunity(ws, OpportunityData("ERP upgrade", stages[0].id, acme.id))
    opened: list[tuple[int | None, str]] = []
    monkeypatch.setattr(DealDialog, "exec", lambda self: opened.append((self.deal_id, "open")))
    window = make_window()
    window.contacts.open_record("company", acme.id)
    deals = window.contacts.detail.deals
    qtbot.waitUntil(lambda: deals.count() == 1)
    deals.tree.itemDoubleClicked.emit(deals.tree.topLevelItem(0), 0)
    assert opened == [(erp.id, "open")]
    qtbot.mouseClick(deals.findChild(QPushButton, "new_company_deal"), Qt.MouseButton.LeftButton)
    assert opened[1] == (None, "open")
