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

from graph_store.base import Store, StoreError, check_iri
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


def document_piece(store: Store, graph: str) -> dict:
    """What one named graph adds to the view, as JSON values (so it can be kept on disk under the graph's
    version): its links [s, p, o], the labels [node, rank, rank, label] and types [node, type] it states,
    and, for a graph holding an owl:Ontology, its subjects (the ontology's own terms). Nodes are IRIs, or
    `_:id` for a blank node."""
    labels: dict = {}
    types: list[list[str]] = []
    edges: list[list[str]] = []
    subjects, ontology = set(), False
    for s, p, o, _ in store.quads(graph):
        subjects.add(s)
        if p == RDF.type and o == OWL.Ontology:
            ontology = True
        if isinstance(o, Literal):
            if p in LABEL_PREDICATES:
                rank = _label_rank(p, o)
                if s not in labels or rank < labels[s][0]:
                    labels[s] = (rank, str(o))
        elif p == RDF.type:
            types.append([_key(s), str(o)])
        elif p not in SKIP_PREDICATES and not str(p).startswith(SKIP_NAMESPACES):
            edges.append([_key(s), str(p), _key(o)])
    return {"edges": edges, "types": types, "vocabulary": [_key(n) for n in subjects] if ontology else [],
            "labels": [[_key(n), rank[0], rank[1], label] for n, (rank, label) in labels.items()]}


def _key(node) -> str:
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def _pieces(store: Store, graphs: set[str] | None = None) -> dict[str, dict]:
    """The piece of each named graph (or of `graphs`), read from the store only for graphs written since it
    was last kept (in memory, and for a store on disk in $GOVKG_CACHE: query_api's entries_cache, per
    graph version)."""
    from query_api import entries_cache  # the per-version file cache the service's other indexes use

    found = {}
    for graph, version in store.graph_versions().items():
        if graphs is not None and graph not in graphs:
            continue
        with _built_lock:
            piece = _PIECES.get((graph, version))
        if piece is None:
            piece = entries_cache.cached("network", store, graph, version, lambda g=graph: document_piece(store, g))
            with _built_lock:
                if len(_PIECES) > 20000:  # pieces of graphs since replaced or removed go
                    _PIECES.clear()
                _PIECES[(graph, version)] = piece
        found[graph] = piece
    return found


def build_graph(store: Store, graphs: set[str] | None = None) -> nx.MultiDiGraph:
    """The entity graph of everything in `store` (all named graphs, or those in `graphs`), merged from each
    graph's piece."""
    pieces = _pieces(store, graphs)
    nodes: dict[str, URIRef | BNode] = {}

    def node(key: str):  # one term per node, made once (an rdflib term costs a check of the IRI)
        term = nodes.get(key)
        if term is None:
            term = nodes[key] = BNode(key[2:]) if key.startswith("_:") else URIRef(key)
        return term

    labels: dict[str, tuple[tuple[int, int], str]] = {}
    types: dict[str, set[str]] = {}
    vocabulary: set[str] = set()
    for piece in pieces.values():
        for key, rank0, rank1, label in piece["labels"]:
            if key not in labels or (rank0, rank1) < labels[key][0]:
                labels[key] = ((rank0, rank1), label)
        for key, kind in piece["types"]:
            types.setdefault(key, set()).add(kind)
        vocabulary.update(piece["vocabulary"])
    vocabulary_types = {str(v) for v in VOCABULARY_TYPES}
    vocabulary.update(k for k, t in types.items() if t & vocabulary_types)
    graph = nx.MultiDiGraph()

    def add_node(key: str) -> None:
        term = node(key)
        if term not in graph:
            label = labels[key][1] if key in labels else (local_name(key) if not key.startswith("_:") else "")
            graph.add_node(term, label=label, types=sorted(types.get(key, ())))

    properties = set()
    for name, piece in pieces.items():
        for s, p, o in piece["edges"]:
            properties.add(p)
            if s in vocabulary or o in vocabulary:
                continue
            add_node(s)
            add_node(o)
            u, v, k = node(s), node(o), node(p)
            data = graph.get_edge_data(u, v, key=k)
            if data is None:
                graph.add_edge(u, v, key=k, label=labels[p][1] if p in labels else local_name(p), graphs={name})
            else:
                data["graphs"].add(name)
    for key, (_, label) in labels.items():
        # Labelled entities with no links still belong (a lone program can be looked up by name).
        if key not in vocabulary and key not in properties and node(key) not in graph:
            graph.add_node(node(key), label=label, types=sorted(types.get(key, ())))
    return graph


_PIECES: dict[tuple[str, str], dict] = {}
_built: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # store -> (state, view)
_built_lock = threading.Lock()
_building = threading.Lock()  # one build at a time: a second caller waits for it rather than repeating it


def graph_of(store: Store) -> nx.MultiDiGraph:
    """`build_graph(store)`, kept while the store's state (its generation) stays the same (a web
    request asking for a path should not rebuild the whole view; a change re-reads only the graphs
    written). Treat the result as read-only."""
    with _building:
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


