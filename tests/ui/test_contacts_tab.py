"""Driving the Contacts tab as a user does: search, sort, open, log a call, edit, conflicts."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from crm_desktop.domain.records import (
    CompanyData,
    ContactData,
    Grade,
    ListFilter,
    RecordKind,
    TaskData,
)
from crm_desktop.services import contacts as cs
from crm_desktop.services import timeline as tl
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.contacts.tab import VIEW_TASKS
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.widgets.palette import OVERDUE
from tests.ui.dialogs import answer_next_box


def fill(ws: Workspace) -> None:
    acme = cs.create_company(ws, CompanyData(name="Acme Trading", city="Shanghai", grade=Grade.A))
    tea = cs.create_company(ws, CompanyData(name="西湖茶叶", city="杭州", grade=Grade.B))
    cs.create_contact(ws, ContactData(name="张伟", company_id=tea.id, mobile="13800138000"))
    cs.create_contact(ws, ContactData(name="Anna Lee", company_id=acme.id, title="Buyer"))
    cs.create_contact(ws, ContactData(name="Bob Stone", email="bob@stone.io"))


def type_with_input_method(widget: QWidget, text: str) -> None:
    """Chinese arrives from an input method as committed text, not as key presses."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def open_row(qtbot, ws: Workspace, make_window, row: int):  # type: ignore[no-untyped-def]
    """The window over the sample data, with contact ``row`` open in the detail pane."""
    fill(ws)
    window = make_window()
    tab = window.contacts
    tab.table.selectRow(row)
    qtbot.waitUntil(lambda: tab.detail.record is not None)
    return window, tab


def shown_names(window: MainWindow) -> list[str]:
    model = window.contacts.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_search_box_filters_the_list_as_you_type(qtbot, ws, make_window) -> None:
    fill(ws)
    window = make_window()
    assert shown_names(window) == ["Anna Lee", "Bob Stone", "张伟"]
    qtbot.keyClicks(window.contacts.search, "zhang")
    qtbot.waitUntil(lambda: shown_names(window) == ["张伟"])
    assert "1" in window.contacts.count_label.text()
    window.contacts.search.clear()
    qtbot.keyClicks(window.contacts.search, "0013")
    qtbot.waitUntil(lambda: shown_names(window) == ["张伟"])
    window.contacts.search.clear()
    qtbot.waitUntil(lambda: len(shown_names(window)) == 3)


def test_ctrl_f_focuses_search(qtbot, ws, make_window) -> None:
    window = make_window()
    qtbot.keyClick(window.contacts.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.contacts.search.hasFocus())


def test_clicking_a_header_sorts_in_sql(qtbot, ws, make_window) -> None:
    fill(ws)
    window = make_window()
    header = window.contacts.table.horizontalHeader()
    company_col = window.contacts.model.columns.index("company")
    x = header.sectionViewportPosition(company_col) + 5
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5)
    )
    qtbot.waitUntil(lambda: window.contacts.model.filter.sort == "company")
    # No company first, then Acme, then 西湖 (xi hu): pinyin order among Latin names.
    assert shown_names(window) == ["Bob Stone", "Anna Lee", "张伟"]
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5)
    )
    qtbot.waitUntil(lambda: window.contacts.model.filter.descending)
    assert shown_names(window) == ["张伟", "Anna Lee", "Bob Stone"]


def test_selecting_a_row_opens_the_contact(qtbot, ws, make_window) -> None:
    fill(ws)
    window = make_window()
    tab = window.contacts
    tab.table.selectRow(2)
    qtbot.waitUntil(lambda: tab.detail.title.text().startswith("张伟"))
    assert "西湖茶叶" in tab.detail.title.text()
    assert tab.detail.contact_form.fields["mobile"].text() == "13800138000"
    assert not tab.detail.save_button.isEnabled()  # nothing changed yet


def test_log_a_call_in_two_clicks(qtbot, ws, make_window) -> None:
    _, tab = open_row(qtbot, ws, make_window, 0)
    qtbot.mouseClick(
        tab.detail.timeline.quick[next(iter(tab.detail.timeline.quick))], Qt.MouseButton.LeftButton
    )  # click 1: "Call"
    dialog = tab.detail.timeline.findChild(QDialog)
    qtbot.waitUntil(lambda: dialog.isVisible())
    qtbot.keyClicks(dialog.subject, "Asked for a quote")
    save = dialog.buttons.buttons()[0]
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)  # click 2: "Save"
    qtbot.waitUntil(lambda: tab.detail.timeline.tree.topLevelItemCount() == 1)
    item = tab.detail.timeline.tree.topLevelItem(0)
    assert item.text(2) == "Asked for a quote" and item.text(3) == "Tester"
    anna = tab.detail.record
    [saved] = tl.timeline(ws, contact_id=anna.id)
    assert saved.data.subject == "Asked for a quote"
    assert saved.data.company_id == anna.data.company_id  # also on the company's timeline


