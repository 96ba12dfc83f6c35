"""The `memory` backend: rdflib's in-memory Dataset, for tests and one-off runs. Nothing is kept on disk.

rdflib evaluates SPARQL in Python. `FROM <iri>` must never fetch from the web here, so graph loading
is switched off for the process (rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS): FROM names a graph we hold.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path

import rdflib.plugins.sparql
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Node

from graph_store.base import (
    DATASET_FORMATS,
    RDFLIB_FORMATS,
    QueryError,
    Store,
    StoreError,
    check_graph,
    check_iri,
    node_key,
    normalise_format,
)
from graph_store.query_limits import check_query_limits
from graph_store.shared import SHARED_GRAPH, SharedChange, is_ledger, shared_change
from graph_store.sparql_text import looks_like_update
from graph_store.timeout import Cancelled, run_with_timeout
from ontology.ledger import predicate_of

# A query must never make this process fetch URLs (FROM <http://…> would otherwise be downloaded).
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


class MemoryStore(Store):
    name = "memory"
    persistent = False
    limits_links = True
    transactional = True

    def __init__(self, location: str | Path | None = None, *, shared_graph: str = SHARED_GRAPH, **options):
        if location not in (None, ""):
            raise StoreError(f"memory: keeps nothing on disk, so it takes no location (got {location!r})")
        if options:
            raise StoreError(f"memory: unknown options {sorted(options)}")
        self.shared_graph = check_iri(shared_graph)
        self._data = Dataset(default_union=True)
        # rdflib's Memory store is not safe for a write during a read: one lock around both.
        self._lock = threading.RLock()
        self._generation = 0
        self._versions: dict[str, str] = {}

    def replace_graph(self, graph_iri: str, graph: Graph, *, replaces: Iterable[str] = ()) -> None:
        iri = URIRef(self._document_iri(graph_iri))
        old = [URIRef(self._document_iri(g)) for g in replaces]
        check_graph(graph)
        triples = [(s, p, o, iri) for s, p, o in graph]  # read the source fully before touching the store
        with self._lock:
            change = self._shared_change((*old, iri), {(s, p, o) for s, p, o, _ in triples if is_ledger(p)})
            for name in (*old, iri):
                self._data.remove_graph(name)
            if triples:
                self._data.addN(triples)
            self._apply(change)
            self._generation += 1
            for name in old:
                self._versions.pop(str(name), None)
            self._versions[str(iri)] = f"{id(self)}:{self._generation}"

    def _shared_change(self, dropped: Iterable[URIRef], ledger: set[tuple]) -> SharedChange:
        """What a write dropping `dropped` and writing `ledger` changes in the reference graph."""
        dropped = set(dropped)
        old = {t for name in dropped for t in self._graph(str(name)) if is_ledger(t[1])}
        shared = self._graph(self.shared_graph)

        def stated_elsewhere(t: tuple) -> bool:
            return any(c.identifier not in dropped for _, contexts in self._data.store.triples(t) for c in contexts)

        return shared_change(old, ledger, stated_elsewhere=stated_elsewhere, held=lambda t: t in shared,
                             predicate_of=predicate_of)

    def _apply(self, change: SharedChange) -> None:
        if not change:
            return
        name = URIRef(self.shared_graph)
        for s, p, o in change.remove:
            self._data.remove((s, p, o, name))
        self._data.addN((s, p, o, name) for s, p, o in change.add)
        self._versions[self.shared_graph] = f"{id(self)}:{self._generation}:shared"

    def remove_graph(self, graph_iri: str) -> bool:
        iri = self._document_iri(graph_iri)
        with self._lock:
            existed = iri in self.graphs()
            change = self._shared_change([URIRef(iri)], set())
            self._data.remove_graph(URIRef(iri))
            self._apply(change)
            self._generation += 1
            self._versions.pop(iri, None)
            return existed

    def graph_versions(self) -> dict[str, str]:
        with self._lock:
            return {g: self._versions.get(g, "") for g in self.graphs()}

    def generation(self) -> int:
        with self._lock:
            return self._generation

    def graphs(self) -> list[str]:
        with self._lock:
            return sorted(str(g.identifier) for g in self._data.graphs()
                          if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g) > 0)

    def query(self, sparql: str, *, default_graph_uris: Iterable[str] = (), named_graph_uris: Iterable[str] = (),
              timeout: float | None = None, read_rows: int | None = None) -> Result:
        check_query_limits(sparql, self.name)
        if looks_like_update(sparql):
            raise QueryError("memory: this is a SPARQL update, not a query")
        default_graph_uris, named_graph_uris = list(default_graph_uris), list(named_graph_uris)

        def work(cancel) -> Result:
            with self._lock:
                data = self._data
                if default_graph_uris or named_graph_uris:
                    data = self._view(default_graph_uris, named_graph_uris)
                try:
                    result = data.query(sparql)
                    if result.type == "SELECT":
                        _ = result.bindings  # read it all inside the lock
                except Cancelled:
                    raise
                except Exception as exc:  # rdflib raises pyparsing and plain Exceptions for bad queries
                    raise QueryError(f"memory: {type(exc).__name__}: {exc}") from exc
                return result

        return run_with_timeout(work, timeout, self.name, trace=True)

    def _view(self, default_graph_uris: list[str], named_graph_uris: list[str]) -> Dataset:
        """A copy whose default graph merges `default_graph_uris` (all graphs when empty) and whose named
        graphs are `named_graph_uris` (all when empty)."""
        view = Dataset(default_union=False)
        for iri in default_graph_uris or self.graphs():
            view.addN((s, p, o, DATASET_DEFAULT_GRAPH_ID) for s, p, o in self._graph(iri))
        for iri in named_graph_uris or self.graphs():
            view.addN((s, p, o, URIRef(iri)) for s, p, o in self._graph(iri))
        return view

    def _graph(self, iri: str) -> Graph:
        # A view on one context that, unlike Dataset.graph(), does not create it when absent.
        return Graph(store=self._data.store, identifier=URIRef(iri))

    def quads(self, graph_iri: str | None = None) -> Iterator[tuple[Node, Node, Node, str]]:
        with self._lock:
            names = [graph_iri] if graph_iri is not None else self.graphs()
            out = [(s, p, o, iri) for iri in names for s, p, o in self._graph(iri)]
        return iter(out)

    def links(self, nodes: list[str], limit: int | None = None) -> Iterator[tuple[str, str, str]]:
        with self._lock:
            out = []
            for node in nodes:
                term = BNode(node[2:]) if node.startswith("_:") else URIRef(node)
                linked = ((s, p, o) for s, p, o in  # the union: the Dataset's default_union
                          chain(self._data.triples((term, None, None)), self._data.triples((None, None, term)))
                          if not isinstance(o, Literal))
                out += [(node_key(s), str(p), node_key(o)) for s, p, o in islice(linked, limit)]
        return iter(out)

    def triple_count(self, graph_iri: str | None = None) -> int:
        with self._lock:
            names = [graph_iri] if graph_iri is not None else self.graphs()
            return sum(len(self._graph(iri)) for iri in names)

    def export(self, fmt: str = "nquads") -> bytes:
        fmt = normalise_format(fmt)
        with self._lock:
            if fmt in DATASET_FORMATS:
                out = Dataset()
                for iri in self.graphs():
                    out.addN((s, p, o, URIRef(iri)) for s, p, o in self._graph(iri))
            else:
                out = Graph()
                for s, p, o, _ in self.quads():
                    if not is_ledger(p):  # a clean union: each statement once, no ledger
                        out.add((s, p, o))
            _bind_common_prefixes(out)
            return out.serialize(format=RDFLIB_FORMATS[fmt], encoding="utf-8")


def _bind_common_prefixes(graph: Graph) -> None:
    for prefix, ns in (("rdfs", "http://www.w3.org/2000/01/rdf-schema#"), ("xsd", "http://www.w3.org/2001/XMLSchema#"),
                       ("skos", "http://www.w3.org/2004/02/skos/core#")):
        graph.bind(prefix, ns)
