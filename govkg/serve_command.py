"""`govkg serve`: the HTTP service (SPARQL endpoint, search, questions, page)."""

from __future__ import annotations


def register(sub) -> None:
    """Registers serve (written with the query_api issue)."""
