"""`govkg ingest` and `govkg remove` prepare what `govkg serve` loads (query_api.prepare): a server starting
after them makes nothing from the store, and answers as one that made everything itself."""

from __future__ import annotations

import json

import pytest

from govkg.cli import main
from graph_store.oxigraph import OxigraphStore
from query_api import knowledge_cache
from tests.conftest import SAMPLES


def _a_new_process() -> None:
    """What a new server process starts with: the files in $GOVKG_CACHE, nothing in memory."""
    from query_api import ask, lexicon, search, topic_store
    from query_api.answering import candidates

    for memory in (search._ENTRIES, search._INDEXES, ask._KNOWLEDGE, lexicon._CACHE, topic_store._INDEXES,
                   candidates._INDEXES):
        memory.clear()


def _served(store_dir) -> dict:
    from query_api import ask, search
    from query_api.answering import candidates

    with OxigraphStore(store_dir, read_only=True) as store:
        known = ask.knowledge_for(store)
        return {"surfaces": {s: sorted(e.uri for e in es) for s, es in known.lexicon.surfaces.items()},
                "documents": sorted(known.documents),
                "search": search.search(store, "热线中心日常运作"),
                "answer": ask.answer(store, "有哪些部门")["answers"],
                "topic": known.lexicon.meaning.near("热线服务"),
                "texts": sorted(candidates.index_for(store).holding(("program_name", "program_target"), [["热线"]]))}


def _nothing_made(monkeypatch) -> None:
    from query_api import ask, search, topic_store
    from query_api.answering import candidates

    def refuse(*_args, **_kwargs):
        raise AssertionError("made from the store, not loaded")
    for module, name in ((ask, "load_entries"), (ask, "load_documents"), (search, "_made"), (topic_store, "texts_of"),
                         (candidates, "read_rows")):
        monkeypatch.setattr(module, name, refuse)


@pytest.mark.parametrize("jobs", ["1", "2"])  # 2: parsing processes forked from a writer that imported their modules
def test_a_server_after_ingest_and_remove_loads_what_they_prepared_and_answers_the_same(tmp_path, monkeypatch, jobs):
    samples = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    assert len(samples) >= 2
    store_dir = tmp_path / "store"
    assert main(["ingest", *samples, "--store", str(store_dir), "--jobs", jobs]) == 0
    # the lexicon's dictionary: the words it adds to jieba's, whose own is saved once beside them
    cache = knowledge_cache.cache_dir()
    assert len(list(cache.glob("jiebabase-*.sqlite"))) == 1 and list(cache.glob("knowledge-*.sqlite"))

    with monkeypatch.context() as patched:
        _a_new_process()
        _nothing_made(patched)
        prepared = _served(store_dir)
    assert prepared["search"]["total"] and prepared["answer"] and len(prepared["documents"]) == len(samples)
    assert prepared["topic"] and prepared["texts"]

    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path / "empty-cache"))  # a server that makes everything itself
    _a_new_process()
    assert _served(store_dir) == prepared

    monkeypatch.undo()  # back to the cache the commands write
    assert main(["remove", samples[0].rsplit("/", 1)[-1], "--store", str(store_dir)]) == 0
    with monkeypatch.context() as patched:
        _a_new_process()
        _nothing_made(patched)
        after = _served(store_dir)
    assert len(after["documents"]) == len(samples) - 1
    assert after != prepared


def test_a_store_that_keeps_nothing_is_not_prepared(capsys):
    assert main(["ingest", str(sorted(SAMPLES.glob("*.txt"))[0]), "--store-kind", "memory"]) == 0
    assert "prepared" not in capsys.readouterr().err


def test_a_start_on_a_prepared_store_looks_up_what_is_kept_for_all_documents_at_once(tmp_path, monkeypatch):
    from graph_store import shared
    from query_api import entries_cache, search
    from query_api.prepare import prepare

    samples = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    store_dir = tmp_path / "store"
    assert main(["ingest", *samples, "--store", str(store_dir), "--jobs", "1"]) == 0
    _a_new_process()

    def refuse(*_args, **_kwargs):
        raise AssertionError("looked up one document at a time")
    for module, name in ((entries_cache, "has"), (shared, "description")):
        monkeypatch.setattr(module, name, refuse)
    with OxigraphStore(store_dir, read_only=True) as store:
        prepare(store)
        assert search.search(store, "热线中心日常运作")["total"]


