"""Amounts over a department's budget units: each unit's own total (a 收入总表's row per unit),
ranked or added up. The department, units and figures are invented."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Record, Source, Unit, UnitTotal
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市西湖区水务局"
UNITS = [("临江市西湖区水文站", 12.5), ("临江市西湖区河道管理所", 40.25), ("临江市西湖区节水中心", 7.0)]


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "consolidated", "water.pdf", "e" * 64, "raw")
    record.subordinate_units = [Unit(name, source=Source("单位构成", 5 + i)) for i, (name, _) in enumerate(UNITS)]
    # the department's own (本级) row is no subordinate unit's
    record.unit_totals = [UnitTotal(DEPT, "101001", 100.0, "合计", Source("收入总表", 30))] + [
        UnitTotal(name, f"10100{i + 2}", value, "合计", Source("收入总表", 31 + i)) for i, (name, value) in enumerate(UNITS)]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def test_the_unit_with_the_largest_own_budget(client):
    answers = ask(client, f"{DEPT}的下属单位里，哪个单位2026年预算最多？")["answers"]
    assert [(a["label"], a["value"]) for a in answers] == [("临江市西湖区河道管理所", 40.25)]
    assert "收入总表" in answers[0]["source"] and "第32行" in answers[0]["source"]


def test_the_units_own_budgets_added_up(client):
    answers = ask(client, f"{DEPT}三个下属单位2026年的预算加起来是多少？")["answers"]
    assert len(answers) == 1 and answers[0]["value"] == 59.75  # 12.5 + 40.25 + 7.0, not the 本级 100


def test_units_listed_without_an_amount_asked_have_none(client):
    answers = ask(client, f"{DEPT}的下属单位有哪些？")["answers"]
    assert sorted(a["label"] for a in answers) == sorted(name for name, _ in UNITS)
    assert all(a["value"] is None for a in answers)
