"""Assets, vehicles and a line's change on a year the store holds no document of, asked in people's words: the
vehicles and the equipment of 100万元 and more held as counts (几辆车, 几台) and ranked across departments in their
unit, the assets a budget plans to buy apart from those held, and a change the document states on the year named (比2025年多花了多少) answered from it. The
departments and figures are invented; a real store, a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import FACT_UNITS, Fact, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

WATER, PORT = "临江市水务局", "海州市口岸办"


def _record(dept: str, sha: str, facts: list[tuple[str, float, int]]) -> Record:
    record = Record(dept, 2026, "budget", "consolidated", f"{sha}.pdf", sha * 64, "raw")
    record.facts = [Fact(key, value, unit=FACT_UNITS.get(key, "万元"), text=f"说明第{line}行",
                         source=Source("其他重要事项的情况说明", line)) for key, value, line in facts]
    return record


@pytest.fixture(scope="module")
def client():
    store = store_of([
        _record(WATER, "a", [("vehicles", 43, 108), ("large_equipment", 21, 109), ("three_public_vehicle", 9.98, 120),
                             ("three_public_vehicle_operation", 7.2, 121), ("three_public_vehicle_purchase", 2.78, 122),
                             ("fixed_assets", 4295.98, 110), ("fixed_assets_net", 3100.5, 110), ("fixed_assets_purchase", 54.5, 111),
                             ("administrative_operating_cost", 184.65, 98), ("administrative_operating_cost_change", 2.55, 98),
                             ("project_expenditure", 577.15, 70), ("project_expenditure_change", -100.39, 72),
                             ("government_fund_revenue", 44134.59, 65), ("government_fund_revenue_change", -258146.77, 65),
                             ("revenue_total", 186549.3, 60), ("fiscal_appropriation_revenue", 172283.15, 61)]),
        _record(PORT, "b", [("vehicles", 194, 746), ("large_equipment", 2, 747), ("revenue_total", 999999.0, 60)])])
    return create_app({"STORE": store, "TESTING": True}).test_client()


def _values(reply: dict) -> list[tuple]:
    return [(a["value"], a["unit"]) for a in reply["answers"]]


@pytest.mark.parametrize("asked", ["现在一共有几辆车？", "有多少辆公务车", "的车辆数是多少", "的公务用车有几辆"])
def test_the_vehicles_held_are_a_count(client, asked):
    reply = ask(client, f"{WATER}{asked}")
    assert _values(reply) == [(43, "辆")] and "第108行" in reply["answers"][0]["source"]


def test_vehicles_to_buy_are_no_count_of_those_held(client):
    reply = ask(client, f"{WATER}2026年打算购置几辆公务用车")
    # no count of vehicles to buy is printed: no figure, and never the 43 held nor the purchase's money
    assert reply["answers"] == [] and "43" not in reply["message"]


@pytest.mark.parametrize(("asked", "value"), [
    ("公务车的运行费是多少", 7.2), ("公务车的油费是多少", 7.2), ("公务车加油花了多少", 7.2), ("公务车保险多少钱", 7.2),
    ("公务车购置费是多少", 2.78), ("购置公务车花了多少", 2.78), ("公务车花了多少钱", 9.98)])
def test_the_cost_of_a_vehicle_is_money_not_the_vehicles_held(client, asked, value):
    assert _values(ask(client, f"{WATER}{asked}")) == [(value, "万元")]


def test_departments_ranked_by_their_vehicles_in_their_unit(client):
    answers = ask(client, "哪个单位的公务车最多")["answers"]
    # the count of vehicles, never the departments' budgets (PORT's 999999 万元 income)
    assert [(a["label"], a["value"], a["unit"]) for a in answers] == [(PORT, 194, "辆"), (WATER, 43, "辆")]


def test_the_equipment_above_the_templates_price_is_a_count_ranked_in_its_unit(client):
    assert _values(ask(client, f"{WATER}单价100万元以上的设备有几台")) == [(21, "台")]
    answers = ask(client, "哪个单位的大型设备最多")["answers"]
    assert [(a["label"], a["value"], a["unit"]) for a in answers] == [(WATER, 21, "台"), (PORT, 2, "台")]


@pytest.mark.parametrize(("asked", "value"), [("2026年打算新购置多少固定资产？", 54.5), ("账上的固定资产总共有多少？", 4295.98),
                                              ("固定资产净值是多少", 3100.5)])
def test_assets_to_buy_are_not_the_assets_held(client, asked, value):
    assert _values(ask(client, f"{WATER}{asked}")) == [(value, "万元")]


@pytest.mark.parametrize(("asked", "value"), [
    ("2026年的机关运行经费比2025年多花了多少？", 2.55),
    ("2026年政府性基金预算财政拨款和2025年比变化了多少？", -258146.77),
    ("2026年的项目支出跟2025年比变化了多少？", -100.39)])
def test_a_change_on_a_year_not_held_is_the_one_the_document_states(client, asked, value):
    change, *figures = ask(client, f"{WATER}{asked}")["answers"]  # the change first, then this year's figure
    assert (change["value"], change["unit"]) == (value, "万元") and "比2025年" in change["label"]
    assert "其他重要事项的情况说明" in change["source"] and len(figures) == 1
