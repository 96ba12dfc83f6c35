"""A line printed without a code asked as a share of a whole (气象事务占总支出的比例): its row read from the table
of the whole's funds — a whole of every fund from a table of every fund, one fund's appropriation (一般公共预算当年
拨款) from that fund's table — both figures with their lines. The department and figures are invented."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, LineItem, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市气候局"


def _line(name: str, values: dict, line: int, parent: str | None, table: str) -> LineItem:
    return LineItem(table, "", name, values, "functional", source=Source(table, line), parent=parent)


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "consolidated", "linjiang-2026.pdf", "c" * 64, "raw")
    record.facts = [Fact("expenditure_total", 900.0, source=Source("收支预算总表", 10)),
                    Fact("general_budget_revenue", 800.0, source=Source("收支预算总表", 12))]
    record.line_items = [
        _line("气候水文支出", {"总计": 520.0}, 39, None, "部门支出预算总表"),
        _line("气候事务", {"总计": 430.0}, 40, "气候水文支出", "部门支出预算总表"),
        _line("气候水文支出", {"合计": 490.0}, 69, None, "一般公共预算支出预算表"),
        _line("气候事务", {"合计": 400.0}, 70, "气候水文支出", "一般公共预算支出预算表")]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def _share(reply: dict) -> tuple:
    a = reply["answers"][0]
    return a["value"], sorted(s.split("第")[-1] for s in a["source"].split("；"))


def test_a_codeless_line_over_every_funds_spending_is_read_from_the_table_of_every_fund(client):
    reply = ask(client, f"{DEPT}气候事务占总支出的比例是多少")
    assert _share(reply) == (47.78, ["10行", "40行"])  # 430 ÷ 900, not the one fund's 400


def test_a_codeless_line_over_one_funds_appropriation_is_read_from_that_funds_table(client):
    reply = ask(client, f"{DEPT}气候事务占一般公共预算当年拨款的比例")
    assert _share(reply) == (50.0, ["12行", "70行"])  # 400 ÷ 800
