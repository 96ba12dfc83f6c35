"""Shanghai-family documents in shapes other than the bundled ones: covers of 市级 departments,
单位预算/决算, documents missing their cover, sections printed twice, tables in 万元 with one code
column. Every department and figure here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import sh_programs, sh_prose, shanghai
from ingest.parse import parse_document
from ingest.pdf import PdfPage, PdfTable
from ingest.reader import Document, Line


def lines_of(text: str, page: int = 1) -> list[Line]:
    return [Line(t, i, page) for i, t in enumerate(text.strip("\n").split("\n"), 1)]


def test_a_unit_section_ends_at_the_table_on_the_next_page():
    lines = [Line("某某局机构设置", 1, 3), Line("具体包括：", 2, 3),
             Line("1. 某某局本部", 3, 3), Line("2. 上海市某某中心 预算不单列，并入本级", 4, 3),
             Line("使用非财政拨款结余 结余分配", 5, 4),
             Line("“一般公共服务支出（类）”938.99万元 主要用于运行", 6, 4),
             Line("201 13 01 行政运行 9,389,913.00 9,389,913.00", 7, 4),
             Line("3. “社会保障和就业支出（类）”166.12万元 主要用于离退休人员", 8, 4)]
    _, subordinate = sh_prose.units(lines, "某某局")
    assert [(u.name, u.note) for u in subordinate] == [("上海市某某中心", "预算不单列，并入本级")]


def test_a_program_section_printed_twice_is_one_program():
    section = """
某某专项经费情况说明
一、项目概述
做一件事。
六、年度预算安排
2025年度项目总预算100.00万元。
"""
    lines = lines_of(section + section)
    assert [(p.name, p.amount) for p in sh_programs.programs(lines, "某某局")] == [("某某专项", 100.0)]


def _ruled(rows: list[list[str]], above: list[str]) -> Document:
    lines = [Line(t, i, 1, top=10.0 * i) for i, t in enumerate(above, 1)]
    table = PdfTable(1, top=10.0 * len(above) + 20, bottom=500, rows=rows, filled=rows, row_lines=[None] * len(rows))
    return Document(Path("inline.pdf"), "0", "pdf", lines, [PdfPage(1, 0, len(lines), [table])])


def test_a_small_pdf_with_split_code_columns_is_of_the_family():
    doc = _ruled([["功能分类科目编码", "", "", "科目名称", "合计"], ["类", "款", "项", "", ""],
                  ["201", "26", "01", "行政运行", "1,234,567.89"]], ["某某中心", "2025年单位预算", "单位：元"])
    assert shanghai.matches(doc)


def test_a_city_level_pdf_in_wan_with_one_code_column_is_of_the_family():
    rows = [["功能分类科目编码", "功能分类科目名称", "合计"], ["2012601", "行政运行", "1,000.00"]]
    assert shanghai.matches(_ruled(rows, ["2025年上海市某某管理局部门预算", "单位：万元"]))
    assert not shanghai.matches(_ruled(rows, ["2025年某某省某某厅部门预算", "单位：万元"]))


def test_prose_figures_in_yuan_become_exact_wan_and_a_final_account_states_its_three_public_cost():
    from ingest.sh_facts import narrative_facts

    text = ("2024年度“三公”经费财政拨款支出决算为3.21万元。机关运行经费预算为1,234,567.89元，"
            "比2024年预算增加12,345.60元。")
    facts = {f.key: f.value for f in narrative_facts(lines_of(text))}
    assert facts == {"three_public_actual": 3.21, "administrative_operating_cost": 123.456789,
                     "administrative_operating_cost_change": 1.23456}
    budget = narrative_facts(lines_of("2025年部门“三公”经费财政拨款预算总额为8,000元。"))
    assert [(f.key, f.value) for f in budget] == [("three_public_budget", 0.8)]
    changes = narrative_facts(lines_of("2025年“三公”经费预算数为5.00万元，较上年减少1.50万元。"
                                       "与2023年度相比，收入支出总计减少56.95万元，下降1.87%。"))
    assert {f.key: f.value for f in changes if f.key.endswith("change")} == {
        "three_public_change": -1.5, "revenue_change": -56.95, "expenditure_change": -56.95}
    # the fiscal appropriation's change is its own: the department's total revenue may hold other revenue
    funds = narrative_facts(lines_of("2025年，某某局收入预算1,731万元，其中：财政拨款收入1,600万元，比2024年预算执行数"
                                     "增加254万元；事业收入131万元。2025年财政拨款支出预算1,600万元，比2024年减少3万元。"))
    assert {f.key: f.value for f in funds if f.key.endswith("change")} == {
        "fiscal_appropriation_revenue_change": 254.0, "fiscal_appropriation_expenditure_change": -3.0}
    procurement = narrative_facts(lines_of("2025年度本部门政府采购预算1.2亿元。"))
    assert [(f.key, f.value) for f in procurement] == [("government_procurement", 12000.0)]


def test_text_whose_digits_fell_onto_their_own_lines_still_gives_year_rows_and_totals(tmp_path):
    from ingest.parse import parse_file

    path = tmp_path / "digits_apart.txt"  # and whose 支 is the Kangxi radical ⽀ in one heading
    path.write_text("""上海市某某区某某局
