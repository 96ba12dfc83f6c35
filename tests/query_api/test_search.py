"""Keyword search over a small fictional graph: BM25 ranks entities of every type, names stay whole."""

from __future__ import annotations

import json

import numpy as np
from test_ask import fictional_records  # pytest puts this directory on sys.path (rootdir-less test dirs)

from graph_store.registry import open_store
from ingest.rdf import record_to_graph
from query_api.app import create_app


def test_search_ranks_programs_and_units_and_reports_amounts_and_source():
    store = open_store("memory")
    for record in fictional_records():
        store.replace_graph(*record_to_graph(record))
    client = create_app({"STORE": store, "TESTING": True}).test_client()
    reply = json.loads(client.get("/api/search", query_string={"q": "政务热线"}).data)
    results = reply["results"]
    assert results and {r["type"] for r in results} >= {"program"}
    program = next(r for r in results if r["label"] == "政务热线外包服务项目")
    assert program["value"] == 300.0 and program["unit"] == "万元" and program["source"]
    assert all(r["label"] != "机房运维经费" for r in results)
    assert client.get("/api/search", query_string={"q": "x", "limit": "0"}).status_code == 400


def test_index_is_rebuilt_when_the_store_changes():
    from query_api.search import search

    records = fictional_records()
    store = open_store("memory")
    store.replace_graph(*record_to_graph(records[1]))  # 本级 only: no 热线中心日常运作经费
    assert not any(r["label"] == "热线中心日常运作经费" for r in search(store, "日常运作")["results"])
    store.replace_graph(*record_to_graph(records[0]))
    assert any(r["label"] == "热线中心日常运作经费" for r in search(store, "日常运作")["results"])


def test_search_has_facets_paging_and_finds_line_items_and_facts():
    from web_records import DEPT, records, store_of

    client = create_app({"STORE": store_of(records()), "TESTING": True}).test_client()

    def search(**params):
        return json.loads(client.get("/api/search", query_string={"q": "普查 行政运行 三公", **params}).data)

    everything = search(limit="200")
    kinds = {f["value"]: f["count"] for f in everything["facets"]["type"]}
    assert {"program", "line_item", "fact", "indicator", "subordinate_unit"} <= set(kinds)
    assert everything["total"] == sum(kinds.values()) == len(everything["results"])
    assert [f["label"] for f in everything["facets"]["department"]] == [DEPT]
    # one result per entity: the program of 2024 and the one of 2025 are two; a row printed in two
    # columns (合计, 基本支出) is one line-item result
    assert len({r["uri"] for r in everything["results"]}) == everything["total"]
    assert sum(r["label"] == "2010501 行政运行" for r in everything["results"]) == 1
    facts = search(type="fact")
    assert facts["total"] == kinds["fact"] and all(r["type"] == "fact" for r in facts["results"])
    assert {f["value"] for f in facts["facets"]["type"]} == set(kinds)  # a facet's own counts ignore its filter
    one_year = search(year="2024")
    assert one_year["total"] and all(r["year"] == 2024 for r in one_year["results"])
    first, second = search(limit="2"), search(limit="2", offset="2")
    assert first["total"] == second["total"] and len(first["results"]) == 2
    assert not {r["uri"] for r in first["results"]} & {r["uri"] for r in second["results"]}


def test_entries_are_kept_per_document_version_and_found_again_after_a_restart(tmp_path):
    from query_api import entries_cache, search

    records = fictional_records()
    store = open_store("oxigraph", tmp_path / "store")
    graphs = [store.replace_graph(*record_to_graph(r)) or record_to_graph(r)[0] for r in records[:2]]
    before = {r["uri"] for r in search.search(store, "日常运作")["results"]}
    assert before
    versions = store.graph_versions()
    assert all(entries_cache.has("words", g, versions[g]) for g in graphs)
    search._ENTRIES.clear()  # what a new server process starts with: the files, not the memory
    search._INDEXES.clear()
    assert {r["uri"] for r in search.search(store, "日常运作")["results"]} == before
    store.remove_graph(graphs[0])
    assert store.graph_versions().get(graphs[1]) == versions[graphs[1]]  # the other document keeps its entries
    after = {r["uri"] for r in search.search(store, "日常运作")["results"]}
    assert after < before
    store.close()


