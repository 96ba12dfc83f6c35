"""Guangdong-family documents in shapes other than the sample corpus: other table sets and titles,
a 单位名称 column in the program table, other phrasings of the narrative figures, half-width
punctuation, amounts in 元. Every snippet is a fictional department written for these tests."""

from __future__ import annotations

from ingest import gd_facts, prose, prose_units
from ingest.gd_indicators import self_evaluation
from ingest.gd_programs import is_program_table, key_project_targets, programs
from ingest.gd_tables import find_tables, table_title
from ingest.gd_totals import table_facts
from ingest.reader import Line
from ingest.record import Program

T = "\t"


def lines_of(text: str) -> list[Line]:
    return [Line(t, i) for i, t in enumerate(text.strip("\n").split("\n"), 1)]


def totals(facts) -> dict[str, float]:
    out: dict[str, float] = {}
    for f in facts:
        out.setdefault(f.key, f.value)
    return out


def test_a_numbered_or_dated_title_is_known_by_what_it_is():
    assert table_title("表3 部门支出总表") == "部门支出总表"
    assert table_title("附表1-2：收入决算表") == "收入决算表"
    assert table_title("三、支出总体情况表") == "支出总体情况表"
    assert table_title("某区某局2025年部门收支总表") == "部门收支总表"
    assert table_title("一般公共预算支出表（按功能分类科目）") == "一般公共预算支出表（按功能分类科目）"


SPENDING_2025 = f"""
表3 部门支出总表
单位：万元
科目编码{T}科目名称{T}合计{T}基本支出{T}项目支出
{T}合计{T}800.00{T}500.00{T}300.00
201{T}一般公共服务支出{T}800.00{T}500.00{T}300.00
表7 一般公共预算“三公”经费支出表
单位：万元
合计{T}因公出国(境)费{T}公务用车购置及运行费{T}{T}{T}公务接待费
{T}{T}小计{T}公务用车购置费{T}公务用车运行费{T}
6.00{T}0.00{T}5.00{T}0.00{T}5.00{T}1.00
"""


def test_spending_split_and_three_public_from_the_2025_table_set():
    tables = find_tables(lines_of(SPENDING_2025), "tsv")
    got = totals(table_facts(tables, "budget"))
    assert (got["basic_expenditure"], got["project_expenditure"], got["expenditure_total"]) == (500, 300, 800)
    assert got["three_public_budget"] == 6


PROGRAMS_BY_UNIT_COLUMN = f"""
表9 项目支出表
单位：万元
单位名称{T}项目名称{T}合计{T}一般公共预算{T}政府性基金预算{T}绩效目标
合计{T}{T}350.00{T}350.00{T}0.00{T}
青柳市南湖区数据中心{T}{T}300.00{T}300.00{T}0.00{T}
{T}热线运营服务{T}200.00{T}200.00{T}0.00{T}接通率≥95%。
{T}平台运维经费{T}100.00{T}100.00{T}0.00{T}
青柳市南湖区数据应用站{T}档案数字化经费{T}50.00{T}50.00{T}0.00{T}完成扫描2万页。
"""


def test_program_names_and_units_from_separate_columns():
    (table,) = find_tables(lines_of(PROGRAMS_BY_UNIT_COLUMN), "tsv")
    assert is_program_table(table)
    progs, indicators, warnings = programs(table, "青柳市南湖区数据中心", set())
    assert [(p.name, p.unit, p.amount) for p in progs] == [
        ("热线运营服务", "青柳市南湖区数据中心", 200.0),
        ("平台运维经费", "青柳市南湖区数据中心", 100.0),
        ("档案数字化经费", "青柳市南湖区数据应用站", 50.0),
    ]
    assert progs[0].funding == {"一般公共预算": 200.0} and not warnings
    assert [(i.name, i.comparator, i.target) for i in indicators] == [("接通率", ">=", 95.0)]


def test_internal_list_stops_where_the_subordinate_units_begin():
    text = "二、机构设置\n本单位内设3个科室：综合科、数据科、运维科；下设1个事业单位：南湖区数据应用站。\n"
    assert [u.name for u in prose_units.internal_units(lines_of(text))] == ["综合科", "数据科", "运维科"]
    assert [u.name for u in prose_units.subordinate_units(lines_of(text))] == ["南湖区数据应用站"]


