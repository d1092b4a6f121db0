"""The import wizard driven as a user does: a messy workbook, its columns, a check, the import."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QProgressDialog, QPushButton, QWizard

from crm_desktop.domain.records import ContactData, ListFilter, RecordKind
from crm_desktop.services import contacts as cs
from crm_desktop.services import importing
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.importing.wizard import (
    PAGE_COLUMNS,
    PAGE_OPTIONS,
    PAGE_RESULT,
    ImportWizard,
    mapping_setting,
)

HEADERS = ["客户名称", "联系人", "手机", "邮箱", "城市"]
HOLD = 5.0  # seconds a held job waits for the test at most


def workbook(path: Path, rows: list[list[object]]) -> Path:
    """A list as offices send them: a merged title row and a blank row above the headers."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "客户"
    sheet.append(["2024年客户名单"])
    sheet.merge_cells("A1:E1")
    sheet.append([])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    return workbook(
        tmp_path / "客户名单.xlsx",
        [
            ["杭州西湖茶叶有限公司", "张伟", 13800138000, "ZW@Tea.cn", "杭州"],
            ["杭州西湖茶叶有限公司", "李娜", "139 1234 5678", "lina@tea.cn", "杭州"],
            ["上海申通", "王强", "13700137000", "bad@@mail", "上海"],  # row 6: bad e-mail
            ["北京华为", "赵敏", "13600136000", "zm@hw.cn", "北京"],
            [None, None, None, None, "上海"],  # row 8: nothing to name a record by
        ],
    )


def names(ws: Workspace) -> list[str]:
    rows = cs.list_page(ws, RecordKind.CONTACT, ListFilter(), limit=100).rows
    return [str(r[1]) for r in rows]


def contact(ws: Workspace, name: str) -> ContactData:
    rows = cs.list_page(ws, RecordKind.CONTACT, ListFilter(), limit=100).rows
    found = next(int(r[0]) for r in rows if r[1] == name)  # type: ignore[call-overload]
    return cs.get_contact(ws, found).data


