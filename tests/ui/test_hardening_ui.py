"""Issue 11 in the window: a read-only file shows a banner and offers no editing; a search of
punctuation alone says what to type."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from crm_desktop.domain.records import ContactData, ListFilter, RecordKind
from crm_desktop.services import contacts as cs
from crm_desktop.services.workspace import Workspace, open_workspace
from crm_desktop.ui.main_window import MainWindow
from tests.ui.dialogs import answer_next_box


@pytest.fixture
def read_only_ws(tmp_path: Path) -> Iterator[Workspace]:
    path = tmp_path / "shared.db"
    ws = open_workspace(path, "Tester")
    cs.create_contact(ws, ContactData(name="陈静", mobile="13712345678"))
    ws.close()
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # as a read-only share shows it
    ws = open_workspace(path, "Tester", create=False)
    yield ws
    ws.close()
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def window_over(qtbot, ws: Workspace, settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ws, settings)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    return window


def test_a_read_only_file_shows_a_banner_and_disables_editing(qtbot, read_only_ws, settings):
    window = window_over(qtbot, read_only_ws, settings)
    banner = window.read_only_banner
    assert banner is not None and banner.isVisible()
    assert "Read-only" in banner.text() and read_only_ws.display_name in banner.text()
    names = {a.objectName(): a.isEnabled() for a in window.write_actions()}
    assert names == {
        "new_contact": False, "new_company": False, "import": False, "delete": False,
        "undo": False,
    }  # fmt: skip
    assert window.export_action.isEnabled() and window.backup_action.isEnabled()
    qtbot.waitUntil(lambda: window.contacts.model.rowCount() == 1)  # reading works


def test_a_write_tried_anyway_says_read_only_and_changes_nothing(qtbot, read_only_ws, settings):
    window = window_over(qtbot, read_only_ws, settings)
    seen: list[str] = []
    answer_next_box("OK", seen)
    window.fill_demo(5, seed=1)  # the demo data the app offers: a write
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen[0].startswith(f"{read_only_ws.display_name} is read-only: nothing was changed.")
    assert cs.count(read_only_ws, RecordKind.CONTACT, ListFilter()) == 1


def test_a_window_without_read_only_has_no_banner(qtbot, make_window):
    window = make_window()
    assert window.read_only_banner is None
    assert all(a.isEnabled() for a in window.write_actions() if a.objectName() != "undo")


def test_punctuation_alone_asks_for_a_letter_or_digit(qtbot, ws, make_window):
    cs.create_contact(ws, ContactData(name="陈静"))
    window = make_window()
    qtbot.waitUntil(lambda: window.contacts.model.rowCount() == 1)
    qtbot.keyClicks(window.contacts.search, "%")
    qtbot.waitUntil(lambda: window.contacts.model.rowCount() == 0)
    qtbot.waitUntil(lambda: "at least one letter or digit" in window.list_status.text())
    window.contacts.search.clear()
    qtbot.keyClicks(window.contacts.search, "chen")
    qtbot.waitUntil(lambda: window.contacts.model.rowCount() == 1)
    assert "letter or digit" not in window.list_status.text()
