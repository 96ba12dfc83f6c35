"""A networkx view of the stored graph for link questions ("how is this agency linked to that program?").

Entities (IRIs and blank nodes) are nodes with a `label` (skos:prefLabel, rdfs:label, schema:name or
dcterms:title; Chinese first) and their `types`; object properties are edges keyed by the property
IRI with a `label` (the property's own label from the ontology graph, else its local name).
Literals are not nodes. Left out, because they would link everything to everything: rdf:type,
provenance (PROV, dcterms:source), vocabulary structure (RDFS/OWL terms, skos:inScheme), and every
term the ontology itself declares (anything described in a graph holding an owl:Ontology: classes,
properties, and code values such as the budget phases, which every figure points at).

Paths avoid hubs: passing through a node costs 1 + log2(its degree) / 2, so agency → duty → program
wins over agency → dataset → program although both are two steps.
"""

from __future__ import annotations

import math
import threading
import urllib.parse
import weakref

import networkx as nx
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from graph_store.base import Store, StoreError
from ontology.ledger import LEDGER

SCHEMA_NAME = URIRef("https://schema.org/name")
SCHEMA_NAME_HTTP = URIRef("http://schema.org/name")
LABEL_PREDICATES = (SKOS.prefLabel, RDFS.label, SCHEMA_NAME, SCHEMA_NAME_HTTP, DCTERMS.title)
SKIP_PREDICATES = {RDF.type, DCTERMS.source, SKOS.inScheme, SKOS.topConceptOf, SKOS.hasTopConcept}
SKIP_NAMESPACES = ("http://www.w3.org/ns/prov#", str(RDFS), str(OWL), LEDGER)  # a ledger repeats a shared statement
VOCABULARY_TYPES = {OWL.Class, RDFS.Class, RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty,
                    OWL.AnnotationProperty, OWL.Ontology, SKOS.ConceptScheme}
HUB_WEIGHT = 0.5


def local_name(iri: str) -> str:
    """The readable tail of an IRI: after the last '#' or '/', percent-decoded."""
    tail = iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return urllib.parse.unquote(tail) or iri


def _label_rank(predicate: URIRef, literal: Literal) -> tuple[int, int]:
    lang = (literal.language or "").lower()
    lang_rank = 0 if lang.startswith("zh") else 1 if not lang else 2
    return lang_rank, LABEL_PREDICATES.index(predicate)


def build_graph(store: Store) -> nx.MultiDiGraph:
    """The entity graph of everything in `store` (all named graphs)."""
    labels: dict[URIRef | BNode, tuple[tuple[int, int], str]] = {}
    types: dict[URIRef | BNode, set[str]] = {}
    edges: list[tuple[URIRef | BNode, URIRef, URIRef | BNode, str]] = []
    described: dict[str, set] = {}  # graph -> its subjects, to set the ontology's own terms aside
    ontology_graphs: set[str] = set()
    for s, p, o, g in store.quads():
        described.setdefault(g, set()).add(s)
        if p == RDF.type and o == OWL.Ontology:
            ontology_graphs.add(g)
        if isinstance(o, Literal):
            if p in LABEL_PREDICATES:
                rank = _label_rank(p, o)
                if s not in labels or rank < labels[s][0]:
                    labels[s] = (rank, str(o))
        elif p == RDF.type:
            types.setdefault(s, set()).add(str(o))
        elif p not in SKIP_PREDICATES and not str(p).startswith(SKIP_NAMESPACES):
            edges.append((s, p, o, g))
    vocabulary = {n for n, t in types.items() if t & {str(v) for v in VOCABULARY_TYPES}}
    for g in ontology_graphs:
        vocabulary |= described[g]
    graph = nx.MultiDiGraph()

    def add_node(node) -> None:
        if node not in graph:
            label = labels[node][1] if node in labels else (local_name(node) if isinstance(node, URIRef) else "")
            graph.add_node(node, label=label, types=sorted(types.get(node, ())))

    for s, p, o, g in edges:
        if s in vocabulary or o in vocabulary:
            continue
        add_node(s)
        add_node(o)
        label = labels[p][1] if p in labels else local_name(p)
        if not graph.has_edge(s, o, key=p):
            graph.add_edge(s, o, key=p, label=label, graphs={g})
        else:
            graph.edges[s, o, p]["graphs"].add(g)
    properties = {p for _, p, _, _ in edges}
    for node, (_, label) in labels.items():
        # Labelled entities with no links still belong (a lone program can be looked up by name).
        if node not in graph and node not in vocabulary and node not in properties:
            graph.add_node(node, label=label, types=sorted(types.get(node, ())))
    return graph


