"""A matplotlib figure in the window: ``FigureCanvasQTAgg`` with its navigation toolbar (pan,
zoom, back to the full view). Each report result brings a new ``Figure``; it gets a canvas and
toolbar of its own, sized by the layout (a canvas keeps no state worth reusing)."""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg, NavigationToolbar2QT
from matplotlib.figure import Figure
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget


class ChartView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_chart")
        self.figure: Figure | None = None
        self.canvas: FigureCanvasQTAgg | None = None
        self.toolbar: NavigationToolbar2QT | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)

    def set_figure(self, figure: Figure) -> None:
        """Show ``figure`` (built on the GUI thread); drawn when the event loop is next idle."""
        old = (self.canvas, self.toolbar)
        self.figure = figure
        self.canvas = FigureCanvasQTAgg(figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setMinimumSize(QSize(200, 150))
        self.toolbar = NavigationToolbar2QT(self.canvas, self, coordinates=False)
        self.toolbar.setIconSize(QSize(16, 16))
        self._layout.addWidget(self.toolbar)
        self._layout.addWidget(self.canvas, 1)
        for widget in old:
            if widget is not None:
                self._layout.removeWidget(widget)
                widget.hide()
                widget.deleteLater()
        self.canvas.draw_idle()