年度部门决算
2024
第一部分 上海市某某区某某局概况
收入支出决算总表
单位：万元
本年收入合计 本年支出合计
1,200.50 1,180.25
年初结转和结余 年末结转和结余
10.00 30.25
支出决算表
单位：元
科目编码 科目名称 本年支出合计 基本支出 项目支出
一般公共服务⽀出
201 12,345,678.90 10,000,000.00 2,345,678.90
行政运行
201 06 01 10,000,000.00 10,000,000.00 0.00
一般行政管理事务
201 06 02 2,000,000.00 0.00 2,000,000.00
其他财政事务支出
201 06 99 345,678.90 0.00 345,678.90
""", encoding="utf-8")
    record = parse_file(path)
    assert (record.department, record.fiscal_year, record.document_type) == ("上海市某某区某某局", 2024, "final_account")
    assert {k: record.totals[k] for k in ("revenue_total", "expenditure_total", "carryover_begin", "carryover_end")} == {
        "revenue_total": 1200.5, "expenditure_total": 1180.25, "carryover_begin": 10.0, "carryover_end": 30.25}
    items = {i.code: (i.name, i.values) for i in record.line_items}
    assert items["201"] == ("一般公共服务支出", {"本年支出合计": 1234.56789, "基本支出": 1000.0, "项目支出": 234.56789})
    assert items["2010601"][0] == "行政运行"


@pytest.mark.parametrize("section,expected", [
    ("""某某平台运维项目经费情况说明
（一）项目概述
对平台进行运维。
（三）项目实施主体
上海市某某中心
（五）年度预算安排
2025年度项目预算为1,234,567.89元。
（六）绩效目标
系统可用率≥99%。""", ("某某平台运维项目", "上海市某某中心", 123.456789, 1)),
    ("""某某平台运维项目情况说明
一、项目概述：对平台进行运维。
三、实施主体：上海市某某中心
四、年度预算安排：2025年度项目预算为0.885亿元。
五、绩效目标：系统可用率≥99%，用户满意度不低于90%。""", ("某某平台运维项目", "上海市某某中心", 8850.0, 2)),
    ("""（一）某某平台运维经费情况说明
1.项目概述
对平台进行运维。
2.项目实施主体
上海市某某中心
3.年度预算安排
2025年度项目总预算为60.00万元。
4.绩效目标
1. 完成率达到100%。
2. 满意度不低于90%。""", ("某某平台运维", "上海市某某中心", 60.0, 2)),
])
def test_program_sections_in_other_numbering_styles(section, expected):
    programs = sh_programs.programs(lines_of(section), "默认局")
    [program] = programs
    assert (program.name, program.unit, program.amount, len(sh_programs.indicators(programs))) == expected


def test_the_heading_of_the_program_part_is_not_a_program():
    lines = lines_of("""
