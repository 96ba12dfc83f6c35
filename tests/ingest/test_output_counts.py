"""Counts a 绩效自评 narrative states of a program's outputs under a heading of their own, with no target
(坐席规模和人员规模的情况。热线配置45个职场坐席，平台工作人员75人): each an indicator of the program above it with its
actual value only. Invented text."""

from __future__ import annotations

from ingest.gd_indicators import self_evaluation
from ingest.output_counts import output_counts
from ingest.reader import Line
from ingest.record import Source

EVALUATION = """
（四）预算绩效管理工作开展情况
“热线 外包服务”项目绩效自评综述：全年预算数为 200.00 万元，执行数为 196.00 万元，完成预算的 98.00%。
(1) 产出指标
坐席规模和人员规模的情况。2021 年热线配置 38 个职场坐席，热线平台工作人员 61 人（包括话务员、回访员等），每月考核，完成率达 100.00%。
人工话务接通率的完成情况。接通率目标值 ≥ 80.00%，实际完成值 78.10%，共 12 个月统计。
业务受理量：全年来电 94.58 万通，新增用户 3 个区。
第四部分：名词解释
"""


def test_counts_under_a_heading_are_indicators_of_the_program_with_their_actual_only():
    lines = [Line(t, i) for i, t in enumerate(EVALUATION.strip().split("\n"), 1)]
    _, indicators, _, _ = self_evaluation(lines, "某局")
    counted = [(i.name, i.actual, i.unit, i.program, i.target, i.comparator, i.met, i.source.line)
               for i in indicators if i.target is None]
    assert counted == [("职场坐席", 38.0, "个", "热线外包服务", None, None, None, 4),
                       ("热线平台工作人员", 61.0, "人", "热线外包服务", None, None, None, 4)]
    # a paragraph with a target is read as before, its other counts (12个月) no indicator of their own
    assert [i.name for i in indicators if i.target is not None] == ["接通率"]


def test_no_heading_no_program_a_target_or_a_time_reads_nothing():
    source = Source("绩效自评", 1)
    assert output_counts("业务受理量：新增用户3个区。", "热线", source) == []  # no 情况 heading
    assert output_counts("坐席规模的情况。配置45个职场坐席。", None, source) == []  # no program above it
    assert output_counts("坐席规模的情况。目标值45个，配置45个职场坐席。", "热线", source) == []  # a target: gd_indicators'
    assert output_counts("服务时长的情况。全年服务12个月，覆盖3个工作日。", "热线", source) == []  # times, not things
    # only the sentence after the heading
    assert [i.name for i in output_counts("坐席的情况。配置45个职场坐席。另有8个备用坐席。", "热线", source)] == ["职场坐席"]
