"""Rows of a SPARQL JSON answer as terms: rdflib's (for Result) or pyoxigraph's (for reading a graph whole),
with Virtuoso's blank node names (nodeID://b10033) made valid N-Triples labels."""

from __future__ import annotations

import io
import re

from rdflib import BNode
from rdflib.query import Result
from rdflib.term import Node, Variable

from graph_store.base import StoreError

_BNODE_LABEL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def local_bnode(term: Node) -> Node:
    """Virtuoso names blank nodes `nodeID://b10033`, which N-Triples cannot write: keep the id, drop the rest."""
    if isinstance(term, BNode) and not _BNODE_LABEL.fullmatch(term):
        return BNode(re.sub(r"[^A-Za-z0-9_]", "_", str(term)).lstrip("_") or "b")
    return term


def rdflib_rows(body: bytes) -> list[tuple]:
    try:
        rows = Result.parse(io.BytesIO(body), format="json").bindings
    except Exception as exc:  # rdflib's JSON results parser raises KeyError/ValueError on odd bodies
        raise StoreError(f"sparql: unreadable answer: {body[:200]!r}") from exc
    return [tuple(local_bnode(row[Variable(v)]) for v in "spo") for row in rows]


# Virtuoso's blank node ids (nodeID://b10033) are no valid N-Triples labels, which pyoxigraph insists on
_VIRTUOSO_BNODE = re.compile(rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*")nodeID://')


def ox_rows(body: bytes) -> list[tuple]:
    import pyoxigraph as ox

    try:
        solutions = ox.parse_query_results(_VIRTUOSO_BNODE.sub(rb"\1", body), format=ox.QueryResultsFormat.JSON)
        return [(row["s"], row["p"], row["o"]) for row in solutions]
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"sparql: unreadable answer: {body[:200]!r}") from exc
