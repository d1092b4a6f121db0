"""The import history: every import into this database, and Undo for one of them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.records import ImportRunInfo, UndoResult
from crm_desktop.services import importing
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.errors import local_time
from crm_desktop.ui.operations import importing as importing_ops

RUN_ROLE = Qt.ItemDataRole.UserRole + 1


class ImportHistoryDialog(QDialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setObjectName("import_history")
        self.setWindowTitle(self.tr("Import history"))
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "Undo takes an import back: the records it created are removed and those it "
                "updated get their old values. Records changed since are left alone."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.table = QTableWidget(0, 9)
        self.table.setObjectName("imports")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("File"),
                self.tr("Sheet"),
                self.tr("By"),
                self.tr("Created"),
                self.tr("Updated"),
                self.tr("Skipped"),
                self.tr("Failed"),
                self.tr("Status"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.undo_button = QPushButton(self.tr("&Undo this import…"))
        self.undo_button.setObjectName("undo_import")
        self.undo_button.clicked.connect(self.undo_selected)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update_buttons()
        self.refresh()

    def refresh(self) -> operations.Op:
        """Reads the history off the GUI thread (every import of a long-used file)."""
        ws = self.ws
        return operations.query(self, lambda: importing.history(ws)).success(self._show).run()

    def _show(self, runs: list[ImportRunInfo]) -> None:
        self.table.setRowCount(len(runs))
        for row, run in enumerate(runs):
            status = (
                self.tr("Undone %s") % local_time(run.undone_at)
                if run.undone_at
                else self.tr("Imported")
            )
            values = [
                local_time(run.at), run.file, run.sheet, run.user or "",
                run.created, run.updated, run.skipped, run.failed, status,
            ]  # fmt: skip
            for column, value in enumerate(values):
                item = QTableWidgetItem(f"{value:,}" if isinstance(value, int) else str(value))
                if isinstance(value, int):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setData(RUN_ROLE, run)
                self.table.setItem(row, column, item)
        if runs:
            self.table.selectRow(0)
        self._update_buttons()

    def selected_run(self) -> ImportRunInfo | None:
        items = self.table.selectedItems()
        return items[0].data(RUN_ROLE) if items else None

    def _update_buttons(self) -> None:
        run = self.selected_run()
        self.undo_button.setEnabled(run is not None and run.undone_at is None)

    def undo_selected(self) -> operations.Op | None:
        run = self.selected_run()
        if run is None or run.undone_at is not None:
            return None
        answer = QMessageBox.question(
            self,
            self.tr("Undo import"),
            self.tr(
                "Undo the import of %1 (%2)?\n\n"
                "The %3 record(s) it created will be removed and the %4 it updated will get "
                "their old values back. Records changed since the import are left alone."
            )
            .replace("%1", run.file)
            .replace("%2", local_time(run.at))
            .replace("%3", f"{run.created:,}")
            .replace("%4", f"{run.updated:,}"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return (
            importing_ops.undo_import(self, self.ws, run.id)
            .success(self._undone)
            .with_progress(self.tr("Undoing the import…"))
            .run()
        )

    def _undone(self, result: UndoResult) -> None:
        self.refresh()
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Import undone"))
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(
            self.tr("%Ln record(s) removed.", "", result.removed)
            + " "
            + self.tr("%Ln record(s) given back their old values.", "", result.restored)
        )
        if result.kept:
            box.setInformativeText(
                self.tr(
                    "%Ln record(s) changed since the import were left as they are.",
                    "",
                    len(result.kept),
                )
            )
            box.setDetailedText("\n".join(result.kept))
        box.open()
        self.last_message = box