def test_narrative_figures_in_other_phrasings():
    text = """
三、其他说明
2025年本部门“三公”经费预算为6万元，比上年预算减少1万元。
机关运行经费财政拨款预算为120.5万元。
本部门政府采购预算总额为88万元，其中：货物类采购预算8万元。
"""
    got = totals(gd_facts.facts(lines_of(text)))
    assert (got["three_public_budget"], got["administrative_operating_cost"], got["government_procurement"]) == (
        6, 120.5, 88)


def test_narrative_figures_with_half_width_punctuation_and_amounts_in_yuan():
    text = """
三、其他说明
“三公”经费财政拨款支出决算为3.5万元,完成全年预算4万元,其中:因公出国(境)费0万元。
2024年政府采购预算 17000 元,其中:货物类采购 10000 元。
"""
    got = totals(gd_facts.facts(lines_of(text)))
    assert (got["three_public_actual"], got["three_public_budget"], got["three_public_outbound"]) == (3.5, 4, 0)
    assert (got["government_procurement"], got["procurement_goods"]) == (1.7, 1.0)


def test_duties_under_a_sub_heading_and_internal_units_counted_with_gong():
    text = """
一、部门主要职责及内设机构
(一)主要职责
本局是主管全县审计工作的政府工作部门。
1.贯彻执行审计方针政策。
2.依法直接进行下列审计：
(1)重大政策措施执行情况；
(2)预算执行情况。
3.完成交办的其他任务。
(二)内设机构
本局内设办公室、审计一股、审计二股共3个股室。
二、部门决算单位构成
"""
    duties = prose.duties(lines_of(text))
    assert [d.number for d in duties] == [1, 2, 3]
    assert duties[1].text == "依法直接进行下列审计：(1)重大政策措施执行情况；(2)预算执行情况。"
    assert [u.name for u in prose_units.internal_units(lines_of(text))] == ["办公室", "审计一股", "审计二股"]


def test_duties_numbered_like_headings_or_with_a_closing_bracket():
    heading_style = "一、部门职责\n一、负责全镇经济发展规划。\n二、完成上级交办的其他任务。\n二、机构设置\n"
    duties = prose.duties(lines_of(heading_style))
    assert [(d.number, d.text) for d in duties] == [(1, "负责全镇经济发展规划。"), (2, "完成上级交办的其他任务。")]
    bracket_style = "一、主要职责\n1）负责统筹全区数据资源。\n2）负责政务云平台建设。\n二、机构设置\n"
    assert [d.text for d in prose.duties(lines_of(bracket_style))] == ["负责统筹全区数据资源。", "负责政务云平台建设。"]


def test_internal_units_listed_before_their_count_or_after_a_colon():
    counted = "二、部门机构设置\n我局机关设综合科、规划科、建设科3个内设机构，下属单位有南湖区测绘站。\n"
    assert [u.name for u in prose_units.internal_units(lines_of(counted))] == ["综合科", "规划科", "建设科"]
    assert [u.name for u in prose_units.subordinate_units(lines_of(counted))] == ["南湖区测绘站"]
    colon = "二、机构设置\n内设机构：办公室、数据科。\n"
    assert [u.name for u in prose_units.internal_units(lines_of(colon))] == ["办公室", "数据科"]


def test_subordinate_units_under_their_own_sub_heading():
    text = """
二、机构设置
（一）内设机构
1.办公室：负责机关日常运转。
（二）下属单位
南湖区数据中心（公益一类事业单位）。
三、部门预算构成
"""
    assert [u.name for u in prose_units.subordinate_units(lines_of(text), "某局")] == ["南湖区数据中心"]


def test_target_text_whose_leading_empty_cells_were_dropped_stays_in_the_target():
    text = f"""
部门预算项目支出及其他支出预算表
单位：万元
支出项目类别{T}总计{T}一般公共预算{T}绩效目标
合计{T}200.00{T}200.00{T}
热线外包{T}200.00{T}200.00{T}接通率≥90%，平均等待时长不超过
20秒，群众满意率不低于95%。
"""
    (table,) = find_tables(lines_of(text), "tsv")
    (prog,), _, _ = programs(table, "海州市某局", set())
    assert prog.name == "热线外包"
    assert prog.performance_target == "接通率≥90%，平均等待时长不超过20秒，群众满意率不低于95%。"


