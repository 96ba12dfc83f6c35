"""Keyword search: BM25 (bm25s: an inverted index as a sparse matrix, scored per query word, not per entity) over every labelled entity of the store — programs (name and
performance target), departments, units (name and responsibilities), duties, indicators — tokenised
by jieba with the lexicon's user dictionary, so names like 12345热线 or 政务云 stay whole.

The index is made per store generation (`index_for`) from entries read per document and kept under the
document graph's version (in memory, and on disk beside other caches for a store on disk): a change
re-reads only the documents written, and a server starting on an indexed store reads none.
"""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import bm25s
import numpy as np

from graph_store.base import Store
from graph_store.shared import description
from query_api import entries_cache
from query_api.ask import knowledge_for, store_state
from query_api.lexicon import Lexicon, normalise
from query_api.search_entries import Hit, hits_of

__all__ = ["Hit", "SearchIndex", "index_for", "search"]

TYPE_LABELS = {"program": "项目", "department": "部门", "internal_unit": "内设机构", "subordinate_unit": "下属单位",
               "duty": "职责", "indicator": "绩效指标", "line_item": "科目金额", "fact": "数据"}


class SearchIndex:
    """BM25 over the entities' label + text tokens; one entry per entity. `tokens[i]` are the words of
    `hits[i]` (computed per document, see `document_entries`).

    Everything a search does besides scoring is done on arrays made here, once per store state, so that a
    query costs numpy operations over its matches, not Python per match: the entry's group (entries of the
    same kind, name and department are one result), and for each facet its value as an integer code."""

    def __init__(self, hits: list[Hit], lexicon: Lexicon, tokens: list[list[str]] | None = None,
                 documents: dict | None = None):
        self.lexicon = lexicon
        self._hits: list[Hit] | None = hits  # or, loaded from its file, `_rows` read as a page shows them
        self._rows: entries_cache.SavedRows | None = None
        self.labels = {e.uri: e.label for e in lexicon.entries}  # once here, not per request
        names = [normalise(h.label) for h in hits]
        # every name in one array of characters, each entry's at its offset, and the positions of each
        # character: a word is found in all names from the places of its first character (numpy over
        # those), not by testing each name (a fixed-width array as wide as the longest name, 70 ms a word
        # at 135 k entries)
        self._chars = np.frombuffer("\n".join(names).encode("utf-32-le"), dtype=np.uint32)
        self._offsets = np.cumsum([0] + [len(n) + 1 for n in names[:-1]], dtype=np.int64)
        self._by_char = np.argsort(self._chars, kind="stable").astype(np.int64)
        self._char_keys, firsts = np.unique(self._chars[self._by_char], return_index=True)
        self._char_bounds = np.append(firsts, len(self._chars))
        corpus = tokens if tokens is not None else [entry_tokens(h, lexicon) for h in hits]
        self.bm25 = None
        if corpus:
            # Lucene's IDF, log(1 + …), stays positive for a word most entries hold (Robertson's goes negative).
            self.bm25 = bm25s.BM25(method="lucene")
            self.bm25.index(corpus, show_progress=False)
        groups: dict[tuple, int] = {}
        self.group = np.array([groups.setdefault((h.kind, name, h.department) if h.kind != "line_item" else (h.uri,),
                                                 len(groups)) for h, name in zip(hits, names, strict=True)],
                              dtype=np.int64)
        self.documents = documents or {}
        self.facets = {name: _Facet(name, hits, self.labels, self.documents) for name in FACETS}

    def __getstate__(self) -> dict:
        # saved without the lexicon (given back on loading) and the entries (saved as rows beside)
        return {**self.__dict__, "lexicon": None, "_hits": None, "_rows": None}

    def __len__(self) -> int:
        return len(self.group)

    def hit(self, position: int) -> Hit:
        """The entry at `position` (from memory, or read from the saved index's rows)."""
        if self._hits is not None:
            return self._hits[position]
        return Hit(**json.loads(self._rows[position]))

    def save(self, file) -> SearchIndex:
        """Save to `file` (entries_cache.save_with_rows) and read the entries from there from now on: a
        server holds the arrays a search needs, not an object per entity."""
        entries_cache.save_with_rows(file, self, (json.dumps(vars(h), ensure_ascii=False) for h in self._hits))
        saved = entries_cache.load_with_rows(file)
        if saved is not None:
            self._rows, self._hits = saved[1], None
        return self

    def ranked(self, query: str) -> tuple[np.ndarray, np.ndarray]:
        """The positions (in `hits`) of every match, best first, and their scores."""
        if self.bm25 is None:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        words, held = [], self.bm25.vocab_dict
        for token in self.lexicon.search_tokens(query):
            # what a word abbreviates is looked for (in every document's texts) only when no entry holds the
            # word: a word entries hold finds them, and a question's many common words cost no scan each
            words.extend(self.lexicon.expand(token, abbreviations=token not in held))
        if not words:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        scores = self._scores(words)
        found = np.flatnonzero(scores > 0)  # only the matches
        score = scores[found].astype(np.float64)
        # BM25 favours short entries; one whose own name holds a query word (not just its context) comes first
        wanted = [w for w in words if len(w) > 1] or words
        named = np.isin(found, self._naming(dict.fromkeys(wanted)))
        score[named] *= 2.0
        order = np.argsort(-score, kind="stable")  # equal scores keep the index's order
        return found[order], score[order]

    def _scores(self, words: list[str]) -> np.ndarray:
        """bm25s's scores of every entry for `words` (BM25.get_scores), each word's column added by fancy
        indexing (an entry is once in a column), not np.add.at, which is ten times slower: same sums."""
        index = self.bm25.scores
        data, indices, indptr = index["data"], index["indices"], index["indptr"]
        scores = np.zeros(index["num_docs"], dtype=np.dtype(self.bm25.dtype))
        ids = self.bm25.get_tokens_ids(words)
        for token in ids:
            scores[indices[indptr[token]:indptr[token + 1]]] += data[indptr[token]:indptr[token + 1]]
        if self.bm25.nonoccurrence_array is not None:  # BM25L and BM25+ only; ours is Lucene's
            scores += self.bm25.nonoccurrence_array[ids].sum()
        return scores

    def _naming(self, words) -> np.ndarray:
        """The positions of the entries whose name holds one of `words` (names hold no line break)."""
        starts = [np.zeros(0, np.int64)]
        for word in words:
            codes = np.frombuffer(word.encode("utf-32-le"), dtype=np.uint32)
            k = int(np.searchsorted(self._char_keys, codes[0])) if len(codes) and "\n" not in word else -1
            if k < 0 or k >= len(self._char_keys) or self._char_keys[k] != codes[0]:
                continue
            places = self._by_char[self._char_bounds[k]:self._char_bounds[k + 1]]
            places = places[places + len(codes) <= len(self._chars)]
            for i in range(1, len(codes)):
                places = places[self._chars[places + i] == codes[i]]
            starts.append(places)
        return np.unique(np.searchsorted(self._offsets, np.concatenate(starts), side="right") - 1)

    def search(self, query: str, limit: int = 20) -> list[tuple[float, Hit]]:
        positions, scores = self.ranked(query)
        return [(float(score), self.hit(int(i))) for score, i in zip(scores[:limit], positions[:limit], strict=True)]


