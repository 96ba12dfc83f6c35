"""A general measure (支出, 收入) beside words that name nothing known (a line the tables print without a
code, a topic of no program): the department's total is never the answer, and the reply names the words."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, LineItem, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市气候局"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "consolidated", "linjiang-2026.pdf", "c" * 64, "raw")
    record.facts = [Fact("expenditure_total", 900.0, source=Source("收支总表", 10)),
                    Fact("grand_total", 950.0, source=Source("收支总表", 9)),
                    Fact("expenditure_change", 48.0, source=Source("收支说明", 50))]
    record.line_items = [
        LineItem("部门支出总表", "201", "一般公共服务支出", {"合计": 600.0}, "functional",
                 source=Source("部门支出总表", 40)),
        # printed with no code, under its parent's name: an item by its name (tests/query_api/test_codeless_lines)
        LineItem("部门支出总表", "", "云雾观测", {"合计": 300.0}, "functional", source=Source("部门支出总表", 41),
                 parent="气候事务")]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def test_words_naming_no_line_are_never_answered_by_the_departments_total(client):
    reply = ask(client, f"{DEPT}雷电防护支出是多少")
    assert 900.0 not in [a["value"] for a in reply["answers"]]
    assert "雷电防护" in reply["message"] and "收支总额不是" in reply["message"]


def test_the_change_of_such_a_line_is_never_the_departments_change(client):
    reply = ask(client, f"{DEPT}雷电防护支出比上年增加了多少")
    assert reply["answers"] == [] and "雷电防护" in reply["message"]


def test_the_departments_own_figures_are_still_answered(client):
    assert [a["value"] for a in ask(client, f"{DEPT}2026年支出是多少")["answers"]][:1] == [900.0]
    assert 48.0 in [a["value"] for a in ask(client, f"{DEPT}支出比上年增加了多少")["answers"]]
    assert 600.0 in [a["value"] for a in ask(client, f"{DEPT}一般公共服务支出是多少")["answers"]]



@pytest.mark.parametrize("asked", ["收支预算总计是多少", "收、支预算总计是多少，给个数"])
def test_the_whole_budget_asked_in_its_own_words_is_answered(client, asked):
    # what is left once the measure (总计) is read is the whole budget's own words, not a topic
    reply = ask(client, f"{DEPT}2026年{asked}")
    assert [a["value"] for a in reply["answers"]][:1] == [950.0]
