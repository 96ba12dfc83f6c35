"""The documents a store holds and how a user names one: what `govkg ingest` replaces and what
`govkg remove` finds.

A document's identity is its department, fiscal year, kind (预算/决算) and scope (汇总/本级). A new
version of it (an edited file, the same file in another encoding, a re-export, a record joined from
its parts) replaces every graph of the same identity. A user names a document by its graph IRI, its
sha256 (or the first 8+ hex digits), its file name, its label ("…2024年部门预算（汇总）" or the start
of it, e.g. the department's name), or by department, year, kind and scope.

Matching is done in Python over one listing of the documents, so no user text is ever written into
a query (except in the last-resort lookup of graphs in other vocabularies, as an escaped literal).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from graph_store.base import Store, check_iri
from graph_store.sparql_text import string_literal
from ontology.ledger import DocumentGraph

GK = "https://w3id.org/govkg/def#"
KINDS = {"budget": f"{GK}Budget", "预算": f"{GK}Budget", "final_account": f"{GK}FinalAccount",
         "final-account": f"{GK}FinalAccount", "决算": f"{GK}FinalAccount"}
SCOPES = {"consolidated": f"{GK}Consolidated", "汇总": f"{GK}Consolidated", "standalone": f"{GK}Standalone",
          "本级": f"{GK}Standalone"}
_FIELDS = {f"{GK}fileName": "files", f"{GK}sha256": "sha256", "http://www.w3.org/2000/01/rdf-schema#label": "label",
           f"{GK}department": "department", f"{GK}fiscalYear": "year", f"{GK}phase": "phase", f"{GK}scope": "scope"}
# {values}: nothing, or VALUES ?g {{ … }} to read only some graphs (what a write replaces, not the whole store)
LISTING = f"""
SELECT ?g ?p ?o WHERE {{{{ {{values}}
  GRAPH ?g {{{{ ?doc a <{GK}Document> ; ?p ?o FILTER(?p IN ({", ".join(f"<{p}>" for p in _FIELDS)})) }}}}
}}}}"""
DEPARTMENT_NAMES = f"""
SELECT DISTINCT ?d ?name WHERE {{{{ {{values}}
  GRAPH ?g {{{{ ?doc a <{GK}Document> ; <{GK}department> ?d }}}}
  ?d <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#altLabel> ?name
}}}}"""
# Graphs mapped with other vocabularies: any value equal to the name, or ending in /name.
ANY_VALUE = """
SELECT DISTINCT ?g WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER(isLiteral(?o) && (STR(?o) = {text} || STRENDS(STR(?o), {tail})))
}}"""


@dataclass(frozen=True)
class Identity:
    """What makes two files versions of one document. IRIs, so names are compared normalised."""

    department: str
    year: int
    phase: str
    scope: str | None

    def pattern(self) -> str:
        """The graph pattern a graph holding a document of this identity matches (Store.graphs_where)."""
        scope = f"; <{GK}scope> <{check_iri(self.scope)}> " if self.scope else ""
        return (f"?doc a <{GK}Document> ; <{GK}department> <{check_iri(self.department)}> ; "
                f"<{GK}phase> <{check_iri(self.phase)}> {scope}; <{GK}fiscalYear> ?y FILTER(?y = {int(self.year)})")


@dataclass
class StoredDocument:
    graph: str
    label: str = ""
    files: list[str] = field(default_factory=list)
    sha256: list[str] = field(default_factory=list)
    department: str = ""
    department_names: set[str] = field(default_factory=set)
    year: int | None = None
    phase: str = ""
    scope: str = ""

    def describe(self) -> str:
        files = "、".join(sorted(PurePath(f).name for f in self.files)) or "?"
        return f"{self.label or '?'}（{files}）<{self.graph}>"


def identity_of(graph: Graph | DocumentGraph) -> Identity | None:
    """The identity of the document a mapped graph describes (None without department, year and kind)."""
    if isinstance(graph, DocumentGraph):
        return Identity(*graph.identity) if graph.identity else None
    for doc in graph.subjects(RDF.type, URIRef(f"{GK}Document")):
        dept = graph.value(doc, URIRef(f"{GK}department"))
        year = graph.value(doc, URIRef(f"{GK}fiscalYear"))
        phase = graph.value(doc, URIRef(f"{GK}phase"))
        scope = graph.value(doc, URIRef(f"{GK}scope"))
        if isinstance(dept, URIRef) and isinstance(year, Literal) and isinstance(phase, URIRef):
            try:
                return Identity(str(dept), int(year.toPython()), str(phase), str(scope) if scope else None)
            except (TypeError, ValueError):
                return None
    return None


def versions(store: Store, identity: Identity | None) -> list[str]:
    """The graphs in `store` holding a document of `identity`."""
    if identity is None:
        return []
    return store.graphs_where(identity.pattern())


def stored_documents(store: Store, graphs: list[str] | None = None) -> dict[str, StoredDocument]:
    """Every document graph in the store (or those of `graphs`), by graph IRI."""
    values = "" if graphs is None else f"VALUES ?g {{ {' '.join(f'<{check_iri(g)}>' for g in graphs)} }}"
    docs: dict[str, StoredDocument] = {}
    for g, p, o in store.query(LISTING.format(values=values)):
        doc = docs.setdefault(str(g), StoredDocument(str(g)))
        name = _FIELDS[str(p)]
        if name in ("files", "sha256"):
            getattr(doc, name).append(str(o))
        elif name == "year":
            try:
                doc.year = int(o.toPython())
            except (TypeError, ValueError):
                pass
        elif not getattr(doc, name) or (name == "label" and getattr(o, "language", None) == "zh"):
            setattr(doc, name, str(o))
    names: dict[str, set[str]] = {}
    for d, name in store.query(DEPARTMENT_NAMES.format(values=values)):
        names.setdefault(str(d), set()).add(str(name))
    for doc in docs.values():
        doc.department_names = names.get(doc.department, set())
    return docs


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).replace("（", "(").replace("）", ")")


def matches(doc: StoredDocument, text: str) -> bool:
    """Whether the user's `text` names `doc`: its graph IRI, sha256 (8+ hex digits, a prefix), a file
    name (any path before it is ignored), or its label or the start of it from the department's full
    name on (so a stray word or one character never names a document)."""
    text = text.strip()
    if not text:
        return False
    if text == doc.graph:
        return True
    if len(text) >= 8 and all(c in "0123456789abcdefABCDEF" for c in text):
        if any(sha.lower().startswith(text.lower()) for sha in doc.sha256) or text.lower() in doc.graph.lower():
            return True
    name = PurePath(text).name
    if any(PurePath(f).name == name for f in doc.files):
        return True
    wanted, label = _key(text), _key(doc.label)
    return label.startswith(wanted) and any(wanted.startswith(_key(n)) and label.startswith(_key(n))
                                            for n in doc.department_names)


def find_documents(store: Store, text: str | None = None, *, department: str | None = None,
                   year: int | None = None, kind: str | None = None, scope: str | None = None) -> list[str]:
    """The graphs a user means: those matching `text` (see `matches`) and every field given."""
    if text and text in store.graphs():
        return [text]
    docs = stored_documents(store).values()
    if text:
        docs = [d for d in docs if matches(d, text)]
    if department:
        wanted = _key(department)
        docs = [d for d in docs if any(_key(n) == wanted for n in d.department_names) or d.department == department]
    if year is not None:
        docs = [d for d in docs if d.year == year]
    if kind:
        docs = [d for d in docs if d.phase == KINDS.get(kind.lower(), kind)]
    if scope:
        docs = [d for d in docs if d.scope == SCOPES.get(scope.lower(), scope)]
    found = sorted(d.graph for d in docs)
    if found or not text or department or year or kind or scope:
        return found
    name = PurePath(text.strip()).name
    rows = store.query(ANY_VALUE.format(text=string_literal(name), tail=string_literal("/" + name)))
    return sorted({str(row[0]) for row in rows})


def store_version(store: Store, graph_iri: str, graph: Graph | DocumentGraph,
                  old: list[str] | None = None) -> list[StoredDocument]:
    """Write `graph` as the current version of its document: every other graph of the same identity
    (`old`, when the caller has looked them up) goes in the same transaction. The documents replaced, as
    they were."""
    old = [g for g in versions(store, identity_of(graph)) if g != graph_iri] if old is None else old
    replaced = list(stored_documents(store, old).values()) if old else []
    store.replace_graph(graph_iri, store.writable(graph), replaces=old)
    return replaced
