"""Keyword search: BM25 (an inverted index as a sparse matrix, scored per query word, not per entity;
query_api.search_index) over every labelled entity of the store — programs (name and
performance target), departments, units (name and responsibilities), duties, indicators — tokenised
by jieba with the lexicon's user dictionary, so names like 12345热线 or 政务云 stay whole.

The index is made per store generation (`index_for`) by merging the entries of the documents written since
into the table of the state before (and dropping those of the documents removed); each document's entries
are read once per version, so a server starting on an indexed store reads none.
"""

from __future__ import annotations

import logging
import secrets
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from graph_store.base import Store
from graph_store.shared import description
from query_api import entries_cache
from query_api.ask import knowledge_for, one_state, store_state
from query_api.lexicon import Lexicon
from query_api.search_entries import Hit, hits_of
from query_api.search_index import FACETS, Derived, Table
from query_api.search_rows import Rows
from query_api.search_select import FACET_VALUES, Facet, Facets, Groups, Names, Scorer, best_first
from query_api.search_words import Kept, KeptWords
from query_api.state_cache import StateCache

_log = logging.getLogger(__name__)

__all__ = ["FACETS", "FACET_VALUES", "Hit", "SearchIndex", "index_for", "search"]

TYPE_LABELS = {"program": "项目", "department": "部门", "internal_unit": "内设机构", "subordinate_unit": "下属单位",
               "duty": "职责", "indicator": "绩效指标", "line_item": "科目金额", "fact": "数据"}


class SearchIndex:
    """BM25 over the entities' label + text tokens; one entry per entity (search_index.Derived: the arrays
    made of the store's table of entries, merged per document changed).

    Everything a search does besides scoring is done on those arrays, so that a query costs numpy
    operations over its matches, not Python per match: the entry's group (entries of the same kind, name
    and department are one result), and for each facet its value as an integer code."""

    def __init__(self, derived: Derived, lexicon: Lexicon, documents: dict, rows: Rows):
        self.derived, self.lexicon, self.documents, self._rows = derived, lexicon, documents, rows
        self.group = derived.group
        self.facets = {name: Facet([
            (value, str(_facet_label(name, value, documents.get(doc or ""), self.label) or value))
            for value, doc in derived.facet_values[name]]) for name in FACETS}
        self.groups, self.names = Groups(self.group), Names(derived, len(self.group))
        self.scorer = Scorer(derived)
        self.counted = Facets(self.facets, derived.cells, derived.cell_of).counted

    @classmethod
    def of_hits(cls, hits: list[Hit], lexicon: Lexicon, documents: dict | None = None) -> SearchIndex:
        """The index of `hits` alone, held in memory (one document of its own)."""
        rows = Rows()
        table = Table().merged({"": ""}, lambda *_: [(h, entry_tokens(h, lexicon)) for h in hits], documents or {},
                               rows)
        return cls(table.derived(), lexicon, documents or {}, rows)

    def label(self, uri: str | None) -> str | None:
        entry = self.lexicon.by_uri.get(uri or "")
        return entry.label if entry is not None else None

    def __len__(self) -> int:
        return len(self.group)

    def hit(self, position: int) -> Hit:
        """The entry at `position`, read from the rows (the index holds arrays, not an object per entity)."""
        return self.hits([position])[0]

    def hits(self, positions) -> list[Hit]:
        """The entries at `positions`, in one read of the rows."""
        return self._rows.get_many([self.derived.row_of(int(i)) for i in positions]) if len(positions) else []

    def matches(self, query: str, tokens: list[str] | None = None) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """The positions (in `hits`) of every match, in the index's order, their scores, and the query's common
        words (search_select.Scorer: they rank the matches of its other words and add none). `tokens`: the
        query's search tokens, when the caller has cut them."""
        words = []
        for token in self.lexicon.search_tokens(query) if tokens is None else tokens:
            # what a word abbreviates is looked for (in every document's texts) only when no entry holds the
            # word: a word entries hold finds them, and a question's many common words cost no scan each
            words.extend(self.lexicon.expand(token, abbreviations=not self.derived.holds(token)))
        if not words:
            return np.zeros(0, dtype=np.int64), np.zeros(0), []
        found, score, common = self.scorer.matched(words)
        # BM25 favours short entries; one whose own name holds a query word (not just its context) comes first
        wanted = [w for w in words if len(w) > 1] or words
        score[self.names.holding(dict.fromkeys(wanted))[found]] *= 2.0
        return found, score, common

    def ranked(self, query: str) -> tuple[np.ndarray, np.ndarray]:
        """The positions (in `hits`) of every match, best first (equal scores in the index's order), and their
        scores."""
        found, score, _ = self.matches(query)
        order = np.argsort(-score, kind="stable")
        return found[order], score[order]


