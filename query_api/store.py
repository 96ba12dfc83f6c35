"""The store resource of the service, owned here like flaskr's db.py owns its connection.

One store per app, opened on first use (opening an on-disk store is slow, so never per request) and
shared by every request thread; the backends are safe to query from several threads. Config:

    STORE            a graph_store.base.Store to use as is (tests inject one; the app does not close it)
    STORE_KIND       backend name for graph_store.registry.open_store (default: oxigraph with a
                     STORE_LOCATION, memory without one)
    STORE_LOCATION   the backend's location (oxigraph: a directory; sparql: the endpoint URL)
    STORE_OPTIONS    keyword options for the backend (oxigraph: {"read_only": True} to serve beside a
                     running `govkg ingest`)
"""

from __future__ import annotations

import threading

from flask import Flask, current_app

from graph_store.base import Store

EXTENSION = "govkg.store"


class _StoreSlot:
    """Holds the app's store: opens it once, under a lock, on the first `get`."""

    def __init__(self, config: dict):
        self._config = config
        self._lock = threading.Lock()
        self._store: Store | None = config.get("STORE")
        self._owned = False  # an injected store belongs to whoever injected it

    def get(self) -> Store:
        if self._store is None:
            with self._lock:
                if self._store is None:
                    from graph_store.registry import open_store  # backends import heavy libraries lazily

                    location = self._config.get("STORE_LOCATION") or None
                    kind = self._config.get("STORE_KIND") or ("oxigraph" if location else "memory")
                    self._store = open_store(kind, location, **(self._config.get("STORE_OPTIONS") or {}))
                    self._owned = True
        return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None and self._owned:
                self._store.close()
                self._store = None
                self._owned = False


def init_app(app: Flask) -> None:
    """Give `app` its (not yet opened) store."""
    app.extensions[EXTENSION] = _StoreSlot(app.config)


def get_store() -> Store:
    """The current app's store, opened on first use. Raises graph_store.base.StoreError if it cannot open."""
    return current_app.extensions[EXTENSION].get()


def close_store(app: Flask) -> None:
    """Close `app`'s store if the app opened it (an injected STORE is left open). Safe to call twice."""
    slot = app.extensions.get(EXTENSION)
    if slot is not None:
        slot.close()
