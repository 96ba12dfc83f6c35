"""`govkg ask | serve`: questions from the command line, and the HTTP service."""

from __future__ import annotations


def register(sub) -> None:
    """Registers ask and serve (written with the query_api issue)."""
