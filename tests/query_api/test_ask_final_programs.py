"""A final account's programs ranked (X局2024年决算的项目支出里，哪一项花得最多): its own programs by what each
spent, never the budget's in their place; a 决算 printing no programs refused with the reason, one printing fewer
than its 项目支出 holds said to rank those printed only. Departments and figures are invented (a real store)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

LISTED, UNLISTED = "临江市水文局", "临江市人防办"


def _record(dept: str, phase: str, year: int, tag: str) -> Record:
    return Record(dept, year, phase, "standalone", f"{tag}.pdf", tag * 64, "raw")


@pytest.fixture(scope="module")
def client():
    final = _record(LISTED, "final_account", 2024, "a")
    # the budget larger, the actual smaller: ranked by what was spent
    final.programs = [Program("水文监测站运维", LISTED, amount=500.0, executed=310.0, source=Source("项目支出决算表", 40)),
                      Program("防汛预警系统", LISTED, amount=400.0, executed=390.0, source=Source("项目支出决算表", 41)),
                      Program("水资源公报编制", LISTED, amount=50.0, executed=45.0, source=Source("项目支出决算表", 42))]
    final.facts = [Fact("project_expenditure", 745.0, source=Source("支出决算表", 12))]
    # a final account printing its project total only, beside a budget printing programs
    none_listed = _record(UNLISTED, "final_account", 2024, "b")
    none_listed.facts = [Fact("project_expenditure", 320.5, source=Source("支出决算表", 15))]
    budget = _record(UNLISTED, "budget", 2024, "c")
    budget.programs = [Program("人防工程维护", UNLISTED, amount=900.0, source=Source("项目表", 20))]
    short = _record(LISTED, "final_account", 2023, "d")
    short.programs = [Program("水文监测站运维", LISTED, amount=300.0, executed=280.0, source=Source("绩效自评", 70))]
    short.facts = [Fact("project_expenditure", 1000.0, source=Source("支出决算表", 12))]
    return create_app({"STORE": store_of([final, none_listed, budget, short]), "TESTING": True,
                       "QUERY_TIMEOUT": 60.0}).test_client()


def test_programs_ranked_by_what_they_spent(client):
    reply = ask(client, f"{LISTED}2024年决算的项目支出里，哪一项花得最多")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [("防汛预警系统", 390.0)]
    assert "执行数 390 万元" in reply["answers"][0]["text"] and "预算 400 万元" in reply["answers"][0]["text"]
    assert "第41行" in reply["answers"][0]["source"] and "注意" not in reply["message"]
    top = ask(client, f"{LISTED}2024年决算里花钱最多的两个项目")
    assert [a["label"] for a in top["answers"]] == ["防汛预警系统", "水文监测站运维"]


def test_a_final_account_printing_no_programs_is_refused_never_the_budgets(client):
    reply = ask(client, f"{UNLISTED}2024年决算的项目支出里，哪一项花得最多")
    assert reply["answers"] == []
    assert "没有逐项列出项目" in reply["message"] and "320.5万元" in reply["message"]


def test_programs_printed_short_of_the_total_are_said_to_be_those_printed_only(client):
    reply = ask(client, f"{LISTED}2023年决算的项目支出里，哪一项花得最多")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [("水文监测站运维", 280.0)]
    assert "项目支出合计1000万元" in reply["message"] and "其余项目没有单列" in reply["message"]
