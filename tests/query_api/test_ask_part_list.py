"""What a program is made of, listed (X业务里有哪几块, X专项包括哪些, X由哪些部分组成): the parts its document prints after
the whole's amount, each on a line of its own, with its amount and line, in the order printed, their sum computed beside;
a program whose parts no sentence prints is refused, never answered with its own amount. The department, programs and
figures are invented; a real store, a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Program, Record, Source
from ingest.stated_parts import STATED_PART
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市港务局"
WHOLE = "2.港区管理业务1,000.00万元，主要包括："
PARTS = [("港区养护工作", 700.0, 89), ("港区安检保障工作", 200.5, 91), ("港区法务工作", 60.25, 93)]
OTHER = "3.码头建设专项500.00万元，主要包括："


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "standalone", "a.pdf", "c" * 64, "raw")
    record.facts = [Fact(STATED_PART, value, label=name, text=f"{WHOLE}…{name}{value}万元", source=Source("说明", line))
                    for name, value, line in PARTS]
    record.facts += [Fact(STATED_PART, 300.0, label="一号码头工程", text=f"{OTHER}…一号码头工程300.00万元",
                          source=Source("说明", 120)),
                     Fact(STATED_PART, 200.0, label="二号码头工程", text=f"{OTHER}…二号码头工程200.00万元",
                          source=Source("说明", 121))]
    record.programs = [Program("港区管理业务", DEPT, 1000.0, source=Source("项目支出表", 30)),
                       Program("码头建设专项", DEPT, 500.0, source=Source("项目支出表", 31)),
                       Program("港区宣传经费", DEPT, 40.0, source=Source("项目支出表", 32))]
    return create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


@pytest.mark.parametrize("asked", [f"{DEPT}港区管理业务里有哪几块", "港区管理业务包括哪些", "港区管理业务由哪些部分组成",
                                   f"{DEPT}2026年港区管理业务分为哪几部分"])
def test_a_program_s_parts_printed_over_lines_are_listed_with_amounts_and_lines(client, asked):
    reply = ask(client, asked)
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [(n, v) for n, v, _ in PARTS], reply
    assert [a["source"].rsplit("第", 1)[-1] for a in reply["answers"]] == ["89行", "91行", "93行"]
    assert "3个部分" in reply["message"] and "960.75万元（计算所得" in reply["message"]


def test_a_special_fund_s_parts_are_its_own_never_another_program_s(client):
    reply = ask(client, "码头建设专项里有哪几块")
    assert [a["label"] for a in reply["answers"]] == ["一号码头工程", "二号码头工程"], reply


def test_a_program_whose_parts_are_not_printed_is_refused_never_its_amount(client):
    reply = ask(client, "港区宣传经费包括哪些")
    assert reply["answers"] == [] and "没有逐项列出" in reply["message"], reply


def test_a_program_s_indicators_asked_are_no_parts(client):
    reply = ask(client, "港区管理业务有哪些绩效指标")
    assert all(a["type"] != "part" for a in reply["answers"]) and "没有逐项列出" not in reply["message"], reply
