"""File > Import history: the imports listed, and one undone from the window."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt

from crm_desktop.domain.records import ContactData, ListFilter, RecordKind
from crm_desktop.services import contacts as cs
from crm_desktop.services import importing
from tests.ui.dialogs import answer_next_box


def sheet(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_undo_an_import_from_the_history(qtbot, ws, make_window, tmp_path) -> None:
    anna = cs.create_contact(ws, ContactData(name="Anna Lee", email="anna@acme.com"))
    path = sheet(
        tmp_path / "list.xlsx",
        [["Name", "E-mail", "Mobile"], ["Anna Lee", "anna@acme.com", "13900001111"],
         ["张伟", "zw@tea.cn", "13800138000"]],
    )  # fmt: skip
    importing.import_file(ws, path, options=importing.ImportOptions(on_duplicate="update"))
    window = make_window()
    qtbot.waitUntil(lambda: window.contacts.model.rowCount() == 2)
    dialog = window.import_history()
    table = dialog.table
    qtbot.waitUntil(lambda: table.rowCount() == 1)  # read in the background
    assert table.item(0, 1).text() == "list.xlsx" and table.item(0, 4).text() == "1"
    assert dialog.undo_button.isEnabled()
    seen: list[str] = []
    answer_next_box("Yes", seen)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Undone" in table.item(0, 8).text())
    assert "list.xlsx" in seen[0]
    assert not dialog.undo_button.isEnabled()  # once only
    qtbot.waitUntil(lambda: window.contacts.model.rowCount() == 1)  # the list follows
    assert cs.get_contact(ws, anna.id).data.mobile == ""  # its old value back
    assert cs.count(ws, RecordKind.CONTACT, ListFilter()) == 1
    assert "1 record removed" in dialog.last_message.text()
    dialog.last_message.close()
    dialog.close()
