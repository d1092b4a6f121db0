"""English and Simplified Chinese: complete catalogues, the window in Chinese, language choice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from crm_desktop import i18n_tool
from crm_desktop.domain.records import CompanyData, ContactData
from crm_desktop.services import contacts as cs
from crm_desktop.ui.i18n import SETTING, chosen_language


def test_catalogues_are_complete_and_in_step_with_the_code(tmp_path: Path) -> None:
    """Re-extract every tr() string from the code: nothing new may lack a translation, and
    the shipped .qm files must be compiled from the .ts files as they are."""
    for language in i18n_tool.LANGUAGES:
        shutil.copy(i18n_tool.ts_path(language), tmp_path)
    i18n_tool.update(folder=tmp_path)
    for language in i18n_tool.LANGUAGES:
        assert i18n_tool.unfinished(i18n_tool.ts_path(language, tmp_path)) == [], language
        shipped = i18n_tool.qm_path(language).read_bytes()
        assert i18n_tool.qm_path(language, tmp_path).read_bytes() == shipped, (
            f"resources/i18n/crm_desktop_{language}.qm is stale: run `make translations`"
        )


@pytest.mark.parametrize("language", ["zh_CN"], indirect=True)
def test_the_window_in_chinese(qtbot, ws, make_window, language) -> None:
    acme = cs.create_company(ws, CompanyData(name="西湖茶叶"))
    cs.create_contact(ws, ContactData(name="张伟", company_id=acme.id))
    cs.create_contact(ws, ContactData(name="李娜"))
    window = make_window()
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs == ["联系人", "销售管道", "客户服务", "报表"]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    qtbot.waitUntil(lambda: "2 个联系人" in window.totals.text())
    assert "1 家公司" in window.totals.text()
    model = window.contacts.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers[:2] == ["姓名", "公司"]
    placeholder = " ".join(lbl.text() for lbl in window.tabs.widget(1).findChildren(QLabel))
    assert "商机" in placeholder
    # Chinese names sort by pinyin: li (李) before zhang (张)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["李娜", "张伟"]


def test_language_comes_from_the_command_line_then_the_setting(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert chosen_language(settings, "zh_CN") == "zh_CN"  # --lang wins
    settings.setValue(SETTING, "zh_CN")
    assert chosen_language(settings) == "zh_CN"
    settings.setValue(SETTING, "en")
    assert chosen_language(settings) == "en"