def test_facets_list_the_most_frequent_values_first_and_no_more_than_facet_values():
    from test_search_selection import facet_counts, facet_mask

    from query_api.lexicon import Lexicon
    from query_api.search import FACET_VALUES, Hit, SearchIndex

    hits = [Hit(f"urn:p{i}", "program", f"信息化项目{i}", None, None, f"urn:doc{i % 40}", f"urn:dept{i % 40:02d}", 2024)
            for i in range(80)] + [Hit(f"urn:q{i}", "program", "信息化运维", None, None, "urn:doc7", "urn:dept07", 2024)
                                   for i in range(3)] + [Hit("urn:other", "program", "培训项目", None, None, None, None, None)]
    index = SearchIndex.of_hits(hits, Lexicon([]), documents={})
    positions, _ = index.ranked("信息化")
    assert sorted(int(i) for i in positions) == list(range(83))  # every entry naming the word, nothing else
    departments = facet_counts(index, "department", positions)
    assert len(departments) == FACET_VALUES
    assert departments[0] == {"value": "urn:dept07", "label": "urn:dept07", "count": 5}
    assert [d["value"] for d in departments[1:4]] == ["urn:dept00", "urn:dept01", "urn:dept02"]  # ties by label
    assert facet_mask(index, "department", positions, "urn:dept39").sum() == 2  # a value past the list still filters


def test_a_restart_loads_the_saved_index_and_a_change_makes_a_new_one(tmp_path, monkeypatch):
    from query_api import entries_cache, search

    records = fictional_records()
    store = open_store("oxigraph", tmp_path / "store")
    store.replace_graph(*record_to_graph(records[1]))
    before = search.search(store, "热线")
    saved = entries_cache.merged_path("search", store.document_versions())
    assert saved.is_file()
    search._ENTRIES.clear()  # a new server process: nothing in memory
    search._INDEXES.clear()
    monkeypatch.setattr(search, "_made", lambda *a: (_ for _ in ()).throw(AssertionError("made again")))
    assert search.search(store, "热线") == before  # loaded, and answering as it did
    monkeypatch.undo()
    store.replace_graph(*record_to_graph(records[0]))  # another document: another state, another index
    assert any(r["label"] == "热线中心日常运作经费" for r in search.search(store, "日常运作")["results"])
    assert entries_cache.merged_path("search", store.document_versions()) != saved
    store.close()


def test_an_entry_named_by_the_word_ranks_above_one_whose_text_only_says_it():
    from query_api.lexicon import Lexicon
    from query_api.search import Hit, SearchIndex

    hits = [Hit("urn:said", "program", "办公经费", "用于信息化运维", None, None),
            Hit("urn:named", "program", "信息化运维经费", None, None, None),
            Hit("urn:end", "program", "机房信息化", None, None, None),
            Hit("urn:none", "program", "培训费", None, None, None)]
    index = SearchIndex.of_hits(hits, Lexicon([]), documents={})
    assert np.flatnonzero(index.names.holding(["信息化", "运维"])).tolist() == [1, 2]  # the names holding either word
    assert np.flatnonzero(index.names.holding(["训费", "费用", "经费培"])).tolist() == [3]  # at the very end; never across names
    assert [hits[int(i)].uri for i in index.ranked("信息化")[0]][-1] == "urn:said"


