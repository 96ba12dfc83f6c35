"""Guangdong tables in both layouts: coded rows, wrapped names, page-break headers, programs."""

from __future__ import annotations

from ingest.gd_items import line_items
from ingest.gd_programs import is_program_table, programs
from ingest.gd_tables import find_tables
from ingest.gd_totals import table_facts
from ingest.reader import Line


def lines_of(text: str) -> list[Line]:
    return [Line(t, i) for i, t in enumerate(text.strip("\n").split("\n"), 1)]


RAW_SPENDING = """
表3
支出总体情况表
功能分类科目
合计 基本支出 项目支出
事业单位经营支
出
对附属单位补助
支出
上缴上级支出 结转下年
科目编码 科目名称
合计 3,737.15 2,591.58 1,145.57 0.00 0.00 0.00 0.00
201 一般公共服务支出 3,137.64 1,997.07 1,140.57 0.00 0.00 0.00 0.00
20103
　政府办公厅（室）及相关机
构事务
3,135.57 1,997.07 1,138.50 0.00 0.00 0.00 0.00
- 13 -
 功能分类科目
合计 基本支出 项目支出
事业单位经营支
出
对附属单位补助
支出
上缴上级支出 结转下年
科目编码 科目名称
2010399
　　其他政府办公厅（室）及
相关机构事务支出
1,101.50 0.00 1,101.50 0.00 0.00 0.00 0.00
注：本表根据本部门实际预算编制情况编列。
"""


def test_raw_row_with_code_name_and_numbers_on_separate_lines_is_one_item():
    (table,) = find_tables(lines_of(RAW_SPENDING), "raw")
    items, warnings = line_items(table)
    assert [(i.code, i.name) for i in items] == [
        ("201", "一般公共服务支出"), ("20103", "政府办公厅（室）及相关机构事务"),
        ("2010399", "其他政府办公厅（室）及相关机构事务支出")]
    assert items[1].source.line == 13 and warnings == []


def test_raw_header_repeated_after_a_page_break_is_skipped_and_values_are_named():
    (table,) = find_tables(lines_of(RAW_SPENDING), "raw")
    items, _ = line_items(table)
    assert items[2].values["项目支出"] == 1101.5 and items[2].classification == "functional"


def test_spending_total_row_gives_basic_and_project_expenditure():
    facts = {f.key: f.value for f in reversed(table_facts(find_tables(lines_of(RAW_SPENDING), "raw"), "budget"))}
    assert (facts["basic_expenditure"], facts["project_expenditure"]) == (2591.58, 1145.57)


TSV_ECONOMIC = """
一般公共预算财政拨款基本支出决算明细表
部门：某局
单位：万元
人员经费\t\t\t公用经费\t\t
经济分类 科目编码\t科目名称\t金额\t经济分类 科目编码\t科目名称\t金额
301\t工资福利支出\t708.45\t302\t商品和服务支出\t38.27
\t\t\t30299\t其他商品和服务支出\t5.44
\t人员经费合计\t741.37\t\t公用经费合计\t43.72
"""


def test_a_title_in_the_contents_opens_no_table():
    text = "目录\n（十）2026年部门项目支出预算表\n一、部门概况\n收支总预算 6256.31 万元。\n比上年减少 336.67 万元。"
    assert find_tables(lines_of(text), "raw", {2}) == []
    assert [t.title for t in find_tables(lines_of(text), "raw")] == ["部门项目支出预算表"]  # taken for one without


def test_two_column_economic_table_gives_both_codes_of_a_row():
    (table,) = find_tables(lines_of(TSV_ECONOMIC), "tsv")
    items, _ = line_items(table)
    assert [(i.code, i.values) for i in items] == [
        ("301", {"金额": 708.45}), ("302", {"金额": 38.27}), ("30299", {"金额": 5.44})]
    assert {i.classification for i in items} == {"economic"}


