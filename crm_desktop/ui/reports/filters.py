"""The filters every report shares: period (a preset or custom dates), salesperson, region,
industry and currency (the most used one first). Their choices load off the GUI thread;
``changed`` fires once per edit (the tab debounces and reloads)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from crm_desktop.domain.periods import period_range
from crm_desktop.domain.records import Choices
from crm_desktop.domain.reports import ReportFilter
from crm_desktop.services import contacts as contact_service
from crm_desktop.services import reports as rs
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.widgets.owner_combo import OwnerCombo

translate = QCoreApplication.translate
PERIODS = (
    ("last_12", QT_TRANSLATE_NOOP("ReportFilters", "Last 12 months")),
    ("this_month", QT_TRANSLATE_NOOP("ReportFilters", "This month")),
    ("this_quarter", QT_TRANSLATE_NOOP("ReportFilters", "This quarter")),
    ("this_year", QT_TRANSLATE_NOOP("ReportFilters", "This year")),
    ("last_year", QT_TRANSLATE_NOOP("ReportFilters", "Last year")),
    ("custom", QT_TRANSLATE_NOOP("ReportFilters", "Custom")),
)


def preset_range(key: str, today: date) -> tuple[date, date]:
    """The days (inclusive) of a period preset as seen on ``today``."""
    if key == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    start, end = period_range(key, today)
    if start is None or end is None:  # last 12 months (and anything unknown)
        flt = rs.last_twelve_months(today)
        assert flt.start is not None and flt.end is not None
        return flt.start, flt.end
    return start, end


class ReportFilters(QWidget):
    changed = Signal()

    def __init__(self, ws: Workspace, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.ws = ws
        self._today = today
        self.loaded = False
        self.period = QComboBox()
        self.period.setObjectName("report_period")
        for key, words in PERIODS:
            self.period.addItem(translate("ReportFilters", words), key)
        self.start = self._date_edit("report_from")
        self.end = self._date_edit("report_to")
        self.owner = OwnerCombo(ws, everyone=self.tr("All salespeople"))
        self.owner.setObjectName("report_owner")
        self.region = self._combo("report_region", self.tr("All regions"))
        self.industry = self._combo("report_industry", self.tr("All industries"))
        self.currency = QComboBox()
        self.currency.setObjectName("report_currency")
        self.currency.setToolTip(self.tr("Reports never add two currencies together"))
        self._set_dates(*preset_range("last_12", today()))
        # Natural widths, yet able to shrink: the window fits an 800-pixel screen too.
        for box in (self.period, self.start, self.end, self.owner, self.region, self.industry):
            box.setMinimumWidth(56)
        self.currency.setMinimumWidth(48)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Period:")))
        row.addWidget(self.period)
        row.addWidget(self.start)
        row.addWidget(QLabel("–"))
        row.addWidget(self.end)
        row.addSpacing(8)
        for box in (self.owner, self.region, self.industry):
            row.addWidget(box)
        row.addWidget(QLabel(self.tr("Currency:")))
        row.addWidget(self.currency)
        row.addStretch(1)

        self.period.currentIndexChanged.connect(self._preset_chosen)
        self.start.dateChanged.connect(self._dates_edited)
        self.end.dateChanged.connect(self._dates_edited)
        for box in (self.owner, self.region, self.industry, self.currency):
            box.currentIndexChanged.connect(lambda *_: self.changed.emit())

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _combo(self, name: str, everything: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.addItem(everything, None)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return box

    # -- period ----------------------------------------------------------------------------
    def _set_dates(self, start: date, end: date) -> None:
        for edit, day in ((self.start, start), (self.end, end)):
            blocked = edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(blocked)

    def _preset_chosen(self) -> None:
        key = self.period.currentData()
        if key != "custom":
            self._set_dates(*preset_range(key, self._today()))
        self.changed.emit()

    def _dates_edited(self) -> None:
        """A date typed or picked makes the period custom."""
        blocked = self.period.blockSignals(True)
        self.period.setCurrentIndex(self.period.findData("custom"))
        self.period.blockSignals(blocked)
        self.changed.emit()

    def set_period(self, start: date, end: date) -> None:
        """Custom dates (as a user picks them)."""
        self._set_dates(start, end)
        self._dates_edited()

    # -- choices ---------------------------------------------------------------------------
    def load(self, then: Callable[[], None] | None = None) -> None:
        """Fetch regions, industries and currencies afresh (the choices made are kept);
        ``then`` is called once they are in."""
        ws = self.ws

        def job() -> tuple[Choices, list[str]]:
            return contact_service.choices(ws), rs.currencies(ws)

        def done(found: tuple[Choices, list[str]]) -> None:
            self._fill(*found)
            if then is not None:
                then()

        operations.query(self, job).success(done).run()

    def _fill(self, choices: Choices, currencies: Sequence[str]) -> None:
        for box, values in (
            (self.region, choices.regions),
            (self.industry, choices.industries),
            (self.currency, currencies),
        ):
            blocked = box.blockSignals(True)
            chosen = box.currentData()
            keep = 1 if box is not self.currency else 0  # the "All …" entry stays
            while box.count() > keep:
                box.removeItem(keep)
            for value in values:
                box.addItem(value, value)
            box.setCurrentIndex(max(box.findData(chosen), 0) if chosen is not None else 0)
            box.blockSignals(blocked)
        self.loaded = True

    # -- the filter ------------------------------------------------------------------------
    def value(self) -> ReportFilter:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        if start > end:
            start, end = end, start
        return ReportFilter(
            start=start,  # type: ignore[arg-type]
            end=end,  # type: ignore[arg-type]
            owner_id=self.owner.owner_id(),
            region=self.region.currentData(),
            industry=self.industry.currentData(),
            currency=self.currency.currentData(),
        )