def test_department_names_of_other_kinds_of_organisation():
    def meta(title: str):
        m = prose.metadata(lines_of(title))
        return m.department, m.fiscal_year, m.document_type, m.scope

    assert meta("青柳市南湖区石门镇人民政府2024年部门预算") == ("青柳市南湖区石门镇人民政府", 2024, "budget", None)
    assert meta("青柳市第一中学2024年单位决算")[:3] == ("青柳市第一中学", 2024, "final_account")
    assert meta("青柳市南湖区石门镇2024年部门预算")[0] == "青柳市南湖区石门镇"
    assert meta("2025年青柳市南湖区数据局（本级）部门预算") == ("青柳市南湖区数据局", 2025, "budget", "standalone")
    assert meta("青柳市南湖区城市管理局（区综合执法局）2024年部门预算")[0] == "青柳市南湖区城市管理局(区综合执法局)"


def test_more_narrative_phrasings_of_totals_changes_and_scores():
    text = """
三、其他说明
2023年度总收入863.5万元，其中本年收入858万元。
2024年本部门收入预算1,000.00万元，比上年预算增加100万元，增长11.11%。
截至2022年12月31日，资产原值合计2110003.55元。
经自评，本部门整体支出绩效综合得分92分。
"""
    got = totals(gd_facts.facts(lines_of(text)))
    assert (got["grand_total"], got["revenue_total"]) == (863.5, 858)
    assert (got["revenue_change"], got["revenue_change_pct"]) == (100, 11.11)
    assert got["state_assets_total"] == 211.000355 and got["performance_score"] == 92


def test_self_evaluation_with_half_width_punctuation_and_other_wording():
    half_width = """
(四)2023年度绩效评价情况的说明
部门整体支出绩效自评情况:全年预算数500万元,执行数480万元,完成预算的96%.
"热线外包服务"项目绩效自评综述:项目全年预算数为200万元,执行数为190万元,完成预算的95%.
接通率目标值为≥90%,实际完成值为92%.
"""
    other_words = """
四、2023年度预算绩效情况说明
（一）部门整体支出绩效自评情况
本部门整体支出绩效自评综述：全年预算数为500.00万元，全年执行数为480.00万元，预算执行率为96.00%。
（二）项目支出绩效自评情况
1.热线外包服务项目绩效自评综述：全年预算数为200.00万元，全年执行数为190.00万元，执行率为95%。
接通率：目标值≥90%，实际完成值92%。
"""
    for text in (half_width, other_words):
        progs, inds, perf, _ = self_evaluation(lines_of(text), "某局")
        assert [(p.name, p.amount, p.executed) for p in progs] == [("热线外包服务", 200.0, 190.0)]
        assert [(i.program, i.name, i.comparator, i.target, i.actual, i.met) for i in inds] == [
            ("热线外包服务", "接通率", ">=", 90.0, 92.0, True)]
        assert (perf["overall_budget"], perf["overall_executed"], perf["overall_execution_rate"]) == (500, 480, 96)


THREE_PUBLIC_FINAL = f"""
财政拨款“三公”经费支出决算表
单位：万元
预算数{T}{T}{T}{T}{T}{T}决算数{T}{T}{T}{T}{T}
合计{T}因公出国（境）费{T}公务用车购置及运行维护费{T}{T}{T}公务接待费{T}合计{T}因公出国（境）费{T}公务用车购置及运行维护费{T}{T}{T}公务接待费
{T}{T}小计{T}公务用车购置费{T}公务用车运行维护费{T}{T}{T}{T}小计{T}公务用车购置费{T}公务用车运行维护费{T}
1{T}2{T}3{T}4{T}5{T}6{T}7{T}8{T}9{T}10{T}11{T}12
2.00{T}0.00{T}1.50{T}0.00{T}1.50{T}0.50{T}1.20{T}0.00{T}1.00{T}0.00{T}1.00{T}0.20
"""


def test_a_final_accounts_three_public_table_gives_budget_and_actual():
    got = totals(table_facts(find_tables(lines_of(THREE_PUBLIC_FINAL), "tsv"), "final_account"))
    assert (got["three_public_budget"], got["three_public_actual"]) == (2.0, 1.2)
    budget = totals(table_facts(find_tables(lines_of(SPENDING_2025), "tsv"), "budget"))
    assert "three_public_actual" not in budget  # the 栏次 row 1 2 3 … is not a row of amounts


