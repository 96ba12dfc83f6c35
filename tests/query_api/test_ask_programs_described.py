"""Programs limited to those a 说明 section of the document describes (写了说明的那几个专项里哪个预算最多): ranked, counted
among themselves by their printed amounts, never the whole program table in their place — and the whole table when
the question does not limit it (a real store, invented records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import LineItem, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "东江市商务委员会"
OTHER = "东江市档案局"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2025, "budget", "consolidated", "dj-commerce-2025.pdf", "e" * 64, "raw")
    record.programs = [
        Program("口岸运行保障专项", DEPT, amount=900.0, source=Source("项目支出表", 30)),
        Program("外贸稳增长专项", DEPT, amount=200.0, description="支持企业开拓市场。", source=Source("项目经费情况说明", 61)),
        Program("消费促进专项", DEPT, amount=150.0, description="举办促消费活动。", source=Source("项目经费情况说明", 75))]
    # a functional line whose name ends in 专项 too: never the answer of a question among programs
    record.line_items = [LineItem("收入预算总表", "2069901", "科技条件专项", {"合计": 1720.0}, "functional",
                                  source=Source("收入预算总表", 12))]
    other = Record(OTHER, 2025, "budget", "standalone", "dj-archive-2025.pdf", "f" * 64, "raw")
    other.programs = [Program("档案数字化专项", OTHER, amount=80.0, source=Source("项目支出表", 20))]
    return create_app({"STORE": store_of([record, other]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def _programs(reply: dict) -> list[tuple]:
    return [(a["label"], a["value"]) for a in reply["answers"]]


@pytest.mark.parametrize("asked, expected", [
    ("写了说明的那几个专项里哪个预算最多", ("外贸稳增长专项", 200.0)),
    ("项目说明里介绍的项目中哪个预算最少", ("消费促进专项", 150.0)),
    ("那几个专项里哪个预算最多", ("口岸运行保障专项", 900.0))])  # not limited: the whole table
def test_the_programs_a_section_describes_are_ranked_among_themselves(client, asked, expected):
    reply = ask(client, f"{DEPT}{asked}")
    assert _programs(reply) == [expected]
    assert reply["answers"][0]["source"].endswith({200.0: "第61行", 150.0: "第75行", 900.0: "第30行"}[expected[1]])


def test_the_programs_a_section_describes_are_counted_among_themselves(client):
    reply = ask(client, f"{DEPT}写了说明的项目一共几个")
    assert [a["value"] for a in reply["answers"] if a["type"] == "count"] == [2]


def test_a_document_describing_no_program_in_a_section_gets_no_program_of_its_table(client):
    reply = ask(client, f"{OTHER}写了说明的项目里哪个预算最多")
    assert reply["answers"] == [] and "说明" in reply["message"]
