"""After a write, services announce what changed; views subscribe and refresh themselves."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from crm_desktop.domain.records import Change

log = logging.getLogger(__name__)
Listener = Callable[[Change], None]


class EventBus:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def publish(self, change: Change) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(change)
            except Exception:  # one broken view must not stop the others from refreshing
                log.exception("listener failed on %s", change)