def test_a_final_accounts_three_public_table_gives_each_parts_budget():
    got = totals(table_facts(find_tables(lines_of(THREE_PUBLIC_FINAL), "tsv"), "final_account"))
    assert {k: v for k, v in got.items() if k.endswith("_budget")} == {
        "three_public_budget": 2.0, "three_public_outbound_budget": 0.0, "three_public_vehicle_budget": 1.5,
        "three_public_vehicle_purchase_budget": 0.0, "three_public_vehicle_operation_budget": 1.5,
        "three_public_reception_budget": 0.5}
    # a block that does not add up as the parts do gives no part a column it may not be of
    wrong = THREE_PUBLIC_FINAL.replace(f"2.00{T}0.00{T}1.50", f"2.00{T}0.10{T}1.50")
    assert [k for k in totals(table_facts(find_tables(lines_of(wrong), "tsv"), "final_account"))
            if k.endswith("_budget")] == ["three_public_budget"]


def test_a_final_accounts_sentence_gives_a_parts_budget_beside_its_actual():
    text = """
三、“三公”经费财政拨款支出决算情况说明
某局2021年度“三公”经费财政拨款支出决算为1.21万元，完成预算7.00万元的17.29%。其中：因公出国（境）费支出决算为0.00万元，完成预算0.00万元的0.00%；公务用车购置及运行费支出决算为0.84万元，完成预算5.00万元的16.80%（其中：公务用车购置支出决算为0.00万元，完成预算0.00万元的0.00%；公务用车运行维护费支出决算为0.84万元，完成全年预算5.00万元的16.8%）；公务接待费支出决算为0.37万元，完成预算2.00万元的18.50%。
"""
    got = totals(gd_facts.facts(lines_of(text), year=2021))
    assert (got["three_public_reception"], got["three_public_reception_budget"]) == (0.37, 2.0)
    assert (got["three_public_vehicle"], got["three_public_vehicle_budget"]) == (0.84, 5.0)
    assert (got["three_public_vehicle_operation_budget"], got["three_public_vehicle_purchase_budget"]) == (5.0, 0.0)
    assert (got["three_public_outbound_budget"], got["three_public_budget"]) == (0.0, 7.0)


def test_an_execution_rate_column_is_not_target_text():
    text = f"""
项目支出决算表
单位：万元
项目名称{T}预算数{T}决算数{T}执行率
合计{T}110.00{T}100.00{T}90.91%
档案数字化加工{T}80.00{T}75.00{T}93.75%
库房安全运维{T}30.00{T}25.00{T}83.33%
"""
    (table,) = find_tables(lines_of(text), "tsv")
    progs, _, warnings = programs(table, "某档案馆", set())
    assert [(p.name, p.amount, p.executed, p.performance_target) for p in progs] == [
        ("档案数字化加工", 80.0, 75.0, None), ("库房安全运维", 30.0, 25.0, None)]


def test_scope_from_other_wordings_of_the_units_covered():
    def scope(sentence: str) -> str | None:
        return prose.metadata(lines_of(f"海州市某局2025年部门预算\n目录\n第一部分 概况\n三、部门预算构成\n{sentence}")).scope

    assert scope("部门预算由局本级和2个下属单位组成。") == "consolidated"
    assert scope("纳入编报范围的二级预算单位包括：某中心、某站。") == "consolidated"
    assert scope("部门决算由本级决算和下属1个单位决算汇总而成。") == "consolidated"
    assert scope("本单位为一级预算单位，无下属二级预算单位。") == "standalone"
    assert scope("本部门下属单位0个。") == "standalone"


def test_a_unit_without_a_place_name_is_known_by_its_subtotal():
    text = f"""
部门预算项目支出及其他支出预算表
单位：万元
支出项目类别（资金使用单位）{T}总计{T}一般公共预算{T}绩效目标
合计{T}350.00{T}350.00{T}
海州市某局{T}200.00{T}200.00{T}
热线服务{T}200.00{T}200.00{T}接通率≥90%。
信息中心{T}150.00{T}150.00{T}
平台运维{T}100.00{T}100.00{T}运行率≥99%。
机房租赁{T}50.00{T}50.00{T}保障机房运行。
服务中心{T}30.00{T}30.00{T}
"""
    (table,) = find_tables(lines_of(text), "tsv")
    progs, _, _ = programs(table, "海州市某局", set())
    assert [(p.name, p.unit) for p in progs] == [
        ("热线服务", "海州市某局"), ("平台运维", "信息中心"), ("机房租赁", "信息中心"), ("服务中心", "信息中心")]


