"""The department treemap's three cube queries (类, 类+款, 类+款+项 of each document's spending table by
功能分类), timed on every document of a store: median and slowest per level.

    .venv/bin/python benchmarks/cube_levels.py --store /tmp/qa-store            # an oxigraph store
    .venv/bin/python benchmarks/cube_levels.py --virtuoso URL CORPUS_DIR...     # loads, times, removes

With --virtuoso the documents are parsed and loaded under a base IRI and catalog of this run's own (a
shared Virtuoso keeps others' graphs untouched), and removed at the end.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph_store.registry import open_store  # noqa: E402
from ingest.parse import expand_paths, parse_paths  # noqa: E402
from ingest.rdf import record_to_graph  # noqa: E402
from query_api.cube import CubeQuery, Cut, run  # noqa: E402
from query_api.entities import main_tables  # noqa: E402
from query_api.queries import PREFIXES  # noqa: E402

LEVELS = ["code.class", "code.section", "code.item"]
DEPARTMENTS = PREFIXES + "SELECT DISTINCT ?d WHERE { GRAPH ?g { ?o gk:organization ?d } }"


def treemap_queries(store, department: str) -> list[CubeQuery]:
    """The treemap's cube queries of one department's page (query_api/static/department.js): for each of its
    documents' spending tables by 功能分类, 类, 类+款 and 类+款+项 (LEVELS, in that order)."""
    out = []
    for t in main_tables(store, department):
        if t["scheme"] == "functional":
            cuts = [Cut("document", t["doc"]), Cut("scheme", "functional"), Cut("table", t["table"]),
                    Cut("column", t["column"])]
            out += [CubeQuery(list(cuts), LEVELS[: i + 1], limit=10000) for i in range(len(LEVELS))]
    return out


def time_levels(store) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {level: [] for level in LEVELS}
    for row in store.query(DEPARTMENTS):
        for query in treemap_queries(store, str(row.d)):
            started = time.perf_counter()
            run(store, query, timeout=60)
            times[query.drilldowns[-1]].append((time.perf_counter() - started) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="an oxigraph store directory")
    parser.add_argument("--virtuoso", help="a SPARQL endpoint URL to load CORPUS into for the run")
    parser.add_argument("corpus", nargs="*")
    args = parser.parse_args()
    graphs = []
    if args.virtuoso:
        base = f"https://w3id.org/govkg-bench/{uuid.uuid4()}/"
        graphs = [record_to_graph(o.record, base=base) for o in parse_paths(expand_paths(args.corpus)) if o.error is None]
        store = open_store("sparql", args.virtuoso, catalog=f"urn:govkg:bench-catalog:{uuid.uuid4()}")
        for iri, graph in graphs:
            store.replace_graph(iri, graph)
    else:
        store = open_store("oxigraph", args.store, read_only=True)
    try:
        times = time_levels(store)
    finally:
        if graphs:
            for iri, _ in graphs:
                store.remove_graph(iri)
            store.connector.update(f"DROP SILENT GRAPH <{store.catalog}>")
    for level, values in times.items():
        print(f"{level:14s} n={len(values):3d}  median {statistics.median(values):7.0f} ms   max {max(values):7.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
