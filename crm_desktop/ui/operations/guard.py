"""The write guard: a database write started on the GUI thread is a defect (the window
freezes while the write waits for a colleague's lock), so it fails loudly instead.

Installed on the window's workspace at start-up. ``while_`` narrows when it applies: the UI
tests apply it while Qt delivers an event (a click, a timer, a queued callback), so a test may
still arrange its data directly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QThread

from crm_desktop.services.workspace import Workspace


class GuiThreadWriteError(RuntimeError):
    """A service write ran on the GUI thread instead of through an operation."""


def on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def install_write_guard(ws: Workspace, while_: Callable[[], bool] = lambda: True) -> None:
    def check() -> None:
        if on_gui_thread() and while_():
            raise GuiThreadWriteError(
                "a database write on the GUI thread: run it through crm_desktop.ui.operations"
            )

    ws.write_guard = check