class _Facet:
    """One facet's value for every entry, as an integer code (-1: none), with each code's value and label."""

    def __init__(self, name: str, hits: list[Hit], labels: dict[str, str], documents: dict):
        codes: dict[str, int] = {}
        self.values: list[tuple[str, str]] = []  # code -> (value, label)
        column = []
        for hit in hits:
            info = documents.get(hit.doc or "")
            value = {"type": hit.kind, "department": hit.department, "document": hit.doc,
                     "year": hit.year or (info.year if info else None)}[name]
            if value is None:
                column.append(-1)
                continue
            code = codes.get(str(value))
            if code is None:
                code = codes[str(value)] = len(self.values)
                self.values.append((str(value), str(_facet_label(name, value, hit, info, labels) or value)))
            column.append(code)
        self.codes, self.code_of = np.array(column, dtype=np.int64), codes
        labels_order = sorted(range(len(self.values)), key=lambda c: self.values[c][1])
        self.label_rank = np.empty(len(self.values), dtype=np.int64)
        self.label_rank[labels_order] = np.arange(len(self.values))

    def counts(self, positions: np.ndarray) -> list[dict]:
        """The facet's values among the entries at `positions`, most frequent first, each with its label and count."""
        codes = self.codes[positions]
        counts = np.bincount(codes[codes >= 0], minlength=len(self.values))
        present = np.flatnonzero(counts)
        best = present[np.lexsort((self.label_rank[present], -counts[present]))][:FACET_VALUES]
        return [{"value": self.values[c][0], "label": self.values[c][1], "count": int(counts[c])} for c in best]

    def mask(self, positions: np.ndarray, value: str) -> np.ndarray:
        code = self.code_of.get(value)
        return self.codes[positions] == code if code is not None else np.zeros(len(positions), dtype=bool)


