"""How many units the narrative says a department has, as printed (内设处室15个, 包括27个机关行政科室, 下属12个二级
预算单位, 无下属单位, 纳入编制范围的单位共1个): a fact of its kind with its sentence and line, the first of each."""

from __future__ import annotations

import pytest

from ingest.prose import Paragraph
from ingest.unit_counts import unit_counts


def _found(*texts: str) -> list[tuple]:
    return [(f.key, f.value, f.unit, f.source.line) for f in unit_counts([Paragraph(t, 10 + i) for i, t in enumerate(texts)])]


@pytest.mark.parametrize("text, key, value", [
    ("临江市审计局内设处室15个，分别为：办公室、财政审计处。", "internal_unit_count", 15),
    ("临江市信访局内设十个机构，分别是：办公室、来信受理处。", "internal_unit_count", 10),
    ("本单位设立6个内设机构，分别为：综合部、工程部。", "internal_unit_count", 6),
    ("下设秘书处、规划处等七个处室。", "internal_unit_count", 7),
    ("下属 12 个二级预算单位，分别是临江市水文站、临江市河道中心。", "subordinate_unit_count", 12),
    ("部门预算是包括本部以及下属1家预算单位的综合收支计划。", "subordinate_unit_count", 1),
    ("临江市口岸办无下属单位，部门预算为本级预算。", "subordinate_unit_count", 0),
    ("纳入本部门当年预算编制范围的二级预算单位共有1个，包括：", "budget_unit_count", 1),
])
def test_a_count_printed_in_a_sentence_is_read_with_its_line(text, key, value):
    assert _found(text) == [(key, value, "个", 10)]


def test_a_sentence_of_two_counts_gives_each_and_a_later_count_of_a_kind_none():
    found = _found("从预算单位构成看，临江市政府办公室包括 27个机关行政科室及 12个下属单位。", "另设4个内设机构。")
    assert found == [("internal_unit_count", 27, "个", 10), ("subordinate_unit_count", 12, "个", 10)]


def test_a_count_of_other_things_is_no_count_of_units():
    assert _found("共有车辆5辆，开展绩效自评的项目12个，下属单位人员30人。") == []


def test_the_budgets_units_are_counted_from_their_table_where_no_sentence_says_how_many():
    from ingest.reader import Line

    rows = [Line("1 临江市机关事务服务中心", 90), Line("2 临江市人民政府办公室（本级）", 91)]
    said = [f for f in unit_counts([Paragraph("列入2026年部门预算编制范围的单位详细情况见下表：", 88)], rows)]
    assert [(f.key, f.value, f.source.line) for f in said] == [("budget_unit_count", 2, 90)]
    printed = unit_counts([Paragraph("纳入本部门预算编制范围的单位共有3个。", 88)], rows)  # the sentence's number wins
    assert [(f.key, f.value, f.source.line) for f in printed] == [("budget_unit_count", 3, 88)]


def test_a_count_with_the_departments_own_level_is_the_budgets_units_not_its_subordinates():
    assert _found("本部门预算包括本级及下属单位共6个单位。") == [("budget_unit_count", 6, "个", 10)]


@pytest.mark.parametrize("text", ["2025年撤销2个下属事业单位。", "2026年拟新设3个内设机构。", "2025年将2个下属单位合并。"])
def test_units_abolished_or_planned_are_not_the_units_held(text):
    assert _found(text) == []


def test_a_count_after_a_clause_of_units_abolished_is_read():
    assert _found("2025年撤销2个下属事业单位，现有下属单位5个。") == [("subordinate_unit_count", 5, "个", 10)]


def test_a_count_from_the_table_says_it_was_counted_not_printed():
    from ingest.reader import Line

    rows = [Line("1 临江市机关事务服务中心", 90), Line("2 临江市人民政府办公室（本级）", 91)]
    [fact] = unit_counts([], rows)
    assert "非原文" in fact.text and "临江市机关事务服务中心" in fact.text and "单位名称表列出" not in fact.text
