"""A line found by what its document says its money is for (其他商业服务业等支出：主要用于标准化菜场…; a line printed
without a code too): the line's amount, saying it is the whole line's and which description matched; never a
line of another department described so; and a program's 支出 is the program's money, not the department's
total (a real store, fictional records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, LineItem, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市商务委员会"
OTHER = "临江市气象局"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2025, "budget", "consolidated", "commerce.pdf", "c" * 64, "raw")
    record.line_items = [
        LineItem("支出总表", "216", "商业服务业等支出", {"合计": 3136.4}, "functional", source=Source("支出总表", 30)),
        LineItem("支出总表", "2169999", "其他商业服务业等支出", {"合计": 3136.4}, "functional",
                 source=Source("支出总表", 31), description="标准化菜场及副食品行业管理"),
        LineItem("支出总表", "2011301", "行政运行", {"合计": 938.99}, "functional", source=Source("支出总表", 32))]
    record.facts = [Fact("expenditure_total", 9000.0, source=Source("收支总表", 5))]
    other = Record(OTHER, 2025, "budget", "consolidated", "meteo.pdf", "m" * 64, "raw")
    other.line_items = [
        LineItem("支出表", "", "科学技术支出", {"合计": 28.0}, "functional", source=Source("支出表", 40)),
        LineItem("支出表", "", "技术研究与开发", {"合计": 28.0}, "functional", source=Source("支出表", 41),
                 parent="科学技术支出"),
        LineItem("支出表", "", "科技成果转化与扩散", {"合计": 28.0}, "functional", source=Source("支出表", 42),
                 parent="技术研究与开发", description="数智气象垂域模型项目"),
        LineItem("支出表", "2169999", "其他商业服务业等支出", {"合计": 5.0}, "functional", source=Source("支出表", 43))]
    other.programs = [Program("气象业务建设", OTHER, 1097.02, source=Source("项目表", 50))]
    other.facts = [Fact("expenditure_total", 5876.67, source=Source("收支总表", 6))]
    return create_app({"STORE": store_of([record, other]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def values(reply: dict) -> list[float | None]:
    return [a["value"] for a in reply["answers"]]


@pytest.mark.parametrize("asked", ["标准化菜场花了多少钱", "用于标准化菜场的支出预算是多少", "管标准化菜场的那块钱有多少"])
def test_a_line_is_found_by_what_its_description_says_its_money_is_for(client, asked):
    reply = ask(client, f"{DEPT}2025年{asked}")
    assert values(reply) == [3136.4] and "标准化菜场及副食品行业管理" in reply["answers"][0]["matched"]
    assert "整个科目" in reply["message"]


def test_a_line_printed_without_a_code_is_found_by_its_description_too(client):
    assert values(ask(client, f"{OTHER}2025年数智气象垂域模型安排了多少钱")) == [28.0]


def test_another_departments_line_of_the_same_code_is_not_described_so(client):
    assert values(ask(client, f"{OTHER}2025年标准化菜场花了多少钱")) == []


def test_a_programs_spending_is_the_programs_money_never_the_departments_total(client):
    assert values(ask(client, f"{OTHER}2025年气象业务建设方面的支出是多少")) == [1097.02]


def test_a_line_is_answered_only_of_the_years_whose_document_describes_it_so():
    records = []
    for year, said, value, sha in [(2024, "标准化菜场建设", 40.0, "d"), (2025, "电子商务发展", 10.0, "e")]:
        record = Record(DEPT, year, "budget", "consolidated", f"{sha}.pdf", sha * 64, "raw")
        record.line_items = [LineItem("支出总表", "2169999", "其他商业服务业等支出", {"合计": value}, "functional",
                                      source=Source("支出总表", 31), description=said)]
        records.append(record)
    app = create_app({"STORE": store_of(records), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()
    assert values(ask(app, f"{DEPT}2025年标准化菜场花了多少钱")) == []  # 2025's line is for 电子商务
    reply = ask(app, f"{DEPT}标准化菜场花了多少钱")
    assert values(reply) == [40.0] and "标准化菜场建设" in reply["answers"][0]["matched"]
    assert "电子商务" not in reply["message"]
