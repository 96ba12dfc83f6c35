"""Assets asked in people's words: the assets the year plans to buy (打算新购置多少固定资产) are never the assets
held, of the scope asked (连同下属单位: 汇总); the vehicles held asked as 几辆车 (a real store, fictional records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市政务服务数据管理局"


@pytest.fixture(scope="module")
def client():
    records = []
    for scope, bought, held, n in (("consolidated", 54.5, 2972.32, "a"), ("standalone", 0.2, 1792.52, "b")):
        record = Record(DEPT, 2024, "budget", scope, f"{n}.pdf", n * 64, "raw")
        record.facts = [Fact("fixed_assets", held, source=Source("国有资产占有使用情况", 10)),
                        Fact("fixed_assets_purchase", bought, source=Source("国有资产占有使用情况", 11)),
                        Fact("vehicles", 3.0, "辆", source=Source("国有资产占有使用情况", 12))]
        records.append(record)
    return create_app({"STORE": store_of(records), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def values(reply: dict) -> list[float | None]:
    return [a["value"] for a in reply["answers"]]


@pytest.mark.parametrize("asked, value", [("（连同下属单位）2024年打算新购置多少固定资产", 54.5),
                                          ("本级2024年打算新购置多少固定资产", 0.2), ("2024年固定资产有多少", 2972.32)])
def test_assets_to_buy_are_not_the_assets_held(client, asked, value):
    found = values(ask(client, f"{DEPT}{asked}"))
    assert found[:1] == [value]
    assert ("购置" in asked) == (not {2972.32, 1792.52} & set(found))  # the assets held only when asked


def test_how_many_cars_is_the_vehicles_held(client):
    assert values(ask(client, f"{DEPT}本级现在一共有几辆车"))[:1] == [3.0]


@pytest.mark.parametrize("asked", ["本级名下有多少资产", "本级账上的资产有多少", "本级资产有多少"])
def test_the_assets_held_said_loosely_are_the_fixed_assets_printed_by_their_name(client, asked):
    answers = ask(client, f"{DEPT}{asked}")["answers"]
    assert [a["value"] for a in answers] == [1792.52] and "固定资产" in answers[0]["label"]


def test_a_total_of_assets_asked_is_never_the_fixed_assets_in_its_place(client):
    for asked in ("本级资产总额是多少", "本级国有资产有多少"):
        reply = ask(client, f"{DEPT}{asked}")
        assert reply["answers"] == [] and "没有找到" in reply["message"], asked


def test_the_fixed_assets_asked_are_never_the_total_printed_beside_them():
    record = Record("滨海市档案局", 2024, "budget", "standalone", "archive.pdf", "e" * 64, "raw")
    record.facts = [Fact("state_assets_total", 900.0, source=Source("国有资产占有使用情况", 10)),
                    Fact("fixed_assets", 600.0, source=Source("国有资产占有使用情况", 11))]
    client = create_app({"STORE": store_of([record]), "TESTING": True}).test_client()
    assert values(ask(client, "滨海市档案局2024年固定资产有多少")) == [600.0]
    assert values(ask(client, "滨海市档案局2024年名下有多少资产")) == [900.0]


@pytest.fixture(scope="module")
def two_budgets():
    records = []
    for year, held in ((2025, 150.0), (2026, 194.0)):  # each budget states the vehicles held at the end of the year before
        record = Record("临江市人民政府办公室", year, "budget", "consolidated", f"{year}.pdf", str(year % 10) * 64, "raw")
        record.facts = [Fact("vehicles", held, "辆", text=f"截至{year - 1}年12月31日，共有车辆{held:g}辆",
                             source=Source("国有资产占有使用情况", 20))]
        records.append(record)
    return create_app({"STORE": store_of(records), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


@pytest.mark.parametrize("end, value", [(2025, 194.0), (2024, 150.0)])
def test_vehicles_held_at_a_years_end_are_those_the_next_budget_states(two_budgets, end, value):
    assert values(ask(two_budgets, f"临江市人民政府办公室到{end}年底一共有多少辆车"))[:1] == [value]