def test_edit_and_save_updates_the_list_row_in_place(qtbot, ws, make_window) -> None:
    _, tab = open_row(qtbot, ws, make_window, 0)
    title: QLineEdit = tab.detail.contact_form.fields["title"]
    title.clear()
    qtbot.keyClicks(title, "Head of Purchasing")
    assert tab.detail.save_button.isEnabled()
    qtbot.mouseClick(tab.detail.save_button, Qt.MouseButton.LeftButton)
    title_col = tab.model.columns.index("title")
    qtbot.waitUntil(lambda: tab.model.index(0, title_col).data() == "Head of Purchasing")
    assert cs.get_contact(ws, tab.detail.record.id).data.title == "Head of Purchasing"
    assert not tab.detail.save_button.isEnabled()


def test_invalid_email_is_shown_next_to_the_field_and_blocks_save(qtbot, ws, make_window) -> None:
    _, tab = open_row(qtbot, ws, make_window, 1)
    email: QLineEdit = tab.detail.contact_form.fields["email"]
    email.clear()
    qtbot.keyClicks(email, "bob@")
    error = tab.detail.contact_form.findChild(QLabel, "error_email")
    assert error.isVisible() and error.text()
    assert not tab.detail.save_button.isEnabled()
    qtbot.keyClicks(email, "stone.io")
    assert not error.isVisible()


def test_saving_over_a_colleagues_change_shows_who_and_offers_reload(
    qtbot, ws, colleague, make_window
) -> None:
    _, tab = open_row(qtbot, ws, make_window, 0)
    anna = tab.detail.record
    # Meanwhile, a colleague on the shared drive edits the same contact.
    cs.update_contact(
        colleague,
        anna.id,
        anna.stamp.version,
        ContactData(name="Anna Lee", company_id=anna.data.company_id, title="Procurement lead"),
    )
    title: QLineEdit = tab.detail.contact_form.fields["title"]
    title.clear()
    qtbot.keyClicks(title, "My version")
    seen: list[str] = []
    answer_next_box("Reload", seen)
    qtbot.mouseClick(tab.detail.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen))
    assert "Colleague" in seen[0] and "changed" in seen[0]
    qtbot.waitUntil(lambda: title.text() == "Procurement lead")
    assert cs.get_contact(ws, anna.id).data.title == "Procurement lead"  # not overwritten


def test_keep_editing_after_a_conflict_keeps_the_users_text(
    qtbot, ws, colleague, make_window
) -> None:
    window, tab = open_row(qtbot, ws, make_window, 0)
    anna = tab.detail.record
    cs.update_contact(colleague, anna.id, 1, ContactData(name="Anna Lee", title="Theirs"))
    title: QLineEdit = tab.detail.contact_form.fields["title"]
    title.clear()
    qtbot.keyClicks(title, "Mine")
    seen: list[str] = []
    answer_next_box("Keep editing", seen)
    qtbot.mouseClick(tab.detail.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen))
    assert title.text() == "Mine"
    assert tab.detail.banner.isVisible() and "Colleague" in tab.detail.banner.text()
    # closing the window with unsaved edits asks first; answer "Discard" to finish the test
    answer_next_box("Discard", seen)
    window.close()
    qtbot.waitUntil(lambda: len(seen) == 2)


def test_new_contact_with_keyboard_shortcuts(qtbot, ws, make_window) -> None:
    window = make_window()
    tab = window.contacts
    window.new_contact.trigger()
    name: QLineEdit = tab.detail.contact_form.fields["name"]
    qtbot.waitUntil(name.hasFocus)
    assert not tab.detail.save_button.isEnabled()
    type_with_input_method(name, "刘洋")
    qtbot.keyClicks(tab.detail.contact_form.fields["mobile"], "139 1234 5678")
    qtbot.keyClick(name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shown_names(window) == ["刘洋"])
    assert tab.detail.record is not None and tab.detail.record.data.mobile == "139 1234 5678"
    qtbot.waitUntil(lambda: "1 contact" in window.totals.text())


def test_delete_goes_to_trash_and_undo_restores(qtbot, ws, make_window) -> None:
    window, tab = open_row(qtbot, ws, make_window, 1)
    qtbot.mouseClick(tab.detail.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Lee", "张伟"])
    qtbot.waitUntil(window.undo_action.isEnabled)  # once the delete's operation has ended
    qtbot.mouseClick(tab.trash, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown_names(window) == ["Bob Stone"])
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: tab.detail.restore_button.isVisible())
    qtbot.mouseClick(tab.trash, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown_names(window)) == 2)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Lee", "Bob Stone", "张伟"])


def test_companies_view_and_people_of_a_company(qtbot, ws, make_window) -> None:
    fill(ws)
    window = make_window()
    tab = window.contacts
    qtbot.mouseClick(tab.view_buttons.button(1), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.kind is RecordKind.COMPANY)
    assert shown_names(window) == ["Acme Trading", "西湖茶叶"]
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: tab.detail.kind is RecordKind.COMPANY)
    assert tab.detail.people.topLevelItemCount() == 1
    assert tab.detail.people.topLevelItem(0).text(0) == "Anna Lee"
    tab.grade.setCurrentIndex(tab.grade.findData("B"))
    qtbot.waitUntil(lambda: shown_names(window) == ["西湖茶叶"])


