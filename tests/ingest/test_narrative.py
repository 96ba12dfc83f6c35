"""The narrative in the national wordings: covers with decorations or wrapped titles, scope from
how the budget units are described, duties numbered in every style, units listed inline, in several
sentences, in a bare list or a table, and figures stated in prose. Every snippet is a fictional
department written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import gd_facts, guangdong, narrative, prose, prose_units
from ingest.reader import Document, Line
from ingest.record import Record
from tests.ingest.test_stated import completed


def lines_of(text: str, page: int | None = None) -> list[Line]:
    return [Line(t, i, page) for i, t in enumerate(text.strip("\n").split("\n"), 1)]


def facts_of(text: str, year: int = 2026) -> dict[str, float]:
    paras = prose.paragraphs(lines_of(text))
    out: dict[str, float] = {}
    for f in gd_facts.facts(lines_of(text), paras, year) + gd_facts.spending_split(paras, year):
        out.setdefault(f.key, f.value)
    return out


def scope_of(text: str) -> str | None:
    """The scope of a snippet whose first two lines are its cover."""
    cover = "".join(text.split("\n")[:2])
    return narrative.scope("".join(prose.canonical(p.text) for p in prose.paragraphs(lines_of(text))), cover)


# ---------------------------------------------------------------- cover

def test_stray_marks_and_decorations_leave_the_department_name():
    assert narrative.department_name(".东海市样例局（本级）") == "东海市样例局"
    assert narrative.department_name("东海市样例局（汇总）") == "东海市样例局"
    assert narrative.department_name("· 东海市样例局本级") == "东海市样例局"
    assert narrative.department_name("东海市样例局（市规划院）") == "东海市样例局（市规划院）"


def test_a_cover_title_wrapped_over_two_lines_keeps_both():
    cover = lines_of("东海市城乡建设和\n交通运输管理局 2026 年\n部门预算\n目 录", page=1)
    assert narrative.cover_department(cover) == "东海市城乡建设和交通运输管理局"
    dated_first = lines_of("2026年\n东海市样例工务中心部门\n预算", page=1)
    assert narrative.cover_department(dated_first) == "东海市样例工务中心"


def test_a_cover_without_a_budget_title_names_no_department():
    assert narrative.cover_department(lines_of("关于开展安全检查的通知\n各有关单位：", page=1)) is None


# ---------------------------------------------------------------- scope

def test_a_count_of_budget_units_decides_the_scope_before_the_cover():
    one = "东海市样例局（汇总）\n2026年部门预算\n纳入本部门当年预算编制范围的二级预算单位共有1个，包括：\n1 东海市样例局本级"
    assert scope_of(one) == "standalone"
    four = "纳入本部门2026年部门汇总预算编制范围的预算单位共计4家，具体包括：东海市样例局（本级）。"
    assert scope_of(four) == "consolidated"
    assert scope_of("“本年预算数”的单位范围包括部门本级及所属0 个预算单位。") == "standalone"
    assert scope_of("下属 12 个二级预算单位，分别是东海市水文站、东海市水利中心。") == "consolidated"


def test_units_counted_by_kind_or_listed_by_number_make_a_consolidated_budget():
    assert scope_of("本部门预算由本级及所属3个事业单位的预算组成。") == "consolidated"
    assert scope_of("下属预算单位共0个。") == "standalone"
    listed = "纳入东海市样例局2026年部门预算编制范围的二级预算单位包括：\n1.东海市样例局\n2.东海市样例事业中心\n"
    assert scope_of(listed) == "consolidated"


def test_a_department_with_no_units_of_its_own_is_standalone():
    assert scope_of("本单位无下属单位，部门预算为本级预算。") == "standalone"
    assert scope_of("东海市样例办公室部门只有本级，没有其他二级预算单位。") == "standalone"


def test_a_cover_decoration_says_the_scope_when_the_text_does_not():
    assert scope_of("东海市样例局（本级）\n2026年度部门预算公开") == "standalone"
    assert scope_of("东海市样例局（汇总）\n2026年部门预算公开说明") == "consolidated"


def test_a_list_of_budgets_beside_the_departments_own_is_consolidated():
    listed = "从预算单位构成看，东海市样例局预算包括：\n局本级预算、局属东海市样例休养所预算和局属东海市样例服务中心预算。"
    assert scope_of(listed) == "consolidated"
    generic = "本部门的部门预算包括部门本级（机关）预算和所属事业单位预算。"
    assert scope_of(generic) is None


# ---------------------------------------------------------------- duties

def test_duties_numbered_with_ascii_parentheses_are_read():
    text = "一、部门基本概况\n（一）职能职责\n(1)贯彻执行有关方针政策。\n(2)参与编制中长期规划，\n并组织实施。\n(3)完成交办的其他事项。\n（二）机构设置"
    duties = prose.duties(lines_of(text))
    assert [d.number for d in duties] == [1, 2, 3]
    assert duties[1].text == "参与编制中长期规划，并组织实施。"


def test_duties_with_mixed_brackets_and_sub_items_count_the_top_level():
    text = ("一、单位主要职能\n(一）负责综合执法。\n（二）负责下列检查：\n①安全检查；\n②质量检查。\n"
            "(三）完成交办的其他任务。\n二、单位机构设置")
    duties = prose.duties(lines_of(text))
    assert [d.number for d in duties] == [1, 2, 3]
    assert duties[1].text == "负责下列检查：①安全检查；②质量检查。"


# ---------------------------------------------------------------- units

def names(units) -> list[str]:
    return [u.name for u in units]


INTERNAL = {
    "counted in Chinese numerals": (
        "二、机构设置\n东海市样例局内设十个机构，分别是：办公室、来信受理处、督查一处、机关党总支。\n预算单位构成为：",
        ["办公室", "来信受理处", "督查一处", "机关党总支"]),
    "before a count in words, after a clause on units": (
        "二、机构编制\n东海市样例办公室无下属单位，部门预算为办本级预算。下设秘书处、规划建设处（政策法规处）等两个处室。",
        ["秘书处", "规划建设处（政策法规处）"]),
    "in every sentence of the section": (
        "（二）机构设置\n市样例局内设处室2个，分别为：办公室、财政处。\n设2个派出处，分别为：派出一处、派出二处。\n"
        "机关党的机构按照党章规定设置：机关党委（机关纪委）。\n所属事业单位：东海市样例信息中心。\n二、工作任务",
        ["办公室", "财政处", "派出一处", "派出二处", "机关党委（机关纪委）"]),
    "without the words that introduce them": (
        "二、机构设置\n机构设置：局机关设办公室、政策法规科等2个内设机构，下设东海市样例中心1个事业单位。",
        ["办公室", "政策法规科"]),
    "without the count that closes them": (
        "二、机构设置\n内设机构分别为：办公室、财务科、业务科等3个。", ["办公室", "财务科", "业务科"]),
    "whose own names hold 设": ("二、机构设置\n内设机构：建设管理科、规划设计科。", ["建设管理科", "规划设计科"]),
    "as a bare list under the heading": (
        "（二）机构设置\n综合事务部、综合治理部、后勤服务部。\n二、部门预算单位构成", ["综合事务部", "综合治理部", "后勤服务部"]),
    "in a table of their own": (
        "（二）机构设置\n序号 内设机构 主要职责\n1 办公室 负责日常运转\n2 规划科 负责规划\n三、部门预算构成", ["办公室", "规划科"]),
    "after a free introduction": (
        "（二）机构设置\n部门本级内设机构 3 个，各机构规范简称依次为：办公室、规计处、后扶处（市对口支援办公室）。",
        ["办公室", "规计处", "后扶处（市对口支援办公室）"]),
}


@pytest.mark.parametrize("text,expected", INTERNAL.values(), ids=INTERNAL.keys())
def test_internal_units_in_the_national_wordings(text, expected):
    assert names(prose_units.internal_units(lines_of(text))) == expected


def test_subordinate_units_from_a_list_of_budgets():
    text = ("（二）部门机构设置情况\n从预算单位构成看，东海市样例局预算包括：\n局本级预算、局属东海市样例休养所预算、局\n"
            "属东海市样例陵园管理所预算和局属东海市样例供水站预算。\n二、预算安排情况")
    assert names(prose_units.subordinate_units(lines_of(text), "东海市样例局")) == [
        "东海市样例休养所", "东海市样例陵园管理所", "东海市样例供水站"]
    kinds = ("（二）机构设置情况\n从预算单位构成看，东海市样例局部门预算包括：东海市样例局本级决算（行政单位）和东海市样例服务中心"
             "（东海市预警发布中心）（事业单位）决算。")
    assert names(prose_units.subordinate_units(lines_of(kinds), "东海市样例局")) == ["东海市样例服务中心（东海市预警发布中心）"]


def test_a_count_closing_a_list_of_subordinate_units_is_no_name():
    text = "（二）机构设置\n下属单位有：东海市样例中心、东海市样例所等2个事业单位。"
    assert names(prose_units.subordinate_units(lines_of(text), "东海市样例局")) == ["东海市样例中心", "东海市样例所"]


def test_subordinate_units_named_with_long_brackets_are_kept_whole():
    text = ("（二）机构设置\n下属 2 个二级预算单位，分别是东海市样例水利工程质量中心站（东海市样例水利工程造价站、"
            "东海市样例水利工程建设稽察技术服务中心）和东海市样例信息中心。")
    assert names(prose_units.subordinate_units(lines_of(text), "东海市样例局")) == [
        "东海市样例水利工程质量中心站（东海市样例水利工程造价站、东海市样例水利工程建设稽察技术服务中心）", "东海市样例信息中心"]


def test_subordinate_units_from_a_numbered_table_of_units():
    text = ("二、部门预算单位构成\n从预算单位构成看，东海市样例办公室包括 3个下属单位，其中：列入部门预算编制范围的单位见下表:\n"
            "序号 单位名称\n1 东海市样例服务中心\n2 东海市样例办公室（本级）\n3 东海市 12345 热线中心\n4 东海市样例公报室\n9\n三、主要工作任务")
    assert names(prose_units.subordinate_units(lines_of(text), "东海市样例办公室")) == [
        "东海市样例服务中心", "东海市12345热线中心", "东海市样例公报室"]


# ---------------------------------------------------------------- figures

def test_basic_and_project_spending_from_the_split_of_total_spending():
    text = "苏东市样例局 2026 年支出预算合计 64,090.74 万元，其中：\n基本支出 6,895.74 万元，占 10.76%；\n项目支出 57,195 万元，占 89.24%；"
    assert (facts_of(text)["basic_expenditure"], facts_of(text)["project_expenditure"]) == (6895.74, 57195.0)
    after_a_stop = "相应安排支出预算 15184.81 万元，比上年增加 43.72万元，主要原因是新增保安服务。其中：基本支出5915.38万元、项目支出9269.43万元。"
    assert (facts_of(after_a_stop)["basic_expenditure"], facts_of(after_a_stop)["project_expenditure"]) == (5915.38, 9269.43)


def test_a_final_accounts_split_of_spending_is_read_too():
    text = "2024年度支出决算1,500.00万元，其中：基本支出1,000.00万元，占66.67%；项目支出500.00万元，占33.33%。"
    assert (facts_of(text, 2024)["basic_expenditure"], facts_of(text, 2024)["project_expenditure"]) == (1000.0, 500.0)


def test_basic_spending_by_use_adds_staff_and_running_costs():
    text = "2.按支出用途分类，包括人员支出 2,906.80 万元，占 49.4%；日常公用支出 838.27 万元，占 14.3%；项目支出 2,131.61 万元，占 36.3%。"
    assert (facts_of(text)["basic_expenditure"], facts_of(text)["project_expenditure"]) == (3745.07, 2131.61)


def test_basic_spending_as_the_rest_of_a_total_listed_by_part():
    text = ("东海市样例办公室预算55,884.67万元，包括在职人员经费3,098.93万元、公用经费919.20万元、对个人和家庭的补助支出"
            "616.88万元、增人增资371.58万元、项目支出50,878.08万元。")
    assert (facts_of(text)["basic_expenditure"], facts_of(text)["project_expenditure"]) == (5006.59, 50878.08)
    short = text.replace("55,884.67", "55,900.00")  # parts that do not make the total say nothing
    assert "basic_expenditure" not in facts_of(short)


def test_the_basic_spending_of_one_fund_or_another_year_is_not_the_departments():
    fund = "一般公共预算财政拨款支出128148.56万元，比2025年增加10300.15万元。其中：基本支出33325.21万元，主要用于工资；项目支出94823.35万元。"
    assert "basic_expenditure" not in facts_of(fund) and "project_expenditure" not in facts_of(fund)
    assert "basic_expenditure" not in facts_of("2025年基本支出预算数300.00万元。")
    assert facts_of("（一）基本支出：2026年本单位基本支出预算数386.73万元，主要是人员经费。")["basic_expenditure"] == 386.73
    in_a_funds_section = "四、一般公共预算拨款支出\n（一）基本支出：2026年本单位基本支出预算数386.73万元，主要是人员经费。"
    assert "basic_expenditure" not in facts_of(in_a_funds_section)


def test_revenue_and_spending_under_their_own_labels():
    found = facts_of("（一）收入预算：2026 年年初预算数 186549.30 万元，其中：一般公共预算财政拨款 128148.56\n万元。\n"
                     "（二）支出预算：2026 年年初预算数 186549.30 万元。按支出功能分类，包括教育支出 33862.49 万元。")
    assert (found["revenue_total"], found["expenditure_total"]) == (186549.3, 186549.3)


def test_operating_costs_and_procurement_in_other_wordings():
    assert facts_of("2026年东海市样例局系统机关运行经费预算总计211万元，占基本支出的17%。")["administrative_operating_cost"] == 211
    assert facts_of("本部门当年机关运行经费预算安排198.59万元，较上年增加10.31万元。")["administrative_operating_cost"] == 198.59
    assert facts_of("（一）机关运行经费。2026 年一般公共预算财政拨款运行经费 2115.63 万元，比上年增加 1.05万元。")[
        "administrative_operating_cost"] == 2115.63
    assert facts_of("2026年东海市样例局预算内政府采购资金110.28万元，用于物业服务。")["government_procurement"] == 110.28
    assert facts_of("东海市样例办纳入2026年部门预算的政府采购项目共有3,966.73万元，其中：货物类项目0.00万元。")[
        "government_procurement"] == 3966.73


@pytest.mark.parametrize("said", [
    "2026年本部门政府采购预算总额1,113.52万元，其中：政府采购货物预算566.26万元、政府采购工程预算0.00万元、政府采购服务预算547.26万元。",
    "当年本部门政府采购预算共1,113.52万元，其中政府采购货物类预算566.26万元、政府采购服务类预算547.26万元、政府采购工程类预算0.00万元。",
    "2026年度政府采购支出预算总额1,113.52万元，其中：拟采购货物支出566.26万元、拟采购工程支出0万元、拟采购服务支出547.26万元。",
    "纳入2026年部门预算的政府采购项目共有1,113.52万元，其中：货物类项目566.26万元、工程类项目0.00万元、服务类项目547.26万元。",
])
def test_procurement_is_split_into_goods_works_and_services_in_every_wording(said):
    found = facts_of(said)
    assert (found["government_procurement"], found["procurement_goods"], found["procurement_works"],
            found["procurement_services"]) == (1113.52, 566.26, 0.0, 547.26)


def test_goods_and_services_spending_is_no_part_of_the_procurement():
    found = facts_of("商品和服务支出838.27万元，比上年增加12.00万元。货物和服务运输支出5.00万元。")
    assert not {"procurement_goods", "procurement_services"} & set(found)


def test_a_change_on_a_named_year_is_read_only_when_that_year_is_the_one_before():
    said = "2026年收入预算5000.00万元，比{}年增加120.50万元，增长2.47%。"
    assert facts_of(said.format(2025))["revenue_change"] == 120.5
    # a final account against its own year's budget, or a change on two years before: not a change on last year
    assert "revenue_change" not in facts_of(said.format(2026))
    assert "revenue_change" not in facts_of(said.format(2024))


def test_the_change_of_the_three_public_costs_is_not_the_change_of_all_spending():
    found = facts_of("2026年度一般公共预算拨款安排的“三公”经费支出预算18.3万元，比上年预算增加0.05万元。")
    assert "expenditure_change" not in found and found["three_public_budget"] == 18.3


def test_three_public_costs_are_this_years_and_without_meetings_and_training():
    stated = facts_of("本部门当年一般公共预算“三公”经费预算支出10.20万元，较上年减少1.80万元。")
    assert stated["three_public_budget"] == 10.2
    assert "three_public_budget" not in facts_of("“三公”经费及会议费、培训费预算52.60万元。")
    years = facts_of("2026年“三公经费”预算数为7.61万元，2025年预算数为9.23万元。")
    assert years["three_public_budget"] == 7.61



def test_a_table_of_budget_units_says_the_scope_when_no_sentence_does(tmp_path):
    from ingest.parse import parse_file

    body = ("2024年\n东海市样例局部门决算\n一、主要职责\n（一）负责样例工作。\n二、部门决算单位构成\n"
            "序号 单位名称 单位性质\n{rows}\n三、收入支出决算总体情况说明\n"
            "2024年度支出决算100.00万元，其中：基本支出60.00万元，项目支出40.00万元。\n")
    one = tmp_path / "one.txt"
    one.write_text(body.format(rows="1 东海市样例局本级 行政单位"), encoding="utf-8")
    assert parse_file(one).scope == "standalone"
    two = tmp_path / "two.txt"
    two.write_text(body.format(rows="1 东海市样例局本级 行政单位\n2 东海市样例服务中心 事业单位"), encoding="utf-8")
    record = parse_file(two)
    assert record.scope == "consolidated" and [u.name for u in record.subordinate_units] == ["东海市样例服务中心"]


def test_three_public_parts_under_their_own_headings_and_their_sum():
    text = ("六、一般公共预算“三公”经费支出情况\n（一）因公出国（境）经费\n2026 年预算安排 0.00 万元，比上年增加 0.00 万元。\n"
            "（二）公务接待费\n2026年预算安排 18.85 万元，与上年持平。\n（三）公务用车购置及运行费\n"
            "2026 年预算安排 293.90 万元，其中：公务用车运行费32.00 万元。\n七、预算绩效目标情况")
    paras = prose.paragraphs(lines_of(text))
    found = {f.key: f.value for f in gd_facts.three_public_parts(paras, 2026)}
    assert found == {"three_public_outbound": 0.0, "three_public_reception": 18.85, "three_public_vehicle": 293.9,
                     "three_public_budget": 312.75}
    assert gd_facts.three_public_parts(paras, 2027) == []  # another year's figures are not this budget's
    assert parts_of(text)["three_public_vehicle_operation"] == 32.0  # a part stated in the sentence under one


def parts_of(text: str, year: int = 2026) -> dict[str, float]:
    """The “三公” parts a budget's narrative states, the first of each key, as `narrative.complete` reads them."""
    out: dict[str, float] = {}
    for f in completed(text, year).facts:
        if f.key.startswith("three_public_") and not f.key.endswith("change"):
            out.setdefault(f.key, f.value)
    return out


