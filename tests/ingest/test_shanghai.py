"""The Shanghai-family parser: 元 amounts, split 类/款/项 codes, repeated duties, units, programs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest import sh_programs, sh_prose, shanghai
from ingest.parse import parse_file
from ingest.pdf import PdfPage, PdfTable
from ingest.reader import Document, Line
from ingest.sh_indicators import parse_target
from ingest.sh_tables import line_items, read_tables
from ingest.text import yuan_to_wan


def lines_of(text: str) -> list[Line]:
    return [Line(t, i, 1) for i, t in enumerate(text.strip("\n").split("\n"), 1)]


def table_doc(rows: list[list[str | None]], above: list[str]) -> Document:
    """A one-page document holding `rows` as a ruled table under the lines `above`."""
    lines = [Line(t, i, 1, top=10.0 * i) for i, t in enumerate(above, 1)]
    filled = [[cell or "" for cell in row] for row in rows]  # merged cells left empty: headers still read
    table = PdfTable(1, top=10.0 * len(above) + 20, bottom=500, rows=rows, filled=filled,
                     row_lines=[None] * len(rows))
    return Document(Path("inline.pdf"), "0", "pdf", lines, [PdfPage(1, 0, len(lines), [table])])


def test_yuan_amounts_become_exact_wan():
    assert yuan_to_wan("70,540,547.00") == 7054.0547
    assert yuan_to_wan("96282213.44") == 9628.221344


def test_split_codes_are_joined_and_values_keyed_by_header():
    doc = table_doc([
        ["项目", None, None, None, "支出预算", None, None],
        ["功能分类科目编码", None, None, "功能分类科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", None, None, None, None],
        ["204", "", "", "公共安全支出", "87267272.44", "16726725.44", "70540547.00"],
        ["204", "06", "01", "行政运行", "16726725.44", "16726725.44", ""],
        ["合计", "", "", "", "96282213.44", "25741666.44", "70540547.00"],
    ], ["2026年部门支出预算总表", "编制部门：某某局 单位：元"])
    items = {i.code: i for i in line_items(read_tables(doc))}
    assert set(items) == {"204", "2040601"}
    assert items["2040601"].values == {"合计": 1672.672544, "基本支出": 1672.672544}
    assert items["2040601"].classification == "functional"
    assert items["204"].table == "2026年部门支出预算总表"


def test_two_economic_code_columns_side_by_side_are_two_items():
    doc = table_doc([
        ["经济分类", None, "科目名称", "决算数", "经济分类", None, "科目名称", "决算数"],
        ["类", "款", None, None, "类", "款", None, None],
        ["301", "02", "津贴补贴", "1,238.58", "302", "29", "福利费", "42.77"],
    ], ["基本支出决算表", "单位：万元"])
    items = {i.code: i.values for i in line_items(read_tables(doc))}
    assert items == {"30102": {"决算数": 1238.58}, "30229": {"决算数": 42.77}}


def test_a_table_continued_on_the_next_page_keeps_title_and_unit():
    first = table_doc([
        ["功能分类科目编码", None, "科目名称", "合计"],
        ["类", "款", None, None],
        ["201", "13", "商贸事务", "100.00"],
    ], ["2025年部门收入预算总表", "单位：元"])
    rest = PdfTable(2, top=0, bottom=100, rows=[["208", "05", "行政事业单位养老支出", "17,280.00"]],
                    filled=[["208", "05", "行政事业单位养老支出", "17,280.00"]], row_lines=[None])
    first.pdf_pages.append(PdfPage(2, len(first.lines), 0, [rest]))
    items = {i.code: i for i in line_items(read_tables(first))}
    assert items["20805"].table == "2025年部门收入预算总表"
    assert items["20805"].values == {"合计": 1.728}


def test_duties_printed_twice_are_counted_once():
    lines = lines_of("""
某某局主要职能
主要职能包括：
1、负责甲事项。
2、负责乙事项，并协调
丙事项。
3、完成交办的其他任务。
主要职能包括：
2、负责乙事项，并协调
丙事项。
3、完成交办的其他任务。
某某局机构设置
""")
    duties, _ = sh_prose.duties(lines)
    assert [d.number for d in duties] == [1, 2, 3]
    assert duties[1].text == "负责乙事项，并协调丙事项。"


def test_a_duty_that_starts_inside_a_line_is_split_off():
    lines = lines_of("""