def test_items_run_on_after_an_introduction_or_a_semicolon():
    intro = "一、主要职责\n本局主要职责是：（一）负责甲工作。（二）负责乙工作。（三）完成交办的其他任务。\n二、机构设置\n"
    assert [(d.number, d.text) for d in prose.duties(lines_of(intro))] == [
        (1, "负责甲工作。"), (2, "负责乙工作。"), (3, "完成交办的其他任务。")]
    semicolons = "一、主要职责\n（一）负责甲工作，包括：1.子项；2.子项；（二）负责乙工作。\n二、机构设置\n"
    assert [d.text for d in prose.duties(lines_of(semicolons))] == ["负责甲工作，包括：1.子项；2.子项；", "负责乙工作。"]
    units = "二、机构设置\n本局内设机构：1.办公室；2.数据科。\n三、部门预算构成\n"
    assert [u.name for u in prose_units.internal_units(lines_of(units))] == ["办公室", "数据科"]


def test_a_project_spending_table_by_economic_code_is_not_a_program_table():
    by_code = f"""
一般公共预算项目支出预算表
单位：万元
科目编码{T}科目名称{T}金额
{T}合计{T}300.00
[302]{T}商品和服务支出{T}300.00
[30201]{T}办公费{T}300.00
"""
    targets = f"""
项目支出绩效目标表
单位：万元
项目名称{T}金额{T}绩效目标
热线服务{T}200.00{T}接通率≥90%。
"""
    assert not is_program_table(find_tables(lines_of(by_code), "tsv")[0])
    assert is_program_table(find_tables(lines_of(targets), "tsv")[0])


def test_titles_with_the_year_after_the_name_in_chinese_numerals_or_behind_a_label():
    def meta(title: str):
        m = prose.metadata(lines_of(title + "\n目录\n"))
        return m.department, m.fiscal_year, m.document_type

    assert meta("青柳市南湖区数据局部门决算（2023年度）") == ("青柳市南湖区数据局", 2023, "final_account")
    assert meta("部门：青柳市南湖区数据局\n2024年部门预算") == ("青柳市南湖区数据局", 2024, "budget")
    assert meta("青柳市南湖区数据局二〇二四年部门预算") == ("青柳市南湖区数据局", 2024, "budget")


def test_a_unit_printed_short_takes_the_full_name_of_the_known_subordinate_unit():
    text = f"""
部门预算项目支出及其他支出预算表
单位：万元
支出项目类别（资金使用单位）{T}总计{T}一般公共预算{T}绩效目标
合计{T}150.00{T}150.00{T}
更新事务中心{T}150.00{T}150.00{T}
第三方评估服务费{T}150.00{T}150.00{T}开展评估项目不少于5个。
"""
    (table,) = find_tables(lines_of(text), "tsv")
    (prog,), _, _ = programs(table, "海川市南岭区城市更新局", {"海川市南岭区更新事务中心"})
    assert prog.unit == "海川市南岭区更新事务中心"


def test_a_group_headed_本级_belongs_to_the_department():
    text = f"""
部门预算项目支出及其他支出预算表
单位：万元
支出项目类别（资金使用单位）{T}总计{T}一般公共预算{T}绩效目标
合计{T}350.00{T}350.00{T}
本级{T}200.00{T}200.00{T}
热线服务{T}200.00{T}200.00{T}接通率≥90%。
信息中心{T}150.00{T}150.00{T}
平台运维{T}150.00{T}150.00{T}运行率≥99%。
"""
    (table,) = find_tables(lines_of(text), "tsv")
    progs, _, _ = programs(table, "海州市某局", set())
    assert [(p.name, p.unit) for p in progs] == [("热线服务", "海州市某局"), ("平台运维", "信息中心")]