七、项目经费情况说明
某某专项经费情况说明
一、项目概述
做一件事。
""")
    assert [p.name for p in sh_programs.programs(lines, "某某局")] == ["某某专项"]


def test_three_public_columns_grouped_under_budget_and_final_headers():
    from ingest.sh_facts import table_facts
    from ingest.sh_tables import Cell

    title = "财政拨款“三公”经费支出决算表"
    cells = [Cell(title, "", header, value) for header, value in [
        ("预算数/合计", 5.0), ("预算数/公务接待费", 2.0), ("决算数/合计", 4.1),
        ("决算数/公务用车购置及运行费/小计", 2.9), ("决算数/公务接待费", 1.2)]]
    facts = {f.key: f.value for f in table_facts(cells)}
    assert facts == {"three_public_budget": 5.0, "three_public_actual": 4.1, "three_public_vehicle": 2.9,
                     "three_public_reception": 1.2, "three_public_reception_budget": 2.0}  # a part's plan: its own key


def test_internal_units_listed_before_their_count():
    lines = lines_of("""
上海市某某区某某局机构设置
区某某局下设办公室、执法科、综合科3个科室。
下属单位：上海市某某区某某所。
名词解释
""")
    internal, subordinate = sh_prose.units(lines, "上海市某某区某某局")
    assert [u.name for u in internal] == ["办公室", "执法科", "综合科"]
    assert [u.name for u in subordinate] == ["上海市某某区某某所"]


@pytest.mark.parametrize("text,unit,expected", [
    ("1234567.89", "元", 123.456789), ("－1,234,567.89", "元", -123.456789), ("0.01", "元", 0.000001),
    ("－12.5", "千元", -1.25), ("1,234.5", "千元", 123.45), ("1,234.56", "万元", 1234.56),
    ("1.23456789", "亿元", 12345.6789)])
def test_table_amounts_convert_to_wan_exactly(text, unit, expected):
    from ingest.sh_tables import to_wan

    assert to_wan(text, unit) == expected


@pytest.mark.parametrize("rows", [
    [["科目编码", "科目名称", "合计"], ["201 26 01", "行政运行", "10,000.00"]],
    [["功能分类科目编码及名称", "合计"], ["2012601 行政运行", "10,000.00"]],
    [["功能分类科目编码及名称", "合计"], ["[2012601]行政运行", "10,000.00"]],
])
def test_a_code_printed_with_spaces_or_with_its_name_in_one_cell(rows):
    from ingest.sh_tables import line_items, read_tables

    [item] = line_items(read_tables(_ruled(rows, ["2025年部门支出预算总表", "单位：元"])))
    assert (item.code, item.name, item.values) == ("2012601", "行政运行", {"合计": 1.0})


def test_what_is_read_only_in_part_is_said_in_warnings():
    text = """上海市某某局
