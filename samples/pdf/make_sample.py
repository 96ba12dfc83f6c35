"""Write samples/pdf/sample_budget.pdf: a FICTIONAL department's 部门预算 in the Shanghai layout.

Amounts in 元, codes split into 类/款/项 columns, a duty paragraph printed twice (as a page overlap
does), a subordinate unit marked 不单列预算, and a 项目经费情况说明 section. Every name and number is
invented. Needs reportlab (`pip install reportlab`); the Chinese text uses reportlab's built-in
STSong-Light CID font, so no font package is needed. Run: python samples/pdf/make_sample.py
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

OUT = Path(__file__).with_name("sample_budget.pdf")
FONT = "STSong-Light"
DEPT = "东海市样例区档案管理局"

pdfmetrics.registerFont(UnicodeCIDFont(FONT))
BODY = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=16, wordWrap="CJK")
TITLE = ParagraphStyle("title", parent=BODY, fontSize=15, leading=24, alignment=1)
HEAD = ParagraphStyle("head", parent=BODY, fontSize=12, leading=20)


def para(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(text, style)


def grid(rows: list[list[str]], widths: list[int], spans: list[tuple], header_rows: int) -> Table:
    table = Table(rows, colWidths=widths)
    style = [("FONT", (0, 0), (-1, -1), FONT, 8.5), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, header_rows), (-1, -1), "LEFT")]
    style += [("SPAN", a, b) for a, b in spans]
    table.setStyle(TableStyle(style))
    return table


DUTIES = [
    "1、贯彻执行国家和本市有关档案工作的法律、法规、规章和方针、政策，拟订本区档案事业发展规划并组织实施，统筹协调全区档案工作。",
    "2、负责本区机关、团体、企事业单位和其他组织的档案工作的监督和指导，组织开展档案执法检查，依法查处档案违法行为。",
    "3、负责收集、整理、保管和利用本区重要档案资料，推进馆藏档案数字化和电子档案单套管理，提供档案查阅服务。",
    "4、完成区委、区政府交办的其他任务。",
]


def story() -> list:
    s: list = [Spacer(1, 200), para("东海市样例区2025年区级部门预算", TITLE), Spacer(1, 20),
               para(f"预算主管部门：{DEPT}", TITLE), PageBreak()]
    s += [para(f"{DEPT}主要职能", HEAD), para(f"{DEPT}是负责本区档案事业管理的区政府工作部门。"),
          para("主要职能包括："), *[para(d) for d in DUTIES[:3]], PageBreak()]
    # The publishing error of the real family: the last duties are printed again on the next page.
    s += [*[para(d) for d in DUTIES[1:]], Spacer(1, 12), para(f"{DEPT}机构设置", HEAD),
          para(f"{DEPT}部门预算是包括档案局本部以及下属1家预算单位的综合收支计划。具体包括："),
          para(f"1. 档案局本部，{DEPT}机关设3个内设机构，包括：办公室、档案管理科、信息技术科（数据安全科）。"),
          para("2. 东海市样例区档案服务中心，不单列预算。"), PageBreak()]
    s += [para("2025年部门财务收支预算总表", HEAD), para(f"编制部门：{DEPT} 单位：元"),
          grid([["本年收入", "", "本年支出", ""], ["项目", "预算数", "项目", "预算数"],
                ["一、财政拨款收入", "3,505,123.45", "一、一般公共服务支出", "3,205,000.00"],
                ["二、事业收入", "", "二、社会保障和就业支出", "300,123.45"],
                ["收入总计", "3,505,123.45", "支出总计", "3,505,123.45"]],
               [130, 90, 150, 90], [((0, 0), (1, 0)), ((2, 0), (3, 0))], 2), Spacer(1, 18)]
    s += [para("2025年部门支出预算总表", HEAD), para(f"编制部门：{DEPT} 单位：元"),
          grid([["项目", "", "", "", "支出预算", "", ""],
                ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
                ["类", "款", "项", "", "", "", ""],
                ["201", "", "", "一般公共服务支出", "3,205,000.00", "2,000,000.00", "1,205,000.00"],
                ["201", "26", "", "档案事务", "3,205,000.00", "2,000,000.00", "1,205,000.00"],
                ["201", "26", "01", "行政运行", "2,000,000.00", "2,000,000.00", ""],
                ["201", "26", "04", "档案馆", "1,205,000.00", "", "1,205,000.00"],
                ["208", "", "", "社会保障和就业支出", "300,123.45", "300,123.45", ""],
                ["208", "05", "", "行政事业单位养老支出", "300,123.45", "300,123.45", ""],
                ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "300,123.45", "300,123.45", ""],
                ["合计", "", "", "", "3,505,123.45", "2,300,123.45", "1,205,000.00"]],
               [30, 30, 30, 150, 75, 75, 75],
               [((0, 0), (3, 0)), ((4, 0), (6, 0)), ((0, 1), (2, 1)), ((3, 1), (3, 2)), ((4, 1), (4, 2)),
                ((5, 1), (5, 2)), ((6, 1), (6, 2)), ((0, 10), (3, 10))], 3), PageBreak()]
    s += [para("2025年部门一般公共预算基本支出部门预算经济分类预算表", HEAD), para(f"编制部门：{DEPT} 单位：元"),
          grid([["项目", "", "", "一般公共预算基本支出", "", ""],
                ["部门预算经济分类科目编码", "", "经济分类科目名称", "合计", "人员经费", "公用经费"],
                ["类", "款", "", "", "", ""],
                ["301", "", "工资福利支出", "2,100,123.45", "2,100,123.45", ""],
                ["301", "01", "基本工资", "1,000,000.00", "1,000,000.00", ""],
                ["301", "02", "津贴补贴", "800,000.00", "800,000.00", ""],
                ["301", "08", "机关事业单位基本养老保险缴费", "300,123.45", "300,123.45", ""],
                ["302", "", "商品和服务支出", "200,000.00", "", "200,000.00"],
                ["302", "01", "办公费", "150,000.00", "", "150,000.00"],
                ["302", "17", "公务接待费", "50,000.00", "", "50,000.00"],
                ["合计", "", "", "2,300,123.45", "2,100,123.45", "200,000.00"]],
               [40, 40, 160, 80, 80, 80],
               [((0, 0), (2, 0)), ((3, 0), (5, 0)), ((0, 1), (1, 1)), ((2, 1), (2, 2)), ((3, 1), (3, 2)),
                ((4, 1), (4, 2)), ((5, 1), (5, 2)), ((0, 10), (2, 10))], 3), PageBreak()]
    s += [para("其他相关情况说明", HEAD), para("一、2025年“三公”经费预算情况说明"),
          para("2025年“三公”经费预算数为5.00万元，与2024年预算持平。其中：（一）因公出国（境）费0万元；"
               "（二）公务用车购置及运行费0万元；（三）公务接待费5.00万元。"),
          para("二、机关运行经费预算"), para(f"2025年{DEPT}财政拨款的机关运行经费预算为20.00万元。"),
          para("三、政府采购预算情况"),
          para("2025年度本部门政府采购预算30.00万元，其中：政府采购货物预算10.00万元、政府采购工程预算0万元、"
               "政府采购服务预算20.00万元。"), PageBreak()]
    s += [para("档案数字化项目经费情况说明", HEAD), para("一、项目概述"), para("对馆藏纸质档案进行扫描和著录，建设数字档案馆。"),
          para("二、立项依据"), para("《东海市样例区档案事业发展规划》。"), para("三、实施主体"), para(DEPT),
          para("四、实施方案"), para("委托专业机构分批完成档案数字化加工，并开展质量检查。"),
          para("五、实施周期"), para("2025.1.1-2025.12.31"),
          para("六、年度预算安排"), para("2025年度项目总预算100.50万元。"),
          para("七、绩效目标"), para("完成馆藏档案数字化加工，数字化率≥95%，档案查阅服务满意度不低于90%。"),
          PageBreak()]
    # A program named only in its 绩效目标表 (the other 20.00万元 of the project total).
    s += [para("2025年项目绩效目标表", HEAD), para(f"编制部门：{DEPT} 单位：万元"),
          grid([["项目名称", "档案安全保管项目", "", "", "", ""],
                ["实施单位", DEPT, "", "", "", ""],
                ["年度资金总额", "20.00", "", "", "", ""],
                ["年度绩效目标", "确保馆藏档案安全，库房环境达标。", "", "", "", ""],
                ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
                ["产出指标", "数量指标", "库房巡查次数", "≥", "52", "次"],
                ["产出指标", "质量指标", "档案完好率", "=", "100", "%"],
                ["效果指标", "满意度指标", "服务对象满意度", "≥", "90", "%"],
                ["效果指标", "社会效益指标", "档案安全保障水平", "定性", "有效提升", ""]],
               [70, 70, 110, 50, 60, 60],
               [((1, 0), (5, 0)), ((1, 1), (5, 1)), ((1, 2), (5, 2)), ((1, 3), (5, 3))], 0)]
    return s


def main() -> None:
    doc = SimpleDocTemplate(str(OUT), pagesize=A4, title="sample budget (fictional)",
                            leftMargin=50, rightMargin=50, topMargin=50, bottomMargin=50)
    doc.build(story())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
