"""Language: English or Simplified Chinese, from the settings or else the system locale."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator


def _i18n_dir() -> Path:
    """resources/i18n of a checkout (or editable install), else the installed data files."""
    checkout = Path(__file__).resolve().parents[2] / "resources" / "i18n"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "crm-desktop" / "i18n"


I18N_DIR = _i18n_dir()
LANGUAGES = ("en", "zh_CN")
SETTING = "ui/language"  # "" = follow the system


def chosen_language(settings: QSettings, override: str | None = None) -> str:
    if override in LANGUAGES:
        return override  # type: ignore[return-value]
    stored = str(settings.value(SETTING, "") or "")
    if stored in LANGUAGES:
        return stored
    system = QLocale.system()
    if system.language() == QLocale.Language.Chinese:
        return "zh_CN"
    for name in QLocale.system().uiLanguages():
        if name.lower().startswith("zh"):
            return "zh_CN"
    return "en"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load our catalogue and Qt's own (for standard dialog buttons); keep the references."""
    installed: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:
        QLocale.setDefault(QLocale(language))
    ours = QTranslator(app)  # English too: it holds the plural forms ("1 contact", "2 contacts")
    if ours.load(str(I18N_DIR / f"crm_desktop_{language}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    if language == "en":
        return installed
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def window_language() -> str:
    """The language the window is shown in (for data named once in it, like default stages)."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"
