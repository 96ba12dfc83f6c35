"""Lines a document prints without a code (功能分类 rows by name only, under their parent's name): asked by
their name within the department, answered as a coded line is — amount, stated change, source line — and a
name printed under two parents, neither asked, is asked about, never picked."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import CHANGE_COLUMN, Fact, LineItem, Record, Source
from query_api.answering import codeless
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT, OTHER = "临江市气候局", "滨海市水文局"


def _line(name: str, values: dict, line: int, parent: str, table: str = "部门支出总表") -> LineItem:
    return LineItem(table, "", name, values, "functional", source=Source(table, line), parent=parent)


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "consolidated", "linjiang-2026.pdf", "c" * 64, "raw")
    record.facts = [Fact("expenditure_total", 900.0, source=Source("收支总表", 10))]
    record.line_items = [
        _line("云雾观测", {"合计": 300.0}, 41, "气候事务"),
        _line("云雾观测", {CHANGE_COLUMN: -12.5}, 7, "气候事务", "收支说明"),  # stated in the text: a decrease
        _line("行政运行", {"合计": 120.0}, 42, "气候事务"),
        _line("行政运行", {"合计": 80.0}, 45, "水文事务")]
    other = Record(OTHER, 2026, "budget", "consolidated", "binhai-2026.pdf", "d" * 64, "raw")
    other.line_items = [_line("云雾观测", {"合计": 55.0}, 30, "水文事务")]
    return create_app({"STORE": store_of([record, other]), "TESTING": True}).test_client()


def test_a_line_without_a_code_is_answered_by_its_name_with_its_source(client):
    reply = ask(client, f"{DEPT}云雾观测支出是多少")
    assert [a["value"] for a in reply["answers"]] == [300.0]
    assert "第41行" in reply["answers"][0]["source"]


def test_its_stated_change_keeps_its_sign_and_source(client):
    reply = ask(client, f"{DEPT}云雾观测比上年增加了多少")
    assert [a["value"] for a in reply["answers"]] == [-12.5]
    assert "减少" in reply["answers"][0]["label"] and "第7行" in reply["answers"][0]["source"]


def test_the_same_name_of_another_department_is_its_own_line(client):
    assert [a["value"] for a in ask(client, f"{OTHER}云雾观测支出是多少")["answers"]] == [55.0]


def test_a_name_under_two_parents_is_asked_about_never_picked(client):
    reply = ask(client, f"{DEPT}行政运行支出是多少")
    assert reply["answers"] == []
    assert "气候事务" in reply["message"] and "水文事务" in reply["message"]


def test_the_parent_named_tells_the_two_apart(client):
    assert [a["value"] for a in ask(client, f"{DEPT}水文事务行政运行支出是多少")["answers"]] == [80.0]


def test_a_row_iri_gives_back_department_parent_and_name():
    iri = codeless.row_iri("https://example.org/org/x", "气候事务（款）", "云雾/观测")
    assert codeless.parse(iri) == ("https://example.org/org/x", "气候事务（款）", "云雾/观测")
    assert codeless.parse("https://example.org/code/functional/2010301") is None