某某局的主要职责是：
（一）负责甲。（二）负责乙。
（三）负责丙。
二、部门决算单位构成
""")
    duties, _ = sh_prose.duties(lines)
    assert [d.text for d in duties] == ["负责甲。", "负责乙。", "负责丙。"]


def test_units_not_budgeted_separately_stay_subordinate_with_a_note():
    lines = lines_of("""
某某局机构设置
具体包括：
1. 某某局本部，机关设2个内设机构，包括：办公室、业务科（法规科）。
2. 某某服务中心，不单列预算。
3 某某事务所 预算不单列，并入本级
名词解释
""")
    internal, subordinate = sh_prose.units(lines, "某某局")
    assert [u.name for u in internal] == ["办公室", "业务科（法规科）"]
    assert [(u.name, u.note) for u in subordinate] == [
        ("某某服务中心", "不单列预算"), ("某某事务所", "预算不单列，并入本级")]


def test_program_sections_give_unit_amount_and_indicators():
    lines = lines_of("""
测试项目经费情况说明
一、项目概述
做一件事。
三、实施主体
某某局
六、年度预算安排
2025年度项目总预算1,720.00万，其中甲1000.00万。
七、绩效目标
完成率≥95%，满意度不低于90%。
""")
    [program] = sh_programs.programs(lines, "默认局")
    assert (program.name, program.unit, program.amount) == ("测试项目", "某某局", 1720.0)
    found = {(i.name, i.comparator, i.target, i.unit) for i in sh_programs.indicators([program])}
    assert found == {("完成率", ">=", 95.0, "%"), ("满意度", ">=", 90.0, "%")}


def test_family_is_recognised_from_content_not_name(samples_dir):
    from ingest.reader import read_document

    doc = read_document(samples_dir / "pdf" / "sample_budget.pdf")
    assert shanghai.matches(doc)
    plain = Document(Path("putuo.pdf"), "0", "pdf", lines_of("部门预算\n单位：万元\n一、收入 100"))
    assert not shanghai.matches(plain)


def test_sample_pdf_parses_into_a_full_record(samples_dir):
    record = parse_file(samples_dir / "pdf" / "sample_budget.pdf")
    assert record.layout == "shanghai"
    assert (record.department, record.fiscal_year, record.document_type) == ("东海市样例区档案管理局", 2025, "budget")
    assert len(record.duties) == 4
    assert [u.name for u in record.internal_units] == ["办公室", "档案管理科", "信息技术科（数据安全科）"]
    assert [(u.name, u.note) for u in record.subordinate_units] == [("东海市样例区档案服务中心", "不单列预算")]
    assert record.totals == {
        "revenue_total": 350.512345, "expenditure_total": 350.512345, "grand_total": 350.512345,
        "basic_expenditure": 230.012345, "project_expenditure": 120.5, "three_public_budget": 5.0,
        "administrative_operating_cost": 20.0, "government_procurement": 30.0}
    items = {(i.table, i.code): i for i in record.line_items}
    assert items[("部门支出预算总表", "2012604")].values == {"合计": 120.5, "项目支出": 120.5}
    assert items[("2025年部门一般公共预算基本支出部门预算经济分类预算表", "30108")].classification == "economic"
    assert all(i.source.line and i.source.page for i in record.line_items)
    # One program described in prose, one named only by its 绩效目标表; together the project total.
    assert [(p.name, p.amount) for p in record.programs] == [("档案数字化项目", 100.5), ("档案安全保管项目", 20.0)]
    assert record.programs[1].unit == "东海市样例区档案管理局"
    found = {(i.program, i.name, i.comparator, i.target, i.unit) for i in record.indicators}
    assert found == {
        ("档案数字化项目", "数字化率", ">=", 95.0, "%"), ("档案数字化项目", "档案查阅服务满意度", ">=", 90.0, "%"),
        ("档案安全保管项目", "库房巡查次数", ">=", 52.0, "次"), ("档案安全保管项目", "档案完好率", "=", 100.0, "%"),
        ("档案安全保管项目", "服务对象满意度", ">=", 90.0, "%"), ("档案安全保管项目", "档案安全保障水平", None, None, None)}
    json.dumps(record.to_json(), ensure_ascii=False)


@pytest.mark.parametrize("name", ["putuo_commerce_2025_budget", "putuo_justice_2026_budget",
                                  "putuo_finance_2024_final_account"])
def test_real_shanghai_pdfs_match_their_gold_records(shared_dir, name):
    gold = json.loads((shared_dir / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    record = parse_file(shared_dir / "corpus" / gold["source"])
    assert (record.department, record.fiscal_year, record.document_type) == (
        gold["department"], gold["fiscal_year"], gold["document_type"])
    assert len(record.duties) == gold["duties_count"]
    assert {u.name for u in record.subordinate_units} == set(gold["subordinate_units"])
    for key, value in gold["totals"].items():
        assert record.totals.get(key) == pytest.approx(value, abs=0.005), key
    for want in gold["line_items"]:
        assert any(i.code == want["code"] and any(abs(v - want["value"]) < 0.005 for v in i.values.values())
                   for i in record.line_items), want
    assert {p.name for p in record.programs} == {p["name"] for p in gold["programs"]}


def test_text_extraction_of_the_family_is_read_from_its_lines(tmp_path):
    path = tmp_path / "extracted.txt"
    path.write_text("""某某区2025年区级部门预算
