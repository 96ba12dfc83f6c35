"""What the service makes of a store before it can answer fast — the lexicon with its jieba dictionary and
EntityRuler patterns, the search index, the topic texts — made once per store state and saved (per document
version in `entries_cache`, merged forms under the versions of every graph), so whoever comes next loads it.

`govkg ingest` and `govkg remove` call `prepare` once they have written, so the first `govkg serve` after
them reads the new documents no more than a server started again does; `govkg serve` calls it at start
(a no-op beyond loading when the store was prepared). Both must use the same $GOVKG_CACHE.
"""

from __future__ import annotations

from graph_store.base import Store


def prepare(store: Store) -> None:
    """Make and save (or load, when saved before) everything a first request would otherwise wait for."""
    from query_api import search, topics
    from query_api.ask import knowledge_for
    from query_api.nlu import pipeline

    known = knowledge_for(store)  # the lexicon from each document's saved names; jieba dictionary, patterns
    pipeline(known.lexicon)
    search.index_for(store)  # each document's entries, then the index merged from them
    topics.index_for(store, known.lexicon)  # each document's texts, then the topic index made of them
