"""A final account against the plan its text states (上海's 决算 print no plan column): a line's actual less
its stated 年初预算, with both sources, and the completion rate of the whole, stated or computed from the two
figures of one document — never from a plan the document does not hold."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.item_plans import PLAN_COLUMN
from ingest.record import Fact, LineItem, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT, STATED = "临江市财政局", "滨海市审计局"
TABLE, NOTE = "一般公共预算财政拨款支出决算表", "说明：五、一般公共预算财政拨款支出决算情况说明"


def _records() -> list[Record]:
    record = Record(DEPT, 2024, "final_account", "consolidated", "linjiang-2024.pdf", "e" * 64, "raw")
    record.facts = [Fact("expenditure_total", 2940.05, source=Source("收入支出决算总表", 20)),
                    Fact("general_budget_expenditure", 2940.05, source=Source("说明", 398)),
                    Fact("general_budget_expenditure_budget", 2993.92, source=Source("说明", 407))]
    record.line_items = [
        LineItem(TABLE, "2010601", "行政运行", {"合计": 1511.89}, "functional", source=Source(TABLE, 247)),
        LineItem(NOTE, "2010601", "行政运行", {PLAN_COLUMN: 1560.05}, "functional", source=Source(NOTE, 411)),
        LineItem(TABLE, "2010602", "一般行政管理事务", {"合计": 10.0}, "functional", source=Source(TABLE, 248))]
    other = Record(STATED, 2024, "final_account", "consolidated", "binhai-2024.pdf", "f" * 64, "raw")
    other.facts = [Fact("expenditure_total", 500.0, source=Source("收入支出决算总表", 20)),
                   Fact("execution_rate", 97.5, unit="%", text="完成年初预算的97.50%", source=Source("说明", 300))]
    return [record, other]


@pytest.fixture(scope="module")
def client():
    return create_app({"STORE": store_of(_records()), "TESTING": True}).test_client()


@pytest.mark.parametrize("asked", ["决算比年初预算少多少", "的决算比年初预算少花了多少", "实际比预算多用了多少"])
def test_a_lines_actual_against_its_stated_plan_is_signed_with_both_sources(client, asked):
    reply = ask(client, f"{DEPT}2024年行政运行{asked}")
    first = reply["answers"][0]
    assert first["value"] == pytest.approx(-48.16)
    assert "第411行" in first["source"] and "第247行" in first["source"]


def test_a_line_without_a_stated_plan_gets_no_difference(client):
    reply = ask(client, f"{DEPT}2024年一般行政管理事务决算和预算差多少")
    assert not any(a["label"].endswith("决算比预算少") or "决算比预算多" in a["label"] for a in reply["answers"])
    assert "没有找到" in reply["message"]


def test_the_completion_rate_unstated_is_computed_from_the_two_figures(client):
    reply = ask(client, f"{DEPT}2024年完成预算的百分之几")
    rate = [a for a in reply["answers"] if a["unit"] == "%"]
    assert [a["value"] for a in rate] == [pytest.approx(98.2)]
    assert "÷" in rate[0]["text"] and "第407行" in rate[0]["source"] and "第398行" in rate[0]["source"]


def test_the_completion_rate_stated_is_answered_as_stated(client):
    reply = ask(client, f"{STATED}2024年预算完成率是多少")
    assert [(a["value"], a["unit"]) for a in reply["answers"]] == [(97.5, "%")]


def test_a_lines_plan_asked_alone_is_its_stated_plan_and_both_asked_are_each_given(client):
    reply = ask(client, f"{DEPT}2024年行政运行年初预算是多少")  # never the actual (1,511.89) for the plan
    assert [a["value"] for a in reply["answers"]] == [1560.05] and "第411行" in reply["answers"][0]["source"]
    values = [a["value"] for a in ask(client, f"{DEPT}2024年行政运行，年初预算和实际决算分别是多少")["answers"]]
    assert 1560.05 in values and 1511.89 in values


def test_a_difference_from_the_plan_printed_alone_is_answered_as_printed_with_the_plan_computed():
    record = Record("清江市数据中心", 2023, "final_account", "standalone", "qj-2023.txt", "d" * 64, "raw")
    said = "一般公共预算财政拨款支出855.99万元，比年初预算数减少1,886.42万元，下降68.8%；"
    record.facts = [Fact("general_budget_expenditure", 855.99, text=said, source=Source("说明", 772)),
                    Fact("general_budget_expenditure_vs_plan", -1886.42, text=said, source=Source("说明", 772))]
    client = create_app({"STORE": store_of([record]), "TESTING": True}).test_client()
    for asked in ("决算比年初预算少了多少", "跟年初预算比少花了多少"):
        answers = ask(client, f"清江市数据中心2023年一般公共预算财政拨款支出{asked}")["answers"]
        assert answers[0]["value"] == -1886.42 and "第772行" in answers[0]["source"], asked
        assert any(a["value"] == 2742.41 and "计算所得" in a["label"] for a in answers)


def test_the_government_funds_spending_is_its_own_figure_not_its_income():
    record = Record("清江市数据中心", 2021, "final_account", "standalone", "qj-2021.txt", "c" * 64, "raw")
    record.facts = [Fact("government_fund_revenue", 3000.0, source=Source("说明", 536)),
                    Fact("government_fund_expenditure", 2890.92, source=Source("说明", 540))]
    client = create_app({"STORE": store_of([record]), "TESTING": True}).test_client()
    answers = ask(client, "清江市数据中心2021年政府性基金预算财政拨款支出决算是多少")["answers"]
    assert [a["value"] for a in answers] == [2890.92]


def test_a_printed_difference_of_nothing_is_said_level_and_both_askings_compute_the_plan_alike():
    record = Record("清江市数据中心", 2022, "final_account", "standalone", "qj-2022.txt", "a" * 64, "raw")
    said = "一般公共预算财政拨款支出500.00万元，与年初预算数持平。"
    record.facts = [Fact("general_budget_expenditure", 500.0, text=said, source=Source("说明", 700)),
                    Fact("general_budget_expenditure_vs_plan", 0.0, text=said, source=Source("说明", 700))]
    client = create_app({"STORE": store_of([record]), "TESTING": True}).test_client()
    reply = ask(client, "清江市数据中心2022年一般公共预算财政拨款支出决算比年初预算少了多少")
    assert "持平" in reply["message"] and "增加0" not in reply["message"] and "持平" in reply["answers"][0]["label"]
    against = next(a for a in reply["answers"] if "计算所得" in a["label"])
    alone = ask(client, "清江市数据中心2022年一般公共预算财政拨款支出的年初预算是多少")["answers"]
    assert [a["value"] for a in alone] == [against["value"]] == [500.0] and alone[0]["text"] == against["text"]