def test_final_account_totals_skip_the_row_number_column():
    text = "收入支出决算总表\n项目 行次 决算数 项目 行次 决算数\n本年收入合计 27 858.00 本年支出合计 57 858.53\n" \
           "年初结转和结余 29 5.53 年末结转和结余 59 5.00\n总计 30 863.53 总计 60 863.53"
    facts = {f.key: f.value for f in table_facts(find_tables(lines_of(text), "raw"), "final_account")}
    assert facts == {"revenue_total": 858.0, "expenditure_total": 858.53, "carryover_begin": 5.53,
                     "carryover_end": 5.0, "grand_total": 863.53}


def test_a_total_s_evidence_keeps_the_row_number_apart_from_the_amount():
    text = "收入支出决算总表\n项目 行次 决算数 项目 行次 决算数\n本年收入合计 27 7,679.55 本年支出合计 57 7,666.19"
    facts = {f.key: f.text for f in table_facts(find_tables(lines_of(text), "raw"), "final_account")}
    assert facts["expenditure_total"] == "本年收入合计 27 7,679.55 本年支出合计 57 7,666.19"
    assert "577,666.19" not in facts["expenditure_total"]


TSV_PROGRAMS = """
部门预算项目支出及其他支出预算表
单位：万元
支出项目类别（资金使用单位）\t总计\t财政拨款\t\t\t绩效目标
\t\t合计\t一般公共预算\t政府性基金预算\t
合计\t105.00\t105.00\t100.00\t5.00\t
某市 某局\t75.00\t75.00\t70.00\t5.00\t
政务 服务\t70.00\t70.00\t70.00\t0.00\t建立综合窗口
部门预算项目支出及其他支出预算表
单位：万元
支出项目类别（资金使用单位）\t总计\t财政拨款\t\t\t绩效目标
\t\t合计\t一般公共预算\t政府性基金预算\t
受理人员外包 服务项目\t\t\t\t\t，满意率≥95%。
文明窗口项目\t5.00\t5.00\t0.00\t5.00\t创建文明城市。
某市某中心\t30.00\t30.00\t30.00\t0.00\t
运维经费\t30.00\t30.00\t30.00\t0.00\t可用率≥99%。
"""


def test_program_name_cut_by_a_page_break_is_joined_and_units_group_programs():
    (table,) = find_tables(lines_of(TSV_PROGRAMS), "tsv")
    assert is_program_table(table)
    progs, inds, _ = programs(table, "某市某局", set())
    assert [(p.unit, p.name, p.amount) for p in progs] == [
        ("某市某局", "政务服务受理人员外包服务项目", 70.0), ("某市某局", "文明窗口项目", 5.0),
        ("某市某中心", "运维经费", 30.0)]
    assert progs[0].performance_target == "建立综合窗口，满意率≥95%。"
    assert progs[1].funding == {"政府性基金预算": 5.0}
    assert [(i.program, i.name, i.target) for i in inds] == [
        ("政务服务受理人员外包服务项目", "满意率", 95.0), ("运维经费", "可用率", 99.0)]


RAW_PROGRAMS = """
部门预算项目支出及其他支出预算表
支出项目类别（资金使用单
位）
总计
绩效目标
合计
一般公共预
算
合计 60.00 60.00 60.00
某市某局 60.00 60.00 60.00
　　政务服务工作经
费----某数局
20.00 20.00 20.00
为数字政府改革建设打好基础，提升政
务服务满意度。
　　热线外包服务项目 40.00 40.00 40.00
保障热线人工接通率≥80%，市
民满意率≥95%。
"""


def test_raw_program_names_wrap_and_their_target_text_follows():
    (table,) = find_tables(lines_of(RAW_PROGRAMS), "raw")
    progs, inds, _ = programs(table, "某市某局", set())
    assert [(p.unit, p.name, p.amount) for p in progs] == [
        ("某市某局", "政务服务工作经费--某数局", 20.0), ("某市某局", "热线外包服务项目", 40.0)]
    assert progs[0].performance_target == "为数字政府改革建设打好基础，提升政务服务满意度。"
    assert [(i.name, i.target) for i in inds] == [("热线人工接通率", 80.0), ("市民满意率", 95.0)]


def test_a_table_printed_in_yuan_is_converted_to_wan_exactly():
    text = "一般公共预算基本支出情况表\n单位：元\n部门预算支出经济科目\t预算\n合计\t3,516,840.00\n[30101]基本工资\t3,516,840.00"
    (table,) = find_tables(lines_of(text), "tsv")
    items, _ = line_items(table)
    assert items[0].values == {"预算": 351.684}