2025年部门预算
某某专项经费情况说明
一、项目概述
做一件事。
二、实施主体
上海市某某局
2025年部门支出预算总表
单位：元
功能分类科目名称 合计 基本支出 项目支出
201 26 01 行政运行 1,000,000.00 1,000,000.00
201 26 02 一般行政管理事务 500,000.00 500,000.00
208 05 05 机关事业单位基本养老保险缴费支出 100,000.00 100,000.00
"""
    lines = [Line(t, i, 1 if i < 8 else 2) for i, t in enumerate(text.strip().split("\n"), 1)]
    pages = [PdfPage(1, 0, 7), PdfPage(2, 7, len(lines) - 7)]  # no ruled tables at all
    # what the record lacks is said of the finished record (ingest.parse), the ruled tables and the narrative read
    record = parse_document(Document(Path("unruled.pdf"), "0", "pdf", lines, pages))
    assert {i.code for i in record.line_items} == {"2012601", "2012602", "2080505"}
    assert any(w.startswith("第2页的表格没有表格线") for w in record.warnings)
    assert any("某某专项" in w and "第3行" in w for w in record.warnings)


@pytest.mark.parametrize("section,expected", [
    ("部门主要职能\n主要职能如下：\n(1)负责甲。\n(2)负责乙。\n部门机构设置", ["负责甲。", "负责乙。"]),
    ("某某中心主要职能\n某某中心是公益一类事业单位，主要职能为：负责甲；负责乙；负责丙。\n某某中心机构设置",
     ["负责甲", "负责乙", "负责丙"]),
])
def test_duties_numbered_in_brackets_or_listed_in_one_sentence(section, expected):
    duties, _ = sh_prose.duties(lines_of(section))
    assert [d.text for d in duties] == expected


@pytest.mark.parametrize("section,expected", [
    ("某某局主要职能\n某某局是区政府工作部门，主要职责是：（一）负责甲。（二）负责乙。\n（三）完成交办的其他任务。\n某某局机构设置",
     ["负责甲。", "负责乙。", "完成交办的其他任务。"]),
    ("一、主要职能\n1. 负责甲。\n2. 负责乙。\n二、机构设置", ["负责甲。", "负责乙。"]),
])
def test_the_first_duty_may_follow_the_intro_on_its_line(section, expected):
    duties, _ = sh_prose.duties(lines_of(section))
    assert [d.text for d in duties] == expected


def test_an_unruled_pdf_table_puts_each_figure_under_its_header(tmp_path):
    pytest.importorskip("reportlab", reason="reportlab writes the PDF")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from ingest.parse import parse_file

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "unruled.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 9)
    rows = [("上海市某某区2025年区级部门预算",), ("预算主管部门：上海市某某区某某局",), ("2025年部门支出预算总表",),
            ("单位：元",), ("功能分类科目名称", "合计", "基本支出", "项目支出"),
            ("201 26 01 行政运行", "1,234,567.89", "1,234,567.89", ""),
            ("201 26 02 一般行政管理事务", "100,000.00", "", "100,000.00"),
            ("208 05 05 机关事业单位基本养老保险缴费支出", "50,000.00", "50,000.00", "")]
    for k, row in enumerate(rows):
        y = 800 - 20 * k
        for text, x in zip(row, (40, 300, 400, 500), strict=False):
            # Figures right-aligned in their column, as tables print them; headers start the column.
            if text and text[0].isdigit() and x > 40:
                pdf.drawRightString(x + 80, y, text)
            elif text:
                pdf.drawString(x, y, text)
    pdf.save()
    record = parse_file(path)
    items = {i.code: i.values for i in record.line_items}
    assert items == {"2012601": {"合计": 123.456789, "基本支出": 123.456789},
                     "2012602": {"合计": 10.0, "项目支出": 10.0},
                     "2080505": {"合计": 5.0, "基本支出": 5.0}}
    assert any("没有表格线" in w for w in record.warnings)


def test_a_wrapped_header_block_gives_whole_column_names():
    from ingest.sh_text_tables import _columns

    block = [[(50, 200, "支出预算")],  # a group over the three columns
             [(10, 50, "科目名称"), (60, 100, "本年支出合"), (110, 150, "基本支出"), (160, 200, "项目支")],
             [(75, 85, "计"), (175, 185, "出")]]
    assert [c[2] for c in _columns(block)] == ["本年支出合计", "基本支出", "项目支出"]
    narrow = [[(110, 150, "支出预算")], [(60, 100, "合计"), (110, 150, "基本支出"), (160, 200, "项目支出")]]
    assert [c[2] for c in _columns(narrow)] == ["合计", "支出预算/基本支出", "项目支出"]


def _build_pdf(path: Path, blocks: list) -> None:
    """A PDF of paragraphs (str), ruled tables (list of rows) and page breaks (None)."""
    pytest.importorskip("reportlab", reason="reportlab writes the PDF")
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10, leading=15, wordWrap="CJK")
    story: list = []
    for block in blocks:
        if block is None:
            story.append(PageBreak())
        elif isinstance(block, str):
            story.append(Paragraph(block, body))
        else:
            table = Table(block)
            table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "STSong-Light", 8),
                                       ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story += [table, Spacer(1, 8)]
    SimpleDocTemplate(str(path)).build(story)


def test_a_district_final_account_in_another_shape(tmp_path):
    from ingest.parse import parse_file

    dept = "上海市某某区某某局"
    path = tmp_path / "final.pdf"
    _build_pdf(path, [
        dept, "2024年度部门决算", None,
        f"第一部分 {dept}概况", "一、主要职能", f"{dept}是主管本区某某工作的区政府工作部门。主要职责是：",
        "（一）负责本区某某事项的规划和组织实施。", "（二）完成区委、区政府交办的其他任务。",
        "二、部门决算单位构成", f"纳入{dept}2024年度部门决算编制范围的单位包括：",
        [["序号", "单位名称", "备注"], ["1", f"{dept}（本级）", ""], ["2", "上海市某某区某某事务中心", "预算不单列，并入本级"]],
        None, "收入支出决算总表", "单位：万元",
        [["项目", "决算数", "项目", "决算数"], ["本年收入合计", "1,000.00", "本年支出合计", "900.00"],
         ["年初结转和结余", "50.00", "年末结转和结余", "150.00"], ["总计", "1,050.00", "总计", "1,050.00"]],
        "支出决算表", "单位：元",
        [["科目编码", "", "", "科目名称", "本年支出合计", "基本支出", "项目支出"], ["类", "款", "项", "", "", "", ""],
         ["201", "32", "01", "行政运行", "7,000,000.00", "7,000,000.00", ""],
         ["201", "32", "99", "其他组织事务支出", "2,000,000.00", "", "2,000,000.00"],
         ["合计", "", "", "", "9,000,000.00", "7,000,000.00", "2,000,000.00"]],
        None, "七、财政拨款“三公”经费支出决算情况说明",
        "2024年度“三公”经费财政拨款支出预算为5.00万元，支出决算为4.10万元，完成预算的82.0%。",
        "（二）政府采购支出情况", "2024年度本部门政府采购支出总额12.00万元，其中：政府采购货物支出2.00万元、"
        "政府采购工程支出0万元、政府采购服务支出10.00万元。"])
    record = parse_file(path)
    assert (record.department, record.fiscal_year, record.document_type) == (dept, 2024, "final_account")
    assert len(record.duties) == 2
    assert [(u.name, u.note) for u in record.subordinate_units] == [("上海市某某区某某事务中心", "预算不单列，并入本级")]
    assert record.totals == {"revenue_total": 1000.0, "expenditure_total": 900.0, "carryover_begin": 50.0,
                             "carryover_end": 150.0, "grand_total": 1050.0, "basic_expenditure": 700.0,
                             "project_expenditure": 200.0, "three_public_budget": 5.0, "three_public_actual": 4.1,
                             "government_procurement": 12.0}
    assert {i.code: i.values for i in record.line_items} == {
        "2013201": {"本年支出合计": 700.0, "基本支出": 700.0}, "2013299": {"本年支出合计": 200.0, "项目支出": 200.0}}
    facts = {f.key: f.value for f in record.facts}
    assert (facts["procurement_goods"], facts["procurement_services"], facts["execution_rate"]) == (2.0, 10.0, 82.0)


@pytest.mark.parametrize("section", [
    "上海市某某局机构设置\n具体包括：\n（一）上海市某某局机关\n（二）上海市某某事务中心\n（三）上海市某某研究所\n三、部门预算编制说明",
    "二、部门机构设置\n本部门预算单位包括：上海市某某局（本级）、上海市某某事务中心、上海市某某研究所。\n三、名词解释",
    "二、部门决算单位构成\n（一）单位构成\n本部门包括：\n（一）上海市某某局机关\n（二）上海市某某事务中心\n"
    "（三）上海市某某研究所\n三、名词解释",
])
def test_subordinate_units_numbered_in_chinese_or_listed_in_a_sentence(section):
    _, subordinate = sh_prose.units(lines_of(section), "上海市某某局")
    assert [u.name for u in subordinate] == ["上海市某某事务中心", "上海市某某研究所"]


def test_a_target_table_whose_labels_share_a_cell_with_their_values():
    from ingest.sh_indicators import table_indicators

    doc = _ruled([["项目名称：某某系统运维项目", "实施单位：上海市某某中心"], ["年度资金总额：", "50.00"],
                  ["三级指标", "指标值"], ["系统可用率", "≥99%"]], ["2025年项目绩效目标表", "单位：万元"])
    indicators, [program] = table_indicators(doc)
    assert (program.name, program.unit, program.amount) == ("某某系统运维项目", "上海市某某中心", 50.0)
    assert [(i.name, i.comparator, i.target, i.unit) for i in indicators] == [("系统可用率", ">=", 99.0, "%")]


def test_a_whole_department_target_table_printing_the_comparator_before_the_value_keeps_the_value():
    # 指标值类型 | 指标值 | 计量单位: the value's column is 指标值, never the 指标值类型 before it whose name holds it
    from ingest.sh_indicators import table_indicators

    doc = _ruled([["单位编码", "单位名称", "资金总额", "整体绩效目标", "部门整体支出年度绩效目标", "", "", "", "", ""],
                  ["", "", "", "", "一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "计量单位"],
                  ["201056", "某某办公室", "656.73", "保障运转", "产出指标", "数量指标", "场馆使用次数", "≥", "160", "次"],
                  ["", "", "", "", "", "质量指标", "公共区域使用投诉率", "=", "0", "%"]],
                 ["2026年部门整体支出绩效目标表", "单位：万元"])
    indicators, _ = table_indicators(doc)
    assert [(i.name, i.comparator, i.target, i.unit) for i in indicators] == [
        ("场馆使用次数", ">=", 160.0, "次"), ("公共区域使用投诉率", "=", 0.0, "%")]


def test_a_page_number_inside_a_duty_that_runs_over_a_page_is_left_out():
    text = """上海市某某局
