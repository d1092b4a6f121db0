"""The background operation: ``Op(parent, job).success(cb).failure(cb).with_progress(label).run()``.

A job is a plain function ``job(progress, cancelled)`` that knows nothing of Qt. It runs on a
worker thread; callbacks run on the GUI thread.

Reads start at once and may run side by side. Writes (``.writes()``) go through a single-worker
queue: one at a time, first come first served. A queued write that is cancelled before it
starts never runs; it ends through the failure path with ``Cancelled``.

An Op is not owned by its parent widget (a running QThread must not be destroyed with it): the
module keeps it alive until its job ends. If the parent goes away first, the job is asked to
cancel and no callback is called (they would touch deleted widgets).
"""

from __future__ import annotations

import enum
import logging
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMetaObject, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from crm_desktop.domain.errors import Cancelled, CrmError
from crm_desktop.ui.errors import show_error

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
Job = Callable[[Progress, Callable[[], bool]], Any]

_running: set[Op] = set()  # queued or running: keeps each Op (and its QThread) alive
_write_queue: deque[Op] = deque()  # writes waiting for the one running write to end
_active_write: Op | None = None


def running_ops() -> int:
    """How many operations are queued or running (tests assert none is left behind)."""
    return len(_running)


def wait_all(timeout_ms: int = 10_000) -> None:
    """Cancel every operation; queued ones end at once (``Cancelled``), running ones are
    waited for (each up to ``timeout_ms``). Their callbacks come through the event loop."""
    for op in list(_write_queue):
        op.cancel()
    for op in list(_running):
        op.cancel()
    for op in list(_running):
        if op._state is _State.RUNNING:
            op.thread.wait(timeout_ms)


class _State(enum.Enum):
    NEW = "new"
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"


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
            if not isinstance(exc, CrmError):  # a domain error is an answer, not a fault
                log.exception("background job failed")
            self.failed.emit(exc)
        else:
            self.finished.emit(result)
        finally:
            # End the thread's event loop now, so wait() returns as soon as the job is over.
            QThread.currentThread().quit()


class Op(QObject):
    """One background job with optional progress dialog and Cancel."""

    def __init__(self, parent: QWidget | None, job: Job) -> None:
        super().__init__()  # not owned by parent: see the module docstring
        self._parent = parent
        self._job = job
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._label: str | None = None
        self._write = False
        self._state = _State.NEW
        self._orphaned = False
        self.dialog: QProgressDialog | None = None
        # Undone with QObject.disconnect(connection): PySide6 6.12's SignalInstance.disconnect()
        # loses a reference to True at each call (on Python 3.11 that ends in "bool_dealloc").
        self._connections: list[QMetaObject.Connection] = []
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

    def writes(self) -> Op:
        """The job writes to the database: run it after any other write, never alongside."""
        self._write = True
        return self

    @property
    def queued(self) -> bool:
        return self._state is _State.QUEUED

    def cancel(self) -> None:
        """Ask the job to stop; a queued write is dropped and fails with ``Cancelled``."""
        if self._state is _State.DONE:
            return
        self.worker.cancel_requested = True
        if self._state is _State.QUEUED:
            _write_queue.remove(self)
            self._failed(Cancelled())

    def run(self) -> Op:
        if self._state is not _State.NEW:
            raise RuntimeError("an Op runs once")
        _running.add(self)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # Connected to slots of this GUI-thread object: Qt queues them onto the GUI thread.
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.worker.progressed.connect(self._progressed)
        if self._parent is not None:
            self._connections.append(self._parent.destroyed.connect(self._parent_destroyed))
        if self._label is not None:
            self.dialog = QProgressDialog(self._label, self.tr("Cancel"), 0, 0, self._parent)
            self.dialog.setWindowTitle(self._label)
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self._connections.append(self.dialog.canceled.connect(self.cancel))
        if self._write and _active_write is not None:
            self._state = _State.QUEUED
            _write_queue.append(self)
        else:
            self._start()
        return self

    def _start(self) -> None:
        global _active_write
        if self._write:
            _active_write = self
        self._state = _State.RUNNING
        self.thread.start()

    @Slot()
    def _parent_destroyed(self) -> None:
        """The parent widget is being deleted, and any progress dialog with it: cancel, and
        call nobody back."""
        self._orphaned = True
        self._parent = None
        self.dialog = None  # deleted with its parent; not to be touched
        self.cancel()

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, label: str) -> None:
        dialog = self._dialog()
        if dialog is None:
            return
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        if label:
            dialog.setLabelText(label)

    def _dialog(self) -> QProgressDialog | None:
        if self.dialog is not None and not isValid(self.dialog):
            self.dialog = None
        return self.dialog

    def _stop(self) -> bool:
        """End this op; returns whether its callbacks should be called."""
        global _active_write
        self._state = _State.DONE
        self.thread.quit()
        self.thread.wait()
        # From the parent and the dialog (closing a progress dialog emits canceled); a
        # connection to an object already deleted is a no-op.
        for connection in self._connections:
            QObject.disconnect(connection)
        self._connections.clear()
        dialog = self._dialog()
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
        self.dialog = None
        _running.discard(self)
        if _active_write is self:
            _active_write = None
            if _write_queue:
                _write_queue.popleft()._start()
        return not self._orphaned and (self._parent is None or isValid(self._parent))

    @Slot(object)
    def _finished(self, result: Any) -> None:
        if self._state is _State.DONE:
            return
        call_back = self._stop()
        self.deleteLater()
        if call_back and self._on_success is not None:
            self._on_success(result)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        if self._state is _State.DONE:
            return
        call_back = self._stop()
        self.deleteLater()
        if not call_back:
            return
        if self._on_failure is not None:
            self._on_failure(exc)
        else:
            show_error(self._parent, exc)
