"""Indicators asked by words of their own beside their program or department (提交多少篇报告, 一年最多租几次车,
一年计划用多少电), and an indicator's target and actual asked together — over an invented department: the
answer is the indicator's value with its line, never the program's money; words no indicator holds find none."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Indicator, LineItem, Program, Record, Source, Unit
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市审计局"
UNIT = "临江市机关事务中心"


@pytest.fixture(scope="module")
def client():
    audit = Record(DEPT, 2026, "budget", "consolidated", "lj-audit-2026.pdf", "c" * 64, "raw")
    audit.programs = [Program("审计事务", DEPT, amount=286.0, source=Source("项目支出表", 30)),
                      Program("公车统管费用", DEPT, amount=8.0, source=Source("项目支出表", 31))]
    audit.indicators = [
        Indicator("提交审计报告和信息（篇）", ">=", 150.0, None, "审计事务", text=">=150", source=Source("绩效目标表", 40)),
        Indicator("提交的审计建议数量（条）", ">=", 60.0, None, "审计事务", text=">=60", source=Source("绩效目标表", 41)),
        Indicator("审计项目工作日", "<=", 44.0, "天", "审计事务", text="<=44天", source=Source("绩效目标表", 42)),
        Indicator("全年租用车辆次数", "<=", 120.0, "次", "公车统管费用", text="<=120次", source=Source("绩效目标表", 43)),
        Indicator("车辆调度成功率", ">=", 95.0, "%", "公车统管费用", text=">=95%", source=Source("绩效目标表", 44))]
    centre = Record(UNIT, 2026, "budget", "consolidated", "lj-centre-2026.pdf", "d" * 64, "raw")
    centre.programs = [Program("经常性运转经费（水电气）", UNIT, amount=270.0, source=Source("项目支出表", 20)),
                       Program("市行政中心保安服务", UNIT, amount=4200.0, source=Source("项目支出表", 21)),
                       Program("政务新媒体运营", UNIT, amount=60.0, source=Source("项目支出表", 22))]
    centre.indicators = [
        Indicator(name, "=", value, "万度" if name == "用电量" else None, "经常性运转经费（水电气）", text=f"={value}",
                  source=Source("项目支出绩效目标表", 50 + n))
        for n, (name, value) in enumerate([("用电量", 653.99), ("用水量", 92.32), ("燃气用量", 38.61),
                                           ("水电气设备运行安全率", 100.0)])] + [
        Indicator("保安服务覆盖率", ">=", 90.0, "%", "市行政中心保安服务", text=">=90%", source=Source("绩效目标表", 60)),
        Indicator("围绕市政府中心工作策划专题", ">=", 4.0, "个", "政务新媒体运营", text=">=4个", source=Source("绩效目标表", 61))]
    final = Record(DEPT, 2025, "final_account", "standalone", "lj-audit-2025.txt", "e" * 64, "raw")
    final.programs = [Program("审计服务热线", DEPT, amount=50.0, source=Source("项目支出表", 10))]
    final.indicators = [Indicator("服务对象满意度", ">=", 95.0, "%", "审计服务热线", actual=99.3, met=True,
                                  text="目标值 >=95%，实际完成值 99.3%", source=Source("绩效自评", 628))]
    return create_app({"STORE": store_of([audit, centre, final]), "TESTING": True}).test_client()


def _values(reply: dict) -> list[tuple]:
    return [(a["label"], a["value"], a["source"].split("第")[-1]) for a in reply["answers"]]


@pytest.mark.parametrize("program", ["审计事务项目", "审计事务这个项目"])
def test_an_indicator_is_found_by_its_words_around_the_count_asked(client, program):
    reply = ask(client, f"{DEPT}{program}要求提交多少篇审计报告")  # 报告 counted by 篇: no documents asked
    assert reply["intent"] == "indicator"
    assert _values(reply) == [("提交审计报告和信息（篇）", 150.0, "40行")]


def test_a_count_asked_in_everyday_words_finds_the_indicator_counting_it(client):
    reply = ask(client, f"{DEPT}公车统管费用项目一年最多租几次车")
    assert _values(reply) == [("全年租用车辆次数", 120.0, "43行")]  # not the program's 8.0 万元


def test_words_naming_the_program_are_not_the_indicators(client):
    # 水电气 is the program's word: 用多少电 is 用电量, not 水电气设备运行安全率 nor 燃气用量
    reply = ask(client, f"{UNIT}水电气项目一年计划用多少电")
    assert _values(reply) == [("用电量", 653.99, "50行")]
    assert _values(ask(client, f"{UNIT}一年计划用多少水")) == [("用水量", 92.32, "51行")]


def test_the_programs_money_is_still_asked_as_money(client):
    reply = ask(client, f"{UNIT}水电气项目预算多少钱")
    assert [a["value"] for a in reply["answers"]] == [270.0]


def test_words_no_indicator_holds_find_none(client):
    reply = ask(client, f"{DEPT}审计事务项目一年培训多少人")
    assert all(a["type"] != "indicator" for a in reply["answers"])


def test_target_and_actual_asked_together_are_two_answers(client):
    reply = ask(client, f"{DEPT}2025年审计服务热线满意度的目标值和实际完成值")
    assert _values(reply) == [("服务对象满意度（目标值）", 95.0, "628行"), ("服务对象满意度（实际完成值）", 99.3, "628行")]
    assert ask(client, f"{DEPT}2025年服务对象满意度实际完成多少")["answers"][0]["value"] == 99.3


@pytest.mark.parametrize("asked", [f"{UNIT}用电花了多少钱", f"{UNIT}用电的经费安排了多少", f"{DEPT}项目支出预算是多少"])
def test_money_asked_is_never_an_indicator_found_by_loose_words(client, asked):
    assert all(a["type"] != "indicator" for a in ask(client, asked)["answers"])


def test_words_of_another_program_do_not_find_its_indicators(client):
    # 行政中心 names the 保安服务 program (not named as a mention here): 中心 is no word of the 新媒体 indicator asked
    reply = ask(client, f"{UNIT}行政中心保安服务项目保安要覆盖多少")
    assert _values(reply) == [("保安服务覆盖率", 90.0, "60行")]


def test_a_programs_figure_no_indicator_holds_is_said_missing_not_its_money(client):
    reply = ask(client, f"{DEPT}审计事务项目一年要新增多少审计人员")
    assert reply["answers"] == [] and "新增人员" in reply["message"]
    assert [a["value"] for a in ask(client, f"{DEPT}审计事务项目今年安排了多少")["answers"]] == [286.0]


def test_at_most_said_of_a_units_program_is_a_bound_not_the_largest_program():
    # 最多租几次车: the indicator's bound; never the largest program of the unit (最多 read as a superlative)
    record = Record(DEPT, 2026, "budget", "consolidated", "lj-unit-2026.pdf", "f" * 64, "raw")
    record.subordinate_units = [Unit(f"{DEPT}审计服务中心", source=Source("机构设置", 2))]
    record.programs = [Program("公车统管费用", f"{DEPT}审计服务中心", amount=8.0, source=Source("项目支出表", 31)),
                       Program("审计业务补助", f"{DEPT}审计服务中心", amount=900.0, source=Source("项目支出表", 32))]
    record.indicators = [Indicator("全年租用车辆次数", "<=", 150.0, "次", "公车统管费用", text="<=150次",
                                   source=Source("绩效目标表", 45))]
    own = create_app({"STORE": store_of([record]), "TESTING": True}).test_client()
    reply = ask(own, f"{DEPT}审计服务中心的公车统管项目一年最多租几次车")
    assert reply["intent"] != "rank_programs" and 900.0 not in [a["value"] for a in reply["answers"]]


@pytest.mark.parametrize("asked", ["水电气经费的绩效指标里，电费定的是多少万元？", "水电气经费的绩效目标中，电费是多少？"])
def test_a_short_indicator_name_asked_among_the_indicators_is_the_indicator_not_the_line(asked):
    # the program said loosely (水电气经费), the indicator by a two-character name that a classified line bears too
    record = Record(UNIT, 2026, "budget", "standalone", "lj-base-2026.pdf", "f" * 64, "raw")
    record.programs = [Program("经常性运转经费（水电气）", UNIT, amount=270.0, source=Source("项目支出表", 20))]
    record.indicators = [Indicator(name, "=", value, "万元", "经常性运转经费（水电气）", text=f"={value}万元",
                                   source=Source("项目支出绩效目标表", 70 + n))
                         for n, (name, value) in enumerate([("水费", 120.0), ("电费", 140.0)])]
    record.line_items = [LineItem("一般公共预算基本支出表", "30206", "电费", {"合计": 30.0}, "economic",
                                  source=Source("一般公共预算基本支出表", 90))]
    client = create_app({"STORE": store_of([record]), "TESTING": True}).test_client()
    (answer,) = ask(client, f"{UNIT}{asked}")["answers"]
    assert (answer["label"], answer["value"], answer["unit"]) == ("电费", 140.0, "万元") and "第71行" in answer["source"]


@pytest.fixture(scope="module")
def utilities():
    """A program whose parts are cost indicators (水费, 电费, 燃气费 in 万元), and classified lines 电费 and 水费 too."""
    record = Record(UNIT, 2026, "budget", "standalone", "lj-base-2026.pdf", "f" * 64, "raw")
    record.programs = [Program("经常性运转经费（水电气）", UNIT, amount=270.0, source=Source("项目支出表", 20)),
                       Program("物业管理经费", UNIT, amount=50.0, source=Source("项目支出表", 21))]
    record.indicators = [Indicator(name, "=", value, "万元", "经常性运转经费（水电气）", text=f"={value}万元",
                                   source=Source("项目支出绩效目标表", 70 + n))
                         for n, (name, value) in enumerate([("水费", 120.0), ("电费", 140.0), ("燃气费", 10.0)])]
    record.line_items = [LineItem("一般公共预算基本支出表", code, name, {"合计": 30.0}, "economic",
                                  source=Source("一般公共预算基本支出表", 90)) for code, name in (("30206", "电费"),
                                                                                               ("30205", "水费"))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def test_two_costs_inside_a_program_asked_each_are_the_two_indicators(utilities):
    answers = ask(utilities, f"{UNIT}的水电气经费中，水费和电费分别是多少？")["answers"]
    assert [(a["label"], a["value"]) for a in answers] == [("水费", 120.0), ("电费", 140.0)]


def test_a_cost_inside_a_program_said_as_its_whole_is_the_indicator(utilities):
    # 水电气经费里: the program its words name, said as the whole the part is asked inside — not the line 电费, not 270
    (answer,) = ask(utilities, f"{UNIT}2026年水电气经费里，电费安排了多少？")["answers"]
    assert (answer["label"], answer["value"]) == ("电费", 140.0) and "第71行" in answer["source"]


@pytest.mark.parametrize(("asked", "first", "second"), [("电费和水费各预算多少？哪个更多？", ("电费", 140.0), ("水费", 120.0)),
                                                        ("水费和电费哪个少？", ("水费", 120.0), ("电费", 140.0)),
                                                        # names of two lengths, each said whole: both, never the longer alone
                                                        ("水费和燃气费哪个少？", ("燃气费", 10.0), ("水费", 120.0))])
def test_two_costs_inside_a_program_compared_are_ordered_with_their_difference(utilities, asked, first, second):
    answers = ask(utilities, f"{UNIT}2026年水电气经费里，{asked}")["answers"]
    assert [(a["label"].split("（")[0], a["value"]) for a in answers[:2]] == [first, second]
    assert answers[2]["value"] == abs(first[1] - second[1]) and "计算所得" in answers[2]["text"]
