"""The store's layout: shared statements once in a reference graph, each document graph holding its own.

A statement about a thing several documents describe (a department's label, a classification code's
notation, a program's spending unit) is stored ONCE, in the store's reference graph (`SHARED_GRAPH`), so a
query over the union of the graphs meets it once, whatever the number of documents. The document graph
keeps what only it states (its document, observations, indicators, and where it printed each thing) and a
ledger of the shared statements it makes: the same triple under the ledger form of its predicate,

    <s> <urn:govkg:stated:PREDICATE-IRI> <o>        e.g.  <…/org/6cc0…> <urn:govkg:stated:http://www.w3.org/2000/01/rdf-schema#label> "…"@zh

Ledger triples match no ordinary query (their predicates are not the vocabulary's), yet tell exactly which
shared statements a document made; a store keeps a shared statement while some document graph states
it (an indexed lookup of the one triple), so removing or replacing a document removes exactly those no
other document makes. `described(graph)` gives a document's full description back (SHACL, per-document
reads). Read by ingest (which writes the ledger) and graph_store (which keeps the reference graph).

`DocumentGraph` is one document's graph as ingest maps it: N-Quads of its own triples and of its ledger
(pyoxigraph terms, no rdflib Graph), which a store loads as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

LEDGER = "urn:govkg:stated:"
SHARED_GRAPH = "urn:govkg:shared"  # the reference graph's default name (a store may be given another)


def stated(predicate: str) -> URIRef:
    """The ledger form of a predicate."""
    return URIRef(LEDGER + str(predicate))


def is_stated(predicate) -> bool:
    """Whether a predicate is a ledger predicate."""
    return str(predicate).startswith(LEDGER)


def predicate_of(ledger_predicate) -> URIRef:
    """The predicate a ledger predicate stands for."""
    return URIRef(str(ledger_predicate)[len(LEDGER):])


def ox_stated(predicate: ox.NamedNode) -> ox.NamedNode:
    """The ledger form of a predicate, as a pyoxigraph term."""
    return ox.NamedNode(LEDGER + predicate.value)


def ox_predicate_of(ledger_predicate: ox.NamedNode) -> ox.NamedNode:
    """The predicate a ledger predicate stands for, as a pyoxigraph term."""
    return ox.NamedNode(ledger_predicate.value[len(LEDGER):])


def shared_statements(triples: Iterable[tuple]) -> set[tuple]:
    """The shared statements (s, p, o) a document graph's ledger triples make."""
    return {(s, predicate_of(p), o) for s, p, o in triples if is_stated(p)}


def described(graph: Graph) -> Graph:
    """A document's full description: its own triples and, for each ledger triple, the statement it makes."""
    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace, override=True)
    for s, p, o in graph:
        out.add((s, predicate_of(p), o) if is_stated(p) else (s, p, o))
    return out


def without_ledger(triples: Iterable[tuple]) -> Iterable[tuple]:
    """The triples that are not ledger triples (a clean graph for export)."""
    return (t for t in triples if not is_stated(t[1]))


def n_quads(lines: list[str], graph: str | None = None) -> bytes:
    """N-Quads of quads each written as a line without its " ." (a quad's N-Quads form, as `str` gives it); with
    `graph` (an IRI's N-Triples form), of triples written so, each put in that graph as it is joined."""
    end = f" {graph} .\n" if graph else " .\n"
    return (end.join(lines) + end).encode() if lines else b""


@dataclass(frozen=True)
class DocumentGraph:
    """One document's named graph as mapping makes it: N-Quads (UTF-8, in the graph `iri`) of its own
    triples and, apart, of its ledger, with its size and the document's identity (department IRI, fiscal
    year, phase IRI, scope IRI or None; None without them). A store loads the bytes as they are; a store
    that keeps rdflib graphs reads `graph()`."""

    iri: str
    own: bytes
    ledger: bytes
    size: int
    identity: tuple | None = None
    # the shared statements the ledger makes, as N-Triples lines joined by newlines, when mapping wrote them
    # (made where the document is parsed, so a store's writer need not parse the ledger back): `statements()`
    shared: str | None = None

    def __len__(self) -> int:
        return self.size

    def quads(self) -> list[ox.Quad]:
        return list(ox.parse(self.own + self.ledger, format=ox.RdfFormat.N_QUADS))

    def ledger_quads(self) -> list[ox.Quad]:
        return list(ox.parse(self.ledger, format=ox.RdfFormat.N_QUADS))

    def statements(self) -> list[str]:
        """The shared statements the ledger makes, each an N-Triples line ("s p o ."): as mapping wrote them, else
        read from the ledger."""
        if self.shared is not None:
            return self.shared.split("\n") if self.shared else []
        return [f"{q.subject} {ox_predicate_of(q.predicate)} {q.object} ." for q in self.ledger_quads()]

    def __iter__(self) -> Iterator[tuple]:
        """The triples as rdflib terms (what iterating an rdflib Graph gives)."""
        return ((rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)) for q in self.quads())

    def graph(self) -> Graph:
        """The same triples in an rdflib Graph (for stores and tools that take one)."""
        out = Graph()
        for triple in self:
            out.add(triple)
        return out


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def rdflib_term(term):
    """The rdflib term of a pyoxigraph term (named node, blank node or literal); xsd:string literals plain,
    as rdflib makes them."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
