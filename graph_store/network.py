"""How two entities are linked ("how is this agency linked to that program?"), read from the store's own
indexes node by node, so that a path costs the part of the graph it explores, not the size of the store.

Entities (IRIs and blank nodes) are nodes with a label (skos:prefLabel, rdfs:label, schema:name or
dcterms:title; Chinese first); object properties are edges, labelled with the property's own label from
any graph (the ontology's), else its local name. Literals are not nodes. Left out, because they would
link everything to everything: rdf:type, provenance (PROV, dcterms:source), vocabulary structure (RDFS/OWL
terms, skos:inScheme), ledger statements (the reference graph holds the statement itself), and every term
the ontology declares (anything described in a graph holding an owl:Ontology, and classes, properties and
concept schemes wherever typed so: code values such as the budget phases, which every figure points at).

A node's links come from `Store.links` (oxigraph: its subject and object indexes, in process; other
backends: one SPARQL query per batch of nodes), fetched only for the nodes the search reaches and kept for
the request. Paths avoid hubs: passing through a node costs 1 + log2(its degree) / 2, so agency → duty →
program wins over agency → dataset → program although both are two steps. The search is a bidirectional
Dijkstra from both ends; it stops at `timeout` seconds (QueryTimeout) rather than read a whole store.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import math
import threading
import time
import urllib.parse
import weakref
from typing import TYPE_CHECKING

from rdflib import BNode, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from graph_store.base import QueryTimeout, Store, StoreError, check_iri, node_key
from ontology.ledger import LEDGER

if TYPE_CHECKING:
    import networkx as nx

SCHEMA_NAME = URIRef("https://schema.org/name")
SCHEMA_NAME_HTTP = URIRef("http://schema.org/name")
LABEL_PREDICATES = (SKOS.prefLabel, RDFS.label, SCHEMA_NAME, SCHEMA_NAME_HTTP, DCTERMS.title)
SKIP_PREDICATES = {str(p) for p in (RDF.type, DCTERMS.source, SKOS.inScheme, SKOS.topConceptOf, SKOS.hasTopConcept)}
SKIP_NAMESPACES = ("http://www.w3.org/ns/prov#", str(RDFS), str(OWL), LEDGER)
VOCABULARY_TYPES = (OWL.Class, RDFS.Class, RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty,
                    OWL.AnnotationProperty, OWL.Ontology, SKOS.ConceptScheme)
HUB_WEIGHT = 0.5
FEW = 32  # statements of a node read when the search reaches it (an observation has ~10)
BATCH = 200  # nodes whose links one call of Store.links reads (one SPARQL query on a remote store)
TIMEOUT = 30.0


def local_name(iri: str) -> str:
    """The readable tail of an IRI: after the last '#' or '/', percent-decoded."""
    tail = iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return urllib.parse.unquote(tail) or iri


def linking(predicate: str) -> bool:
    """Whether statements with this predicate (and an entity as object) are links of the view."""
    return predicate not in SKIP_PREDICATES and not predicate.startswith(SKIP_NAMESPACES)


def _term(key: str) -> URIRef | BNode:
    return BNode(key[2:]) if key.startswith("_:") else URIRef(key)


ONTOLOGY_GRAPHS = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?o a <{OWL.Ontology}> }} }}"
GRAPH_SUBJECTS = "SELECT DISTINCT ?n WHERE {{ GRAPH <{graph}> {{ ?n ?p ?o }} }}"
TYPED = "SELECT DISTINCT ?n WHERE {{ VALUES ?t {{ {types} }} ?n a ?t }}"
# One VALUES, the predicates in a FILTER: oxigraph joins two VALUES blocks after reading every label (4 s
# against 8 ms for 20 nodes at 1,000 documents).
LABELS = ("SELECT ?n ?p ?l WHERE {{ VALUES ?n {{ {nodes} }} GRAPH ?g {{ ?n ?p ?l }} "
          "FILTER(isLiteral(?l) && ?p IN ({predicates})) }}")
LABELLED = "SELECT DISTINCT ?n WHERE {{ VALUES ?l {{ {labels} }} ?n {predicates} ?l FILTER(isIRI(?n)) }}"

_vocabularies: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # store -> (state, set of keys)
_vocabulary_lock = threading.Lock()


def vocabulary(store: Store) -> frozenset[str]:
    """The terms the view leaves out as vocabulary, read once per store state: the subjects of the graphs
    holding an owl:Ontology (small: the ontology itself) and whatever is typed a class, property or scheme."""
    with _vocabulary_lock:
        state = store.state()
        known = _vocabularies.get(store)
        if known is not None and known[0] == state:
            return known[1]
        own = set(store.graph_versions())
        terms = set()
        for row in store.query(ONTOLOGY_GRAPHS, timeout=TIMEOUT):
            if str(row.g) in own:
                terms.update(node_key(r.n) for r in store.query(GRAPH_SUBJECTS.format(graph=row.g), timeout=TIMEOUT))
        types = " ".join(f"<{t}>" for t in VOCABULARY_TYPES)
        terms.update(node_key(r.n) for r in store.query(TYPED.format(types=types), timeout=TIMEOUT))
        found = frozenset(terms)
        _vocabularies[store] = (state, found)
        return found


class Links:
    """The links of the nodes a search reaches, read from the store as it asks for them: node key →
    {(property IRI, other node key, True when the node is the subject)}; and their degrees (links by the
    predicates the view keeps, those to vocabulary terms included). A node's first FEW statements are read
    when it is reached; the degree of one with more is counted by the store, and its links are read only if
    the search goes through it (a hub's thousands of links are rarely needed)."""

    def __init__(self, store: Store, deadline: float):
        self.store, self.deadline = store, deadline
        self.vocabulary = vocabulary(store)
        self._of: dict[str, set[tuple[str, str, bool]]] = {}
        self._complete: set[str] = set()
        self._degree: dict[str, int] = {}

    def fetch(self, keys, limit: int | None = None) -> None:
        """Read the links of `keys` (at most `limit` statements each, for a first look)."""
        wanted = [k for k in dict.fromkeys(keys) if k not in self._complete and (limit is None or k not in self._of)]
        for at in range(0, len(wanted), BATCH):
            if time.monotonic() > self.deadline:
                raise QueryTimeout("路径搜索超时 — the path search read too much of the graph in its time limit")
            batch = wanted[at:at + BATCH]
            statements, linked = dict.fromkeys(batch, 0), dict.fromkeys(batch, 0)
            for key in batch:
                self._of[key] = set()
            for s, p, o in self.store.links(batch, limit):
                keep = linking(p)
                for key in (s, o) if s != o else (s,):
                    if key in statements:
                        statements[key] += 1
                        linked[key] += keep
                if not keep or s in self.vocabulary or o in self.vocabulary:
                    continue
                if s in self._of:
                    self._of[s].add((p, o, True))
                if o in self._of:
                    self._of[o].add((p, s, False))
            for key in batch:
                if limit is None or not self.store.limits_links or statements[key] < limit:
                    self._complete.add(key)
                    self._degree[key] = linked[key]

    def count(self, keys) -> None:
        """The degrees of `keys`: read with their first statements, or counted by the store for those with more."""
        keys = [k for k in dict.fromkeys(keys) if k not in self._degree]
        self.fetch(keys, FEW)
        many = [k for k in keys if k not in self._degree]
        self.fetch([k for k in many if k.startswith("_:")])  # a blank node cannot be named in a query
        counts = self.store.link_counts([k for k in many if not k.startswith("_:")])
        for key in many:
            if key not in self._degree:
                self._degree[key] = sum(n for p, n in counts.get(key, {}).items() if linking(p))

    def of(self, key: str) -> set[tuple[str, str, bool]]:
        self.fetch([key])
        return self._of[key]

    def neighbours(self, key: str) -> set[str]:
        return {other for _, other, _ in self.of(key)}

    def degree(self, key: str) -> int:
        self.count([key])
        return self._degree[key]


_kept: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # store -> (state, Links, lock)
_kept_lock = threading.Lock()
KEPT_NODES = 200_000  # nodes whose links are kept between searches of one store state (~100 MB at most)


@contextlib.contextmanager
def _links(store: Store, timeout: float):
    """The links read by earlier searches of this store state, lent to one search at a time (a search fills
    them as it goes), so that paths in one part of the graph read it once; read afresh past KEPT_NODES."""
    state = store.state()
    with _kept_lock:
        known = _kept.get(store)
        if known is None or known[0] != state or len(known[1]._of) > KEPT_NODES:
            known = (state, Links(store, 0.0), threading.Lock())
            _kept[store] = known
    with known[2]:
        known[1].deadline = time.monotonic() + timeout
        yield known[1]


def _named(store: Store, name: str) -> list[str]:
    """The IRIs `name` may stand for: itself, when it is an IRI, and the entities labelled `name`."""
    from graph_store.sparql_text import string_literal

    labels = " ".join(string_literal(name) + tag for tag in ("", "@zh", "@en"))
    found = [str(r.n) for r in store.query(LABELLED.format(
        labels=labels, predicates="|".join(f"<{p}>" for p in LABEL_PREDICATES)), timeout=TIMEOUT)]
    try:
        return list(dict.fromkeys([check_iri(name), *found]))
    except StoreError:
        return found


def labels(store: Store, keys, timeout: float = TIMEOUT) -> dict[str, str]:
    """The best label of each node (Chinese first, then untagged; skos:prefLabel before rdfs:label …), read
    from any graph; nodes without one are left out."""
    best: dict[str, tuple[tuple[int, int], str]] = {}
    iris = [k for k in dict.fromkeys(keys) if not k.startswith("_:")]
    predicates = ", ".join(f"<{p}>" for p in LABEL_PREDICATES)
    for at in range(0, len(iris), BATCH):
        nodes = " ".join(f"<{k}>" for k in iris[at:at + BATCH])
        for row in store.query(LABELS.format(nodes=nodes, predicates=predicates), timeout=timeout):
            lang = (row.l.language or "").lower()
            rank = (0 if lang.startswith("zh") else 1 if not lang else 2, LABEL_PREDICATES.index(row.p))
            key = str(row.n)
            if key not in best or (rank, str(row.l)) < best[key]:
                best[key] = (rank, str(row.l))
    return {k: label for k, (_, label) in best.items()}


def _resolve(store: Store, links: Links, name: str) -> str:
    """The node named by an IRI or exact label: of those the view holds, the best connected."""
    named = [k for k in _named(store, name) if k not in links.vocabulary]
    links.count(named)
    held = [k for k in named if links.degree(k)] or list(labels(store, named))
    if not held:
        raise StoreError(f"图中找不到“{name}” — no entity with that IRI or label")
    return max(held, key=lambda k: (links.degree(k), k))


def _search(links: Links, start: str, end: str) -> list[str]:
    """The cheapest path from `start` to `end` (passing through a node costs 1 + HUB_WEIGHT·log2 degree),
    by Dijkstra from both ends at once; [] when they are not linked. Each node is split in two, entering and
    leaving, joined by its cost: so each side needs the degree of the nodes it takes, never of their
    neighbours, and a hub's links are read only when a side goes through it."""
    if start == end:
        return [start]
    # A state is (node, True when leaving it). Forward edges: (v, in) → (v, out) costs v's cost; (u, out) →
    # (v, in) is free for each neighbour v. The backward side walks them in reverse from (end, in).
    targets = ((start, True), (end, False))
    dist: tuple[dict, dict] = ({targets[0]: 0.0}, {targets[1]: 0.0})
    previous: tuple[dict, dict] = ({targets[0]: None}, {targets[1]: None})
    done: tuple[set, set] = (set(), set())
    count = itertools.count()
    heaps: tuple[list, list] = ([(0.0, next(count), targets[0])], [(0.0, next(count), targets[1])])
    best, meeting = math.inf, None
    while heaps[0] and heaps[1] and heaps[0][0][0] + heaps[1][0][0] < best:
        side = 0 if len(heaps[0]) <= len(heaps[1]) else 1
        d, _, here = heapq.heappop(heaps[side])
        if here in done[side]:
            continue
        done[side].add(here)
        node, leaving = here
        if leaving == (side == 0):  # across the node's links, at no cost
            near = sorted(links.neighbours(node))
            links.count(near)  # their degrees, counted in batches before each is asked for
            steps = [((other, not leaving), 0.0) for other in near]
        else:  # through the node itself
            steps = [((node, not leaving), 1 + HUB_WEIGHT * math.log2(max(links.degree(node), 1)))]
        for there, cost in steps:
            reached = d + cost
            if reached < dist[side].get(there, math.inf):
                dist[side][there], previous[side][there] = reached, here
                heapq.heappush(heaps[side], (reached, next(count), there))
                if there in dist[1 - side] and reached + dist[1 - side][there] < best:
                    best, meeting = reached + dist[1 - side][there], there
    if meeting is None:
        return []
    states, state = [], meeting
    while state is not None:
        states.append(state)
        state = previous[0][state]
    states.reverse()
    state = previous[1][meeting]
    while state is not None:
        states.append(state)
        state = previous[1][state]
    return [node for node, _ in itertools.groupby(n for n, _ in states)]


def _nodes(links: Links, store: Store, a: str, b: str) -> list[str]:
    return _search(links, _resolve(store, links, a), _resolve(store, links, b))


def path_nodes(store: Store, a: str, b: str, *, timeout: float = TIMEOUT) -> list[str]:
    """The IRIs (or `_:id` blank nodes) along the cheapest path between `a` and `b` (IRIs or exact labels);
    [] when they are not linked; StoreError when either cannot be found, QueryTimeout past `timeout`."""
    with _links(store, timeout) as links:
        return _nodes(links, store, a, b)


def shortest_path(store: Store, a: str, b: str, *, timeout: float = TIMEOUT) -> list[tuple[str, str | None]]:
    """How `a` and `b` (IRIs or exact labels) are linked: [(node label, label of the edge to the next node)],
    the last edge None. An edge walked against its direction is written '^label' (as in SPARQL paths).
    [] when they are not linked at all; StoreError when either cannot be found."""
    with _links(store, timeout) as links:
        nodes = _nodes(links, store, a, b)
        steps = [_edge(links, u, v) for u, v in zip(nodes, nodes[1:], strict=False)]
    names = labels(store, [*nodes, *(p for p, _ in steps)], timeout)
    return [(names.get(n) or ("" if n.startswith("_:") else local_name(n)),
             None if i == len(steps) else ("" if steps[i][1] else "^") + (names.get(steps[i][0]) or local_name(steps[i][0])))
            for i, n in enumerate(nodes)]


def _edge(links: Links, u: str, v: str) -> tuple[str, bool]:
    """The property linking u to v (the smallest IRI, as a stable choice) and whether it points from u to v;
    a forward link wins over a backward one."""
    found = sorted((not forward, p) for p, other, forward in links.of(u) if other == v)
    backward, predicate = found[0]
    return predicate, not backward


def neighbourhood(store: Store, iri: str, depth: int = 1, *, timeout: float = TIMEOUT) -> nx.MultiDiGraph:
    """The entities within `depth` links of `iri` (either direction) and the links among them, as a networkx
    graph of only what was reached: nodes labelled (`label`), edges keyed by property with its `label`."""
    import networkx as nx  # only a neighbourhood needs it: paths are searched here
    with _links(store, timeout) as links:
        reached = {_resolve(store, links, iri)}
        frontier = set(reached)  # read whole: a neighbourhood is every link
        for _ in range(depth):
            links.fetch(frontier)
            frontier = {n for k in frontier for n in links.neighbours(k)} - reached
            reached |= frontier
        links.fetch(reached)
        edges = {(s, p, o) for k in reached for p, other, forward in links.of(k) if other in reached
                 for s, o in [(k, other) if forward else (other, k)]}
    names = labels(store, [*reached, *(p for _, p, _ in edges)], timeout)
    view = nx.MultiDiGraph()
    for k in reached:
        view.add_node(_term(k), label=names.get(k) or ("" if k.startswith("_:") else local_name(k)))
    for s, p, o in edges:
        view.add_edge(_term(s), _term(o), key=URIRef(p), label=names.get(p) or local_name(p))
    return view
