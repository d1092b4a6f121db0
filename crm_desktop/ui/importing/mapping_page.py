"""Page 2 of the import wizard: which field each column goes into (remembered per set of
headers, else suggested), with a preview of the first rows read exactly as the import reads them."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from crm_desktop.services import importing
from crm_desktop.services.importing import ColumnMapping, LoadedSheet
from crm_desktop.ui.importing.texts import column_letter, target_label
from crm_desktop.ui.importing.widgets import table

if TYPE_CHECKING:
    from crm_desktop.ui.importing.wizard import ImportWizard

log = logging.getLogger(__name__)

MAPPING_SETTING = "import/mappings/"  # + the headers' key: the mapping as JSON text
PREVIEW_ROWS = 20
SAMPLE_VALUES = 3  # shown next to each column


def mapping_setting(headers: Sequence[str]) -> str:
    return MAPPING_SETTING + importing.mapping_setting_key(tuple(headers))


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

        self.preview = table([], "preview")
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
        return bool(self.combos) and any(
            c.currentData() in importing.NAME_TARGETS for c in self.combos
        )

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
                mapping = importing.suggested_mapping(loaded)
                self.remembered.setText(self.tr("Suggested from the headers and values"))
        self._build(loaded, mapping)

    def _remembered(self, loaded: LoadedSheet) -> ColumnMapping | None:
        stored = self.wiz.settings.value(mapping_setting(loaded.headers))
        if not stored:
            return None
        try:
            return importing.mapping_from_text(str(stored), loaded)
        except ValueError:  # an old or damaged entry: suggest afresh
            log.warning("ignoring the remembered mapping for %s", loaded.path.name)
            return None

    def remember(self) -> None:
        """Keep this mapping for the next file with the same headers."""
        loaded = self.wiz.loaded
        if loaded is None or not self.combos:
            return
        text = importing.mapping_as_text(self.mapping(), loaded.headers)
        self.wiz.settings.setValue(mapping_setting(loaded.headers), text)

    # -- the table of columns ----------------------------------------------------------------
    def _build(self, loaded: LoadedSheet, mapping: ColumnMapping) -> None:
        self._built_for = loaded
        self.header_label.setText(
            self.tr("Headers found in row {row}").format(row=loaded.header_row + 1)
        )
        self.note.hide()
        column_samples = importing.column_samples(loaded)
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
            samples = column_samples[index]  # each value once
            sample = QTableWidgetItem("  ·  ".join(samples[:SAMPLE_VALUES]))
            sample.setToolTip("\n".join(samples[:10]))
            sample.setForeground(QColor("dimgray"))
            self.table.setItem(index, 1, sample)
            combo = QComboBox()
            combo.setObjectName(f"target_{index}")
            for key in importing.FIELDS:
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
        if target not in importing.REPEATABLE:
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
        mapping = self.mapping()
        mapped = [(i, t) for i, t in enumerate(mapping.columns) if t != "skip"]
        # Read by the import's own parser: what it rejects is shown rejected.
        rows = importing.preview_rows(loaded, mapping, PREVIEW_ROWS)
        self.preview.setColumnCount(len(mapped))
        self.preview.setRowCount(len(rows))
        for c, (index, target) in enumerate(mapped):
            head = QTableWidgetItem(target_label(target))
            head.setToolTip(
                self.tr("From column {letter}: {header}").format(
                    letter=column_letter(index), header=loaded.headers[index]
                )
            )
            self.preview.setHorizontalHeaderItem(c, head)
        self.preview.setVerticalHeaderLabels([str(row.number) for row in rows])
        for r, row in enumerate(rows):
            for c, (index, _target) in enumerate(mapped):
                cell = row.cells[index]
                item = QTableWidgetItem(cell.text)
                if cell.problem:
                    item.setBackground(QColor("#fde2e2"))
                    item.setToolTip(cell.problem)
                self.preview.setItem(r, c, item)
        self.preview.resizeColumnsToContents()
        for c in range(self.preview.columnCount()):
            self.preview.setColumnWidth(c, min(self.preview.columnWidth(c) + 12, 260))

    def preview_headers(self) -> list[str]:
        return [
            self.preview.horizontalHeaderItem(c).text() for c in range(self.preview.columnCount())
        ]
