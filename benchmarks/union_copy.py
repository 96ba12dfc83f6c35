"""A written graph's copy into the store's union graph on a SPARQL server (graph_store.sparql_union.copy_in), two
ways, against the Graph Store Protocol PUT of the same triples: INSERT … WHERE and ADD, alternately, on copies of
documents of a store made already (fresh graphs of their own, dropped afterwards).

    .venv/bin/python benchmarks/union_copy.py --sparql http://127.0.0.1:5232/sparql --catalog urn:…:catalog [--documents 12]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph_store.sparql import SparqlStore  # noqa: E402

FORMS = {"INSERT … WHERE": "INSERT {{ GRAPH <{union}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
         "ADD": "ADD SILENT GRAPH <{graph}> TO GRAPH <{union}>"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sparql", required=True)
    parser.add_argument("--catalog", required=True, help="the catalog of the store whose documents are copied")
    parser.add_argument("--documents", type=int, default=12)
    args = parser.parse_args(argv)
    store = SparqlStore(args.sparql, catalog=args.catalog)
    connector, run = store.connector, f"urn:union-copy:{uuid.uuid4()}"
    graphs = [g for g in store.graphs() if g != store.shared_graph][:args.documents]
    seconds: dict[str, list[float]] = {"PUT": [], **{name: [] for name in FORMS}}  # per 1,000 triples
    try:
        for i, graph in enumerate(graphs):
            triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store.ox_quads(graph)]
            copy, name = f"{run}:g{i}", list(FORMS)[i % len(FORMS)]
            started = time.perf_counter()
            connector.put_graph(copy, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
            put = time.perf_counter()
            connector.update(FORMS[name].format(union=f"{run}:union{i % len(FORMS)}", graph=copy))
            done = time.perf_counter()
            seconds["PUT"].append((put - started) * 1000 / len(triples))
            seconds[name].append((done - put) * 1000 / len(triples))
    finally:
        connector.update("".join(f"DROP SILENT GRAPH <{run}:{g}> ;\n" for g in
                                 [*(f"g{i}" for i in range(len(graphs))), *(f"union{i}" for i in range(len(FORMS)))]))
    for name, times in seconds.items():
        if times:
            print(f"{name}: median {statistics.median(times) * 1000:.1f} ms per 1,000 triples ({len(times)} graphs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
