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
    return [(a["label"], a["value"], a["unit"]) for a in ask(client, question)["answers"]]


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

