"""Background operations: ``Op(parent, job).success(cb).failure(cb).with_progress(label).run()``.

A job is a plain function ``job(progress, cancelled)`` that knows nothing of Qt. It runs on a
worker thread; callbacks run on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
Job = Callable[[Progress, Callable[[], bool]], Any]

_running: set[Op] = set()


def running_ops() -> int:
    """How many operations are still running (tests assert none is left behind)."""
    return len(_running)


def wait_all(timeout_ms: int = 10_000) -> None:
    for op in list(_running):
        op.cancel()
        op.thread.wait(timeout_ms)


class _Worker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.cancel_requested = False

    @Slot()
    def run(self) -> None:
        try:
            result = self.job(self.progressed.emit, lambda: self.cancel_requested)
        except BaseException as exc:
            log.exception("background job failed")
            self.failed.emit(exc)
        else:
            self.finished.emit(result)


class Op(QObject):
    """One background job with optional progress dialog and Cancel."""

    def __init__(self, parent: QWidget | None, job: Job) -> None:
        super().__init__(parent)
        self._parent = parent
        self._job = job
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._label: str | None = None
        self.dialog: QProgressDialog | None = None
        self.thread = QThread()
        self.worker = _Worker(job)

    def success(self, callback: Callable[[Any], None]) -> Op:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op:
        self._on_failure = callback
        return self

    def with_progress(self, label: str) -> Op:
        self._label = label
        return self

    def cancel(self) -> None:
        self.worker.cancel_requested = True

    def run(self) -> Op:
        _running.add(self)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # Connected to slots of this GUI-thread object: Qt queues them onto the GUI thread.
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.worker.progressed.connect(self._progressed)
        if self._label is not None:
            self.dialog = QProgressDialog(self._label, self.tr("Cancel"), 0, 0, self._parent)
            self.dialog.setWindowTitle(self._label)
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)
        self.thread.start()
        return self

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, label: str) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, max(total, 1)))
            if label:
                self.dialog.setLabelText(label)

    def _stop(self) -> None:
        self.thread.quit()
        self.thread.wait()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        _running.discard(self)

    @Slot(object)
    def _finished(self, result: Any) -> None:
        self._stop()
        if self._on_success is not None:
            self._on_success(result)
        self.deleteLater()

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._stop()
        if self._on_failure is not None:
            self._on_failure(exc)
        else:
            from crm_desktop.ui.errors import show_error

            show_error(self._parent, exc)
        self.deleteLater()