预算主管部门：某某区某某局
2025年部门支出预算总表
编制部门：某某区某某局 单位：元
功能分类科目名称 合计 基本支出 项目支出
类 款 项
201 13 01 行政运行 9,389,913.00 9,389,913.00 0.00
201 13 02 一般行政管理事务 4,545,000.00 4,545,000.00
208 05 05 机关事业单位基本养老保险缴费支出 1,410,886.00 1,410,886.00 0.00
合计 15,345,799.00 10,800,799.00 4,545,000.00
""", encoding="utf-8")
    record = parse_file(path)
    items = {i.code: i.values for i in record.line_items}
    assert items["2011301"] == {"合计": 938.9913, "基本支出": 938.9913, "项目支出": 0.0}
    assert items["2011302"] == {"合计": 454.5}  # a blank cell hides which column the rest is in
    assert record.totals["project_expenditure"] == 454.5


@pytest.mark.parametrize("value,direction,unit,expected", [
    ("≥95%", None, None, (">=", 95.0, "%")),
    ("100", "≤", "件", ("<=", 100.0, "件")),
    ("不低于90％", None, None, (">=", 90.0, "%")),
    ("3天以内", None, None, ("<=", 3.0, "天")),
    ("有效提升", "定性", None, None),
    ("5", "反向指标", "天", ("<=", 5.0, "天")),
    ("95", "正向指标", "%", (">=", 95.0, "%")),
])
def test_indicator_values_read_comparator_target_and_unit(value, direction, unit, expected):
    assert parse_target(value, direction, unit) == expected


def test_short_names_of_the_department_become_aliases():
    lines = lines_of("某某市某某区商务委员会（以下简称“区商务委”）\n1. 商务委本部，机关设2个内设机构。\n2. 某某中心本部")
    assert sh_prose.aliases(lines, "某某市某某区商务委员会") == ["区商务委", "商务委"]


def test_a_title_and_unit_printed_inside_the_table_are_used():
    doc = table_doc([
        ["2025年部门支出预算总表", None, None, None],
        ["单位：万元", None, None, None],
        ["功能分类科目编码", None, "科目名称", "合计"],
        ["类", "款", None, None],
        ["201", "13", "商贸事务", "100.00"],
    ], ["编制部门：某某局"])
    [item] = line_items(read_tables(doc))
    assert (item.table, item.code, item.values) == ("2025年部门支出预算总表", "20113", {"合计": 100.0})


def test_a_unit_whose_name_contains_jiguan_is_still_subordinate():
    lines = lines_of("""
某某局机构设置
1. 某某局机关
2. 某某区机关事务管理中心
名词解释
""")
    _, subordinate = sh_prose.units(lines, "某某局")
    assert [u.name for u in subordinate] == ["某某区机关事务管理中心"]


def test_a_self_evaluation_table_gives_budget_executed_actual_and_met():
    from ingest.sh_indicators import table_indicators

    doc = table_doc([
        ["项目名称", "某某信息系统运维项目", None, None, None, None],
        ["实施单位", "某某局", None, None, None, None],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率"],
        ["", "年度资金总额", "100.00", "120.00", "114.00", "95%"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"],
        ["产出指标", "质量指标", "系统可用率", "≥99%", "99.5%", "10"],
        ["效益指标", "满意度指标", "用户满意度", "≥90%", "85%", "5"],
    ], ["2024年项目支出绩效自评表", "单位：万元"])
    indicators, [program] = table_indicators(doc)
    assert (program.name, program.unit, program.amount, program.executed) == ("某某信息系统运维项目", "某某局", 120.0, 114.0)
    got = {(i.name, i.comparator, i.target, i.unit, i.actual, i.met) for i in indicators}
    assert got == {("系统可用率", ">=", 99.0, "%", 99.5, True), ("用户满意度", ">=", 90.0, "%", 85.0, False)}