def test_scores_are_bm25s_own():
    import bm25s
    import numpy as np

    from query_api.lexicon import Lexicon
    from query_api.search import Hit, SearchIndex, entry_tokens

    hits = [Hit(f"urn:e{i}", "program", name, text, None, None) for i, (name, text) in enumerate(
        [("信息化运维经费", "用于机房运维"), ("培训费", None), ("信息化建设", "信息化项目建设与运维"), ("办公经费", "日常办公")])]
    index = SearchIndex.of_hits(hits, Lexicon([]), documents={})
    reference = bm25s.BM25(method="lucene")  # what the index was made with before it was merged per document
    reference.index([entry_tokens(h, Lexicon([])) for h in hits], show_progress=False)
    for words in (["信息化", "运维"], ["运维", "运维", "经费"], ["没有的词"], ["经费", "没有的词"]):
        found, score, _ = index.scorer.matched(words)
        scores = np.zeros(len(hits))
        scores[found] = score
        assert np.allclose(scores, reference.get_scores(words), rtol=1e-6)
        assert scores.any() == (words != ["没有的词"])


def _results(found: dict) -> tuple:
    return found["total"], sorted((r["uri"], r["score"]) for r in found["results"]), found["facets"]


def test_a_change_is_merged_into_the_index_before_and_searches_as_one_made_from_nothing(tmp_path, monkeypatch):
    from query_api import search

    records = fictional_records()
    store = open_store("oxigraph", tmp_path / "store")
    store.replace_graph(*record_to_graph(records[1]))
    search.search(store, "热线")  # the state before, saved
    for memory in (search._ENTRIES, search._INDEXES, search._TABLES):
        memory.clear()  # another process: the saved state is merged into
    read = []
    entries = search.document_entries
    monkeypatch.setattr(search, "document_entries", lambda s, g, *a: read.append(g) or entries(s, g, *a))
    graph = store.replace_graph(*record_to_graph(records[0])) or record_to_graph(records[0])[0]
    merged = search.search(store, "热线 日常运作", limit=200)
    assert read == [graph]  # the new document alone was read
    assert any(r["label"] == "热线中心日常运作经费" for r in merged["results"])
    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path / "other-cache"))
    for memory in (search._ENTRIES, search._INDEXES, search._TABLES):
        memory.clear()
    assert _results(search.search(store, "热线 日常运作", limit=200)) == _results(merged)
    store.close()


def test_an_entity_two_documents_state_is_one_entry_and_stays_when_either_document_goes():
    from query_api.lexicon import Lexicon
    from query_api.search import SearchIndex, entry_tokens
    from query_api.search_entries import Hit
    from query_api.search_index import Table
    from query_api.search_rows import Rows

    def hits(graph: str) -> list[Hit]:
        return [Hit("urn:dept", "department", "政务服务数据管理局", None, None, None, "urn:dept"),
                Hit(f"urn:{graph}/p", "program", f"热线项目{graph}", None, 10.0, f"urn:{graph}", "urn:dept", 2024)]

    read, rows = [], Rows()

    def entries_of(graph: str, version: str):
        read.append((graph, version))
        return [(h, entry_tokens(h, Lexicon([]))) for h in hits(graph)]

    def found(table: Table, word: str) -> list[str]:
        index = SearchIndex(table.derived(), Lexicon([]), {}, rows)
        return sorted(index.hit(int(i)).uri for i in index.ranked(word)[0])

    both = Table().merged({"a": "1", "b": "1"}, entries_of, {}, rows)
    assert found(both, "管理局") == ["urn:dept"] and found(both, "热线") == ["urn:a/p", "urn:b/p"]
    without_a = both.merged({"b": "1"}, entries_of, {}, rows)
    assert found(without_a, "管理局") == ["urn:dept"] and found(without_a, "热线") == ["urn:b/p"]
    again = without_a.merged({"a": "2", "b": "1"}, entries_of, {}, rows)
    assert read == [("a", "1"), ("b", "1"), ("a", "2")]  # a merge reads only the documents new to it
    assert found(again, "热线") == found(both, "热线") and len(again.derived().group) == 3


