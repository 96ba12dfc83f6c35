"""`govkg ingest | remove | export | stats`: load records into the store and look at it."""

from __future__ import annotations


def register(sub) -> None:
    """Registers ingest, remove, export and stats (written with the graph_store issue)."""
