"""The topic index of a store merged per document: a change reads only the documents written, and gives the
index a store made from nothing gives (a real store on disk, fictional records)."""

from __future__ import annotations

from hashlib import sha256

import pytest

from graph_store.oxigraph import OxigraphStore
from ingest.rdf import record_to_graph
from ingest.record import Duty, Program, Record, Source
from query_api import ask, topic_store

DEPT = "临江市合并测试局"


def record(year: int, programs: list[tuple[str, str]], duty: str = "负责全市热线服务管理", dept: str = DEPT) -> Record:
    r = Record(dept, year, "budget", "consolidated", f"{dept}{year}.txt", sha256(f"{dept}{year}".encode()).hexdigest(),
               "tsv")
    r.programs = [Program(name, dept, 1.0, performance_target=target, source=Source("项目表", n))
                  for n, (name, target) in enumerate(programs)]
    r.duties = [Duty(duty, source=Source("职责", 1))]
    return r


def shape(index) -> dict:
    """What an index answers from: its texts, clauses, learned synonyms and the names under each character."""
    return {"texts": sorted(index._texts), "documents": sorted(index._documents[0].split("\n")),
            "clauses": index.clauses, "learned": index.learned,
            "names": {c: sorted(n) for c, n in index._names.items() if n}}


def from_nothing(store, cache, monkeypatch) -> dict:
    monkeypatch.setenv("GOVKG_CACHE", str(cache))
    return shape(topic_store._made(store, ask.knowledge_for(store).lexicon))


@pytest.fixture
def read(monkeypatch) -> list[str]:
    """The documents whose texts are read from the store (not from what was kept of them)."""
    graphs: list[str] = []
    texts_of = topic_store.texts_of

    def counting(store, graph, version):
        from query_api import entries_cache

        if entries_cache.kept(topic_store.KIND, graph, version) is None:
            graphs.append(graph)
        return texts_of(store, graph, version)
    monkeypatch.setattr(topic_store, "texts_of", counting)
    return graphs


def test_a_change_is_merged_into_the_index_and_gives_the_index_made_from_nothing(tmp_path, monkeypatch, read):
    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path / "cache"))
    store = OxigraphStore(tmp_path / "store")
    graphs = []
    for r in (record(2024, [("信息化系统维修", "保障系统正常运行"), ("医保信息平台运维", "医疗保障基金监督")]),
              record(2025, [("信息化系统维护", "保障系统正常运行")]),
              record(2025, [("公务用车运行维护", "车辆安全")], duty="负责机关事务", dept="临江市另一局")):
        graphs.append(record_to_graph(r)[0])
        store.replace_graph(*record_to_graph(r))
    first = topic_store.index_for(store, ask.knowledge_for(store).lexicon)
    assert ("维修", "维护") in first.learned
    assert len(read) == 3

    read.clear()
    store.replace_graph(*record_to_graph(record(2025, [("信息化系统运行保障", "热线接通率达到95%")],
                                                duty="负责政务数据共享")))
    store.remove_graph(graphs[2])
    changed = topic_store.index_for(store, ask.knowledge_for(store).lexicon)
    assert read == [graphs[1]]  # only the document written is read; the removed one's texts were kept
    assert ("维修", "维护") not in changed.learned  # the 2025 name that taught it is gone
    assert "负责政务数据共享" in changed._texts and "负责机关事务" not in changed._texts
    assert "公务用车运行维护" not in {n for names in changed._names.values() for n in names}
    assert shape(changed) == from_nothing(store, tmp_path / "other-cache", monkeypatch)


def test_a_text_two_documents_say_stays_until_both_are_gone(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path / "cache"))
    store = OxigraphStore(tmp_path / "store")
    one, two = (record_to_graph(record(year, [("热线平台运维", "热线接通率达到95%")])) for year in (2024, 2025))
    for graph in (one, two):
        store.replace_graph(*graph)
    topic_store.index_for(store, ask.knowledge_for(store).lexicon)
    store.remove_graph(one[0])
    assert "热线接通率达到95%" in topic_store.index_for(store, ask.knowledge_for(store).lexicon)._texts
    store.remove_graph(two[0])
    index = topic_store.index_for(store, ask.knowledge_for(store).lexicon)
    assert not index._texts and index.clauses == [] and index.learned == []
