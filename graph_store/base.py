"""The backend contract. A store holds one named graph per source document; its default graph for
queries is the union of all named graphs unless the query says otherwise (FROM / default-graph-uri).

Backends are registered by name in `graph_store.registry` and imported lazily. Errors, all caught as
`StoreError` (lower-level errors are translated at each backend's boundary):

    StoreError                   a store could not do what was asked (message names backend and reason)
    ├── QueryTimeout             a query ran longer than its time limit and was stopped
    ├── QueryError               the SPARQL text is not a valid query (syntax, unknown prefix, an update)
    │   └── QueryTooComplex      it exceeds a bound on size, nesting or repetition (graph_store.query_limits)
    ├── ResultTruncated          the server cut the result short (e.g. Virtuoso's ResultSetMaxRows)
    ├── WorkerCrashed            the process running the query died (a crash in the engine)
    ├── StoreLocked              another process holds the on-disk store for writing
    └── ReadOnlyStore            a write was asked of a store opened read-only
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rdflib import BNode, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Node

from ontology.files import ONTOLOGY_IRI
from ontology.ledger import SHARED_GRAPH, DocumentGraph

LINKS = ("SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?n {{ {nodes} }} "
         "{{ ?n ?p ?o BIND(?n AS ?s) }} UNION {{ ?s ?p ?n BIND(?n AS ?o) }} FILTER(!isLiteral(?o)) }}")
LINK_COUNTS = ("SELECT ?n ?p (COUNT(*) AS ?c) WHERE {{ VALUES ?n {{ {nodes} }} "
               "{{ ?n ?p ?o FILTER(!isLiteral(?o)) }} UNION {{ ?s ?p ?n }} }} GROUP BY ?n ?p")


class StoreError(Exception):
    """A store could not do what was asked; the message names the backend and the reason."""


class QueryTimeout(StoreError):
    """A query ran longer than its time limit and was stopped."""


class QueryError(StoreError):
    """The SPARQL text is not a query this store can run (syntax error, unknown prefix, an update)."""


class QueryTooComplex(QueryError):
    """The query exceeds a bound on its size, nesting or repetition; it was not run."""

    def __init__(self, message: str, *, limit: str, value: int, most: int):
        super().__init__(message)
        self.limit, self.value, self.most = limit, value, most


class WorkerCrashed(StoreError):
    """The worker process running the query died before answering (a crash inside the engine)."""


class ResultTruncated(StoreError):
    """The server returned only part of the result (a row limit of its own); the answer would be wrong."""


class StoreLocked(StoreError):
    """Another process has the on-disk store open for writing."""


class ReadOnlyStore(StoreError):
    """The store was opened read-only and a write was asked."""


# Export formats: canonical name -> aliases. nquads/trig keep the named graphs; the others write the
# union graph (a document's triples without the graph they came from).
FORMATS: dict[str, tuple[str, ...]] = {
    "nquads": ("nq", "n-quads", "nquads"),
    "trig": ("trig",),
    "turtle": ("ttl", "turtle"),
    "ntriples": ("nt", "n-triples", "ntriples"),
    "jsonld": ("jsonld", "json-ld"),
}
DATASET_FORMATS = ("nquads", "trig")
# A query beginning with this comment has its patterns written in the order they should be joined (the most
# selective first): a store whose planner guesses badly may follow it (graph_store.http: Virtuoso), the
# others ignore it as the comment it is.
JOINS_AS_WRITTEN = "# govkg: joins in the order written\n"
RDFLIB_FORMATS = {"nquads": "nquads", "trig": "trig", "turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}


def normalise_format(fmt: str) -> str:
    """The canonical export format for `fmt` (any alias in FORMATS); StoreError names the choices."""
    key = fmt.lower().lstrip(".")
    for name, aliases in FORMATS.items():
        if key in aliases:
            return name
    choices = ", ".join(a for aliases in FORMATS.values() for a in aliases)
    raise StoreError(f"unknown export format {fmt!r}; choose one of {choices}")


# Characters that may not appear in an IRI written between <> (RFC 3987 / SPARQL IRIREF).
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def check_iri(iri: str) -> str:
    """`iri` unchanged if it can be written as <iri> in SPARQL/N-Triples; StoreError otherwise."""
    if not iri or _BAD_IRI.search(iri) or ":" not in iri:
        raise StoreError(f"not an absolute IRI usable as a graph name: {iri!r}")
    return iri


def node_key(term) -> str:
    """A node as `Store.links` names it: its IRI, or `_:id` for a blank node."""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def check_graph(graph: Graph) -> Graph:
    """`graph` unchanged if every IRI in it can be written in N-Triples; StoreError naming the first bad one.
    Checked before a store is touched, so a graph that cannot be stored leaves the old one in place."""
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef) and _BAD_IRI.search(term):
                raise StoreError(f"not a valid IRI: {str(term)!r} (in the triple {' '.join(map(str, triple))})")
    return graph


class Store:
    """Base class of every backend. Subclasses set the capability flags and implement the methods.

    Semantics every backend keeps (pinned by tests/graph_store/test_contract.py):
    - a named graph with no triples does not exist: it is not in `graphs()`;
    - `query` without FROM / default_graph_uris sees the union of all named graphs as default graph,
      and GRAPH ?g ranges over all named graphs unless `named_graph_uris` narrows it;
    - `triple_count()` counts quads: the sum of the sizes of the named graphs;
    - every write raises `generation()` (kept where the data is, written with the document), so other
      processes reading the same store see the change without counting its triples;
    - a triple held in several graphs may match once per graph in the union (oxigraph, Virtuoso) or once
      (memory): write DISTINCT where that matters. Documents state shared things (a department, a code)
      through their ledgers, so those statements are held once, in the reference graph `shared_graph`,
      as long as some graph's ledger makes them (ontology.ledger; pinned by tests/graph_store/test_shared.py).
    """

    name = "base"
    shared_graph = SHARED_GRAPH  # the reference graph (ontology.ledger); each backend may be given another
    ontology_graph = ONTOLOGY_IRI  # where `govkg ingest` keeps our vocabulary; a store sharing a server names its own
    persistent = False  # keeps its data across processes
    limits_links = False  # `links(nodes, limit)` gives no more than `limit` statements per node
    transactional = False  # replace_graph (with the graphs it replaces) is all-or-nothing
    read_only = False
    takes_document_graphs = False  # replace_graph takes ingest's DocumentGraph as it is, not only an rdflib Graph

    def writable(self, graph: Graph | DocumentGraph) -> Graph | DocumentGraph:
        """`graph` as this backend's replace_graph takes it: a DocumentGraph (as mapped) where it can."""
        return graph.graph() if isinstance(graph, DocumentGraph) and not self.takes_document_graphs else graph

    loads_files = False  # write_new(…, spooled=FILE): the batch's N-Quads read from a file (graph_store.oxigraph_write)

    def write_new(self, documents: list[DocumentGraph]) -> None:
        """Write documents whose graphs the store does not hold and that replace no other, each as
        `replace_graph` would (the reference graph, versions and generation kept); a backend may load them
        at once (oxigraph bulk-loads the batch). A document whose graph is held after all is replaced."""
        for document in documents:
            self.replace_graph(document.iri, self.writable(document))

    def replace_graph(self, graph_iri: str, graph: Graph, *, replaces: Iterable[str] = ()) -> None:
        """Make the named graph `graph_iri` hold exactly the triples of `graph`, and drop the graphs named
        in `replaces` (earlier versions of the same document) in the same step: all-or-nothing where
        the backend is `transactional`, so no reader ever sees both versions or neither. In the same step
        the reference graph `shared_graph` gains the statements of the graph's ledger (ontology.ledger)
        and loses those that only the graphs dropped or rewritten stated (graph_store.shared)."""
        raise NotImplementedError(f"{self.name}: replace_graph")

    def _document_iri(self, graph_iri: str) -> str:
        """`graph_iri` checked, and not the reference graph, which only the store itself writes."""
        iri = check_iri(graph_iri)
        if iri == self.shared_graph:
            raise StoreError(f"{self.name}: <{iri}> is the reference graph, kept by the store from the documents' "
                             "ledgers; write or remove documents instead")
        return iri

    def remove_graph(self, graph_iri: str) -> bool:
        """Drop a named graph, and from the reference graph the statements no other graph's ledger makes, in
        one step; True if it existed."""
        raise NotImplementedError(f"{self.name}: remove_graph")

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs held, sorted."""
        raise NotImplementedError(f"{self.name}: graphs")

    def graphs_where(self, pattern: str) -> list[str]:
        """The store's graphs in which the group graph pattern `pattern` matches, sorted (ingest's look-up of a
        document's earlier versions)."""
        return sorted({str(row[0]) for row in self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {pattern} }} }}")})

    def query(self, sparql: str, *, default_graph_uris: Iterable[str] = (), named_graph_uris: Iterable[str] = (),
              timeout: float | None = None, read_rows: int | None = None) -> Result:
        """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) and return rdflib's Result, fully read.

        `read_rows`: the caller uses no more rows or triples than this; a backend may stop reading there
        (the result then holds the first `read_rows`), so a huge answer costs no more than that.
        Raises QueryTimeout after `timeout` seconds, QueryError for text that is not a valid query,
        QueryTooComplex for text over the bounds of graph_store.query_limits.
        """
        raise NotImplementedError(f"{self.name}: query")

    def quads(self, graph_iri: str | None = None) -> Iterator[tuple[Node, Node, Node, str]]:
        """Every (s, p, o, graph IRI) of one named graph, or of all of them."""
        raise NotImplementedError(f"{self.name}: quads")

    def links(self, nodes: list[str], limit: int | None = None) -> Iterator[tuple[str, str, str]]:
        """Every statement (s, p, o) of the union whose subject or object is one of `nodes` and whose object is
        no literal, as strings (IRIs, `_:id` for a blank node); a statement may come once per graph holding it.
        `limit`: no more than so many statements per node are needed (a backend may give them all).
        The path search (graph_store.network) reads a store so, node by node. This fallback asks SPARQL, one
        query per 200 nodes (blank nodes cannot be named in a query, so theirs are not read)."""
        iris = [n for n in nodes if not n.startswith("_:")]
        for at in range(0, len(iris), 200):
            text = LINKS.format(nodes=" ".join(f"<{n}>" for n in iris[at:at + 200]))
            for row in self.query(text, timeout=30):
                yield tuple(node_key(t) for t in (row.s, row.p, row.o))

    def link_counts(self, nodes: list[str]) -> dict[str, dict[str, int]]:
        """For each of `nodes` (IRIs), how many statements of the union link it to another node (no literal),
        by predicate, either direction: counted by the engine, not read (a node of 100,000 links costs a
        count, not their terms)."""
        counts: dict[str, dict[str, int]] = {}
        for at in range(0, len(nodes), 200):
            text = LINK_COUNTS.format(nodes=" ".join(f"<{n}>" for n in nodes[at:at + 200]))
            for row in self.query(text, timeout=30):
                counts.setdefault(str(row.n), {})[str(row.p)] = int(row.c)
        return counts

    def triple_count(self, graph_iri: str | None = None) -> int:
        """Triples in one named graph, or the sum over all named graphs (0 for an unknown graph)."""
        raise NotImplementedError(f"{self.name}: triple_count")

    def export(self, fmt: str = "nquads") -> bytes:
        """Everything as an RDF dataset serialisation (nquads, trig) or, for ttl/nt/jsonld, the union graph."""
        raise NotImplementedError(f"{self.name}: export")

    def generation(self) -> int | None:
        """A number that every write through this contract (replace_graph, remove_graph) raises, read without
        scanning the data, so a cache keyed on it costs nothing while nothing changed. None when the store
        cannot tell (it was written by a govkg without the counter): `state()` then scans."""
        return None

    def document_versions(self) -> dict[str, str]:
        """`graph_versions()` without the reference graph: the graphs to read one at a time (each with the
        shared statements of its ledger: graph_store.shared.description)."""
        return {g: v for g, v in self.graph_versions().items() if g != self.shared_graph}

    def graph_versions(self) -> dict[str, str]:
        """Each named graph's version: a token that a write of that graph changes (and no other write), so a
        cache of what one document says is kept per document. Read when `generation()` has changed, not
        per request. This fallback (a store that keeps no versions) names each graph by its size."""
        return {g: f"size:{self.triple_count(g)}" for g in self.graphs()}

    def state(self) -> tuple:
        """A key that changes whenever the named graphs change: the generation when the store keeps one,
        else the graphs and their triple count (a scan of the whole store)."""
        generation = self.generation()
        if generation is not None:
            return ("generation", generation)
        return ("scan", tuple(self.graphs()), self.triple_count())

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"