def test_an_entrys_words_are_coded_in_the_order_first_met_with_their_counts_new_words_after_the_tables():
    from collections import Counter

    from query_api.search_entries import Hit
    from query_api.search_index import Table
    from query_api.search_rows import Rows

    words = {"a": [["热线", "热线", "中心", "经费"], ["中心", "服务", "热线"], ["热线", "热线", "中心", "经费"]],
             "b": [["经费", "热线", "维护", "维护"], []]}

    def entries_of(graph: str, version: str):
        return [(Hit(f"urn:{graph}/{n}", "program", f"项目{n}", None, 1.0, f"urn:{graph}", "urn:dept", 2024), tokens)
                for n, tokens in enumerate(words[graph])]

    rows = Rows()
    first = Table().merged({"a": "1"}, entries_of, {}, rows)
    both = first.merged({"a": "1", "b": "1"}, entries_of, {}, rows)
    codes = dict(first.terms)  # b's new words numbered after a's; a's keep theirs
    expected = []
    for graph in ("a", "b"):
        for tokens in words[graph]:
            expected.append(Counter(codes.setdefault(t, len(codes)) for t in tokens))
    assert both.terms == codes and list(codes) == ["热线", "中心", "经费", "服务", "维护"]
    assert both.tok_ptr.tolist() == [0, *np.cumsum([len(c) for c in expected]).tolist()]
    assert both.tok_id.tolist() == [t for c in expected for t in c] and both.tok_id.dtype == np.int32
    assert both.tok_tf.tolist() == [f for c in expected for f in c.values()] and both.tok_tf.dtype == np.float32
    assert both.facet_values["year"] == [("2024", "urn:a")] and both.columns["facet_year"].tolist() == [0] * 5


def test_a_cache_directory_that_cannot_be_written_makes_search_slower_never_an_error(tmp_path, monkeypatch):
    from query_api import search

    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("GOVKG_CACHE", str(blocked / "cache"))  # no directory can be made under a file
    monkeypatch.setattr(search, "_ROWS", {})
    store = open_store("oxigraph", tmp_path / "store")
    store.replace_graph(*record_to_graph(fictional_records()[0]))
    assert any(r["label"] == "热线中心日常运作经费" for r in search.search(store, "日常运作")["results"])
    store.close()


def test_the_orders_the_index_is_made_with_are_numpys_stable_argsort_whatever_the_values_width():
    from query_api.char_postings import stable_order

    rng = np.random.default_rng(7)
    for values in (rng.integers(0, 40, 5000).astype(np.int32),  # fits 16 bits: radix-sorted
                   rng.integers(0, 1 << 20, 5000).astype(np.uint32),  # a character past the BMP: timsort
                   np.zeros(0, np.int32)):
        assert np.array_equal(stable_order(values), np.argsort(values, kind="stable"))


def test_the_facet_cells_are_numpys_unique_rows_whatever_the_codes():
    from query_api.search_index import unique_rows

    rng = np.random.default_rng(11)
    for columns in ([rng.integers(-1, 5, 4000), rng.integers(-1, 300, 4000), rng.integers(-1, 3, 4000),
                     rng.integers(-1, 1200, 4000)],  # -1: an entry without the facet's value
                    [np.full(3, -1), np.zeros(3, np.int64)],
                    [np.array([7, 7, 2**40]), np.array([1, 0, 2**30])]):  # too wide for one int64: numpy's own
        cells, cell_of = unique_rows([c.astype(np.int64) for c in columns])
        expected, inverse = np.unique(np.stack(columns, axis=1), axis=0, return_inverse=True)
        assert np.array_equal(cells, expected) and np.array_equal(cell_of, inverse.reshape(-1))
    cells, cell_of = unique_rows([np.zeros(0, np.int64)] * 4)
    assert cells.shape == (0, 4) and len(cell_of) == 0


