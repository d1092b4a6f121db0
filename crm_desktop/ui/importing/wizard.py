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
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QLocale,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from crm_desktop.domain.errors import Cancelled, CrmError
from crm_desktop.io import cells, reading
from crm_desktop.io.mapping import (
    FIELDS,
    REPEATABLE,
    ColumnMapping,
    mapping_from_json,
    mapping_key,
    mapping_to_json,
    suggest_mapping,
)
from crm_desktop.io.reading import Sheet
from crm_desktop.services import importing
from crm_desktop.services.importing import ImportOptions, ImportReport, RowError
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.errors import message_for, show_error
from crm_desktop.ui.labels import field_label

log = logging.getLogger(__name__)

LAST_DIR_SETTING = "paths/last_import_dir"
MAPPING_SETTING = "import/mappings/"  # + mapping_key(headers): mapping_to_json as JSON text
GEOMETRY_SETTING = "import/geometry"
FILE_FILTER = QT_TRANSLATE_NOOP(
    "ImportWizard", "Spreadsheets and vCards (*.xlsx *.xlsm *.xls *.ods *.csv *.vcf)"
)

PAGE_FILE, PAGE_COLUMNS, PAGE_OPTIONS, PAGE_RESULT = range(4)
PREVIEW_ROWS = 20
SAMPLE_VALUES = 3  # shown next to each column
SAMPLE_SCAN = 50  # rows looked at for them
MAX_PROBLEMS = 2000  # rows of the problems table; the saved workbook holds them all
NAME_TARGETS = frozenset({"name", "first_name", "last_name", "company"})
PHONE_TARGETS = frozenset({"mobile", "phone", "company_phone"})

# The order of the targets in each column's list: the person, then the company, then the rest.
TARGET_ORDER = (
    "skip",
    "name",
    "first_name",
    "last_name",
    "title",
    "mobile",
    "phone",
    "email",
    "im",
    "birthday",
    "tags",
    "notes",
    "company",
    "industry",
    "region",
    "city",
    "address",
    "website",
    "company_phone",
    "grade",
    "source",
    "owner",
    "company_notes",
    "id",
)
# Targets that only the import has; the others are named as the forms name them.
_TARGETS = {
    "skip": QT_TRANSLATE_NOOP("ImportTargets", "— skip this column —"),
    "first_name": QT_TRANSLATE_NOOP("ImportTargets", "First name"),
    "last_name": QT_TRANSLATE_NOOP("ImportTargets", "Last name"),
    "company": QT_TRANSLATE_NOOP("ImportTargets", "Company"),
    "company_phone": QT_TRANSLATE_NOOP("ImportTargets", "Company phone"),
    "company_notes": QT_TRANSLATE_NOOP("ImportTargets", "Company notes"),
    "id": QT_TRANSLATE_NOOP("ImportTargets", "ID (from an export)"),
    "owner": QT_TRANSLATE_NOOP("ImportTargets", "Owner (salesperson)"),
    "grade": QT_TRANSLATE_NOOP("ImportTargets", "Grade (A, B, C)"),
    "tags": QT_TRANSLATE_NOOP("ImportTargets", "Tags"),
}


def target_label(key: str) -> str:
    """A column target as the user reads it, in the UI language."""
    if key in _TARGETS:
        return QCoreApplication.translate("ImportTargets", _TARGETS[key])
    return field_label(key, person=True)


