"""A topic's duties, units and programs are looked for among the candidates of a per-document text index
(query_api/answering/candidates.py), not by a scan of every text of the store: the answers are those of
the scan, and the candidates follow the documents written and removed (real stores, fictional records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from graph_store.registry import open_store
from ingest.rdf import record_to_graph
from ingest.record import Duty, Program, Record, Source, Unit
from query_api import queries
from query_api.answering import candidates, organisations, programs
from query_api.answering.sparql_parts import topic_filter
from query_api.app import create_app
from query_api.ask import knowledge_for
from query_api.nlu import understand
from tests.query_api.sample_clients import ask


def record(dept: str, year: int, duty: str, unit_text: str, program: str, target: str, sha: str) -> Record:
    r = Record(dept, year, "budget", "consolidated", f"{dept}{year}.txt", sha * 64, "tsv")
    r.duties = [Duty(duty, 1, Source("主要职责", 3))]
    r.internal_units = [Unit("综合科", unit_text, source=Source("内设机构", 6))]
    r.programs = [Program(program, dept, 12.5, performance_target=target, source=Source("项目表", 20))]
    return r


RECORDS = [record("临江市数据局", 2025, "负责全市12345 热线的管理工作", "负责热线数据统计", "热线外包服务经费", "接通率达到95%", "a"),
           record("临江市统计局", 2025, "负责统计调查工作", "负责 热线 回访", "统计调查经费", "完成12345热线满意度调查", "b"),
           record("临江市财政局", 2025, "负责预算管理", "负责机关日常运转", "预算编审经费", "按时编制预算", "c")]


def test_the_index_finds_each_text_holding_every_word_of_a_form_whitespace_ignored():
    index = candidates.TextIndex([("d:1", "duty", "负责全市12345 热线的管理"), ("d:2", "duty", "负责热线回访"),
                                  ("u:1", "responsibilities", "负责12345热线"), ("p:1", "program_name", "热线经费")])
    assert index.holding(("duty",), [["12345热线", "管理"]]) == {"d:1"}
    assert index.holding(("duty",), [["回访"], ["12345", "管理"]]) == {"d:1", "d:2"}
    assert index.holding(("duty", "responsibilities"), [["12345热线"]]) == {"d:1", "u:1"}
    assert index.holding(("program_name",), [["热线", "回访"]]) == set()
    assert index.holding(("duty",), [["没有的词"]]) == set()


@pytest.fixture(scope="module")
def store():
    return store_of(RECORDS)


def scanned(store, forms) -> set[str]:
    """The organisations whose duties or units' responsibilities hold the words, by a scan of every text."""
    text = queries.sparql(organisations.DUTIES, candidates="", filters=f"FILTER{topic_filter('?text', forms)}")
    return {str(r.orgLabel) for r in store.query(text)}


@pytest.mark.parametrize("forms", [[["12345", "热线"]], [["热线"]], [["统计"]], [["预算", "管理"]], [["不存在"]]])
def test_duty_holders_from_the_candidates_are_those_of_the_scan(store, forms):
    found = organisations._duty_holder(store, knowledge_for(store), forms)
    assert {a["label"] for a in found.answers} == scanned(store, forms)


def test_programs_about_a_topic_are_found_by_name_or_target():
    client = create_app({"STORE": store_of(RECORDS), "TESTING": True}).test_client()
    # by its target (the name 热线外包服务经费 lacks 12345), then by its name
    assert [a["label"] for a in ask(client, "哪些项目涉及12345热线")["answers"]] == ["统计调查经费"]
    assert [a["label"] for a in ask(client, "哪些项目涉及热线外包")["answers"]] == ["热线外包服务经费"]
    reply = ask(client, "哪些项目涉及预算编审")
    assert [a["label"] for a in reply["answers"]] == ["预算编审经费"] and "VALUES (?p" in reply["sparql"]  # the selected rows


def test_a_topic_no_text_holds_asks_the_store_nothing(store, monkeypatch):
    known = knowledge_for(store)
    candidates.index_for(store)  # made before the store is watched
    asked = []
    monkeypatch.setattr(store, "query", lambda text, **kw: asked.append(text) or [])
    assert organisations._duty_holder(store, known, [["不存在的工作"]]).answers == []
    assert asked == []


def test_a_document_written_or_removed_changes_the_candidates(tmp_path):
    with open_store("oxigraph", tmp_path / "store") as store:
        iris = {}
        for r in RECORDS[:2]:
            iri, graph = record_to_graph(r)
            store.replace_graph(iri, graph)
            iris[r.department] = iri
        held = lambda: candidates.index_for(store).holding(("duty", "responsibilities"), [["热线"]])  # noqa: E731
        both = held()
        assert len(both) == 3  # the 数据局's duty and unit, the 统计局's unit
        store.remove_graph(iris["临江市数据局"])
        assert held() < both and len(held()) == 1  # the 统计局's unit: 负责 热线 回访
        store.replace_graph(*record_to_graph(RECORDS[0]))
        assert held() == both
        known = knowledge_for(store)
        assert {a["label"] for a in programs.about(store, known, understand("哪些项目涉及热线", known.lexicon)).answers} \
            == {"热线外包服务经费", "统计调查经费"}  # by name, by target


def test_more_candidates_than_a_query_may_name_leave_the_test_to_the_query():
    few, many = {f"urn:x:{i}" for i in range(3)}, {f"urn:x:{i}" for i in range(candidates.MAX_VALUES + 1)}
    assert candidates.values("?d", few).startswith("VALUES ?d {") and candidates.values("?d", many) == ""
