"""One fund's appropriation named without 收入 (政府性基金预算财政拨款, 国有资本经营预算拨款) is that fund's figure, never
every fund's 财政拨款 (a real store, fictional records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市水利局"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "consolidated", "w.pdf", "w" * 64, "raw")
    record.facts = [Fact(key, value, source=Source("财政拨款收支总体情况表", line)) for key, value, line in (
        ("fiscal_appropriation_revenue", 172283.15, 3), ("general_budget_revenue", 128148.56, 4),
        ("government_fund_revenue", 44134.59, 5), ("state_capital_revenue", 0.0, 6), ("expenditure_total", 180000.0, 7))]
    # a department whose text says it spends nothing of the fund: no figure of that fund's spending
    silent = Record("临江市气象局", 2026, "budget", "consolidated", "m.pdf", "m" * 64, "raw")
    silent.facts = [Fact("expenditure_total", 5876.67, source=Source("收支总表", 7))]
    record.facts.append(Fact("government_fund_expenditure", 44134.59, source=Source("财政拨款收支总体情况表", 8)))
    return create_app({"STORE": store_of([record, silent]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


@pytest.mark.parametrize("asked, value", [("政府性基金预算财政拨款是多少", 44134.59), ("政府性基金预算拨款是多少", 44134.59),
                                          ("国有资本经营预算拨款是多少", 0.0), ("财政拨款是多少", 172283.15)])
def test_a_funds_appropriation_is_that_funds_figure(client, asked, value):
    assert [a["value"] for a in ask(client, f"{DEPT}2026年{asked}")["answers"]] == [value]


@pytest.mark.parametrize("asked", ["拿政府性基金安排了哪些支出", "政府性基金安排了多少支出"])
def test_a_funds_spending_said_with_its_verb_between_is_that_funds(client, asked):
    assert [a["value"] for a in ask(client, f"{DEPT}2026年{asked}")["answers"]] == [44134.59]
    # none stated: no answer, never the department's whole spending
    assert ask(client, f"临江市气象局2026年{asked}")["answers"] == []
