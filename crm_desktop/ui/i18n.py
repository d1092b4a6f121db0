"""Language: English or Simplified Chinese, from the settings or else the system locale."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
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
