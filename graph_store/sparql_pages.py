"""A query's answer read a page at a time, for a server that cuts answers at a row cap (Virtuoso's
ResultSetMaxRows, 10,000 as Debian ships it) and says so only in a header, or not at all for a CONSTRUCT.

A query is rewritten, never parsed in full: its prologue (PREFIX, BASE, DEFINE, comments) stays in front,
the rest becomes a sub-select sorted by every variable it projects (the query's own top-level ORDER BY
first), and the outer query takes LIMIT/OFFSET of it. The ORDER BY sits inside the sub-select because
Virtuoso sorts only its row cap when the ORDER BY carries the OFFSET; inside, the order is stable and
every page complete. A query that cannot be rewritten so (FROM clauses, an ORDER BY on what it does not
project, a CONSTRUCT with solution modifiers) is None here, and its cut answer is an error.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterator

from graph_store.base import QueryTimeout, ResultTruncated
from graph_store.sparql_text import FORM, blank_opaque, brace_depths, has_dataset_clause, keyword, top_level

_WHERE = re.compile(keyword("WHERE"), re.I)
_ORDER = re.compile(keyword(r"ORDER\s+BY"), re.I)
_AFTER_ORDER = re.compile(keyword("LIMIT|OFFSET|VALUES"), re.I)
_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)")

Page = Callable[[int, int], str]  # (rows, offset) -> the query of that page


def select_pages(sparql: str, variables: list[str]) -> Page | None:
    """The pages of a SELECT that projects `variables` (the answer's head), or None if it cannot be paged."""
    bare = blank_opaque(sparql)
    form = FORM.search(bare)
    if not variables or form is None or form.group(1).upper() != "SELECT" or has_dataset_clause(sparql):
        return None
    depths = brace_depths(bare)
    order = []
    found = top_level(_ORDER, bare, depths, form.start())
    if found:  # the caller's order first; it may name only what is projected, the outer query sees no more
        end = top_level(_AFTER_ORDER, bare, depths, found.end())
        conditions = sparql[found.end():end.start() if end else len(sparql)].strip()
        if not set(_VARIABLE.findall(blank_opaque(conditions))) <= set(variables):
            return None
        order.append(conditions)
    projected = " ".join(f"?{v}" for v in variables)
    order += [f"?{v}" for v in variables]
    prologue, body = sparql[:form.start()], sparql[form.start():]
    inner = f"SELECT {projected} WHERE {{ {{ {body}\n}} }} ORDER BY {' '.join(order)}"
    return lambda rows, offset: (f"{prologue}SELECT {projected} WHERE {{ {{ {inner} }} }} "
                                 f"LIMIT {rows} OFFSET {offset}")


def construct_pages(sparql: str) -> tuple[Page, int] | None:
    """The pages of a CONSTRUCT (a page of solutions each) and the most triples one solution makes, or None
    if it cannot be paged (no WHERE, solution modifiers of its own, FROM clauses)."""
    bare = blank_opaque(sparql)
    form = FORM.search(bare)
    if form is None or form.group(1).upper() != "CONSTRUCT" or has_dataset_clause(sparql):
        return None
    depths = brace_depths(bare)
    opening = bare.find("{", form.end())
    if opening < 0:
        return None
    closing = next((i for i in range(opening + 1, len(bare)) if bare[i] == "}" and depths[i] == 0), -1)
    where = top_level(_WHERE, bare, depths, form.end())
    if closing < 0:
        return None
    if where is None or where.start() < opening:  # CONSTRUCT WHERE { pattern }: the pattern is the template
        template = pattern = sparql[opening + 1:closing]
        end = closing + 1
    else:
        start = bare.find("{", where.end())
        end = next((i for i in range(start + 1, len(bare)) if bare[i] == "}" and depths[i] == 0), -1) + 1
        if start < 0 or end <= 0:
            return None
        template, pattern = sparql[opening + 1:closing], sparql[start + 1:end - 1]
    if bare[end:].strip():  # LIMIT, ORDER BY …: the pages would not be the query's solutions
        return None
    variables = sorted(set(_VARIABLE.findall(blank_opaque(template))))
    # at most one triple more than the separators between them (".", ";" and ",")
    triples = len(re.findall(r"[.;,](?=\s|$)", blank_opaque(template).strip())) + 1
    if not variables:
        return None
    projected = " ".join(f"?{v}" for v in variables)
    prologue = sparql[:form.start()]
    return (lambda rows, offset: (f"{prologue}CONSTRUCT {{{template}}} WHERE {{ {{ SELECT {projected} WHERE {{ "
                                  f"{{ SELECT DISTINCT {projected} WHERE {{ {pattern} }} ORDER BY {projected} }} }} "
                                  f"LIMIT {rows} OFFSET {offset} }} }}")), triples


def cap_probe(rows: int) -> str:
    """A SELECT of `rows` made-up rows (two VALUES multiplied), which a server with a smaller row cap cuts."""
    side = max(1, math.isqrt(rows - 1) + 1)
    values = " ".join(str(n) for n in range(side))
    return f"SELECT ?a ?b WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} }} LIMIT {rows}"


def read_pages(pages: Page, size: int, timeout: float, read: Callable[[str], list], full: int | None = None,
               most: int | None = None) -> Iterator:
    """Each page's rows (`read` of the page's query) until a page comes back short, or `most` rows (solutions)
    are read; a time-out once `timeout` seconds have passed in all (checked between pages). A CONSTRUCT's page
    is one graph, and the pages end at an empty one: `full` triples in one mean the server cut the page itself."""
    deadline = time.monotonic() + timeout
    offset = 0
    while True:
        if time.monotonic() > deadline:
            raise QueryTimeout(f"sparql: 查询超时 — reading the answer in pages of {size} rows took longer than {timeout:g} s")
        rows = read(pages(size, offset))
        if full and len(rows[0]) >= full:
            raise ResultTruncated(f"sparql: 结果不完整 — a page of {size} solutions gave {len(rows[0])} triples, the "
                                  "server's cap (Virtuoso ResultSetMaxRows); raise the server's limit")
        yield from rows
        offset += size
        if ((len(rows[0]) == 0) if full else len(rows) < size) or (most is not None and offset >= most):
            return
