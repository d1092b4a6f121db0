"""Preferences: language and the default phone region."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.ui.i18n import SETTING as LANGUAGE_SETTING

REGION_SETTING = "data/phone_region"


class SettingsDialog(QDialog):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Preferences"))
        form = QFormLayout()
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem(self.tr("Same as the system"), "")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language.setCurrentIndex(
            max(0, self.language.findData(str(settings.value(LANGUAGE_SETTING, "") or "")))
        )
        form.addRow(self.tr("Language"), self.language)
        self.region = QComboBox()
        self.region.setObjectName("phone_region")
        for code, label in (
            ("CN", self.tr("China (+86)")),
            ("HK", self.tr("Hong Kong (+852)")),
            ("TW", self.tr("Taiwan (+886)")),
            ("SG", self.tr("Singapore (+65)")),
            ("US", self.tr("United States (+1)")),
            ("GB", self.tr("United Kingdom (+44)")),
            ("DE", self.tr("Germany (+49)")),
        ):
            self.region.addItem(label, code)
        self.region.setCurrentIndex(
            max(0, self.region.findData(str(settings.value(REGION_SETTING, "CN"))))
        )
        form.addRow(self.tr("Phone numbers without a country code are from"), self.region)
        note = QLabel(self.tr("A new language takes effect when CRM Desktop is restarted."))
        note.setStyleSheet("color: gray;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.settings.setValue(LANGUAGE_SETTING, self.language.currentData())
        self.settings.setValue(REGION_SETTING, self.region.currentData())
        super().accept()