def _same_derived(one, other) -> None:
    """Two indexes search alike, whatever codes their words, groups and facet values were given: the same
    entries in the same order, each word's postings and BM25 weights, names, groups and facet values."""
    def postings(d):
        by_code = {code: word for word, code in d.terms.items()}
        words = [by_code[int(t)] for t in np.repeat(np.arange(len(d.indptr) - 1), np.diff(d.indptr))]
        return sorted(zip(words, d.indices.tolist(), d.data.tolist(), strict=True))

    def renamed(codes):  # codes numbered by first appearance
        first: dict = {}
        return [first.setdefault(int(c), len(first)) for c in codes]

    def facets(d):
        return [[d.facet_values[f][c][0] if c >= 0 else None for f, c in zip(FACET_NAMES, cell, strict=True)]
                for cell in d.cells[d.cell_of]]

    assert [one.graphs[int(i)] for i in one.doc] == [other.graphs[int(i)] for i in other.doc]
    assert np.array_equal(one.n, other.n) and postings(one) == postings(other)
    assert np.array_equal(one.chars, other.chars) and np.array_equal(one.by_char, other.by_char)
    assert renamed(one.group) == renamed(other.group) and facets(one) == facets(other)


FACET_NAMES = ("type", "department", "year", "document")


def test_a_change_saves_its_entries_beyond_the_table_saved_whole_and_merges_as_one_made_from_nothing(
        tmp_path, monkeypatch):
    from query_api import entries_cache, search
    from query_api.lexicon import Lexicon
    from query_api.search import entry_tokens
    from query_api.search_entries import Hit
    from query_api.search_index import Table
    from query_api.search_rows import Rows

    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path))
    lexicon, rows = Lexicon([]), Rows()

    def entries_of(graph: str, version: str):  # a document's entries: its own program, a department all share
        hits = [Hit("urn:dept", "department", "政务服务数据管理局", None, None, None, "urn:dept"),
                Hit(f"urn:{graph}/p", "program", f"热线项目{graph}{version}", f"运维{version}", 1.0, f"urn:{graph}",
                    f"urn:dept{graph}", 2024)]
        return [(h, entry_tokens(h, lexicon)) for h in hits]

    def saved(table: Table, versions: dict) -> Table:
        """`table` saved as a change saves it, and read back as the next change reads it."""
        file = entries_cache.merged_path("search", versions)
        entries_cache.save_merged(file, ((entries_cache.code(), versions), search._stored(table, versions), None))
        return search._joined(file)

    monkeypatch.setattr(search, "REBASE_SHARE", 0.5)
    table, versions, wholes = Table(), {}, set()
    steps = [("a", "1"), ("b", "1"), ("c", "1"), ("a", "2"), ("b", None), ("d", "1"), ("c", "2"), ("e", "1"),
             ("a", None), ("b", "3"), ("f", "1"), ("d", None)]
    for graph, version in steps:  # documents written, written again, removed
        if version is None:
            versions.pop(graph)
        else:
            versions[graph] = version
        table = saved(table.merged(dict(versions), entries_of, {}, rows), dict(versions))
        wholes.add(table.base.name)
        _same_derived(table.derived(), Table().merged(dict(versions), entries_of, {}, rows).derived())
    assert 1 < len(wholes) < len(steps)  # saved whole now and then, as deltas between
    assert len(table.delta()) < len(table)
    # the same state saved whole by two processes (their words numbered in other orders): a file each, so that a
    # delta is joined to the very table it was cut from
    one = Table().merged(dict(versions), entries_of, {}, rows)
    other = Table().merged(dict(reversed(versions.items())), entries_of, {}, rows)
    other.versions = dict(versions)
    for made in (one, other):
        search._stored(made, dict(versions))
    assert one.terms != other.terms and one.base.name != other.base.name
    assert search._base_file(one.base).is_file() and search._base_file(other.base).is_file()
