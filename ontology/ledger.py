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
reads). Pure rdflib: read by ingest (which writes the ledger) and graph_store (which keeps the reference graph).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, URIRef

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
