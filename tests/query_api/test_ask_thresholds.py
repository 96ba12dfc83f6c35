"""Departments tested by a threshold on a figure (哪些单位单价100万元以上的设备超过20台, 哪些部门车辆超过5辆): only those whose
printed figure passes it, each with the figure and its line; none, said so, when none passes; a threshold in another
unit than the figure's tests nothing (a real store, fictional records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

# (department, year, large equipment, vehicles, 三公 in 万元)
HELD = [("临江市气象局", 2026, 25.0, 4.0, 24.0), ("临江市口岸办公室", 2026, 21.0, 12.0, 43.8),
        ("临江市财政局", 2024, 2.0, 0.0, 8.0)]


@pytest.fixture(scope="module")
def client():
    records = []
    for i, (dept, year, equipment, vehicles, three_public) in enumerate(HELD):
        record = Record(dept, year, "budget", "consolidated", f"{i}.txt", str(i) * 64, "raw")
        record.facts = [Fact("large_equipment", equipment, "台", source=Source("国有资产占有使用情况", 30 + i)),
                        Fact("vehicles", vehicles, "辆", source=Source("国有资产占有使用情况", 40 + i)),
                        Fact("three_public_budget", three_public, source=Source("三公经费", 50 + i))]
        records.append(record)
    return create_app({"STORE": store_of(records), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def found(client, question: str) -> list[tuple[str, float, str]]:
    """Each answer's department (its label, before the year and phase it says), figure and unit."""
    return [(a["label"].split("（")[0], a["value"], a["unit"]) for a in ask(client, question)["answers"]]


def test_only_the_departments_whose_count_passes(client):
    assert found(client, "哪些单位单价100万元以上的设备超过20台") == [("临江市气象局", 25.0, "台"), ("临江市口岸办公室", 21.0, "台")]
    assert found(client, "哪些部门的车辆超过5辆") == [("临江市口岸办公室", 12.0, "辆")]
    reply = ask(client, "哪些单位单价100万元以上的设备超过20台")
    assert all("第3" in a["source"] for a in reply["answers"])  # each with its line


def test_none_passing_lists_none(client):
    reply = ask(client, "哪些部门车辆超过100辆")
    assert reply["answers"] == [] and "没有" in reply["message"]


def test_an_amount_threshold_on_an_amount(client):
    assert found(client, "哪些部门三公经费超过10万元") == [("临江市口岸办公室", 43.8, "万元"), ("临江市气象局", 24.0, "万元")]


def test_a_count_is_not_tested_by_an_amount(client):
    assert not [a for a in ask(client, "哪些单位单价100万元以上的设备超过20万元")["answers"] if a["unit"] == "台"]



def test_a_final_account_is_judged_on_its_actual_and_each_label_says_year_and_phase():
    # a 2021 final account printing its plan 7.00 beside its actual 1.21; another department's 2022 budget
    actual = Record("临江市档案局", 2021, "final_account", "consolidated", "f.txt", "f" * 64, "raw")
    actual.facts = [Fact("three_public_budget", 7.0, source=Source("三公经费", 60)),
                    Fact("three_public_actual", 1.21, source=Source("三公经费", 61))]
    budget = Record("临江市气象局", 2022, "budget", "consolidated", "g.txt", "g" * 64, "raw")
    budget.facts = [Fact("three_public_budget", 6.0, source=Source("三公经费", 62))]
    client = create_app({"STORE": store_of([actual, budget]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()
    reply = ask(client, "哪些部门三公经费超过5万元")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [("临江市气象局（2022年预算）", 6.0)], reply
    reply = ask(client, "哪些部门三公经费超过1万元")
    assert ("临江市档案局（2021年决算）", 1.21) in [(a["label"], a["value"]) for a in reply["answers"]], reply


def test_held_at_a_year_s_end_is_that_year_s_final_account():
    records = []
    for i, (dept, year, kind, vehicles) in enumerate((("临江市档案局", 2025, "final_account", 3.0),
                                                      ("临江市档案局", 2025, "budget", 9.0))):
        record = Record(dept, year, kind, "consolidated", f"{i}.txt", str(i) * 64, "raw")
        record.facts = [Fact("vehicles", vehicles, "辆", source=Source("国有资产占有使用情况", 70 + i))]
        records.append(record)
    client = create_app({"STORE": store_of(records), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()
    assert not ask(client, "到2025年底哪些部门的车辆超过5辆")["answers"]
