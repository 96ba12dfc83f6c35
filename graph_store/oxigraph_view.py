"""A read-only view of an on-disk oxigraph store that follows a writer in another process.

pyoxigraph's Store.read_only is a static view: it never sees later commits. The view re-opens itself
when the writer's files change (the WAL, manifests and tables; not the info LOGs), which shows each
committed replace. RocksDB calls a reader beside a live writer undefined behaviour, so opening is
retried when files move underneath, and a read that fails is retried once on a fresh view.

Imports pyoxigraph and the standard library only: query worker processes use it and must start fast
(rdflib alone takes ~200 ms to import).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

T = TypeVar("T")
OPEN_ATTEMPTS = 8


def files_signature(path: Path) -> tuple:
    """What changes on disk when the writer commits: the names of the store's files, and the sizes and times of
    those that change in place (the WAL, MANIFEST, CURRENT). A table (.sst) is never changed once written, so
    its name tells it: not looking at the 48 tables of a 1,000-document store saves ~1 ms a look, and a
    request looks several times (each index it uses is keyed on the store's state)."""
    try:
        return tuple(sorted((e.name, *((0, 0) if e.name.endswith(".sst") else (e.stat().st_size, e.stat().st_mtime_ns)))
                            for e in os.scandir(path) if not e.name.startswith("LOG")))
    except OSError:
        return ()


class ReadOnlyView:
    """The store at `path`, read-only, re-opened when the writer has committed since the last read.
    Raises OSError or RuntimeError (pyoxigraph's own) when the store cannot be opened."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._signature: tuple = ()
        self._store = self._open()

    def _open(self) -> ox.Store:
        error: Exception | None = None
        for attempt in range(OPEN_ATTEMPTS):
            self._signature = files_signature(self.path)
            try:
                return ox.Store.read_only(str(self.path))
            except (OSError, RuntimeError) as exc:
                # The writer compacted away a file between our reading its manifest and opening it.
                error = exc
                time.sleep(0.02 * (attempt + 1))
        assert error is not None
        raise error

    def current(self) -> ox.Store:
        """The store as of the writer's last commit."""
        if files_signature(self.path) != self._signature:
            self._store = self._open()
        return self._store

    def read(self, action: Callable[[ox.Store], T]) -> T:
        """`action(store)`, retried once on a fresh view if the writer moved files under the first try."""
        try:
            return action(self.current())
        except (OSError, RuntimeError):
            self._store = self._open()
            return action(self._store)
