"""Keyword search: BM25 (bm25s: an inverted index as a sparse matrix, scored per query word, not per entity) over every labelled entity of the store — programs (name and
performance target), departments, units (name and responsibilities), duties, indicators — tokenised
by jieba with the lexicon's user dictionary, so names like 12345热线 or 政务云 stay whole.

The index is made per store generation (`index_for`) from entries read per document and kept under the
document graph's version (in memory, and on disk beside other caches for a store on disk): a change
re-reads only the documents written, and a server starting on an indexed store reads none.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass

import bm25s
import numpy as np

from graph_store.base import Store
from graph_store.shared import description
from query_api import entries_cache, queries
from query_api.ask import knowledge_for, store_state
from query_api.lexicon import Lexicon, normalise

DOCS = """
SELECT DISTINCT ?s ?kind ?label ?text ?amount ?unit ?doc ?dept ?year ?c WHERE {{
  {{ ?s a {Program} ; {label} ?label . BIND("program" AS ?kind)
     OPTIONAL {{ ?s {target} ?text }} OPTIONAL {{ ?s {department} ?dept }} OPTIONAL {{ ?s {year} ?year }}
     OPTIONAL {{ ?o {program} ?s ; {column} ?c ; {value} ?amount . FILTER(STR(?c) = "预算数") }}
     OPTIONAL {{ ?s {from} ?doc }} }}
  UNION {{ ?s a {Department} ; {label} ?label . BIND("department" AS ?kind) BIND(?s AS ?dept) }}
  UNION {{ ?s a {InternalUnit} ; {label} ?label . BIND("internal_unit" AS ?kind)
           OPTIONAL {{ ?s {responsibilities} ?text }} OPTIONAL {{ ?s {from} ?doc }} OPTIONAL {{ ?s {unitOf} ?dept }} }}
  UNION {{ ?s a {SubordinateUnit} ; {label} ?label . BIND("subordinate_unit" AS ?kind) OPTIONAL {{ ?s {subOrgOf} ?dept }} }}
  UNION {{ ?org {purpose} ?s . ?s {text} ?text . ?org {label} ?label . BIND("duty" AS ?kind) BIND(?org AS ?dept)
           OPTIONAL {{ ?s {from} ?doc }} }}
  UNION {{ ?s a {Indicator} ; {label} ?label . BIND("indicator" AS ?kind) OPTIONAL {{ ?s {department} ?dept }}
           OPTIONAL {{ ?s {year} ?year }} OPTIONAL {{ ?s {program} ?p . ?p {label} ?text }} OPTIONAL {{ ?s {from} ?doc }} }}
  UNION {{ ?s a {LineItem} ; {classification} ?c ; {value} ?amount ; {from} ?doc ; {organization} ?dept ; {year} ?year ;
              {label} ?label . BIND("line_item" AS ?kind) OPTIONAL {{ ?s {table} ?text }} OPTIONAL {{ ?s {unit} ?unit }} }}
  UNION {{ ?s a {Fact} ; {label} ?label ; {from} ?doc ; {organization} ?dept ; {year} ?year . BIND("fact" AS ?kind)
           OPTIONAL {{ ?s {text} ?text }} OPTIONAL {{ ?s {value} ?amount }} OPTIONAL {{ ?s {unit} ?unit }} }}
}}
"""

CODES = "SELECT DISTINCT ?c ?code ?label WHERE {{ ?c skos:notation ?code ; skos:inScheme ?scheme ; {label} ?label }}"

TYPE_LABELS = {"program": "项目", "department": "部门", "internal_unit": "内设机构", "subordinate_unit": "下属单位",
               "duty": "职责", "indicator": "绩效指标", "line_item": "科目金额", "fact": "数据"}


@dataclass
class Hit:
    uri: str
    kind: str
    label: str
    text: str | None
    amount: float | None
    doc: str | None
    department: str | None = None
    year: int | None = None
    unit: str | None = None


class SearchIndex:
    """BM25 over the entities' label + text tokens; one entry per entity. `tokens[i]` are the words of
    `hits[i]` (computed per document, see `document_entries`)."""

    def __init__(self, hits: list[Hit], lexicon: Lexicon, tokens: list[list[str]] | None = None):
        self.hits, self.lexicon = hits, lexicon
        self.labels = {e.uri: e.label for e in lexicon.entries}  # once here, not per request
        self.names = [normalise(h.label) for h in hits]
        self._position = {id(h): i for i, h in enumerate(hits)}
        corpus = tokens if tokens is not None else [entry_tokens(h, lexicon) for h in hits]
        self.bm25 = None
        if corpus:
            # Lucene's IDF, log(1 + …), stays positive for a word most entries hold (Robertson's goes negative).
            self.bm25 = bm25s.BM25(method="lucene")
            self.bm25.index(corpus, show_progress=False)

    def search(self, query: str, limit: int = 20) -> list[tuple[float, Hit]]:
        words = []
        for token in self.lexicon.search_tokens(query):
            words.extend(self.lexicon.expand(token))
        if not words or self.bm25 is None:
            return []
        scores = self.bm25.get_scores(words)
        # BM25 favours short entries; one whose own name holds a query word (not just its context) comes first
        wanted = [w for w in words if len(w) > 1] or words
        ranked = sorted(((float(scores[i]) * (2.0 if any(w in self.names[i] for w in wanted) else 1.0), i)
                         for i in np.flatnonzero(scores > 0)), key=lambda si: -si[0])  # only the matches
        return [(score, self.hits[i]) for score, i in ranked[:limit]]

    def ranked(self, query: str) -> list[tuple[float, Hit, str]]:
        """Every match as (score, hit, its normalised name), best first."""
        return [(score, hit, self.names[self._position[id(hit)]]) for score, hit in self.search(query, len(self.hits))]


def entry_tokens(hit: Hit, lexicon: Lexicon) -> list[str]:
    # the name counts twice: an entity named by the words ranks above one that only mentions them
    return (2 * lexicon.search_tokens(hit.label) + lexicon.search_tokens(hit.text or "")) or ["∅"]


_LOCK = threading.Lock()
_INDEXES: dict[tuple, SearchIndex] = {}


def index_for(store: Store) -> SearchIndex:
    """The cached index of `store`, made again when its generation changes from the entries of each
    document, which are read from the store only for documents written since (see `document_entries`)."""
    key = store_state(store)
    with _LOCK:
        if key in _INDEXES:
            return _INDEXES[key]
    known = knowledge_for(store)
    merged: dict[str, tuple[Hit, list[str]]] = {}
    for graph, version in store.document_versions().items():
        for hit, tokens in document_entries(store, graph, version, known.lexicon):
            merged.setdefault(hit.uri, (hit, tokens))  # a department stated by each of its documents is one entry
    kept = _one_line_item_per_row({uri: hit for uri, (hit, _) in merged.items()})
    index = SearchIndex(list(kept.values()), known.lexicon, [merged[uri][1] for uri in kept])
    with _LOCK:
        for old in [k for k in _INDEXES if k[0] == key[0]] + list(_INDEXES)[:-8]:
            _INDEXES.pop(old, None)
        _INDEXES[key] = index
    return index


def document_entries(store: Store, graph: str, version: str, lexicon: Lexicon) -> list[tuple[Hit, list[str]]]:
    """The search entries one named graph holds, with their words: kept in memory and, for a store on
    disk, in the cache directory, under the graph's version, so only a document written since is read
    (its graph alone: joins inside one document, not across the union of all). A document's words are
    those of the lexicon when it was first indexed (a name learnt later still matches by its parts)."""
    slot = (graph, version)
    with _LOCK:
        if slot in _ENTRIES:
            return _ENTRIES[slot]
    entries = entries_cache.cached(
        "search", store, graph, version,
        lambda: [(hit, entry_tokens(hit, lexicon)) for hit in _read_document(store, graph)],
        encode=lambda found: [(dataclasses.asdict(hit), tokens) for hit, tokens in found],
        decode=lambda rows: [(Hit(**fields), tokens) for fields, tokens in rows])
    with _LOCK:
        if len(_ENTRIES) > 4 * _MAX_DOCUMENTS:  # entries of documents since replaced or removed go
            _ENTRIES.clear()
        _ENTRIES[slot] = entries
    return entries


_ENTRIES: dict[tuple[str, str], list[tuple[Hit, list[str]]]] = {}
_MAX_DOCUMENTS = 5000


def _read_document(store: Store, graph: str) -> list[Hit]:
    view = description(store, graph)  # the document with the shared statements it makes, alone
    # A line item is named by its code, labelled in the same document: looked up, not joined.
    codes = {str(r.c): f"{r.code} {r.label}" for r in view.query(queries.sparql(CODES), timeout=30)}
    merged: dict[str, Hit] = {}
    for r in view.query(queries.sparql(DOCS), timeout=30):
        uri = str(r.s)
        if uri not in merged:
            amount = round(float(r.amount.toPython()), 4) if r.amount is not None else None
            label, text = str(r.label), str(r.text) if r.text else None
            if r.c is not None and str(r.c) in codes:
                label = codes[str(r.c)]
            if r.kind is not None and str(r.kind) == "duty":  # a duty is named by its text, its organisation is context
                label, text = (text or "")[:60], f"{label}：{text}"
            unit = str(r.unit) if r.unit is not None else ("万元" if amount is not None else None)
            merged[uri] = Hit(uri, str(r.kind), label, text, amount, _str(r.doc), _str(r.dept),
                              int(r.year) if r.year is not None else None, unit)
    return list(merged.values())


def _str(term) -> str | None:
    return str(term) if term is not None else None


def _one_line_item_per_row(hits: dict[str, Hit]) -> dict[str, Hit]:
    """A table row is one observation per column, and tables repeat rows: keep one entry per code, document
    and department, the largest figure (a row's 合计 is never below one of its parts)."""
    best: dict[tuple, Hit] = {}
    for hit in hits.values():
        if hit.kind == "line_item":
            key = (hit.label, hit.doc, hit.department)
            if key not in best or (hit.amount or 0) > (best[key].amount or 0):
                best[key] = hit
    kept = {h.uri for h in best.values()}
    return {uri: h for uri, h in hits.items() if h.kind != "line_item" or uri in kept}


FACETS = ("type", "department", "year", "document")


def search(store: Store, query: str, limit: int = 20, offset: int = 0, filters: dict[str, str] | None = None) -> dict:
    """`{"query", "tokens", "total", "offset", "limit", "facets", "results": [{"type", "type_label", "label",
    "uri", "score", "value", "unit", "snippet", "source", "department", "year", "document"}]}`.

    One result per entity (entities of the same kind, name and department, such as a duty worded the
    same by two documents, are one result); `filters` narrow by the FACETS, whose counts are those of
    the results matching the query and the other filters."""
    index = index_for(store)
    known = knowledge_for(store)
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
    found, seen = [], set()
    for score, hit, name in index.ranked(query):
        same = (hit.kind, name, hit.department) if hit.kind != "line_item" else (hit.uri,)
        if same not in seen:
            seen.add(same)
            found.append(_Match(score, hit, known.documents.get(hit.doc or "")))
    # Facets count every match, but only the page is made into result rows (a common word matches thousands).
    facets = {name: _counts([m for m in found if m.matches(filters, skip=name)] if filters else found, name,
                            index.labels) for name in FACETS}
    matching = [m for m in found if m.matches(filters)] if filters else found
    return {"query": query, "tokens": index.lexicon.search_tokens(query), "total": len(matching), "offset": offset,
            "limit": limit, "filters": filters, "facets": facets,
            "results": [m.row(index.labels) for m in matching[offset:offset + limit]]}


@dataclass
class _Match:
    score: float
    hit: Hit
    info: object  # the DocInfo of the hit's document, or None

    def value(self, facet: str):
        hit, info = self.hit, self.info
        return {"type": hit.kind, "department": hit.department, "document": hit.doc,
                "year": hit.year or (info.year if info else None)}[facet]

    def label(self, facet: str, labels: dict[str, str]):
        if facet == "type":
            return TYPE_LABELS.get(self.hit.kind, self.hit.kind)
        if facet == "department":
            return labels.get(self.hit.department or "") or (self.info.department if self.info else None)
        if facet == "document":
            return self.info.label if self.info else None
        return self.value(facet)

    def matches(self, filters: dict[str, str], skip: str | None = None) -> bool:
        return all(str(self.value(name)) == value for name, value in filters.items() if name != skip)

    def row(self, labels: dict[str, str]) -> dict:
        hit = self.hit
        return {"type": hit.kind, "type_label": self.label("type", labels), "label": hit.label, "uri": hit.uri,
                "score": round(float(self.score), 3), "value": hit.amount, "unit": hit.unit,
                "snippet": (hit.text or "")[:120] or None, "source": self.label("document", labels),
                "document": hit.doc, "department": hit.department,
                "department_label": self.label("department", labels), "year": self.value("year")}


def _counts(matches: list[_Match], name: str, labels: dict[str, str]) -> list[dict]:
    """The values of a facet among `matches`, most frequent first, each with its label and count."""
    counts: dict[str, dict] = {}
    for m in matches:
        value = m.value(name)
        if value is None:
            continue
        slot = counts.get(str(value))
        if slot is None:
            label = m.label(name, labels)
            slot = counts[str(value)] = {"value": str(value), "label": str(label or value), "count": 0}
        slot["count"] += 1
    return sorted(counts.values(), key=lambda c: (-c["count"], c["label"]))