def _facet_label(name: str, value, info, label):
    """What a facet's value is shown as: `info` the value's document, `label` the lexicon's label of a URI."""
    if name == "type":
        return TYPE_LABELS.get(value, value)
    if name == "department":
        return label(value) or (info.department if info else None)
    if name == "document":
        return info.label if info else None
    return value


def entry_tokens(hit: Hit, lexicon: Lexicon, cut=None) -> list[str]:
    """The words an entry is found by. `cut`: the lexicon's search_tokens, or a memo of it (a document's
    figures repeat the same table names and item labels hundreds of times)."""
    cut = cut or lexicon.search_tokens
    # the name counts twice: an entity named by the words ranks above one that only mentions them
    return (2 * cut(hit.label) + cut(hit.text or "")) or ["∅"]


def _memo(lexicon: Lexicon, most: int = 200_000):
    """The lexicon's search_tokens of a text, each text and each of jieba's blocks cut once."""
    known: dict[str, list[str]] = {}
    blocks: dict[str, list[str]] = {}

    def memo(text: str) -> list[str]:
        found = known.get(text)
        if found is None:
            if len(known) >= most or len(blocks) >= most:  # a server indexing a whole store at once keeps
                known.clear()  # no more than ~100 MB of them
                blocks.clear()
            found = known[text] = lexicon.search_tokens(text, blocks)
        return found
    return memo


READERS = 4  # documents read at once when an index is made (govkg serve runs 4 query workers)
_LOCK = threading.Lock()
_INDEXES: StateCache[SearchIndex] = StateCache()
_TABLES: dict[object, Table] = {}  # store token → the table of its last state, that a next one is merged from
_ROWS: dict[object, Rows] = {}  # the rows of a store in memory (its token), or of a cache directory on disk


def index_for(store: Store, kept: Kept | None = None) -> SearchIndex:
    """The cached index of `store`, made again when its generation changes by merging the documents
    written or removed since into the table of a state before (in memory, or saved: `_base`); for a store
    on disk saved under its graphs' versions, so a server starting again loads it. `kept`: where the words of
    documents' entries are kept beside their records (`govkg ingest`: search_words)."""
    key = store_state(store)
    return _INDEXES.get(key, lambda: _index(store, key[0], kept))


def _index(store: Store, token, kept: Kept | None = None) -> SearchIndex:
    known = knowledge_for(store)
    versions = store.document_versions()  # each read with its shared statements
    rows = _rows_of(store)
    saved = entries_cache.merged_path("search", versions) if store.persistent else None
    loaded = entries_cache.load_merged(saved, parts=3) if saved is not None else None
    derived = entries_cache.last_part(loaded, 3, Derived)
    if derived is None:
        table = _made(store, versions, known, rows, _base(store, token, versions), kept)
        derived = table.derived()
        if saved is not None:  # the versions, what a change merges into (small), then what a server loads
            entries_cache.save_merged(saved, ((entries_cache.code(), versions), _stored(table, versions), derived))
        with _LOCK:
            _TABLES.pop(token, None)
            for old in list(_TABLES)[:-3]:  # ~100 MB a table at 1,000 documents
                _TABLES.pop(old, None)
            _TABLES[token] = table
    return SearchIndex(derived, known.lexicon, known.documents, rows)


def keep_hits(store: Store, written: list[tuple[str, str, list[str]]]) -> None:
    """Keep the entries (`hits_of`, as `search_rows.entry_texts`) of each (graph, version, texts) written, as
    `document_hits` would once read."""
    _rows_of(store).add_texts(written)


def _rows_of(store: Store) -> Rows:
    where = entries_cache.cache_dir() / "search-rows.sqlite" if store.persistent else store_state(store)[0]
    with _LOCK:
        if where not in _ROWS:
            _ROWS[where] = _opened(where) if store.persistent else Rows(None)
        return _ROWS[where]


