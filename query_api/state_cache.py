"""What a process makes once per store state and keeps in memory (the lexicon, the search, topic and text
indexes): `StateCache.get(key, build)` with `key` from `query_api.ask.store_state` (the store's token, then
its state): made under a lock, so that requests arriving together make it once; a store's older states and
all but the KEEP newest states go."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")
KEEP = 8  # states kept per process (several stores in tests; a server has one and its state before)


class StateCache(Generic[T]):
    def __init__(self, keep: int = KEEP):
        self._values: dict[tuple, T] = {}
        self._keep = keep
        self._lock = threading.Lock()
        self._building = threading.RLock()  # re-entrant: a build may look up another state of the same kind

    def get(self, key: tuple, build: Callable[[], T]) -> T:
        with self._lock:
            if key in self._values:
                return self._values[key]
        with self._building:
            with self._lock:
                if key in self._values:  # made meanwhile by the request that held the lock
                    return self._values[key]
            value = build()
            with self._lock:
                for old in [k for k in self._values if k[0] == key[0]] + list(self._values)[:-self._keep]:
                    self._values.pop(old, None)
                self._values[key] = value
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
