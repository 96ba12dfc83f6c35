"""How many programs the narrative says were evaluated (对4个项目开展绩效自评, 其中一级项目0个，二级项目13个, 重点绩效评价):
a fact of its kind with its sentence and line, each fund's count of one paragraph added, not a count said again
nor the 一级 programs holding the 二级 ones; programs to come or of another year are none."""

from __future__ import annotations

import pytest

from ingest.program_counts import program_counts
from ingest.prose import Paragraph


def _found(*texts: str, year: int | None = 2022) -> dict[str, tuple]:
    paras = [Paragraph(t, 10 + i) for i, t in enumerate(texts)]
    return {f.key: (f.value, f.unit, f.source.line) for f in program_counts(paras, year)}


@pytest.mark.parametrize("text, value", [
    ("我局组织对2022年度“河道保洁项目”等6个一般公共预算项目支出开展绩效自评，共涉及资金300万元。", 6),
    ("我局今年开展了部门整体支出及五个项目绩效自评。", 5),
    ("本年度绩效自评项目共7个，涉及资金80万元。", 7),
    ("对2022年度一般公共预算项目支出开展绩效自评，其中一级项目2个，二级项目9个，共涉及资金10万元。", 9),
    ("对2022年度一般公共预算项目支出开展绩效自评，其中一级项目3个，二级项目0个。", 3),
    ("我局今年开展了4个项目绩效自评，绩效自评项目共4个，涉及资金80万元。", 4),  # one count, said twice
    ("对2022年度一般公共预算项目支出开展绩效自评，其中一级项目0个，二级项目13个，共涉及资金10万元；"
     "组织对2022年度0个政府性基金预算项目开展绩效自评，共涉及资金0万元。", 13),  # the levels and each fund added
])
def test_the_programs_evaluated_as_printed(text, value):
    assert _found(text) == {"evaluated_programs": (value, "个", 10)}


def test_each_funds_count_in_one_paragraph_is_added_and_the_key_evaluations_are_their_own():
    found = _found("组织对2022年度3个一般公共预算项目开展绩效自评；组织对2022年度2个政府性基金预算项目开展绩效自评。",
                   "共组织对1个项目开展了重点绩效评价，涉及资金5万元。",
                   "组织对2个项目开展绩效自评。")  # a later paragraph: the first one's count stands
    assert found == {"evaluated_programs": (5, "个", 10), "key_evaluated_programs": (1, "个", 11)}


def test_no_count_of_programs_to_come_or_of_other_things():
    assert _found("明年拟对3个项目开展绩效自评。", "我局共有4个项目，预算合计100万元。") == {}


def test_no_count_of_another_year():
    assert _found("2023年对5个项目开展了绩效自评。", year=2024) == {}
    assert _found("2024年对5个项目开展了绩效自评。", year=2024) == {"evaluated_programs": (5, "个", 10)}


def test_each_grade_s_count_is_read_with_its_line():
    from ingest.program_counts import graded_counts
    text = ("绩效自评的2022年度项目4个，平均得分99.43分（其中，绩效评级为“优”的项目3个；“良”的项目1个；绩效评级为“合格”的"
            "项目0个；绩效评级为“不合格”的项目0个。）")
    found = graded_counts([Paragraph("前言。", 9), Paragraph(text, 10)], 2022)
    assert [(f.key, f.label, f.value, f.unit, f.source.line) for f in found] == [
        ("graded_programs", "优", 3, "个", 10), ("graded_programs", "良", 1, "个", 10),
        ("graded_programs", "合格", 0, "个", 10), ("graded_programs", "不合格", 0, "个", 10)]
    assert graded_counts([Paragraph("本单位质量为“优”的项目3个。", 10)], 2022) == []  # no evaluation said
