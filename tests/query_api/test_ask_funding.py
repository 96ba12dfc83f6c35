"""Programs by where their money comes from (answering.funding): the programs with money from the source named,
listed, counted and ranked as any programs are; their budgets are not added up (a program's budget may hold
money of other sources); a line's own name (一般公共预算财政拨款支出) is no condition. Fictional records, a real
(memory) store."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Program, Record, Source
from query_api.app import create_app
from query_api.slots import funding_asked
from tests.query_api.sample_clients import ask

DEPT = "临江市西湖区水务局"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "consolidated", "water.pdf", "f" * 64, "raw")
    record.programs = [
        Program("河道保洁经费", DEPT, 100.0, funding={"一般公共预算": 100.0}, source=Source("项目支出表", 20)),
        Program("水库移民扶持项目", DEPT, 5.0, funding={"政府性基金预算": 5.0}, source=Source("项目支出表", 21)),
        Program("污水管网改造工程", DEPT, 50.0, funding={"一般公共预算": 20.0, "政府性基金预算": 30.0},
                source=Source("项目支出表", 22)),
        Program("防汛物资储备经费", DEPT, 12.0, funding={"一般公共预算": 12.0, "政府性基金预算": 0.0},
                source=Source("项目支出表", 23))]
    record.facts = [Fact("general_budget_expenditure", 132.0, source=Source("收支总表", 11)),
                    Fact("project_expenditure", 67.0, source=Source("收支总表", 12))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def _labels(reply: dict) -> list[str]:
    return [a["label"] for a in reply["answers"]]


def test_the_programs_with_money_from_the_source_named(client):
    for question in (f"{DEPT}2026年哪些项目的钱来自政府性基金预算？", f"{DEPT}2026年政府性基金预算安排的项目有哪些",
                     f"{DEPT}2026年用了政府性基金的项目"):
        assert sorted(_labels(ask(client, question))) == ["水库移民扶持项目", "污水管网改造工程"], question


def test_counted_and_ranked_as_any_programs(client):
    counted = ask(client, f"{DEPT}2026年有几个项目用了政府性基金？")["answers"]
    assert [(a["value"], a["unit"]) for a in counted] == [(2, "个")] and "政府性基金" in counted[0]["label"]
    largest = ask(client, f"{DEPT}2026年政府性基金安排的项目中预算最多的是哪个")
    assert _labels(largest)[:1] == ["污水管网改造工程"]


def test_their_budgets_are_not_added_up(client):
    # 污水管网改造工程's 50 holds 20 of the general budget: 55 would not be the fund's money
    reply = ask(client, f"{DEPT}2026年政府性基金安排的项目一共多少钱")
    assert all(a["value"] != 55.0 for a in reply["answers"]) and "没有把它们加总" in reply["message"]
    assert sorted(_labels(reply)) == ["水库移民扶持项目", "污水管网改造工程"]


def test_a_source_no_program_has_money_from_says_so(client):
    reply = ask(client, f"{DEPT}2026年哪些项目的资金来自国有资本经营预算")
    assert reply["answers"] == [] and "国有资本经营" in reply["message"]


def test_a_lines_own_name_is_no_condition():
    assert funding_asked("某局2026年一般公共预算财政拨款支出是多少") is None
    assert funding_asked("某局一般公共预算安排的项目支出是多少") == ("一般公共预算", (2, 11))
    assert funding_asked("某局哪些项目是一般公共预算拨款的钱") == ("一般公共预算", (7, 17))
    assert funding_asked("某局项目的一般公共预算财政拨款支出是多少") is None
    assert funding_asked("某局哪个项目用的是政府性基金预算的钱") == ("政府性基金", (6, 18))
    assert funding_asked("某局的钱来自政府性基金吗") is None  # no program asked about


def test_a_funds_part_of_a_figure_is_not_answered_with_the_whole(client):
    # the fund's part of the department's 项目支出 is printed nowhere: never the whole 67 in its place
    reply = ask(client, f"{DEPT}2026年政府性基金预算安排的项目支出是多少")
    assert reply["answers"] == [] and "政府性基金" in reply["message"], reply


@pytest.mark.parametrize("asked", ["哪些项目的钱不全是一般公共预算安排的", "哪些项目不完全由一般公共预算安排",
                                   "哪些项目除了一般公共预算还有其他资金来源", "哪些项目不全是一般公共预算拨款的钱"])
def test_not_wholly_from_a_source_is_another_sources_money_above_zero(client, asked):
    # 防汛物资储备经费 prints 政府性基金预算 0.00: wholly the general budget's
    assert sorted(_labels(ask(client, f"{DEPT}2026年{asked}"))) == ["水库移民扶持项目", "污水管网改造工程"]
    assert sorted(_labels(ask(client, f"{DEPT}2026年哪些项目不全是政府性基金预算安排的"))) == [
        "污水管网改造工程", "河道保洁经费", "防汛物资储备经费"]


def test_not_wholly_from_a_source_none_has_gives_none():
    record = Record("滨海市档案局", 2026, "budget", "consolidated", "archive.pdf", "e" * 64, "raw")
    record.programs = [Program("档案数字化", "滨海市档案局", 10.0, funding={"一般公共预算": 10.0, "政府性基金预算": 0.0},
                               source=Source("项目支出表", 20))]
    record.facts = [Fact("project_expenditure", 10.0, source=Source("收支总表", 12))]
    client = create_app({"STORE": store_of([record]), "TESTING": True}).test_client()
    reply = ask(client, "滨海市档案局2026年哪些项目的钱不全是一般公共预算安排的")
    assert reply["answers"] == [] and "其他来源" in reply["message"]


def _port(first: dict[str, float]):
    """A client over a port office whose first program has the money `first`, its second only the general budget's."""
    record = Record("滨海市口岸办", 2026, "budget", "consolidated", "port.pdf", "d" * 64, "raw")
    record.programs = [Program("口岸管理业务", "滨海市口岸办", 15.0, funding=first, source=Source("项目支出总表", 20)),
                       Program("综合管理", "滨海市口岸办", 3.0, funding={"一般公共预算拨款": 3.0}, source=Source("项目支出总表", 21))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def test_money_carried_over_from_last_year_is_another_source():
    client = _port({"一般公共预算拨款": 10.0, "上年结余、结转": 5.0})
    assert _labels(ask(client, "滨海市口岸办2026年哪些项目的钱不全是一般公共预算安排的")) == ["口岸管理业务"]


def test_a_source_printed_in_its_parts_has_the_money_of_each():
    client = _port({"一般公共预算拨款": 10.0, "事业收入": 5.0})
    assert _labels(ask(client, "滨海市口岸办2026年用了单位资金的项目有哪些")) == ["口岸管理业务"]
    assert _labels(ask(client, "滨海市口岸办2026年哪些项目不全是单位资金安排的")) == ["口岸管理业务", "综合管理"]


def test_programs_whose_sources_are_not_printed_are_no_none():
    # the program table printed no amount by source (or it was not read): "no such program" would be a guess
    record = Record("滨海市档案局", 2026, "budget", "consolidated", "archive.pdf", "e" * 64, "raw")
    record.programs = [Program("档案数字化", "滨海市档案局", 10.0, source=Source("项目支出表", 20))]
    client = create_app({"STORE": store_of([record]), "TESTING": True}).test_client()
    for asked in ("哪些项目的钱不全是一般公共预算安排的", "哪些项目用了政府性基金预算"):
        reply = ask(client, f"滨海市档案局2026年{asked}")
        assert reply["answers"] == [] and "没有按资金来源列出" in reply["message"], asked


@pytest.fixture(scope="module")
def own_money():
    record = Record(DEPT, 2026, "budget", "consolidated", "own.pdf", "e" * 64, "raw")
    record.programs = [
        Program("河道保洁经费", DEPT, 100.0, funding={"一般公共预算": 100.0, "单位资金": 0.0}, source=Source("项目支出表", 20)),
        Program("水质监测服务", DEPT, 40.0, funding={"一般公共预算": 30.0, "事业收入": 10.0}, source=Source("项目支出表", 21)),
        Program("污水管网改造工程", DEPT, 50.0, funding={"一般公共预算": 20.0, "单位资金": 30.0},
                source=Source("项目支出表", 22))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


@pytest.mark.parametrize("asked", ["哪些项目除了财政拨款还用了单位自己的资金", "哪些项目用了自有资金"])
def test_programs_with_the_units_own_money_said_in_plain_words(own_money, asked):
    # 河道保洁经费 prints 单位资金 0: not listed; 事业收入 is a part of 单位资金
    assert sorted(_labels(ask(own_money, f"{DEPT}2026年{asked}"))) == ["水质监测服务", "污水管网改造工程"]


@pytest.mark.parametrize(("asked", "expected"), [("污水管网改造工程里有多少是单位资金", [("单位资金", 30.0, "第22行")]),
                                                  ("污水管网改造工程用了多少单位自己的钱", [("单位资金", 30.0, "第22行")]),
                                                  ("河道保洁经费的单位资金是多少", [("单位资金", 0.0, "第20行")]),
                                                  ("水质监测服务项目里有多少是单位资金", [("事业收入", 10.0, "第21行")])])
def test_a_programs_amount_of_the_source_named_is_its_column_never_its_budget(own_money, asked, expected):
    answers = ask(own_money, f"{DEPT}2026年{asked}")["answers"]
    assert [(a["label"].split("（")[1].rstrip("）"), a["value"], a["source"].split(" · ")[-1]) for a in answers] == expected


@pytest.mark.parametrize("asked", ["口岸管理业务里上年结转的钱一共有多少", "口岸管理业务上年结转资金安排了多少",
                                   "口岸管理业务有多少是上年结余结转的", "口岸管理业务的钱里面，有多少是去年结转过来的"])
def test_a_programs_carried_over_money_is_its_column_never_its_budget(asked):
    # the table's column 上年结余、结转 is the program's own carried-over figure, cited at its row; never 15 (its budget)
    reply = ask(_port({"一般公共预算拨款": 10.0, "上年结余、结转": 5.0}), f"滨海市口岸办2026年{asked}")
    assert [(a["value"], a["source"].split(" · ")[-1]) for a in reply["answers"]] == [(5.0, "第20行")], reply
    assert "上年结余、结转" in reply["message"]


def test_a_program_without_a_carried_over_amount_is_refused():
    reply = ask(_port({"一般公共预算拨款": 10.0, "上年结余、结转": 5.0}), "滨海市口岸办2026年综合管理里上年结转的钱有多少")
    assert reply["answers"] == [] and "上年结转" in reply["message"] and "不以" in reply["message"], reply


def test_a_carried_over_column_is_read_however_worded():
    reply = ask(_port({"一般公共预算拨款": 10.0, "财政拨款结转": 5.0}), "滨海市口岸办2026年口岸管理业务里上年结转资金有多少")
    assert [a["value"] for a in reply["answers"]] == [5.0], reply
