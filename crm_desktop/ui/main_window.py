"""The main window: Contacts, Pipeline, Service, Reports; menus, toolbar, status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QLocale, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop import APP_NAME, __version__
from crm_desktop.domain.errors import Cancelled
from crm_desktop.domain.records import ChangeAction, ListFilter, RecordKind
from crm_desktop.services import contacts as contact_service
from crm_desktop.services import demo
from crm_desktop.services.exporting import ExportResult
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.changes import ChangeChannel, ChangeFollower
from crm_desktop.ui.contacts.tab import VIEW_COMPANIES, VIEW_CONTACTS, VIEW_TASKS, ContactsTab
from crm_desktop.ui.errors import message_for, show_error
from crm_desktop.ui.importing.history import ImportHistoryDialog
from crm_desktop.ui.importing.wizard import ImportWizard
from crm_desktop.ui.operations import maintenance as maintenance_ops
from crm_desktop.ui.pipeline.deal_dialog import DealDialog
from crm_desktop.ui.pipeline_tab import PipelineTab
from crm_desktop.ui.read_only_banner import ReadOnlyBanner
from crm_desktop.ui.reports.tab import ReportsTab
from crm_desktop.ui.service.overdue import OverdueLabel
from crm_desktop.ui.service.tab import ServiceTab
from crm_desktop.ui.settings_dialog import REGION_SETTING, SettingsDialog


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.settings = settings
        ws.phone_region = str(settings.value(REGION_SETTING, ws.phone_region))
        self.setObjectName("main_window")
        self.setWindowTitle(f"{APP_NAME} — {Path(ws.display_name).name}")
        self._fit_to_screen(1280, 800)

        self.contacts = ContactsTab(ws, settings)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("main_tabs")
        self.tabs.addTab(self.contacts, self.tr("Contacts"))
        self.pipeline = PipelineTab(ws, settings)
        self.tabs.addTab(self.pipeline, self.tr("Pipeline"))
        self.service = ServiceTab(ws, settings)
        self.tabs.addTab(self.service, self.tr("Service"))
        self.reports = ReportsTab(ws, settings)
        self.tabs.addTab(self.reports, self.tr("Reports"))
        self.read_only_banner: ReadOnlyBanner | None = None
        if ws.read_only:
            self.read_only_banner = ReadOnlyBanner(ws.display_name)
            central = QWidget()
            column = QVBoxLayout(central)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(self.read_only_banner)
            column.addWidget(self.tabs, 1)
            self.setCentralWidget(central)
        else:
            self.setCentralWidget(self.tabs)

        self.changes = ChangeChannel.of(ws)

        self.list_status = QLabel()
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        self.user_label = QLabel(self.tr("User: %s") % ws.user.name)
        self.overdue = OverdueLabel(ws)
        status = self.statusBar()
        status.addWidget(self.list_status, 1)
        status.addPermanentWidget(self.overdue)
        status.addPermanentWidget(self.totals)
        status.addPermanentWidget(self.user_label)
        self._status = {self.contacts: "", self.pipeline: "", self.service: ""}
        self.contacts.statusChanged.connect(lambda text: self._tab_status(self.contacts, text))
        self.service.statusChanged.connect(lambda text: self._tab_status(self.service, text))
        self.overdue.clicked.connect(self._show_overdue)
        self.overdue.wentOverdue.connect(
            lambda n: status.showMessage(
                self.tr("%n more of your tickets went overdue.", "", n), 15000
            )
        )
        self.tabs.currentChanged.connect(
            lambda *_: self.list_status.setText(self._status.get(self.tabs.currentWidget(), ""))
        )
        self.contacts.deleted.connect(self._deleted)
        self.reports.notice.connect(lambda text: status.showMessage(text, 15000))
        self.reports.openCompany.connect(
            lambda company_id: self._go(lambda: self.contacts.open_record("company", company_id))
        )
        self.contacts.detail.openDeal.connect(self._open_deal)
        self.contacts.detail.newDealFor.connect(self._new_deal_for)

        self._build_actions()
        self._update_totals()
        # Records added or removed (not edits) change the counts; a burst recounts once.
        self.totals_follower = ChangeFollower(
            self.totals,
            ws,
            (RecordKind.CONTACT, RecordKind.COMPANY),
            self._update_totals,
            accept=lambda change: change.action is not ChangeAction.UPDATED,
            stale=False,
        )
        self._restore_state()
        if ws.backup_made:
            # Once the window is up: a message shown before that is drawn over the list status.
            notice = self.tr("The database was upgraded; a backup of the old file is at %s")
            QTimer.singleShot(0, lambda: status.showMessage(notice % ws.backup_made, 15000))

    # -- menus and toolbar -----------------------------------------------------------------
    def _action(
        self, text: str, slot: object, shortcut: QKeySequence | str | None = None, name: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)  # type: ignore[arg-type]
        action.setObjectName(name)
        return action

    def refresh(self) -> None:
        """F5: show what colleagues saved to the shared file since; the tab in front reloads."""
        if self.tabs.currentWidget() is self.pipeline:
            self.pipeline.reload()
        elif self.tabs.currentWidget() is self.reports:
            self.reports.follower.reload_now()
        elif self.tabs.currentWidget() is self.service:
            self.service.reload()
        else:
            self.contacts.reload()

    def _tab_status(self, tab: QWidget, text: str) -> None:
        """Each tab's own status line, shown while that tab is up."""
        query = self.contacts.search.text().strip()
        if tab is self.contacts and query and not contact_service.searchable(query):
            text = self.tr("Nothing found: type at least one letter or digit to search.")
        self._status[tab] = text
        if self.tabs.currentWidget() is tab:
            self.list_status.setText(text)

    def _build_actions(self) -> None:
        c = self.contacts
        self.new_contact = self._action(
            self.tr("New &contact"),
            lambda: self._go(lambda: c.new_record(RecordKind.CONTACT)),
            QKeySequence.StandardKey.New,
            "new_contact",
        )
        self.new_company = self._action(
            self.tr("New c&ompany"),
            lambda: self._go(lambda: c.new_record(RecordKind.COMPANY)),
            "Ctrl+Shift+N",
            "new_company",
        )
        self.import_action = self._action(
            self.tr("&Import contacts…"), self.import_contacts, "Ctrl+I", "import"
        )
        self.import_history_action = self._action(
            self.tr("Import &history…"), self.import_history, None, "import_history"
        )
        self.export_action = self._action(
            self.tr("&Export contacts…"), self.export_contacts, "Ctrl+E", "export"
        )
        self.backup_action = self._action(
            self.tr("&Back up database…"), self.backup, None, "backup"
        )
        self.settings_action = self._action(
            self.tr("&Preferences…"),
            self.preferences,
            QKeySequence.StandardKey.Preferences,
            "preferences",
        )
        quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.find_action = self._action(
            self.tr("&Find"),
            self._find,
            QKeySequence.StandardKey.Find,
            "find",
        )
        self.delete_action = self._action(
            self.tr("&Delete"), c.delete_selected, QKeySequence.StandardKey.Delete, "delete"
        )
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        c.table.addAction(self.delete_action)
        self.undo_action = self._action(
            self.tr("&Undo delete"), c.undo_delete, QKeySequence.StandardKey.Undo, "undo"
        )
        self.undo_action.setEnabled(False)
        self.refresh_action = self._action(
            self.tr("&Refresh"), self.refresh, QKeySequence.StandardKey.Refresh, "refresh"
        )
        views = [
            self._action(
                self.tr("&Contacts"), lambda: self._go(lambda: c.set_view(VIEW_CONTACTS)), "Ctrl+1"
            ),
            self._action(
                self.tr("C&ompanies"),
                lambda: self._go(lambda: c.set_view(VIEW_COMPANIES)),
                "Ctrl+2",
            ),
            self._action(
                self.tr("&My tasks"),
                lambda: self._go(lambda: c.set_view(VIEW_TASKS)),
                "Ctrl+3",
                "my_tasks",
            ),
        ]
        self.trash_action = self._action(self.tr("&Trash"), c.trash.toggle, "Ctrl+Shift+T")
        about = self._action(self.tr("&About CRM Desktop"), self.about)

        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for a in (self.new_contact, self.new_company):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.import_history_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        for a in (self.undo_action, self.delete_action, self.find_action):
            edit_menu.addAction(a)
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)
        view_menu = bar.addMenu(self.tr("&View"))
        for a in views:
            view_menu.addAction(a)
        view_menu.addAction(self.trash_action)
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(about)

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.new_contact, self.new_company):
            toolbar.addAction(a)
        toolbar.addSeparator()
        toolbar.addAction(views[2])
        toolbar.addAction(self.refresh_action)
        if self.ws.read_only:  # a write would be refused below (ReadOnlyDatabaseError) anyway
            for action in self.write_actions():
                action.setEnabled(False)

    def write_actions(self) -> tuple[QAction, ...]:
        """The window's actions that change the database."""
        return (
            self.new_contact,
            self.new_company,
            self.import_action,
            self.delete_action,
            self.undo_action,
        )

    def _go(self, action: object) -> None:
        """Bring the Contacts tab forward, then act."""
        self.tabs.setCurrentWidget(self.contacts)
        action()  # type: ignore[operator]

    # -- reactions -------------------------------------------------------------------------
    def _deleted(self, kind: str, ids: list[int]) -> None:
        self.undo_action.setEnabled(not self.ws.read_only)
        what = self.tr("%n record(s) moved to the Trash.", "", len(ids))
        self.statusBar().showMessage(
            what
            + " "
            + self.tr("Undo with %s.")
            % self.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
            10000,
        )

    def _find(self) -> None:
        """Ctrl+F: the Service tab's search while it is in front, else the contacts'."""
        if self.tabs.currentWidget() is self.service:
            self.service.focus_search()
        else:
            self._go(self.contacts.focus_search)

    def _show_overdue(self) -> None:
        self.tabs.setCurrentWidget(self.service)
        self.service.show_overdue()

    def _open_deal(self, deal_id: int) -> None:
        self.pipeline.deals.open_deal(deal_id)

    def _new_deal_for(self, company_id: int, name: str) -> None:
        DealDialog(self.ws, None, self, company=(company_id, name)).exec()

    def _update_totals(self) -> None:
        """Counts of all live records in the status bar, counted off the GUI thread."""
        ws = self.ws

        def job(_progress: operations.Progress, _cancelled: Callable[[], bool]) -> tuple[int, int]:
            return (
                contact_service.count(ws, RecordKind.CONTACT, ListFilter()),
                contact_service.count(ws, RecordKind.COMPANY, ListFilter()),
            )

        def show(counts: tuple[int, int]) -> None:
            contacts, companies = counts
            self.totals.setText(
                self.tr("%Ln contact(s)", "", contacts)
                + " · "
                + self.tr("%Ln company(s)", "", companies)
            )

        operations.Op(self, job).success(show).failure(
            lambda exc: self.totals.setText(self.tr("Counts unavailable"))
        ).run()

    # -- commands --------------------------------------------------------------------------
    def backup(self) -> None:
        folder = str(self.settings.value("paths/last_backup_dir", str(Path.home())))
        target, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Back up database"),
            str(Path(folder) / "crm-backup.db"),
            self.tr("Database (*.db)"),
        )
        if not target:
            return
        self.settings.setValue("paths/last_backup_dir", str(Path(target).parent))

        maintenance_ops.backup(self, self.ws, Path(target)).success(
            lambda path: self.statusBar().showMessage(self.tr("Backed up to %s") % path, 10000)
        ).failure(lambda exc: show_error(self, exc)).with_progress(self.tr("Backing up…")).run()

    def import_contacts(self) -> ImportWizard:
        """Open the import wizard (window-modal); it deletes itself when closed."""
        wizard = ImportWizard(self.ws, self.settings, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    def import_history(self) -> ImportHistoryDialog:
        """The imports into this database, with Undo."""
        dialog = ImportHistoryDialog(self.ws, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_contacts(self) -> None:
        """Export the contacts the list shows (search, filters, sort), or the selected ones."""
        tab = self.contacts
        selected = tab.selected_ids() if tab.kind is RecordKind.CONTACT else []
        folder = str(self.settings.value("paths/last_export_dir", str(Path.home())))
        name = self.tr("contacts") + ".xlsx"
        target, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export contacts"),
            str(Path(folder) / name),
            self.tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"),
        )
        if not target:
            return
        self.settings.setValue("paths/last_export_dir", str(Path(target).parent))
        self.export_to(Path(target), selected if len(selected) > 1 else None)

    def export_to(self, target: Path, ids: list[int] | None = None) -> operations.Op:
        if target.suffix.lower() not in (".xlsx", ".csv"):
            target = target.with_suffix(".xlsx")
        flt = self.contacts.models[RecordKind.CONTACT].filter
        language = "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"

        def done(result: ExportResult) -> None:
            self.statusBar().showMessage(
                self.tr("Exported %Ln contact(s) to %1", "", result.rows).replace(
                    "%1", str(result.path)
                ),
                15000,
            )

        return (
            maintenance_ops.export_contacts(self, self.ws, target, flt, ids, language)
            .success(done)
            .failure(self._failed_or_cancelled)
            .with_progress(self.tr("Exporting contacts…"))
            .run()
        )

    def _failed_or_cancelled(self, exc: BaseException) -> None:
        """A cancelled job is a note in the status bar; a failure, a message box."""
        if isinstance(exc, Cancelled):
            self.statusBar().showMessage(message_for(exc), 10000)
        else:
            show_error(self, exc)

    def fill_demo(self, contacts: int, seed: int | None = None) -> operations.Op:
        """Fill the database with demo data in the background, with progress and Cancel.
        On a read-only database the job fails at once with ReadOnlyDatabaseError, shown."""
        steps = {
            demo.STEP_PREPARE: self.tr("Preparing demo data…"),
            demo.STEP_COMPANIES: self.tr("Creating demo companies…"),
            demo.STEP_CONTACTS: self.tr("Creating demo contacts, their history and follow-ups…"),
            demo.STEP_PIPELINE: self.tr("Creating demo leads and deals…"),
            demo.STEP_ORDERS: self.tr("Creating demo quotes, orders and payments…"),
            demo.STEP_SERVICE: self.tr("Creating demo service tickets and articles…"),
            demo.STEP_SAVING: self.tr("Saving…"),
        }
        # Stage names in the language the user reads the window in.
        language = "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"

        def done(summary: demo.DemoSummary) -> None:
            self.statusBar().showMessage(
                self.tr("Demo data added: %Ln contact(s)", "", summary.contacts), 10000
            )

        return (
            maintenance_ops.fill_demo(self, self.ws, contacts, seed, language, steps)
            .success(done)
            .failure(self._failed_or_cancelled)
            .with_progress(self.tr("Creating demo data…"))
            .run()
        )

    def preferences(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            self.ws.phone_region = str(self.settings.value(REGION_SETTING, "CN"))

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About CRM Desktop"),
            self.tr(
                "<b>CRM Desktop</b> %s<br>Customers, contacts, history and follow-ups.<br>"
                "Database: %s"
            )
            % (__version__, self.ws.display_name),
        )

    # -- window state ----------------------------------------------------------------------
    def _fit_to_screen(self, width: int, height: int) -> None:
        """The first size: as wished, but never past a small laptop's screen (1280×720), where
        the status bar would fall off the bottom."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width()), min(height, room.height())
        self.resize(width, height)

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        self.tabs.setCurrentIndex(int(self.settings.value("window/tab", 0) or 0))

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        self.contacts.save_state()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.contacts._leave_detail(self.close):
            event.ignore()
            return
        self.save_state()
        operations.wait_all()
        self.changes.close()
        event.accept()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        QTimer.singleShot(0, self.contacts.table.setFocus)
