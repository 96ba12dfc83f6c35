"""The topic index of a store (`topics.TopicIndex`), kept per store state and merged per document.

Each document's texts (program names, targets and descriptions, duties, responsibilities, organisations'
names) are read once per document version from its description — its graph with the shared statements it
makes — and kept under that version (`entries_cache`). The index of a store state is saved under the
versions of every document (`entries_cache.merged_path`); a change is merged into the saved state that
holds the most of them: the texts of the documents removed are taken away and those of the documents
written added, and only the clauses, names and groups of names that change are made again, instead of
the whole index from every text of the store.
"""

from __future__ import annotations

from collections import Counter

from graph_store.shared import description
from query_api import entries_cache
from query_api.state_cache import StateCache
from query_api.topics import INDEX_FORMAT, TopicIndex, fine_words

TEXTS_FORMAT = "6"  # raised when TEXTS reads other texts: what is kept per document version is read anew
# Read a page at a time, in a stable order (ORDER BY inside the sub-select: Virtuoso sorts only its row cap
# when the ORDER BY carries the OFFSET), should a document hold more texts than a server answers at once.
TEXTS = """
SELECT ?text WHERE {{ {{ SELECT DISTINCT ?text WHERE {{
  {{ ?s a {Program} ; {label} ?text }} UNION {{ ?s a {Program} ; {target} ?text }}
  UNION {{ ?s a {Program} ; gk:description ?text }} UNION {{ ?org {purpose} ?d . ?d {text} ?text }}
  UNION {{ ?u {responsibilities} ?text }} UNION {{ ?o a {Department} ; {label} ?text }}
  UNION {{ ?o a {InternalUnit} ; {label} ?text }} UNION {{ ?o a {SubordinateUnit} ; {label} ?text }}
}} ORDER BY ?text }} }} LIMIT {rows} OFFSET {start}
"""
TEXTS_PAGE = 10_000
KIND = f"topics{TEXTS_FORMAT}"
# the saved states' kind: (the code and versions, the index), the header read alone
STATES = f"topicstates{INDEX_FORMAT}"

_INDEXES: StateCache[TopicIndex] = StateCache()


def texts_of(store, graph: str, version: str) -> list[str]:
    """The texts of one version of one document, read from its description once (kept under the version)."""
    return entries_cache.cached(KIND, store, graph, version, lambda: texts(description(store, graph), graph))


def texts(view, graph: str) -> list[str]:
    """The texts of one document's description (`view`), a page at a time."""
    from query_api import queries

    out: list[str] = []
    while True:
        page = [str(r.text) for r in view.query(queries.sparql(TEXTS, rows=str(TEXTS_PAGE), start=str(len(out))),
                                                 default_graph_uris=[graph], timeout=30)]
        out += page
        if len(page) < TEXTS_PAGE:
            return out


def document_texts(store, versions: dict[str, str] | None = None) -> dict[str, list[str]]:
    """The texts of each document of `store` (or of those at `versions`), by document graph."""
    return entries_cache.cached_each(KIND, store, texts_of, versions)


def index_for(store, lexicon) -> TopicIndex:
    """The TopicIndex of `store` in its present state, made once per store state (and saved under its
    documents' versions for a store on disk, so that a server starting again loads it)."""
    from query_api.ask import store_state

    return _INDEXES.get(store_state(store), lambda: _made(store, lexicon))


def _made(store, lexicon) -> TopicIndex:
    tokenize = lambda text: fine_words(text, lexicon.tokenizer)  # noqa: E731
    versions = store.document_versions()
    saved = entries_cache.merged_path(STATES, versions) if store.persistent else None
    loaded = entries_cache.load_merged(saved) if saved is not None else None
    if _is_state(loaded):  # made by whoever first saw the store at these versions
        loaded[1].tokenize_with(tokenize)
        return loaded[1]
    index, held, removed = _base(store, versions, tokenize)
    added = {g: v for g, v in versions.items() if held.get(g) != v}
    texts = Counter(t for graph_texts in document_texts(store, added).values() for t in set(graph_texts))
    index = index.changed(texts, removed, lexicon.entries, lexicon.user_words())
    if saved is not None:
        entries_cache.save_merged(saved, ((entries_cache.code(), versions), index))
        for kind in ("topics", f"topics{INDEX_FORMAT}"):  # of a govkg before: the whole index, no header
            for earlier in entries_cache.merged_files(kind):
                earlier.unlink(missing_ok=True)
    return index


def _base(store, versions: dict[str, str], tokenize) -> tuple[TopicIndex, dict[str, str], Counter]:
    """The saved state sharing the most documents with `versions`, loaded (so no one else holds it: it is
    changed in place), with the versions it holds and the texts of its documents `versions` no longer
    holds; an empty index when none shares any, or a removed document's texts are no longer kept."""
    empty = (TopicIndex.of_store(tokenize), {}, Counter())
    if not store.persistent:
        return empty
    best = (0, None, {})
    for file, held in entries_cache.saved_states(STATES, entries_cache.code()):
        shared = sum(1 for g, v in held.items() if versions.get(g) == v)
        if shared > best[0]:
            best = (shared, file, held)
    if best[1] is None:
        return empty
    loaded = entries_cache.load_merged(best[1])
    removed = _texts_of_removed(best[2], versions)
    if not _is_state(loaded) or removed is None:
        return empty
    loaded[1].tokenize_with(tokenize)
    return loaded[1], best[2], removed


def _texts_of_removed(held: dict[str, str], versions: dict[str, str]) -> Counter | None:
    """The texts of the documents at `held` that `versions` no longer holds (text → documents), read from
    what was kept of them; None when one's is no longer kept."""
    out: Counter = Counter()
    for graph, version in held.items():
        if versions.get(graph) != version:
            texts = entries_cache.kept(KIND, graph, version)
            if texts is None:
                return None
            out.update(set(texts))
    return out


def _is_state(loaded) -> bool:
    state = entries_cache.last_part(loaded, 2, TopicIndex)
    return state is not None and getattr(state, "_texts", None) is not None
