"""Two organisations' figures of one line or program compared (甲局2026年和乙局2025年的购房补贴，哪个高？高多少？): each side's
own figure, the larger first, and their difference computed and said so (a real store, fictional records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, LineItem, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

JUSTICE, COMMERCE = "临江市司法局", "临江市商务委员会"


@pytest.fixture(scope="module")
def client():
    records = []
    for i, (dept, year, housing, program, amount) in enumerate(((JUSTICE, 2026, 243.36, "法律援助经费", 60.0),
                                                                (COMMERCE, 2025, 148.8, "外贸促进经费", 85.5))):
        record = Record(dept, year, "budget", "consolidated", f"{i}.txt", str(i) * 64, "tsv")
        record.line_items = [LineItem("支出总表", "2210203", "购房补贴", {"合计": housing}, "functional",
                                      source=Source("支出总表", 30 + i))]
        record.programs = [Program(program, dept, amount, source=Source("项目表", 40 + i))]
        record.facts = [Fact("administrative_operating_cost", cost, source=Source("机关运行经费", 50 + i))
                        for cost in ((217.83, 171.01)[i],)]
        records.append(record)
    return create_app({"STORE": store_of(records), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def test_a_line_of_two_departments_compared(client):
    reply = ask(client, f"{JUSTICE}2026年和{COMMERCE}2025年的购房补贴预算，哪个高？高多少？")
    assert [a["value"] for a in reply["answers"]] == [243.36, 148.8, 94.56]
    assert reply["answers"][0]["label"].startswith(JUSTICE) and "计算所得" in reply["answers"][2]["text"]
    assert all("预算" in a["label"] for a in reply["answers"][:2])  # each side's phase said


def test_two_years_no_year_asked_are_compared_and_said(client):
    # no year asked: a 2026 budget and a 2025 budget, each labelled with its year and phase, the two years said
    reply = ask(client, f"{JUSTICE}的法律援助经费和{COMMERCE}的外贸促进经费，哪个预算更少？少多少？")
    assert [a["value"] for a in reply["answers"]] == [60.0, 85.5, 25.5]
    assert "2026年预算" in reply["message"] and "2025年预算" in reply["message"]


def test_a_budget_and_a_final_account_no_year_asked_are_not_compared():
    records = []
    for i, (dept, year, kind, housing) in enumerate((("临江市数据局", 2022, "budget", 100.0),
                                                     ("临江市数据局", 2021, "final_account", 90.0),
                                                     (COMMERCE, 2021, "final_account", 40.0),
                                                     ("临江市档案局", 2021, "final_account", 25.0))):
        record = Record(dept, year, kind, "consolidated", f"{i}.txt", str(i) * 64, "tsv")
        record.line_items = [LineItem("支出总表", "2210203", "购房补贴", {"合计": housing}, "functional",
                                      source=Source("支出总表", 30 + i))]
        records.append(record)
    client = create_app({"STORE": store_of(records), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()
    reply = ask(client, f"临江市数据局和{COMMERCE}的购房补贴哪个高")
    assert 60.0 not in [a["value"] for a in reply["answers"]], reply
    # one year and phase both sides: compared, the smaller first when asked so, each side's phase said
    reply = ask(client, f"临江市档案局和{COMMERCE}的购房补贴哪个更少？少多少？")
    assert [a["value"] for a in reply["answers"]] == [25.0, 40.0, 15.0], reply
    assert all("2021年" in a["label"] and "决算" in a["label"] for a in reply["answers"][:2])


@pytest.mark.parametrize("asked", [f"{JUSTICE}2026年和{COMMERCE}2025年的机关运行经费加起来多少",
                                   f"{JUSTICE}2026年和{COMMERCE}2025年的购房补贴合计多少"])
def test_two_departments_figures_added_up_are_each_and_their_sum_computed(client, asked):
    values = [a["value"] for a in ask(client, asked)["answers"]]
    assert values in ([217.83, 171.01, 388.84], [243.36, 148.8, 392.16]), values
