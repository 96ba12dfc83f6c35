"""Which classified line of one department holds the most or least money (按功能分类哪一类支出最多 / 哪个支出科目（项级）
的钱最多 / 哪三个款级科目 / 支出最多的三个科目): one table's lines of the level asked, ranked, the top with its code, amount
and line. The departments and figures are invented (a real store)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import LineItem, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

WATER, TRADE, METEO, AUDIT = "临江市水务局", "临江市商务委员会", "临江市气象局", "临江市审计局"
ALL, GENERAL, BASIC = "部门支出总表", "一般公共预算支出表", "一般公共预算基本支出表"


def _line(table: str, code: str, name: str, amount: float, line: int, scheme: str = "functional") -> LineItem:
    return LineItem(table, code, name, {"合计": amount}, scheme, source=Source(table, line))


@pytest.fixture(scope="module")
def client():
    water = Record(WATER, 2026, "budget", "consolidated", "water.pdf", "w" * 64, "raw")
    water.line_items = [
        # the all-funds table: 农林水 the largest class; the 一般公共预算 table prints less of it (no fund money)
        _line(ALL, "205", "教育支出", 3300.0, 40), _line(ALL, "20503", "职业教育", 3300.0, 41),
        _line(ALL, "2050302", "中等职业教育", 3300.0, 42),
        _line(ALL, "213", "农林水支出", 10200.0, 43), _line(ALL, "21303", "水利", 10200.0, 44),
        _line(ALL, "2130301", "行政运行", 700.0, 45), _line(ALL, "2130306", "水利工程运行与维护", 9500.0, 46),
        _line(ALL, "229", "其他支出", 4000.0, 47), _line(ALL, "22999", "其他支出", 4000.0, 48),
        _line(ALL, "2299999", "其他支出", 4000.0, 49),
        _line(GENERAL, "205", "教育支出", 3300.0, 60), _line(GENERAL, "213", "农林水支出", 2000.0, 61),
        _line(BASIC, "301", "工资福利支出", 2200.0, 80, "economic"),
        _line(BASIC, "302", "商品和服务支出", 1000.0, 81, "economic")]
    trade = Record(TRADE, 2025, "budget", "consolidated", "trade.pdf", "t" * 64, "raw")
    trade.line_items = [
        _line(ALL, "215", "资源勘探工业信息等支出", 2938.1, 30), _line(ALL, "21508", "支持中小企业发展和管理支出", 2938.1, 31),
        _line(ALL, "2150899", "其他支持中小企业发展和管理支出", 2938.1, 32),
        _line(ALL, "216", "商业服务业等支出", 500.0, 33), _line(ALL, "21602", "商业流通事务", 500.0, 34),
        _line(ALL, "2160201", "行政运行", 93.9, 35), _line(ALL, "2160299", "其他商业流通事务支出", 406.1, 36)]
    # lines printed by name only: a class is a line with nothing above it
    meteo = Record(METEO, 2026, "budget", "consolidated", "meteo.pdf", "m" * 64, "raw")
    meteo.line_items = [
        LineItem(ALL, "", name, {"合计": amount}, "functional", source=Source(ALL, line), parent=parent)
        for name, amount, line, parent in (("社会保障和就业支出", 396.67, 20, None), ("行政事业单位养老支出", 396.67, 21, "社会保障和就业支出"),
                                           ("自然资源海洋气象等支出", 5371.48, 22, None), ("气象事务", 5371.48, 23, "自然资源海洋气象等支出"),
                                           ("科学技术支出", 28.0, 24, None))]
    # codes printed in tables of one fund only (its 一般公共预算 table the fullest): its figures said to be that fund's
    audit = Record(AUDIT, 2026, "budget", "standalone", "audit.pdf", "a" * 64, "raw")
    audit.line_items = [_line("政府性基金预算支出表", "229", "其他支出", 50.0, 10),
                        _line(GENERAL, "201", "一般公共服务支出", 2974.1, 30), _line(GENERAL, "208", "社会保障和就业支出", 463.6, 31)]
    return create_app({"STORE": store_of([water, trade, meteo, audit]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def _ranked(reply: dict) -> list[tuple[str, float]]:
    return [(a["label"], a["value"]) for a in reply["answers"]]


def test_the_largest_class_is_the_all_funds_tables_never_one_funds(client):
    reply = ask(client, f"{WATER}2026年按功能分类，哪一类支出最多？")
    assert _ranked(reply) == [("农林水支出（213）", 10200.0)]
    assert "部门支出总表 · 第43行" in reply["answers"][0]["source"]
    assert "其他支出" in reply["message"] and "3个类级科目" in reply["message"]


def test_the_level_said_as_xiang_ji_ranks_the_seven_digit_lines(client):
    reply = ask(client, f"{TRADE}2025年预算里，哪个支出科目（项级）的钱最多？")
    assert _ranked(reply) == [("其他支持中小企业发展和管理支出（2150899）", 2938.1)]
    # no level said: the finest the document prints
    assert _ranked(ask(client, f"{TRADE}2025年哪个科目的钱最多"))[0][1] == 2938.1


def test_the_least_and_a_number_asked(client):
    assert _ranked(ask(client, f"{WATER}2026年哪个款级科目支出最少")) == [("职业教育（20503）", 3300.0)]
    assert [label for label, _ in _ranked(ask(client, f"{WATER}2026年支出最多的两个项级科目"))] == [
        "水利工程运行与维护（2130306）", "其他支出（2299999）"]
    assert len(ask(client, f"{WATER}2026年哪三个项级科目支出最多")["answers"]) == 3


def test_the_economic_classes_say_their_table_holds_the_basic_expenditure_only(client):
    reply = ask(client, f"{WATER}2026年按经济分类哪一类支出最多")
    assert _ranked(reply) == [("工资福利支出（301）", 2200.0)]
    assert "只列基本支出" in reply["message"]


def test_a_level_the_classification_has_not_is_said_so(client):
    reply = ask(client, f"{WATER}2026年按经济分类哪个项级科目支出最多")
    assert reply["answers"] == [] and "没有按经济分类列出" in reply["message"]


def test_classes_printed_by_name_only_are_the_lines_with_nothing_above_them(client):
    reply = ask(client, f"{METEO}2026年哪一类支出最多")
    assert _ranked(reply) == [("自然资源海洋气象等支出", 5371.48)]
    assert [label for label, _ in _ranked(ask(client, f"{METEO}2026年支出最少的两个类"))] == ["科学技术支出", "社会保障和就业支出"]
    # no code, no 款 or 项 told apart: said so, no guess
    reply = ask(client, f"{METEO}2026年哪个款级科目支出最多")
    assert reply["answers"] == [] and "分不出款级科目" in reply["message"]


def test_a_table_of_one_funds_money_says_so(client):
    reply = ask(client, f"{AUDIT}2026年哪一类支出最多")
    assert _ranked(reply) == [("一般公共服务支出（201）", 2974.1)]
    assert "只列一般公共预算拨款" in reply["answers"][0]["text"] and "只列一般公共预算拨款" in reply["message"]
