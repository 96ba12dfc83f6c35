"""A part a sentence prints of a program or a figure, asked by its name, is answered with its own figure and line, never
the whole's; a figure stated with what it buys answers a question naming those things (a real store, fictional records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市港务办公室"
WHOLE = "码头管理业务12,000.50万元，主要包括："


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "standalone", "a.txt", "a" * 64, "raw")
    record.programs = [Program("码头管理业务", DEPT, 12000.5, description=WHOLE + "码头养护工作9,876.40万元，用于维护；"
                               "码头管理养护考核工作123.18万元", source=Source("项目支出表", 40))]
    record.facts = [Fact("stated_part", 9876.4, label="码头养护工作", text=WHOLE + "…码头养护工作9,876.40万元",
                         source=Source("项目支出情况", 88)),
                    Fact("stated_part", 123.18, label="码头管理养护考核工作", text=WHOLE + "…码头管理养护考核工作123.18万元",
                         source=Source("项目支出情况", 88)),
                    Fact("stated_part", 20.0, label="宣传推广工作", text="综合管理50万元，其中…宣传推广工作20万元",
                         source=Source("项目支出情况", 95)),
                    Fact("stated_part", 30.0, label="宣传推介工作", text="综合管理50万元，其中…宣传推介工作30万元",
                         source=Source("项目支出情况", 95)),
                    Fact("stated_part", 240.5, label="支付驻京房租费", text="驻京经费（300万元）：…1、支付2026年驻京房租费240.5万元",
                         source=Source("项目支出绩效目标表", 77)),
                    Fact("stated_part", 20.0, label="报销驻京人员差旅费", text="驻京经费（300万元）：…2、报销驻京人员差旅费20万元",
                         source=Source("项目支出绩效目标表", 77)),
                    Fact("fixed_assets_purchase", 3.8, text="本年度拟购置固定资产3.80万元，主要是采购复印机、打印机、碎纸机等。",
                         source=Source("国有资产占有使用情况", 120))]
    return create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def test_a_part_named_is_its_own_figure_with_its_line(client):
    reply = ask(client, f"{DEPT}2026年码头养护工作要花多少钱")
    assert [(a["value"], a["unit"]) for a in reply["answers"]] == [(9876.4, "万元")]
    assert "第88行" in reply["answers"][0]["source"]


@pytest.mark.parametrize("asked", ["驻京房租费要多少钱", "在北京的房租多少钱", "驻京房租安排了多少"])
def test_a_part_a_goal_lists_is_found_by_its_words_said_loosely(client, asked):
    reply = ask(client, f"{DEPT}2026年{asked}")  # 房租 is no 租赁 line here: the part's own words
    assert [(a["value"], a["unit"]) for a in reply["answers"]] == [(240.5, "万元")], reply
    assert "第77行" in reply["answers"][0]["source"]


def test_a_few_characters_shared_here_and_there_are_no_part(client):
    reply = ask(client, f"{DEPT}2026年在北京租办公房一年房租多少钱")  # 京租, 房租: two characters each, no part
    assert not {240.5, 20.0} & {a["value"] for a in reply["answers"]}, reply


def test_parts_fitting_alike_are_asked_about(client):
    reply = ask(client, f"{DEPT}2026年宣传推工作安排了多少")
    assert reply["answers"] == [] and "宣传推广工作" in reply["message"] and "宣传推介工作" in reply["message"]


def test_a_figure_stated_with_what_it_buys(client):
    reply = ask(client, f"{DEPT}26年买复印机、打印机这些东西准备花多少钱")
    assert [a["value"] for a in reply["answers"]] == [3.8]
    assert "复印机" in reply["answers"][0]["label"] and "第120行" in reply["answers"][0]["source"]
    assert "碎纸机" in reply["message"] and "合起来" in reply["message"]  # the figure covers all its clause lists


@pytest.mark.parametrize("key, value, text, asked", [
    ("revenue_total", 5000.0, "收入预算5000万元，比上年增加300万元，主要用于信息化建设和热线平台运维。", "信息化建设花了多少钱"),
    ("basic_expenditure", 3000.0, "基本支出3000万元，主要用于人员工资和日常公用经费。", "人员工资花了多少钱"),
    ("fixed_assets_purchase", 8.0, "拟购置固定资产8万元，比上年增加2万元，主要是采购投影仪。", "投影仪花了多少钱")])
def test_only_a_purchase_s_own_amount_says_what_it_buys(key, value, text, asked):
    # a total or an expenditure says what it is for, a purchase's clause follows another figure: neither is its cost
    record = Record("临江市热线中心", 2026, "budget", "standalone", "h.txt", "h" * 64, "raw")
    record.facts = [Fact(key, value, text=text, source=Source("收支预算情况", 12))]
    client = create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()
    assert value not in [a["value"] for a in ask(client, f"临江市热线中心2026年{asked}")["answers"]]


def test_things_its_sentence_does_not_name_are_not_its_figure(client):
    assert 3.8 not in [a["value"] for a in ask(client, f"{DEPT}26年买空调准备花多少钱")["answers"]]


def test_a_program_its_words_name_is_never_a_purchase_its_words_half_cover():
    # 公共资源交易工作保障 names the program 公共资源交易工作保障经费, whose words a purchase's sentence half covers
    record = Record("临江市政务服务数据管理局", 2024, "budget", "consolidated", "linjiang-2024.txt", "d" * 64, "tsv")
    record.programs = [Program("公共资源交易工作保障经费", "临江市政务服务中心", 34.0, source=Source("项目支出表", 66)),
                       Program("公共资源交易系统建设升级和运维(含检测、整改)经费", "临江市政务服务中心", 55.0,
                               source=Source("项目支出表", 50))]
    record.facts = [Fact("fixed_assets_purchase", 54.5, text="本年度拟购置固定资产54.5万元，主要是公共资源交易场所及相关业务"
                         "科室、政务服务大厅等设备家具采购等。", source=Source("国有资产占有使用情况", 155))]
    client = create_app({"STORE": store_of([record]), "TESTING": True}).test_client()
    reply = ask(client, "临江市政务服务数据管理局2024年公共资源交易工作保障预算多少")
    values = [a["value"] for a in reply["answers"]]
    assert values[0] == 34.0 and 54.5 not in values, reply


@pytest.fixture(scope="module")
def parts_client():
    record = Record(DEPT, 2026, "budget", "standalone", "p.txt", "p" * 64, "raw")
    record.programs = [Program("码头管理业务", DEPT, 12000.5, source=Source("项目支出表", 40)),
                       Program("综合管理", DEPT, 50.0, source=Source("项目支出表", 41)),
                       Program("2026年驻京经费", DEPT, 300.0, source=Source("项目支出表", 42)),
                       Program("招商专项（政策资金）", DEPT, 900.0, source=Source("项目支出表", 43))]
    record.facts = [Fact("stated_part", 9876.4, label="码头养护工作", text=WHOLE + "…码头养护工作9,876.40万元",
                         source=Source("项目支出情况", 88)),
                    Fact("stated_part", 20.0, label="宣传推广工作", text="综合管理50万元，其中…宣传推广工作20万元",
                         source=Source("项目支出情况", 95)),
                    Fact("stated_part", 240.5, label="支付驻京房租费", text="驻京经费（300万元）：…1、支付2026年驻京房租费240.5万元",
                         source=Source("项目支出绩效目标表", 77)),
                    Fact("stated_part", 20.0, label="报销驻京人员差旅费", text="驻京经费（300万元）：…2、报销驻京人员差旅费20万元",
                         source=Source("项目支出绩效目标表", 77)),
                    # the whole named by its amount alone (项目总预算900.00万): the program of that amount
                    Fact("stated_part", 700.0, label="支持企业落户发展", text="2026年度项目总预算900.00万，其中…支持企业落户发展700.00万",
                         source=Source("年度预算安排", 130))]
    return create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


@pytest.mark.parametrize("asked, value, line", [
    ("码头管理业务里，码头养护工作安排了多少钱？", 9876.4, "第88行"),
    ("驻京经费里，驻京房租要花多少？", 240.5, "第77行"),
    ("驻京经费里差旅费多少", 20.0, "第77行"),
    ("招商专项里，支持企业落户发展安排了多少？", 700.0, "第130行")])
def test_a_part_named_after_its_program_is_the_part(parts_client, asked, value, line):
    reply = ask(parts_client, f"{DEPT}2026年的{asked}")  # never the program's own amount
    assert [(a["value"], a["unit"]) for a in reply["answers"]] == [(value, "万元")], reply
    assert line in reply["answers"][0]["source"]


def test_a_part_of_another_program_is_not_the_program_s(parts_client):
    reply = ask(parts_client, f"{DEPT}2026年码头管理业务里，宣传推广工作安排了多少钱？")  # printed under 综合管理
    assert 20.0 not in [a["value"] for a in reply["answers"]], reply
    reply = ask(parts_client, f"{DEPT}2026年码头管理业务安排了多少钱？")  # nothing after the program: its own amount
    assert [a["value"] for a in reply["answers"]] == [12000.5], reply
