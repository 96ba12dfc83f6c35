"""How every backend keeps the reference graph (`ontology.ledger`): what a write adds to it and removes.

A write drops some graphs (the document's earlier versions, the graph itself when it is rewritten or
removed) and may write one graph with a ledger. The reference graph then gains the statements of the new
ledger it lacks, and loses the statements that only the dropped graphs stated: for each statement of a
dropped ledger that the new one does not make, one indexed lookup of its ledger triple in the other graphs,
stopped at the first graph found, so the cost follows the document, not the number of documents.

Terms are the backend's own (rdflib or pyoxigraph); `predicate_of` turns a ledger predicate into the
statement's predicate in those terms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from ontology.ledger import LEDGER, SHARED_GRAPH, n_quads, ox_predicate_of

__all__ = ["LEDGER", "SHARED_GRAPH", "SharedChange", "shared_change", "is_ledger"]


def is_ledger(predicate) -> bool:
    """Whether a predicate (rdflib or pyoxigraph term, or a string) is a ledger predicate."""
    return getattr(predicate, "value", str(predicate)).startswith(LEDGER)


@dataclass
class SharedChange:
    """Statements (s, p, o) to delete from and insert into the reference graph, in the write's transaction."""

    remove: list[tuple] = field(default_factory=list)
    add: list[tuple] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.remove or self.add)


def shared_change(old_ledger: Iterable[tuple], new_ledger: Iterable[tuple], *,
                  stated_elsewhere: Callable[[tuple], bool], held: Callable[[tuple], bool],
                  predicate_of: Callable) -> SharedChange:
    """The change to the reference graph when the ledger triples `old_ledger` (of the graphs a write drops)
    give way to `new_ledger` (of the graph it writes). `stated_elsewhere(t)`: some graph the write keeps
    holds the ledger triple t; `held((s, p, o))`: the reference graph holds the statement already."""
    new = set(new_ledger)
    change = SharedChange()
    for s, lp, o in set(old_ledger) - new:
        if not stated_elsewhere((s, lp, o)):
            change.remove.append((s, predicate_of(lp), o))
    for s, lp, o in new:
        statement = (s, predicate_of(lp), o)
        if not held(statement):
            change.add.append(statement)
    return change


def description(store, graph_iri: str):
    """An in-memory store holding one document's full description (its graph, each ledger triple turned into
    the statement it makes), for what must read one document alone: its triples are joined with each other,
    never with the union of the store."""
    from graph_store.oxigraph import to_ox

    name = ox.NamedNode(graph_iri)
    quads = store.ox_quads(graph_iri) if hasattr(store, "ox_quads") else (
        ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o, _ in store.quads(graph_iri))
    return _described(_lines(quads), name)


def description_of(document, lines=None):
    """The same description made from a DocumentGraph as mapping made it (ontology.ledger), before or without
    a store: what a store writes of it is its quads, as they are. `lines`: the description's N-Triples lines,
    when mapping gave them (ingest.rdf.record_to_described), not parsed from the graph again."""
    return _described(_lines(document.quads()) if lines is None else lines, ox.NamedNode(document.iri))


def _lines(quads):
    """Each quad's triple as an N-Triples line without its " .", a ledger triple's as the statement it makes."""
    turned: dict = {}  # predicate -> the statement's predicate's form: a few dozen in ~8,000 quads

    for q in quads:
        p = q.predicate
        to = turned.get(p)
        if to is None:
            to = turned[p] = str(ox_predicate_of(p)) if is_ledger(p) else str(p)
        yield f"{q.subject} {to} {q.object}"


def _described(lines, graph: ox.NamedNode):
    from graph_store.oxigraph import Description

    view = Description()
    # in one order whatever the source (the store's index or the mapper's): a query of the view lists rows as
    # they were added, and what keeps the rows (search's ties, first-found names) must not depend on the source.
    # Loaded as text (a line is the triple's str): 8,000 pyoxigraph Quads cost more to make than to parse.
    # `lenient`: the IRIs are not validated again (a third of the load): the lines are terms' own N-Triples forms,
    # a mapper's (checked when the store writes the same lines) or a store's (checked when they were written).
    # Triples, loaded into the document's graph: its name on each line was a quarter of the text to join and parse.
    view._store.load(n_quads(sorted(lines)), format=ox.RdfFormat.N_TRIPLES, to_graph=graph, lenient=True)
    return view