@pytest.mark.parametrize(("text", "expected"), [
    ("2.公务接待费：2026年安排公务接待费预算6.02万元，与上年预算数持平。", {"three_public_reception": 6.02}),
    ("1.因公出国（境）费用。2026年预算数36.14万元，较2025年年初预算增加18.26万元。", {"three_public_outbound": 36.14}),
    ("3.公务用车购置和运行维护费。2026年预算数6.00万元，其中：", {"three_public_vehicle": 6.0}),
    ("（2）公务用车运行维护费预算支出4万元，与上年预算数相同。", {"three_public_vehicle_operation": 4.0}),
    ("2026年预算安排293.90万元，其中：公务用车运行费32.00万元，公务用车购置费261.90万元。",
     {"three_public_vehicle_operation": 32.0, "three_public_vehicle_purchase": 261.9}),
    # the year a figure is compared with is not its year
    ("其中：公务用车购置费0.00万元，与2025年预算持平；公务用车运行费17.50万元，比2025年预算增加8.00万元。",
     {"three_public_vehicle_purchase": 0.0, "three_public_vehicle_operation": 17.5}),
    # last year's or another year's figure is not this budget's
    ("2025年公务接待费预算9.23万元。上年公务用车运行维护费预算为5万元。", {}),
])
def test_three_public_parts_stated_in_a_budgets_sentences(text, expected):
    assert parts_of(text) == expected


