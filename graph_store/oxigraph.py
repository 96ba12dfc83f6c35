"""The `oxigraph` backend, the default: an on-disk RocksDB store through pyoxigraph, used directly (not
through rdflib's Store API) so SPARQL runs in Rust and results come back as rdflib terms.

Writes: graph_store.oxigraph_write (one transaction per replace; new documents bulk-loaded).

One writer: RocksDB lets one process open the directory read-write. A second writer gets StoreLocked.
Readers that must run beside a writer (`govkg serve` while `govkg ingest` runs) open with
`read_only=True`: a view that re-opens itself when the writer's files change (oxigraph_view), so it
shows each committed replace (the writer flushes its log at most once a second and when closed, so a re-open
replays a short log and takes milliseconds).

Queries: every text is first bounded (query_limits). With `query_workers=N` (what `govkg serve`
uses) they run in N worker processes (query_pool) that are killed at the time limit, so a runaway
stops using CPU and a crash in the engine costs only its query; without, they run in a thread of
this process that is abandoned at the limit (timeout), which suits tests and the command line.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result, ResultRow
from rdflib.term import Node

from graph_store.base import (
    DATASET_FORMATS,
    QueryError,
    ReadOnlyStore,
    ResultTruncated,
    Store,
    StoreError,
    StoreLocked,
    check_iri,
    normalise_format,
)
from graph_store.oxigraph_view import ReadOnlyView
from graph_store.oxigraph_write import (  # noqa: F401  (the store's state terms, re-exported)
    GENERATION,
    GENERATION_IRI,
    LOADING,
    STATE,
    STATE_NODE,
    VERSION,
    VERSION_IRI,
    OxigraphWrites,
    loading,
    to_ox,
)
from graph_store.query_limits import check_query_limits
from graph_store.query_pool import QueryPool
from graph_store.query_worker import query_options
from graph_store.shared import LEDGER, SHARED_GRAPH
from graph_store.sparql_text import has_dataset_clause, looks_like_update, query_form
from graph_store.timeout import check, run_with_timeout
from ontology.ledger import rdflib_term

OX_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "turtle": ox.RdfFormat.TURTLE,
              "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
# The store's generation (graph_store.base.Store.generation) lives in the default graph, which holds
# no document: one triple, raised by the same update that writes a graph, read by one lookup.
PREFIXES = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#", "skos": "http://www.w3.org/2004/02/skos/core#"}


def _generation(s: ox.Store) -> int | None:
    for quad in s.quads_for_pattern(STATE_NODE, GENERATION, None, ox.DefaultGraph()):
        return int(quad.object.value)
    return None


def _node_key(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def to_rdflib(term) -> Node | None:
    """An rdflib term for a pyoxigraph term; xsd:string literals become plain literals as rdflib makes them."""
    if term is None:
        return None
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return rdflib_term(term)
    raise StoreError(f"oxigraph: unexpected term in a result: {term!r}")


class OxigraphStore(OxigraphWrites, Store):
    name = "oxigraph"
    persistent = True
    limits_links = True
    transactional = True

    takes_document_graphs = True

    def __init__(self, location: str | Path | None = None, *, read_only: bool = False, query_workers: int = 0,
                 shared_graph: str = SHARED_GRAPH):
        self.shared_graph = check_iri(shared_graph)
        self.path = Path(location).expanduser() if location not in (None, "") else None
        self.read_only = read_only
        self.persistent = self.path is not None
        self._view: ReadOnlyView | None = None
        # time.monotonic() of the last flush, and how long it took: opening is one (RocksDB writes what its log held
        # to its files as it opens, and starts an empty log), so a first write within SETTLE_SECONDS of it does not
        # flush (the ontology `govkg ingest` writes first: one flush fewer, 0.1-0.25 s of an ingest's wall at 8 documents)
        self._flushed, self._flush_seconds = time.monotonic(), 0.0
        self._versions: tuple[int, dict[str, str]] | None = None  # (generation, graph_versions() at it)
        self._statements_held: set[str] = set()  # statements the reference graph holds, known to this writer
        self._store = self._open()
        if not read_only:
            self._drop_unfinished_loads()
        self._pool: QueryPool | None = None
        if query_workers > 0:
            if self.path is None:
                raise StoreError("oxigraph: query workers need an on-disk store (they open it themselves)")
            self.flush()  # the workers read what is on disk
            self._pool = QueryPool(self.path, query_workers)

    def _open(self) -> ox.Store:
        if self.path is None:
            if self.read_only:
                raise StoreError("oxigraph: a read-only store needs the directory of an existing store")
            return ox.Store()
        if self.read_only:
            if not (self.path / "CURRENT").is_file():
                raise StoreError(f"oxigraph: 没有找到知识图谱存储 — no store at {self.path} (run `govkg ingest` first)")
            try:
                self._view = ReadOnlyView(self.path)
            except (OSError, RuntimeError) as exc:
                raise StoreError(f"oxigraph: cannot open {self.path} read-only: {exc}") from exc
            return self._view.current()
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(self.path))
        except OSError as exc:
            if "current process" in str(exc):
                raise StoreLocked(f"oxigraph: {self.path} is already open for writing in this process; "
                                  "open it once and share that store") from exc
            if "lock" in str(exc).lower():
                raise StoreLocked(
                    f"oxigraph: 存储正被另一个进程使用 — {self.path} is open for writing in another process "
                    "(a running `govkg ingest` or `govkg serve`?). Stop it, or open the store read-only."
                ) from exc
            raise StoreError(f"oxigraph: cannot open {self.path}: {exc}") from exc

    def _read(self, action):
        if self._view is None:
            return action(self._store)
        try:
            return self._view.read(action)
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"oxigraph: cannot read {self.path}: {exc}") from exc

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise ReadOnlyStore(f"oxigraph: {self.path} is open read-only; writes go through `govkg ingest`")
        return self._store

    def generation(self) -> int | None:
        return self._read(_generation)

    def graph_versions(self) -> dict[str, str]:
        """Read once per generation (every write that changes a graph's version raises it in the same
        transaction): a start asks for them seven times, 20 ms each at 1,000 documents."""
        def read(s: ox.Store) -> dict[str, str]:
            generation = _generation(s)
            known = self._versions
            if generation is not None and known is not None and known[0] == generation:
                return known[1]
            found = {q.subject.value: q.object.value
                     for q in s.quads_for_pattern(None, VERSION, None, ox.DefaultGraph())}
            unfinished = loading(s)
            names = [g.value for g in s.named_graphs() if isinstance(g, ox.NamedNode) and g not in unfinished]
            missing = [g for g in names if g not in found]  # written by a govkg that kept no versions
            versions = {g: found[g] for g in names if g in found} | {g: f"size:{self.triple_count(g)}" for g in missing}
            if generation is not None:
                self._versions = (generation, versions)  # one assignment: a thread reads the old pair or the new
            return versions
        return dict(self._read(read))  # a copy: callers may change theirs

    def graphs(self) -> list[str]:
        def read(s: ox.Store) -> list[str]:
            unfinished = loading(s)
            return sorted(g.value for g in s.named_graphs() if isinstance(g, ox.NamedNode) and g not in unfinished)
        return self._read(read)

    def query(self, sparql: str, *, default_graph_uris: Iterable[str] = (), named_graph_uris: Iterable[str] = (),
              timeout: float | None = None, read_rows: int | None = None) -> Result:
        check_query_limits(sparql, self.name)
        if looks_like_update(sparql):
            raise QueryError("oxigraph: this is a SPARQL update, not a query")
        request = {"query": sparql, "default_graphs": [check_iri(g) for g in default_graph_uris],
                   "named_graphs": [check_iri(g) for g in named_graph_uris],
                   # pyoxigraph's union flag would override the query's own FROM, so set it only without one.
                   "union": not has_dataset_clause(sparql), "read_rows": read_rows}
        form = query_form(sparql) or "SELECT"
        if self._pool is not None:
            return _from_reply(self._pool.run(request, timeout), form)
        options = query_options(request)

        def work(cancel) -> Result:
            try:
                raw = self._read(lambda s: s.query(sparql, **options))
                return _to_result(raw, form, cancel, read_rows)
            except SyntaxError as exc:
                raise QueryError(f"oxigraph: {exc}") from exc
            except OSError as exc:
                raise StoreError(f"oxigraph: {exc}") from exc

        return run_with_timeout(work, timeout, self.name)

    def quads(self, graph_iri: str | None = None) -> Iterator[tuple[Node, Node, Node, str]]:
        names = [graph_iri] if graph_iri is not None else self.graphs()
        for name in names:
            found = self._read(lambda s, n=name: list(s.quads_for_pattern(None, None, None, ox.NamedNode(n))))
            for q in found:
                yield to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), name

    def links(self, nodes: list[str], limit: int | None = None) -> Iterator[tuple[str, str, str]]:
        """Read in process from the store's subject and object indexes (a lookup per node, no query)."""
        def read(s: ox.Store) -> list[tuple[str, str, str]]:
            found = []
            for node in nodes:
                term = ox.BlankNode(node[2:]) if node.startswith("_:") else ox.NamedNode(node)
                linked = (q for q in chain(s.quads_for_pattern(term, None, None), s.quads_for_pattern(None, None, term))
                          if not isinstance(q.object, ox.Literal))
                found += [(_node_key(q.subject), q.predicate.value, _node_key(q.object)) for q in islice(linked, limit)]
            return found

        return iter(self._read(read))

    def ox_quads(self, graph_iri: str) -> list[ox.Quad]:
        """The quads of one named graph as pyoxigraph terms (graph_store.shared.description reads them so)."""
        return self._read(lambda s: list(s.quads_for_pattern(None, None, None, ox.NamedNode(check_iri(graph_iri)))))

    def triple_count(self, graph_iri: str | None = None) -> int:
        if graph_iri is None:
            where = "GRAPH ?g { ?s ?p ?o }"
        else:
            where = f"GRAPH <{check_iri(graph_iri)}> {{ ?s ?p ?o }}"
        rows = self._read(lambda s: list(s.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")))
        return int(rows[0]["n"].value)

    def export(self, fmt: str = "nquads") -> bytes:
        fmt = normalise_format(fmt)
        if fmt in DATASET_FORMATS:
            def dump(s):
                quads = (q for g in s.named_graphs() for q in s.quads_for_pattern(None, None, None, g))
                return ox.serialize(quads, format=OX_FORMATS[fmt], prefixes=PREFIXES if fmt == "trig" else None)
            return self._read(dump)
        # The named graphs only (the default graph holds the store's generation, not data), without the
        # ledgers: each statement once.
        triples = self._read(lambda s: list(s.query(
            f'CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(!STRSTARTS(STR(?p), "{LEDGER}")) }}')))
        prefixes = PREFIXES if fmt == "turtle" else None
        return ox.serialize(triples, format=OX_FORMATS[fmt], prefixes=prefixes)

    def flush(self) -> None:
        """Write what is buffered to disk (RocksDB keeps it in its log until then; both survive a crash)."""
        if not self.read_only:
            started = time.monotonic()
            self._store.flush()
            self._flushed = time.monotonic()
            self._flush_seconds = self._flushed - started

    def close(self) -> None:
        if getattr(self, "_pool", None) is not None:
            self._pool.close()
            self._pool = None
        # pyoxigraph closes RocksDB (and frees the lock) when the object is freed.
        if getattr(self, "_store", None) is not None and not self.read_only and self.persistent:
            self._store.flush()
        self._store = None  # type: ignore[assignment]


class Description(OxigraphStore):
    """An in-memory store of one document's description (graph_store.shared.description). Its queries run in
    the caller's thread whatever time limit they are given: a store of one document cannot run away, and a
    thread per query was a third of what reading a document's rows cost (9 queries a document at ingest)."""

    def query(self, sparql: str, **options) -> Result:
        return super().query(sparql, **{**options, "timeout": None})

    def values(self, sparql: str) -> list[tuple]:
        """A SELECT's rows, each term as its value (an IRI, a blank node's label, a literal's lexical form; None
        when unbound) in the order of the query's variables: for a reader that wants strings, no rdflib term a
        term (a Literal parses its value: building them cost more than a description's query)."""
        options = query_options({"union": not has_dataset_clause(sparql)})
        try:
            return [tuple(None if t is None else t.value for t in row) for row in self._store.query(sparql, **options)]
        except SyntaxError as exc:
            raise QueryError(f"oxigraph: {exc}") from exc


class Rows(Result):
    """rdflib's SELECT Result, its rows sharing one map of the variables' names (rdflib's ResultRow makes one a
    row: a sixth of reading the rows of a document's description); the rows are rdflib's, as they were."""

    def __iter__(self):
        if self.type != "SELECT" or self._genbindings:
            yield from super().__iter__()
            return
        names = self.vars
        labels = {str(v): i for i, v in enumerate(names)}
        for binding in self._bindings:
            if binding:  # as rdflib: an empty binding makes no row
                row = tuple.__new__(ResultRow, [binding.get(v) for v in names])
                row.labels = labels
                yield row


def _to_result(raw, form: str, cancel, read_rows: int | None = None) -> Result:
    """rdflib's Result for a pyoxigraph answer, read to its end or its first `read_rows` rows (checking
    `cancel` between rows)."""
    if isinstance(raw, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(raw)
        return result
    if isinstance(raw, ox.QuerySolutions):
        result = Rows("SELECT")
        result.vars = [Variable(v.value) for v in raw.variables]
        rows = []
        # the same IRI or label recurs in many rows (the document, its department, its year): its rdflib term,
        # costlier to build than the query's own work at a document's description (rdflib parses literals),
        # is built once per answer; terms are immutable, so rows may share them
        terms: dict = {}
        known, names = terms.get, result.vars
        for solution in islice(raw, read_rows):
            check(cancel)
            row = {}
            for var, val in zip(names, solution, strict=True):
                if val is not None:
                    term = known(val)
                    if term is None:
                        term = terms[val] = to_rdflib(val)
                    row[var] = term
            rows.append(row)
        result.bindings = rows
        return result
    result = Result("DESCRIBE" if form == "DESCRIBE" else "CONSTRUCT")
    graph = Graph()
    for triple in islice(raw, read_rows):
        check(cancel)
        graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
    result.graph = graph
    return result


def decode(term: tuple | None) -> Node | None:
    """The rdflib term for a term encoded by graph_store.query_worker."""
    if term is None:
        return None
    if term[0] == "u":
        return URIRef(term[1])
    if term[0] == "b":
        return BNode(term[1])
    _, value, language, datatype = term
    return Literal(value, lang=language, datatype=URIRef(datatype) if datatype else None)


def _from_reply(reply: tuple, form: str) -> Result:
    """rdflib's Result for a query worker's reply; its errors raised as ours."""
    if reply[0] == "error":
        kind = {"syntax": QueryError, "too_large": ResultTruncated}.get(reply[1], StoreError)
        raise kind(f"oxigraph: {reply[2]}")
    if reply[0] == "ask":
        result = Result("ASK")
        result.askAnswer = reply[1]
        return result
    terms: dict[tuple, Node | None] = {}  # the same IRI or label recurs in many rows: build its term once

    def term(encoded: tuple | None) -> Node | None:
        found = terms.get(encoded) if encoded is not None else None
        if found is None and encoded is not None:
            found = terms[encoded] = decode(encoded)
        return found

    if reply[0] == "select":
        result = Rows("SELECT")
        result.vars = [Variable(v) for v in reply[1]]
        result.bindings = [{var: term(val) for var, val in zip(result.vars, row, strict=True) if val is not None}
                           for row in reply[2]]
        return result
    result = Result("DESCRIBE" if form == "DESCRIBE" else "CONSTRUCT")
    graph = Graph()
    for s, p, o in reply[1]:
        graph.add((term(s), term(p), term(o)))
    result.graph = graph
    return result
