"""Which lines of a final account came out as their plan, or above or below it (哪些支出科目的决算数和年初预算一模一样):
the final account's own 年初预算数 (or 调整预算数, when asked) against its 决算数, line by line, each listed with
both figures and its line; a budget document's figure is never the final account's plan."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import LineItem, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT, TABLE = "临江市档案局", "一般公共预算财政拨款支出决算表"


def _line(code: str, name: str, plan: float, adjusted: float, actual: float, line: int) -> LineItem:
    return LineItem(TABLE, code, name, {"年初预算数": plan, "调整预算数": adjusted, "决算数": actual}, "functional",
                    source=Source(TABLE, line))


@pytest.fixture(scope="module")
def client():
    final = Record(DEPT, 2024, "final_account", "standalone", "final.pdf", "f" * 64, "raw")
    final.line_items = [_line("2013201", "行政运行", 100.0, 95.0, 90.5, 30),
                        _line("2013202", "一般行政管理事务", 12.0, 12.0, 12.0, 31),
                        _line("2013250", "事业运行", 20.0, 21.0, 20.0, 32),
                        _line("2013299", "其他档案事务支出", 5.0, 8.0, 8.0, 33),
                        # a 元 document's places: 15 元 more than the plan is above it, never the same
                        _line("2013204", "档案馆运行", 3.1234, 3.1234, 3.1249, 34)]
    # the year's budget prints 行政运行 as the final account's actual: never the final account's plan
    budget = Record(DEPT, 2024, "budget", "standalone", "budget.pdf", "b" * 64, "raw")
    budget.line_items = [LineItem("一般公共预算支出表", "2013201", "行政运行", {"合计": 90.5}, "functional",
                                  source=Source("一般公共预算支出表", 9))]
    return create_app({"STORE": store_of([final, budget]), "TESTING": True}).test_client()


def _listed(reply: dict) -> dict[str, tuple[float, str]]:
    return {a["label"].split("（")[0]: (a["value"], a["source"]) for a in reply["answers"]}


def test_the_lines_whose_actual_is_their_plan_are_listed_with_their_lines(client):
    reply = ask(client, f"{DEPT}2024年哪些支出科目的决算数和年初预算一模一样")
    listed = _listed(reply)
    assert set(listed) == {"一般行政管理事务", "事业运行"}  # never 行政运行 by the budget document's 90.5
    assert "第31行" in listed["一般行政管理事务"][1] and "部门决算" in listed["事业运行"][1]
    assert "年初预算 20万元，决算 20万元" in next(a["text"] for a in reply["answers"] if "事业运行" in a["label"])
    assert "5个科目" in reply["message"]


@pytest.mark.parametrize(("asked", "lines"), [("哪些科目决算超过了年初预算", {"其他档案事务支出", "档案馆运行"}),
                                               ("哪些科目的决算数比年初预算少", {"行政运行"}),
                                               ("哪些科目决算和调整预算一样", {"一般行政管理事务", "其他档案事务支出"})])
def test_the_lines_above_or_below_the_plan_asked(client, asked, lines):
    assert set(_listed(ask(client, f"{DEPT}2024年{asked}"))) == lines


def test_a_department_with_no_final_account_gets_no_lines(client):
    reply = ask(client, f"{DEPT}2023年哪些支出科目的决算数和年初预算一模一样")
    assert reply["answers"] == []
