"""What is kept per document version is pruned once no saved state holds the version (a real store on disk,
fictional records)."""

from __future__ import annotations

import sqlite3

from graph_store.oxigraph import OxigraphStore
from ingest.rdf import record_to_graph
from query_api import entries_cache, topic_store
from query_api.prepare import prepare, prune
from tests.query_api.test_topic_store import record


def kept_versions(cache) -> tuple[set, set]:
    """(graph, version) of the rows of documents.sqlite and of search-rows.sqlite."""
    with sqlite3.connect(cache / "documents.sqlite") as db:
        documents = set(db.execute("SELECT DISTINCT graph, version FROM owner"))
    with sqlite3.connect(cache / "search-rows.sqlite") as db:
        rows = set(db.execute("SELECT DISTINCT graph, version FROM rows"))
    return documents, rows


def test_the_rows_of_a_replaced_version_go_once_no_saved_state_holds_it(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("GOVKG_CACHE", str(cache))
    store = OxigraphStore(tmp_path / "store")
    for year in (2024, 2025):
        store.replace_graph(*record_to_graph(record(year, [("热线平台运维", "热线接通率达到95%")])))
    prepare(store)
    before = set(store.document_versions().items())
    assert all(before <= kept for kept in kept_versions(cache))

    iri, graph = record_to_graph(record(2025, [("政务数据共享平台", "数据共享率达到90%")]))
    store.replace_graph(iri, graph)
    prepare(store)
    now = set(store.document_versions().items())
    replaced = before - now
    assert len(replaced) == 1
    assert all(now | replaced <= kept for kept in kept_versions(cache))  # the state before still holds it

    for kind in ("search", topic_store.STATES):  # the saved states of the store before go (as when newer ones push them out)
        for file in entries_cache.merged_files(kind):
            if entries_cache.load_merged(file, parts=1)[0][1] != store.document_versions():
                file.unlink()
    prune(store)
    for kept in kept_versions(cache):
        assert now <= kept and not replaced & kept
