"""Operations: the one way the UI acts on the database.

Every user action that writes (save a contact, move a deal, record a payment, import a sheet)
is a small factory in the module of its area (``contacts``, ``pipeline``, ``sales``,
``importing``, ``maintenance``) that returns an ``Op``: the service call runs on a worker
thread, writes queue one behind the other, a long one shows progress with Cancel, a failure is
shown in one way (a message box, or the caller's ``failure`` callback), and the service
publishes its ``Change``, which reaches every view through ``crm_desktop.ui.changes``.

    operations.contacts.delete(self, ws, kind, ids).success(self._deleted).run()

A factory never touches widgets; reads that may be slow are ``query`` ops. No dialog or view
calls a service write itself, and the write guard (``guard.py``) makes the tests fail when one
does.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from crm_desktop.ui.operations.op import Job, Op, Progress, running_ops, wait_all

__all__ = ["Job", "Op", "Progress", "query", "running_ops", "service_write", "wait_all", "write"]


def query(parent: QWidget | None, call: Callable[[], Any]) -> Op:
    """A read off the GUI thread: ``query(self, lambda: service.thing(ws, x))``."""
    return Op(parent, lambda _progress, _cancelled: call())


def write(parent: QWidget | None, call: Callable[[], Any]) -> Op:
    """A write off the GUI thread, queued behind any other write."""
    return Op(parent, lambda _progress, _cancelled: call()).writes()


def service_write(parent: QWidget | None, service: Callable[..., Any], *args: Any, **kw: Any) -> Op:
    """``service(*args, **kw, origin=parent)`` as a queued write: a factory's usual body."""
    return write(parent, lambda: service(*args, **kw, origin=parent))
