"""Page 4 of the import wizard: the import (one transaction; Cancel rolls it back), its counts,
and the failed rows to save as a workbook, fix and import again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QLocale,
    Qt,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from crm_desktop.domain.errors import Cancelled
from crm_desktop.services import importing
from crm_desktop.services.importing import ImportReport
from crm_desktop.ui import operations
from crm_desktop.ui.errors import message_for, show_error
from crm_desktop.ui.importing.widgets import CountsView, ProblemsTable

if TYPE_CHECKING:
    from crm_desktop.ui.importing.wizard import ImportWizard


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
            [
                self.tr("created"),
                self.tr("updated"),
                self.tr("skipped"),
                self.tr("failed"),
                self.tr("warnings"),
            ],
        )
        self.problems = ProblemsTable("failed_rows")
        self.warnings = ProblemsTable("result_warnings", values=True)
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
        layout.addWidget(self.warnings, 1)
        layout.addLayout(save_row)
        self.problems.hide()
        self.warnings.hide()
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
        op = self.wiz.import_op(self, self.wiz.options_page.options(dry_run=False))
        self.report = None
        self.counts.show_report(None)
        self.status.setText(self.tr("Importing…"))
        self._import = (
            op.success(self._imported)
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
        if report.warnings:
            text += " " + self.tr(
                "%n value(s) could not go into their fields: they are in the records' notes, "
                "listed below.",
                "",
                len(report.warnings),
            )
            self.warnings.show_errors(report.warnings)
            self.warnings.show()
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