2025年部门预算
上海市某某局主要职能
主要职能包括：
1、负责本区某某事项的规划、监督和管理，拟订有关政策并组
- 3 -
织实施。
2、完成交办的其他任务。
上海市某某局机构设置
"""
    lines = [Line(t, i, 1 if i < 6 else 2) for i, t in enumerate(text.strip().split("\n"), 1)]
    record = shanghai.parse(Document(Path("x.txt"), "0", "txt", lines))
    assert [d.text for d in record.duties] == ["负责本区某某事项的规划、监督和管理，拟订有关政策并组织实施。", "完成交办的其他任务。"]


def test_a_running_head_atop_every_page_is_left_out_of_the_prose():
    pages_text = [["上海市某某局", "2025年部门预算"],
                  ["上海市某某局2025年部门预算", "上海市某某局主要职能", "主要职能包括：",
                   "1、负责本区某某事项的规划、监督和管理，拟订有关政策并组"],
                  ["上海市某某局2025年部门预算", "织实施。", "2、完成交办的其他任务。", "上海市某某局机构设置"],
                  ["上海市某某局2025年部门预算", "名词解释"]]
    lines, pages = [], []
    for number, texts in enumerate(pages_text, 1):
        pages.append(PdfPage(number, len(lines), len(texts)))
        lines += [Line(t, len(lines) + k + 1, number, top=20.0 * k) for k, t in enumerate(texts)]
    record = shanghai.parse(Document(Path("x.pdf"), "0", "pdf", lines, pages))
    assert record.duties[0].text == "负责本区某某事项的规划、监督和管理，拟订有关政策并组织实施。"


def test_a_part_heading_right_above_a_program_is_not_a_program():
    lines = lines_of("""
