"""The store's own union graph on a SPARQL server (`SparqlStore(union="graph")`, the default).

A query over the union of 1,000 document graphs is slow on Virtuoso however it is named: each graph of a
FROM list (or of a graph group, which Virtuoso expands into the same list at run time) is one more index
probe per triple pattern, 0.1-1.4 s a query; a `define input:default-graph-exclude` list is tested row by
row, and grows with the other stores on the server. Its own default graph (every graph on the server) is
fast but holds other stores' graphs too. So the store keeps one graph more, `{catalog}:union` (or
`urn:govkg:union` for the default catalog): every triple of every document graph it lists, once. A query's
default graph is that graph and the reference graph, two names whatever the number of documents, and it
is exact however many stores share the server: nothing but the store's own writes puts a triple there.

Each write keeps it in the update request (one transaction in Virtuoso) that lists or drops a graph:
- a graph written: its triples are copied in (ADD, which keeps blank nodes the same nodes);
- a graph dropped (removed, or the earlier content of a graph written): each of its triples leaves the
  union graph unless another listed graph holds it (one indexed lookup per triple, as for the ledger).
The reference graph is not copied (its statements change with every ledger); queries name it beside.

The catalog says that the union graph is complete (`<catalog> <…#union> <union graph>`); a store written
by an earlier govkg has none, and its first write copies every listed graph in before saying so. Until
then, queries name every graph (union="explicit").

Named graphs (GRAPH ?g) still come from the catalog's list, sent only with a query that has a GRAPH.
"""

from __future__ import annotations

from collections.abc import Iterable

HOLDS = "urn:govkg:catalog#holds"
UNION = "urn:govkg:catalog#union"


def per_catalog(catalog: str, default_catalog: str, default_iri: str, suffix: str) -> str:
    """A graph each store keeps for itself (its union, reference and ontology graphs): `default_iri` for the
    default catalog, else named after the store's catalog, so two stores on one server never share one."""
    return default_iri if catalog == default_catalog else f"{catalog}:{suffix}"


def union_graph_iri(catalog: str, default_catalog: str) -> str:
    """The union graph of the store whose catalog is `catalog`."""
    return per_catalog(catalog, default_catalog, "urn:govkg:union", "union")


def copy_in(union: str, graph: str) -> str:
    """The update that adds the triples of `graph` to the union graph (a quad is held once)."""
    # ADD, not INSERT … WHERE: Virtuoso copies a graph's quads as they are, 2-4x faster (8,500 triples: 47 ms
    # against 199 ms), and its blank nodes stay the same nodes either way
    return f"ADD SILENT GRAPH <{graph}> TO GRAPH <{union}> ;\n"


def take_out(union: str, catalog: str, dropped: Iterable[str], keep: Iterable[str] = (), written: str | None = None
             ) -> str:
    """The update that takes out of the union graph the triples of the graphs `dropped` that no other graph
    the catalog lists holds (the graphs in `keep` — the reference graph — do not count: the union graph
    holds none of theirs). Sent before the graphs are dropped and while they are still listed; `written`, the
    graph a write lists in their place, is listed by then too."""
    dropped = list(dropped)
    # one operation a dropped graph, its name written in it: given `VALUES ?dropped { … }` of two graphs,
    # Virtuoso's planner at 1,000 documents read every quad on the server and tested its graph afterwards
    return "".join(f"DELETE {{ GRAPH <{union}> {{ ?s ?p ?o }} }} WHERE {{ "
                   f"{not_written(graph, '?s ?p ?o', '', written)} {unheld('?s ?p ?o', catalog, [*dropped, *keep])} }} ;\n"
                   for graph in dropped)


def not_written(graph: str, triple: str, test: str, written: str | None) -> str:
    """The pattern: the triples of `graph` (passing the filter `test`) that the graph `written` does not hold. A
    statement of a shared thing is held by most documents (1,000 graphs for a code's label), and Virtuoso finds
    and tests every holder of each triple before it applies another filter, so the new version (which states
    most of them again) is asked first, in a sub-select that Virtuoso runs before the rest."""
    if not written:
        return f"GRAPH <{graph}> {{ {triple} {test} }}"
    variables = " ".join(dict.fromkeys(v for v in triple.split() if v.startswith("?")))
    return (f"{{ SELECT {variables} WHERE {{ GRAPH <{graph}> {{ {triple} {test} }} "
            f"FILTER NOT EXISTS {{ GRAPH <{written}> {{ {triple} }} }} }} }}")


def unheld(triple: str, catalog: str, dropped: Iterable[str]) -> str:
    """The filter: no graph the catalog lists but those `dropped` holds `triple` (one indexed lookup of the triple
    for its holders, each looked up in the catalog)."""
    others = " && ".join(f"?other != <{g}>" for g in dropped)
    return (f"FILTER NOT EXISTS {{ GRAPH ?other {{ {triple} }} FILTER({others}) "
            f"GRAPH <{catalog}> {{ <{catalog}> <{HOLDS}> ?other }} }}")


def mark_complete(union: str, catalog: str) -> str:
    """The update that says the union graph holds every listed graph's triples."""
    return f"INSERT DATA {{ GRAPH <{catalog}> {{ <{catalog}> <{UNION}> <{union}> }} }} ;\n"


def is_complete_query(union: str, catalog: str) -> str:
    return f"ASK {{ GRAPH <{catalog}> {{ <{catalog}> <{UNION}> <{union}> }} }}"
