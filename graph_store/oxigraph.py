"""The `oxigraph` backend, the default: an on-disk RocksDB store through pyoxigraph, used directly (not
through rdflib's Store API) so SPARQL runs in Rust and results come back as rdflib terms.

Writes: `replace_graph` is one SPARQL update (one transaction): INSERT DATA for a new graph, else
one that deletes and inserts just the triples that differ (DROP + INSERT DATA when the graph has
blank nodes, which DELETE DATA cannot name); each also raises the store's generation, a triple of
the default graph, so readers in other processes see a change without counting the store.
pyoxigraph applies each update all-or-nothing, so a failed replace leaves the previous graph as it was.
It takes ingest's DocumentGraph (N-Quads, pyoxigraph terms) as it is, or an rdflib Graph.

`write_new` loads a batch of new documents (replacing nothing) at the store's own speed: one update marks
their graphs as loading, one `bulk_load` of their N-Quads writes them (RocksDB files made aside and added
at once, not a transaction), one update adds their shared statements to the reference graph, records
their versions, raises the generation and unmarks them. Graphs still marked (the process was killed
during the load) are not listed by `graphs()` and are dropped by the next writer that opens the store.

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
import uuid
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node

from graph_store.base import (
    DATASET_FORMATS,
    QueryError,
    ReadOnlyStore,
    ResultTruncated,
    Store,
    StoreError,
    StoreLocked,
    check_graph,
    check_iri,
    normalise_format,
)
from graph_store.oxigraph_view import ReadOnlyView
from graph_store.query_limits import check_query_limits
from graph_store.query_pool import QueryPool
from graph_store.query_worker import query_options
from graph_store.shared import LEDGER, SHARED_GRAPH, is_ledger, shared_change
from graph_store.sparql_text import has_dataset_clause, looks_like_update, query_form
from graph_store.timeout import check, run_with_timeout
from ontology.ledger import DocumentGraph

OX_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "turtle": ox.RdfFormat.TURTLE,
              "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
SETTLE_SECONDS = 1.0  # a writer flushes its log at most this often (and when closed)
# The store's generation (graph_store.base.Store.generation) lives in the default graph, which holds
# no document: one triple, raised by the same update that writes a graph, read by one lookup.
STATE = "urn:govkg:store"
GENERATION_IRI = "urn:govkg:store#generation"
STATE_NODE, GENERATION = ox.NamedNode(STATE), ox.NamedNode(GENERATION_IRI)
VERSION_IRI = "urn:govkg:store#version"  # <graph> version "uuid": which write made the graph as it is
VERSION = ox.NamedNode(VERSION_IRI)
LOADING_IRI = "urn:govkg:store#loading"  # <urn:govkg:store> loading <graph>: a bulk load under way
LOADING = ox.NamedNode(LOADING_IRI)
FLUSH_SHARE = 0.1  # flushes take at most this share of a writer's time
RAISE_GENERATION = (f" ;\nDELETE {{ <{STATE}> <{GENERATION_IRI}> ?n }} INSERT {{ <{STATE}> <{GENERATION_IRI}> ?next }} "
                    f"WHERE {{ OPTIONAL {{ <{STATE}> <{GENERATION_IRI}> ?n }} BIND(COALESCE(?n, 0) + 1 AS ?next) }}")


def versions_update(written: str | None, dropped: Iterable[str] = ()) -> str:
    """The part of an update that records the version of the graph `written` (a fresh token) and forgets
    those of the graphs `dropped`, in the same transaction as the write."""
    parts = [f" ;\nDELETE WHERE {{ <{g}> <{VERSION_IRI}> ?v }}" for g in (*dropped, *([written] if written else []))]
    if written:
        parts.append(f' ;\nINSERT DATA {{ <{written}> <{VERSION_IRI}> "{uuid.uuid4().hex}" }}')
    return "".join(parts)


PREFIXES = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#", "skos": "http://www.w3.org/2004/02/skos/core#"}


def to_rdflib(term) -> Node | None:
    """An rdflib term for a pyoxigraph term; xsd:string literals become plain literals as rdflib makes them."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise StoreError(f"oxigraph: unexpected term in a result: {term!r}")


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib term (IRIs, blank nodes, literals)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise StoreError(f"oxigraph: cannot store the term {term!r}")


