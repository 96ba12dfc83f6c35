"""Keyword search: BM25 (rank-bm25) over every labelled entity of the store — programs (name and
performance target), departments, units (name and responsibilities), duties, indicators — tokenised
by jieba with the lexicon's user dictionary, so names like 12345热线 or 政务云 stay whole.

The index is built once per store state (`index_for`) and rebuilt when the store's graphs change.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from rank_bm25 import BM25Okapi

from graph_store.base import Store
from query_api import queries
from query_api.ask import knowledge_for, store_state
from query_api.lexicon import Lexicon, normalise

DOCS = """
SELECT DISTINCT ?s ?kind ?label ?text ?amount ?doc WHERE {{
  {{ ?s a {Program} ; {label} ?label . BIND("program" AS ?kind)
     OPTIONAL {{ ?s {target} ?text }}
     OPTIONAL {{ ?o {program} ?s ; {column} ?c ; {value} ?amount . FILTER(STR(?c) = "预算数") }}
     OPTIONAL {{ ?s {from} ?doc }} }}
  UNION {{ ?s a {Department} ; {label} ?label . BIND("department" AS ?kind) }}
  UNION {{ ?s a {InternalUnit} ; {label} ?label . BIND("internal_unit" AS ?kind)
           OPTIONAL {{ ?s {responsibilities} ?text }} OPTIONAL {{ ?s {from} ?doc }} }}
  UNION {{ ?s a {SubordinateUnit} ; {label} ?label . BIND("subordinate_unit" AS ?kind) }}
  UNION {{ ?org {purpose} ?s . ?s {text} ?text . ?org {label} ?label . BIND("duty" AS ?kind)
           OPTIONAL {{ ?s {from} ?doc }} }}
  UNION {{ ?s a {Indicator} ; {label} ?label . BIND("indicator" AS ?kind)
           OPTIONAL {{ ?s {program} ?p . ?p {label} ?text }} OPTIONAL {{ ?s {from} ?doc }} }}
}}
"""


TYPE_LABELS = {"program": "项目", "department": "部门", "internal_unit": "内设机构", "subordinate_unit": "下属单位",
               "duty": "职责", "indicator": "绩效指标"}


@dataclass
class Hit:
    uri: str
    kind: str
    label: str
    text: str | None
    amount: float | None
    doc: str | None


class SearchIndex:
    """BM25 over the entities' label + text tokens; one entry per entity."""

    def __init__(self, hits: list[Hit], lexicon: Lexicon):
        self.hits, self.lexicon = hits, lexicon
        # the name counts twice: an entity named by the words ranks above one that only mentions them
        corpus = [(2 * lexicon.search_tokens(h.label) + lexicon.search_tokens(h.text or "")) or ["∅"] for h in hits]
        self.bm25 = BM25Okapi(corpus) if corpus else None

    def search(self, query: str, limit: int = 20) -> list[tuple[float, Hit]]:
        words = []
        for token in self.lexicon.search_tokens(query):
            words.extend(self.lexicon.expand(token))
        if not words or self.bm25 is None:
            return []
        scores = self.bm25.get_scores(words)
        # BM25 favours short entries; one whose own name holds a query word (not just its context) comes first
        wanted = [w for w in words if len(w) > 1] or words
        ranked = sorted(((s * (2.0 if any(w in normalise(h.label) for w in wanted) else 1.0), h)
                         for s, h in zip(scores, self.hits, strict=True) if s > 0), key=lambda sh: -sh[0])
        return ranked[:limit]


_LOCK = threading.Lock()
_INDEXES: dict[tuple, SearchIndex] = {}


def index_for(store: Store) -> SearchIndex:
    """The cached index of `store`, rebuilt when its graphs change."""
    key = store_state(store)
    with _LOCK:
        if key in _INDEXES:
            return _INDEXES[key]
    known = knowledge_for(store)
    merged: dict[str, Hit] = {}
    for r in store.query(queries.sparql(DOCS), timeout=30):
        uri = str(r.s)
        if uri not in merged:
            amount = round(float(r.amount.toPython()), 4) if r.amount is not None else None
            label, text = str(r.label), str(r.text) if r.text else None
            if r.kind is not None and str(r.kind) == "duty":  # a duty is named by its text, its organisation is context
                label, text = (text or "")[:60], f"{label}：{text}"
            merged[uri] = Hit(uri, str(r.kind), label, text, amount, str(r.doc) if r.doc else None)
    index = SearchIndex(list(merged.values()), known.lexicon)
    with _LOCK:
        for old in [k for k in _INDEXES if k[0] == key[0]] + list(_INDEXES)[:-8]:
            _INDEXES.pop(old, None)
        _INDEXES[key] = index
    return index


def search(store: Store, query: str, limit: int = 20) -> dict:
    """`{"query", "tokens", "results": [{"type", "type_label", "label", "uri", "score", "value", "unit", "snippet", "source"}]}`."""
    index = index_for(store)
    known = knowledge_for(store)
    results = []
    for score, hit in index.search(query, limit):
        info = known.documents.get(hit.doc or "")
        snippet = (hit.text or "")[:120] or None
        results.append({"type": hit.kind, "type_label": TYPE_LABELS.get(hit.kind, hit.kind), "label": hit.label, "uri": hit.uri, "score": round(float(score), 3),
                        "value": hit.amount, "unit": "万元" if hit.amount is not None else None,
                        "snippet": snippet, "source": info.label if info else None})
    return {"query": query, "tokens": index.lexicon.search_tokens(query), "results": results}
