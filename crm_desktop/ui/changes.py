"""The one change channel: every ``Change`` a service publishes reaches the views here, on the
GUI thread, and every view follows it with one policy (``ChangeFollower``).

The policy: a change of a kind the view shows marks it stale; a stale view reloads when it is
shown, and a visible one after a short pause, so a burst (an import, demo data) reloads it
once; a view keeps its selection and scroll position across the reload (the kit's list view
does that), and a form never drops an edit in progress (its ``accept`` says no while dirty).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from crm_desktop.domain.records import Change, RecordKind
from crm_desktop.services.events import EventBus
from crm_desktop.services.workspace import Workspace

CHANGE_DELAY_MS = 100  # a burst of changes within this pause reloads a view once

_channels: weakref.WeakKeyDictionary[EventBus, ChangeChannel] = weakref.WeakKeyDictionary()


class ChangeChannel(QObject):
    """Carries a workspace's changes onto the GUI thread: one per workspace (``of``)."""

    changed = Signal(object)  # Change

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        # Emitted from the worker that wrote; Qt queues it to receivers in the GUI thread.
        self._unsubscribe = ws.events.subscribe(self.changed.emit)

    @classmethod
    def of(cls, ws: Workspace) -> ChangeChannel:
        channel = _channels.get(ws.events)
        if channel is None:
            channel = _channels[ws.events] = cls(ws)
        return channel

    def close(self) -> None:
        """Stop carrying changes (the window is closing); ``of`` makes a new one after."""
        self._unsubscribe()
        for bus, channel in list(_channels.items()):
            if channel is self:
                del _channels[bus]


class ChangeFollower(QObject):
    """Follows the channel for one view: ``ChangeFollower(view, ws, kinds, view.reload)``.

    ``accept`` filters further (e.g. ignore the echo of the view's own move, or a form with
    unsaved edits). The view starts stale, so its first showing loads it; ``reload_now()``
    is F5; ``mark_stale()`` is for a change the view learns of another way.
    """

    def __init__(
        self,
        view: QWidget,
        ws: Workspace,
        kinds: Iterable[RecordKind],
        reload: Callable[[], None],
        *,
        accept: Callable[[Change], bool] | None = None,
        delay_ms: int = CHANGE_DELAY_MS,
        stale: bool = True,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._kinds = frozenset(kinds)
        self._reload = reload
        self._accept = accept
        self.stale = stale
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._due)
        self._shown = QTimer(self)  # reload a stale view just after it is shown and laid out
        self._shown.setSingleShot(True)
        self._shown.setInterval(0)
        self._shown.timeout.connect(self._due)
        ChangeChannel.of(ws).changed.connect(self._on_change)
        view.installEventFilter(self)

    def follows(self, change: Change) -> bool:
        if change.kind not in self._kinds:
            return False
        return self._accept is None or self._accept(change)

    def _on_change(self, change: Change) -> None:
        if self.follows(change):
            self.mark_stale()

    def mark_stale(self) -> None:
        self.stale = True
        if self._view.isVisible():
            self._timer.start()

    def reload_now(self) -> None:
        self._timer.stop()
        self.stale = False
        self._reload()

    def _due(self) -> None:
        if self.stale and self._view.isVisible():
            self.reload_now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.Show and self.stale:
            self._shown.start()
        return False