# The graphs that state something about one of the nodes, and the graphs that are no document's (the
# ontology, a reference graph of shared entities), which every view holds.
GRAPHS_OF = "SELECT DISTINCT ?g WHERE {{ VALUES ?n {{ {nodes} }} GRAPH ?g {{ {{ ?n ?p ?o }} UNION {{ ?s ?p ?n }} }} }}"
DOCUMENT_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a <https://w3id.org/govkg/def#Document> } }"
LABELLED = "SELECT DISTINCT ?n WHERE {{ VALUES ?l {{ {labels} }} ?n {predicates} ?l FILTER(isIRI(?n)) }}"


def _named(store: Store, name: str) -> list[str]:
    """The IRIs `name` may stand for: itself, if the store holds it, and the entities labelled `name`."""
    from graph_store.sparql_text import string_literal

    labels = " ".join(string_literal(name) + tag for tag in ("", "@zh", "@en"))
    found = [str(r.n) for r in store.query(LABELLED.format(
        labels=labels, predicates="|".join(f"<{p}>" for p in LABEL_PREDICATES)), timeout=30)]
    try:
        return [check_iri(name), *found]
    except StoreError:
        return found


def _stating(store: Store, name: str) -> set[str]:
    """The graphs that state something about the entities `name` stands for; StoreError when there are none."""
    named, stating = _named(store, name), set()
    for at in range(0, len(named), 100):  # a common label names many entities: asked 100 at a time
        nodes = " ".join(f"<{n}>" for n in named[at:at + 100])
        stating |= {str(r.g) for r in store.query(GRAPHS_OF.format(nodes=nodes), timeout=30)}
    if not stating:
        raise StoreError(f"图中找不到“{name}” — no entity with that IRI or label")
    return stating


def _shared_graphs(store: Store) -> set[str]:
    return set(store.graph_versions()) - {str(r.g) for r in store.query(DOCUMENT_GRAPHS, timeout=30)}


def local_view(store: Store, *names: str) -> nx.MultiDiGraph:
    """The entity graph of only the graphs that state something about the entities `names` (IRIs or exact
    labels) and of the graphs that are no document's: what a path between them reads, at a cost that
    follows the documents they are in, not the size of the store."""
    return build_graph(store, _shared_graphs(store).union(*(_stating(store, name) for name in names)))


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
    # each node's degree counted once, and only for the nodes the search reaches: networkx counts a node's
    # edges anew at each call (1.6 s a path at 1,000 documents), and every node's would cost the whole store's
    degree: dict = {}

    def cost(here, there, _data) -> float:
        # networkx asks for the cost of stepping from `here` to `there`: charge for passing through `there`.
        if there == end:
            return 1.0
        if there not in degree:
            degree[there] = graph.degree(there)
        return 1 + HUB_WEIGHT * math.log2(max(degree[there], 1))

    try:
        return nx.shortest_path(graph.to_undirected(as_view=True), start, end, weight=cost)
    except nx.NetworkXNoPath:
        return []


def _linking(source: Store | nx.MultiDiGraph, a: str, b: str) -> tuple[nx.MultiDiGraph, list]:
    """The view a path between `a` and `b` is read in, and the path: first in the graphs that state both,
    then in those that state either (local_view); only when they are not linked there, the whole store."""
    if isinstance(source, nx.MultiDiGraph):
        return source, _path(source, a, b)
    of_a, of_b = _stating(source, a), _stating(source, b)  # StoreError when nothing is called a or b
    shared = _shared_graphs(source)
    # The documents stating both (a classification code stated by every document and a department: the
    # department's own), then those stating either, and only then the whole store.
    for graphs in dict.fromkeys(g for g in (frozenset(of_a & of_b), frozenset(of_a | of_b)) if g):
        view = build_graph(source, shared | graphs)
        try:
            nodes = _path(view, a, b)
        except StoreError:
            nodes = []  # named only as something the view leaves out (vocabulary, say)
        if nodes:
            return view, nodes
    view = graph_of(source)
    return view, _path(view, a, b)


def shortest_path(source: Store | nx.MultiDiGraph, a: str, b: str) -> list[tuple[str, str | None]]:
    """How `a` and `b` (IRIs or exact labels) are linked: [(node label, label of the edge to the next node)],
    the last edge None. An edge walked against its direction is written '^label' (as in SPARQL paths).
    [] when they are not linked at all; StoreError when either cannot be found."""
    graph, nodes = _linking(source, a, b)
    if not nodes:
        return []
    return [(graph.nodes[u]["label"], _edge_label(graph, u, v) if v is not None else None)
            for u, v in zip(nodes, [*nodes[1:], None], strict=True)]


def path_nodes(source: Store | nx.MultiDiGraph, a: str, b: str) -> list[str]:
    """The IRIs (or blank node ids) along `shortest_path`, for callers that link to each entity."""
    return [str(n) for n in _linking(source, a, b)[1]]


def _edge_label(graph: nx.MultiDiGraph, u, v) -> str:
    if graph.has_edge(u, v):
        return min(d["label"] for d in graph.get_edge_data(u, v).values())
    return "^" + min(d["label"] for d in graph.get_edge_data(v, u).values())


def neighbourhood(source: Store | nx.MultiDiGraph, iri: str, depth: int = 1) -> nx.MultiDiGraph:
    """The entities within `depth` links of `iri` (either direction) and the edges among them."""
    graph = _as_graph(source)
    return nx.ego_graph(graph, resolve(graph, iri), radius=depth, undirected=True).copy()
