"""A share the document prints in its text (a fact of its own, ingest/stated_shares.py) answered as printed: its
rounding over the quotient's; of the whole the document printed it of when the question names none; the
quotient when the question names another whole; a classified line's printed share too; 部门预算总支出 is
spending (a real store, fictional records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, LineItem, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市退役军人事务局"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "consolidated", "v.pdf", "v" * 64, "raw")
    record.facts = [Fact(key, value, source=Source("收支总表", line)) for key, value, line in (
        ("revenue_total", 6256.31, 5), ("expenditure_total", 6256.31, 6), ("general_budget_revenue", 5973.01, 7),
        ("basic_expenditure", 1604.41, 8), ("public_expenditure", 116.93, 8))]
    record.facts += [Fact("stated_share", pct, "%", text=text, source=Source("说明", line)) for pct, text, line in (
        (95.5, "一般公共预算拨款收入5973.01万元，占95.5%", 68), (1.9, "日常公用支出116.93万元，占1.9%", 78),
        (25.6, "其中基本支出预算1604.41万元，占部门预算总支出的25.6%", 80),
        (11.11, "社会保障和就业支出（类）695.07万元，占11.11%", 95))]
    record.line_items = [LineItem("支出总表", "208", "社会保障和就业支出", {"合计": 695.07}, "functional",
                                  source=Source("支出总表", 20))]
    return create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def share(reply: dict) -> tuple[float | None, str]:
    return (reply["answers"][0]["value"], reply["answers"][0].get("source") or "") if reply["answers"] else (None, "")


def test_a_share_printed_rounded_otherwise_than_the_quotient_is_answered_as_printed_with_its_line(client):
    value, source = share(ask(client, f"{DEPT}2026年一般公共预算拨款收入占比"))  # 5973.01 ÷ 6256.31 = 95.47
    assert value == 95.5 and "第68行" in source


def test_a_share_asked_of_no_whole_is_the_one_printed_of_the_documents_whole(client):
    reply = ask(client, f"{DEPT}2026年日常公用支出占多少")  # of 基本支出 it would be 7.29
    assert share(reply)[0] == 1.9 and "文件写明" in reply["answers"][0]["text"] and "÷" not in reply["answers"][0]["text"]


def test_a_whole_named_other_than_the_printed_ones_is_computed(client):
    assert share(ask(client, f"{DEPT}2026年日常公用支出占基本支出的比例"))[0] == 7.29


def test_the_budgets_total_spending_is_the_whole_of_部门预算总支出(client):
    reply = ask(client, f"{DEPT}2026年基本支出占部门预算总支出的比例是多少")  # printed 25.6 (quotient 25.64)
    assert share(reply)[0] == 25.6 and "支出总额" in reply["answers"][0]["text"]


def test_a_lines_printed_share_is_answered_as_printed(client):
    reply = ask(client, f"{DEPT}2026年社会保障和就业支出占比多少")  # 695.07 ÷ 6256.31 = 11.11 too
    assert share(reply)[0] == 11.11 and "文件写明" in reply["answers"][0]["text"] and "第95行" in share(reply)[1]