def problem_text(error: RowError) -> str:
    """A problem in the UI language; the service's English detail stays in the tooltip."""
    what = target_label(error.field) if error.field else ""
    if error.code == "no_name":
        return QCoreApplication.translate(
            "ImportProblems", "No name: neither a person nor a company."
        )
    if error.code == "id_mismatch":
        return QCoreApplication.translate(
            "ImportProblems",
            "This ID belongs to someone else in the database: is it your own numbering?",
        )
    if error.code == "cell" and error.field == "birthday":
        return QCoreApplication.translate(
            "ImportProblems", "Not a date that can be read (e.g. 2023-05-06)."
        )
    if error.code == "cell" and error.field == "grade":
        return QCoreApplication.translate("ImportProblems", "A grade is A, B or C.")
    if error.code == "cell" and error.field in ("mobile", "phone", "company_phone"):
        return QCoreApplication.translate(
            "ImportProblems", "The phone number cannot be read (stored as a rounded number?)."
        )
    if error.code == "cell":
        return QCoreApplication.translate(
            "ImportProblems", "%1: this value cannot be read."
        ).replace("%1", what)
    if error.code == "invalid" and error.field == "email":
        return QCoreApplication.translate("ImportProblems", "This is not a valid e-mail address.")
    if error.code == "invalid" and error.field in ("mobile", "phone"):
        return QCoreApplication.translate(
            "ImportProblems", "This does not look like a phone number."
        )
    if error.code == "invalid":
        return QCoreApplication.translate(
            "ImportProblems", "%1: this value cannot be saved."
        ).replace("%1", what)
    return error.message


def targets() -> list[str]:
    """Every target in list order (a field new to the mapping goes at the end)."""
    return [*TARGET_ORDER, *(f for f in FIELDS if f not in TARGET_ORDER)]


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: as the spreadsheet names its columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def mapping_setting(headers: Sequence[str]) -> str:
    return MAPPING_SETTING + mapping_key(headers)


