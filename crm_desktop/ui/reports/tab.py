"""The Reports tab: a list of reports on the left; on the right the shared filters, the
report's own choices, its chart (matplotlib on a Qt canvas) beside its table.

A change of filter or choice reloads after a short pause: the report's query runs in a query
op (the window never waits for it), its figure is built from the plain result on the GUI
thread and drawn when idle. The tab follows orders, payments, deals, companies and products
(stale while hidden, reloaded when shown). ABC grades are written and taken back through
operations; charts export to PNG/PDF and tables to .xlsx, each in an operation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.records import RecordKind
from crm_desktop.domain.reports import AbcBasis, AbcResult, Dimension, GradeChange, Grain
from crm_desktop.reports.fonts import cjk_font_problem, use_cjk_font
from crm_desktop.reports.labels import text as label
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.changes import ChangeFollower
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.i18n import window_language
from crm_desktop.ui.operations import reports as report_ops
from crm_desktop.ui.reports.catalogue import REPORTS, Loaded, Options, Report, grades_to_change
from crm_desktop.ui.reports.chart_view import ChartView
from crm_desktop.ui.reports.filters import ReportFilters
from crm_desktop.ui.reports.report_table import ReportTable, columns_of
from crm_desktop.ui.widgets.list_view import RowsTable
from crm_desktop.ui.widgets.palette import WARNING

RELOAD_DELAY_MS = 250  # typing a date or stepping a cut-off reloads once, after a pause
FOLLOWED = (
    RecordKind.ORDER,
    RecordKind.PAYMENT,
    RecordKind.OPPORTUNITY,
    RecordKind.COMPANY,
    RecordKind.PRODUCT,
    RecordKind.LEAD,
    RecordKind.ACTIVITY,
)


class ReportsTab(QWidget):
    loaded = Signal(str)  # a report's chart and table are shown (its key)
    notice = Signal(str)  # a passing message for the status bar (exported, grades written)
    openCompany = Signal(int)  # a customer's row double-clicked: show it in Contacts

    def __init__(
        self,
        ws: Workspace,
        settings: QSettings,
        parent: QWidget | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.settings = settings
        self._today = today
        self._generation = 0
        self.current: Loaded | None = None  # what the chart and table show
        self.report_table: ReportTable | None = None
        self.applied: tuple[GradeChange, ...] = ()  # the last grades written, for Undo
        use_cjk_font()  # Chinese names and labels in every chart of the window

        self.reports = QListWidget()
        self.reports.setObjectName("report_list")
        for report in REPORTS:
            item = QListWidgetItem(report.title())
            item.setData(Qt.ItemDataRole.UserRole, report.key)
            item.setToolTip(report.title())
            self.reports.addItem(item)
        self.reports.setWordWrap(True)  # long titles take two lines of the tall list
        self.reports.setSpacing(2)
        self.reports.setMinimumWidth(100)

        self.filters = ReportFilters(ws, today)
        self._build_options()
        self.summary = QLabel()
        self.summary.setObjectName("report_summary")
        self.summary.setWordWrap(True)
        self.chart = ChartView()
        self.table = RowsTable((), "report_table", settings)
        self.table.doubleClicked.connect(self._open_row)
        # Columns sized from the first rows, not a thousand: a report may have thousands.
        self.table.horizontalHeader().setResizeContentsPrecision(60)
        self.font_problem = QLabel(cjk_font_problem() or "")
        self.font_problem.setWordWrap(True)
        self.font_problem.setStyleSheet(f"color: {WARNING.name()};")
        self.font_problem.setVisible(bool(cjk_font_problem()))

        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.setObjectName("report_body")
        self.body.addWidget(self.chart)
        self.body.addWidget(self.table)
        self.body.setStretchFactor(0, 3)
        self.body.setStretchFactor(1, 2)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.filters)
        column.addLayout(self.options_row)
        column.addWidget(self.font_problem)
        column.addWidget(self.summary)
        column.addWidget(self.body, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("reports_splitter")
        self.splitter.addWidget(self.reports)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([190, 1080])
        self.body.setSizes([600, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)
        self._restore_state()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RELOAD_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.filters.changed.connect(self._timer.start)
        self.reports.currentRowChanged.connect(self._report_chosen)
        for splitter in (self.splitter, self.body):
            splitter.splitterMoved.connect(lambda *_: self._save_state())
        self.follower = ChangeFollower(self, ws, FOLLOWED, self.refresh)
        self._report_chosen(self.reports.currentRow(), reload=False)

    # -- the report's own choices ----------------------------------------------------------
    def _build_options(self) -> None:
        self.view = QComboBox()
        self.view.setObjectName("report_view")
        self.grain = QComboBox()
        self.grain.setObjectName("report_grain")
        for grain, words in (
            (Grain.MONTH, self.tr("By month")),
            (Grain.QUARTER, self.tr("By quarter")),
            (Grain.YEAR, self.tr("By year")),
        ):
            self.grain.addItem(words, grain.value)
        self.by = QComboBox()
        self.by.setObjectName("report_by")
        for dim, words in (
            (Dimension.OWNER, self.tr("By salesperson")),
            (Dimension.REGION, self.tr("By region")),
            (Dimension.INDUSTRY, self.tr("By industry")),
            (Dimension.PRODUCT, self.tr("By product")),
            (Dimension.CATEGORY, self.tr("By product category")),
            (Dimension.GRADE, self.tr("By customer grade")),
            (Dimension.CUSTOMER, self.tr("By customer")),
        ):
            self.by.addItem(words, dim.value)
        self.basis = QComboBox()
        self.basis.setObjectName("abc_basis")
        for basis, words in (
            (AbcBasis.REVENUE, self.tr("By revenue")),
            (AbcBasis.PROFIT, self.tr("By gross profit")),
            (AbcBasis.PAYMENTS, self.tr("By payments received")),
        ):
            self.basis.addItem(words, basis.value)
        self.cut_a = self._percent("abc_cut_a", 80, self.tr("A up to "))
        self.cut_b = self._percent("abc_cut_b", 95, self.tr("B up to "))
        self.apply_button = QPushButton(self.tr("Apply grades…"))
        self.apply_button.setObjectName("apply_grades")
        self.apply_button.setToolTip(
            self.tr(
                "Write each customer's class to its company's grade (the Contacts list "
                "filters by grade); undoable"
            )
        )
        self.apply_button.clicked.connect(self.apply_grades)
        self.undo_button = QPushButton(self.tr("Undo grades"))
        self.undo_button.setObjectName("undo_grades")
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_grades)
        self.export_chart_button = QPushButton(self.tr("Export chart…"))
        self.export_chart_button.setObjectName("export_chart")
        self.export_chart_button.clicked.connect(self.export_chart)
        self.export_table_button = QPushButton(self.tr("Export table…"))
        self.export_table_button.setObjectName("export_table")
        self.export_table_button.clicked.connect(self.export_table)
        self.busy = QLabel(self.tr("Loading…"))
        self.busy.setObjectName("report_busy")
        self.busy.setVisible(False)

        self.abc_options = [self.basis, self.cut_a, self.cut_b, self.apply_button, self.undo_button]
        row = self.options_row = QHBoxLayout()
        self.view_label = QLabel(self.tr("Show:"))
        for widget in (self.view_label, self.view, self.grain, self.by, *self.abc_options):
            widget.hide()  # each report shows its own (hidden first: the layout's size is of those)
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.busy)
        row.addWidget(self.export_chart_button)
        row.addWidget(self.export_table_button)
        for box in (self.view, self.grain, self.by, self.basis):
            box.setMinimumWidth(60)  # may shrink on a small screen (natural width otherwise)
            box.currentIndexChanged.connect(lambda *_: self._timer.start())
        for spin in (self.cut_a, self.cut_b):
            spin.valueChanged.connect(lambda *_: self._timer.start())

    def _percent(self, name: str, value: int, prefix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(1, 100)
        spin.setValue(value)
        spin.setPrefix(prefix)
        spin.setSuffix(" %")
        spin.setToolTip(self.tr("Cumulative share of the total closing the class"))
        return spin

    @property
    def report(self) -> Report:
        return REPORTS[max(self.reports.currentRow(), 0)]

    def _report_chosen(self, row: int, reload: bool = True) -> None:
        report = REPORTS[max(row, 0)]
        shown = set(report.options)
        blocked = self.view.blockSignals(True)
        self.view.clear()
        for key, words in report.views():
            self.view.addItem(words, key)
        self.view.blockSignals(blocked)
        self.view.setVisible("view" in shown)
        self.view_label.setVisible("view" in shown)
        self.grain.setVisible("grain" in shown)
        self.by.setVisible("by" in shown)
        for widget in self.abc_options:
            widget.setVisible("abc" in shown)
        self.settings.setValue("reports/current", report.key)
        if reload:
            self.reload()

    def options(self) -> Options:
        a, b = self.cut_a.value(), self.cut_b.value()
        return Options(
            grain=self.grain.currentData(),
            by=self.by.currentData(),
            view=self.view.currentData() or "",
            basis=self.basis.currentData(),
            cutoffs=(Decimal(a) / 100, Decimal(b) / 100),
        )

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """The data changed (or F5): regions, industries and currencies afresh, then the report."""
        self.filters.loaded = False
        self.reload()

    def reload(self) -> None:
        """Query the report in front with the filters as they are (off the GUI thread); the
        filters' choices are fetched first the first time."""
        self._timer.stop()
        if not self.filters.loaded:
            self.filters.load(then=self.reload)
            return
        self._generation += 1
        generation = self._generation
        report, opts, flt, ws = self.report, self.options(), self.filters.value(), self.ws
        if "abc" in report.options and not opts.cutoffs[0] < opts.cutoffs[1]:
            self.summary.setText(
                self.tr("Class A must close below class B (such as 80 % and 95 %).")
            )
            return
        today, lang = self._today(), window_language()

        def job() -> tuple[Loaded, ReportTable]:
            # The table too: thousands of rows are plain data, built here, not in the window.
            loaded = Loaded(report.key, opts, flt, report.query(ws, flt, opts, today))
            return loaded, report.table(loaded, lang)

        self.busy.setVisible(True)
        operations.query(self, job).success(lambda found: self._show(generation, *found)).failure(
            lambda exc: self._failed(generation, exc)
        ).run()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.busy.setVisible(False)
            show_error(self, exc)

    def _show(self, generation: int, loaded: Loaded, table: ReportTable) -> None:
        if generation != self._generation:
            return  # the filters changed meanwhile: a newer load is on its way
        self.busy.setVisible(False)
        report = next(r for r in REPORTS if r.key == loaded.key)
        lang = window_language()
        self.current = loaded
        self.chart.set_figure(report.chart(loaded, lang)())
        self.report_table = table
        columns = columns_of(table, loaded.key)
        if [c.key for c in columns] != [c.key for c in self.table.rows_model.columns]:
            self.table.set_columns(columns)
            self.table.sized = False  # new columns: sized to their contents again
        self.table.set_rows(table.rows)
        customers = any(r.company_id is not None for r in table.rows)
        self.table.setToolTip(
            self.tr("Double-click a customer to open it in Contacts") if customers else ""
        )
        self.summary.setText(table.summary)
        self.summary.setVisible(bool(table.summary))
        self.apply_button.setEnabled(isinstance(loaded.result, AbcResult) and not self.ws.read_only)
        self.loaded.emit(loaded.key)

    def _open_row(self, index: QModelIndex) -> None:
        row = self.table.rows_model.row(index.row())
        if row is not None and row.company_id is not None:
            self.openCompany.emit(row.company_id)

    # -- ABC grades ------------------------------------------------------------------------
    def apply_grades(self) -> None:
        """Ask, then write the classes shown to the companies' grades (an operation)."""
        if self.current is None or not isinstance(self.current.result, AbcResult):
            return
        result: AbcResult = self.current.result
        counts = grades_to_change(result)
        changing = sum(counts.values())
        if not changing:
            QMessageBox.information(
                self,
                self.tr("Apply grades"),
                self.tr("Every company already has its class as grade.")
                if result.customers
                else self.tr("There are no customers to grade."),
            )
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Apply grades"))
        box.setText(
            self.tr(
                "Write the ABC classes to the companies' grades? %n company(s) change.",
                "",
                changing,
            )
            + "\n"
            + self.tr("To A: {a}, to B: {b}, to C: {c}. Undo gives the old grades back.").format(
                a=counts["A"], b=counts["B"], c=counts["C"]
            )
        )
        apply = box.addButton(self.tr("Apply grades"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not apply:
            return
        self.apply_button.setEnabled(False)
        report_ops.apply_grades(self, self.ws, result).success(self._applied).failure(
            self._write_failed
        ).run()

    def _applied(self, applied: object) -> None:
        self.applied = tuple(applied.changes)  # type: ignore[attr-defined]
        self.undo_button.setEnabled(bool(self.applied) and not self.ws.read_only)
        self.apply_button.setEnabled(True)
        self.notice.emit(self.tr("Grades written: %n company(s) changed.", "", len(self.applied)))

    def undo_grades(self) -> None:
        if not self.applied:
            return
        self.undo_button.setEnabled(False)
        report_ops.undo_grades(self, self.ws, self.applied).success(self._undone).failure(
            self._write_failed
        ).run()

    def _undone(self, undone: object) -> None:
        self.applied = ()
        kept = len(undone.kept)  # type: ignore[attr-defined]
        text = self.tr("Grades given back: %n company(s).", "", undone.restored)  # type: ignore[attr-defined]
        if kept:
            text += " " + self.tr(
                "%n company(s) changed by a colleague since: left as they are.", "", kept
            )
        self.notice.emit(text)

    def _write_failed(self, exc: BaseException) -> None:
        self.apply_button.setEnabled(True)
        self.undo_button.setEnabled(bool(self.applied))
        show_error(self, exc)

    # -- export ----------------------------------------------------------------------------
    def _file_name(self, suffix: str) -> Path:
        folder = Path(str(self.settings.value("paths/last_report_dir", str(Path.home()))))
        name = self.report_table.name if self.report_table else "report"
        return folder / f"{name} {self._today().isoformat()}{suffix}"

    def _ask_path(self, title: str, suffix: str, filters: str) -> Path | None:
        target, chosen = QFileDialog.getSaveFileName(
            self, title, str(self._file_name(suffix)), filters
        )
        if not target:
            return None
        path = Path(target)
        self.settings.setValue("paths/last_report_dir", str(path.parent))
        if path.suffix.lower() not in (".png", ".pdf", ".xlsx"):
            path = path.with_suffix(".pdf" if "pdf" in chosen.lower() else suffix)
        return path

    def export_chart(self) -> None:
        if self.current is None:
            return
        path = self._ask_path(
            self.tr("Export chart"), ".png", self.tr("PNG image (*.png);;PDF document (*.pdf)")
        )
        if path is not None:
            self.export_chart_to(path)

    def export_chart_to(self, path: Path) -> operations.Op | None:
        """The chart shown, as a new figure saved in a worker (.png or .pdf by the suffix)."""
        if self.current is None:
            return None
        report = next(r for r in REPORTS if r.key == self.current.key)
        build = report.chart(self.current, window_language())
        return (
            report_ops.export_chart(self, build, path)
            .success(lambda saved: self.notice.emit(self.tr("Chart saved to %s") % saved))
            .run()
        )

    def export_table(self) -> None:
        if self.report_table is None:
            return
        path = self._ask_path(self.tr("Export table"), ".xlsx", self.tr("Excel workbook (*.xlsx)"))
        if path is not None:
            self.export_table_to(path)

    def export_table_to(self, path: Path) -> operations.Op | None:
        table = self.report_table
        if table is None:
            return None
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        headers = table.export_headers(label("Currency", window_language()))
        return (
            report_ops.export_table(self, path, headers, table.export_rows(), table.name)
            .success(
                lambda rows: self.notice.emit(
                    self.tr("%n row(s) exported to %1", "", rows).replace("%1", str(path))
                )
            )
            .run()
        )

    # -- state -----------------------------------------------------------------------------
    def _restore_state(self) -> None:
        for splitter in (self.splitter, self.body):
            state = self.settings.value(f"reports/{splitter.objectName()}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        key = self.settings.value("reports/current", REPORTS[0].key)
        row = next((i for i, r in enumerate(REPORTS) if r.key == key), 0)
        blocked = self.reports.blockSignals(True)
        self.reports.setCurrentRow(row)
        self.reports.blockSignals(blocked)

    def _save_state(self) -> None:
        for splitter in (self.splitter, self.body):
            self.settings.setValue(f"reports/{splitter.objectName()}", splitter.saveState())