其他相关情况说明
某某专项经费情况说明
一、项目概述
做一件事。
""")
    assert [p.name for p in sh_programs.programs(lines, "某某局")] == ["某某专项"]


def test_a_budget_units_number_is_neither_a_code_nor_money():
    from ingest.sh_tables import line_items, read_tables

    doc = _ruled([["单位编码", "单位名称", "合计", "财政拨款收入"], ["101001", "上海市某某局本部", "1,000.00", "900.00"]],
                 ["2025年部门收入预算总表", "单位：万元"])
    cells = read_tables(doc)
    assert [(c.label, c.header, c.value) for c in cells] == [("上海市某某局本部", "合计", 1000.0),
                                                             ("上海市某某局本部", "财政拨款收入", 900.0)]
    assert line_items(cells) == []


def test_basic_and_project_totals_from_a_row_labelled_as_the_expenditure_total():
    from ingest.sh_facts import table_facts
    from ingest.sh_tables import Cell

    cells = [Cell("2025年部门支出预算总表", "本年支出合计", header, value)
             for header, value in [("合计", 300.0), ("基本支出", 200.0), ("项目支出", 100.0)]]
    facts = {f.key: f.value for f in table_facts(cells)}
    assert (facts["basic_expenditure"], facts["project_expenditure"]) == (200.0, 100.0)


def test_a_target_in_prose_and_in_its_table_is_one_indicator_even_when_named_shorter():
    from ingest.record import Indicator

    prose = [Indicator(name="检查次数", comparator=">=", target=12.0, unit="次", program="某某专项"),
             Indicator(name="满意度", comparator=">=", target=85.0, unit="%", program="某某专项")]
    tabled = [Indicator(name="完成检查次数", comparator=">=", target=12.0, unit="次", program="某某专项")]
    assert [i.name for i in shanghai._unique(prose, tabled)] == ["满意度", "完成检查次数"]


def test_an_amount_whose_thousands_are_set_apart_by_spaces():
    from ingest.sh_tables import line_items, read_tables

    rows = [["功能分类科目编码", "科目名称", "合计"], ["2012601", "行政运行", "1 234 567.89"]]
    [item] = line_items(read_tables(_ruled(rows, ["2025年部门支出预算总表", "单位：元"])))
    assert item.values == {"合计": 123.456789}


def test_duties_without_a_final_full_stop_end_where_the_tables_begin():
    lines = lines_of("""