def _shown(value: object, limit: int = 120) -> str:
    text = cells.text(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def preview_text(target: str, value: object) -> tuple[str, str | None]:
    """A cell as the import will read it into ``target``, and what is wrong with it if anything."""
    try:
        if target in PHONE_TARGETS:
            text = cells.phone(value)
        elif target == "email":
            text = cells.email(value).lower()
        elif target == "birthday":
            day = cells.date_value(value)
            text = day.isoformat() if day else ""
        else:
            text = cells.text(value)
    except cells.CellError as exc:
        return _shown(value), str(exc)
    return (text if len(text) <= 120 else text[:119] + "…"), None


@dataclass(frozen=True, eq=False)  # compared by identity: a re-read file is a new one
class LoadedSheet:
    """A file read for import: its sheets, the chosen sheet, where its headers are."""

    path: Path
    sheet_names: tuple[str, ...]
    sheet: Sheet  # the rows the pages show: header, the rows above it and 100 below
    header_row: int  # index into sheet.rows
    headers: tuple[str, ...]
    data_rows: int  # non-blank rows below the headers

    @property
    def body(self) -> tuple[tuple[object, ...], ...]:
        return self.sheet.rows[self.header_row + 1 :]


def load_sheet(path: Path, sheet: str | None) -> LoadedSheet:
    """Read ``sheet`` of ``path`` (None: the first one holding data). Runs off the GUI thread."""
    names = tuple(reading.sheet_names(path))
    # Only the rows the pages show are kept (the import reads the file again, a row at a time).
    preview = importing.preview_for_import(path, sheet, max(SAMPLE_SCAN, PREVIEW_ROWS * 5))
    return LoadedSheet(
        path,
        names,
        preview.sheet,
        preview.header_row,
        tuple(preview.headers),
        preview.data_rows,
    )


# -- widgets shared by the pages ---------------------------------------------------------------
def _table(columns: Sequence[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(columns))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    return table


def _number_item(value: int) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setData(Qt.ItemDataRole.DisplayRole, value)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class CountsView(QFrame):
    """Four big numbers: created (or to create), updated, skipped, failed."""

    ACTIONS = ("create", "update", "skip", "fail")

    def __init__(self, prefix: str, captions: Sequence[str]) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        self.numbers: dict[str, QLabel] = {}
        big = QFont(self.font())
        if big.pointSizeF() > 0:
            big.setPointSizeF(big.pointSizeF() * 1.8)
        big.setBold(True)
        for column, (action, caption) in enumerate(zip(self.ACTIONS, captions, strict=True)):
            number = QLabel("–")
            number.setObjectName(f"{prefix}_{action}")
            number.setFont(big)
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            text = QLabel(caption)
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(number, 0, column)
            grid.addWidget(text, 1, column)
            self.numbers[action] = number

    def show_report(self, report: ImportReport | None) -> None:
        locale = QLocale()
        for action, label in self.numbers.items():
            label.setText("–" if report is None else locale.toString(report.count(action)))
        failed = report is not None and report.failed > 0
        self.numbers["fail"].setStyleSheet("color: #b00020;" if failed else "")


class ProblemsTable(QTableWidget):
    """The problems of a file: row and column as the spreadsheet names them, and what is wrong."""

    def __init__(self, name: str) -> None:
        super().__init__(0, 3)
        self.setObjectName(name)
        self.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"), self.tr("Problem")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.setColumnWidth(1, 160)

    def show_errors(self, errors: Sequence[RowError]) -> None:
        shown = errors[:MAX_PROBLEMS]
        self.setRowCount(len(shown))
        for r, error in enumerate(shown):
            self.setItem(r, 0, _number_item(error.row))
            self.setItem(r, 1, QTableWidgetItem(error.column))
            message = QTableWidgetItem(problem_text(error))
            message.setToolTip(error.message)
            self.setItem(r, 2, message)

    def rows(self) -> list[tuple[int, str, str]]:
        """What the table shows, row by row (for tests and for copying)."""
        return [
            (
                int(self.item(r, 0).data(Qt.ItemDataRole.DisplayRole)),
                self.item(r, 1).text(),
                self.item(r, 2).text(),
            )
            for r in range(self.rowCount())
        ]


# -- page 1: the file --------------------------------------------------------------------------
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
            return load_sheet(path, sheet)

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
        if isinstance(exc, reading.ReadError) and exc.sheets:
            self._fill_sheets(exc.sheets)
        if not isinstance(exc, CrmError):
            log.error("cannot read %s", self.path(), exc_info=exc)
        self._show_error(str(exc) if isinstance(exc, CrmError) else message_for(exc))

    def _show_error(self, message: str) -> None:
        self.status.clear()
        self.error.setText(message)
        self.error.show()


# -- page 2: the columns -----------------------------------------------------------------------
class ColumnsPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.combos: list[QComboBox] = []
        self._built_for: LoadedSheet | None = None
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(
            self.tr("Choose the field each column goes into. Columns set to skip are not imported.")
        )
        self.header_label = QLabel()
        self.header_label.setObjectName("header_row")
        self.remembered = QLabel()
        self.remembered.setObjectName("mapping_source")
        self.remembered.setStyleSheet("color: gray;")
        self.note = QLabel()
        self.note.setObjectName("mapping_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #b00020;")
        self.note.hide()

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("columns")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Sample values"), self.tr("Import as")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        self.preview = _table([], "preview")
        self.preview.verticalHeader().setVisible(True)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        labels = QHBoxLayout()
        labels.addWidget(self.header_label)
        labels.addStretch(1)
        labels.addWidget(self.remembered)
        top_layout.addLayout(labels)
        top_layout.addWidget(self.table)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        self.preview_label = QLabel(self.tr("Preview: the first rows as they will be imported"))
        bottom_layout.addWidget(self.preview_label)
        bottom_layout.addWidget(self.preview)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self._fit_pending = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.note)

    # -- the mapping -------------------------------------------------------------------------
    def mapping(self) -> ColumnMapping:
        return ColumnMapping(tuple(str(combo.currentData()) for combo in self.combos))

    def isComplete(self) -> bool:
        return bool(self.combos) and any(c.currentData() in NAME_TARGETS for c in self.combos)

    def initializePage(self) -> None:
        loaded = self.wiz.loaded
        if loaded is None or loaded is self._built_for:
            return
        previous = self._built_for
        keep = (
            previous is not None
            and previous.path == loaded.path
            and previous.sheet.name == loaded.sheet.name
            and previous.headers == loaded.headers
        )
        if keep:  # the same file read again: keep what the user chose
            mapping = self.mapping()
        else:
            mapping = self._remembered(loaded)
            if mapping is not None:
                self.remembered.setText(self.tr("As you matched these columns last time"))
            else:
                mapping = suggest_mapping(loaded.headers, loaded.body[:SAMPLE_SCAN])
                self.remembered.setText(self.tr("Suggested from the headers and values"))
        self._build(loaded, mapping)

    def _remembered(self, loaded: LoadedSheet) -> ColumnMapping | None:
        stored = self.wiz.settings.value(mapping_setting(loaded.headers))
        if not stored:
            return None
        try:
            mapping = mapping_from_json(
                json.loads(str(stored)), loaded.headers, loaded.body[:SAMPLE_SCAN]
            )
        except (ValueError, TypeError):  # an old or damaged entry: suggest afresh
            log.warning("ignoring the remembered mapping for %s", loaded.path.name)
            return None
        return mapping if len(mapping.columns) == len(loaded.headers) else None

    def remember(self) -> None:
        """Keep this mapping for the next file with the same headers."""
        loaded = self.wiz.loaded
        if loaded is None or not self.combos:
            return
        data = mapping_to_json(self.mapping(), loaded.headers)
        self.wiz.settings.setValue(
            mapping_setting(loaded.headers), json.dumps(data, ensure_ascii=False)
        )

    # -- the table of columns ----------------------------------------------------------------
    def _build(self, loaded: LoadedSheet, mapping: ColumnMapping) -> None:
        self._built_for = loaded
        self.header_label.setText(
            self.tr("Headers found in row {row}").format(row=loaded.header_row + 1)
        )
        self.note.hide()
        body = [row for row in loaded.body[:SAMPLE_SCAN] if not cells.is_blank_row(row)]
        self.table.setRowCount(0)
        self.combos = []
        self.table.setRowCount(len(loaded.headers))
        self.table.setVerticalHeaderLabels([column_letter(i) for i in range(len(loaded.headers))])
        for index, header in enumerate(loaded.headers):
            item = QTableWidgetItem(header or self.tr("(no header)"))
            if not header:
                item.setForeground(QColor("gray"))
            item.setToolTip(header)
            self.table.setItem(index, 0, item)
            shown = (_shown(row[index], 40) for row in body if index < len(row))
            samples = list(dict.fromkeys(s for s in shown if s))  # each value once
            sample = QTableWidgetItem("  ·  ".join(samples[:SAMPLE_VALUES]))
            sample.setToolTip("\n".join(samples[:10]))
            sample.setForeground(QColor("dimgray"))
            self.table.setItem(index, 1, sample)
            combo = QComboBox()
            combo.setObjectName(f"target_{index}")
            for key in targets():
                combo.addItem(target_label(key), key)
            combo.setCurrentIndex(max(0, combo.findData(mapping.columns[index])))
            combo.currentIndexChanged.connect(lambda _i, column=index: self._target_changed(column))
            self.table.setCellWidget(index, 2, combo)
            self.combos.append(combo)
        if self.combos:
            self.table.verticalHeader().setDefaultSectionSize(
                self.combos[0].sizeHint().height() + 4
            )
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(0, min(max(self.table.columnWidth(0), 140), 260))
        self._refresh()
        self._fit_pending = True
        if self.isVisible():
            self._fit_splitter()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_pending:
            self._fit_splitter()

    def _fit_splitter(self) -> None:
        """Give the column list the room its rows need (up to 3/5), the preview the rest."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        self._fit_pending = False
        needed = (
            self.header_label.sizeHint().height()
            + self.table.horizontalHeader().sizeHint().height()
            + self.table.verticalHeader().length()
            + 2 * self.table.frameWidth()
            + 16
        )
        top = min(max(needed, total // 3), total * 3 // 5)
        self.splitter.setSizes([top, total - top])

    def _target_changed(self, column: int) -> None:
        target = self.combos[column].currentData()
        moved: list[str] = []
        if target not in REPEATABLE:
            # One column per field: the column that had it before lets it go.
            for other, combo in enumerate(self.combos):
                if other != column and combo.currentData() == target:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(combo.findData("skip"))
                    combo.blockSignals(False)
                    moved.append(self._column_name(other))
        if moved:
            self.note.setText(
                self.tr("{field} comes from one column only: {columns} is now skipped.").format(
                    field=target_label(str(target)), columns=", ".join(moved)
                )
            )
            self.note.show()
        else:
            self.note.hide()
        self._refresh()

    def _column_name(self, index: int) -> str:
        loaded = self._built_for
        header = loaded.headers[index] if loaded is not None else ""
        if header:
            return f"“{header}”"
        return self.tr("column {letter}").format(letter=column_letter(index))

    def _refresh(self) -> None:
        self._fill_preview()
        if self.combos and not self.isComplete():
            self.note.setText(
                self.tr(
                    "Match a column to Name, First name, Last name or Company: "
                    "without one, no row can be imported."
                )
            )
            self.note.show()
        self.completeChanged.emit()

    def _fill_preview(self) -> None:
        loaded = self._built_for
        self.preview.clear()
        if loaded is None:
            return
        mapped = [(i, c.currentData()) for i, c in enumerate(self.combos)]
        mapped = [(i, t) for i, t in mapped if t != "skip"]
        start = loaded.header_row + 2  # spreadsheet row of the first row below the headers
        rows = [
            (start + offset, row)
            for offset, row in enumerate(loaded.body[: PREVIEW_ROWS * 5])
            if not cells.is_blank_row(row)
        ][:PREVIEW_ROWS]
        self.preview.setColumnCount(len(mapped))
        self.preview.setRowCount(len(rows))
        for c, (index, target) in enumerate(mapped):
            head = QTableWidgetItem(target_label(str(target)))
            head.setToolTip(
                self.tr("From column {letter}: {header}").format(
                    letter=column_letter(index), header=loaded.headers[index]
                )
            )
            self.preview.setHorizontalHeaderItem(c, head)
        self.preview.setVerticalHeaderLabels([str(number) for number, _row in rows])
        for r, (_number, row) in enumerate(rows):
            for c, (index, target) in enumerate(mapped):
                value = row[index] if index < len(row) else None
                text, problem = preview_text(str(target), value)
                item = QTableWidgetItem(text)
                if problem:
                    item.setBackground(QColor("#fde2e2"))
                    item.setToolTip(problem)
                self.preview.setItem(r, c, item)
        self.preview.resizeColumnsToContents()
        for c in range(self.preview.columnCount()):
            self.preview.setColumnWidth(c, min(self.preview.columnWidth(c) + 12, 260))

    def preview_headers(self) -> list[str]:
        return [
            self.preview.horizontalHeaderItem(c).text() for c in range(self.preview.columnCount())
        ]


# -- page 3: options and the check -------------------------------------------------------------
class OptionsPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.report: ImportReport | None = None
        self._checked: tuple[object, ...] | None = None  # what the report was made for
        self._check: operations.Op | None = None
        self.setTitle(self.tr("Check and import"))
        self.setSubTitle(
            self.tr(
                "Choose what happens to rows that match a contact already in the database, "
                "then check the file. Nothing is saved until you click Import."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))

        duplicates = QGroupBox(self.tr("A row that matches an existing contact"))
        self.dup_skip = QRadioButton(self.tr("Skip it"))
        self.dup_skip.setObjectName("on_duplicate_skip")
        self.dup_update = QRadioButton(self.tr("Update the existing contact"))
        self.dup_update.setObjectName("on_duplicate_update")
        self.dup_create = QRadioButton(self.tr("Create a new contact anyway"))
        self.dup_create.setObjectName("on_duplicate_create")
        self.overwrite = QCheckBox(
            self.tr("Overwrite values that differ (otherwise only fill empty fields)")
        )
        self.overwrite.setObjectName("overwrite")
        self.duplicate_group = QButtonGroup(self)
        for button in (self.dup_skip, self.dup_update, self.dup_create):
            self.duplicate_group.addButton(button)
        self.dup_skip.setChecked(True)
        box = QVBoxLayout(duplicates)
        box.addWidget(self.dup_skip)
        box.addWidget(self.dup_update)
        indented = QHBoxLayout()
        indented.addSpacing(24)
        indented.addWidget(self.overwrite)
        box.addLayout(indented)
        box.addWidget(self.dup_create)

        matching = QGroupBox(self.tr("Recognise an existing contact by"))
        self.match = {
            "email": QCheckBox(self.tr("E-mail")),
            "phone": QCheckBox(self.tr("Phone or mobile")),
            "name": QCheckBox(self.tr("Name and company")),
        }
        box = QVBoxLayout(matching)
        for key, check in self.match.items():
            check.setObjectName(f"match_{key}")
            check.setChecked(True)
            box.addWidget(check)
        box.addStretch(1)

        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setObjectName("check")
        self.check_button.setToolTip(self.tr("A trial run: reads every row, saves nothing"))
        self.status = QLabel(self.tr("Check the file to see what the import will do."))
        self.status.setObjectName("check_status")
        self.status.setWordWrap(True)
        self.counts = CountsView(
            "check",
            [self.tr("to create"), self.tr("to update"), self.tr("to skip"), self.tr("will fail")],
        )
        self.problems = ProblemsTable("problems")
        self.near = _table(
            [self.tr("Row"), self.tr("Company in the file"), self.tr("Existing company")],
            "near_duplicates",
        )
        self.near.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.near.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.near.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.details = QTabWidget()
        self.details.setObjectName("check_details")
        self.details.addTab(self.problems, "")
        self.details.addTab(self.near, "")
        self._title_details()
        self.results = QWidget()
        results = QVBoxLayout(self.results)
        results.setContentsMargins(0, 0, 0, 0)
        results.addWidget(self.counts)
        results.addWidget(self.details, 1)

        groups = QHBoxLayout()
        groups.addWidget(duplicates, 3)
        groups.addWidget(matching, 2)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(groups)
        layout.addLayout(check_row)
        layout.addWidget(self.results, 1)

        self.duplicate_group.buttonToggled.connect(self._options_changed)
        self.overwrite.toggled.connect(self._options_changed)
        for check in self.match.values():
            check.toggled.connect(self._options_changed)
        self.check_button.clicked.connect(self.check)
        self._options_changed()

    def options(self, dry_run: bool) -> ImportOptions:
        loaded = self.wiz.loaded
        on_duplicate = (
            "update"
            if self.dup_update.isChecked()
            else "create"
            if self.dup_create.isChecked()
            else "skip"
        )
        return ImportOptions(
            on_duplicate=on_duplicate,
            overwrite=on_duplicate == "update" and self.overwrite.isChecked(),
            match_on=frozenset(k for k, check in self.match.items() if check.isChecked()),
            sheet=loaded.sheet.name if loaded is not None else None,
            dry_run=dry_run,
            phone_region=self.wiz.ws.phone_region,
        )

    def _signature(self) -> tuple[object, ...]:
        return (self.wiz.loaded, self.wiz.columns_page.mapping(), self.options(dry_run=True))

    def is_checked(self) -> bool:
        """A check of exactly the current file, mapping and options has finished."""
        return self.report is not None and self._checked == self._signature()

    def isComplete(self) -> bool:
        return self._check is None and self.is_checked()

    def initializePage(self) -> None:
        self._options_changed()

    def _options_changed(self, *_args: object) -> None:
        self.overwrite.setEnabled(self.dup_update.isChecked())
        stale = self.report is not None and not self.is_checked()
        self.results.setEnabled(self.report is not None and not stale)
        if stale and self._check is None:
            self.status.setText(self.tr("The choices changed since the check: check again."))
        elif self.report is not None and self._check is None:
            self._say_checked(self.report)
        self.completeChanged.emit()

    def check(self) -> operations.Op | None:
        """The dry run, in the background with progress and Cancel."""
        loaded = self.wiz.loaded
        if self._check is not None or loaded is None:
            return None
        signature = self._signature()
        mapping = self.wiz.columns_page.mapping()
        options = self.options(dry_run=True)
        job = self.wiz.import_job(loaded.path, mapping, options)

        self.check_button.setEnabled(False)
        self.status.setText(self.tr("Checking…"))
        self._check = (
            operations.Op(self, job)
            .success(lambda report: self._checked_ok(signature, report))
            .failure(self._check_failed)
            .with_progress(self.tr("Checking the file…"))
            .run()
        )
        self.completeChanged.emit()
        return self._check

    def cancel_check(self) -> None:
        if self._check is not None:
            self._check.cancel()

    def _checked_ok(self, signature: tuple[object, ...], report: ImportReport) -> None:
        self._check = None
        self.check_button.setEnabled(True)
        self.report = report
        self._checked = signature
        self.counts.show_report(report)
        self.problems.show_errors(report.errors)
        self.near.setRowCount(len(report.near_duplicates))
        for r, near in enumerate(report.near_duplicates):
            self.near.setItem(r, 0, _number_item(near.row))
            self.near.setItem(r, 1, QTableWidgetItem(near.name))
            self.near.setItem(r, 2, QTableWidgetItem(near.existing_name))
        self._title_details()
        if report.errors:
            self.details.setCurrentWidget(self.problems)
        elif report.near_duplicates:
            self.details.setCurrentWidget(self.near)
        self._options_changed()

    def _say_checked(self, report: ImportReport) -> None:
        text = self.tr("Checked: nothing was saved yet. Click Import to import.")
        if report.failed:
            text += " " + self.tr(
                "Rows with problems are left out; you can save them after the import."
            )
        if report.near_duplicates:
            text += " " + self.tr(
                "Some new company names look like existing ones: see Similar companies."
            )
        self.status.setText(text)

    def _check_failed(self, exc: BaseException) -> None:
        self._check = None
        self.check_button.setEnabled(True)
        self._options_changed()
        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("The check was cancelled."))
        else:
            self.status.setText(self.tr("The check did not finish."))
            show_error(self, exc)

    def _title_details(self) -> None:
        problems = len(self.report.errors) if self.report else 0
        near = len(self.report.near_duplicates) if self.report else 0
        self.details.setTabText(0, self.tr("Problems ({count})").format(count=problems))
        self.details.setTabText(1, self.tr("Similar companies ({count})").format(count=near))


# -- page 4: the import ------------------------------------------------------------------------
class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.report: ImportReport | None = None
        self._import: operations.Op | None = None
        self._saving: operations.Op | None = None
        self.setTitle(self.tr("Import"))
        self.setSubTitle(
            self.tr("Everything is saved in one go: Cancel leaves the database as it was.")
        )
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))
        self.status = QLabel()
        self.status.setObjectName("result_status")
        self.status.setWordWrap(True)
        self.counts = CountsView(
            "result",
            [self.tr("created"), self.tr("updated"), self.tr("skipped"), self.tr("failed")],
        )
        self.problems = ProblemsTable("failed_rows")
        self.save_button = QPushButton(self.tr("Save failed rows…"))
        self.save_button.setObjectName("save_failed")
        self.save_button.setToolTip(
            self.tr("A workbook with the rows that failed and why: correct them and import it")
        )
        self.save_button.hide()
        self.saved = QLabel()
        self.saved.setObjectName("saved_status")
        self.saved.setWordWrap(True)
        self.saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.saved, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.counts)
        layout.addWidget(self.problems, 1)
        layout.addLayout(save_row)
        self.problems.hide()
        self.save_button.clicked.connect(self._ask_where_to_save)

    def isComplete(self) -> bool:
        return self._import is None

    @property
    def running(self) -> bool:
        return self._import is not None

    def initializePage(self) -> None:
        self.start()

    def start(self) -> operations.Op | None:
        """The import, in one transaction, in the background with progress and Cancel."""
        loaded = self.wiz.loaded
        if self._import is not None or loaded is None:
            return None
        mapping = self.wiz.columns_page.mapping()
        options = self.wiz.options_page.options(dry_run=False)
        job = self.wiz.import_job(loaded.path, mapping, options)

        self.report = None
        self.counts.show_report(None)
        self.status.setText(self.tr("Importing…"))
        self._import = (
            operations.Op(self, job)
            .writes()
            .success(self._imported)
            .failure(self._failed)
            .with_progress(self.tr("Importing contacts…"))
            .run()
        )
        self.completeChanged.emit()
        return self._import

    def cancel(self) -> None:
        if self._import is not None:
            self._import.cancel()

    def _imported(self, report: ImportReport) -> None:
        self._import = None
        self.report = report
        self.wiz.columns_page.remember()
        self.counts.show_report(report)
        text = self.tr("Done. The contact list shows the imported records.")
        if report.companies_created:
            text += " " + self.tr("New companies: {count}.").format(
                count=QLocale().toString(report.companies_created)
            )
        if report.failed:
            text += " " + self.tr(
                "Rows with problems were not imported: save them, correct them and import "
                "that file."
            )
            self.problems.show_errors(report.errors)
            self.problems.show()
            self.save_button.show()
        self.status.setText(text)
        self.wiz.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self._import = None
        if isinstance(exc, Cancelled):
            self.status.setText(message_for(exc))
        else:
            self.status.setText(self.tr("The import did not finish. Nothing was changed."))
            show_error(self, exc)
        self.completeChanged.emit()

    def _ask_where_to_save(self) -> None:
        if self.report is None:
            return
        folder = Path(self.report.file).parent
        name = f"{Path(self.report.file).stem} - {self.tr('failed rows')}.xlsx"
        target, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save failed rows"),
            str(folder / name),
            self.tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"),
        )
        if target:
            self.save_failed_rows(Path(target))

    def save_failed_rows(self, path: Path) -> operations.Op | None:
        """Write the failed rows, with why each failed, to ``path`` (.xlsx or .csv)."""
        report = self.report
        if report is None:
            return None
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".xlsx")

        def job(_progress: operations.Progress, _cancelled: Callable[[], bool]) -> int:
            return importing.write_error_workbook(report, path)

        def saved(rows: int) -> None:
            self._saving = None
            self.saved.setText(
                self.tr("Saved %n row(s) to {path}", "", rows).format(path=str(path))
            )

        def failed(exc: BaseException) -> None:
            self._saving = None
            show_error(self, exc)

        self.saved.setText(self.tr("Saving…"))
        self._saving = operations.Op(self, job).success(saved).failure(failed).run()
        return self._saving


# -- the wizard --------------------------------------------------------------------------------
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

    def import_job(
        self, path: Path, mapping: ColumnMapping, options: ImportOptions
    ) -> operations.Job:
        """The background job of a check (dry run) or an import, with translated steps."""
        ws, steps = self.ws, self.step_labels()

        def job(progress: operations.Progress, cancelled: Callable[[], bool]) -> ImportReport:
            return importing.import_file(
                ws,
                path,
                mapping,
                options,
                progress=lambda done, total, step: progress(done, total, steps.get(step, step)),
                cancelled=cancelled,
            )

        return job

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
