"""Background operations: writes one at a time, reads alongside, cancel, parent deleted."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QPushButton, QWidget
from shiboken6 import isValid

from crm_desktop.domain.errors import Cancelled
from crm_desktop.ui import operations

HOLD = 5.0  # seconds a job waits for the test at most, should the test fail before releasing it


@pytest.fixture
def gate() -> Iterator[Callable[[], threading.Event]]:
    """Events that hold jobs until the test releases them; all released at teardown, before
    the check that no operation is left behind."""
    events: list[threading.Event] = []

    def make() -> threading.Event:
        events.append(threading.Event())
        return events[-1]

    yield make
    for event in events:
        event.set()


def until_cancelled(cancelled: Callable[[], bool]) -> None:
    """A job's loop: work in small steps until asked to stop (or HOLD seconds pass)."""
    step = threading.Event()
    for _ in range(int(HOLD / 0.005)):
        if cancelled():
            return
        step.wait(0.005)


def test_writes_run_one_at_a_time_while_reads_run_alongside(qtbot, gate) -> None:
    release_first = gate()
    events: list[str] = []
    results: list[object] = []

    def first(_progress: operations.Progress, _cancelled: Callable[[], bool]) -> str:
        events.append("first start")
        release_first.wait(HOLD)
        events.append("first end")
        return "first"

    def second(_progress: operations.Progress, _cancelled: Callable[[], bool]) -> str:
        events.append("second start")
        events.append("second end")
        return "second"

    operations.Op(None, first).writes().success(results.append).run()
    queued = operations.Op(None, second).writes().success(results.append).run()
    qtbot.waitUntil(lambda: events == ["first start"])
    assert queued.queued
    operations.Op(None, lambda _p, _c: "read").success(results.append).run()
    qtbot.waitUntil(lambda: results == ["read"])  # a read does not wait for the write
    assert events == ["first start"]  # the second write still waits
    assert operations.running_ops() == 2  # the running write and the queued one

    release_first.set()
    qtbot.waitUntil(lambda: results == ["read", "first", "second"])
    assert events == ["first start", "first end", "second start", "second end"]
    assert operations.running_ops() == 0


def test_a_queued_write_starts_after_the_previous_one_fails(qtbot) -> None:
    def broken(_progress: operations.Progress, _cancelled: Callable[[], bool]) -> None:
        raise ValueError("boom")

    failures: list[BaseException] = []
    results: list[object] = []
    operations.Op(None, broken).writes().failure(failures.append).run()
    operations.Op(None, lambda _p, _c: "next").writes().success(results.append).run()
    qtbot.waitUntil(lambda: results == ["next"])
    assert [type(exc) for exc in failures] == [ValueError]


def test_a_cancelled_queued_write_never_runs_and_fails_with_cancelled(qtbot, gate) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    release_first = gate()
    started = threading.Event()
    ran: list[str] = []
    results: list[object] = []
    failures: list[BaseException] = []

    def first(_progress: operations.Progress, _cancelled: Callable[[], bool]) -> str:
        started.set()
        release_first.wait(HOLD)
        return "first"

    operations.Op(widget, first).writes().success(results.append).run()
    qtbot.waitUntil(started.is_set)
    queued = (
        operations.Op(widget, lambda _p, _c: ran.append("queued"))
        .writes()
        .success(results.append)
        .failure(failures.append)
        .with_progress("Waiting")
        .run()
    )
    assert queued.queued
    dialog = queued.dialog
    assert dialog is not None
    cancel_button = dialog.findChild(QPushButton)
    assert cancel_button is not None
    cancel_button.click()  # the user presses Cancel while it waits

    assert [type(exc) for exc in failures] == [Cancelled]
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: not isValid(dialog))
    assert operations.running_ops() == 1  # only the first write is left
    release_first.set()
    qtbot.waitUntil(lambda: operations.running_ops() == 0)
    assert results == ["first"]
    assert ran == []


def test_deleting_the_parent_while_its_op_runs_cancels_and_calls_nobody_back(qtbot, gate) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    release = gate()
    started = threading.Event()
    saw_cancel: list[bool] = []
    called: list[object] = []

    def job(_progress: operations.Progress, cancelled: Callable[[], bool]) -> str:
        started.set()
        release.wait(HOLD)
        saw_cancel.append(cancelled())
        return "done anyway"  # a success callback now would touch a deleted widget

    operations.Op(widget, job).success(called.append).failure(called.append).with_progress(
        "Working"
    ).run()
    queued = operations.Op(widget, lambda _p, _c: called.append("ran")).writes()
    operations.Op(None, lambda _p, _c: release.wait(HOLD)).writes().run()  # holds the write queue
    queued.failure(called.append).run()
    qtbot.waitUntil(started.is_set)
    assert queued.queued

    widget.deleteLater()
    qtbot.waitUntil(lambda: not isValid(widget))
    assert operations.running_ops() == 2  # the queued write was dropped at once
    release.set()
    qtbot.waitUntil(lambda: operations.running_ops() == 0)
    assert saw_cancel == [True]
    assert called == []


def test_wait_all_drops_queued_writes_and_waits_for_running_ones(qtbot) -> None:
    results: list[object] = []
    failures: list[BaseException] = []
    ran: list[str] = []

    def running(_progress: operations.Progress, cancelled: Callable[[], bool]) -> None:
        ran.append("running")
        until_cancelled(cancelled)
        raise Cancelled

    first = operations.Op(None, running).writes().failure(failures.append).run()
    operations.Op(None, lambda _p, _c: ran.append("queued")).writes().failure(failures.append).run()
    qtbot.waitUntil(lambda: ran == ["running"])

    operations.wait_all(timeout_ms=2_000)
    assert first.thread.isFinished()
    assert [type(exc) for exc in failures] == [Cancelled]  # the queued one, at once
    qtbot.waitUntil(lambda: operations.running_ops() == 0)
    assert [type(exc) for exc in failures] == [Cancelled, Cancelled]
    assert ran == ["running"]
    assert results == []


def test_progress_reaches_the_dialog_and_it_closes_at_the_end(qtbot, gate) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    release = gate()
    results: list[object] = []

    def job(progress: operations.Progress, _cancelled: Callable[[], bool]) -> int:
        progress(3, 4, "Three of four")
        release.wait(HOLD)
        return 4

    op = operations.Op(widget, job).success(results.append).with_progress("Counting").run()
    dialog = op.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.labelText() == "Three of four")
    assert (dialog.value(), dialog.maximum()) == (3, 4)
    release.set()
    qtbot.waitUntil(lambda: results == [4])
    assert op.dialog is None
    qtbot.waitUntil(lambda: not isValid(dialog))  # closed and deleted
