"""Page 3 of the import wizard: what to do with rows that match existing contacts, and a dry
run ("Check") of exactly these choices. The commit page: Import starts the import."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from crm_desktop.domain.errors import Cancelled
from crm_desktop.services.importing import ImportOptions, ImportReport
from crm_desktop.ui import operations
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.importing.widgets import CountsView, ProblemsTable, number_item, table

if TYPE_CHECKING:
    from crm_desktop.ui.importing.wizard import ImportWizard


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
            [
                self.tr("to create"),
                self.tr("to update"),
                self.tr("to skip"),
                self.tr("will fail"),
                self.tr("warnings"),
            ],
        )
        self.problems = ProblemsTable("problems")
        self.warnings = ProblemsTable("warnings", values=True)
        self.warnings.setToolTip(
            self.tr("Imported without these values: each is kept in the record's notes")
        )
        self.near = table(
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
        self.details.addTab(self.warnings, "")
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
        op = self.wiz.import_op(self, self.options(dry_run=True))
        self.check_button.setEnabled(False)
        self.status.setText(self.tr("Checking…"))
        self._check = (
            op.success(lambda report: self._checked_ok(signature, report))
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
        self.warnings.show_errors(report.warnings)
        self.near.setRowCount(len(report.near_duplicates))
        for r, near in enumerate(report.near_duplicates):
            self.near.setItem(r, 0, number_item(near.row))
            self.near.setItem(r, 1, QTableWidgetItem(near.name))
            self.near.setItem(r, 2, QTableWidgetItem(near.existing_name))
        self._title_details()
        if report.errors:
            self.details.setCurrentWidget(self.problems)
        elif report.near_duplicates:
            self.details.setCurrentWidget(self.near)
        elif report.warnings:
            self.details.setCurrentWidget(self.warnings)
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
        if report.warnings:
            text += " " + self.tr(
                "Values that a field cannot hold go to the record's notes: see Warnings."
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
        warnings = len(self.report.warnings) if self.report else 0
        self.details.setTabText(0, self.tr("Problems ({count})").format(count=problems))
        self.details.setTabText(1, self.tr("Similar companies ({count})").format(count=near))
        self.details.setTabText(2, self.tr("Warnings ({count})").format(count=warnings))
