"""Two programs named together: 合计多少 adds them up (each, then the sum of one document), and 哪个多，多多少 of
two organisations' programs answers each, the larger first, then the difference computed with both sources."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Indicator, LineItem, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

WEST, EAST, AUDIT = "临江市西湖区数据局", "临江市东湖区政务中心", "临江市审计局"


def _record(dept: str, year: int, sha: str, programs: list[tuple[str, float, int]], phase: str = "budget") -> Record:
    record = Record(dept, year, phase, "consolidated", f"{sha}.txt", sha * 64, "tsv")
    record.programs = [Program(name, dept, amount, source=Source("项目支出表", line)) for name, amount, line in programs]
    record.facts = [Fact("expenditure_total", 1000.0, source=Source("收支总表", 10))]
    return record


@pytest.fixture(scope="module")
def client():
    records = [_record(WEST, 2023, "a", [("雇员工资费用", 360.0, 518), ("雇员公用经费", 17.7, 566), ("信息化运维经费", 353.07, 592)]),
               _record(EAST, 2024, "b", [("内网运维经费", 231.5, 1028)]),
               _record(AUDIT, 2026, "c", [("审计事务", 285.868, 525), ("审计培训", 15.0, 518), ("购买中介机构审计服务", 350.0, 522)]),
               _record(AUDIT, 2024, "d", [("审计培训", 12.0, 300), ("审计信息化建设", 40.0, 301)], phase="final_account")]
    # 审计事务 is also a classified line's name (20108), of far more money; 中介机构 an indicator's word
    records[2].line_items = [LineItem("一般公共预算支出表", "20108", "审计事务", {"合计": 2974.11}, "functional",
                                      source=Source("一般公共预算支出表", 355))]
    records[2].indicators = [Indicator("聘请中介机构（家）", ">=", 5.0, None, "购买中介机构审计服务", text=">=5",
                                       source=Source("绩效目标表", 642))]
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


@pytest.mark.parametrize("question", [f"{AUDIT}2026年审计培训和购买中介机构审计服务这两个项目，哪个钱多？多多少？",
                                      f"{AUDIT}2026年购买中介机构审计服务比审计培训多多少"])
def test_two_programs_of_one_organisation_compared_give_the_difference_after_each(client, question):
    # one organisation, one document: the larger first, then the difference with both lines (never an indicator
    # the words of 购买中介机构审计服务 hold)
    answers = ask(client, question)["answers"]
    assert [a["value"] for a in answers] == [350.0, 15.0, 335.0]
    assert "第522行" in answers[-1]["source"] and "第518行" in answers[-1]["source"]


def test_a_program_compared_with_one_a_classified_line_shares_the_name_of_is_the_program(client):
    # 审计事务 is the 20108 line too (2,974.11 万元): beside another program it is the program (285.868 万元)
    answers = ask(client, f"{AUDIT}2026年审计培训和审计事务这两个项目，哪个钱多？多多少？")["answers"]
    assert [a["value"] for a in answers] == [285.868, 15.0, 270.868]


def test_two_programs_asked_of_no_year_are_compared_in_the_latest_document_printing_both(client):
    # 审计培训 is in the 2024 final account too (12 万元): 2026's budget prints both, never a budget beside an account
    answers = ask(client, f"{AUDIT}审计事务和审计培训哪个多？多多少？")["answers"]
    assert [a["value"] for a in answers] == [285.868, 15.0, 270.868]
    assert all("2026年预算" in a["label"] for a in answers[:2])



def test_two_programs_printed_in_no_one_year_and_phase_are_listed_and_it_is_said_why_no_difference(client):
    # 审计事务 only in 2026's budget, 审计信息化建设 only in 2024's final account: each, never their difference
    reply = ask(client, f"{AUDIT}审计事务和审计信息化建设哪个多？多多少？")
    assert sorted(a["value"] for a in reply["answers"]) == [40.0, 285.868]
    assert "没有计算差额" in reply["message"] and "2024年决算" in reply["message"]