def test_the_candidates_text_index_made_by_a_first_start_is_loaded_by_the_next(tmp_path, monkeypatch):
    from query_api.answering import candidates

    store_dir = tmp_path / "store"
    assert main(["ingest", str(sorted(SAMPLES.glob("*.txt"))[0]), "--store", str(store_dir), "--jobs", "1"]) == 0
    with OxigraphStore(store_dir, read_only=True) as store:
        _a_new_process()
        made = candidates.index_for(store)
        _a_new_process()
        monkeypatch.setattr(candidates, "document_rows", lambda *a, **k: (_ for _ in ()).throw(AssertionError("made")))
        loaded = candidates.index_for(store)
        assert loaded is not made and loaded.holding(("program_name",), [["热线"]]) \
            == made.holding(("program_name",), [["热线"]]) != set()


def test_a_start_on_a_state_prepared_whole_looks_at_no_document_and_a_change_looks_again(tmp_path, monkeypatch):
    from query_api import entries_cache, search
    from query_api.prepare import prepare

    samples = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    store_dir = tmp_path / "store"
    assert main(["ingest", *samples, "--store", str(store_dir), "--jobs", "1"]) == 0
    looked = []
    real_held = entries_cache.held
    monkeypatch.setattr(entries_cache, "held", lambda *a: looked.append(a[0]) or real_held(*a))
    _a_new_process()
    with OxigraphStore(store_dir, read_only=True) as store:
        prepare(store)  # what the ingest prepared and marked: loaded, no document looked at
        assert looked == [] and search.search(store, "热线中心日常运作")["total"]
    assert main(["remove", samples[0].rsplit("/", 1)[-1], "--store", str(store_dir)]) == 0
    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path / "another-cache"))  # prepared by no one: each document looked at
    _a_new_process()
    with OxigraphStore(store_dir, read_only=True) as store:
        prepare(store)
        assert looked
        looked.clear()
        _a_new_process()
        prepare(store)  # the state this start prepared is marked for the next
        assert looked == []


def test_a_question_asked_before_the_indexes_are_loaded_gets_the_same_answer(tmp_path):
    # govkg serve opens its port after prepare_questions, the rest loading behind it: a request needing an
    # index before it is loaded makes or loads it itself (once per state, under a lock) and answers the same
    from query_api import search
    from query_api.ask import answer
    from query_api.prepare import prepare, prepare_questions

    store_dir = tmp_path / "store"
    assert main(["ingest", *sorted(str(p) for p in SAMPLES.glob("*.txt")), "--store", str(store_dir), "--jobs", "1"]) == 0
    asked = ("哪些项目涉及热线服务", "有哪些部门")
    with OxigraphStore(store_dir, read_only=True) as store:
        _a_new_process()
        prepare(store)
        whole = ([answer(store, q)["answers"] for q in asked], search.search(store, "热线中心日常运作"))
        _a_new_process()
        rest = prepare_questions(store)
        early = ([answer(store, q)["answers"] for q in asked], search.search(store, "热线中心日常运作"))
        rest()  # what the server's thread does meanwhile: the state the requests made is found, not made again
        assert early == whole and whole[0][0] and whole[1]["total"]


def _no_description_read(patched) -> None:
    """Every module that reads a document's description from the store refuses to."""
    from graph_store import shared
    from query_api import ask, prepare, search, topic_store
    from query_api.answering import candidates, summaries

    read = shared.description

    def refuse(store, graph):
        if graph == store.ontology_graph:  # written by ingest as an rdflib graph, read back once
            return read(store, graph)
        raise AssertionError("a document read back from the store")
    patched.setattr(shared, "description", refuse)  # prepare imports it when it runs
    for module in (ask, search, topic_store, candidates, summaries):
        patched.setattr(module, "description", refuse)
    assert prepare.keep_rows


def test_ingest_keeps_the_rows_made_where_documents_were_parsed_and_reads_none_back(tmp_path, monkeypatch):
    samples = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    store_dir = tmp_path / "store"
    with monkeypatch.context() as patched:
        _a_new_process()
        _no_description_read(patched)
        assert main(["ingest", samples[0], *samples[2:], "--store", str(store_dir), "--jobs", "1"]) == 0
        edited = tmp_path / "edited" / samples[0].rsplit("/", 1)[-1]  # a new version replaces the stored one
        edited.parent.mkdir()
        edited.write_text(open(samples[0], encoding="utf-8").read() + "\n（本文件已更新）\n", encoding="utf-8")
        # a new document waiting for its bulk load when the replacement comes, then the replacement
        assert main(["ingest", samples[1], str(edited), "--store", str(store_dir), "--jobs", "1"]) == 0
        _a_new_process()
        _nothing_made(patched)
        prepared = _served(store_dir)
    assert prepared["search"]["total"] and prepared["topic"] and prepared["texts"]
    assert len(prepared["documents"]) == len(samples)

    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path / "empty-cache"))  # every row read from the store instead
    _a_new_process()
    assert _served(store_dir) == prepared


