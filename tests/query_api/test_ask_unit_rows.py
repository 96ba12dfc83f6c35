"""A unit's own figure from a table its department prints unit by unit (基本支出 by 资金使用单位): asked by the unit's
name, its own row and line answer, never the department's figure, and no other measure of it (a real store,
fictional records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Record, Source, Unit, UnitTotal
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT, HOTLINE = "临江市数据管理局", "临江市12345热线中心"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2023, "budget", "consolidated", "a.txt", "a" * 64, "raw")
    record.subordinate_units = [Unit(HOTLINE, source=Source("下属单位", 60))]
    record.facts = [Fact("basic_expenditure", 1422.84, source=Source("支出总表", 20)),
                    Fact("revenue_total", 14416.56, source=Source("收入总表", 10))]
    record.unit_totals = [UnitTotal(HOTLINE, None, 227.98, "总计", Source("部门预算基本支出预算表", 475),
                                    "basic_expenditure")]
    return create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def test_the_units_own_row_answers(client):
    reply = ask(client, f"{HOTLINE}2023年基本支出预算多少")
    assert [a["value"] for a in reply["answers"]] == [227.98]
    assert "第475行" in reply["answers"][0]["source"]


def test_another_measure_of_the_unit_is_not_its_basic_expenditure(client):
    assert 227.98 not in [a["value"] for a in ask(client, f"{HOTLINE}2023年收入预算多少")["answers"]]


def test_the_department_keeps_its_own_figure(client):
    assert [a["value"] for a in ask(client, f"{DEPT}2023年基本支出预算多少")["answers"]][:1] == [1422.84]
