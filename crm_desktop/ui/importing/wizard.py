"""Import contacts from a spreadsheet: file, columns, a check, then the import itself.

Four pages over ``services.importing``:

1. File: a path (typed or browsed) and a sheet; the file is read off the GUI thread.
2. Columns: which field each column goes into (remembered per set of headers, else guessed),
   with a preview of the first rows as they will be imported.
3. Options: what to do with rows that match existing contacts, and by what they match; a
   dry run ("Check") says what would happen. Import is possible only after a check of exactly
   these choices. This is the commit page: there is no way back once the import starts.
4. Result: the import (one transaction; Cancel rolls it back), its counts, and the failed rows
   to save as a workbook, fix and import again.

This module is the wizard's shell; each page is a module of its own (``file_page``,
``mapping_page``, ``check_page``, ``result_page``), with ``widgets`` and ``texts`` they share.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QSettings,
)
from PySide6.QtWidgets import (
    QWidget,
    QWizard,
)

from crm_desktop.services import importing
from crm_desktop.services.importing import (
    ImportOptions,
    LoadedSheet,
)
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.importing.check_page import OptionsPage
from crm_desktop.ui.importing.file_page import FilePage
from crm_desktop.ui.importing.mapping_page import ColumnsPage, mapping_setting
from crm_desktop.ui.importing.result_page import ResultPage
from crm_desktop.ui.importing.texts import problem_text, target_label
from crm_desktop.ui.operations import importing as importing_ops

__all__ = [
    "PAGE_COLUMNS",
    "PAGE_FILE",
    "PAGE_OPTIONS",
    "PAGE_RESULT",
    "ImportWizard",
    "mapping_setting",
    "problem_text",
    "target_label",
]

GEOMETRY_SETTING = "import/geometry"
PAGE_FILE, PAGE_COLUMNS, PAGE_OPTIONS, PAGE_RESULT = range(4)


class ImportWizard(QWizard):
    def __init__(
        self,
        ws: Workspace,
        settings: QSettings,
        parent: QWidget | None = None,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.settings = settings
        self.setObjectName("import_wizard")
        self.setWindowTitle(self.tr("Import contacts"))
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.options_page = OptionsPage(self)
        self.result_page = ResultPage(self)
        self.setPage(PAGE_FILE, self.file_page)
        self.setPage(PAGE_COLUMNS, self.columns_page)
        self.setPage(PAGE_OPTIONS, self.options_page)
        self.setPage(PAGE_RESULT, self.result_page)
        self.setMinimumSize(720, 520)
        self.resize(980, 720)
        geometry = settings.value(GEOMETRY_SETTING)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if path is not None:
            self.file_page.path_edit.setText(str(path))
            self.file_page.load()

    def import_op(self, page: QWidget, options: ImportOptions) -> operations.Op:
        """The check (dry run) or the import of the loaded sheet as mapped, with translated
        steps; the page adds its callbacks and progress label."""
        loaded = self.loaded
        assert loaded is not None
        mapping = self.columns_page.mapping()
        return importing_ops.import_sheet(
            page, self.ws, loaded.path, mapping, options, self.step_labels()
        )

    @property
    def loaded(self) -> LoadedSheet | None:
        return self.file_page.loaded

    def step_labels(self) -> dict[str, str]:
        return {
            importing.STEP_READ: self.tr("Reading the file…"),
            importing.STEP_CHECK: self.tr("Checking every row…"),
            importing.STEP_WRITE: self.tr("Saving…"),
        }

    def reject(self) -> None:
        # During the import, Cancel (or Esc, or closing the window) cancels the import: the
        # wizard stays to say that nothing was changed.
        if self.result_page.running:
            self.result_page.cancel()
            return
        self.options_page.cancel_check()
        super().reject()

    def done(self, result: int) -> None:
        self.settings.setValue(GEOMETRY_SETTING, self.saveGeometry())
        super().done(result)
