"""A final account prints the plan of its 三公 figure and of each part beside the actual ('公务接待费支出决算为0.37
万元，完成预算2.00万元'): a plan asked alone is that printed plan, never the actual in its place; both asked (实际花了
多少，预算是多少) are each answered, labelled; a part whose plan the document does not print gets no number; a budget's
figure is its plan."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市数据局"
TABLE, NOTE = "一般公共预算财政拨款“三公”经费支出决算表", "“三公”经费财政拨款支出决算情况说明"


def _records() -> list[Record]:
    final = Record(DEPT, 2021, "final_account", "standalone", "linjiang-2021.txt", "a" * 64, "tsv")
    final.facts = [Fact("expenditure_total", 500.0, source=Source("收入支出决算总表", 20)),
                   Fact("three_public_budget", 7.0, source=Source(TABLE, 457)),
                   Fact("three_public_actual", 1.21, source=Source(TABLE, 457)),
                   Fact("three_public_reception_budget", 2.0, source=Source(TABLE, 457)),
                   Fact("three_public_reception", 0.37, text="公务接待费支出决算为0.37万元，完成预算2.00万元的18.50%。",
                        source=Source(NOTE, 546)),
                   Fact("three_public_vehicle", 0.84, source=Source(NOTE, 546)),  # its plan not printed
                   Fact("general_budget_expenditure", 450.0, source=Source("说明", 540)),
                   Fact("general_budget_expenditure_budget", 480.0, source=Source("说明", 541))]
    budget = Record(DEPT, 2022, "budget", "standalone", "linjiang-2022.txt", "b" * 64, "tsv")
    budget.facts = [Fact("expenditure_total", 520.0, source=Source("收支总表", 10)),
                    Fact("three_public_budget", 6.0, source=Source("三公经费表", 50)),
                    Fact("three_public_reception", 1.5, source=Source("三公经费表", 50))]
    return [final, budget]


@pytest.fixture(scope="module")
def client():
    return create_app({"STORE": store_of(_records()), "TESTING": True}).test_client()


def _values(reply: dict) -> list[float]:
    return [a["value"] for a in reply["answers"]]


@pytest.mark.parametrize("asked", ["公务接待费预算是多少", "公务接待费的年初预算有多少", "公务接待费全年预算多少钱"])
def test_a_parts_plan_asked_of_a_final_account_is_the_plan_it_prints(client, asked):
    reply = ask(client, f"{DEPT}2021年{asked}")
    assert _values(reply) == [2.0]  # never the actual 0.37
    assert "预算" in reply["answers"][0]["label"] and "第457行" in reply["answers"][0]["source"]


def test_the_wholes_plan_asked_of_a_final_account_is_its_plan(client):
    assert _values(ask(client, f"{DEPT}2021年三公经费预算是多少")) == [7.0]


@pytest.mark.parametrize("asked", ["公务接待费实际花了多少，预算是多少", "公务接待费年初预算多少，决算多少",
                                   "公务接待费年初预算多少？最后实际用掉多少", "公务接待费年初预算和最后决算各是多少"])
def test_the_plan_and_the_actual_asked_together_are_each_answered_labelled(client, asked):
    answers = ask(client, f"{DEPT}2021年{asked}")["answers"]
    by_label = {a["label"]: a["value"] for a in answers}
    assert any("预算" in label and value == 2.0 for label, value in by_label.items())
    assert any("决算" in label and "比" not in label and value == 0.37 for label, value in by_label.items())


def test_a_part_whose_plan_is_not_printed_gets_no_number(client):
    reply = ask(client, f"{DEPT}2021年公务用车购置及运行维护费预算是多少")
    assert reply["answers"] == [] and "没有找到" in reply["message"]


def test_a_figure_whose_name_says_budget_is_its_actual_not_its_plan(client):
    assert _values(ask(client, f"{DEPT}2021年一般公共预算财政拨款支出是多少")) == [450.0]
    assert _values(ask(client, f"{DEPT}2021年一般公共预算财政拨款支出年初预算是多少")) == [480.0]


def test_the_actual_asked_of_a_final_account_and_a_budgets_own_figure_are_unchanged(client):
    assert _values(ask(client, f"{DEPT}2021年公务接待费实际花了多少")) == [0.37]
    assert _values(ask(client, f"{DEPT}2022年公务接待费预算是多少")) == [1.5]


def test_a_plan_printed_only_as_the_difference_is_the_actual_less_it_said_computed():
    final = Record("滨海市档案局", 2021, "final_account", "standalone", "archive-2021.txt", "c" * 64, "tsv")
    said = "一般公共预算财政拨款支出4,690.97万元，比年初预算数增加3,320.27万元，增长242.20%"
    final.facts = [Fact("general_budget_expenditure", 4690.97, text=said, source=Source("说明", 540)),
                   Fact("general_budget_expenditure_vs_plan", 3320.27, text=said, source=Source("说明", 540))]
    client = create_app({"STORE": store_of([final]), "TESTING": True}).test_client()
    answers = ask(client, "滨海市档案局2021年一般公共预算财政拨款支出的年初预算是多少")["answers"]
    assert [a["value"] for a in answers] == [1370.7]
    assert "计算所得" in answers[0]["label"] and "3320.27" in answers[0]["text"] and "第540行" in answers[0]["source"]
    # the actual asked is the actual
    assert _values(ask(client, "滨海市档案局2021年一般公共预算财政拨款支出是多少")) == [4690.97]


def test_a_plan_asked_of_a_figure_with_no_plan_key_is_computed_never_the_actual():
    final = Record("滨海市档案局", 2021, "final_account", "standalone", "archive-2021.txt", "c" * 64, "tsv")
    said = "政府性基金预算财政拨款支出300.00万元，比年初预算数增加100.00万元"
    final.facts = [Fact("government_fund_expenditure", 300.0, text=said, source=Source("说明", 560)),
                   Fact("government_fund_expenditure_vs_plan", 100.0, text=said, source=Source("说明", 560)),
                   Fact("revenue_total", 800.0, source=Source("收入支出决算总表", 20))]
    client = create_app({"STORE": store_of([final]), "TESTING": True}).test_client()
    reply = ask(client, "滨海市档案局2021年政府性基金预算财政拨款支出年初预算是多少")
    answers = reply["answers"]
    assert [a["value"] for a in answers] == [200.0] and "计算所得" in answers[0]["label"]  # never the actual 300
    asked = next(c for c in reply["cube_query"]["cut"] if c.startswith("fact:")).removeprefix("fact:").split("|")
    assert len(asked) == len(set(asked))  # a key cut twice is summed twice (the cache's cube: the actual doubled)
    reply = ask(client, "滨海市档案局2021年收入总额预算是多少")  # no plan printed, nor a difference
    assert reply["answers"] == [] and "没有列出" in reply["message"] and "800" not in reply["message"]
