"""The counts the “三公” narrative prints (接待了几次、一共多少人, 出国去了几个团组, 买了几辆车) answered each in its own unit
with its line, never the money of the figure named beside them; money asked is still the money. The department
and figures are invented; a real store, a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import FACT_UNITS, Fact, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市档案馆"
FACTS = [("three_public_reception", 3.6, "万元", 40), ("reception_batches", 12, "批次", 41),
         ("reception_persons", 156, "人次", 41), ("three_public_outbound", 5.5, "万元", 42),
         ("outbound_groups", 2, "个", 43), ("outbound_persons", 8, "人次", 43),
         ("three_public_vehicle_purchase", 18.0, "万元", 44), ("vehicle_purchases", 1, "辆", 45), ("vehicles", 6, "辆", 46)]


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2024, "final_account", "standalone", "a.txt", "a" * 64, "raw")
    record.facts = [Fact(key, value, unit=unit or FACT_UNITS.get(key), text=f"说明第{line}行",
                         source=Source("“三公”经费财政拨款支出决算情况说明", line)) for key, value, unit, line in FACTS]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def _values(reply: dict) -> list[tuple]:
    return [(a["value"], a["unit"], a["source"].rsplit("第", 1)[-1]) for a in reply["answers"]]


@pytest.mark.parametrize(("asked", "expected"), [
    ("公务接待了几次、一共多少人", [(12, "批次", "41行"), (156, "人次", "41行")]),
    ("国内公务接待了多少批次", [(12, "批次", "41行")]),
    ("公务接待了多少人次", [(156, "人次", "41行")]),
    ("因公出国去了几个团组，多少人次", [(2, "个", "43行"), (8, "人次", "43行")]),
    ("买了几辆公务车", [(1, "辆", "45行")]),
    ("公务用车购置了几辆", [(1, "辆", "45行")]),
    ("公务接待费是多少", [(3.6, "万元", "40行")]),
    ("公务接待花了多少钱", [(3.6, "万元", "40行")]),
])
def test_a_count_is_answered_in_its_unit_and_money_asked_is_money(client, asked, expected):
    assert _values(ask(client, f"{DEPT}2024年{asked}")) == expected


def test_the_vehicles_held_are_not_those_bought(client):
    assert _values(ask(client, f"{DEPT}2024年有几辆公务车")) == [(6, "辆", "46行")]


def test_vehicles_added_are_not_those_bought(client):
    """新增 is a change of the vehicles held, never the count bought (1辆)."""
    assert (1, "辆", "45行") not in _values(ask(client, f"{DEPT}2024年新增几辆公务车"))


@pytest.fixture(scope="module")
def training_client():
    from ingest.record import LineItem, Program
    record = Record("临江市职教中心", 2026, "budget", "standalone", "t.txt", "t" * 64, "raw")
    record.line_items = [LineItem("基本支出表", "30216", "培训费", {"合计": 2.0}, "economic", source=Source("基本支出表", 39))]
    record.programs = [Program("教师培训", "临江市职教中心", 15.0, source=Source("项目支出表", 50))]
    said = "培训费预算2万元，拟开展职业能力提升的培训，人数11人；会议费预算1万元，拟召开会议2次。"
    record.facts = [Fact("training_persons", 11, unit="人", text=said, source=Source("一般性支出情况", 83)),
                    Fact("meeting_count", 2, unit="次", text=said, source=Source("一般性支出情况", 83))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


@pytest.mark.parametrize("asked, expected", [
    ("培训费多少，准备培训几个人", [(2.0, "万元", "39行"), (11, "人", "83行")]),  # both asks, each its own line
    ("准备培训几个人", [(11, "人", "83行")]),
    ("开几次会", [(2, "次", "83行")]),
    ("培训费多少", [(2.0, "万元", "39行")])])
def test_the_counts_beside_training_and_meeting_money_are_answered_in_their_units(training_client, asked, expected):
    assert _values(ask(training_client, f"临江市职教中心2026年{asked}")) == expected


def test_a_programs_training_count_is_no_department_s(training_client):
    answers = ask(training_client, "临江市职教中心的教师培训项目2026年计划培训多少人")["answers"]
    assert 11 not in [a["value"] for a in answers]  # the program's indicator (none here), never the 一般性支出 count
