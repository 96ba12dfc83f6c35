"""What the endpoint checks in a SPARQL text before the store sees it, read at the text level (strings,
IRIs and comments blanked first, graph_store.sparql_text): is it an update (refused: read-only), does it
use SERVICE (refused), and — when the protocol names the dataset — the text without its FROM clauses.

Syntax is left to the store's own parser (Store.query raises QueryError → 400 with its message):
parsing here with rdflib would cost tens of milliseconds a query, is not thread-safe (pyparsing,
RDFLib/rdflib#1282), and rejects some valid queries the oxigraph backend runs (negative decimals).
"""

from __future__ import annotations

import re

from graph_store.sparql_text import blank_opaque, looks_like_update, query_form
from query_api.errors import ApiError

# SERVICE as a keyword: not ?SERVICE, ex:SERVICE, SERVICE:x or SERVICE-x:y.
_SERVICE = re.compile(r"(?<![\w?$:.-])SERVICE(?![\w:.-])", re.I)
_FROM_KEYWORD = re.compile(r"\bFROM\b", re.I)
_GRAPH_NAME = re.compile(r"\s*(?:NAMED\b\s*)?(?:<[^<>\s]*>|[^\s{}<]*:[^\s{}<]*)", re.I)


def refuse_update(text: str) -> None:
    """Always raises 403: this endpoint is read-only."""
    raise ApiError(403, "read_only", "这个 SPARQL 端点只读 (read-only): updates such as INSERT, DELETE, LOAD, "
                   "CLEAR and DROP are refused. Load documents with `govkg ingest`.")


def check_query(text: str) -> str:
    """The query form of `text` (SELECT, ASK, CONSTRUCT or DESCRIBE). ApiError 403 for an update or a query
    using SERVICE, 400 for text that is no query at all."""
    if looks_like_update(text):
        refuse_update(text)
    if uses_service(text):
        raise ApiError(403, "service_not_allowed", "不允许 SERVICE (SERVICE is refused): this endpoint does not "
                       "query other endpoints on a query's behalf.")
    form = query_form(text)
    if form is None:
        raise ApiError(400, "bad_query", "这不是 SPARQL 查询 (not a SPARQL query): expected SELECT, ASK, "
                       "CONSTRUCT or DESCRIBE.")
    return form


def uses_service(text: str) -> bool:
    """True if `text` has the SERVICE keyword outside strings, IRIs and comments."""
    return _SERVICE.search(blank_opaque(text)) is not None


def without_dataset_clauses(text: str) -> str:
    """`text` with its FROM / FROM NAMED clauses removed (keywords inside strings, IRIs or comments kept)."""
    blank = blank_opaque(text)  # same length as text, so positions carry over
    out, kept = [], 0
    for keyword in _FROM_KEYWORD.finditer(blank):
        name = _GRAPH_NAME.match(text, keyword.end())
        if name:
            out.append(text[kept:keyword.start()])
            kept = name.end()
    return "".join(out) + text[kept:]
