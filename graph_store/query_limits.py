"""Bounds on a SPARQL text, checked before any engine parses it.

pyoxigraph parses and plans recursively: a query nested a few thousand brackets deep, or chaining
thousands of UNION, OPTIONAL, && or sub-SELECTs, overflows the native stack and kills the process
(a segfault, not an exception). So every backend's `query` first calls `check_query_limits`: one
linear pass over the text with strings, IRIs and comments blanked (sparql_text.blank_opaque), counting
brackets and keywords. The limits are far above any query govkg writes or a person types, and far
below what breaks the engine (depth ~3,000 and 3,000 sub-SELECTs crash it; 1,000 OPTIONALs take
longer than any time limit). A query over a limit raises QueryTooComplex naming the limit.
"""

from __future__ import annotations

import re

from graph_store.base import QueryTooComplex
from graph_store.sparql_text import blank_opaque

# What is counted -> (most allowed, how the limit is named to the user).
LIMITS: dict[str, tuple[int, str]] = {
    "chars": (100_000, "查询长度 (characters)"),
    "depth": (64, "嵌套深度 (nesting depth of { } ( ) [ ])"),
    "logical": (500, "逻辑运算数 (&& and || operators)"),
    "optional": (100, "OPTIONAL 数量 (OPTIONAL blocks)"),
    "union": (200, "UNION 数量 (UNION branches)"),
    "minus": (100, "MINUS 数量 (MINUS blocks)"),
    "select": (30, "子查询数量 (SELECT sub-queries)"),
    "triples": (1_000, "三元组模式数量 (triple patterns)"),
}

_KEYWORDS = re.compile(r"(?<![\w:?$.-])(OPTIONAL|UNION|MINUS|SELECT)(?![\w:-])", re.I)
_LOGICAL = re.compile(r"&&|\|\|")
# A triple pattern ends with '.', ';' or ',' (an object list) or the '}' closing its group; a '.' inside
# a number (1.5) or a prefixed name (ex:a.b) has no space after it. An estimate, enough for a bound.
_PATTERN_END = re.compile(r"[;,]|\.(?=\s|\}|$)")
_OPEN, _CLOSE = "{([", "})]"


def measure(sparql: str) -> dict[str, int]:
    """The counts that LIMITS bounds, for `sparql`."""
    bare = blank_opaque(sparql)
    depth = deepest = 0
    for ch in bare:
        if ch in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
    counts = {"chars": len(sparql), "depth": deepest, "logical": len(_LOGICAL.findall(bare)),
              "optional": 0, "union": 0, "minus": 0, "select": 0, "triples": len(_PATTERN_END.findall(bare))}
    for word in _KEYWORDS.findall(bare):
        counts[word.lower()] += 1
    counts["select"] = max(counts["select"] - 1, 0)  # the query's own SELECT is not a sub-query
    return counts


def check_query_limits(sparql: str, backend: str = "query") -> None:
    """Raise QueryTooComplex naming the first limit `sparql` exceeds; return quietly otherwise."""
    if len(sparql) > LIMITS["chars"][0]:  # before scanning: the scan's cost is bounded too
        _refuse(backend, "chars", len(sparql))
    for key, value in measure(sparql).items():
        if value > LIMITS[key][0]:
            _refuse(backend, key, value)


def _refuse(backend: str, key: str, value: int) -> None:
    most, name = LIMITS[key]
    raise QueryTooComplex(f"{backend}: 查询过于复杂 — {name} is {value}, more than the {most} allowed",
                          limit=key, value=value, most=most)
