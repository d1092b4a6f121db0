"""Start-up: settings, language, open and migrate the database, demo data, main window."""

from __future__ import annotations

import argparse
import logging
import sys

from crm_desktop import APP_ID, APP_NAME, __version__, paths

log = logging.getLogger(__name__)
DEMO_CONTACTS = 2000


def run_gui(args: argparse.Namespace, database: str) -> int:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from crm_desktop.domain.errors import CrmError
    from crm_desktop.services.workspace import open_workspace
    from crm_desktop.ui.errors import message_for
    from crm_desktop.ui.i18n import chosen_language, install_translators, window_language
    from crm_desktop.ui.main_window import MainWindow
    from crm_desktop.ui.operations.guard import install_write_guard

    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_ID)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = QSettings()
    translators = install_translators(app, chosen_language(settings, args.lang))  # noqa: F841

    try:
        ws = open_workspace(database, args.user, paths.backup_dir(), language=window_language())
    except CrmError as exc:
        QMessageBox.critical(None, APP_NAME, message_for(exc))
        return 1
    except Exception as exc:
        log.exception("could not open %s", database)
        QMessageBox.critical(None, APP_NAME, message_for(exc))
        return 1

    install_write_guard(ws)  # every write of the window runs through an operation
    window = MainWindow(ws, settings)
    window.show()
    if args.demo and ws.created:
        window.fill_demo(DEMO_CONTACTS, seed=7)
    code = app.exec()
    ws.close()
    return int(code)
