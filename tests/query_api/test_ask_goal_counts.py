"""A count a program's goal states in a unit of its own (覆盖全区32个单位及以上) answers a question asking it of the program
where no indicator holds it — the count in that unit with the goal's line, never an amount (a real store, a fictional
record read from a fictional goal)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Indicator, Program, Record, Source
from ingest.stated_parts import goal_parts
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市数据局"
GOAL = "1.为全区各有关单位提供政务云服务，覆盖全区32个单位及以上。2.开通服务器数量550台及以上。3.全年组织培训2次。"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "standalone", "a.txt", "a" * 64, "raw")
    cloud = Program("政务云租赁服务", DEPT, 800.0, performance_target=GOAL, source=Source("项目支出绩效目标表", 60))
    record.programs = [cloud, Program("数据中心运维", DEPT, 90.0, source=Source("项目支出表", 41))]
    record.indicators = [Indicator("系统可用率", ">=", 99.0, "%", "政务云租赁服务", source=Source("项目支出绩效目标表", 61))]
    record.facts = goal_parts(record.programs, 2026)
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


@pytest.mark.parametrize("asked, value, unit", [("政务云租赁服务的绩效目标里，要覆盖至少几个单位", 32, "个"),
                                                ("政务云租赁服务要开通多少台服务器", 550, "台"),
                                                ("政务云租赁服务项目一年组织几次培训", 2, "次")])
def test_a_count_its_goal_states_is_answered_in_its_own_unit_with_the_goals_line(client, asked, value, unit):
    reply = ask(client, f"{DEPT}2026年{asked}")
    assert [(a["value"], a["unit"]) for a in reply["answers"]] == [(value, unit)], reply
    assert "第60行" in reply["answers"][0]["source"]


def test_a_count_no_goal_states_is_said_missing_not_answered_with_money(client):
    reply = ask(client, f"{DEPT}2026年政务云租赁服务要覆盖几个街道")
    assert not reply["answers"] or all(a["unit"] != "万元" for a in reply["answers"]), reply
    assert 32 not in [a["value"] for a in reply["answers"]]


def test_a_hall_named_among_the_things_counted_is_no_unknown_department():
    # 报告厅 ends as 财政厅 does, but is a hall: the indicator that names it answers, in its own unit
    record = Record(DEPT, 2026, "budget", "standalone", "b.txt", "b" * 64, "raw")
    record.programs = [Program("场馆免费开放", DEPT, 50.0, source=Source("项目支出表", 70))]
    record.indicators = [Indicator("体育馆、报告厅、田径场使用次数", ">=", 300.0, "次", "场馆免费开放",
                                   source=Source("项目支出绩效目标表", 71))]
    client = create_app({"STORE": store_of([record]), "TESTING": True}).test_client()
    reply = ask(client, f"{DEPT}一年要提供体育馆、报告厅、田径场至少用多少次")
    assert [(a["value"], a["unit"]) for a in reply["answers"]] == [(300.0, "次")], reply
    assert "第71行" in reply["answers"][0]["source"]


def test_a_count_asked_of_the_department_is_the_goal_clause_that_holds_the_thing_counted(client):
    # no program named: the goal whose clause holds 服务器 answers, in its unit, with its line
    reply = ask(client, f"{DEPT}2026年要开通多少台服务器")
    assert [(a["value"], a["unit"]) for a in reply["answers"]] == [(550, "台")], reply
    assert "第60行" in reply["answers"][0]["source"] and "政务云租赁服务" in reply["answers"][0]["label"]
    assert ask(client, f"{DEPT}2026年要覆盖多少个街道")["answers"] == []  # no goal holds 街道
