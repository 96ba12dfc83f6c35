"""Self-consistency checks (ingest.gd_checks) on fictional tables: a table that adds up gives no
warning; one misread or misprinted gives a warning naming the table and line, and nothing is dropped."""

from __future__ import annotations

from ingest.gd_checks import consistency_warnings, totals_warnings
from ingest.gd_items import line_items
from ingest.gd_programs import programs
from ingest.gd_tables import find_tables
from ingest.gd_totals import table_facts
from ingest.parse import parse_file
from ingest.reader import Line
from ingest.record import Fact, Source

T = "\t"


def lines_of(text: str) -> list[Line]:
    return [Line(t, i) for i, t in enumerate(text.strip("\n").split("\n"), 1)]


def spending(total: str, child: str) -> str:
    return f"""
支出总体情况表
单位：万元
科目编码{T}科目名称{T}合计{T}基本支出{T}项目支出
{T}合计{T}{total}{T}60.00{T}40.00
201{T}一般公共服务支出{T}100.00{T}60.00{T}40.00
20103{T}政府办公厅（室）及相关机构事务{T}100.00{T}60.00{T}40.00
2010301{T}行政运行{T}{child}{T}60.00{T}0.00
2010399{T}其他政府办公厅（室）及相关机构事务支出{T}40.00{T}0.00{T}40.00
"""


def check(text: str) -> tuple[list, list[str]]:
    tables = find_tables(lines_of(text), "tsv")
    items = [i for t in tables for i in line_items(t)[0]]
    return items, consistency_warnings(tables, items, [], [])


def test_a_table_that_adds_up_gives_no_warning():
    assert check(spending("100.00", "60.00"))[1] == []


def test_a_parent_row_unlike_the_sum_of_its_rows_is_reported_and_kept():
    items, warnings = check(spending("100.00", "66.00"))
    assert len(items) == 4  # nothing dropped
    assert warnings == [w for w in warnings if "[20103]" in w and "第6行" in w] and len(warnings) == 1


def test_a_total_row_unlike_the_sum_of_the_classes_is_reported():
    (warning,) = check(spending("120.00", "60.00"))[1]
    assert "合计" in warning and "第4行" in warning and "支出总体情况表" in warning


def test_a_code_printed_again_for_the_next_unit_starts_a_new_block():
    text = f"""
一般公共预算基本支出情况表
单位：万元
部门预算支出经济科目{T}预算
合计{T}30.00
[301]工资福利支出{T}20.00
[30101]基本工资{T}20.00
[301]工资福利支出{T}10.00
[30101]基本工资{T}6.00
[30102]津贴补贴{T}4.00
"""
    assert check(text)[1] == []


def test_programs_that_do_not_add_up_to_the_table_total_are_reported():
    text = f"""
部门预算项目支出及其他支出预算表
单位：万元
支出项目类别{T}总计{T}一般公共预算{T}绩效目标
合计{T}300.00{T}300.00{T}
海州市某局{T}300.00{T}300.00{T}
热线服务{T}200.00{T}200.00{T}接通率≥90%。
平台运维{T}90.00{T}90.00{T}运行率≥99%。
"""
    (table,) = find_tables(lines_of(text), "tsv")
    progs, _, _ = programs(table, "海州市某局", set())
    (warning,) = consistency_warnings([table], [], progs, [table])
    assert "第4行" in warning and "300" in warning and "290.00" in warning


def test_a_spending_split_larger_than_the_total_is_reported():
    src = Source(table="支出总体情况表", line=9)
    facts = [Fact("basic_expenditure", 80.0, source=src), Fact("project_expenditure", 40.0, source=src),
             Fact("expenditure_total", 100.0, source=src)]
    (warning,) = totals_warnings(facts)
    assert "第9行" in warning
    assert totals_warnings(facts[:2] + [Fact("expenditure_total", 120.0, source=src)]) == []


def test_a_row_that_lost_its_leading_empty_cells_is_aligned_with_the_header():
    text = spending("100.00", "60.00").replace(f"\n{T}合计", "\n合计")
    tables = find_tables(lines_of(text), "tsv")
    got = {f.key: f.value for f in reversed(table_facts(tables, "budget"))}
    assert (got["basic_expenditure"], got["project_expenditure"]) == (60.0, 40.0)


def test_a_section_found_but_not_read_is_a_warning(tmp_path):
    text = f"""
海州市某某局2025年部门预算
一、主要职责
本局职责详见本局门户网站
二、机构设置
本局机构情况详见本局门户网站
第二部分 2025年部门预算表
支出总体情况表
单位：万元
科目编码{T}科目名称{T}合计{T}基本支出{T}项目支出
{T}合计{T}100.00{T}60.00{T}40.00
201{T}一般公共服务支出{T}100.00{T}60.00{T}40.00
"""
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    record = parse_file(path)
    assert record.duties and not record.internal_units  # an unnumbered paragraph is still one duty
    (warning,) = [w for w in record.warnings if "内设机构" in w]
    assert "第5行" in warning


def test_a_self_evaluation_section_with_nothing_read_is_a_warning(tmp_path):
    text = """
海州市某某局2024年度部门决算
一、主要职责
1.负责甲工作。
（四）2024年度绩效评价情况的说明
本单位按要求开展了绩效评价工作，详见附件。
第四部分 名词解释
"""
    path = tmp_path / "final.txt"
    path.write_text(text, encoding="utf-8")
    (warning,) = [w for w in parse_file(path).warnings if "绩效自评" in w]
    assert "第5行" in warning
