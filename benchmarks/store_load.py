"""How fast each backend loads the documents: parse and map once, then time replace_graph into each store.

    .venv/bin/python benchmarks/store_load.py [PATH...]   # default: ../shared/corpus, else samples/

Prints, per backend: first load (empty store), reload of the same graphs (replace = drop + insert),
triples/s, and the time of a union-graph COUNT. Virtuoso is included when $GOVKG_VIRTUOSO_URL is set.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from govkg.store_commands import named_ontology  # noqa: E402
from graph_store.registry import open_store  # noqa: E402


def documents(argv: list[str]) -> list[Path]:
    if argv:
        return [Path(a) for a in argv]
    shared = Path(os.environ.get("GOVKG_SHARED", REPO.parent / "shared")) / "corpus"
    return [shared] if shared.is_dir() else [REPO / "samples"]


def mapped_graphs(paths: list[Path]) -> list[tuple[str, object]]:
    from ingest import rdf as mapping
    from ingest.parse import parse_paths

    graphs = [mapping.record_to_graph(o.record) for o in parse_paths(paths) if o.record is not None]
    graphs.append(named_ontology(mapping.ontology_graph()))
    return [(str(iri), g) for iri, g in graphs]


def stores(tmp: Path):
    yield "memory", lambda: open_store("memory")
    yield "oxigraph", lambda: open_store("oxigraph", tmp / "oxigraph")
    url = os.environ.get("GOVKG_VIRTUOSO_URL")
    if url:
        yield "virtuoso", lambda: open_store("sparql", url, catalog=f"urn:govkg:bench:{uuid.uuid4()}")


def timed_load(store, graphs) -> float:
    started = time.perf_counter()
    for iri, g in graphs:
        store.replace_graph(iri, g)
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    paths = documents(argv)
    started = time.perf_counter()
    try:
        graphs = mapped_graphs(paths)
    except ImportError as exc:
        print(f"store_load: the RDF mapper is not available ({exc}); nothing to load", file=sys.stderr)
        return 1
    triples = sum(len(g) for _, g in graphs)
    print(f"{len(graphs)} graphs ({len(graphs) - 1} documents + ontology), {triples} triples from "
          f"{', '.join(map(str, paths))}; parse + map {time.perf_counter() - started:.2f} s")
    print(f"{'backend':<10} {'load s':>8} {'triples/s':>10} {'reload s':>9} {'count ms':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in stores(Path(tmp)):
            store = make()
            try:
                first = timed_load(store, graphs)
                again = timed_load(store, graphs)
                assert store.triple_count() == triples, (name, store.triple_count(), triples)
                t = time.perf_counter()
                store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
                count_ms = (time.perf_counter() - t) * 1000
                print(f"{name:<10} {first:>8.2f} {triples / first:>10.0f} {again:>9.2f} {count_ms:>9.1f}")
            finally:
                if name == "virtuoso":
                    for iri in (g for g in store.graphs() if g != store.shared_graph):
                        store.remove_graph(iri)
                    store.connector.update(f"DROP SILENT GRAPH <{store.catalog}>")
                store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