def test_a_section_read_by_the_narrative_is_not_said_to_be_unread():
    text = "一、部门基本概况\n（一）职能职责\n(1)贯彻执行有关方针政策。\n(2)参与编制中长期规划，并组织实施。\n（二）机构设置\n详见本部门网站。"
    record = Record("东海市示例局", 2026, "budget", "standalone", "a.txt", "0", "tsv")
    doc = Document(Path("a.txt"), "0", "txt", lines_of(text))
    record = narrative.complete(record, doc)
    guangdong.state_warnings(record, prose.paragraphs(doc.lines))
    assert len(record.duties) == 2
    assert [w.split(":")[0] for w in record.warnings] == ["内设机构"]  # no unit read: that section is still unread


@pytest.mark.parametrize("sentence", [
    "按支出用途分类，包括人员支出2,906.80万元，占49.4%；日常公用支出838.27万元，占14.3%；项目支出2,131.61万元，占36.3%。",
    "2026年支出预算合计5,876.67万元，其中：基本支出3,745.07万元，占63.7%；项目支出2,131.61万元，占36.3%。",
    "项目支出预算2,131.61万元，占部门预算总支出的36.3%。"])
def test_the_share_printed_after_project_spending_stays_in_its_text(sentence):
    paras = prose.paragraphs(lines_of(sentence))
    fact = next(f for f in gd_facts.spending_split(paras, 2026) if f.key == "project_expenditure")
    assert fact.value == 2131.61 and fact.text.endswith("36.3%")


