"""The app's few colours, one name each: a red means late or wrong everywhere."""

from __future__ import annotations

from PySide6.QtGui import QColor

ERROR = QColor("#c0392b")  # a wrong value, a failed save
OVERDUE = ERROR  # late: a follow-up, a deal's next step, a receivable
WARNING = QColor("#d35400")  # due today, nearly out of time
SUCCESS = QColor("#1e8449")
MUTED = QColor("#808080")  # inactive, retired, secondary

ERROR_STYLE = f"color: {ERROR.name()}; font-size: 11px;"  # the error line under a form
BAD_FIELD_STYLE = f"QLineEdit {{ border: 1px solid {ERROR.name()}; }}"
