"""A change asked with the money's verb between (比2023年多花了多少, 少用了多少) is the change the document states,
never the year's amount (a real store, fictional records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市财政局"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2024, "final_account", "consolidated", "f.pdf", "f" * 64, "raw")
    text = "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。"
    record.facts = [Fact("administrative_operating_cost", 184.65, text=text, source=Source("说明", 481)),
                    Fact("administrative_operating_cost_change", 2.55, text=text, source=Source("说明", 481)),
                    Fact("project_expenditure", 577.15, text="项目支出577.15万元，比2023年度减少195万元。",
                         source=Source("说明", 482)),
                    Fact("project_expenditure_change", -195.0, text="项目支出577.15万元，比2023年度减少195万元。",
                         source=Source("说明", 482)),
                    Fact("revenue_total", 1637.5, text="收支预算1637.5万元，比上年减少98.12万元。", source=Source("说明", 479)),
                    Fact("revenue_change", -98.12, text="收支预算1637.5万元，比上年减少98.12万元。", source=Source("说明", 479))]
    return create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


@pytest.mark.parametrize("asked", ["比2023年多花了多少", "比上年多用了多少"])
def test_more_spent_than_last_year_is_the_change_stated(client, asked):
    reply = ask(client, f"{DEPT}2024年的机关运行经费{asked}")
    assert reply["answers"][0]["value"] == 2.55


@pytest.mark.parametrize("asked", ["比上年少了多少", "比上年少花了多少", "比上年少安排了多少", "比上年少用了多少"])
def test_less_spent_than_last_year_is_one_reading_a_positive_fall(client, asked):
    assert ask(client, f"{DEPT}2024年的项目支出{asked}")["answers"][0]["value"] == 195.0



@pytest.mark.parametrize("asked", ["压了多少", "比上年压减了多少", "比去年砍掉了多少", "缩水了多少"])
def test_a_cut_in_everyday_words_is_a_fall_asked(client, asked):
    (answer,) = ask(client, f"{DEPT}2024年的项目支出{asked}")["answers"]
    assert answer["value"] == 195.0 and "第482行" in answer["source"]


def test_the_budgets_plate_is_its_whole(client):
    # 预算盘子 is the department's whole budget, as 部门预算 names it: its change stated, a fall asked positive
    (answer,) = ask(client, f"{DEPT}2024年预算盘子比去年缩水了多少")["answers"]
    assert answer["value"] == 98.12 and "第479行" in answer["source"]
