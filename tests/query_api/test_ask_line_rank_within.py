"""Classified lines ranked within what the question names: a table (一般公共预算当年拨款里，哪个项级科目最大; 基本支出里
哪个款级科目最多) or a parent line (商品和服务支出里最大的前三项: the 款 under 302) — the ranking never falls back to the
department's whole table or its total. The department and figures are invented (a real store)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Record
from query_api.app import create_app
from tests.query_api.sample_clients import ask
from tests.query_api.test_ask_line_rank import _line, _ranked

DEPT = "临江市统计局"
ALL, GENERAL, BASIC = "部门支出总表", "一般公共预算支出表（按经济分类）", "一般公共预算基本支出表"
GENERAL_F = "一般公共预算支出表"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "standalone", "stats.pdf", "s" * 64, "raw")
    record.line_items = [
        # the all-funds table: a fund's line (2120801, 9000) the largest of the whole
        _line(ALL, "201", "一般公共服务支出", 4500.0, 10), _line(ALL, "20105", "统计信息事务", 4500.0, 11),
        _line(ALL, "2010501", "行政运行", 3000.0, 12), _line(ALL, "2010507", "专项普查活动", 1500.0, 13),
        _line(ALL, "212", "城乡社区支出", 9000.0, 14), _line(ALL, "21208", "国有土地使用权出让收入安排的支出", 9000.0, 15),
        _line(ALL, "2120801", "征地和拆迁补偿支出", 9000.0, 16),
        _line(GENERAL_F, "201", "一般公共服务支出", 4500.0, 20), _line(GENERAL_F, "20105", "统计信息事务", 4500.0, 21),
        _line(GENERAL_F, "2010501", "行政运行", 3000.0, 22), _line(GENERAL_F, "2010507", "专项普查活动", 1500.0, 23),
        # economic lines: the whole 一般公共预算 table and its basic expenditure's
        *(_line(GENERAL, code, name, amount, line, "economic") for code, name, amount, line in (
            ("301", "工资福利支出", 2200.0, 30), ("30101", "基本工资", 900.0, 31), ("30102", "津贴补贴", 1000.0, 32),
            ("30103", "奖金", 300.0, 33), ("302", "商品和服务支出", 1600.0, 34), ("30201", "办公费", 100.0, 35),
            ("30211", "差旅费", 300.0, 36), ("30216", "培训费", 250.0, 37), ("30227", "委托业务费", 950.0, 38))),
        *(_line(BASIC, code, name, amount, line, "economic") for code, name, amount, line in (
            ("301", "工资福利支出", 2200.0, 50), ("30101", "基本工资", 900.0, 51), ("30102", "津贴补贴", 1000.0, 52),
            ("30103", "奖金", 300.0, 53), ("302", "商品和服务支出", 650.0, 54), ("30201", "办公费", 100.0, 55),
            ("30211", "差旅费", 300.0, 56), ("30216", "培训费", 250.0, 57)))]
    return create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def test_a_fund_named_ranks_its_own_table_never_the_whole(client):
    reply = ask(client, f"{DEPT}2026年一般公共预算当年拨款里，哪个项级科目金额最大？")
    assert _ranked(reply) == [("行政运行（2010501）", 3000.0)]
    assert "一般公共预算支出表 · 第22行" in reply["answers"][0]["source"]


def test_a_parent_line_ranks_the_lines_under_it(client):
    reply = ask(client, f"{DEPT}商品和服务支出里金额最大的前三项是什么")
    assert _ranked(reply) == [("委托业务费（30227）", 950.0), ("差旅费（30211）", 300.0), ("培训费（30216）", 250.0)]
    assert "“商品和服务支出”（302）下" in reply["message"]
    said_after_a_comma = ask(client, f"{DEPT}2026年商品和服务支出里，金额最大的前三项是什么？")
    assert _ranked(said_after_a_comma) == _ranked(reply)
    assert _ranked(ask(client, f"{DEPT}工资福利支出中哪一项最多")) == [("津贴补贴（30102）", 1000.0)]
    assert _ranked(ask(client, f"{DEPT}工资福利支出里最少的两项")) == [("奖金（30103）", 300.0), ("基本工资（30101）", 900.0)]


def test_the_basic_expenditure_named_ranks_its_table(client):
    reply = ask(client, f"{DEPT}2026年基本支出里哪个经济分类款级科目最少")
    assert _ranked(reply) == [("办公费（30201）", 100.0)]
    assert "一般公共预算基本支出表 · 第55行" in reply["answers"][0]["source"] and "只列基本支出" in reply["message"]


def test_a_table_the_department_does_not_print_is_refused(client):
    for asked in ("政府性基金预算拨款里，哪个项级科目金额最大？", "政府性基金预算里哪个科目最多"):
        reply = ask(client, f"{DEPT}2026年{asked}")
        assert reply["answers"] == [] and "政府性基金" in reply["message"] and "不以全部支出" in reply["message"]
