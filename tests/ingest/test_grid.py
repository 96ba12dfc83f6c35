"""The national tables read by meaning (ingest.grid, grid_read, grid_totals, grid_programs,
grid_targets), on small invented ruled tables: each layout feature of the national templates, not
any region's document. Every department, name and figure here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.grid import clean_title, grids
from ingest.grid_programs import list_programs
from ingest.grid_read import line_items
from ingest.grid_targets import targets
from ingest.grid_totals import table_facts
from ingest.grid_units import unit_totals
from ingest.pdf import PdfPage, PdfTable
from ingest.reader import Document, Line


def _doc(*pages: tuple[list[str], list[list[list[str]]]]) -> Document:
    """Pages of (lines above the tables, tables as rows of cells); a merged cell is repeated in
    every position it covers, as `PdfTable.filled` has it."""
    lines: list[Line] = []
    out: list[PdfPage] = []
    for number, (above, tables) in enumerate(pages, 1):
        first = len(lines)
        lines += [Line(t, len(lines) + 1, number, top=10.0 * i) for i, t in enumerate(above, 1)]
        ruled, top = [], 10.0 * len(above) + 20
        for rows in tables:
            ruled.append(PdfTable(number, top=top, bottom=top + 10 * len(rows), rows=rows, filled=rows,
                                  row_lines=[None] * len(rows)))
            top += 10 * len(rows) + 40
        out.append(PdfPage(number, first, len(lines) - first, ruled))
    return Document(Path("inline.pdf"), "0", "pdf", lines, out)


def test_a_title_is_known_whatever_its_numbering():
    for text in ("表一 2026年部门收支总体情况表", "公开01表 收支总表", "收支总表（预算表1）", "附表3：部门收支总表",
                 "（一）2026年部门收支总表", "三、部门收支总表"):
        assert clean_title(text) in ("部门收支总体情况表", "收支总表", "部门收支总表"), text
    assert clean_title("表一") is None
    assert clean_title("注：本表无数据。") is None


def test_codes_split_in_columns_printing_only_their_own_part_are_rebuilt():
    rows = [["科目编码", "科目编码", "科目编码", "科目名称", "合计"], ["类", "款", "项", "科目名称", "合计"],
            ["", "", "", "合计", "30.00"],
            ["208", "", "", "社会保障和就业支出", "30.00"], ["", "05", "", "行政事业单位养老支出", "30.00"],
            ["", "", "01", "行政单位离退休", "10.00"], ["", "", "05", "机关事业单位基本养老保险缴费支出", "20.00"]]
    items = line_items(grids(_doc((["一般公共预算支出表", "单位：万元"], [rows]))))
    assert [(i.code, i.name, i.values) for i in items] == [
        ("208", "社会保障和就业支出", {"合计": 30.0}), ("20805", "行政事业单位养老支出", {"合计": 30.0}),
        ("2080501", "行政单位离退休", {"合计": 10.0}), ("2080505", "机关事业单位基本养老保险缴费支出", {"合计": 20.0})]
    assert all(i.classification == "functional" for i in items)


def test_a_wrapped_name_and_a_name_printed_above_its_code_stay_one_row():
    # In a ruled cell the wrapped lines are one cell: they are joined without a space.
    rows = [["科目编码", "科目名称", "金额"], ["2010399", "其他政府办公厅（室）及相关机\n构事务支出", "1,330.72"]]
    [item] = line_items(grids(_doc((["部门支出总表"], [rows]))))
    assert (item.code, item.name, item.values) == ("2010399", "其他政府办公厅（室）及相关机构事务支出", {"金额": 1330.72})


def test_of_two_code_columns_the_departmental_economic_code_is_the_key():
    rows = [["部门经济科目编码", "部门经济科目名称", "政府经济科目编码", "政府经济科目名称", "合计"],
            ["30101", "基本工资", "50101", "工资奖金津补贴", "7,059,565.80"]]
    [item] = line_items(grids(_doc((["一般公共预算支出明细表（按支出经济分类科目）", "单位：元"], [rows]))))
    assert (item.code, item.name, item.classification) == ("30101", "基本工资", "economic")
    assert item.values == {"合计": 705.95658}  # 元 → 万元 exactly, once


def test_codes_printed_in_brackets_before_the_name_are_read():
    rows = [["项目", "合计"], ["[2120106]工程建设管理", "95.00"], ["[30101]基本工资", "12.50"]]
    items = line_items(grids(_doc((["本年支出总体情况表"], [rows]))))
    assert [(i.code, i.name) for i in items] == [("2120106", "工程建设管理"), ("30101", "基本工资")]


def test_rows_without_codes_keep_their_name_with_no_code_and_are_no_programs():
    rows = [["功能分类科目名称", "总计", "人员支出", "日常公用支出", "项目支出"],
            ["合计", "50.00", "20.00", "10.00", "20.00"], ["科学技术支出", "50.00", "20.00", "10.00", "20.00"]]
    doc = _doc((["部门支出预算总表", "单位：万元"], [rows]))
    assert [(i.code, i.name, i.classification, i.values["总计"]) for i in line_items(grids(doc))] == [
        ("", "科学技术支出", "functional", 50.0)]
    assert list_programs(grids(doc)) == []
    facts = {f.key: f.value for f in table_facts(grids(doc), "budget", 2026)}
    assert facts["basic_expenditure"] == 30.0  # printed only as 人员支出 + 日常公用支出
    assert facts["project_expenditure"] == 20.0


def test_three_side_by_side_blocks_are_read_block_by_block():
    rows = [["科目编码", "科目名称", "金额", "科目编码", "科目名称", "金额", "科目编码", "科目名称", "金额"],
            ["30101", "基本工资", "1.00", "30201", "办公费", "2.00", "31002", "办公设备购置", "3.00"]]
    items = line_items(grids(_doc((["一般公共预算基本支出表"], [rows]))))
    assert {(i.code, i.values["金额"]) for i in items} == {("30101", 1.0), ("30201", 2.0), ("31002", 3.0)}


def test_a_table_over_a_page_break_keeps_its_unit_and_code_context():
    head = [["科目编码", "科目编码", "科目名称", "合计"], ["类", "款", "科目名称", "合计"]]
    first = head + [["301", "", "工资福利支出", "3,000,000.00"], ["", "01", "基本工资", "1,000,000.00"]]
    second = head + [["", "02", "津贴补贴", "2,000,000.00"]]
    doc = _doc((["部门预算支出经济分类表", "单位：元"], [first]), (["部门预算支出经济分类表"], [second]))
    found = grids(doc)
    assert len(found) == 1 and found[0].unit == "元"
    assert [(i.code, i.values["合计"]) for i in line_items(found)] == [("301", 300.0), ("30101", 100.0), ("30102", 200.0)]


def test_summary_totals_and_a_plain_total_row_on_each_side():
    rows = [["收入", "收入", "支出", "支出"], ["项目", "预算数", "项目", "预算数"],
            ["一般公共预算拨款收入", "90.00", "一般公共服务支出", "100.00"],
            ["合计", "100.00", "合计", "100.00"]]
    facts = {f.key: f.value for f in table_facts(grids(_doc((["部门收支总体情况表"], [rows]))), "budget", 2026)}
    assert facts == {"revenue_total": 100.0, "expenditure_total": 100.0, "general_budget_revenue": 90.0}


def test_the_income_by_fund_of_this_year_and_not_its_carry_over():
    rows = [["收入", "收入", "支出", "支出"], ["项目", "预算数", "项目", "预算数"],
            ["一、一般公共预算资金", "128,148.56", "一、一般公共服务支出", "59.56"],
            ["二、政府性基金预算资金", "44,134.59", "二、教育支出", "33,862.49"],
            ["三、国有资本经营预算资金", "", "三、国有资本经营预算支出", "7.00"],
            ["政府性基金预算拨款结余、结转", "3.00", "", ""]]
    facts = {f.key: f.value for f in table_facts(grids(_doc((["部门收支总表"], [rows]))), "budget", 2026)}
    assert (facts["general_budget_revenue"], facts["government_fund_revenue"]) == (128148.56, 44134.59)
    assert "state_capital_revenue" not in facts  # not printed; and the spending side's row is no income


def test_three_public_is_this_years_three_parts_without_meetings_or_training():
    rows = [["2025年", "2025年", "2025年", "2025年", "2026年", "2026年", "2026年", "2026年"],
            ["因公出国（境）费", "公务接待费", "公务用车购置及运行费", "会议费",
             "因公出国（境）费", "公务接待费", "公务用车购置及运行费", "会议费"],
            ["1.00", "2.00", "3.00", "9.00", "1.50", "2.50", "3.25", "8.00"]]
    facts = {f.key: f.value for f in table_facts(grids(_doc((["“三公”经费支出表"], [rows]))), "budget", 2026)}
    assert facts == {"three_public_budget": 7.25}


def test_programs_with_their_unit_column_and_a_merged_unit_cell():
    rows = [["单位名称", "项目名称", "总计"], ["", "合计", "30.00"], ["某某局", "甲项目", "10.00"],
            ["", "乙项目", "5.00"], ["某某中心", "丙项目", "15.00"]]
    progs = list_programs(grids(_doc((["部门项目支出预算表"], [rows]))))
    assert [(p.name, p.unit, p.amount) for p in progs] == [
        ("甲项目", "某某局", 10.0), ("乙项目", "某某局", 5.0), ("丙项目", "某某中心", 15.0)]


def test_a_program_tables_target_column_gives_each_program_its_own_target_or_none():
    rows = [["支出项目类别（资金使用单位）", "总计", "绩效目标"], ["合计", "110.00", ""],
            ["人员工资", "10.00", ""], ["供水管道建设工程-2026年", "100.00", "提高供水安全性，保障应急供水。"]]
    progs = list_programs(grids(_doc((["部门预算项目支出及其他支出预算表"], [rows]))))
    assert [(p.name, p.performance_target) for p in progs] == [
        ("人员工资", None), ("供水管道建设工程-2026年", "提高供水安全性，保障应急供水。")]


def test_programs_of_a_tree_of_rows_are_its_leaves_under_their_unit():
    rows = [["单位编码", "单位（项目）名称", "项目金额"], ["合计", "", "300,000.00"],
            ["901001", "某某局", "300,000.00"], ["", "通用项目", "100,000.00"], ["", "一级项目甲", "100,000.00"],
            ["", "二级项目甲", "100,000.00"], ["", "专用项目", "200,000.00"], ["", "二级项目乙", "120,000.00"],
            ["", "二级项目丙", "80,000.00"]]
    progs = list_programs(grids(_doc((["部门专项业务经费支出表", "单位：元"], [rows]))))
    assert [(p.name, p.unit, p.amount) for p in progs] == [
        ("二级项目甲", "某某局", 10.0), ("二级项目乙", "某某局", 12.0), ("二级项目丙", "某某局", 8.0)]


def test_programs_of_a_second_level_column_and_none_invented_from_first_level_rows():
    rows = [["一级项目", "二级项目", "项目单位", "合计"], ["综合管理", "", "", "40.00"],
            ["", "甲经费", "某某局", "30.00"], ["", "乙经费", "某某局", "10.00"]]
    progs = list_programs(grids(_doc((["项目支出表"], [rows]))))
    assert [(p.name, p.unit, p.amount) for p in progs] == [("甲经费", "某某局", 30.0), ("乙经费", "某某局", 10.0)]


def test_indicators_one_row_each_with_comparator_and_unit_columns():
    rows = [["单位（项目）名称", "资金总额", "三级指标", "指标值", "度量单位", "指标值类型"],
            ["某某中心", "20.00", "", "", "", ""],
            ["甲经费", "20.00", "用水量", "92.32", "万吨", "＝"], ["", "", "及时支付率", "90", "%", "≥"]]
    progs, inds = targets(grids(_doc((["项目支出绩效目标表"], [rows]))))
    assert [(p.name, p.unit, p.amount) for p in progs] == [("甲经费", "某某中心", 20.0)]
    assert [(i.program, i.name, i.comparator, i.target, i.unit) for i in inds] == [
        ("甲经费", "用水量", "=", 92.32, "万吨"), ("甲经费", "及时支付率", ">=", 90.0, "%")]


def test_a_sheet_per_project_with_its_unit_amount_and_indicators_over_a_page_break():
    first = [["项目名称", "项目名称", "丁项目", "丁项目"], ["主管部门及代码", "901_某某局", "实施单位", "某某服务中心"],
             ["项目资金（万元）", "", "年度预算资金总额：", "8.00"],
             ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "检查次数", "≥12次"]]
    second = [["效益指标", "社会效益指标", "覆盖率", "=100%"]]
    progs, inds = targets(grids(_doc((["政策和项目预算绩效目标表"], [first]), (["政策和项目预算绩效目标表"], [second]))))
    assert [(p.name, p.unit, p.amount) for p in progs] == [("丁项目", "某某服务中心", 8.0)]
    assert [(i.program, i.name, i.comparator, i.target, i.unit) for i in inds] == [
        ("丁项目", "检查次数", ">=", 12.0, "次"), ("丁项目", "覆盖率", "=", 100.0, "%")]


def test_a_sheet_named_by_its_title():
    rows = [["专项资金情况（万元）", "资金总额：", "57.00"], ["绩效目标指标", "三级指标", "目标值"],
            ["产出指标", "服务响应及时率", "≥90%"]]
    progs, inds = targets(grids(_doc((["某某平台项目绩效目标表"], [rows]))))
    assert [(p.name, p.amount) for p in progs] == [("某某平台", 57.0)]
    assert [(i.program, i.name) for i in inds] == [("某某平台", "服务响应及时率")]


def test_programs_read_from_text_under_a_contents_line_go_when_the_tables_hold_no_program_table():
    from ingest.record import Program, Record, Source
    from ingest.tables import apply_tables

    rows = [["科目编码", "科目名称", "合计"], ["2010301", "行政运行", "10.00"]]
    doc = _doc((["部门支出总表"], [rows]))
    record = Record(department="某某局", fiscal_year=2026, document_type="budget", scope="standalone",
                    source_file="inline.pdf", sha256="0", layout="raw",
                    programs=[Program("一、财政拨款", source=Source(table="表10.部门项目支出预算表")),
                              Program("某某专项", source=Source(table="项目说明"))])
    apply_tables(record, doc)
    assert [p.name for p in record.programs] == ["某某专项"]
    assert [(i.code, i.values) for i in record.line_items] == [("2010301", {"合计": 10.0})]


def test_rows_without_codes_take_their_parent_from_indentation():
    names = [("科学技术支出", 0), ("技术研究与开发", 10), ("科技成果转化与扩散", 20), ("卫生健康支出", 0),
             ("行政事业单位医疗", 10)]
    lines = [Line("部门支出预算总表", 1, 1, top=10.0), Line("功能分类科目名称 合计", 2, 1, top=40.0)]
    runs = {}
    rows = [["功能分类科目名称", "合计"]]
    for k, (name, indent) in enumerate(names):
        no = len(lines) + 1
        lines.append(Line(f"{name} 1.00", no, 1, top=60.0 + 20 * k))
        runs[no] = [(100.0 + 2 + indent, 180.0, name), (260.0, 290.0, "1.00")]
        rows.append([name, "1.00"])
    table = PdfTable(1, top=35.0, bottom=200.0, rows=rows, filled=rows, row_lines=[2] + list(range(3, 3 + len(names))),
                     column_x=[100.0, 250.0, 300.0])
    doc = Document(Path("inline.pdf"), "0", "pdf", lines, [PdfPage(1, 0, len(lines), [table], runs=runs)])
    items = line_items(grids(doc))
    assert [(i.name, i.parent) for i in items] == [
        ("科学技术支出", None), ("技术研究与开发", "科学技术支出"), ("科技成果转化与扩散", "技术研究与开发"),
        ("卫生健康支出", None), ("行政事业单位医疗", "卫生健康支出")]


def test_a_final_accounts_summary_with_row_numbers_gives_its_totals():
    rows = [["项目", "行次", "决算数", "项目", "行次", "决算数"],
            ["本年收入合计", "1", "100.00", "本年支出合计", "2", "90.00"],
            ["年初结转和结余", "3", "5.00", "年末结转和结余", "4", "15.00"],
            ["总计", "5", "105.00", "总计", "6", "105.00"]]
    read = table_facts(grids(_doc((["收入支出决算总表"], [rows]))), "final_account", 2025)
    facts = {f.key: f.value for f in read}
    assert facts == {"revenue_total": 100.0, "expenditure_total": 90.0, "carryover_begin": 5.0,
                     "carryover_end": 15.0, "grand_total": 105.0}
    # the row as evidence: its cells apart and without the row numbers, no figure glued to another
    assert next(f.text for f in read if f.key == "revenue_total") == "本年收入合计 100.00 本年支出合计 90.00"


@pytest.mark.parametrize(("begin", "end"), [("上年结转", "结转下年"), ("上年结余、结转", "年终结转结余"),
                                            ("上年实户资金余额", "年末结转和结余")])
def test_carry_over_rows_are_known_by_their_wording(begin, end):
    rows = [["收入", "收入", "支出", "支出"], ["项目", "预算数", "项目", "预算数"],
            ["本年收入合计", "100.00", "本年支出合计", "97.00"],
            [begin, "5.00", end, "8.00"],
            ["收入总计", "105.00", "支出总计", "105.00"]]
    facts = {f.key: f.value for f in table_facts(grids(_doc((["部门收支总表"], [rows]))), "budget", 2026)}
    assert facts == {"revenue_total": 100.0, "expenditure_total": 97.0, "carryover_begin": 5.0,
                     "carryover_end": 8.0, "grand_total": 105.0}


def test_each_units_own_total_from_a_revenue_table_with_a_row_per_unit():
    coded = [["部门代码", "部门名称", "合计", "一般公共预算"],
             ["合计", "", "100.00", "100.00"], ["901", "某某局", "100.00", "100.00"],
             ["901001", "某某局", "60.00", "60.00"], ["901002", "某某中心", "30.00", "30.00"],
             ["901003", "某某站", "10.00", "10.00"]]
    got = [(u.name, u.code, u.value) for u in unit_totals(grids(_doc((["收入总表"], [coded]))))]
    assert got == [("某某局", "901001", 60.0), ("某某中心", "901002", 30.0), ("某某站", "901003", 10.0)]
    # without codes: the row that adds up the rows under it (printed rounded) groups them
    plain = [["单位名称", "总计", "一般公共预算"], ["合计", "100.01", "100.01"], ["某某局", "100.01", "100.01"],
             ["某某局本级", "60.00", "60.00"], ["某某中心", "30.00", "30.00"], ["某某站", "10.00", "10.00"]]
    got = [(u.name, u.value, u.source.table) for u in unit_totals(grids(_doc((["部门收入预算总表"], [plain]))))]
    assert got == [("某某局本级", 60.0, "部门收入预算总表"), ("某某中心", 30.0, "部门收入预算总表"),
                   ("某某站", 10.0, "部门收入预算总表")]


def test_a_revenue_table_by_classification_gives_no_unit_totals():
    rows = [["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "10.00"], ["208", "社会保障和就业支出", "5.00"]]
    assert unit_totals(grids(_doc((["收入总表"], [rows])))) == []


def test_the_ruled_target_table_replaces_the_texts_indicators_of_its_page():
    from ingest.record import Indicator, Record, Source
    from ingest.tables import apply_tables

    rows = [["单位（项目）名称", "资金总额", "三级指标", "指标值", "度量单位", "指标值类型"],
            ["某某中心", "20.00", "", "", "", ""],
            ["甲经费", "20.00", "用水量", "92.32", "万吨", "＝"]]
    doc = _doc((["说明"], []), (["项目支出绩效目标表"], [rows]))
    record = Record(department="某某局", fiscal_year=2026, document_type="budget", scope="standalone",
                    source_file="inline.pdf", sha256="0", layout="raw",
                    indicators=[  # the text's reading: two cells of one row run together, on the table's page
                        Indicator("经费用水量", "=", 20.0, None, "甲", source=Source(table="项目支出绩效目标表", page=2)),
                        Indicator("满意度", ">=", 90.0, "%", "乙经费", source=Source(table="说明", page=1))])
    apply_tables(record, doc)
    assert [(i.program, i.name, i.target) for i in record.indicators] == [
        ("甲经费", "用水量", 92.32), ("乙经费", "满意度", 90.0)]


def test_what_the_text_reader_said_of_a_table_read_from_its_ruling_goes_with_its_reading():
    from ingest.tables import apply_tables
    from tests.ingest.test_rdf import make_record

    rows = [["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "30.00"], ["20101", "人大事务", "30.00"]]
    doc = _doc((["一般公共预算支出表", "单位：万元"], [rows]), (["三、其他说明"], []))
    said = ["一般公共预算支出表（表5）: 1 行没有科目编码，已跳过 (rows without a code skipped) 第1行: 总计：30.0030.00",
            "一般公共预算支出表（表5）: 第1行 [201] 金额 3 ≠ 下级科目之和 30.00 (a parent row does not equal the sum of "
            "its rows: check the rows below it)",
            "没有找到带科目编码的预算表 (no table rows with classification codes)",
            "其他表: 1 行没有科目编码，已跳过 (rows without a code skipped) 第3行: 说明",  # a page without a ruled table
            "没有找到主要职能 (no numbered duties found)"]
    record = make_record(line_items=[], warnings=list(said))
    apply_tables(record, doc)
    assert [i.code for i in record.line_items] == ["201", "20101"]
    assert record.warnings == said[3:]


def test_what_the_text_reader_said_of_its_programs_goes_when_the_program_table_replaces_them():
    from ingest.tables import apply_tables
    from tests.ingest.test_rdf import make_record

    rows = [["单位名称", "项目名称", "金额"], ["示例局", "示例数据治理项目", "10.00"]]
    said = ["项目支出预算表: 第3行 金额 865.62 没有项目名称，已跳过 (amounts without a program name)",
            "项目支出预算表: 第3行 合计 5876.67 ≠ 各项目之和 127031.45 (the programs read do not add up to the table's "
            "total: a program may be missed or misread)", "没有找到主要职能 (no numbered duties found)"]
    record = make_record(line_items=[], warnings=list(said))
    apply_tables(record, _doc((["项目支出表", "单位：万元"], [rows]), (["收入总表"], [])))
    assert [p.name for p in record.programs] == ["示例数据治理项目"]
    assert record.warnings == said[2:]


def test_a_column_headed_only_amount_is_named_with_its_parent():
    rows = [["科目编码", "科目名称", "合计", "本级财政拨款", "本级财政拨款"],
            ["科目编码", "科目名称", "合计", "金额", "其中：经费拨款"], ["205", "教育支出", "3.00", "3.00", "2.00"]]
    [item] = line_items(grids(_doc((["部门收入总体情况表", "单位：万元"], [rows]))))
    assert item.values == {"合计": 3.0, "本级财政拨款/金额": 3.0, "经费拨款": 2.0}


def test_numbered_rows_without_codes_are_named_plainly_under_the_row_their_numbering_puts_them():
    # 西安's 收支总表: '一、部门预算' > '1、人员经费和公用经费支出' > '(1)工资福利支出', all printed at one indent,
    # and the table's total after them, which is part of nothing and holds nothing
    from types import SimpleNamespace

    from ingest.grid_read import _parents
    from ingest.record import LineItem, Source

    names = ["一、部门预算", "1、人员经费和公用经费支出", "(1)工资福利支出", "(2)商品和服务支出", "2、专项业务经费支出",
             "(2)商品和服务支出", "本年支出合计", "支出总计"]
    items = [LineItem("收支总表", "", n, {"预算数": 1.0}, "economic", source=Source("收支总表", 10 + i, 1))
             for i, n in enumerate(names)]
    grid = SimpleNamespace(rows=[SimpleNamespace(page=1, line=10 + i, indents=[0.0]) for i in range(len(names))])
    _parents(items, grid, 0)
    assert [(i.name, i.parent) for i in items] == [
        ("部门预算", None), ("人员经费和公用经费支出", "部门预算"), ("工资福利支出", "人员经费和公用经费支出"),
        ("商品和服务支出", "人员经费和公用经费支出"), ("专项业务经费支出", "部门预算"), ("商品和服务支出", "专项业务经费支出"),
        ("本年支出合计", None), ("支出总计", None)]


def test_a_programs_amount_per_funding_source_column_without_totals_or_zeros():
    rows = [["单位名称", "项目名称", "总计", "财政拨款", "", "财政专户管理资金", "单位资金"],
            ["", "", "", "小计", "一般公共预算", "", ""],
            ["", "合计", "130.00", "100.00", "100.00", "", "30.00"], ["某某局", "甲项目", "100.00", "70.00", "70.00", "0.00", "30.00"],
            ["某某局", "乙项目", "30.00", "30.00", "30.00", "-", ""]]
    progs = list_programs(grids(_doc((["部门项目支出预算表"], [rows]))))
    assert [(p.name, p.funding) for p in progs] == [("甲项目", {"一般公共预算": 70.0, "单位资金": 30.0}),
                                                   ("乙项目", {"一般公共预算": 30.0})]


def test_a_split_not_adding_up_to_the_programs_total_is_not_kept():
    rows = [["项目名称", "合计", "一般公共预算", "政府性基金预算"], ["甲项目", "100.00", "60.00", "30.00"],
            ["乙项目", "50.00", "20.00", "30.00"]]
    progs = list_programs(grids(_doc((["项目支出预算表"], [rows]))))
    assert [(p.name, p.funding) for p in progs] == [("甲项目", {}), ("乙项目", {"一般公共预算": 20.0, "政府性基金预算": 30.0})]


def test_a_programs_budget_and_executed_are_no_funding_sources():
    rows = [["项目名称", "预算数", "执行数"], ["甲项目", "100.00", "100.00"]]
    rows2 = [["项目名称", "合计", "一般公共预算", "执行数", "执行率"], ["乙项目", "100.00", "100.00", "0.00", "0%"]]
    progs = list_programs(grids(_doc((["项目支出表"], [rows]), (["项目支出决算表"], [rows2]))))
    assert [(p.name, p.funding) for p in progs] == [("甲项目", {}), ("乙项目", {})]


def test_funding_in_yuan_is_in_wan_and_a_repeated_source_name_keeps_its_parent():
    rows = [["项目名称", "合计", "本年财政拨款", "财政拨款结转"], ["", "", "一般公共预算", "一般公共预算"],
            ["甲项目", "150,000.00", "100,000.00", "50,000.00"]]
    progs = list_programs(grids(_doc((["项目支出表", "单位：元"], [rows]))))
    assert [(p.amount, p.funding) for p in progs] == [
        (15.0, {"一般公共预算（本年财政拨款）": 10.0, "一般公共预算（财政拨款结转）": 5.0})]


def test_a_projects_goal_is_its_performance_target_in_both_forms():
    rows = [["单位名称", "项目名称", "年度资金总额(万元)", "年度绩效目标", "三级指标", "指标值"],
            ["某某局", "2026年驻外经费", "40.00", "1、支付驻外房租费30万元。2、开会2次。", "房租成本", "<=30万元"],
            ["", "", "", "", "开会次数", ">=2次"]]
    progs, _ = targets(grids(_doc((["项目支出绩效目标表"], [rows]))))
    assert [(p.name, p.performance_target) for p in progs] == [("2026年驻外经费", "1、支付驻外房租费30万元。2、开会2次。")]
    sheet = [["项目名称", "丁项目", "主管部门", "某某局"], ["当年预算", "8.00", "", ""],
             ["当年绩效目标", "覆盖区县30个以上。", "", ""], ["指标名称", "指标性质", "指标值", "计量单位"],
             ["覆盖区县", "≥", "30", "个"]]
    progs, _ = targets(grids(_doc((["专项资金绩效目标表"], [sheet]))))
    assert [(p.name, p.performance_target) for p in progs] == [("丁项目", "覆盖区县30个以上。")]


def test_a_program_tables_program_takes_the_goal_its_target_table_prints_under_its_name_with_or_without_nian():
    from ingest.record import Record
    from ingest.tables import apply_tables

    listed = [["项目名称", "单位名称", "合计"], ["2026驻外经费", "某某局", "40.00"]]
    rows = [["单位名称", "项目名称", "年度资金总额(万元)", "年度绩效目标", "三级指标", "指标值"],
            ["某某局", "2026年驻外经费", "40.00", "支付驻外房租费30万元。", "房租成本", "<=30万元"]]
    record = Record(department="某某局", fiscal_year=2026, document_type="budget", scope="standalone",
                    source_file="inline.pdf", sha256="0", layout="raw")
    apply_tables(record, _doc((["项目支出表"], [listed]), (["项目支出绩效目标表"], [rows])))
    assert [(p.name, p.amount, p.performance_target) for p in record.programs] == [
        ("2026驻外经费", 40.0, "支付驻外房租费30万元。")]


def test_what_a_program_tables_own_goal_column_states_is_read_as_the_goals_figures():
    # a 项目支出表 printing each project's 绩效目标 (no 绩效目标表): its quantities are the program's, in their unit
    from ingest.tables import apply_tables
    from tests.ingest.test_rdf import make_record

    rows = [["支出项目类别（资金使用单位）", "总计", "绩效目标"], ["合计", "100.00", ""],
            ["供水管道建设工程-2026年", "100.00", "使管道过水能力由现状20万m3/d提高到80万m3/d，保障应急供水。"]]
    record = make_record(line_items=[], warnings=[])
    apply_tables(record, _doc((["部门预算项目支出及其他支出预算表", "单位：万元"], [rows]), (["收入总表"], [])))
    assert [(f.value, f.unit, f.label) for f in record.facts if f.key == "goal_count"] == [
        (20.0, "万立方米/日", "供水管道建设工程-2026年"), (80.0, "万立方米/日", "供水管道建设工程-2026年")]