def test_the_lexicon_merged_again_reads_no_document_whose_rows_are_kept(tmp_path, monkeypatch):
    from query_api import ask

    samples = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    store_dir = tmp_path / "store"
    assert main(["ingest", *samples, "--store", str(store_dir), "--jobs", "1"]) == 0
    _a_new_process()  # every row from the files `govkg ingest` kept, none from this process's memory
    with OxigraphStore(store_dir, read_only=True) as store:
        with monkeypatch.context() as patched:
            _no_description_read(patched)
            kept = ask.load_entries(store)
        monkeypatch.setenv("GOVKG_CACHE", str(tmp_path / "empty-cache"))
        assert kept and sorted(map(repr, kept)) == sorted(map(repr, ask.load_entries(store)))


def test_the_documents_list_merged_from_each_documents_rows_is_the_union_querys(tmp_path, monkeypatch):
    from query_api import ask, queries

    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path / "cache"))
    store_dir = tmp_path / "store"
    samples = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    assert main(["ingest", *samples, "--store", str(store_dir), "--jobs", "1"]) == 0
    _a_new_process()
    with OxigraphStore(store_dir, read_only=True) as store:
        union = {}  # what the list was made of before: one query over every document, ordered by it
        for row in store.query(queries.sparql(queries.DOCUMENTS), timeout=30):
            year = int(row.year)
            union.setdefault(str(row.doc), (str(row.docLabel) if row.docLabel else f"{row.deptLabel}{year}",
                                            str(row.deptLabel), year, queries.PHASES.get(str(row.phase)),
                                            queries.SCOPES.get(str(row.scope)), str(row.dept)))
        merged = ask.load_documents(store)
    assert len(union) == len(samples)
    assert [(uri, d.label, d.department, d.year, d.type, d.scope, d.department_uri) for uri, d in merged.items()] \
        == [(uri, *row) for uri, row in union.items()]


def test_the_rows_ingest_makes_where_it_parses_are_filed_as_the_text_a_read_of_the_store_gives(tmp_path):
    """The rows reach the writing process as their files' text (made in the parsing processes, `row_texts`):
    what is filed is what reading the written document back from the store and keeping its rows files."""
    import sqlite3

    from graph_store.shared import description
    from query_api import entries_cache
    from query_api.prepare import _kinds, read_rows, row_texts

    store_dir = tmp_path / "store"
    assert main(["ingest", *sorted(str(p) for p in SAMPLES.glob("*.txt")), "--store", str(store_dir),
                 "--jobs", "2"]) == 0
    rows = sqlite3.connect(knowledge_cache.cache_dir() / "search-rows.sqlite")
    with OxigraphStore(store_dir, read_only=True) as store:
        versions = {g: v for g, v in store.document_versions().items() if g != store.ontology_graph}
        assert len(versions) == len(list(SAMPLES.glob("*.txt")))
        for graph, version in versions.items():
            made = row_texts(read_rows(description(store, graph), graph))
            assert all(isinstance(text, str) for text in made["search"]) and made["search"]
            filed = [t for (t,) in rows.execute("SELECT row FROM rows WHERE graph = ? AND version = ? ORDER BY n",
                                                 (graph, version))]
            assert filed == made["search"]
            for kind in _kinds()[1:]:
                assert entries_cache.kept_many(kind, {graph: version})[graph] == json.loads(made[kind])


def test_entries_filed_as_text_read_back_as_the_entries_filed_whole(tmp_path):
    from graph_store.shared import description_of
    from ingest.parse import parse_file
    from ingest.rdf import record_to_document
    from query_api.search_entries import hits_of
    from query_api.search_rows import Rows, entry_texts

    document = record_to_document(parse_file(sorted(SAMPLES.glob("*.txt"))[0]))
    hits = hits_of(description_of(document))
    assert hits
    assert entry_texts(hits) == [json.dumps(vars(h), ensure_ascii=False) for h in hits]  # the text, to the byte
    for where in (None, tmp_path / "rows.sqlite"):
        whole, texts = Rows(where), Rows(where and tmp_path / "texts.sqlite")
        whole.add_all([("g", "v", hits), ("e", "v", [])])
        texts.add_texts([("g", "v", entry_texts(hits)), ("e", "v", [])])
        assert texts.hits("g", "v") == whole.hits("g", "v") == hits
        assert texts.holds("e", "v") and whole.holds("e", "v")
