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


@pytest.fixture(scope="module")
def water():
    record = Record("临江市水务工程中心", 2026, "budget", "standalone", "w.pdf", "w" * 64, "raw")
    record.programs = [Program("东线第二条原水管道工程一期工程-2026年", "临江市水务工程中心", 2000.0, source=Source(
        "部门预算项目支出及其他支出预算表", 80), performance_target="建设东线第二条原水管道工程，使管道过水能力由现状40万m3/d"
        "提高到160万m3/d，新建管道12.5公里。"), Program("泵站运维", "临江市水务工程中心", 90.0, source=Source("项目支出表", 81))]
    record.facts = goal_parts(record.programs, 2026)
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


@pytest.mark.parametrize(("asked", "value", "unit"), [
    ("东线第二条原水管道工程要把过水能力提高到多少万立方米每天？", 160.0, "万立方米/日"),
    ("东线第二条原水管道工程现状过水能力由多少万方每天提高", 40.0, "万立方米/日"),
    ("东线第二条原水管道工程要新建多少公里管道", 12.5, "公里"),
    ("东线第二条原水管道工程建成后过水能力能达到多少万立方米/日", 160.0, "万立方米/日")])
def test_a_quantity_its_goal_states_is_answered_in_the_unit_asked_with_the_goals_line(water, asked, value, unit):
    # 万立方米每天 asked of 万m3/d printed; of two quantities in one clause, the one its words say before it (提高到)
    reply = ask(water, f"临江市水务工程中心的{asked}")
    assert [(a["value"], a["unit"]) for a in reply["answers"]] == [(value, unit)], reply
    assert "第80行" in reply["answers"][0]["source"]


def test_a_quantity_asked_in_another_unit_or_not_told_apart_gets_no_figure(water):
    # 公里 asked of a flow, or 万立方米每天 with no words telling 40 from 160: never one of them picked
    for asked in ("东线第二条原水管道工程的过水能力是多少公里", "东线第二条原水管道工程的过水能力是多少万立方米每天"):
        values = [a["value"] for a in ask(water, f"临江市水务工程中心的{asked}")["answers"]]
        assert 160.0 not in values and 40.0 not in values and 2000.0 not in values
