"""Indicators from performance-target text and from a final account's 绩效自评 narrative."""

from __future__ import annotations

import pytest

from ingest.gd_indicators import indicators_from_text, self_evaluation
from ingest.reader import Line


def one(text: str) -> tuple:
    (ind,) = indicators_from_text(text)
    return ind.name, ind.comparator, ind.target, ind.unit


@pytest.mark.parametrize("text, expected", [
    ("保障热线人工接通率≥80%", ("热线人工接通率", ">=", 80, "%")),
    ("通话均长≦250秒", ("通话均长", "<=", 250, "秒")),
    ("市民满意率大于或等于95%", ("市民满意率", ">=", 95, "%")),
    ("派单及时率大于等于95%", ("派单及时率", ">=", 95, "%")),
    ("平均通话时长小于或等于180秒", ("平均通话时长", "<=", 180, "秒")),
    ("群众满意率不低于95%", ("群众满意率", ">=", 95, "%")),
    ("故障处理时间不超过4小时", ("故障处理时间", "<=", 4, "小时")),
    ("智能转派率与准确率超过 80%", ("智能转派率与准确率", ">", 80, "%")),
    ("实际使用资源与申请资源一致率达 95%及以上", ("实际使用资源与申请资源一致率", ">=", 95, "%")),
    ("开通服务器数量550台及以上", ("服务器数量", ">=", 550, "台")),
    ("覆盖全区32个单 位及以上", ("单位", ">=", 32, "个")),
    ("完成不少于30个证照自主签发", ("证照自主签发", ">=", 30, "个")),
    ("保障政务云平台可用率≥99.5%", ("政务云平台可用率", ">=", 99.5, "%")),
    ("云平台在线率$\\geq 90.00\\%$", ("云平台在线率", ">=", 90, "%")),
    ("提高云平台在线率至90%", ("云平台在线率", ">=", 90, "%")),
    ("确保系统正常运行率100%", ("系统正常运行率", "=", 100, "%")),
    ("群众满意度95%以上", ("群众满意度", ">=", 95, "%")),
])
def test_comparator_words_and_units(text, expected):
    assert one(text) == expected


def test_several_indicators_in_one_target_text_keep_their_program():
    text = "12345热线平台实现7*24小时人工服务，保障热线人工接通率≥80%，市民满意率≥95%，通话均长≤250秒，打造便捷的“总客服”。"
    inds = indicators_from_text(text, program="热线外包服务")
    assert [(i.name, i.target) for i in inds] == [("热线人工接通率", 80), ("市民满意率", 95), ("通话均长", 250)]
    assert {i.program for i in inds} == {"热线外包服务"}


def test_years_dates_and_plain_counts_are_not_indicators():
    assert indicators_from_text("从2015年开始至2021年，建设100台自助终端，提供7*24小时服务") == []


EVALUATION = """
（四）预算绩效管理工作开展情况
部门整体支出绩效自评综述：全年预算数 280.00 万元，执行数 276.00 万元，完成预算的 98.57%。
“热线 外包服务”项目绩效自评综述：全年预算数为 200.00 万元，执行数为 196.00 万元，完成预算的 98.00%。
人工话务接通率的完成情况。2021 年热线提供人工接通话务，接通率目标值 \\geq 80.00%，实际完成值 78.10%，略低于目标值。
通话效率完成情况。热线话务员解决诉求的通话均长，目标值 ≤ 250 秒，2021年实际完成值209.2秒，完成目标值。
咨询类在线解决率的完成情况。热线话务员在线解决咨询的能力，目标值 $\\geq 90.00\\%$ ，2021年实际完成值99.78%。
热线拨通率的完成情况。热线拨通率目标值为100.00%，热线平
台整合了全市热线，实际完成值100.00%，完成目标值。
第四部分：名词解释
"""


