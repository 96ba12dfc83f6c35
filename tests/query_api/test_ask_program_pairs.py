"""Two programs named together: 合计多少 adds them up (each, then the sum of one document), and 哪个多，多多少 of
two organisations' programs answers each, the larger first, then the difference computed with both sources."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

WEST, EAST = "临江市西湖区数据局", "临江市东湖区政务中心"


def _record(dept: str, year: int, sha: str, programs: list[tuple[str, float, int]]) -> Record:
    record = Record(dept, year, "budget", "consolidated", f"{sha}.txt", sha * 64, "tsv")
    record.programs = [Program(name, dept, amount, source=Source("项目支出表", line)) for name, amount, line in programs]
    record.facts = [Fact("expenditure_total", 1000.0, source=Source("收支总表", 10))]
    return record


@pytest.fixture(scope="module")
def client():
    records = [_record(WEST, 2023, "a", [("雇员工资费用", 360.0, 518), ("雇员公用经费", 17.7, 566), ("信息化运维经费", 353.07, 592)]),
               _record(EAST, 2024, "b", [("内网运维经费", 231.5, 1028)])]
    return create_app({"STORE": store_of(records), "TESTING": True}).test_client()


def test_two_programs_added_up_when_asked_for_their_total(client):
    answers = ask(client, f"{WEST}2023年雇员工资费用和雇员公用经费两个项目合计多少？")["answers"]
    assert answers[-1]["value"] == 377.7 and {360.0, 17.7} <= {a["value"] for a in answers}


@pytest.mark.parametrize("said", ["雇员的工资费用和公用经费一共预算了多少？", "雇员公用经费与工资费用加起来多少钱"])
def test_two_programs_said_by_their_shared_head_once_are_added_up(client, said):
    # 公用经费 is the rest of a program's name after the head, never the department's 公用经费 figure
    answers = ask(client, f"{WEST}2023年{said}")["answers"]
    assert answers[-1]["value"] == 377.7 and {360.0, 17.7} <= {a["value"] for a in answers}, answers
    assert {"第518行", "第566行"} <= {a["source"][-5:] for a in answers[:-1]}


def test_two_organisations_programs_compared_give_the_difference_after_each(client):
    answers = ask(client, f"{EAST}的内网运维经费和{WEST}的信息化运维经费，哪个预算更多？多多少？")["answers"]
    assert [a["value"] for a in answers] == [353.07, 231.5, 121.57]
    assert "第592行" in answers[-1]["source"] and "第1028行" in answers[-1]["source"]