class OxigraphStore(Store):
    name = "oxigraph"
    persistent = True
    transactional = True

    takes_document_graphs = True

    def __init__(self, location: str | Path | None = None, *, read_only: bool = False, query_workers: int = 0,
                 shared_graph: str = SHARED_GRAPH):
        self.shared_graph = check_iri(shared_graph)
        self.path = Path(location).expanduser() if location not in (None, "") else None
        self.read_only = read_only
        self.persistent = self.path is not None
        self._view: ReadOnlyView | None = None
        self._flushed, self._flush_seconds = 0.0, 0.0  # time.monotonic() of the last flush, and how long it took
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

    def replace_graph(self, graph_iri: str, graph: Graph | DocumentGraph, *, replaces: Iterable[str] = ()) -> None:
        iri = self._document_iri(graph_iri)
        old = [self._document_iri(g) for g in replaces if g != iri]
        store = self._writable()
        name = ox.NamedNode(iri)
        quads = _quads(graph, name)
        try:
            ledger = {(q.subject, q.predicate, q.object) for q in quads if is_ledger(q.predicate)}
            shared = self._shared_update(store, (*old, iri), ledger)
            if old or not quads or not store.contains_named_graph(name):
                # One update request is one transaction in oxigraph: the old versions go as the new
                # one arrives, with the reference graph and the generation, or nothing changes. (A new
                # graph too: a load would be its own transaction, apart from the generation.)
                drops = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in (*old, iri))
                insert = f" ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{_body(quads)}}} }}" if quads else ""
                store.update(drops + insert + shared + versions_update(iri if insert else None, (*old, iri))
                             + RAISE_GENERATION)
            elif any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object)):
                # Blank nodes cannot be named in DELETE DATA: replace the whole graph.
                store.update(f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{_body(quads)}}} }}"
                             + shared + versions_update(iri) + RAISE_GENERATION)
            else:
                self._apply_difference(store, name, quads, shared)
        except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
            raise StoreError(f"oxigraph: could not replace graph <{iri}>; it is unchanged: {exc}") from exc
        self._settle(store)

    def write_new(self, documents: list[DocumentGraph]) -> None:
        store = self._writable()
        held = [d for d in documents if store.contains_named_graph(ox.NamedNode(self._document_iri(d.iri)))]
        for document in held:
            self.replace_graph(document.iri, document)
        batch = [d for d in documents if d not in held and len(d)]
        if not batch:
            return
        names = [ox.NamedNode(d.iri) for d in batch]
        marks = "\n".join(f"<{STATE}> <{LOADING_IRI}> {n} ." for n in names)
        try:
            store.update(f"INSERT DATA {{ {marks} }}")
            store.bulk_load(input=b"".join(d.own + d.ledger for d in batch), format=ox.RdfFormat.N_QUADS)
            shared = ox.NamedNode(self.shared_graph)
            added = {}  # the batch's shared statements the reference graph lacks, each once
            for document in batch:
                for q in document.ledger_quads():
                    statement = (q.subject, ox.NamedNode(q.predicate.value[len(LEDGER):]), q.object)
                    if statement not in added and ox.Quad(*statement, shared) not in store:
                        added[statement] = None
            insert = (f" ;\nINSERT DATA {{ GRAPH {shared} {{\n" + "\n".join(f"{s} {p} {o} ." for s, p, o in added)
                      + "\n} }" + versions_update(self.shared_graph)) if added else ""
            store.update(f"DELETE DATA {{ {marks} }}" + insert
                         + "".join(versions_update(n.value) for n in names) + RAISE_GENERATION)
        except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
            raise StoreError(f"oxigraph: could not load {len(batch)} documents ({batch[0].iri} …); the next "
                             f"write drops what was loaded of them: {exc}") from exc
        self._settle(store)

    def _drop_unfinished_loads(self) -> None:
        """Drop the graphs of a bulk load that did not finish (its process was killed), with their marks."""
        names = [q.object for q in self._store.quads_for_pattern(STATE_NODE, LOADING, None, ox.DefaultGraph())]
        if names:
            drops = "".join(f"DROP SILENT GRAPH {n} ;\n" for n in names)
            marks = "\n".join(f"<{STATE}> <{LOADING_IRI}> {n} ." for n in names)
            self._store.update(drops + f"DELETE DATA {{ {marks} }}" + RAISE_GENERATION)

    def _shared_update(self, store: ox.Store, dropped: Iterable[str], ledger: set[tuple]) -> str:
        """The part of the write's update that keeps the reference graph (graph_store.shared), with its version."""
        dropped = {ox.NamedNode(g) for g in dropped}
        old = {(q.subject, q.predicate, q.object) for g in dropped
               for q in store.quads_for_pattern(None, None, None, g) if is_ledger(q.predicate)}

        def stated_elsewhere(t: tuple) -> bool:
            return any(q.graph_name not in dropped for q in store.quads_for_pattern(*t, None))

        shared = ox.NamedNode(self.shared_graph)
        change = shared_change(old, ledger, stated_elsewhere=stated_elsewhere,
                               held=lambda t: ox.Quad(*t, shared) in store,
                               predicate_of=lambda p: ox.NamedNode(p.value[len(LEDGER):]))
        if not change:
            return ""
        parts = [f" ;\n{keyword} {{ GRAPH {shared} {{\n" + "\n".join(f"{s} {p} {o} ." for s, p, o in triples) + "\n} }"
                 for keyword, triples in (("DELETE DATA", change.remove), ("INSERT DATA", change.add)) if triples]
        return "".join(parts) + versions_update(self.shared_graph)

    @staticmethod
    def _apply_difference(store: ox.Store, name: ox.NamedNode, quads: list[ox.Quad], shared: str = "") -> None:
        """Turn the stored graph into `graph` by deleting and inserting only what differs, in one update
        (with `shared`, the reference graph's part). Re-ingesting an unchanged document then writes
        nothing (and costs a read, not a rewrite)."""
        new = set(quads)
        old = set(store.quads_for_pattern(None, None, None, name))
        gone, added = old - new, new - old
        if not gone and not added and not shared:
            return
        parts = []
        for keyword, quads in (("DELETE DATA", gone), ("INSERT DATA", added)):
            if quads:
                lines = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
                parts.append(f"{keyword} {{ GRAPH {name} {{\n{lines}\n}} }}")
        written = versions_update(name.value) if parts else ""
        update = " ;\n".join(parts) + shared + written + RAISE_GENERATION
        store.update(update[len(" ;\n"):] if not parts else update)

    def remove_graph(self, graph_iri: str) -> bool:
        iri = self._document_iri(graph_iri)
        store = self._writable()
        existed = store.contains_named_graph(ox.NamedNode(iri))
        if existed:
            shared = self._shared_update(store, [iri], set())
            store.update(f"DROP SILENT GRAPH <{iri}>" + shared + versions_update(None, [iri]) + RAISE_GENERATION)
        self._settle(store)
        return existed

    def _settle(self, store: ox.Store) -> None:
        # oxigraph keeps a named graph whose last triple was deleted; a graph with no triples does not exist
        shared = ox.NamedNode(self.shared_graph)
        if next(iter(store.quads_for_pattern(None, None, None, shared)), None) is None \
                and store.contains_named_graph(shared):
            store.remove_graph(shared)
        # A read-only view opened beside us replays RocksDB's write-ahead log on every re-open; flushing
        # keeps that log short (re-opens stay ~10 ms instead of growing with the batch). Once a second is
        # enough for that, and a flush per document was a tenth of a batch's ingest (0.1 s each at 100
        # documents); what is not flushed yet is in the log, committed and seen by readers all the same.
        # A flush also costs (0.1-0.3 s at a few hundred thousand quads): so never more than FLUSH_SHARE of the time.
        if self.persistent and time.monotonic() - self._flushed >= max(SETTLE_SECONDS,
                                                                        self._flush_seconds / FLUSH_SHARE):
            self.flush()

    def generation(self) -> int | None:
        def read(s: ox.Store) -> int | None:
            for quad in s.quads_for_pattern(STATE_NODE, GENERATION, None, ox.DefaultGraph()):
                return int(quad.object.value)
            return None
        return self._read(read)

    def graph_versions(self) -> dict[str, str]:
        def read(s: ox.Store) -> dict[str, str]:
            found = {q.subject.value: q.object.value
                     for q in s.quads_for_pattern(None, VERSION, None, ox.DefaultGraph())}
            loading = _loading(s)
            names = [g.value for g in s.named_graphs() if isinstance(g, ox.NamedNode) and g not in loading]
            missing = [g for g in names if g not in found]  # written by a govkg that kept no versions
            return {g: found[g] for g in names if g in found} | {g: f"size:{self.triple_count(g)}" for g in missing}
        return self._read(read)

    def graphs(self) -> list[str]:
        return self._read(lambda s: sorted(g.value for g in s.named_graphs()
                                           if isinstance(g, ox.NamedNode) and g not in _loading(s)))

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