@pytest.mark.parametrize("text, score", [
    ("本次绩效自评总分100分，自评得分92.5分。", 92.5),  # the 总分 is the full mark
    ("部门整体支出绩效自评总分：90分。", 90),
    ("绩效自评总分100分，综合评分为88分。", 88),
])
def test_a_score_is_the_mark_given_not_the_full_mark(text, score):
    assert facts_of(text)["performance_score"] == score


_WRAPPED = """四、绩效自评情况
本部门组织对2026年度项目开展绩效自评，自评的项目共
12个，其中绩效评级为“优”的项目9个；绩效评级为“良”的
项目3个。
五、政府采购情况
2026年本部门政府采购预算300.00万元，其中：货物类采购预算
40.50万元，工程类采购预算180.00万元，服务类采购预算
79.50万元。
六、其他重要事项的情况说明
2026年安排防汛专项资金500万元，其中堤防巡查资金120万元，设备运维
资金260万元，物资储备资金120万元。
"""


def test_a_figure_read_inside_a_wrapped_paragraph_cites_its_own_line():
    # the readers cite their paragraph; each figure keeps the line printing it, the section its paragraph's
    cited = {(f.key, f.label, f.value): (f.source.line, f.source.table) for f in completed(_WRAPPED).facts}
    assert cited[("evaluated_programs", None, 12)] == (3, "四、绩效自评情况")
    assert cited[("graded_programs", "优", 9)] == (3, "四、绩效自评情况")
    assert cited[("graded_programs", "良", 3)] == (4, "四、绩效自评情况")  # “良”的 | 项目3个: the figure's line
    assert [cited[(k, None, v)][0] for k, v in [("government_procurement", 300.0), ("procurement_goods", 40.5),
                                               ("procurement_works", 180.0), ("procurement_services", 79.5)]] == [6, 7, 7, 8]
    # one amount printed for two parts: each part's own
    assert [cited[("stated_part", part, value)][0] for part, value in [
        ("堤防巡查资金", 120.0), ("设备运维资金", 260.0), ("物资储备资金", 120.0)]] == [10, 11, 11]


def test_a_paragraph_knows_the_line_and_page_of_each_of_its_characters():
    lines = [Line("收入预算", 5, 1), Line("1,234.50 万元，", 6, 2), Line("比上年增加", 7, 2)]
    para, = prose.paragraphs(lines)
    text = prose.canonical(para.text)
    assert [para.line_at(text.index(s)) for s in ("收入", "1,234.50", "比上年")] == [(5, 1), (6, 2), (7, 2)]