def _opened(file) -> Rows:
    """The rows kept in `file`, or in memory when the cache directory cannot be written (a read-only home, a
    full disk): search is then only slower to prepare, as with the other caches, never an error."""
    rows = Rows(file)
    try:
        rows.holds("", "")  # opens (and makes) the file now rather than on a user's first search
    except (OSError, sqlite3.Error) as exc:
        _log.warning("search rows kept in memory: cannot write %s (%s)", file, exc)
        return Rows(None)
    return rows


# A change saves the entries it adds beyond the table last saved whole (a segment, as Lucene's); the whole table
# (59 MB at 1,000 documents, 0.3 s to save) is saved again only when the entries added and dropped since pass
# this share of it, so a change costs what it adds, and the table a change merges into is one base and a delta.
REBASE_SHARE = 0.1


def _stored(table: Table, versions: dict[str, str]) -> Table:
    """What the saved state of `table` keeps to merge a later change into: its entries beyond its base (the
    table saved whole last), or, when there is none or those have grown past REBASE_SHARE of it, the table
    saved whole now, as the base of the next ones (and then an empty delta)."""
    base = table.base
    if base is not None and not base.outgrown(len(table) - base.entries, REBASE_SHARE) and _base_file(base).is_file():
        return table.delta()
    # a name of its own per save: two processes saving the same state may number its words differently, and a
    # delta must be joined to the very table it was cut from
    whole = entries_cache.merged_dir() / f"{TABLES}-{secrets.token_hex(16)}.pickle"
    table.based_on(whole.name)
    entries_cache.save_merged(whole, ((entries_cache.code(), versions), table))
    return table.delta()


TABLES = "searchtable"  # the kind of the tables saved whole (`_stored`)


def _base_file(base) -> Path:
    return entries_cache.merged_dir() / base.name


def _base(store: Store, token, versions: dict[str, str]) -> Table:
    """The table that holds the most of the documents at `versions` (the state before a change), from
    memory or from the saved states (each file begins with the versions it holds: its delta is joined to the
    table saved whole it was cut from); an empty one if none."""
    with _LOCK:
        candidates = [(t.shared_with(versions), t) for t in [_TABLES.get(token)] if t is not None]
    if store.persistent:
        for file, held in entries_cache.saved_states("search", entries_cache.code()):
            candidates.append((Table(versions=held).shared_with(versions), file))
    for shared, found in sorted(candidates, key=lambda c: c[0], reverse=True):
        if shared == 0:
            break
        table = found if isinstance(found, Table) else _joined(found)
        if table is not None:
            return table
    return Table()


def _joined(file: Path) -> Table | None:
    """The table of the saved state `file`: its delta joined to its base; None when either cannot be read."""
    loaded = entries_cache.load_merged(file, parts=2)  # not the arrays a server reads, after it
    delta = entries_cache.last_part(loaded, 2, Table)
    if delta is None or delta.base is None:
        return None
    base = entries_cache.last_part(entries_cache.load_merged(_base_file(delta.base)), 2, Table)
    return base.joined(delta) if base is not None else None


def _made(store: Store, versions: dict[str, str], known, rows: Rows, base: Table, kept: Kept | None = None) -> Table:
    """`base` with the documents removed since gone and those written since added, their entries read from
    the store only for documents not read before."""
    added = base.added(versions)
    # one memo of the words for every document added: documents repeat one another's table names, item and
    # classification labels (the same lexicon cuts the same text the same)
    cut = _memo(known.lexicon)
    words = KeptWords(kept, known.lexicon) if kept is not None and added else None
    # Documents not read before are read a few at once: one's query runs (in a query worker) while
    # another's words are cut.
    with ThreadPoolExecutor(READERS) as pool:
        fetched = dict(zip(added, pool.map(lambda gv: document_entries(store, *gv, known.lexicon, cut, words), added),
                           strict=True))
    return base.merged(versions, lambda g, v: fetched.pop((g, v)), known.documents, rows)