某某局主要职能
主要职能包括：
1、负责甲
2、完成交办的其他任务
2025年部门财务收支预算总表
编制部门：某某局 单位：元
""")
    duties, _ = sh_prose.duties(lines)
    assert [d.text for d in duties] == ["负责甲", "完成交办的其他任务"]


def test_a_program_text_ending_in_a_report_is_not_a_table_title():
    lines = lines_of("""
某某统计专项经费情况说明
一、项目概述
按月编制并上报某某统计报表
二、年度预算安排
2025年度项目预算60.00万元。
2025年项目绩效目标表
""")
    [program] = sh_programs.programs(lines, "某某局")
    assert (program.amount, program.description) == (60.0, "按月编制并上报某某统计报表")


def test_coded_rows_of_a_table_without_a_title_are_read_and_said_to_be_untitled():
    doc = _ruled([["功能分类科目编码", "", "", "科目名称", "合计"], ["类", "款", "项", "", ""],
                  ["201", "26", "01", "行政运行", "1,000.00"]], ["上海市某某局", "2025年部门预算", "单位：元"])
    record = parse_document(doc)  # the finished record says what it lacks
    assert [(i.table, i.code) for i in record.line_items] == [("", "2012601")]
    assert any("没有读到标题" in w for w in record.warnings)


def test_a_city_level_budget_in_another_shape(tmp_path):
    from ingest.parse import parse_file

    dept = "上海市某某管理局"
    target_table = [["项目名称", "某某宣传项目", "", ""], ["主管部门", dept, "实施单位", "上海市某某事务中心"],
                    ["项目资金", "年度资金总额", "800.00", ""], ["一级指标", "二级指标", "三级指标", "指标值"],
                    ["产出指标", "数量指标", "宣传活动场次", "≥12场"], ["效益指标", "满意度指标", "群众满意度", "≥85%"]]
    path = tmp_path / "city.pdf"
    _build_pdf(path, [
        f"2025年{dept}部门预算", None,
        f"一、{dept}主要职能", f"{dept}是负责本市某某工作的市政府直属机构。主要职责是：",
        "（一）贯彻执行有关法律法规。", "（二）完成市委、市政府交办的其他任务。",
        f"二、{dept}机构设置", "具体包括：", "（一）上海市某某管理局机关", "（二）上海市某某事务中心", None,
        "2025年部门支出预算总表", f"编制部门：{dept} 单位：万元",
        [["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"], ["类", "款", "项", "", "", "", ""],
         ["201", "99", "01", "其他一般公共服务支出", "2,000.00", "1,200.00", "800.00"],
         ["合计", "", "", "", "2,000.00", "1,200.00", "800.00"]], None,
        "六、项目经费情况说明", "2025年项目绩效目标表", "单位：万元", target_table])
    record = parse_file(path)
    assert (record.department, record.fiscal_year, record.document_type, record.scope) == (
        dept, 2025, "budget", "consolidated")
    assert [u.name for u in record.subordinate_units] == ["上海市某某事务中心"]
    assert (record.totals["basic_expenditure"], record.totals["project_expenditure"]) == (1200.0, 800.0)
    assert [(p.name, p.unit, p.amount) for p in record.programs] == [("某某宣传项目", "上海市某某事务中心", 800.0)]
    assert {(i.name, i.comparator, i.target, i.unit) for i in record.indicators} == {
        ("宣传活动场次", ">=", 12.0, "场"), ("群众满意度", ">=", 85.0, "%")}
    assert not any("项目说明只覆盖" in w for w in record.warnings)


def test_a_titleless_table_continues_only_the_table_on_the_page_before():
    from ingest.sh_tables import line_items, read_tables

    doc = _ruled([["功能分类科目编码", "科目名称", "合计"], ["2012601", "行政运行", "100.00"]],
                 ["2025年部门支出预算总表", "单位：万元"])
    later = PdfTable(3, top=0, bottom=100, rows=[["2080505", "养老保险缴费支出", "17.00"]],
                     filled=[["2080505", "养老保险缴费支出", "17.00"]], row_lines=[None])
    doc.pdf_pages.append(PdfPage(3, len(doc.lines), 0, [later]))  # page 2 is missing
    items = {i.code: i.table for i in line_items(read_tables(doc))}
    assert items == {"2012601": "2025年部门支出预算总表", "2080505": ""}


def test_a_text_extraction_of_a_city_level_budget_in_wan_is_of_the_family(tmp_path):
    from ingest.parse import parse_file

    path = tmp_path / "city.txt"
    path.write_text("""2025年上海市某某管理局部门预算
