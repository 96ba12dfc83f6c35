"""Which lines of one department changed on last year the way asked (哪几类支出比上年减少了 / 哪一项比上年执行数是减少的？
减了多少): the lines whose change the text states with that sign, each with its change and line; 类 asked: that level
only, a class printed by name with nothing above it too. The departments and figures are invented (a real store)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import LineItem, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DATA, METEO, ARCHIVE, AUDIT = "临江市数据局", "临江市气象局", "临江市档案局", "临江市审计局"
SAID = "说明：支出预算情况说明"


def _said(code: str, name: str, change: float, line: int, parent: str | None = None) -> LineItem:
    return LineItem(SAID, code, name, {"比上年增减": change}, "functional", source=Source(SAID, line), parent=parent)


@pytest.fixture(scope="module")
def client():
    data = Record(DATA, 2026, "budget", "consolidated", "data.pdf", "d" * 64, "raw")
    data.line_items = [
        LineItem("支出总表", "201", "一般公共服务支出", {"合计": 4523.04}, "functional", source=Source("支出总表", 40)),
        LineItem("支出总表", "2010301", "行政运行", {"合计": 400.0}, "functional", source=Source("支出总表", 41)),
        LineItem("支出总表", "206", "科学技术支出", {"合计": 50000.0}, "functional", source=Source("支出总表", 42)),
        LineItem("支出总表", "213", "农林水支出", {"合计": 630.0}, "functional", source=Source("支出总表", 43)),
        _said("201", "一般公共服务支出", -53748.68, 619), _said("206", "科学技术支出", 50000.0, 623),
        _said("213", "农林水支出", -70.0, 635), _said("2010301", "行政运行", -16.14, 689),
        _said("", "商业服务业等支出", -750.0, 639)]  # a class of no money this year, by its name
    # lines printed by name only, the change on last year's execution
    meteo = Record(METEO, 2026, "budget", "consolidated", "meteo.pdf", "e" * 64, "raw")
    meteo.line_items = [
        LineItem("支出表", "", "科技成果转化与扩散", {"合计": 28.0}, "functional", source=Source("支出表", 30),
                 parent="技术研究与开发"),
        LineItem("支出表", "", "气象服务", {"合计": 900.0}, "functional", source=Source("支出表", 31), parent="气象事务"),
        _said("", "科技成果转化与扩散", -113.53, 97, "技术研究与开发"), _said("", "气象服务", 127.16, 136, "气象事务")]
    # a 元 document's places: 15 元 apart (0.0015万元) are two changes, one the larger
    archive = Record(ARCHIVE, 2026, "budget", "consolidated", "archive.pdf", "a" * 64, "raw")
    archive.line_items = [_said("2013201", "行政运行", 3.1249, 50), _said("2013202", "一般行政管理事务", 3.1234, 51),
                          _said("2013250", "事业运行", 1.0, 52)]
    # the 功能分类 stated by 项 only, the 经济分类 by 类 (301 工资福利支出): no 功能分类 类's change printed
    audit = Record(AUDIT, 2026, "budget", "standalone", "audit.pdf", "f" * 64, "raw")
    audit.line_items = [
        LineItem("支出表", "2010801", "行政运行", {"合计": 2338.24}, "functional", source=Source("支出表", 50)),
        LineItem("支出表", "2010804", "审计业务", {"合计": 635.87}, "functional", source=Source("支出表", 51)),
        _said("2010801", "行政运行", 126.15, 138), _said("2010804", "审计业务", -181.13, 140),
        _said("2080501", "行政单位离退休", 32.92, 145),
        *(LineItem(SAID, code, name, {"比上年增减": change}, "economic", source=Source(SAID, line)) for code, name, change, line
          in (("301", "工资福利支出", 117.32, 163), ("302", "商品和服务支出", -181.52, 165), ("310", "资本性支出", -7.0, 171),
              ("30216", "培训费", -17.6, 170)))]
    return create_app({"STORE": store_of([data, meteo, archive, audit]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


@pytest.mark.parametrize("asked", ["哪几类支出比上年减少了？", "哪几类支出减少了"])
def test_the_classes_whose_stated_change_is_a_fall(client, asked):
    reply = ask(client, f"{DATA}2026年{asked}")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [
        ("一般公共服务支出比上年减少", 53748.68), ("商业服务业等支出比上年减少", 750.0), ("农林水支出比上年减少", 70.0)]
    assert "第619行" in reply["answers"][0]["source"]  # 行政运行 is no class; 科学技术支出 rose


def test_any_line_asked_and_its_fall(client):
    reply = ask(client, f"{METEO}2026年一般公共预算拨款里，哪一项比上年执行数是减少的？减了多少？")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [("科技成果转化与扩散比上年减少", 113.53)]
    assert "第97行" in reply["answers"][0]["source"]


def test_the_lines_that_rose(client):
    reply = ask(client, f"{DATA}2026年哪些科目比上年增加了")
    assert [a["label"] for a in reply["answers"]] == ["科学技术支出比上年增加"]



def test_a_level_the_text_states_no_change_of_is_said_so(client):
    reply = ask(client, f"{DATA}2026年哪几款支出比上年减少了")
    assert reply["answers"] == [] and "没有写明哪一款" in reply["message"]


@pytest.mark.parametrize(("asked", "top"), [
    ("哪个科目比上年增加得最多", [("科学技术支出比上年增加", 50000.0)]),
    ("哪一类支出比上年减少得最多", [("一般公共服务支出比上年减少", 53748.68)]),
    ("哪个科目比上年压得最多", [("一般公共服务支出比上年减少", 53748.68)]),
    ("哪个科目比上年减少最少", [("行政运行比上年减少", 16.14)])])
def test_the_line_that_changed_most_the_way_asked(client, asked, top):
    reply = ask(client, f"{DATA}2026年{asked}")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == top
    assert "共5个" in reply["message"] or "共4个" in reply["message"]  # the others counted, not listed


@pytest.mark.parametrize(("asked", "top"), [("哪个科目比上年增加得最多", [("行政运行比上年增加", 3.1249)]),
                                             ("哪个科目比上年增加最少", [("事业运行比上年增加", 1.0)])])
def test_changes_apart_by_a_document_s_last_place_are_no_tie(client, asked, top):
    reply = ask(client, f"{ARCHIVE}2026年{asked}")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == top


def test_classes_of_the_economic_classification_where_the_functional_is_stated_by_items_only(client):
    reply = ask(client, f"{AUDIT}2026年哪几类支出比上年减少了")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [
        ("商品和服务支出比上年减少", 181.52), ("资本性支出比上年减少", 7.0)], reply  # 301's 款 30216 is no 类
    assert "经济分类" in reply["message"] and "只写了下级科目" in reply["message"]


def test_the_class_that_rose_most_and_the_item_stated_beside_it(client):
    reply = ask(client, f"{AUDIT}2026年哪一类支出增长最多")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [
        ("工资福利支出比上年增加", 117.32), ("行政运行比上年增加", 126.15)], reply
    assert "第163行" in reply["answers"][0]["source"] and "第138行" in reply["answers"][1]["source"]


def test_the_line_that_fell_most_where_no_class_is_stated(client):
    reply = ask(client, f"{METEO}2026年哪一类支出减少最多")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [("科技成果转化与扩散比上年减少", 113.53)], reply
    assert "没有写明各类" in reply["message"]


def test_the_economic_classification_asked_is_its_classes_whatever_the_functional_states(client):
    reply = ask(client, f"{AUDIT}2026年按经济分类，哪一类支出比上年减少最多")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [("商品和服务支出比上年减少", 181.52)], reply
    assert ask(client, f"{DATA}2026年按经济分类哪几类支出比上年减少了")["answers"] == []  # its text states 功能分类 only


@pytest.mark.parametrize("asked", ["哪一类支出比上年变化最大", "哪一类支出增减变化最大"])
def test_the_class_that_changed_most_either_way_is_ranked_by_its_size_its_direction_said(client, asked):
    reply = ask(client, f"{DATA}2026年{asked}")
    # −53,748.68 is a larger change than +50,000: ranked by the size, said as the fall it is
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [("一般公共服务支出比上年减少", -53748.68)], reply
    assert "减少53748.68万元" in reply["message"] and "不论增减" in reply["message"]