def _facet_label(name: str, value, hit: Hit, info, labels: dict[str, str]):
    if name == "type":
        return TYPE_LABELS.get(hit.kind, hit.kind)
    if name == "department":
        return labels.get(hit.department or "") or (info.department if info else None)
    if name == "document":
        return info.label if info else None
    return value


def entry_tokens(hit: Hit, lexicon: Lexicon, cut=None) -> list[str]:
    """The words an entry is found by. `cut`: the lexicon's search_tokens, or a memo of it (a document's
    figures repeat the same table names and item labels hundreds of times)."""
    cut = cut or lexicon.search_tokens
    # the name counts twice: an entity named by the words ranks above one that only mentions them
    return (2 * cut(hit.label) + cut(hit.text or "")) or ["∅"]


def _memo(cut):
    known: dict[str, list[str]] = {}

    def memo(text: str) -> list[str]:
        found = known.get(text)
        if found is None:
            found = known[text] = cut(text)
        return found
    return memo


READERS = 4  # documents read at once when an index is made (govkg serve runs 4 query workers)
_LOCK = threading.Lock()
_INDEXES: dict[tuple, SearchIndex] = {}


def index_for(store: Store) -> SearchIndex:
    """The cached index of `store`, made again when its generation changes from the entries of each
    document, which are read from the store only for documents written since (see `document_entries`);
    for a store on disk, saved under its graphs' versions, so a server starting again loads it."""
    key = store_state(store)
    with _LOCK:
        if key in _INDEXES:
            return _INDEXES[key]
    known = knowledge_for(store)
    versions = store.document_versions()  # each read with its shared statements
    saved = entries_cache.merged_path("search", versions, ".sqlite") if store.persistent else None
    loaded = entries_cache.load_with_rows(saved) if saved is not None else None
    if loaded is not None and isinstance(loaded[0], SearchIndex):  # loaded, not made again
        index, index._rows, index.lexicon = loaded[0], loaded[1], known.lexicon
    else:
        index = _made(store, versions, known)
        if saved is not None:
            index.save(saved)
    with _LOCK:
        for old in [k for k in _INDEXES if k[0] == key[0]] + list(_INDEXES)[:-8]:
            _INDEXES.pop(old, None)
        _INDEXES[key] = index
    return index


def _made(store: Store, versions: dict[str, str], known) -> SearchIndex:
    """The index of the store from each document's entries (read from the store only for documents new
    since they were last kept)."""
    merged: dict[str, tuple[Hit, list[str]]] = {}
    # Documents not read before are read a few at once: one's query runs (in a query worker) while
    # another's words are cut. In the store's order, as before.
    with ThreadPoolExecutor(READERS) as pool:
        for entries in pool.map(lambda gv: document_entries(store, *gv, known.lexicon), versions.items()):
            for hit, tokens in entries:
                merged.setdefault(hit.uri, (hit, tokens))  # a department stated by each of its documents is one entry
    kept = _one_line_item_per_row({uri: hit for uri, (hit, _) in merged.items()})
    return SearchIndex(list(kept.values()), known.lexicon, [merged[uri][1] for uri in kept], known.documents)