def test_rows_without_a_code_are_reported_with_their_lines():
    text = "支出总体情况表\n科目编码\t科目名称\t合计\n201\t一般公共服务支出\t10.00\n\t调剂项目\t2.00\n\t合计\t12.00"
    (table,) = find_tables(lines_of(text), "tsv")
    items, warnings = line_items(table)
    assert [i.code for i in items] == ["201"]
    assert len(warnings) == 1 and "第4行" in warnings[0] and "支出总体情况表" in warnings[0]


def test_a_row_named_like_a_unit_is_a_program_when_it_is_not_a_subtotal():
    text = ("部门预算项目支出及其他支出预算表\n支出项目类别\t总计\t绩效目标\n"
            "某市某局\t50.00\t\n某市政务服务中心\t20.00\t\n运维经费\t30.00\t保障运行。\n"
            "某市数据中心\t30.00\t\n机房经费\t30.00\t保障机房。")
    (table,) = find_tables(lines_of(text), "tsv")
    progs, _, _ = programs(table, "某市某局", set())
    assert [(p.unit, p.name) for p in progs] == [
        ("某市某局", "某市政务服务中心"), ("某市某局", "运维经费"), ("某市数据中心", "机房经费")]


def test_raw_program_names_without_indentation_start_after_the_last_full_stop():
    text = ("部门预算项目支出及其他支出预算表\n支出项目类别\n总计\n绩效目标\n某市某局 60.00 60.00\n"
            "工作经费 20.00 20.00\n为改革建设打好\n基础。热线外包\n服务项目\n40.00 40.00\n保障接通率≥80%。")
    (table,) = find_tables(lines_of(text), "raw")
    progs, _, _ = programs(table, "某市某局", set())
    assert [(p.name, p.amount, p.performance_target) for p in progs] == [
        ("工作经费", 20.0, "为改革建设打好基础。"), ("热线外包服务项目", 40.0, "保障接通率≥80%。")]


def test_final_account_program_columns_are_budget_and_executed_not_funding():
    text = ("项目支出决算表\n项目名称\t预算数\t决算数\t一般公共预算\n"
            "某市某局\t100.00\t90.00\t90.00\n热线服务\t100.00\t90.00\t90.00")
    (table,) = find_tables(lines_of(text), "tsv")
    (prog,), _, _ = programs(table, "某市某局", set())
    assert (prog.amount, prog.executed, prog.funding) == (100.0, 90.0, {"一般公共预算": 90.0})


def test_a_wrapped_name_fragment_that_reads_like_a_header_line_stays_in_the_name():
    text = RAW_SPENDING.replace("注：本表", "21213\n　城市基础设施配套费安排的\n支出\n5.00 0.00 5.00 0.00 0.00 0.00 0.00\n注：本表")
    (table,) = find_tables(lines_of(text), "raw")
    items, _ = line_items(table)
    assert items[-1].name == "城市基础设施配套费安排的支出"


def test_a_single_header_line_repeated_after_a_complete_row_is_not_part_of_its_name():
    text = ("一般公共预算基本支出情况表（按经济分类科目）\n部门预算支出经济科目 预算\n合计 12.33\n"
            "　[30226]劳务费 3.33\n 部门预算支出经济科目 预算\n　[30227]委托业务费 9.00")
    (table,) = find_tables(lines_of(text), "raw")
    items, _ = line_items(table)
    assert [(i.code, i.name) for i in items] == [("30226", "劳务费"), ("30227", "委托业务费")]


def test_a_raw_name_that_wraps_after_its_numbers_is_joined():
    text = "支出总体情况表\n科目编码 科目名称 合计\n2080505 机关事业单位基本养老 182.80\n保险缴费支出\n2080506 职业年金 91.40"
    (table,) = find_tables(lines_of(text), "raw")
    items, _ = line_items(table)
    assert [i.name for i in items] == ["机关事业单位基本养老保险缴费支出", "职业年金"]


