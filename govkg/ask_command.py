"""`govkg ask "…" [--json]`: answer a Chinese question from the command line."""

from __future__ import annotations


def register(sub) -> None:
    """Registers ask (written with the query_api issue)."""