def test_my_tasks_shows_overdue_in_red_and_ticking_completes(qtbot, ws, make_window) -> None:
    fill(ws)
    today = date.today()
    tl.add_task(ws, TaskData("Send quote", today - timedelta(days=2), contact_id=1))
    tl.add_task(ws, TaskData("Call back", today, contact_id=2))
    tl.add_task(ws, TaskData("Later", today + timedelta(days=5), contact_id=2))
    window = make_window()
    tab = window.contacts
    qtbot.mouseClick(tab.view_buttons.button(2), Qt.MouseButton.LeftButton)
    tree = tab.my_tasks.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2)
    overdue = tree.topLevelItem(0)
    assert overdue.text(0) == "Send quote"
    assert overdue.foreground(0).color() == OVERDUE
    assert "1 overdue" in tab.my_tasks.summary.text()
    overdue.setCheckState(0, Qt.CheckState.Checked)
    # saved in the background: it stays in view struck through, so a mis-click can be undone
    qtbot.waitUntil(lambda: overdue.font(0).strikeOut())
    assert [t.data.title for t in tl.my_tasks(ws, today)] == ["Call back"]
    overdue.setCheckState(0, Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: not overdue.font(0).strikeOut())
    assert [t.data.title for t in tl.my_tasks(ws, today)] == ["Send quote", "Call back"]
    overdue.setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: overdue.font(0).strikeOut())
    window.refresh_action.trigger()
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 1)


def test_list_loads_lazily_page_by_page(qtbot, ws, make_window) -> None:
    for i in range(450):
        cs.create_contact(ws, ContactData(name=f"Person {i:03d}"))
    window = make_window()
    model = window.contacts.model
    assert model.rowCount() == 200
    # more than a page: counted off the GUI thread, the status says so meanwhile
    qtbot.waitUntil(lambda: model.total == 450)
    assert "450 contacts" in window.contacts.count_label.text()
    window.contacts.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > 200)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 450
    assert model.index(449, 0).data() == "Person 449"


def test_window_layout_is_remembered(qtbot, ws, settings: QSettings, make_window) -> None:
    fill(ws)
    window = make_window()
    window.resize(760, 540)  # the offscreen test screen is 800 x 600
    window.contacts.table.setColumnWidth(0, 222)
    window.tabs.setCurrentIndex(3)
    window.contacts.set_view(VIEW_TASKS)
    window.close()
    again = make_window()
    assert again.tabs.currentIndex() == 3
    assert again.contacts.current_view() == VIEW_TASKS
    assert again.contacts.table.columnWidth(0) == 222
    assert again.size().width() == 760


def test_status_bar_counts_records(qtbot, ws, make_window) -> None:
    fill(ws)
    window = make_window()
    qtbot.waitUntil(lambda: "3 contacts" in window.totals.text())
    assert "2 companies" in window.totals.text()
    assert cs.count(ws, RecordKind.CONTACT, ListFilter()) == 3


def test_every_tab_is_a_real_screen(qtbot, ws, make_window) -> None:
    window = make_window()
    assert window.tabs.widget(2) is window.service
    assert window.tabs.widget(3) is window.reports


def test_buttons_exist(qtbot, ws, make_window) -> None:
    window = make_window()
    assert window.contacts.detail.findChild(QPushButton, "save") is not None


def test_demo_data_fills_in_the_background_and_the_list_follows(qtbot, ws, make_window) -> None:
    window = make_window()
    assert window.contacts.model.rowCount() == 0
    op = window.fill_demo(300, seed=3)
    assert op.dialog is not None  # a progress dialog with Cancel
    qtbot.waitUntil(lambda: window.contacts.model.rowCount() == 200, timeout=30_000)
    qtbot.waitUntil(lambda: "300 contacts" in window.totals.text())
    assert "75 companies" in window.totals.text()
    # the filters offer the demo's salespeople and industries
    qtbot.waitUntil(lambda: window.contacts.owner.count() > 3)


def test_export_writes_what_the_list_shows(qtbot, ws, make_window, tmp_path) -> None:
    import openpyxl

    fill(ws)
    window = make_window()
    qtbot.keyClicks(window.contacts.search, "zhang")
    qtbot.waitUntil(lambda: shown_names(window) == ["张伟"])
    out = tmp_path / "view.xlsx"
    window.export_to(out)
    qtbot.waitUntil(out.exists)
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["张伟"]
    qtbot.waitUntil(lambda: "Exported 1 contact" in window.statusBar().currentMessage())
    # a selection of several rows exports just those
    window.contacts.search.clear()
    qtbot.waitUntil(lambda: len(shown_names(window)) == 3)
    ids = [window.contacts.model.record_id(r) for r in (0, 1)]
    out2 = tmp_path / "selection.csv"
    window.export_to(out2, ids)
    qtbot.waitUntil(out2.exists)
    text = out2.read_text(encoding="utf-8-sig")
    assert "Anna Lee" in text and "Bob Stone" in text and "张伟" not in text
