"""The `sparql` backend: any SPARQL 1.1 store over the standard Protocol and Graph Store Protocol
(tested against Virtuoso 7). HTTP lives in `graph_store.http`; this module keeps the Store contract.

- A document's graph is PUT (Graph Store Protocol) where it belongs, then one SPARQL Update lists it in the
  catalog, keeps the reference and union graphs, drops its earlier versions and raises the generation (no
  query sees an unlisted graph; the update is one transaction in Virtuoso). A graph listed already (its
  content rewritten) is PUT to a staging graph instead and moved into place by that update; without a GSP
  URL (gsp_url="") the graph is filled by SPARQL Update in chunks (graph_store.sparql_write). Each write
  costs the same whatever the store holds: no step reads the list of graphs, and each triple of a dropped
  version is looked up by itself among the graphs that hold it. `write_new` (graph_store.sparql_batch) writes a batch of new
  documents with one update for the batch.
- Which graphs are ours: a remote store also holds graphs of its own (Virtuoso's system graphs), so
  every graph we write is listed in a catalog graph (`urn:govkg:catalog`) and `graphs()` reads it.
- Union default graph: with `union="graph"` (the default) the store keeps its own union graph
  (graph_store.sparql_union) and each query names it and the reference graph as its default graph, and
  the store's graphs as named graphs when it has a GRAPH pattern (`graphs_where`, ingest's look-up of a
  document's versions, joins the catalog in the query instead and names none): standard SPARQL 1.1, exact beside
  other stores on one server, and as fast at 1,000 documents as at 8. `union="explicit"` names every
  graph in each request (default-graph-uri and named-graph-uri = our graphs): no second copy, but
  Virtuoso takes 0.1-1.4 s a query past a few hundred graphs. `union="server"` trusts the server's own
  default graph (Virtuoso: all graphs, its own too; Fuseki with unionDefaultGraph). A query with its own
  FROM is sent as written.
- Row limits: Virtuoso cuts results at ResultSetMaxRows (10000 as packaged) and says so only in an
  X-SPARQL-MaxRows header (a CONSTRUCT: not at all). A cut answer is read again a page at a time
  (graph_store.sparql_pages); one that cannot be paged raises ResultTruncated, never a short answer.
- Time limits are the HTTP client's: the request is abandoned (the server may finish it regardless).
- Graphs written by another process join the union within `graphs_ttl` seconds (5 by default), or
  at once for a reader that asks `generation()` (kept in the catalog graph, raised by every write).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Node, Variable

from graph_store.base import (
    DATASET_FORMATS,
    RDFLIB_FORMATS,
    QueryError,
    ReadOnlyStore,
    ResultTruncated,
    Store,
    StoreError,
    check_iri,
    normalise_format,
)
from graph_store.http import SparqlConnector
from graph_store.query_limits import check_query_limits
from graph_store.shared import SHARED_GRAPH, is_ledger
from graph_store.sparql_batch import SparqlBatchWrites
from graph_store.sparql_pages import cap_probe, construct_pages, read_pages, select_pages
from graph_store.sparql_rows import local_bnode, ox_rows, rdflib_rows
from graph_store.sparql_text import (
    has_dataset_clause,
    has_graph_pattern,
    looks_like_update,
    query_form,
    top_level_limit,
)
from graph_store.sparql_union import (
    HOLDS,
    is_complete_query,
    per_catalog,
    union_graph_iri,
)
from graph_store.sparql_write import GENERATION, VERSION, SparqlWrites
from ontology.files import ONTOLOGY_IRI

CATALOG = "urn:govkg:catalog"
UNIONS = ("graph", "explicit", "server")
NO_GRAPH = "urn:govkg:no-graph"  # an empty default graph when we hold nothing (never the server's own)
SELECT_ACCEPT = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples"
RDF_TYPES = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle",
             "application/rdf+xml": "xml", "application/ld+json": "json-ld", "application/n-quads": "nquads"}


def _cut(n: int, cap: int | None, sparql: str, read_rows: int | None) -> bool:
    """Whether an answer of `n` rows (or triples) may be the server's row `cap` cutting it short: it reached the
    cap, the query itself asks for more, and the caller uses more than it holds (one that uses no more has all
    it needs)."""
    if not cap or n < cap:
        return False
    limit = top_level_limit(sparql)
    return (limit is None or limit > cap) and (read_rows is None or n < read_rows)


class SparqlStore(SparqlBatchWrites, SparqlWrites, Store):
    name = "sparql"
    persistent = True
    transactional = True
    # ingest's N-Quads are sent as pyoxigraph writes them: making an rdflib Graph of each document and
    # serialising it again was 3/4 of `govkg ingest`'s writing process at 1,000 documents (py-spy)
    takes_document_graphs = True

    def __init__(self, location: str | Path, *, update_url: str | None = None, gsp_url: str | None = None,
                 user: str | None = None, password: str | None = None, union: str = "graph",
                 page_size: int = 10000, read_only: bool = False, timeout: float = 120.0, catalog: str = CATALOG,
                 graphs_ttl: float = 5.0, update_chunk: int = 500, shared_graph: str | None = None):
        if union not in UNIONS:
            raise StoreError(f"sparql: union must be one of {', '.join(UNIONS)}, not {union!r}")
        self.connector = SparqlConnector(str(location), update_url=update_url, gsp_url=gsp_url, user=user,
                                         password=password, timeout=timeout)
        self.union, self.page_size, self.read_only = union, page_size, read_only
        self.catalog = check_iri(catalog)  # tests give each run its own, so runs sharing a server never meet
        # the reference graph (ontology.ledger): one per catalog, so two stores on one server never share it
        self.shared_graph = check_iri(shared_graph or per_catalog(catalog, CATALOG, SHARED_GRAPH, "shared"))
        self.union_graph = union_graph_iri(self.catalog, CATALOG)
        # the ontology too: a store that removes or rewrites it must not take it from another store's queries
        self.ontology_graph = per_catalog(catalog, CATALOG, ONTOLOGY_IRI, "ontology")
        # Queries name our graphs in each request; re-reading the catalog every time would double the
        # requests, so the list is kept `graphs_ttl` seconds (and dropped at once on our own writes).
        self.graphs_ttl = graphs_ttl
        self.update_chunk = update_chunk
        self._known: tuple[float, list[str]] | None = None
        self._generation_seen: int | None = None
        self._names: tuple[int, list[str]] | None = None  # see _graph_names
        self._versions: tuple[int, dict[str, str]] | None = None
        self._union_ready = False  # the catalog says the union graph is complete (once true, it stays)
        self._union_checked = float("-inf")
        self._uncut_rows = 0  # a SELECT of this many rows came back whole (graph_store.sparql_pages.cap_probe)

    def __repr__(self) -> str:
        return f"<SparqlStore {self.connector.query_url}>"

    # -- writing

    def _writable(self) -> SparqlConnector:
        if self.read_only:
            raise ReadOnlyStore(f"sparql: {self.connector.query_url} was opened read-only")
        return self.connector

    def _union_complete(self, recheck: bool = False) -> bool:
        """Whether the catalog says the union graph is complete: asked again after `graphs_ttl` seconds
        (a store another process is still to write the first time), never again once it is."""
        now = time.monotonic()
        if not self._union_ready and (recheck or now - self._union_checked > self.graphs_ttl):
            self._union_checked = now
            self._union_ready = bool(self._select(is_complete_query(self.union_graph, self.catalog),
                                                  [self.catalog], [self.catalog]).askAnswer)
        return self._union_ready

    def graph_versions(self) -> dict[str, str]:
        generation = self.generation()
        held = self._versions
        if generation is not None and held is not None and held[0] == generation:
            return dict(held[1])
        names = self._graph_names(generation)
        rows = self._select(f"SELECT ?g ?v WHERE {{ GRAPH <{self.catalog}> {{ ?g <{VERSION}> ?v }} }}",
                            [self.catalog], [self.catalog]).bindings
        found = {str(r[Variable("g")]): str(r[Variable("v")]) for r in rows}
        versions = {g: found.get(g) or f"size:{self.triple_count(g)}" for g in names}
        if generation is not None:
            self._versions = (generation, versions)
        return dict(versions)

    def _graph_names(self, generation: int | None) -> list[str]:
        """The graphs the catalog lists, read again only when the `generation` (read first) has changed: every
        write that lists, unlists or rewrites a graph raises it in the same transaction, so what is kept is
        never older than its key (as the versions kept beside). (One `govkg ingest` at 1,000 documents asked
        for them 14 times: 3 s of reading 1,000 rows each time.)"""
        held = self._names
        if generation is not None and held is not None and held[0] == generation:
            return held[1]
        names = self._read_graphs()
        if generation is not None:
            self._names = (generation, names)
        return names

    def generation(self) -> int | None:
        rows = self._select(f"SELECT ?n WHERE {{ GRAPH <{self.catalog}> {{ <{self.catalog}> <{GENERATION}> ?n }} }}",
                            [self.catalog], [self.catalog]).bindings
        generation = int(rows[0][Variable("n")]) if rows else None
        if generation != self._generation_seen:
            # Another process wrote: the graphs kept for `graphs_ttl` are out of date now, and a cache
            # keyed on the new generation must not be filled from the old list.
            self._known, self._generation_seen = None, generation
        return generation

    # -- reading

    def _recent_graphs(self) -> list[str]:
        now = time.monotonic()
        if self._known is None or now - self._known[0] > self.graphs_ttl:
            self._known = (now, self.graphs())
        return self._known[1]

    def graphs(self) -> list[str]:
        return list(self._graph_names(self.generation()))

    def _read_graphs(self) -> list[str]:
        # Every write lists a graph in the transaction that fills it and unlists it in the one that drops it,
        # so only the reference graph can be listed and empty (its last ledger gone): it alone is looked
        # into (looking into each listed graph cost 1 ms a graph: a second a write at 1,000 documents).
        shared = f"<{self.shared_graph}>"
        rows = self._select(f"SELECT DISTINCT ?g WHERE {{ GRAPH <{self.catalog}> {{ <{self.catalog}> <{HOLDS}> ?g }} "
                            f"FILTER(?g != {shared} || EXISTS {{ GRAPH {shared} {{ ?s ?p ?o }} }}) }}")
        return sorted(str(row[Variable("g")]) for row in rows.bindings)

    def graphs_where(self, pattern: str) -> list[str]:
        # Joined to the catalog in the query, sent with no dataset (the server's every graph): a query with a
        # GRAPH pattern is otherwise sent every graph's name, 0.1-1.4 s a query at 1,000 documents (ingest's
        # look-up of each document's earlier versions: 44 % of its writing process at 250)
        found = self._select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {pattern} }} "
                             f"GRAPH <{self.catalog}> {{ <{self.catalog}> <{HOLDS}> ?g }} }}")
        return sorted({str(row[Variable("g")]) for row in found.bindings})

    def query(self, sparql: str, *, default_graph_uris: Iterable[str] = (), named_graph_uris: Iterable[str] = (),
              timeout: float | None = None, read_rows: int | None = None) -> Result:
        check_query_limits(sparql, self.name)
        if looks_like_update(sparql):
            raise QueryError("sparql: this is a SPARQL update, not a query")
        default_graph_uris = [check_iri(g) for g in default_graph_uris]
        named_graph_uris = [check_iri(g) for g in named_graph_uris]
        default_graph_uris, named_graph_uris = self._dataset(sparql, default_graph_uris, named_graph_uris)
        form = query_form(sparql) or "SELECT"
        if form in ("CONSTRUCT", "DESCRIBE"):
            return self._construct(sparql, form, default_graph_uris, named_graph_uris, timeout, read_rows)
        return self._select(sparql, default_graph_uris, named_graph_uris, timeout, read_rows)

    def _dataset(self, sparql: str, default: list[str], named: list[str]) -> tuple[list[str], list[str]]:
        """The default and named graphs a query is sent with (see the module's docstring)."""
        if self.union == "server" or has_dataset_clause(sparql):
            return default, named
        if self.union == "graph" and self._union_complete():
            if not named and has_graph_pattern(sparql):
                named = self._recent_graphs() or [NO_GRAPH]
            return default or [self.union_graph, self.shared_graph], named
        # union="explicit", or a store of an earlier govkg until its next write makes its union graph
        ours = (self._recent_graphs() or [NO_GRAPH]) if not default or not named else []
        return default or ours, named or ours

    def _select(self, sparql: str, default_graph_uris: Iterable[str] = (), named_graph_uris: Iterable[str] = (),
                timeout: float | None = None, read_rows: int | None = None) -> Result:
        reply = self.connector.query(sparql, SELECT_ACCEPT, default_graph_uris=default_graph_uris,
                                     named_graph_uris=named_graph_uris, timeout=timeout)
        try:
            result = Result.parse(io.BytesIO(reply.body), format="json")
            if result.type == "SELECT":
                result.bindings = [{k: local_bnode(v) for k, v in row.items()} for row in result.bindings]
            rows = result.bindings if result.type == "SELECT" else []
        except Exception as exc:  # rdflib's JSON results parser raises KeyError/ValueError on odd bodies
            raise StoreError(f"sparql: unreadable answer ({reply.content_type}): {reply.body[:200]!r}") from exc
        cap = reply.headers.get("x-sparql-maxrows", "")
        if _cut(len(rows), int(cap) if cap.isdigit() else None, sparql, read_rows):
            # Virtuoso sends the first ResultSetMaxRows rows as a success (the header is its only sign): read the
            # rest a page at a time, or fail, since a short list is a wrong count
            pages = select_pages(sparql, [str(v) for v in result.vars or ()])
            if pages is None:
                raise ResultTruncated(f"sparql: 结果不完整 — the server sent only the first {cap} rows (Virtuoso "
                                      "ResultSetMaxRows) of a query that cannot be read in pages (it has FROM, or "
                                      "orders by what it does not select); narrow it or raise the server's limit")
            read = lambda body: self._select(body, default_graph_uris, named_graph_uris, timeout).bindings  # noqa: E731
            result.bindings = list(read_pages(pages, int(cap), timeout or self.connector.timeout, read, most=read_rows))
        return result

    def _construct(self, sparql: str, form: str, default: list[str], named: list[str], timeout: float | None,
                   read_rows: int | None = None) -> Result:
        """A CONSTRUCT or DESCRIBE; a CONSTRUCT the server cut (it then sends exactly its cap of triples, and
        no sign) is read again a page of solutions at a time."""
        def graph_of(body: str) -> Graph:
            reply = self.connector.query(body, GRAPH_ACCEPT, default_graph_uris=default, named_graph_uris=named,
                                         timeout=timeout)
            return Graph().parse(data=reply.body, format=RDF_TYPES.get(reply.content_type, "nt"))

        result = Result(form)
        result.graph = graph_of(sparql)
        cap = self._row_cap(len(result.graph))
        if _cut(len(result.graph), cap, sparql, read_rows):
            paging = construct_pages(sparql) if form == "CONSTRUCT" else None
            if paging is None:
                raise ResultTruncated(f"sparql: 结果不完整 — the server cut the graph at {cap} triples (Virtuoso "
                                      "ResultSetMaxRows), and this query cannot be read in pages; narrow it or "
                                      "raise the server's limit")
            pages, per_solution = paging  # a page of fewer triples than the cap is known whole
            result.graph = Graph()
            for graph in read_pages(pages, max(1, (cap - 1) // per_solution), timeout or self.connector.timeout,
                                     lambda body: [graph_of(body)], full=cap):
                result.graph += graph
                if read_rows is not None and len(result.graph) >= read_rows:
                    break
        return result

    def _row_cap(self, rows: int) -> int | None:
        """The server's row cap when an answer of `rows` rows may have been cut by it: known once an answer was
        cut, else learnt from a SELECT of more made-up rows (asked again only for an answer larger still)."""
        if self.connector.max_rows is None and 0 < rows >= self._uncut_rows:
            probe = max(rows + 1, 1000, 2 * self._uncut_rows)
            self.connector.query(cap_probe(probe), SELECT_ACCEPT)  # sets connector.max_rows if the server cuts it
            self._uncut_rows = probe if self.connector.max_rows is None else self._uncut_rows
        return self.connector.max_rows

    def quads(self, graph_iri: str | None = None) -> Iterator[tuple[Node, Node, Node, str]]:
        for name in [check_iri(graph_iri)] if graph_iri is not None else self.graphs():
            for s, p, o in self._all_triples(name, rdflib_rows):
                yield s, p, o, name

    def ox_quads(self, graph_iri: str) -> Iterator:
        """One graph's quads in pyoxigraph terms, its answer parsed by pyoxigraph: what reads a document whole
        (graph_store.shared.description) takes these, 5-10x faster than rdflib's JSON parser and terms."""
        import pyoxigraph as ox

        name = ox.NamedNode(check_iri(graph_iri))
        return (ox.Quad(s, p, o, name) for s, p, o in self._all_triples(graph_iri, ox_rows))

    def _all_triples(self, iri: str, parse: Callable[[bytes], list[tuple]]) -> Iterator[tuple]:
        """Every triple of one graph, each answer read by `parse`; pages (in a stable order) when the server
        caps rows."""
        whole = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
        cap = str(self.connector.max_rows or "")
        if not cap or self._size(iri) <= int(cap):
            reply = self.connector.query(whole, SELECT_ACCEPT)
            cap = reply.headers.get("x-sparql-maxrows", "")
            if not cap:
                yield from parse(reply.body)
                return
        # Past the server's cap, read in pages from the first: a graph's size is one lookup (30-120 ms), where
        # its cut answer, thrown away, cost as much as a page (1.6-2.3 s for 10,000 triples under load)
        size = min(self.page_size, int(cap)) if cap.isdigit() else self.page_size
        yield from read_pages(select_pages(whole, ["s", "p", "o"]), size, self.connector.timeout,
                              lambda page: parse(self.connector.query(page, SELECT_ACCEPT).body))

    def _size(self, iri: str) -> int:
        """The triples of one graph, counted where they are (no dataset: a GRAPH pattern would name them all)."""
        reply = self.connector.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}", SELECT_ACCEPT)
        rows = Result.parse(io.BytesIO(reply.body), format="json").bindings
        return int(rows[0][Variable("n")]) if rows else 0

    def triple_count(self, graph_iri: str | None = None) -> int:
        names = [check_iri(graph_iri)] if graph_iri is not None else self.graphs()
        if not names:
            return 0
        values = " ".join(f"<{n}>" for n in names)
        rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}")
        return int(rows.bindings[0][Variable("n")]) if rows.bindings else 0

    def export(self, fmt: str = "nquads") -> bytes:
        fmt = normalise_format(fmt)
        if fmt == "nquads":
            # read and written by pyoxigraph as the rows arrive: an rdflib Dataset of 8 M quads (1,000 documents)
            # held gigabytes and took longer to serialise than the server took to send them
            import pyoxigraph as ox

            return ox.serialize((q for g in self.graphs() for q in self.ox_quads(g)), format=ox.RdfFormat.N_QUADS)
        if fmt in DATASET_FORMATS:
            out = Dataset()
            out.addN((s, p, o, URIRef(g)) for s, p, o, g in self.quads())
        else:
            out = Graph()
            for s, p, o, _ in self.quads():
                if not is_ledger(p):  # a clean union: each statement once, no ledger
                    out.add((s, p, o))
        return out.serialize(format=RDFLIB_FORMATS[fmt], encoding="utf-8")
