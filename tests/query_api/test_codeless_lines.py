"""Lines a document prints without a code (功能分类 rows by name only, under their parent's name): asked by
their name within the department, answered as a coded line is — amount, stated change, source line — and a
name printed under two parents, neither asked, is asked about, never picked. A line with nothing above it (a
类) is one too; asked for its change the text does not state, the changes it states of the lines under it are
given as theirs, never added up into one of the 类."""

from __future__ import annotations

import os
import uuid
from types import SimpleNamespace

import pytest
from web_records import store_of

from graph_store.registry import open_store
from ingest.rdf import record_to_graph
from ingest.record import CHANGE_COLUMN, Fact, LineItem, Record, Source
from query_api.answering import codeless
from query_api.app import create_app
from query_api.cube import CubeQuery, Cut, run
from tests.query_api.sample_clients import ask

DEPT, OTHER = "临江市气候局", "滨海市水文局"


def _line(name: str, values: dict, line: int, parent: str | None, table: str = "部门支出总表") -> LineItem:
    return LineItem(table, "", name, values, "functional", source=Source(table, line), parent=parent)


def _records() -> list[Record]:
    record = Record(DEPT, 2026, "budget", "consolidated", "linjiang-2026.pdf", "c" * 64, "raw")
    record.facts = [Fact("expenditure_total", 900.0, source=Source("收支总表", 10))]
    record.line_items = [
        _line("气候水文支出", {"合计": 500.0}, 39, None),  # a 类 printed by name, with nothing above it
        _line("气候事务", {"合计": 420.0}, 40, "气候水文支出"),
        _line("水文事务", {"合计": 80.0}, 44, "气候水文支出"),
        _line("云雾观测", {"合计": 300.0}, 41, "气候事务"),
        _line("云雾观测", {CHANGE_COLUMN: -12.5}, 7, "气候事务", "收支说明"),  # stated in the text: a decrease
        _line("行政运行", {"合计": 120.0}, 42, "气候事务"),
        _line("行政运行", {"合计": 80.0}, 45, "水文事务"),
        # a 收支总表's row of a code's name, beside the classified table's coded line
        _line("一般公共服务支出", {"预算数": 750.0}, 21, "部门预算", "收支总表"),
        LineItem("一般公共预算支出表", "201", "一般公共服务支出", {"合计": 700.0}, "functional",
                 source=Source("一般公共预算支出表", 60))]
    other = Record(OTHER, 2026, "budget", "consolidated", "binhai-2026.pdf", "d" * 64, "raw")
    other.line_items = [_line("云雾观测", {"合计": 55.0}, 30, "水文事务"),
                        # a table's total read as a row under a line (a parser's stray): no item
                        _line("本年支出合计", {"预算数": 70.0}, 33, "(2)商品和服务支出"),
                        _line("一般公共服务支出", {"合计": 40.0}, 34, "部门预算", "收支总表")]
    return [record, other]


@pytest.fixture(scope="module")
def client():
    return create_app({"STORE": store_of(_records()), "TESTING": True}).test_client()


# a line under another, and a line with nothing above it (a 类 printed by name)
@pytest.mark.parametrize(("name", "value", "line"), [("云雾观测", 300.0, 41), ("气候水文支出", 500.0, 39)])
def test_a_line_without_a_code_is_answered_by_its_name_with_its_source(client, name, value, line):
    reply = ask(client, f"{DEPT}{name}支出是多少".replace("支出支出", "支出"))
    assert [a["value"] for a in reply["answers"]] == [value]
    assert f"第{line}行" in reply["answers"][0]["source"]


def test_its_stated_change_keeps_its_sign_and_source(client):
    reply = ask(client, f"{DEPT}云雾观测比上年增加了多少")
    assert [a["value"] for a in reply["answers"]] == [-12.5]
    assert "减少" in reply["answers"][0]["label"] and "第7行" in reply["answers"][0]["source"]


@pytest.mark.parametrize("asked", ["本年支出合计是多少", "支出总计是多少"])
def test_a_total_printed_as_a_row_is_no_item_and_takes_no_question_of_the_totals(client, asked):
    reply = ask(client, f"{DEPT}{asked}")
    assert "item" not in {e["kind"] for e in reply["entities"]}
    assert 900.0 in [a["value"] for a in reply["answers"]]


def test_the_same_name_of_another_department_is_its_own_line(client):
    assert [a["value"] for a in ask(client, f"{OTHER}云雾观测支出是多少")["answers"]] == [55.0]


def test_a_name_under_two_parents_is_asked_about_never_picked(client):
    reply = ask(client, f"{DEPT}行政运行支出是多少")
    assert reply["answers"] == []
    assert "气候事务" in reply["message"] and "水文事务" in reply["message"]


