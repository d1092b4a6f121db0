"""Page 1 of the import wizard: a path (typed or browsed) and a sheet, read off the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from crm_desktop.domain.errors import Cancelled, CrmError
from crm_desktop.services import importing
from crm_desktop.services.importing import LoadedSheet
from crm_desktop.ui import operations
from crm_desktop.ui.errors import message_for

if TYPE_CHECKING:
    from crm_desktop.ui.importing.wizard import ImportWizard

log = logging.getLogger(__name__)

LAST_DIR_SETTING = "paths/last_import_dir"
LOADED_ROWS = 100  # rows below the headers kept for the pages (samples and preview)
FILE_FILTER = QT_TRANSLATE_NOOP(
    "ImportWizard", "Spreadsheets and vCards (*.xlsx *.xlsm *.xls *.ods *.csv *.vcf)"
)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.loaded: LoadedSheet | None = None
        self._generation = 0  # a newer read makes older results stale
        self._reading: operations.Op | None = None
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(
            self.tr(
                "An Excel, LibreOffice or CSV file with one contact or company per row. "
                "Title rows above the column headers are fine."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("import_path")
        self.path_edit.setPlaceholderText(self.tr("Path of the file to import"))
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setObjectName("browse")
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("import_sheet")
        self.sheet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet_combo.setEnabled(False)
        self.status = QLabel()
        self.status.setObjectName("file_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel()
        self.error.setObjectName("file_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()

        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_combo)
        sheet_row.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("File:")), 0, 0)
        grid.addLayout(row, 0, 1)
        grid.addWidget(QLabel(self.tr("Sheet:")), 1, 0)
        grid.addLayout(sheet_row, 1, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)

        # Typing a path reads it once the typing pauses, not at every key.
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(400)
        self._pause.timeout.connect(self.load)
        self.path_edit.textChanged.connect(self._path_edited)
        self.path_edit.returnPressed.connect(self.load)
        self.browse_button.clicked.connect(self.browse)
        self.sheet_combo.currentIndexChanged.connect(self._sheet_chosen)

    def isComplete(self) -> bool:
        return self.loaded is not None

    def path(self) -> Path | None:
        text = self.path_edit.text().strip().strip('"')
        return Path(text).expanduser() if text else None

    def browse(self) -> None:
        current = self.path()
        folder = str(self.wiz.settings.value(LAST_DIR_SETTING, "") or "")
        if current is not None and current.parent.is_dir():
            folder = str(current.parent)
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import contacts"),
            folder or str(Path.home()),
            QCoreApplication.translate("ImportWizard", FILE_FILTER),
        )
        if chosen:
            self.wiz.settings.setValue(LAST_DIR_SETTING, str(Path(chosen).parent))
            self.path_edit.setText(chosen)
            self.load()

    def _path_edited(self, _text: str) -> None:
        self._forget()
        self._pause.start()

    def _sheet_chosen(self, index: int) -> None:
        if index >= 0:
            self.load(self.sheet_combo.itemText(index))

    def _forget(self) -> None:
        self._generation += 1
        if self._reading is not None:
            self._reading.cancel()
            self._reading = None
        if self.loaded is not None:
            self.loaded = None
            self.completeChanged.emit()

    def load(self, sheet: str | None = None) -> None:
        """Read the file (and ``sheet``, else the first one holding data) in the background."""
        self._pause.stop()
        self._forget()
        path = self.path()
        self.error.hide()
        if path is None:
            self.status.clear()
            self._fill_sheets(())
            return
        if sheet is None:
            self._fill_sheets(())
        generation = self._generation
        self.status.setText(self.tr("Reading the file…"))

        def job(_progress: operations.Progress, _cancelled: Callable[[], bool]) -> LoadedSheet:
            return importing.load_sheet(path, sheet, LOADED_ROWS)

        self._reading = (
            operations.Op(self, job)
            .success(lambda loaded: self._loaded(generation, loaded))
            .failure(lambda exc: self._failed(generation, exc))
            .run()
        )

    def _fill_sheets(self, names: Iterable[str], current: str | None = None) -> None:
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(names))
        if current is not None:
            self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findText(current)))
        self.sheet_combo.setEnabled(self.sheet_combo.count() > 0)
        self.sheet_combo.blockSignals(False)

    def _loaded(self, generation: int, loaded: LoadedSheet) -> None:
        if generation != self._generation:
            return
        self._reading = None
        self._fill_sheets(loaded.sheet_names, loaded.sheet.name)
        if not loaded.headers:
            self._show_error(
                self.tr("The sheet “{sheet}” is empty. Choose another sheet or file.").format(
                    sheet=loaded.sheet.name
                )
            )
            return
        if loaded.data_rows == 0:
            self._show_error(
                self.tr("The sheet “{sheet}” has headers but no rows below them.").format(
                    sheet=loaded.sheet.name
                )
            )
            return
        self.status.setText(
            self.tr("Sheet “{sheet}”: {rows} rows below the headers in row {row}.").format(
                sheet=loaded.sheet.name,
                rows=QLocale().toString(loaded.data_rows),
                row=loaded.header_row + 1,
            )
        )
        self.wiz.settings.setValue(LAST_DIR_SETTING, str(loaded.path.parent))
        self.loaded = loaded
        self.completeChanged.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation or isinstance(exc, Cancelled):
            return
        self._reading = None
        if isinstance(exc, importing.ReadError) and exc.sheets:
            self._fill_sheets(exc.sheets)
        if not isinstance(exc, CrmError):
            log.error("cannot read %s", self.path(), exc_info=exc)
        self._show_error(str(exc) if isinstance(exc, CrmError) else message_for(exc))

    def _show_error(self, message: str) -> None:
        self.status.clear()
        self.error.setText(message)
        self.error.show()