def document_entries(store: Store, graph: str, version: str, lexicon: Lexicon) -> list[tuple[Hit, list[str]]]:
    """The search entries one named graph holds, with their words: kept, for a store on disk, in the cache
    directory (else in memory), under the graph's version, so only a document written since is read
    (its graph alone: joins inside one document, not across the union of all). A document's words are
    those of the lexicon when it was first indexed (a name learnt later still matches by its parts)."""
    slot = (graph, version)
    with _LOCK:
        if slot in _ENTRIES:
            return _ENTRIES[slot]
    entries = entries_cache.cached(
        "search", store, graph, version,
        lambda: _entries_of(document_hits(store, graph, version), lexicon),
        encode=lambda found: [(vars(hit), tokens) for hit, tokens in found],
        decode=lambda rows: [(Hit(**fields), tokens) for fields, tokens in rows])
    if store.persistent:  # kept in its file: a server holds no entries of documents it has indexed
        return entries
    with _LOCK:
        if len(_ENTRIES) > 4 * _MAX_DOCUMENTS:  # entries of documents since replaced or removed go
            _ENTRIES.clear()
        _ENTRIES[slot] = entries
    return entries


def _entries_of(hits: list[Hit], lexicon: Lexicon) -> list[tuple[Hit, list[str]]]:
    cut = _memo(lexicon.search_tokens)
    return [(hit, entry_tokens(hit, lexicon, cut)) for hit in hits]


_ENTRIES: dict[tuple[str, str], list[tuple[Hit, list[str]]]] = {}
_MAX_DOCUMENTS = 5000


def document_hits(store: Store, graph: str, version: str, view=None) -> list[Hit]:
    """The entries of one version of one document before their words are cut (which needs the lexicon of
    the whole store): kept under the version for a store on disk, so that `query_api.prepare` reads each
    new document once for the lexicon and the search both. `view`: the document's description, if read."""
    return entries_cache.cached("hits", store, graph, version,
                                lambda: hits_of(view if view is not None else description(store, graph)),
                                encode=lambda hits: [vars(hit) for hit in hits],
                                decode=lambda rows: [Hit(**fields) for fields in rows])


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
FACET_VALUES = 30  # values listed per facet, most frequent first (the page shows 12; a city has hundreds of documents)


def search(store: Store, query: str, limit: int = 20, offset: int = 0, filters: dict[str, str] | None = None) -> dict:
    """`{"query", "tokens", "total", "offset", "limit", "facets", "results": [{"type", "type_label", "label",
    "uri", "score", "value", "unit", "snippet", "source", "department", "year", "document"}]}`.

    One result per entity (entities of the same kind, name and department, such as a duty worded the
    same by two documents, are one result); `filters` narrow by the FACETS, whose counts are those of
    the results matching the query and the other filters (the FACET_VALUES most frequent values of each)."""
    index = index_for(store)
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
    positions, scores = index.ranked(query)
    _, first = np.unique(index.group[positions], return_index=True)  # the best-ranked entry of each group
    kept = np.sort(first)
    positions, scores = positions[kept], scores[kept]
    masks = {name: index.facets[name].mask(positions, value) for name, value in filters.items()}

    def matching(skip: str | None = None) -> np.ndarray:
        mask = np.ones(len(positions), dtype=bool)
        for name, m in masks.items():
            if name != skip:
                mask &= m
        return mask

    facets = {name: index.facets[name].counts(positions[matching(name)]) for name in FACETS}
    mask = matching()
    page = slice(offset, offset + limit)  # only the page is made into result rows
    return {"query": query, "tokens": index.lexicon.search_tokens(query), "total": int(mask.sum()), "offset": offset,
            "limit": limit, "filters": filters, "facets": facets,
            "results": [_row(index, int(i), float(score))
                        for score, i in zip(scores[mask][page], positions[mask][page], strict=True)]}


def _row(index: SearchIndex, i: int, score: float) -> dict:
    hit = index.hit(i)
    info = index.documents.get(hit.doc or "")
    return {"type": hit.kind, "type_label": TYPE_LABELS.get(hit.kind, hit.kind), "label": hit.label, "uri": hit.uri,
            "score": round(score, 3), "value": hit.amount, "unit": hit.unit,
            "snippet": (hit.text or "")[:120] or None, "source": info.label if info else None,
            "document": hit.doc, "department": hit.department,
            "department_label": _facet_label("department", None, hit, info, index.labels),
            "year": hit.year or (info.year if info else None)}