def test_the_parent_named_tells_the_two_apart(client):
    assert [a["value"] for a in ask(client, f"{DEPT}水文事务行政运行支出是多少")["answers"]] == [80.0]


def test_its_unstated_change_gives_the_stated_changes_under_it_as_theirs(client):
    reply = ask(client, f"{DEPT}气候水文支出比上年增加了多少")
    changes = [a for a in reply["answers"] if a["type"] == "change"]
    assert [(a["value"], "云雾观测" in a["label"], "第7行" in a["source"]) for a in changes] == [(-12.5, True, True)]
    assert "没有写明气候水文支出比上年的增减" in reply["message"]
    assert all("气候水文支出" not in a["label"] for a in changes)  # never the 类's change


def test_a_row_with_neither_code_nor_lines_under_it_is_no_item():
    result = lambda name, parent: SimpleNamespace(  # noqa: E731
        label=f"{name} 合计", column="合计", parent=parent, dept="https://example.org/org/x", year=2026, doc="d")
    rows = codeless.lexicon_rows([result("一、部门预算", None), result("气候支出", None), result("气候事务", "气候支出")])
    assert sorted(r[2] for r in rows) == ["气候事务", "气候支出"]


def test_a_row_iri_gives_back_department_parent_and_name():
    iri = codeless.row_iri("https://example.org/org/x", "气候事务（款）", "云雾/观测")
    assert codeless.parse(iri) == ("https://example.org/org/x", "气候事务（款）", "云雾/观测")
    assert codeless.parse("https://example.org/code/functional/2010301") is None


@pytest.mark.virtuoso
def test_the_row_cut_reads_the_same_rows_on_virtuoso(tmp_path):
    url = os.environ.get("GOVKG_VIRTUOSO_URL")
    if not url:
        pytest.skip("GOVKG_VIRTUOSO_URL is not set (start one with .ci/virtuoso.sh)")
    graphs = [record_to_graph(r, base=f"https://w3id.org/govkg-test/{uuid.uuid4()}/") for r in _records()]
    oxigraph = open_store("oxigraph", tmp_path / "store")
    virtuoso = open_store("sparql", url, catalog=f"urn:govkg:test-catalog:{uuid.uuid4()}")
    query = CubeQuery([Cut("row", "行政运行|云雾观测"), Cut("row_parent", "气候事务")], ["column", "line"], limit=100)
    top = CubeQuery([Cut("row", "气候水文支出|气候事务"), Cut("row_parent", codeless.TOP)], ["column", "line"], limit=100)
    try:
        for store in (oxigraph, virtuoso):
            for iri, graph in graphs:
                store.replace_graph(iri, graph)
        found = [sorted((c["column"], int(c["line"]), c["value"]) for c in run(s, query)["cells"])
                 for s in (oxigraph, virtuoso)]
        tops = [[(int(c["line"]), c["value"]) for c in run(s, top)["cells"]] for s in (oxigraph, virtuoso)]
    finally:
        for iri, _ in graphs:
            virtuoso.remove_graph(iri)
        virtuoso.connector.update(f"DROP SILENT GRAPH <{virtuoso.catalog}>")
        virtuoso.close()
        oxigraph.close()
    assert found[0] == found[1] == sorted([(CHANGE_COLUMN, 7, -12.5), ("合计", 41, 300.0), ("合计", 42, 120.0)])
    assert tops[0] == tops[1] == [(39, 500.0)]  # the line with nothing above it, not the one of that name under it


def test_a_plan_against_actual_of_a_line_without_a_code_is_no_code_cut(client):
    # its item IRI is no code: cut by a code it failed the whole request (HTTP 500); there is no final
    # account, so at most the line itself is shown with its source, never a difference
    reply = ask(client, f"{DEPT}2026年云雾观测的决算数比年初预算少了多少")
    assert all(a["type"] == "line_item" and "第41行" in a["source"] for a in reply["answers"])


def test_a_row_named_by_a_measure_alone_is_no_item():
    # 西安's 收支总表 opens with '一、部门预算': as an item it took 某局部门预算总额 from every department
    result = lambda name, parent: SimpleNamespace(  # noqa: E731
        label=f"{name} 预算数", column="预算数", parent=parent, dept="https://example.org/org/x", year=2026, doc="d")
    rows = codeless.lexicon_rows([result("部门预算", None), result("专项业务经费支出", "部门预算")])
    assert [r[2] for r in rows] == ["专项业务经费支出"]


def test_a_codes_line_is_answered_before_a_row_of_its_name_and_the_row_where_no_code_is_printed(client):
    assert [a["value"] for a in ask(client, f"{DEPT}一般公共服务支出是多少")["answers"]] == [700.0]
    assert [a["value"] for a in ask(client, f"{OTHER}一般公共服务支出是多少")["answers"]] == [40.0]