def test_a_code_glued_to_its_name_is_read():
    text = "支出决算表\n科目编码 科目名称 合计\n20106财政事务 2,112.86\n2010601行政运行 1,000.00"
    (table,) = find_tables(lines_of(text), "raw")
    items, _ = line_items(table)
    assert [(i.code, i.name) for i in items] == [("20106", "财政事务"), ("2010601", "行政运行")]


def test_raw_columns_outside_the_standard_layouts_are_named_from_the_header_words():
    text = "支出总体情况表\n功能分类科目\n合计 基本支出 项目\n支出 结转下年\n科目编码 科目名称\n201 一般公共服务支出 10.00 6.00 3.00 1.00"
    (table,) = find_tables(lines_of(text), "raw")
    (item,), _ = line_items(table)
    assert item.values == {"合计": 10.0, "基本支出": 6.0, "项目支出": 3.0, "结转下年": 1.0}


def test_numbers_inside_a_raw_program_name_are_not_its_amounts():
    text = ("部门预算项目支出及其他支出预算表\n支出项目类别\n总计\n绩效目标\n某市某局 245.70 245.70\n"
            "12345 热线 智慧办理系统 2021 年建设项 目经费 245.70 245.70 智能转派率超过 80%。\n"
            "        继续提升服务水平。")
    (table,) = find_tables(lines_of(text), "raw")
    (prog,), (ind,), _ = programs(table, "某市某局", set())
    assert (prog.name, prog.amount) == ("12345热线智慧办理系统2021年建设项目经费", 245.7)
    assert prog.performance_target == "智能转派率超过80%。继续提升服务水平。" and ind.comparator == ">"


def test_amounts_without_a_readable_program_name_are_reported_not_kept():
    text = "部门预算项目支出及其他支出预算表\n支出项目类别\n总计\n某市某局 30.00 30.00\n工作经费 30.00 30.00\n10.00 10.00"
    (table,) = find_tables(lines_of(text), "raw")
    progs, _, warnings = programs(table, "某市某局", set())
    assert [p.name for p in progs] == ["工作经费"]
    assert len(warnings) == 1 and "第6行" in warnings[0]


def test_targets_missing_from_the_table_come_from_the_key_project_section():
    from ingest.gd_programs import key_project_targets
    from ingest.record import Program

    text = ("六、重点项目预算绩效目标情况\n2024年，本部门重点项目绩效目标情况如下：\n项目 预算数（单位：万元） 绩效目标\n"
            "热线外包服务\n项目\n500\n保障热线人工接通率大于或等于80%，\n通话均长小于或等于250秒。\n"
            "注：本表根据本部门实际预算编制情况编列。\n第四部分 名词解释")
    progs = [Program(name="热线外包服务项目", amount=500.0), Program(name="工作经费", amount=5.0)]
    inds = key_project_targets(lines_of(text), progs)
    assert progs[0].performance_target == "保障热线人工接通率大于或等于80%，通话均长小于或等于250秒。"
    assert [(i.program, i.name, i.comparator, i.target) for i in inds] == [
        ("热线外包服务项目", "热线人工接通率", ">=", 80), ("热线外包服务项目", "通话均长", "<=", 250)]
    assert progs[1].performance_target is None


def test_a_code_printed_in_class_kuan_xiang_columns_is_joined_in_both_layouts():
    tab = "\t"
    tsv = f"""
一般公共预算支出情况表
单位：万元
科目编码{tab}{tab}{tab}科目名称{tab}合计
类{tab}款{tab}项{tab}{tab}
201{tab}{tab}{tab}一般公共服务支出{tab}300.00
{tab}03{tab}{tab}政府办公厅（室）及相关机构事务{tab}300.00
{tab}{tab}01{tab}行政运行{tab}200.00
201{tab}03{tab}99{tab}其他政府办公厅（室）及相关机构事务支出{tab}100.00
"""
    raw = """
一般公共预算支出情况表
单位：万元
科目编码 科目名称 合计
类 款 项
201 一般公共服务支出 300.00
201 03 政府办公厅（室）及相关机构事务 300.00
201 03 01 行政运行 200.00
03 99 其他政府办公厅（室）及相关机构事务支出 100.00
"""
    for layout, text in (("tsv", tsv), ("raw", raw)):
        (table,) = find_tables(lines_of(text), layout)
        items, warnings = line_items(table)
        assert [(i.code, i.values["合计"]) for i in items] == [
            ("201", 300.0), ("20103", 300.0), ("2010301", 200.0), ("2010399", 100.0)], layout
        assert items[2].name == "行政运行" and not warnings


