"""The reference-graph layout at scale: does a union join, and the removal or replacement of one document,
cost the same in a store of many documents as in an almost empty one?

    .venv/bin/python benchmarks/shared_layout.py [--documents 1000] [--kind oxigraph|sparql] [--store URL]

The store is filled with copies of the real text documents (../shared/corpus, else samples/): each copy is
the mapped graph of one of them with its own resources renamed (another document id), so every copy
states the same shared things — its department, programs and classification codes — through its ledger:
the worst case for shared statements (k = all the documents of one original). Printed per store size:
- the code notation × label join over the union: rows and distinct rows (equal when each is held once);
- replacing one document by a new version (another graph, same identity) and removing it: seconds;
- the reference graph's size and the store's quads.
For `--kind sparql` (Virtuoso) the store gets a catalog and a base of its own and is emptied afterwards.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

from rdflib import Graph, URIRef

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("GOVKG_SHARED", ROOT.parent / "shared"))

from graph_store.registry import open_store  # noqa: E402
from ingest.parse import expand_paths, parse_paths  # noqa: E402
from ingest.rdf import record_to_graph  # noqa: E402

JOIN = ("SELECT {} WHERE {{ ?c <http://www.w3.org/2004/02/skos/core#notation> ?n ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l }}")


def originals(base: str) -> list[tuple[str, Graph, str]]:
    """(graph IRI, stored graph, document id) of each parsable text document."""
    source = SHARED / "corpus" if (SHARED / "corpus").is_dir() else ROOT / "samples"
    out = []
    for outcome in parse_paths([p for p in expand_paths([str(source)]) if p.suffix == ".txt"]):
        if outcome.record is not None:
            iri, graph = record_to_graph(outcome.record, base)
            out.append((iri, graph, iri.rsplit("/", 1)[1]))
    return out


def copy(original: tuple[str, Graph, str], n: int) -> tuple[str, Graph]:
    """The original with its own resources (IRIs holding its document id) renamed for copy n."""
    iri, graph, doc_id = original
    new_id = f"{n:08x}{doc_id[8:]}"

    def rename(term):
        return URIRef(str(term).replace(doc_id, new_id)) if isinstance(term, URIRef) and doc_id in term else term

    out = Graph()
    for triple in graph:
        out.add(tuple(rename(t) for t in triple))
    return iri.replace(doc_id, new_id), out


def measure(store, docs: list[tuple[str, Graph, str]], label: str) -> None:
    rows = len(store.query(JOIN.format("?c ?n ?l")).bindings)
    distinct = len(store.query(JOIN.format("DISTINCT ?c ?n ?l")).bindings)
    probe_iri, probe = copy(docs[0], 0xfffffff)
    started = time.perf_counter()
    store.replace_graph(probe_iri, probe)
    written = time.perf_counter() - started
    next_iri, next_version = copy(docs[0], 0xffffffe)
    started = time.perf_counter()
    store.replace_graph(next_iri, next_version, replaces=[probe_iri])
    replaced = time.perf_counter() - started
    started = time.perf_counter()
    store.remove_graph(next_iri)
    removed = time.perf_counter() - started
    shared = store.triple_count(store.shared_graph)
    print(f"{label:>12} {len(store.graphs()):>7} {store.triple_count():>10} {shared:>8} {rows:>8} {distinct:>8} "
          f"{written:>8.3f} {replaced:>9.3f} {removed:>8.3f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=1000)
    ap.add_argument("--kind", default="oxigraph", choices=("oxigraph", "sparql"))
    ap.add_argument("--store", default="http://127.0.0.1:8890/sparql", help="the endpoint for --kind sparql")
    args = ap.parse_args(argv)
    base = f"https://bench.example/{uuid.uuid4().hex[:8]}/govkg/"
    docs = originals(base)
    with tempfile.TemporaryDirectory() as scratch:
        if args.kind == "sparql":
            store = open_store("sparql", args.store, catalog=f"urn:govkg:bench-catalog:{uuid.uuid4()}")
        else:
            store = open_store("oxigraph", Path(scratch) / "store")
        written: list[str] = []
        try:
            print(f"{'documents':>12} {'graphs':>7} {'quads':>10} {'shared':>8} {'join':>8} {'distinct':>8} "
                  f"{'write s':>8} {'replace s':>9} {'remove s':>8}")
            measure(store, docs, "empty")
            started = time.perf_counter()
            for n in range(args.documents):
                iri, graph = copy(docs[n % len(docs)], n)
                store.replace_graph(iri, graph)
                written.append(iri)
                if n + 1 in (10, 100, 1000, 10000) or n + 1 == args.documents:
                    rate = (n + 1) / (time.perf_counter() - started)
                    measure(store, docs, f"{n + 1}")
                    print(f"{'':>12} (written at {rate:.1f} documents/s)", flush=True)
        finally:
            if args.kind == "sparql":
                for iri in written:
                    store.remove_graph(iri)
                store.connector.update(f"DROP SILENT GRAPH <{store.catalog}>")
            store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