def test_carryover_and_grand_total_under_the_2025_labels():
    text = f"""
表1 部门收支总表
单位：万元
项目{T}预算数{T}项目{T}预算数
本年收入合计{T}800.00{T}本年支出合计{T}800.00
上年结转{T}20.00{T}结转下年{T}5.00
收入总计{T}820.00{T}支出总计{T}805.00
"""
    got = totals(table_facts(find_tables(lines_of(text), "tsv"), "budget"))
    assert (got["carryover_begin"], got["carryover_end"], got["grand_total"]) == (20, 5, 820)


def test_duty_headings_in_other_words():
    for heading in ("一、单位职能", "一、部门职能", "单位职责", "一、工作职责", "一、部门(单位)职责", "一、部门（单位）主要职责"):
        text = f"{heading}\n1.负责甲工作。\n2.负责乙工作。\n二、机构设置\n"
        assert [d.text for d in prose.duties(lines_of(text))] == ["负责甲工作。", "负责乙工作。"], heading


def test_basic_spending_printed_as_its_two_parts():
    text = f"""
部门支出总表
单位：万元
科目编码{T}科目名称{T}合计{T}基本支出{T}{T}项目支出
{T}{T}{T}人员经费{T}公用经费{T}
{T}合计{T}800.00{T}400.00{T}100.00{T}300.00
201{T}一般公共服务支出{T}800.00{T}400.00{T}100.00{T}300.00
"""
    got = totals(table_facts(find_tables(lines_of(text), "tsv"), "budget"))
    assert (got["basic_expenditure"], got["project_expenditure"]) == (500.0, 300.0)


def test_two_programs_of_one_name_do_not_break_the_key_project_section():
    text = "六、重点项目预算绩效目标情况\n项目 预算数 绩效目标\n热线服务经费 100.00 接通率≥90%。\n"
    progs = [Program(name="热线服务经费", amount=100.0), Program(name="热线服务经费", amount=50.0)]
    indicators = key_project_targets(lines_of(text), progs)
    assert progs[0].performance_target == "接通率≥90%。" and indicators[0].name == "接通率"


def test_internal_units_named_with_a_bracket_and_a_colon():
    text = """
二、机构设置
（一）综合科（加挂审批科牌子）：负责机关日常运转。
（二）数据管理科：负责数据资源管理工作，承担数据共享。
三、部门预算构成
"""
    units = [(u.name, u.responsibilities) for u in prose_units.internal_units(lines_of(text))]
    assert units == [("综合科（加挂审批科牌子）", "负责机关日常运转。"), ("数据管理科", "负责数据资源管理工作，承担数据共享。")]


def test_an_indented_row_naming_a_known_unit_heads_its_group():
    raw = """
部门预算项目支出及其他支出预算表
支出项目类别（资金使用单位） 总计 一般公共预算 绩效目标
合计 300.00 300.00
　　海州市某局 200.00 200.00
　　热线服务经费 200.00 200.00
接通率≥90%。
　　海州市数据中心 100.00 100.00
　　平台运维经费 100.00 100.00
运行率≥99%。
"""
    (table,) = find_tables(lines_of(raw), "raw")
    progs, _, _ = programs(table, "海州市某局", {"海州市数据中心"})
    assert [(p.name, p.unit) for p in progs] == [("热线服务经费", "海州市某局"), ("平台运维经费", "海州市数据中心")]


SUMMARY_FINAL = f"""
收入支出决算总表
单位：万元
收入{T}{T}支出{T}
项目{T}金额{T}项目{T}金额
一、一般公共预算财政拨款收入{T}100.00{T}一、一般公共服务支出{T}102.54
四、上级补助收入{T}0.00{T}二、教育支出{T}0.00
八、其他收入{T}2.54{T}八、社会保障和就业支出{T}0.00
本年收入合计{T}102.54{T}本年支出合计{T}102.54
"""


def test_the_income_sides_other_sources_from_the_summary_table_and_their_change_from_the_narrative():
    got = totals(table_facts(find_tables(lines_of(SUMMARY_FINAL), "tsv"), "final_account"))
    assert (got["other_revenue"], got["superior_subsidy_revenue"]) == (2.54, 0.0)
    said = totals(gd_facts.facts(lines_of("8.其他收入2.54万元，比上年决算数增加1.04万元，增长69.33%。"), year=2023))
    assert (said["other_revenue"], said["other_revenue_change"]) == (2.54, 1.04)
    assert "other_revenue" not in totals(gd_facts.facts(lines_of("非税其他收入2.54万元。"), year=2023))
