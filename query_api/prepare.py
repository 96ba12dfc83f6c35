"""What the service makes of a store before it can answer fast — the lexicon with its jieba dictionary and
EntityRuler patterns, the search index, the topic texts — made once per store state and saved (per document
version in `entries_cache`, merged forms under the versions of every graph), so whoever comes next loads it.

`govkg ingest` and `govkg remove` call `prepare` once they have written, so the first `govkg serve` after
them reads the new documents no more than a server started again does; `govkg serve` calls it at start
(a no-op beyond loading when the store was prepared). Both must use the same $GOVKG_CACHE.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from graph_store.base import Store


def prepare(store: Store, written: Iterable[str] | None = None, *, serving: bool = True, kept=None) -> None:
    """Make and save (or load, when saved before) everything a first request would otherwise wait for.
    `written`: the graphs a command has just written, when it knows them: only they are read ahead, once for
    every kind; the others were read when they were written (and whatever of theirs is missing is read when
    asked for: every per-document cache reads through), so a change costs no look at each document's files
    (1.9 s of a re-ingest at 1,000 documents went to 3,000 checks that found everything there).
    `serving=False` (a command that ends once it has saved them): nothing is built that only a server's
    questions use (the spaCy pipeline). `kept`: where the words of the documents' search entries are kept beside
    their records (query_api.search_words; `govkg ingest`'s record cache)."""
    prepare_questions(store, written, serving=serving, kept=kept)()


def prepare_questions(store: Store, written: Iterable[str] | None = None, *,
                      serving: bool = True, kept=None) -> Callable[[], None]:
    """What a first question needs (the lexicon with its jieba dictionary and patterns), made or loaded now;
    returns what makes or loads the rest (the search, topic and summaries' indexes), which `govkg serve` runs
    after its port is open: a request needing one of them meanwhile waits for it (each is made once per
    state, under a lock: query_api.state_cache), so it is answered the same, later.

    A state prepared whole before (a mark under every graph's version, left by whoever prepared it) is not
    looked at document by document again: at 1,000 documents that look was 4,000 lookups and a prune, 0.5 s
    of a start."""
    from query_api.ask import knowledge_for

    mark = _mark(store) if store.persistent else None
    done = written is None and mark is not None and mark.is_file()
    if not done:
        _read_new_documents(store, None if written is None else set(written))
    known = knowledge_for(store, warm=serving)  # the lexicon from each document's saved names; jieba dictionary, patterns

    def rest() -> None:
        from query_api import search, topic_store
        from query_api.answering import summaries

        search.index_for(store, kept)  # each document's entries, then the index merged from them
        topic_store.index_for(store, known.lexicon)  # each document's texts, merged into the topic index
        summaries.summary_for(store)  # each document's programs and unmet indicators, merged (answering.summaries)
        if mark is not None and not done:
            prune(store)
            _write_mark(mark)
    return rest


def _mark(store: Store) -> Path:
    """The file that says the store at its graphs' present versions was prepared whole by this code (every
    document read ahead for each kind kept per document, what no state holds pruned)."""
    from query_api import entries_cache, topic_store
    from query_api.answering import candidates, summaries

    kinds = f"{candidates.FORMAT}.{summaries.kind()}.{topic_store.KIND}"  # what is kept per document, beside code()
    return entries_cache.merged_path("prepared", {**store.graph_versions(), "": kinds}, ".done")


def _write_mark(mark: Path) -> None:
    from query_api import entries_cache

    try:
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.touch()
        entries_cache.prune(mark, entries_cache.MERGED_KEPT)
    except OSError:
        pass  # no mark: the next start looks at each document again, nothing worse


def prune(store: Store) -> None:
    """Drop what is kept of the document versions that neither the store nor any saved state (the merged
    search and topic indexes, the newest few of each kind, a server at an earlier state included) holds: the
    versions replaced or removed some writes ago. Another store sharing the cache directory keeps its own
    documents' rows while its states are among the saved ones; past that, they are read from it again."""
    from query_api import entries_cache, search, topic_store

    keep = set(store.graph_versions().items())
    for kind in ("search", topic_store.STATES):
        for _, versions in entries_cache.saved_states(kind):
            keep.update(versions.items())
    entries_cache.prune_versions(keep)
    search._rows_of(store).prune(keep)  # search's own file of rows, opened once per process


def _read_new_documents(store: Store, written: set[str] | None) -> None:
    """Each document not read before, read once (its description) for both the lexicon and the search
    entries, which are then made from the files kept; a store that keeps nothing is read as it goes."""
    from graph_store.shared import description
    from query_api import entries_cache, search

    if not store.persistent:
        return
    versions = {g: v for g, v in store.document_versions().items() if written is None or g in written}
    # what is kept already, looked up for all documents at once (a start looks at every one)
    done = search.with_hits(store, versions)
    for kind in _kinds()[1:]:
        done &= entries_cache.held(kind, {g: versions[g] for g in done})
    for graph, version in versions.items():
        if graph not in done:
            keep_rows(store, [(graph, version, row_texts(read_rows(description(store, graph), graph)))])


def _kinds() -> tuple[str, ...]:
    """The kinds of rows kept per document version: "search" (query_api.search's own file), then those of
    query_api.entries_cache."""
    from query_api import topic_store
    from query_api.answering import candidates, summaries
    from query_api.ask import DOCUMENT_ROWS

    # texts: what a question's topic is looked for in (answering.candidates); DOCUMENT_ROWS: the documents' list
    return "search", "lexicon", f"texts{candidates.FORMAT}", summaries.kind(), topic_store.KIND, DOCUMENT_ROWS


def read_rows(view: Store, graph: str) -> dict:
    """Every kind of row of one document, made from its description alone (graph_store.shared.description,
    or `description_of` a DocumentGraph): no look at the store, so `govkg ingest` makes them in the
    processes that parse (with `row_texts`), and `keep_rows` saves them once the document is written and has its
    version."""
    from query_api import topic_store
    from query_api.answering import candidates, summaries
    from query_api.ask import documents_rows_of, lexicon_rows
    from query_api.search_entries import hits_of

    made = (hits_of(view), lexicon_rows(view), candidates.read_rows(view),
            summaries.document_rows(None, graph, view), topic_store.texts(view, graph),
            documents_rows_of(view))
    return dict(zip(_kinds(), made, strict=True))


def import_rows() -> None:
    """Import what `read_rows` uses (jieba and the question layer's modules, 0.3 s): `govkg ingest` does it
    before its parsing processes are forked, so each inherits them rather than importing them again, and the
    writing process has them for what it prepares after the writes."""
    from graph_store import oxigraph  # noqa: F401 - the descriptions' store (graph_store.shared imports it when called)
    from query_api import search_entries, search_rows  # noqa: F401 - search_rows: row_texts imports it when called
    from query_api.answering import indicators  # noqa: F401 - summaries.document_rows imports it at its first call

    _kinds()


def import_prepare() -> None:
    """Import what `prepare` uses beyond `import_rows` (the search index's modules with numpy: ~0.3 s of CPU):
    `govkg ingest` does it in a thread beside the parsing and the writes, not after the last write."""
    import_rows()
    from query_api import search, topic_store  # noqa: F401


def row_texts(rows: dict) -> dict:
    """The rows of `read_rows` as their files keep them (JSON text): made where the document was parsed, they
    reach the writing process as a few strings (not ~500 objects to unpickle) and are filed as they are."""
    from query_api import entries_cache
    from query_api.search_rows import entry_texts

    search, *kinds = _kinds()
    return {search: entry_texts(rows[search]), **{kind: entries_cache.value_text(rows[kind]) for kind in kinds}}


def keep_rows(store: Store, written: list[tuple[str, str, dict]]) -> None:
    """Keep the rows (`row_texts` of `read_rows`) of each (graph, version, rows) `written` in a store on disk's
    files."""
    from query_api import entries_cache, search

    if not store.persistent:
        return
    search.keep_hits(store, [(graph, version, rows["search"]) for graph, version, rows in written])
    entries_cache.keep_texts([(kind, graph, version, rows[kind]) for graph, version, rows in written
                              for kind in _kinds()[1:]])
