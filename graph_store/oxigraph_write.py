"""How the `oxigraph` backend writes: the write half of graph_store.oxigraph.OxigraphStore.

Writes: `replace_graph` is one SPARQL update (one transaction): INSERT DATA for a new graph, else
one that deletes and inserts just the triples that differ (DROP + INSERT DATA when the stored graph
or the new one has blank nodes, which DELETE DATA cannot name); each also raises the store's generation, a triple of
the default graph, so readers in other processes see a change without counting the store.
pyoxigraph applies each update all-or-nothing, so a failed replace leaves the previous graph as it was.
It takes ingest's DocumentGraph (N-Quads, pyoxigraph terms) as it is, or an rdflib Graph.

`write_new` loads a batch of new documents (replacing nothing) at the store's own speed: one update marks
their graphs as loading, one `bulk_load` of their N-Quads writes them (RocksDB files made aside and added
at once, not a transaction), one update adds their shared statements to the reference graph, records
their versions, raises the generation and unmarks them. Graphs still marked (the process was killed
during the load) are not listed by `graphs()` and are dropped by the next writer that opens the store.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph_store.base import StoreError, check_graph
from graph_store.shared import SharedChange, is_ledger, shared_change
from ontology.ledger import DocumentGraph, ox_predicate_of

SETTLE_SECONDS = 1.0  # a writer flushes its log at most this often (and when closed)
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


class OxigraphWrites:
    """replace_graph, write_new, remove_graph for OxigraphStore (which gives `_writable`, `_document_iri`,
    `flush`, `shared_graph`, `persistent`, `_flushed`/`_flush_seconds` and `_statements_held`)."""

    def replace_graph(self, graph_iri: str, graph: Graph | DocumentGraph, *, replaces: Iterable[str] = ()) -> None:
        iri = self._document_iri(graph_iri)
        old = [self._document_iri(g) for g in replaces if g != iri]
        store = self._writable()
        name = ox.NamedNode(iri)
        quads = _quads(graph, name)
        try:
            ledger = {(q.subject, q.predicate, q.object) for q in quads if is_ledger(q.predicate)}
            shared = self._shared_update(store, (*old, iri), ledger)
            whole = old or not quads or not store.contains_named_graph(name)
            if whole or not self._apply_difference(store, name, quads, shared):
                self._replace_whole(store, iri, old, quads, shared)
        except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
            raise StoreError(f"oxigraph: could not replace graph <{iri}>; it is unchanged: {exc}") from exc
        self._settle(store)

    # write_new takes the batch's N-Quads from a file (`spooled`): what `govkg ingest` loads once after its last record
    loads_files = True

    def write_new(self, documents: list[DocumentGraph], spooled: Path | None = None) -> None:
        """`spooled`: the documents' N-Quads (their `own` and `ledger`, one after another) are in this file, and the
        documents given hold only the rest (their IRIs, sizes and shared statements); none may be held already."""
        store = self._writable()
        held = [d for d in documents if store.contains_named_graph(ox.NamedNode(self._document_iri(d.iri)))]
        if held and spooled is not None:  # its quads cannot be told apart from the others' in the file
            raise StoreError(f"oxigraph: {held[0].iri} is held already; a spooled load writes only new graphs")
        for document in held:
            self.replace_graph(document.iri, document)
        batch = [d for d in documents if d not in held and len(d)]
        if not batch:
            return
        names = [ox.NamedNode(d.iri) for d in batch]
        try:
            store.update(f"INSERT DATA {{ {_marks(names)} }}")
            # the batch's bytes copied once (d.own + d.ledger copied each document's ~1.5 MB once more: 0.16 → 0.10 s a batch)
            if spooled is not None:  # read as it is loaded, never all in memory
                store.bulk_load(path=spooled, format=ox.RdfFormat.N_QUADS)
            else:
                store.bulk_load(input=b"".join(part for d in batch for part in (d.own, d.ledger)),
                                format=ox.RdfFormat.N_QUADS)
            stated, added = self._statements_lacking(store, batch)
            store.update(f"DELETE DATA {{ {_marks(names)} }}" + self._shared_lines((), added)
                         + "".join(versions_update(n.value) for n in names) + RAISE_GENERATION)
        except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
            raise StoreError(f"oxigraph: could not load {len(batch)} documents ({batch[0].iri} …); the next "
                             f"write drops what was loaded of them: {exc}") from exc
        self._statements_held |= stated
        self._settle(store)

    def _statements_lacking(self, store: ox.Store, batch: list[DocumentGraph]) -> tuple[set[str], list[str]]:
        """The shared statements of the batch's ledgers (N-Triples lines, as mapping wrote them: no ledger parsed
        back), and those of them the reference graph lacks, each once (new graphs drop nothing). Only statements
        this writer has not seen held are looked up: the codes' and departments' recur in every batch."""
        stated = {line for d in batch for line in d.statements()}
        unseen = list(stated - self._statements_held)
        shared = f" {ox.NamedNode(self.shared_graph)} .\n"
        quads = ox.parse("".join(line[:-2] + shared for line in unseen).encode(), format=ox.RdfFormat.N_QUADS)
        return stated, [line for line, quad in zip(unseen, quads, strict=True) if quad not in store]

    def _drop_unfinished_loads(self) -> None:
        """Drop the graphs of a bulk load that did not finish (its process was killed), with their marks."""
        names = loading(self._store)
        if names:
            drops = "".join(f"DROP SILENT GRAPH {n} ;\n" for n in names)
            self._store.update(drops + f"DELETE DATA {{ {_marks(names)} }}" + RAISE_GENERATION)

    def _shared_update(self, store: ox.Store, dropped: Iterable[str], ledger: set[tuple]) -> str:
        """The part of the write's update that keeps the reference graph (graph_store.shared), with its version."""
        self._statements_held.clear()  # the write may remove some
        dropped = {ox.NamedNode(g) for g in dropped}
        old = {(q.subject, q.predicate, q.object) for g in dropped
               for q in store.quads_for_pattern(None, None, None, g) if is_ledger(q.predicate)}

        def stated_elsewhere(t: tuple) -> bool:
            return any(q.graph_name not in dropped for q in store.quads_for_pattern(*t, None))

        shared = ox.NamedNode(self.shared_graph)
        return self._shared_text(shared_change(old, ledger, stated_elsewhere=stated_elsewhere,
                                               held=lambda t: ox.Quad(*t, shared) in store,
                                               predicate_of=ox_predicate_of))

    def _shared_text(self, change: SharedChange) -> str:
        """The part of an update that applies `change` to the reference graph, with the graph's new version."""
        return self._shared_lines(*([f"{s} {p} {o} ." for s, p, o in triples] for triples in (change.remove, change.add)))

    def _shared_lines(self, remove: Iterable[str], add: Iterable[str]) -> str:
        """The part of an update that deletes the statements `remove` from the reference graph and inserts `add`
        (N-Triples lines), with the graph's new version; "" when both are empty."""
        shared = ox.NamedNode(self.shared_graph)
        parts = [f" ;\n{keyword} {{ GRAPH {shared} {{\n" + "\n".join(lines) + "\n} }"
                 for keyword, lines in (("DELETE DATA", remove), ("INSERT DATA", add)) if lines]
        return "".join(parts) + versions_update(self.shared_graph) if parts else ""

    @staticmethod
    def _replace_whole(store: ox.Store, iri: str, old: list[str], quads: list[ox.Quad], shared: str) -> None:
        """Drop the graphs `old` and `iri` and write `quads` as `iri`, with `shared` (the reference graph's
        part), the versions and the generation, in one update."""
        # One update request is one transaction in oxigraph: the old versions go as the new one arrives,
        # with the reference graph and the generation, or nothing changes. (A new graph too: a load would
        # be its own transaction, apart from the generation.)
        drops = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in (*old, iri))
        insert = f" ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{_body(quads)}}} }}" if quads else ""
        store.update(drops + insert + shared + versions_update(iri if insert else None, (*old, iri)) + RAISE_GENERATION)

    @staticmethod
    def _apply_difference(store: ox.Store, name: ox.NamedNode, quads: list[ox.Quad], shared: str = "") -> bool:
        """Turn the stored graph into `quads` by deleting and inserting only what differs, in one update
        (with `shared`, the reference graph's part). Re-ingesting an unchanged document then writes
        nothing (and costs a read, not a rewrite). False, having written nothing, when either graph has
        blank nodes: DELETE DATA cannot name one, and the stored graph's are not the new one's (each
        INSERT DATA makes its own), so the whole graph is to be replaced."""
        new = set(quads)
        old = set(store.quads_for_pattern(None, None, None, name))
        if _has_blank_nodes(old) or _has_blank_nodes(new):
            return False
        gone, added = old - new, new - old
        if not gone and not added and not shared:
            return True
        parts = []
        for keyword, quads in (("DELETE DATA", gone), ("INSERT DATA", added)):
            if quads:
                lines = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
                parts.append(f"{keyword} {{ GRAPH {name} {{\n{lines}\n}} }}")
        written = versions_update(name.value) if parts else ""
        update = " ;\n".join(parts) + shared + written + RAISE_GENERATION
        store.update(update[len(" ;\n"):] if not parts else update)
        return True

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


def loading(store: ox.Store) -> set:
    """The graphs of a bulk load under way or cut short (not yet documents of the store)."""
    return {q.object for q in store.quads_for_pattern(STATE_NODE, LOADING, None, ox.DefaultGraph())}


def _marks(names: Iterable[ox.NamedNode]) -> str:
    """The triples that mark `names` as graphs of a bulk load under way (see `loading`)."""
    return "\n".join(f"<{STATE}> <{LOADING_IRI}> {n} ." for n in names)


def _quads(graph: Graph | DocumentGraph, name: ox.NamedNode) -> list[ox.Quad]:
    """The quads of `graph` in the graph `name`: a DocumentGraph's as mapped (pyoxigraph checked its IRIs as
    it made them), an rdflib Graph's converted once its IRIs are checked."""
    if isinstance(graph, DocumentGraph):
        quads = graph.quads()
        return quads if graph.iri == name.value else [ox.Quad(q.subject, q.predicate, q.object, name) for q in quads]
    check_graph(graph)
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in graph]


def _has_blank_nodes(quads: Iterable[ox.Quad]) -> bool:
    return any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads)


def _body(quads: list[ox.Quad]) -> str:
    """The triples of `quads` as the body of an INSERT DATA (N-Triples lines)."""
    return "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
