"""Response-time targets, shared by everyone on the database: hours to the first response and
to the resolution per kind and priority; channel rules ("an e-mail unanswered for 12 hours is
overdue"); business hours (working days, hours, holidays); the return visit after a resolved
complaint. Tickets opened or re-prioritised from then on follow them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.service import (
    DEFAULT_TARGETS,
    MAX_DAYS_RETURN_VISIT,
    Channel,
    Priority,
    ServiceSettings,
    SlaRule,
    TicketKind,
)
from crm_desktop.services import service_config
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui import operations
from crm_desktop.ui.operations import Op
from crm_desktop.ui.operations import service as service_ops
from crm_desktop.ui.service.labels import channel_label, kind_label, priority_label
from crm_desktop.ui.widgets.form_dialog import FormDialog
from crm_desktop.ui.widgets.palette import MUTED

HOUR = 3600
MAX_HOURS = 24 * 365


def _hours_box(seconds: int) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, MAX_HOURS)
    box.setDecimals(1)
    box.setSingleStep(1)
    box.setValue(seconds / HOUR)
    box.setSpecialValueText("—")  # 0: no target
    return box


def _seconds(box: QDoubleSpinBox) -> int:
    return round(box.value() * HOUR)


class TargetsDialog(FormDialog):
    loaded = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent, error_name="targets_error")
        self.setObjectName("targets_dialog")
        self.ws = ws
        self.settings = ServiceSettings()
        self.setWindowTitle(self.tr("Response-time targets"))
        self.resize(760, 340)
        self.grid_page = QWidget()
        self.grid = QGridLayout(self.grid_page)
        self.grid.setObjectName("targets_grid")
        self.cells: dict[tuple[TicketKind, Priority], tuple[QDoubleSpinBox, QDoubleSpinBox]] = {}
        self.channels = QTableWidget(0, 3)
        self.channels.setObjectName("targets_channels")
        self.channels.setHorizontalHeaderLabels(
            [self.tr("Channel"), self.tr("First response (h)"), self.tr("Resolution (h)")]
        )
        self.channels.verticalHeader().hide()
        self.channels.horizontalHeader().setStretchLastSection(True)
        self.channel_cells: dict[Channel, tuple[QDoubleSpinBox, QDoubleSpinBox]] = {}
        channel_page = QWidget()
        channel_layout = QVBoxLayout(channel_page)
        hint = QLabel(
            self.tr(
                "A ticket that came in this way is due by these times at the latest, whatever "
                "its kind and priority (e.g. e-mail: first response 12 h). — : no rule."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED.name()};")
        channel_layout.addWidget(hint)
        channel_layout.addWidget(self.channels, 1)
        tabs = QTabWidget()
        tabs.addTab(self.grid_page, self.tr("By kind and priority"))
        tabs.addTab(channel_page, self.tr("By channel"))
        tabs.addTab(self._hours_page(), self.tr("Business hours"))
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        note = QLabel(self.tr("Shared by everyone on this database; new tickets follow them."))
        note.setStyleSheet(f"color: {MUTED.name()};")
        layout.addWidget(note)
        self.add_footer(layout)
        self.set_valid(False)  # until the targets are read
        self._load()

    def _hours_page(self) -> QWidget:
        page = QWidget()
        self.business = QCheckBox(self.tr("Count working time only"))
        self.business.setObjectName("business_hours")
        days = QHBoxLayout()
        self.days: list[QCheckBox] = []
        names = [self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"),
                 self.tr("Sat"), self.tr("Sun")]  # fmt: skip
        for name in names:
            box = QCheckBox(name)
            self.days.append(box)
            days.addWidget(box)
        days.addStretch(1)
        self.start = QTimeEdit()
        self.start.setDisplayFormat("HH:mm")
        self.end = QTimeEdit()
        self.end.setDisplayFormat("HH:mm")
        hours = QHBoxLayout()
        hours.addWidget(self.start)
        hours.addWidget(QLabel("–"))
        hours.addWidget(self.end)
        hours.addStretch(1)
        self.holidays = QLineEdit()
        self.holidays.setObjectName("holidays")
        self.holidays.setPlaceholderText("2027-01-01, 2027-02-16")
        self.return_visit = QSpinBox()
        self.return_visit.setObjectName("return_visit_days")
        self.return_visit.setRange(0, MAX_DAYS_RETURN_VISIT)
        self.return_visit.setSpecialValueText(self.tr("none"))
        self.return_visit.setSuffix(self.tr(" days"))
        group = QGroupBox()
        form = QFormLayout(group)
        form.addRow(self.business)
        form.addRow(self.tr("Working days"), days)
        form.addRow(self.tr("Working hours"), hours)
        form.addRow(self.tr("Holidays"), self.holidays)
        self.business.toggled.connect(self._business_toggled)
        column = QVBoxLayout(page)
        column.addWidget(group)
        visit = QFormLayout()
        visit.addRow(self.tr("Return visit after a resolved complaint"), self.return_visit)
        column.addLayout(visit)
        column.addStretch(1)
        return page

    def _business_toggled(self, on: bool) -> None:
        for widget in (*self.days, self.start, self.end, self.holidays):
            widget.setEnabled(on)

    # -- reading -------------------------------------------------------------------------------
    def _load(self) -> None:
        ws = self.ws

        def read() -> tuple[tuple[SlaRule, ...], ServiceSettings]:
            return service_config.sla_rules(ws), service_config.service_settings(ws)

        operations.query(self, read).success(lambda r: self._show(*r)).run()

    def _show(self, rules: tuple[SlaRule, ...], settings: ServiceSettings) -> None:
        self.settings = settings
        grid = {(r.kind, r.priority): r for r in rules if r.channel is None}
        priorities = sorted(Priority, reverse=True)
        for i, priority in enumerate(priorities):
            title = QLabel(f"<b>{priority_label(priority)}</b>")
            self.grid.addWidget(title, 0, 1 + 2 * i, 1, 2, Qt.AlignmentFlag.AlignHCenter)
            self.grid.addWidget(QLabel(self.tr("First response (h)")), 1, 1 + 2 * i)
            self.grid.addWidget(QLabel(self.tr("Resolution (h)")), 1, 2 + 2 * i)
        for row, kind in enumerate(TicketKind, start=2):
            self.grid.addWidget(QLabel(kind_label(kind)), row, 0)
            for i, priority in enumerate(priorities):
                rule = grid.get((kind, priority))
                target = DEFAULT_TARGETS[priority]
                first = rule.first_response if rule else target.first_response
                resolution = rule.resolution if rule else target.resolution
                boxes = (_hours_box(first), _hours_box(resolution))
                self.cells[(kind, priority)] = boxes
                self.grid.addWidget(boxes[0], row, 1 + 2 * i)
                self.grid.addWidget(boxes[1], row, 2 + 2 * i)
        self.grid.setRowStretch(len(TicketKind) + 2, 1)
        by_channel = {r.channel: r for r in rules if r.channel is not None}
        self.channels.setRowCount(len(Channel))
        for row, channel in enumerate(Channel):
            rule = by_channel.get(channel)
            boxes = (
                _hours_box(rule.first_response if rule else 0),
                _hours_box(rule.resolution if rule else 0),
            )
            self.channel_cells[channel] = boxes
            self.channels.setItem(row, 0, QTableWidgetItem(channel_label(channel)))
            self.channels.setCellWidget(row, 1, boxes[0])
            self.channels.setCellWidget(row, 2, boxes[1])
        self.channels.resizeColumnsToContents()
        self.business.setChecked(settings.business_hours)
        for day, box in enumerate(self.days):
            box.setChecked(day in settings.work_days)
        self.start.setTime(QTime(settings.work_start.hour, settings.work_start.minute))
        self.end.setTime(QTime(settings.work_end.hour, settings.work_end.minute))
        self.holidays.setText(", ".join(d.isoformat() for d in sorted(settings.holidays)))
        self.return_visit.setValue(settings.return_visit_days)
        self.business.toggled.emit(settings.business_hours)
        self.set_valid(True)
        self.loaded.emit()

    # -- saving --------------------------------------------------------------------------------
    def rules(self) -> tuple[SlaRule, ...]:
        grid = [
            SlaRule(kind, priority, _seconds(first), _seconds(resolution))
            for (kind, priority), (first, resolution) in self.cells.items()
        ]
        channels = [
            SlaRule(None, None, _seconds(first), _seconds(resolution), channel)
            for channel, (first, resolution) in self.channel_cells.items()
            if _seconds(first) or _seconds(resolution)
        ]
        return (*grid, *channels)

    def service_settings(self) -> ServiceSettings | None:
        holidays = set()
        for part in self.holidays.text().replace("，", ",").split(","):
            if part.strip():
                try:
                    holidays.add(date.fromisoformat(part.strip()))
                except ValueError:
                    self.error.setText(
                        self.tr("“%1” is not a date like 2027-01-01.").replace("%1", part.strip())
                    )
                    return None
        start, end = self.start.time(), self.end.time()
        return replace(
            self.settings,
            business_hours=self.business.isChecked(),
            work_days=frozenset(d for d, box in enumerate(self.days) if box.isChecked()),
            work_start=time(start.hour(), start.minute()),
            work_end=time(end.hour(), end.minute()),
            holidays=frozenset(holidays),
            return_visit_days=self.return_visit.value(),
        )

    def save_op(self) -> Op | None:
        settings = self.service_settings()
        if settings is None:
            return None
        return service_ops.save_targets(self, self.ws, self.rules(), settings)
