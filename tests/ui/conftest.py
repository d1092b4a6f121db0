"""UI fixtures: the real main window over a real database file; settings in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication

from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.i18n import install_translators
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.operations.guard import install_write_guard


class _TrackingApplication(QApplication):
    """Knows when Qt is delivering an event (a click, a key, a timer, a queued callback):
    what the window does then must not write on the GUI thread."""

    delivering = 0

    def notify(self, receiver: QObject, event: QEvent) -> bool:
        _TrackingApplication.delivering += 1
        try:
            return super().notify(receiver, event)
        finally:
            _TrackingApplication.delivering -= 1


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    return _TrackingApplication


@pytest.fixture(autouse=True)
def no_write_on_the_gui_thread(ws: Workspace) -> None:
    """A service write that the window starts on the GUI thread fails the test (it would
    freeze the window behind a colleague's lock); the test itself may arrange data directly."""
    install_write_guard(ws, while_=lambda: _TrackingApplication.delivering > 0)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def language(qapp, request) -> Iterator[str]:
    """English catalogue installed as the app does (plural forms); ``zh_CN`` via indirect param."""
    lang = getattr(request, "param", "en")
    translators = install_translators(qapp, lang)
    yield lang
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture(autouse=True)
def no_worker_left_behind(qtbot) -> Iterator[None]:
    """Background work (counts, saves) finishes on its own: none is left stuck after a test."""
    yield
    qtbot.waitUntil(lambda: operations.running_ops() == 0, timeout=10_000)


@pytest.fixture
def make_window(qtbot, ws: Workspace, settings: QSettings):  # type: ignore[no-untyped-def]
    def make() -> MainWindow:
        window = MainWindow(ws, settings)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        return window

    return make
