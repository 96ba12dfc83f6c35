"""The parts of one whole its document prints that pass an amount said (口岸运行业务里，哪些具体工作的预算超过200万元;
政府采购里哪几类超过100万元): only those passing, largest first, each with its amount and line — never the whole's amount,
nor the parts of another sentence holding the same words; none, and said so, when none passes. A program's parts printed
over several lines are one whole's. The department, program and figures are invented; a real store, a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Program, Record, Source
from ingest.stated_parts import STATED_PART
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市口岸办"
WHOLE = "2.口岸运行业务1,000.00万元，主要包括："
BUDGET = "临江市口岸办预算3,000.00万元，包括"
OTHER = "3.口岸综合业务500.00万元，主要包括："
BUY = "2026年本部门政府采购预算300万元，其中：货物类采购预算40.5万元，工程类采购预算180万元，服务类采购预算79.5万元。"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "standalone", "a.pdf", "e" * 64, "raw")
    record.programs = [Program("口岸运行业务", DEPT, 1000.0, source=Source("项目支出表", 30)),
                       Program("口岸综合业务", DEPT, 500.0, source=Source("项目支出表", 31))]
    # one sentence's parts, wrapped over lines 50–53 of the page; another sentence naming the department (口岸) too
    parts = [(WHOLE, "查验设施维护工作", 700.0, 50), (WHOLE, "安检保障工作", 220.0, 51), (WHOLE, "资产盘点工作", 80.0, 53),
             (BUDGET, "在职人员经费", 1500.0, 40), (BUDGET, "项目支出", 1000.0, 41),
             # parts adding up to less than their whole (a part not read: 80 万元 of it)
             (OTHER, "会务工作", 300.0, 60), (OTHER, "培训工作", 120.0, 61)]
    record.facts = [Fact(STATED_PART, value, label=name, text=f"{head}…{name}{value}万元", source=Source("说明", line))
                    for head, name, value, line in parts]
    record.facts += [Fact(key, value, text=BUY, source=Source("说明", 70)) for key, value in (
        ("government_procurement", 300.0), ("procurement_goods", 40.5), ("procurement_works", 180.0),
        ("procurement_services", 79.5))]
    return create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def _found(reply: dict) -> list[tuple]:
    return [(a["label"], a["value"], a["source"].rsplit("第", 1)[-1]) for a in reply["answers"]]


@pytest.mark.parametrize(("asked", "expected"), [
    ("口岸运行业务里，哪些具体工作的预算超过200万元？", [("查验设施维护工作", 700.0, "50行"), ("安检保障工作", 220.0, "51行")]),
    ("口岸运行业务中，哪几项低于100万元", [("资产盘点工作", 80.0, "53行")]),
    ("口岸运行业务包括的工作里，预算在200万元以上的有哪些", [("查验设施维护工作", 700.0, "50行"), ("安检保障工作", 220.0, "51行")]),
    ("口岸运行业务里，哪些工作在100万元到500万元之间", [("安检保障工作", 220.0, "51行")])])
def test_the_parts_passing_the_amount_each_with_its_line(client, asked, expected):
    assert _found(ask(client, f"{DEPT}2026年{asked}")) == expected


def test_none_passing_is_said_never_the_whole(client):
    reply = ask(client, f"{DEPT}2026年口岸运行业务里，哪些工作超过800万元")
    assert reply["answers"] == [] and "没有超过800万元" in reply["message"] and "3个部分" in reply["message"]


def test_the_kinds_of_a_figure_passing_the_amount(client):
    reply = ask(client, f"{DEPT}2026年政府采购里哪几类超过100万元")
    assert [(a["value"], "工程类" in a["label"]) for a in reply["answers"]] == [(180.0, True)]


def test_the_least_part_of_a_program_printed_over_several_lines(client):
    (top,) = ask(client, f"{DEPT}2026年口岸运行业务里哪一项最少")["answers"]
    assert (top["value"], "资产盘点工作" in top["label"]) == (80.0, True)


def test_programs_over_an_amount_are_still_programs(client):
    values = [a["value"] for a in ask(client, f"{DEPT}2026年哪些项目预算超过500万元")["answers"]]
    assert values == [1000.0]


@pytest.mark.parametrize(("asked", "values", "warned"), [("超过200万元", [300.0], False), ("低于200万元", [120.0], True),
                                                         ("超过50万元", [300.0, 120.0], True)])
def test_parts_short_of_their_whole_are_said_so_where_an_unread_part_could_pass(client, asked, values, warned):
    # 80 万元 of the whole is in no part read: it could be under 200 or over 50, never over 200
    reply = ask(client, f"{DEPT}2026年口岸综合业务里，哪些工作{asked}")
    assert [a["value"] for a in reply["answers"]] == values
    assert ("少80万元" in reply["message"]) == warned and ("不止这些" in reply["message"]) == warned