def test_a_dash_printed_for_nothing_keeps_the_columns_in_place():
    raw = """
支出总体情况表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
合计 300.00 200.00 100.00
2010301 行政运行 200.00 200.00 -
2010399 其他政府办公厅（室）及相关机构事务支出 100.00 — 100.00
"""
    (table,) = find_tables(lines_of(raw), "raw")
    items, _ = line_items(table)
    assert [i.values for i in items] == [{"合计": 200.0, "基本支出": 200.0, "项目支出": 0.0},
                                         {"合计": 100.0, "基本支出": 0.0, "项目支出": 100.0}]


def test_a_title_wrapped_over_two_lines_opens_its_table():
    raw = """
一般公共预算支出情况表（按功能分类科
目）
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
201 一般公共服务支出 300.00 200.00 100.00
一般公共预算财政拨款“三公”经费支出决算
表
合计 因公出国（境）费 公务接待费
3.00 1.00 2.00
"""
    tables = find_tables(lines_of(raw), "raw")
    assert [t.title for t in tables] == ["一般公共预算支出情况表（按功能分类科目）", "一般公共预算财政拨款“三公”经费支出决算表"]
    assert [i.code for i in line_items(tables[0])[0]] == ["201"] and len(tables[1].rows) == 1


def test_labels_spread_over_tokens_in_raw_text_still_give_the_totals():
    raw = """
收入支出决算总表
收入 支出
项目 行次 决算数 项目 行次 决算数
本年收入 合 计 27 858.00 本年支出合计 57 858.53
年初结转 和结余 29 5.53 年末结转和结余 59 5.00
总 计 30 863.53 总计 60 863.53
支出决算表
科目名称 本年支出合计 基本支出 项目支出
合 计 858.53 281.37 577.16
"""
    facts = {f.key: f.value for f in reversed(table_facts(find_tables(lines_of(raw), "raw"), "final_account"))}
    assert (facts["revenue_total"], facts["carryover_begin"], facts["grand_total"]) == (858.0, 5.53, 863.53)
    assert (facts["basic_expenditure"], facts["project_expenditure"]) == (281.37, 577.16)


def test_raw_columns_of_the_2025_income_table_are_named_from_its_header():
    raw = """
部门收入总表
单位：万元
科目编码 科目名称 合计 一般公共预算 政府性基金预算 国有资本经营预算 财政专户管理资金 单位资金
201 一般公共服务支出 300.00 280.00 0.00 0.00 0.00 20.00
"""
    (item,) = line_items(find_tables(lines_of(raw), "raw")[0])[0]
    assert item.values["单位资金"] == 20.0 and item.values["一般公共预算"] == 280.0


def test_a_code_and_its_name_in_one_tab_separated_cell():
    tab = "\t"
    text = f"一般公共预算基本支出情况表\n单位：万元\n部门预算支出经济科目{tab}预算\n301 工资福利支出{tab}300.00\n30101 基本工资{tab}300.00\n"
    items, _ = line_items(find_tables(lines_of(text), "tsv")[0])
    assert [(i.code, i.name, i.values) for i in items] == [("301", "工资福利支出", {"预算": 300.0}),
                                                           ("30101", "基本工资", {"预算": 300.0})]


def test_a_title_with_its_unit_on_the_same_line():
    tab = "\t"
    text = (f"部门支出总表{tab}{tab}单位：元\n科目编码{tab}科目名称{tab}合计{tab}基本支出{tab}项目支出\n"
            f"201{tab}一般公共服务支出{tab}3,000,000.00{tab}2,000,000.00{tab}1,000,000.00\n")
    (table,) = find_tables(lines_of(text), "tsv")
    assert table.title == "部门支出总表" and table.in_yuan
    assert line_items(table)[0][0].values == {"合计": 300.0, "基本支出": 200.0, "项目支出": 100.0}