def test_self_evaluation_reads_program_amounts_targets_and_actuals():
    lines = [Line(t, i) for i, t in enumerate(EVALUATION.strip().split("\n"), 1)]
    progs, inds, performance, facts = self_evaluation(lines, "某局")
    assert [(p.name, p.unit, p.amount, p.executed) for p in progs] == [("热线外包服务", "某局", 200.0, 196.0)]
    got = [(i.name, i.comparator, i.target, i.unit, i.actual, i.met) for i in inds]
    assert got == [
        ("接通率", ">=", 80.0, "%", 78.1, False),
        ("通话均长", "<=", 250.0, "秒", 209.2, True),
        ("咨询类在线解决率", ">=", 90.0, "%", 99.78, True),
        ("热线拨通率", "=", 100.0, "%", 100.0, True),
    ]
    assert {i.program for i in inds} == {"热线外包服务"}
    assert performance == {"overall_budget": 280.0, "overall_executed": 276.0, "overall_execution_rate": 98.57}
    # the whole's plan and what was executed of it, facts of their own on the same line as the rate
    assert [(f.key, f.value, f.source.line) for f in facts] == [
        ("execution_rate", 98.57, 2), ("overall_expenditure_budget", 280.0, 2), ("overall_expenditure", 276.0, 2)]


def test_programs_listed_for_self_evaluation_without_amounts():
    text = ("（四）2023年度绩效评价情况的说明\n绩效自评结果。我单位今年开展了部门整体支出及专项工作聘员经费、"
            "“城区‘市民之窗’一体机平台（二期）”自助服务项目、机房维护费绩效自评。\n项目绩效自评情况：优秀。")
    lines = [Line(t, i) for i, t in enumerate(text.split("\n"), 1)]
    progs, _, performance, _ = self_evaluation(lines, "某中心")
    assert [p.name for p in progs] == ["专项工作聘员经费", "“城区‘市民之窗’一体机平台（二期）”自助服务项目", "机房维护费"]
    assert all(p.amount is None for p in progs)
    assert performance["program_rating"] == "优秀"


def test_targets_counted_in_ten_thousands_keep_their_unit():
    found = [(i.name, i.comparator, i.target, i.unit) for i in indicators_from_text("受理量≥5万件，办件量达10万件以上。")]
    assert found == [("受理量", ">=", 5.0, "万件"), ("办件量", ">=", 10.0, "万件")]


def test_programs_listed_as_the_objects_of_self_evaluation():
    text = ("（四）绩效评价情况\n我单位对热线外包服务、平台运维经费、机房租赁等3个项目开展了绩效自评。\n"
            "组织对2023年度一般公共预算项目支出开展绩效自评。")
    lines = [Line(t, i) for i, t in enumerate(text.split("\n"), 1)]
    assert [p.name for p in self_evaluation(lines, "某局")[0]] == ["热线外包服务", "平台运维经费", "机房租赁"]


def test_self_evaluation_under_other_headings_past_a_table_of_contents():
    text = ("目录\n四、预算绩效情况说明\n第四部分 名词解释\n第三部分 情况说明\n4.预算绩效情况说明\n"
            "部门整体支出绩效自评情况：全年预算数500万元，执行数480万元，完成预算的96%。")
    lines = [Line(t, i) for i, t in enumerate(text.split("\n"), 1)]
    _, _, performance, facts = self_evaluation(lines, "某局")
    assert performance["overall_execution_rate"] == 96.0 and facts[0].source.line == 6


@pytest.mark.parametrize("said, overall, program", [
    ("部门整体支出绩效自评得分92.5分，自评等级为“优”。项目支出绩效自评结果：良。", "优", "良"),
    ("部门整体支出绩效评价结果为良好等级。项目绩效自评综合评定为中。", "良好", "中"),
])
def test_grades_printed_in_other_words_are_read(said, overall, program):
    lines = [Line(t, i) for i, t in enumerate(["五、绩效自评情况", *said.split("。")], 1)]
    performance = self_evaluation(lines, "某局")[2]
    assert (performance.get("overall_rating"), performance.get("program_rating")) == (overall, program)


def test_a_grade_is_no_word_going_on():
    lines = [Line(t, i) for i, t in enumerate(["五、绩效自评情况", "部门整体支出绩效评价为优化服务提供了依据。"], 1)]
    assert "overall_rating" not in self_evaluation(lines, "某局")[2]


def test_no_grade_read_out_of_a_fund_and_the_first_grade_printed_kept():
    said = ["五、绩效自评情况", "部门整体支出绩效自评情况：一般公共预算财政拨款支出100万元。",
            "项目支出绩效自评情况：一般公共预算项目3个。", "项目绩效自评：自评等级为“优”。",
            "部门整体支出绩效自评结果为良好。", "部门整体支出绩效评价为较差。", "项目支出绩效自评结果：良。"]
    performance = self_evaluation([Line(t, i) for i, t in enumerate(said, 1)], "某局")[2]
    assert (performance.get("overall_rating"), performance.get("program_rating")) == ("良好", "优")