def _loading(store: ox.Store) -> set:
    """The graphs of a bulk load under way or cut short (not yet documents of the store)."""
    return {q.object for q in store.quads_for_pattern(STATE_NODE, LOADING, None, ox.DefaultGraph())}


def _quads(graph: Graph | DocumentGraph, name: ox.NamedNode) -> list[ox.Quad]:
    """The quads of `graph` in the graph `name`: a DocumentGraph's as mapped (pyoxigraph checked its IRIs as
    it made them), an rdflib Graph's converted once its IRIs are checked."""
    if isinstance(graph, DocumentGraph):
        quads = graph.quads()
        return quads if graph.iri == name.value else [ox.Quad(q.subject, q.predicate, q.object, name) for q in quads]
    check_graph(graph)
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in graph]


def _body(quads: list[ox.Quad]) -> str:
    """The triples of `quads` as the body of an INSERT DATA (N-Triples lines)."""
    return "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)


def _to_result(raw, form: str, cancel, read_rows: int | None = None) -> Result:
    """rdflib's Result for a pyoxigraph answer, read to its end or its first `read_rows` rows (checking
    `cancel` between rows)."""
    if isinstance(raw, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(raw)
        return result
    if isinstance(raw, ox.QuerySolutions):
        result = Result("SELECT")
        result.vars = [Variable(v.value) for v in raw.variables]
        rows = []
        for solution in islice(raw, read_rows):
            check(cancel)
            rows.append({var: to_rdflib(val) for var, val in zip(result.vars, solution, strict=True) if val is not None})
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
        result = Result("SELECT")
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