def click(qtbot, wizard: QWizard, which: QWizard.WizardButton) -> None:  # type: ignore[no-untyped-def]
    button = wizard.button(which)
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_wizard(qtbot, ws: Workspace, settings: QSettings) -> ImportWizard:  # type: ignore[no-untyped-def]
    wizard = ImportWizard(ws, settings)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def choose_file(qtbot, wizard: ImportWizard, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Type the path (as pasting it would), wait until it is read, go to the columns."""
    wizard.file_page.path_edit.setText(str(path))
    qtbot.waitUntil(wizard.file_page.isComplete)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PAGE_COLUMNS


def targets(wizard: ImportWizard) -> dict[str, str]:
    """Each header and the field its combo box says."""
    return {
        header: combo.currentData()
        for header, combo in zip(wizard.loaded.headers, wizard.columns_page.combos, strict=True)
    }


def combo_for(wizard: ImportWizard, header: str) -> QComboBox:
    return wizard.columns_page.combos[wizard.loaded.headers.index(header)]


def run_check(qtbot, wizard: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    page = wizard.options_page
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.is_checked)


def counts(wizard: ImportWizard, prefix: str) -> tuple[str, ...]:
    return tuple(
        wizard.findChild(QLabel, f"{prefix}_{action}").text()
        for action in ("create", "update", "skip", "fail", "warn")
    )


def import_messy(qtbot, wizard: ImportWizard, path: Path) -> None:  # type: ignore[no-untyped-def]
    """File, columns (城市 skipped), check, import; waits until the import is over."""
    choose_file(qtbot, wizard, path)
    skip_city = combo_for(wizard, "城市")
    skip_city.setCurrentIndex(skip_city.findData("skip"))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    run_check(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.result_page.report is not None)


def hold_at(monkeypatch, step: str) -> None:  # type: ignore[no-untyped-def]
    """Make the import pause at ``step`` until it is cancelled: time for the test to cancel."""
    real = importing.import_file

    def held(ws, path, mapping=None, options=None, progress=None, cancelled=None):  # type: ignore[no-untyped-def]
        assert progress is not None and cancelled is not None

        def report(done: int, total: int, name: str) -> None:
            progress(done, total, name)
            if name == step:
                pause = threading.Event()
                for _ in range(int(HOLD / 0.005)):
                    if cancelled():
                        break
                    pause.wait(0.005)

        return real(ws, path, mapping, options, report, cancelled)

    monkeypatch.setattr(importing, "import_file", held)


def cancel_progress(qtbot, wizard: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    """Click Cancel in the progress dialog of the running operation."""

    def shown() -> QProgressDialog | None:
        for dialog in wizard.findChildren(QProgressDialog):
            if dialog.isVisible():
                return dialog
        return None

    qtbot.waitUntil(lambda: shown() is not None)
    dialog = shown()
    assert dialog is not None
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)


# -- the whole way, from the File menu ---------------------------------------------------------
def test_import_a_messy_sheet_from_the_file_menu(qtbot, ws, settings, make_window, messy) -> None:
    window = make_window()
    action = window.findChild(QAction, "import")
    assert action.shortcut().toString() == "Ctrl+I"
    action.trigger()
    wizard = window.findChild(ImportWizard, "import_wizard")
    assert wizard is not None
    qtbot.waitUntil(wizard.isVisible)

    # 1. the file: the sheet holding data is chosen
    wizard.file_page.path_edit.setText(str(messy))
    qtbot.waitUntil(wizard.file_page.isComplete)
    assert wizard.file_page.sheet_combo.currentText() == "客户"
    assert "row 3" in wizard.file_page.status.text()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    # 2. the columns: found under the title and the blank row, and suggested from the headers
    page = wizard.columns_page
    assert page.header_label.text() == "Headers found in row 3"
    assert targets(wizard) == {
        "客户名称": "company",
        "联系人": "name",
        "手机": "mobile",
        "邮箱": "email",
        "城市": "city",
    }
    assert combo_for(wizard, "手机").currentText() == "Mobile"
    assert page.preview_headers() == ["Company", "Name", "Mobile", "E-mail", "City"]
    assert page.preview.item(0, 2).text() == "13800138000"  # a number cell, not 13800138000.0
    assert page.preview.verticalHeaderItem(0).text() == "4"  # rows as the spreadsheet numbers them
    city = combo_for(wizard, "城市")
    city.setCurrentIndex(city.findData("skip"))
    assert "City" not in page.preview_headers()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    # 3. the check: nothing can be imported before it
    assert wizard.currentId() == PAGE_OPTIONS
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "Import"
    run_check(qtbot, wizard)
    assert counts(wizard, "check") == ("4", "0", "0", "1", "1")
    problems = wizard.options_page.problems.rows()
    assert [(row, column) for row, column, _message in problems] == [(8, "联系人")]
    # 王强's bad e-mail does not lose him: it is a warning, kept in his notes
    warnings = wizard.options_page.warnings.rows()
    assert [w[:3] for w in warnings] == [(6, "邮箱", "bad@@mail")]
    assert "Warnings (1)" in [
        wizard.options_page.details.tabText(i) for i in range(wizard.options_page.details.count())
    ]
    assert names(ws) == []  # a check saves nothing

    # 4. the import
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.result_page.report is not None)
    assert wizard.currentId() == PAGE_RESULT
    assert counts(wizard, "result") == ("4", "0", "0", "1", "1")
    assert sorted(names(ws)) == sorted(["张伟", "李娜", "王强", "赵敏"])
    assert cs.count(ws, RecordKind.COMPANY, ListFilter()) == 3
    assert contact(ws, "王强").notes == "邮箱: bad@@mail"
    assert wizard.result_page.warnings.isVisible()
    assert [w[:3] for w in wizard.result_page.warnings.rows()] == [(6, "邮箱", "bad@@mail")]
    zhang = contact(ws, "张伟")
    assert (zhang.mobile, zhang.email) == ("13800138000", "zw@tea.cn")
    assert zhang.city == ""  # the skipped column
    failed = wizard.result_page.problems.rows()
    assert failed[0][:2] == (8, "联系人")
    assert wizard.result_page.save_button.isVisible()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()

    # the Contacts list of the main window shows them (pinyin order: li, wang, zhang, zhao)
    model = window.contacts.model
    qtbot.waitUntil(
        lambda: (
            [model.index(r, 0).data() for r in range(model.rowCount())]
            == ["李娜", "王强", "张伟", "赵敏"]
        )
    )
    qtbot.waitUntil(lambda: "4 contacts" in window.totals.text())
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    qtbot.waitUntil(lambda: window.findChild(ImportWizard) is None)  # deleted on close


def test_failed_rows_are_saved_with_their_row_and_reason(qtbot, ws, settings, messy, tmp_path):
    wizard = open_wizard(qtbot, ws, settings)
    import_messy(qtbot, wizard, messy)
    target = tmp_path / "failed.xlsx"
    wizard.result_page.save_failed_rows(target)
    qtbot.waitUntil(lambda: "Saved 1 row" in wizard.result_page.saved.text())
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0] == ("Row", *HEADERS, "Error")
    assert rows[1][:6] == (8, None, None, None, None, "上海")
    assert "No name" in rows[1][6]


def test_the_mapping_is_remembered_for_the_next_file_with_the_same_headers(
    qtbot, ws, settings, messy, tmp_path
) -> None:
    first = open_wizard(qtbot, ws, settings)
    import_messy(qtbot, first, messy)  # with 城市 skipped
    stored = json.loads(str(settings.value(mapping_setting(HEADERS))))
    assert stored["columns"]["城市"] == "skip"

    later = workbook(tmp_path / "三月.xlsx", [["深圳腾达", "陈晨", "13500135000", None, "深圳"]])
    second = open_wizard(qtbot, ws, settings)
    choose_file(qtbot, second, later)
    assert targets(second)["城市"] == "skip"
    assert targets(second)["手机"] == "mobile"
    assert "last time" in second.columns_page.remembered.text()


def test_an_unreadable_file_says_why_and_keeps_next_disabled(
    qtbot, ws, settings, tmp_path, messy
) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_text("<html>not a workbook</html>", encoding="utf-8")
    wizard = open_wizard(qtbot, ws, settings)
    page = wizard.file_page
    page.path_edit.setText(str(broken))
    qtbot.waitUntil(page.error.isVisible)
    # read by what it holds: a web page, but without a table of contacts
    assert "broken.xlsx is a web page without a table of data" in page.error.text()
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    page.path_edit.setText(str(tmp_path / "missing.xlsx"))
    qtbot.waitUntil(lambda: "does not exist" in page.error.text())
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    page.path_edit.setText(str(messy))  # a good file after all
    qtbot.waitUntil(lambda: wizard.button(QWizard.WizardButton.NextButton).isEnabled())
    assert not page.error.isVisible()


def test_cancelling_the_check_leaves_the_database_untouched(
    qtbot, ws, settings, messy, monkeypatch
) -> None:
    cs.create_contact(ws, ContactData(name="张伟", email="zw@tea.cn"))
    hold_at(monkeypatch, importing.STEP_CHECK)
    wizard = open_wizard(qtbot, ws, settings)
    choose_file(qtbot, wizard, messy)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.options_page
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    cancel_progress(qtbot, wizard)
    qtbot.waitUntil(lambda: page.status.text() == "The check was cancelled.")
    assert page.report is None
    assert counts(wizard, "check") == ("–", "–", "–", "–", "–")
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert page.check_button.isEnabled()  # can be run again
    assert names(ws) == ["张伟"]


def test_cancelling_the_import_changes_nothing(qtbot, ws, settings, messy, monkeypatch) -> None:
    hold_at(monkeypatch, importing.STEP_WRITE)
    wizard = open_wizard(qtbot, ws, settings)
    choose_file(qtbot, wizard, messy)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    run_check(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    page = wizard.result_page
    assert page.running
    # The wizard's own Cancel asks the import to stop, and the wizard stays to say so.
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text() == "Cancelled. Nothing was changed.")
    assert wizard.isVisible()
    assert page.report is None
    assert names(ws) == []
    assert cs.count(ws, RecordKind.COMPANY, ListFilter()) == 0
    assert settings.value(mapping_setting(HEADERS)) is None  # remembered only after an import
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_rows_matching_existing_contacts_are_skipped_or_updated(qtbot, ws, settings, messy) -> None:
    cs.create_contact(ws, ContactData(name="Zhang Wei", email="zw@tea.cn", city="苏州"))
    wizard = open_wizard(qtbot, ws, settings)
    choose_file(qtbot, wizard, messy)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.options_page
    assert not page.overwrite.isEnabled()  # only with Update
    run_check(qtbot, wizard)
    assert counts(wizard, "check") == ("3", "0", "1", "1", "1")

    page.dup_update.click()
    assert page.overwrite.isEnabled()
    # The earlier check was for other choices: Import waits for a new one.
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert "check again" in page.status.text()
    qtbot.mouseClick(page.overwrite, Qt.MouseButton.LeftButton)
    run_check(qtbot, wizard)
    assert counts(wizard, "check") == ("3", "1", "0", "1", "1")
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.result_page.report is not None)
    assert counts(wizard, "result") == ("3", "1", "0", "1", "1")
    # overwritten: the name too
    assert sorted(names(ws)) == sorted(["张伟", "李娜", "王强", "赵敏"])
    assert cs.count(ws, RecordKind.CONTACT, ListFilter()) == 4


def test_a_field_goes_to_one_column_and_a_name_is_needed(qtbot, ws, settings, messy) -> None:
    wizard = open_wizard(qtbot, ws, settings)
    choose_file(qtbot, wizard, messy)
    page = wizard.columns_page
    phone = combo_for(wizard, "城市")
    phone.setCurrentIndex(phone.findData("mobile"))
    assert targets(wizard)["手机"] == "skip"  # the column that had Mobile lets it go
    assert "“手机” is now skipped" in page.note.text()

    for header in ("客户名称", "联系人"):
        combo = combo_for(wizard, header)
        combo.setCurrentIndex(combo.findData("skip"))
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "Name" in page.note.text()
    first = combo_for(wizard, "联系人")
    first.setCurrentIndex(first.findData("first_name"))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_going_back_keeps_the_columns_as_chosen(qtbot, ws, settings, messy) -> None:
    wizard = open_wizard(qtbot, ws, settings)
    choose_file(qtbot, wizard, messy)
    city = combo_for(wizard, "城市")
    city.setCurrentIndex(city.findData("skip"))
    click(qtbot, wizard, QWizard.WizardButton.BackButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert targets(wizard)["城市"] == "skip"


@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_problems_are_shown_in_the_users_language(language) -> None:
    from crm_desktop.services.importing import RowError
    from crm_desktop.ui.importing.wizard import problem_text

    bad_email = RowError("客户", 6, "邮箱", "The part after the @-sign …", "invalid", "email")
    assert problem_text(bad_email) == "邮箱地址格式不正确。"
    bad_date = RowError("客户", 7, "生日", "'2023-13-45' is not a date", "cell", "birthday")
    assert "日期" in problem_text(bad_date)
    unknown = RowError("客户", 8, "", "Something else", "", "")
    assert problem_text(unknown) == "Something else"


def test_the_preview_shows_cells_as_the_import_takes_them(qtbot, ws, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A grade Z and an ID abc are marked in the preview, with the import's own reason, and
    the import rejects them; '=1+1 is previewed and imported without its apostrophe."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["客户名称", "联系人", "客户等级", "ID", "职位"])
    sheet.append(["甲公司", "张伟", "Z", "abc", "经理"])
    sheet.append(["乙公司", "李娜", "b", None, "'=1+1"])
    path = tmp_path / "list.xlsx"
    book.save(path)

    wizard = open_wizard(qtbot, ws, settings)
    choose_file(qtbot, wizard, path)
    assert list(targets(wizard).values()) == ["company", "name", "grade", "id", "title"]
    preview = wizard.columns_page.preview
    shown = [
        [(preview.item(r, c).text(), preview.item(r, c).toolTip()) for c in range(5)]
        for r in range(preview.rowCount())
    ]
    marked = {(r + 2, c) for r, row in enumerate(shown) for c, (_t, tip) in enumerate(row) if tip}
    assert marked == {(2, 2), (2, 3)}  # the grade and the ID of row 2
    assert shown[1][2] == ("B", "") and shown[1][4] == ("=1+1", "")

    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    run_check(qtbot, wizard)
    report = wizard.options_page.report
    assert report is not None
    # the cells the preview rejects are the import's warnings: kept in notes, not lost
    rejected = {(e.row, e.column, e.message) for e in report.warnings}
    assert rejected == {
        (2, "客户等级", shown[0][2][1]),
        (2, "ID", shown[0][3][1]),
    }
    assert report.errors == ()
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.result_page.report is not None)
    assert contact(ws, "李娜").title == "=1+1"
    assert contact(ws, "张伟").notes == "客户等级: Z\nID: abc"


@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_the_pages_keep_their_chinese(qtbot, ws, settings, messy, language) -> None:  # type: ignore[no-untyped-def]
    """The pages moved into modules of their own; their strings keep their translations."""
    wizard = open_wizard(qtbot, ws, settings)
    assert wizard.windowTitle() == "导入联系人"
    assert wizard.file_page.title() == "选择文件"
    choose_file(qtbot, wizard, messy)
    assert wizard.columns_page.title() == "设置列对应关系"
    assert combo_for(wizard, "城市").itemText(0) == "— 跳过此列 —"
    assert wizard.options_page.check_button.text() != "Check"
    assert wizard.result_page.title() != "Import"


def test_the_detail_pane_lists_a_contacts_extra_values(qtbot, ws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from crm_desktop.domain.records import RecordKind as Kind
    from crm_desktop.ui.contacts.detail import RecordDetail

    book = openpyxl.Workbook()
    book.active.append(["Name", "Mobile", "Other phones", "E-mail", "Other e-mails"])
    book.active.append(
        ["Anna Lee", "13800138000", "13900139000 ::: 0571-8888 6666", "anna@x.org", "a@b.org"]
    )
    book.active.append(["Bob Chen", "13700137000", None, None, None])
    path = tmp_path / "extras.xlsx"
    book.save(path)
    report = importing.import_file(ws, path)
    anna, bob = (o.contact_id for o in report.outcomes)
    assert anna is not None and bob is not None
    detail = RecordDetail(ws)
    qtbot.addWidget(detail)
    detail.show()
    detail.show_record(Kind.CONTACT, anna)
    assert detail.extra_values.isVisible()
    assert detail.extra_values.text().splitlines() == [
        "Other phone: 13900139000", "Other phone: 0571-8888 6666", "Other e-mail: a@b.org",
    ]  # fmt: skip
    detail.show_record(Kind.CONTACT, bob)
    assert not detail.extra_values.isVisible()