_built: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # store -> (state, view)
_built_lock = threading.Lock()


def graph_of(store: Store) -> nx.MultiDiGraph:
    """`build_graph(store)`, kept while the store's state (its generation) stays the same (a web
    request asking for a path should not rebuild the whole view). Treat the result as read-only."""
    state = store.state()
    with _built_lock:
        known = _built.get(store)
    if known is not None and known[0] == state:
        return known[1]
    graph = build_graph(store)
    with _built_lock:
        _built[store] = (state, graph)
    return graph


def _as_graph(source: Store | nx.MultiDiGraph) -> nx.MultiDiGraph:
    return source if isinstance(source, nx.MultiDiGraph) else graph_of(source)


def resolve(graph: nx.MultiDiGraph, name: str) -> URIRef | BNode:
    """The node named by an IRI, or failing that the best-connected node whose label is exactly `name`."""
    if URIRef(name) in graph:
        return URIRef(name)
    matches = [n for n, label in graph.nodes(data="label") if label == name]
    if not matches:
        raise StoreError(f"图中找不到“{name}” — no entity with that IRI or label")
    return max(matches, key=lambda n: (graph.degree(n), str(n)))


def _path(graph: nx.MultiDiGraph, a: str, b: str) -> list:
    start, end = resolve(graph, a), resolve(graph, b)

    def cost(here, there, _data) -> float:
        # networkx asks for the cost of stepping from `here` to `there`: charge for passing through `there`.
        return 1.0 if there == end else 1 + HUB_WEIGHT * math.log2(max(graph.degree(there), 1))

    try:
        return nx.shortest_path(graph.to_undirected(as_view=True), start, end, weight=cost)
    except nx.NetworkXNoPath:
        return []


def shortest_path(source: Store | nx.MultiDiGraph, a: str, b: str) -> list[tuple[str, str | None]]:
    """How `a` and `b` (IRIs or exact labels) are linked: [(node label, label of the edge to the next node)],
    the last edge None. An edge walked against its direction is written '^label' (as in SPARQL paths).
    [] when they are not linked at all; StoreError when either cannot be found."""
    graph = _as_graph(source)
    nodes = _path(graph, a, b)
    if not nodes:
        return []
    return [(graph.nodes[u]["label"], _edge_label(graph, u, v) if v is not None else None)
            for u, v in zip(nodes, [*nodes[1:], None], strict=True)]


def path_nodes(source: Store | nx.MultiDiGraph, a: str, b: str) -> list[str]:
    """The IRIs (or blank node ids) along `shortest_path`, for callers that link to each entity."""
    return [str(n) for n in _path(_as_graph(source), a, b)]


def _edge_label(graph: nx.MultiDiGraph, u, v) -> str:
    if graph.has_edge(u, v):
        return min(d["label"] for d in graph.get_edge_data(u, v).values())
    return "^" + min(d["label"] for d in graph.get_edge_data(v, u).values())


def neighbourhood(source: Store | nx.MultiDiGraph, iri: str, depth: int = 1) -> nx.MultiDiGraph:
    """The entities within `depth` links of `iri` (either direction) and the edges among them."""
    graph = _as_graph(source)
    return nx.ego_graph(graph, resolve(graph, iri), radius=depth, undirected=True).copy()