2025年部门支出预算总表
单位：万元
功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出
2012601 行政运行 1,000.00 1,000.00 0.00
2012602 一般行政管理事务 500.00 0.00 500.00
2080505 机关事业单位基本养老保险缴费支出 100.00 100.00 0.00
""", encoding="utf-8")
    record = parse_file(path)
    assert (record.layout, record.department) == ("shanghai", "上海市某某管理局")
    assert {i.code: i.values for i in record.line_items}["2012602"] == {"合计": 500.0, "基本支出": 0.0, "项目支出": 500.0}


def test_a_three_public_subtotal_is_the_vehicles_only_under_the_vehicles_heading():
    from ingest.sh_facts import table_facts
    from ingest.sh_tables import Cell

    def cells(*headers_values):
        return [Cell("2026年一般公共预算“三公”经费支出情况表", "合计", header, value, None, None, 9, 1)
                for header, value in headers_values]

    # 小计 first, before the parts: the whole (the 公务用车 column is empty, and must not be read as 0.50)
    whole = {f.key: f.value for f in table_facts(cells(("三公经费预（决）算数（财政拨款）/小计", 0.5),
                                                         ("三公经费预（决）算数（财政拨款）/公务接待费", 0.5)))}
    assert whole == {"three_public_budget": 0.5, "three_public_reception": 0.5}
    vehicle = {f.key: f.value for f in table_facts(cells(("合计", 3.0), ("公务用车购置及运行费/小计", 2.0),
                                                           ("公务用车购置及运行费/运行费", 2.0)))}
    assert vehicle == {"three_public_budget": 3.0, "three_public_vehicle": 2.0, "three_public_vehicle_operation": 2.0}


def test_a_stated_change_cites_the_line_printing_it_not_the_heading_its_match_opens_in():
    from ingest.sh_facts import narrative_facts
    lines = [Line("一、2026年“三公”经费预算情况说明", 20), Line("2026年“三公”经费预算数为43.50万元，比2025年预算增加18.00万元。", 21)]
    found = {f.key: (f.value, f.source.line) for f in narrative_facts(lines, 2026)}
    assert found["three_public_change"] == (18.0, 21)
