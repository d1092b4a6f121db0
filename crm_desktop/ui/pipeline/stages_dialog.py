"""Edit the pipeline's stages (name, order, default probability, open/won/lost) and the list
of reasons a deal can be lost."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.pipeline import Outcome, Stage, StageData, StageInUseError
from crm_desktop.services import pipeline as pipeline_service
from crm_desktop.services.workspace import Workspace
from crm_desktop.ui.operations import Op
from crm_desktop.ui.operations import pipeline as pipeline_ops
from crm_desktop.ui.widgets.form_dialog import FormDialog

translate = QCoreApplication.translate
ID_ROLE = Qt.ItemDataRole.UserRole + 1
OUTCOMES = (
    (Outcome.OPEN, QT_TRANSLATE_NOOP("StagesDialog", "Open")),
    (Outcome.WON, QT_TRANSLATE_NOOP("StagesDialog", "Won")),
    (Outcome.LOST, QT_TRANSLATE_NOOP("StagesDialog", "Lost")),
)


class StagesDialog(FormDialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent, error_name="stages_error")
        self.setObjectName("stages_dialog")
        self.setWindowTitle(self.tr("Pipeline stages"))
        self.ws = ws
        self.resize(560, 520)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("stages_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Stage"), self.tr("Probability"), self.tr("Kind")]
        )
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, 240)
        self.table.verticalHeader().hide()
        add = QPushButton(self.tr("Add"))
        add.setObjectName("add_stage")
        remove = QPushButton(self.tr("Remove"))
        remove.setObjectName("remove_stage")
        up = QPushButton(self.tr("Up"))
        down = QPushButton(self.tr("Down"))
        add.clicked.connect(lambda: self._add_row(None))
        remove.clicked.connect(self._remove_row)
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        buttons_row = QHBoxLayout()
        for button in (add, remove, up, down):
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)
        self.reasons = QPlainTextEdit()
        self.reasons.setObjectName("lost_reasons")
        self.reasons.setMaximumHeight(120)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Deals move through these stages from left to right on the board."))
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons_row)
        layout.addWidget(QLabel(self.tr("Reasons a deal is lost (one per line):")))
        layout.addWidget(self.reasons)
        self.add_footer(layout)
        self._versions: dict[int, int] = {}
        for stage in pipeline_service.stages(ws):
            self._add_row(stage)
        self.reasons.setPlainText("\n".join(pipeline_service.lost_reasons(ws)))

    def _add_row(self, stage: Stage | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem(stage.name if stage else self.tr("New stage"))
        name.setData(ID_ROLE, stage.id if stage else None)
        if stage:
            self._versions[stage.id] = stage.version
        self.table.setItem(row, 0, name)
        probability = QSpinBox()
        probability.setRange(0, 100)
        probability.setSuffix(" %")
        probability.setValue(stage.probability if stage else 50)
        self.table.setCellWidget(row, 1, probability)
        outcome = QComboBox()
        for value, label in OUTCOMES:
            outcome.addItem(translate("StagesDialog", label), value.value)
        outcome.setCurrentIndex(outcome.findData((stage.outcome if stage else Outcome.OPEN).value))
        self.table.setCellWidget(row, 2, outcome)
        if stage is None:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(name)

    def _row_values(self, row: int) -> tuple[int | None, str, int, str]:
        item = self.table.item(row, 0)
        spin = self.table.cellWidget(row, 1)
        combo = self.table.cellWidget(row, 2)
        assert isinstance(spin, QSpinBox) and isinstance(combo, QComboBox)
        return item.data(ID_ROLE), item.text(), spin.value(), combo.currentData()

    def _set_row(self, row: int, values: tuple[int | None, str, int, str]) -> None:
        stage_id, name, probability, outcome = values
        item = QTableWidgetItem(name)
        item.setData(ID_ROLE, stage_id)
        self.table.setItem(row, 0, item)
        spin = self.table.cellWidget(row, 1)
        combo = self.table.cellWidget(row, 2)
        assert isinstance(spin, QSpinBox) and isinstance(combo, QComboBox)
        spin.setValue(probability)
        combo.setCurrentIndex(combo.findData(outcome))

    def _remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _move(self, step: int) -> None:
        row = self.table.currentRow()
        other = row + step
        if row < 0 or not 0 <= other < self.table.rowCount():
            return
        a, b = self._row_values(row), self._row_values(other)
        self._set_row(row, b)
        self._set_row(other, a)
        self.table.setCurrentCell(other, 0)

    def stages(self) -> list[tuple[int | None, int, StageData]]:
        out: list[tuple[int | None, int, StageData]] = []
        for row in range(self.table.rowCount()):
            stage_id, name, probability, outcome = self._row_values(row)
            version = self._versions.get(stage_id, 1) if stage_id is not None else 1
            out.append((stage_id, version, StageData(name, probability, Outcome(outcome))))
        return out

    def problems(self) -> list[str]:
        stages = self.stages()
        out = []
        names = [d.name.strip().casefold() for _, _, d in stages]
        if any(not n for n in names):
            out.append(self.tr("Every stage needs a name."))
        if len(set(names)) != len(names):
            out.append(self.tr("Two stages have the same name."))
        if not any(d.outcome is Outcome.OPEN for _, _, d in stages):
            out.append(self.tr("Keep at least one open stage."))
        return out

    def save_op(self) -> Op | None:
        reasons = [line.strip() for line in self.reasons.toPlainText().splitlines()]
        problems = self.problems()
        if problems:
            self.error.setText("\n".join(problems))
            return None
        return pipeline_ops.save_stages(self, self.ws, self.stages(), reasons)

    def failed(self, exc: BaseException) -> None:
        if isinstance(exc, StageInUseError):
            self.error.setText(
                self.tr("The stage %1 still holds %2 deals; move them to another stage first.")
                .replace("%1", exc.stage)
                .replace("%2", str(exc.count))
            )
        else:
            super().failed(exc)

    def invalid(self, exc: ValidationError) -> None:
        self.error.setText("\n".join(exc.errors.values()))
