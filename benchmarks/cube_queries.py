"""The cube queries that answers and pages ask, timed on a store made already: per department its
programs (ranked, counted, added up), its classified items by 类, its figures with their text and a code's
rows (each figure its own cell, as answers read them), a change as two documents compared, its spending
table drilled down 类 / 类+款 / 类+款+项 (the treemap, cube_levels.py's); every department ranked by one
figure of one year, every budget unit's own total of a year. Median and slowest per kind, and the number of cells (a faster query that answers
something else shows).

    .venv/bin/python benchmarks/cube_queries.py --store /tmp/store                    # oxigraph
    GOVKG_SPARQL_CATALOG=urn:…:catalog .venv/bin/python benchmarks/cube_queries.py \\
        --sparql http://127.0.0.1:8890/sparql                                         # a sparql store

`--departments N` times the N departments with the most observations (default 6); `--repeat R` keeps
the best of R runs of each query (default 2: the first run also warms the server's caches).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cube_levels import treemap_queries  # noqa: E402  (the treemap's queries: one source)

from graph_store.registry import open_store  # noqa: E402
from query_api.answering.changes import figures_query  # noqa: E402
from query_api.answering.figures import fact_query, item_query  # noqa: E402
from query_api.cube import CubeQuery, Cut, run  # noqa: E402
from query_api.queries import PREFIXES  # noqa: E402

BUSIEST = PREFIXES + """SELECT ?d (COUNT(?o) AS ?n) WHERE { ?o gk:organization ?d ; gk:value ?v }
GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT %d"""
YEARS = PREFIXES + "SELECT DISTINCT ?y WHERE { ?o gk:factKey \"revenue_total\" ; gk:fiscalYear ?y } ORDER BY DESC(?y)"
DOCUMENTS = PREFIXES + """SELECT ?doc ?y ?p ?s WHERE { ?doc a gk:Document ; gk:department <%s> ; gk:fiscalYear ?y ;
gk:phase ?p ; gk:scope ?s }"""
PROGRAM_DIMS = ["program", "year", "unit", "column", "document", "table", "line"]
FIGURES = "revenue_total|expenditure_total|three_public_budget|three_public_actual|revenue_change|expenditure_change"


def department_queries(store, dept: str) -> dict[str, list[CubeQuery]]:
    """The cube queries of one department's answers and page, by kind."""
    programs = [Cut("column", "预算数|执行数"), Cut("department", dept)]
    base = dept.rsplit("org/", 1)[0]
    docs = [(str(r.doc), int(r.y), str(r.p), str(r.s)) for r in store.query(DOCUMENTS % dept)]
    # every document with last year's (same phase and scope) beside it: answering.changes reads them at once
    paired = [d for a, ya, pa, sa in docs for b, yb, pb, sb in docs if yb == ya + 1 and (pa, sa) == (pb, sb) for d in (a, b)]
    return {
        "programs of a department": [CubeQuery(programs, PROGRAM_DIMS, limit=1000, order=[("value", "desc")])],
        "programs counted": [CubeQuery(programs, ["year"], aggregate="count")],
        "classified items by 类": [CubeQuery([Cut("department", dept), Cut("scheme", "functional")],
                                            ["code.class", "document", "table", "column"], limit=1000)],
        # figures.facts and figures.items: each figure its own cell, with its text or code and its source
        "figures with their text": [fact_query([Cut("fact", FIGURES), Cut("department", dept)])],
        "a code's rows (201 and below)": [item_query([Cut("code", f"{base}code/functional/201"), Cut("department", dept)])],
        # answering.changes: a document's figure against last year's document's (same phase and scope)
        # every pair of consecutive years' documents (same phase and scope) read at once
        "a change: two documents compared": [figures_query(["revenue_total"], paired)] if paired else [],
        "fact kinds drilled down, wholes checked": [CubeQuery([Cut("department", dept), Cut(
            "fact_kind", "three_public|government_procurement|expenditure")], ["document", "fact_kind"], limit=1000)],
        "treemap levels": treemap_queries(store, dept),
    }


def timed(store, query: CubeQuery, repeat: int) -> tuple[float, int]:
    best, cells = None, 0
    for _ in range(repeat):
        started = time.perf_counter()
        cells = len(run(store, query, timeout=120)["cells"])
        ms = (time.perf_counter() - started) * 1000
        best = ms if best is None else min(best, ms)
    return best, cells


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="an oxigraph store directory")
    parser.add_argument("--sparql", help="a SPARQL endpoint URL ($GOVKG_SPARQL_CATALOG names the store's graphs)")
    parser.add_argument("--departments", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    if args.sparql:
        store = open_store("sparql", args.sparql, catalog=os.environ.get("GOVKG_SPARQL_CATALOG"))
    else:
        store = open_store("oxigraph", args.store, read_only=True)
    times: dict[str, list[float]] = {}
    cells: dict[str, int] = {}

    def note(kind: str, query: CubeQuery) -> None:
        ms, n = timed(store, query, args.repeat)
        times.setdefault(kind, []).append(ms)
        cells[kind] = cells.get(kind, 0) + n

    for row in store.query(BUSIEST % args.departments):
        for kind, queries in department_queries(store, str(row.d)).items():
            for query in queries:
                note(kind, query)
    for row in list(store.query(YEARS))[:2]:
        for key in ("revenue_total", "three_public_budget"):
            note("departments ranked by a figure", CubeQuery([Cut("fact", key), Cut("year", str(row.y))],
                                                             ["department", "year", "document", "table", "line"],
                                                             limit=1000, order=[("value", "desc")]))
        note("budget units' own totals", CubeQuery([Cut("fact", "unit_total"), Cut("year", str(row.y))],
                                                   ["unit", "year", "document", "table", "line"], limit=1000))
    print(f"{'kind':32s} {'n':>3s} {'median':>9s} {'max':>9s} {'cells':>6s}")
    for kind, values in times.items():
        print(f"{kind:32s} {len(values):3d} {statistics.median(values):7.0f} ms {max(values):7.0f} ms {cells[kind]:6d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