def document_entries(store: Store, graph: str, version: str, lexicon: Lexicon,
                     cut, words: KeptWords | None = None) -> list[tuple[Hit, list[str]]]:
    """The search entries one named graph holds, with their words: the entries kept once per version in the
    rows (`document_hits`), their words kept, for a store on disk, in the cache directory (else in memory),
    so only a document written since is read (its graph alone: joins inside one document, not across the
    union of all). A document's words are those of the lexicon when it was first indexed (a name learnt
    later still matches by its parts). `cut`: a memo of the lexicon's search_tokens shared by several documents;
    `words`: the words kept beside the documents' records, read or kept there (search_words)."""
    slot = (graph, version)
    with _LOCK:
        if slot in _ENTRIES:
            return _ENTRIES[slot]
    hits = document_hits(store, graph, version)
    made = lambda: [entry_tokens(hit, lexicon, cut) for hit in hits]  # noqa: E731
    if words is not None:
        made = lambda: words.of(hits, lambda hit: entry_tokens(hit, lexicon, cut))  # noqa: E731
    entries = list(zip(hits, entries_cache.cached("words", store, graph, version, made), strict=True))
    if store.persistent:  # kept in its file: a server holds no entries of documents it has indexed
        return entries
    with _LOCK:
        if len(_ENTRIES) > 4 * _MAX_DOCUMENTS:  # entries of documents since replaced or removed go
            _ENTRIES.clear()
        _ENTRIES[slot] = entries
    return entries


_ENTRIES: dict[tuple[str, str], list[tuple[Hit, list[str]]]] = {}
_MAX_DOCUMENTS = 5000


def document_hits(store: Store, graph: str, version: str) -> list[Hit]:
    """The entries of one version of one document before their words are cut (which needs the lexicon of
    the whole store): kept once, in the rows a page reads them from (search_rows.Rows), so that
    `query_api.prepare` reads each new document once for the lexicon and the search both."""
    rows = _rows_of(store)
    hits = rows.hits(graph, version)
    if hits is None:
        hits = hits_of(description(store, graph))
        rows.add(graph, version, hits)
    return hits


def with_hits(store: Store, versions: dict[str, str]) -> set[str]:
    """The graphs of `versions` whose entries are kept at their version."""
    return _rows_of(store).held(versions)


def search(store: Store, query: str, limit: int = 20, offset: int = 0, filters: dict[str, str] | None = None) -> dict:
    """`{"query", "tokens", "common", "total", "offset", "limit", "facets", "results": [{"type", "type_label",
    "label", "uri", "score", "value", "unit", "snippet", "source", "department", "year", "document"}]}`.

    The results are the entities holding one of the query's informative words, scored by all its words: a
    common word (search_select.COMMON_SHARE; listed in `common`) only ranks them, and a query of common words
    alone matches by every word; `total` and the facets count those results. One result per entity (entities
    of the same kind, name and department, such as a duty worded the same by two documents, are one result);
    `filters` narrow by the FACETS, whose counts are those of the results matching the query and the other
    filters (the FACET_VALUES most frequent values of each)."""
    with one_state(store):  # one look at the store's state for the index and every word's synonyms
        return _search(index_for(store), query, limit, offset, filters)


def _search(index: SearchIndex, query: str, limit: int, offset: int, filters: dict[str, str] | None) -> dict:
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
    tokens = index.lexicon.search_tokens(query)
    found, score, common = index.matches(query, tokens)
    best = index.groups.best(found, score)  # one result per group: its best-ranked entry
    positions, scores = found[best], score[best]
    facets, passing = index.counted(positions, filters)
    if passing is not None:
        positions, scores = positions[passing], scores[passing]
    page = best_first(scores, offset + limit)[offset:]  # only the page is ordered and made into result rows
    return {"query": query, "tokens": tokens, "common": common, "total": len(positions), "offset": offset, "limit": limit,
            "filters": filters, "facets": facets,
            "results": [_row(index, hit, float(scores[j])) for j, hit in zip(page, index.hits(positions[page]), strict=True)]}


def _row(index: SearchIndex, hit: Hit, score: float) -> dict:
    info = index.documents.get(hit.doc or "")
    return {"type": hit.kind, "type_label": TYPE_LABELS.get(hit.kind, hit.kind), "label": hit.label, "uri": hit.uri,
            "score": round(score, 3), "value": hit.amount, "unit": hit.unit,
            "snippet": (hit.text or "")[:120] or None, "source": info.label if info else None,
            "document": hit.doc, "department": hit.department,
            "department_label": _facet_label("department", hit.department, info, index.label),
            "year": hit.year or (info.year if info else None)}
