"""Entity IRIs that resolve, as Linked Data servers do (Pubby, Fuseki with a front end).

The graph's IRIs are `{base}{kind}/{id}` (docs/model.md) with whatever base they were minted with. A
request for `/<path>` is matched against every base the store holds, by the IRI's own path
(`https://w3id.org/govkg/id/org/6cc0…` is served at `/govkg/id/org/6cc0…`) or by the part after the
base (`/org/6cc0…`). The bases are read from the store's documents (`{base}doc/{sha}`), so a graph
minted with another GOVKG_BASE_IRI resolves the same way.

An entity's description is its own triples, plus those of the resources minted under its IRI (an
indicator's `…/target` and `…/actual`): a Concise Bounded Description without blank nodes.
"""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

from rdflib import Graph, URIRef

from graph_store.base import Store, StoreError, check_iri
from ingest.rdf import DEFAULT_BASE, bind_prefixes
from query_api import queries
from query_api.ask import store_state

# Media types served, with the `?format=` word and rdflib's serializer name of each.
FORMATS = {
    "html": ("text/html", None),
    "ttl": ("text/turtle", "turtle"),
    "jsonld": ("application/ld+json", "json-ld"),
    "nt": ("application/n-triples", "nt"),
}
FORMAT_LABELS = {"ttl": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples"}
_KINDS = ("org/", "program/", "indicator/", "duty/", "doc/", "dataset/", "obs/", "code/", "graph/")

_BASES_QUERY = "SELECT DISTINCT ?doc WHERE {{ ?doc a {Document} }}"
# The triples of the given subjects, without the documents' ledgers (ontology.ledger: each statement once).
# Subjects as VALUES, the filter beside the pattern: Virtuoso answers this at once, while a UNION
# finding the resources minted under an IRI in the same query ran past 20 s.
_DESCRIBE = """CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  VALUES ?s {{ {subjects} }} ?s ?p ?o FILTER(!STRSTARTS(STR(?p), "urn:govkg:stated:"))
}}"""

_LOCK = threading.Lock()
_BASES: dict[tuple, list[str]] = {}


def bases(store: Store) -> list[str]:
    """The IRI bases of the store's documents (longest first), and the configured default base."""
    key = store_state(store)
    with _LOCK:
        if key in _BASES:
            return _BASES[key]
    found = {DEFAULT_BASE}
    for row in store.query(queries.sparql(_BASES_QUERY), timeout=10):
        iri = str(row.doc)
        if "/doc/" in iri:
            found.add(iri.rsplit("/doc/", 1)[0] + "/")
    result = sorted(found, key=len, reverse=True)
    with _LOCK:
        _BASES.clear()  # one store per app: the latest state is the only one worth keeping
        _BASES[key] = result
    return result


def candidates(store: Store, path: str) -> list[str]:
    """The IRIs a request path may name, most specific first."""
    path = "/" + path.lstrip("/")
    found = []
    for base in bases(store):
        base_path = urlsplit(base).path
        if path.startswith(base_path) and len(path) > len(base_path):
            found.append(base + path[len(base_path):])
        if path.lstrip("/").startswith(_KINDS):
            found.append(base + path.lstrip("/"))
    return list(dict.fromkeys(found))


def describe(store: Store, iri: str) -> Graph:
    """The triples of `iri` and of the resources minted under it (empty if the store does not know it)."""
    try:
        check_iri(iri)  # a path is the client's text: only an IRI that SPARQL can quote is looked up
    except StoreError:
        return Graph()
    graph = bind_prefixes(Graph())
    for triple in store.query(_DESCRIBE.format(subjects=f"<{iri}>"), timeout=10):
        graph.add(triple)
    minted = {o for o in graph.objects(URIRef(iri)) if isinstance(o, URIRef) and str(o).startswith(iri + "/")}
    if minted:  # an indicator's …/target and …/actual
        for triple in store.query(_DESCRIBE.format(subjects=" ".join(f"<{m}>" for m in sorted(minted))), timeout=10):
            graph.add(triple)
    return graph


def resolve(store: Store, path: str) -> tuple[str, Graph] | None:
    """The entity a request path names and its description, or None."""
    for iri in candidates(store, path):
        graph = describe(store, iri)
        if (URIRef(iri), None, None) in graph:
            return iri, graph
    return None


def serialise(graph: Graph, fmt: str, iri: str) -> bytes:
    """The description in a machine format; JSON-LD gets an @context of the graph's prefixes."""
    if fmt == "jsonld":
        used = {str(term) for triple in graph for term in triple if isinstance(term, URIRef)}
        used |= {str(o.datatype) for o in graph.objects() if getattr(o, "datatype", None)}
        context = {prefix: str(ns) for prefix, ns in graph.namespaces()
                   if prefix and any(u.startswith(str(ns)) for u in used)}
        return graph.serialize(format="json-ld", context=context, encoding="utf-8")
    return graph.serialize(format=FORMATS[fmt][1], encoding="utf-8")


def negotiate(accept, requested: str | None) -> str:
    """The format to answer in: `?format=` if given, else the best match of the Accept header (HTML by default)."""
    if requested in FORMATS:
        return requested
    by_type = {media: word for word, (media, _) in FORMATS.items()}
    by_type["application/json"] = "jsonld"
    best = accept.best_match(list(by_type), default="text/html")
    return by_type.get(best, "html")
