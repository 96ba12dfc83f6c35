"""A program's change on the year before as its own item states it (ingest.program_prose.stated_changes) answers
the questions of its change — signed, said on the figure compared, with the line stating it — never the program's
amount as its change; a base asked that the item does not name is refused; programs ranked by their change are
where every program states one, and refused, saying which state none, where some do not. The department,
programs and figures are invented; a real store, a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市河务局"
OTHER = "临江市水文局"


def _program(name, amount, change, base, line, dept=DEPT):
    return Program(name, dept, amount, source=Source("项目支出总表", 400 + line), change=change, change_base=base,
                   change_source=None if change is None else Source(line=line))


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "standalone", "a.txt", "a" * 64, "raw")
    record.programs = [_program("河道管养业务", 30000.5, 569.63, "上年年初预算", 104),
                       _program("上级转移支付项目", 10289.74, 3567.18, "上年年初预算", 110),
                       _program("综合事务管理", 367.65, -52.44, "上年年初预算", 125),
                       _program("预算准备金", 180.0, 0.0, "上年预算", 113)]
    other = Record(OTHER, 2026, "budget", "standalone", "b.txt", "b" * 64, "raw")
    other.programs = [_program("水文监测站运维", 500.0, 20.0, "上年年初预算", 88, OTHER),
                      _program("水文情报预报", 300.0, None, None, 0, OTHER)]
    return create_app({"STORE": store_of([record, other]), "TESTING": True}).test_client()


@pytest.mark.parametrize("asked", [f"{DEPT}2026年河道管养业务预算比2025年年初预算增加了多少", "河道管养业务比上年增加了多少",
                                   "河道管养业务预算比2025年年初预算增加了多少"])
def test_a_program_s_stated_change_is_its_change(client, asked):
    reply = ask(client, asked)
    assert [(a["type"], a["value"]) for a in reply["answers"]] == [("change", 569.63)], reply
    assert "第104行" in reply["answers"][0]["source"] and "2025年年初预算增加569.63万元" in reply["message"]


def test_a_fall_is_said_as_one(client):
    reply = ask(client, f"{DEPT}综合事务管理比上年减少了多少")
    assert [(a["type"], a["value"]) for a in reply["answers"]] == [("change", 52.44)], reply
    assert "减少52.44万元" in reply["message"]


def test_a_base_the_item_does_not_name_is_refused(client):
    reply = ask(client, f"{DEPT}河道管养业务比2025年执行数增加了多少")
    assert reply["answers"] == [] and "年初预算" in reply["message"] and "执行数" in reply["message"], reply


@pytest.mark.parametrize(("asked", "expected"), [
    ("哪个项目比上年增加最多", [("上级转移支付项目", 3567.18)]),
    ("预算减少的项目有哪些", [("综合事务管理", 52.44)]),
    ("哪些项目比上年增加了", [("上级转移支付项目", 3567.18), ("河道管养业务", 569.63)])])
def test_programs_ranked_by_their_stated_changes(client, asked, expected):
    reply = ask(client, f"{DEPT}2026年{asked}")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == expected, reply


def test_programs_ranked_where_some_state_no_change_are_refused_naming_them(client):
    reply = ask(client, f"{OTHER}2026年哪个项目比上年增加最多")
    assert reply["answers"] == [] and "水文情报预报" in reply["message"], reply


def test_a_rate_asked_is_the_stated_change_over_the_figure_it_is_on_computed(client):
    reply = ask(client, f"{DEPT}河道管养业务比上年增长了百分之几")
    assert [(a["unit"], a["value"]) for a in reply["answers"]] == [("%", 1.94)], reply
    assert "计算所得" in reply["answers"][0]["text"] and "第104行" in reply["answers"][0]["source"]


def test_a_fall_asked_as_a_rate_is_positive(client):
    reply = ask(client, f"{DEPT}综合事务管理比上年下降了百分之几")
    assert [(a["unit"], a["value"]) for a in reply["answers"]] == [("%", 12.48)], reply


@pytest.mark.parametrize(("asked", "expected"), [
    ("哪个项目比上年变化最大", [("上级转移支付项目", 3567.18)]),
    ("哪个项目比上年变化最小", [("综合事务管理", -52.44)])])  # by the size of the change, a fall signed
def test_programs_ranked_by_the_size_of_their_change_each_said_with_its_direction(client, asked, expected):
    reply = ask(client, f"{DEPT}2026年{asked}")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == expected, reply
    assert ("减少52.44万元" if expected[0][1] < 0 else "增加3567.18万元") in reply["answers"][0]["text"]
