"""A figure asked of a budget unit without documents of its own (answering.unit_scope): the kind asked is answered
only from a figure of that kind printed for the unit — its row of the department's 收入总表, its programs added up
as its 项目支出 — and refused, the department named, where the department's documents print it for the department
only; never the unit's programs added up in the place of its income. Fictional records, a real store."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Program, Record, Source, Unit, UnitTotal
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT, UNIT, LISTED = "临江市数据局", "临江市政务服务中心", "临江市公共资源交易中心"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "consolidated", "data.pdf", "c" * 64, "raw")
    record.subordinate_units = [Unit(UNIT, source=Source("下属单位", 40)), Unit(LISTED, source=Source("下属单位", 41))]
    record.unit_totals = [UnitTotal(LISTED, "301002", 80.0, "合计", Source("收入总表", 31))]
    record.facts = [Fact("revenue_total", 900.0, source=Source("收支总表", 10)),
                    Fact("expenditure_total", 900.0, source=Source("收支总表", 11)),
                    Fact("project_expenditure", 300.0, source=Source("收支总表", 12))]
    record.programs = [Program("政务大厅运行经费", UNIT, 20.0, source=Source("项目表", 50)),
                       Program("窗口服务外包", UNIT, 15.5, source=Source("项目表", 51))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


@pytest.mark.parametrize("asked", ["2026年收入预算是多少", "2026年的收入有多少", "2026年支出预算是多少"])
def test_a_kind_printed_for_the_department_only_is_refused_naming_it(client, asked):
    # its two programs add up to 35.5: never its income nor its whole spending; never the department's 900 as its own
    reply = ask(client, f"{UNIT}{asked}")
    assert reply["answers"] == [], reply
    assert DEPT in reply["message"] and "没有单列" in reply["message"], reply


def test_its_programs_added_up_are_its_project_expenditure(client):
    assert [a["value"] for a in ask(client, f"{UNIT}2026年项目支出预算是多少")["answers"]][:1] == [35.5]


def test_a_units_row_of_the_income_table_answers_its_income_and_its_budget(client):
    for asked in ("2026年收入预算是多少", "2026年的预算是多少"):
        answers = ask(client, f"{LISTED}{asked}")["answers"]
        assert [(a["value"], a["source"].split(" · ")[-1]) for a in answers] == [(80.0, "第31行")], asked
