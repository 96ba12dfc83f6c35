"""Narrative section parsers (ingest.prose) on small inline snippets of both layouts."""

from __future__ import annotations

import pytest

from ingest import gd_facts, prose, prose_units
from ingest.reader import Line


def lines_of(text: str) -> list[Line]:
    return [Line(t, i) for i, t in enumerate(text.strip("\n").split("\n"), 1)]


RAW_DUTIES = """
一、主要职责

（一）负责起草全市政务服务和政务信息化相关政策制度并

组织实施。

　　（二）统筹推进“数字政府”改革建设，拟订建设规划和年
 度建设计划并组织实施。

　　（二）统筹推进“数字政府”改革建设，拟订建设规划和年
 度建设计划并组织实施。

　　（三）完成市委、市政府交办的其他任务。

二、部门机构设置
"""


def test_wrapped_duty_text_is_joined_across_blank_lines_and_page_starts():
    duties = prose.duties(lines_of(RAW_DUTIES))
    assert duties[0].text == "负责起草全市政务服务和政务信息化相关政策制度并组织实施。"
    assert duties[1].text == "统筹推进“数字政府”改革建设，拟订建设规划和年度建设计划并组织实施。"
    assert duties[0].source.line == 3


def test_a_duty_printed_twice_is_counted_once():
    duties = prose.duties(lines_of(RAW_DUTIES))
    assert [d.number for d in duties] == [1, 2, 3]


def test_arabic_numbered_duties_end_at_the_next_heading():
    text = "一、部门主要职责\n1、负责数据管理。\n2、负责热线管理。\n二、部门机构设置\n1、不是职责。"
    assert [d.text for d in prose.duties(lines_of(text))] == ["负责数据管理。", "负责热线管理。"]


def test_a_duty_going_on_after_a_line_ending_its_sentence_keeps_the_lines_up_to_the_next_duty():
    # a sentence ending at the page's edge ends no duty: the lines up to "2." are the first duty's own
    text = ("一、主要职责\n1.负责水利设施的管理与保护。组织指导水利基础设施网络建设。\n"
            "承担全市河长制工作的组织和协调。\n2\n2.负责节约用水工作。\n"
            "以上职责按规定执行。\n二、机构设置")
    assert [d.text for d in prose.duties(lines_of(text))] == [
        "负责水利设施的管理与保护。组织指导水利基础设施网络建设。承担全市河长制工作的组织和协调。",
        "负责节约用水工作。"]  # (the aside after the last duty, and a stray page number, are none of it)


def test_internal_units_with_responsibilities_after_the_name():
    text = """
二、部门机构设置
（一）综合办公室。负责文电、会务等机关日常运转工作。
（二）审改协调科。负责行政审批制度改革相关工作。
三、部门预算构成
"""
    units = prose_units.internal_units(lines_of(text))
    assert [u.name for u in units] == ["综合办公室", "审改协调科"]
    assert "行政审批制度改革" in units[1].responsibilities


def test_internal_unit_name_alone_takes_the_next_paragraph_as_responsibilities():
    text = "二、部门机构设置\n（一）办公室\n　　负责落实组织协调中心日常工作，\n负责档案工作。\n（二）网络运维股\n　　负责网站运维。\n三、部门决算单位构成"
    units = prose_units.internal_units(lines_of(text))
    assert [(u.name, u.responsibilities) for u in units] == [
        ("办公室", "负责落实组织协调中心日常工作，负责档案工作。"), ("网络运维股", "负责网站运维。")]


def test_internal_units_from_a_counted_list_wrapped_over_lines():
    text = "二、部门机构设置\n\n某市某局本级内设机构 5 个，分别为办公室、政务管理科、大数据管理科、热线管理科、\n\n智慧城市运行管理科。\n\n三、部门预算构成"
    names = [u.name for u in prose_units.internal_units(lines_of(text))]
    assert names == ["办公室", "政务管理科", "大数据管理科", "热线管理科", "智慧城市运行管理科"]


def test_subordinate_units_listed_after_their_intro_and_none_when_there_are_none():
    text = "三、部门预算构成\n本部门预算为汇总预算。下属单位具体包括：某市政务服务中心、某市 12345 热线中心。"
    assert [u.name for u in prose_units.subordinate_units(lines_of(text))] == ["某市政务服务中心", "某市12345热线中心"]
    text = "三、部门决算单位构成\n下属单位分别是：某市政务服务中心，下属单位独立编制预算、独立公开预算。"
    assert [u.name for u in prose_units.subordinate_units(lines_of(text))] == ["某市政务服务中心"]
    assert prose_units.subordinate_units(lines_of("三、部门决算单位构成\n本部门无下属单位。")) == []


def test_metadata_from_a_title_split_over_lines():
    meta = prose.metadata(lines_of("2023 年\n某市某区政务服务数据管理局 部门预\n算\n本部门预算为汇总预算，包括本级预算。"))
    assert (meta.department, meta.fiscal_year, meta.document_type, meta.scope) == (
        "某市某区政务服务数据管理局", 2023, "budget", "consolidated")


def test_a_stray_dot_before_the_department_on_the_cover_is_not_part_of_its_name():
    meta = prose.metadata(lines_of(".某市某局（本级）\n2026年度部门预算公开\n本报告为本级公开。"))
    assert meta.department == "某市某局"


def test_metadata_without_a_title_reads_the_part_headings():
    text = " 第一部分：某市某区大数据中心概况\n三、部门决算单位构成\n本部门无下属单位。\n第二部分：某市某区大数据中心2023年度部门决算表"
    meta = prose.metadata(lines_of(text))
    assert (meta.department, meta.fiscal_year, meta.document_type, meta.scope) == (
        "某市某区大数据中心", 2023, "final_account", "standalone")


def test_standalone_budget_named_in_its_title():
    meta = prose.metadata(lines_of("2024年\n某市某局本级部门预算\n"))
    assert (meta.department, meta.scope) == ("某市某局", "standalone")


def test_narrative_facts_with_signed_changes():
    text = ("2024年本部门收入预算1,325.51万元，比上年减少150.71万元，下降10.21%，主要原因是项目减少。\n"
            "2024年本部门财政拨款安排“三公”经费4.5万元，比上年增长0.00万元。其中：因公出国（境）费0万元。\n"
            "2024年，本部门机关运行经费安排51.4万元，比上年减少2.94万元，下降5.41%。\n"
            "2024年本部门政府采购安排503.03万元，其中：货物类采购预算3.03万元，工程类采购预算0.00万元，服务类采购预算500万元等。\n")
    facts = {(f.key): f.value for f in reversed(gd_facts.facts(lines_of(text)))}
    assert facts["revenue_change"] == -150.71 and facts["revenue_change_pct"] == -10.21
    assert facts["three_public_budget"] == 4.5 and facts["three_public_outbound"] == 0
    assert facts["administrative_operating_cost"] == 51.4
    assert facts["government_procurement"] == 503.03 and facts["procurement_services"] == 500


@pytest.mark.parametrize("sentence, value", [
    ("2026年本部门收入预算6256.31万元，比上年执行数减少336.67万元，下降5.1%。", -336.67),
    ("2026年本部门收入预算1731万元，较上年增加254万元。", 254.0),
    ("2026年本部门收入预算9628.22万元，比2025年预算数增加793.14万元。", 793.14),
])
def test_a_change_is_signed_however_the_year_compared_with_is_named(sentence, value):
    facts = {f.key: f.value for f in gd_facts.facts(lines_of(sentence))}
    assert facts["revenue_change"] == value


def test_final_account_three_public_actual_and_budget_from_one_sentence():
    text = "某局2023年度“三公”经费财政拨款支\n出决算为0万元，完成全年预算0.4万元的0%。"
    facts = {f.key: f.value for f in gd_facts.facts(lines_of(text))}
    assert facts["three_public_actual"] == 0 and facts["three_public_budget"] == 0.4


def test_title_with_the_department_before_the_year():
    meta = prose.metadata(lines_of("某市某局2024年部门预算\n"))
    assert (meta.department, meta.fiscal_year, meta.document_type) == ("某市某局", 2024, "budget")


def test_internal_units_listed_before_their_count():
    text = "二、部门机构设置\n本局内设综合科、业务科和信息科等3个科室。\n三、部门预算构成"
    assert [u.name for u in prose_units.internal_units(lines_of(text))] == ["综合科", "业务科", "信息科"]


def test_scope_from_a_composition_that_includes_subordinate_units():
    text = "2024年\n某市某局部门预算\n三、部门预算构成\n本部门预算包括部门本级预算和所属2个单位预算。"
    assert prose.metadata(lines_of(text)).scope == "consolidated"


def test_an_item_run_on_after_a_full_stop_is_split():
    text = "一、主要职能\n（七）负责会计管理工作，监督会计行为。（八）负责非税收入\n管理。\n（九）完成其他任务。\n二、机构设置"
    assert [(d.number, d.text) for d in prose.duties(lines_of(text))] == [
        (7, "负责会计管理工作，监督会计行为。"), (8, "负责非税收入管理。"), (9, "完成其他任务。")]


def test_unnumbered_headings_of_another_layout_open_sections():
    text = ("目 录\n一、部门主要职能 ……………… 1\n某区某局主要职能\n某区某局是主管本区工作的区政府部门，主要职责是：\n"
            "（一）负责本区工作；\n统筹规划。\n（二）完成交办的任务。\n某区某局机构设置\n机关设3个内设机构，包括：办公室、"
            "市场秩序科（物资储备科）、产业科。\n")
    assert [d.text for d in prose.duties(lines_of(text))] == ["负责本区工作；统筹规划。", "完成交办的任务。"]
    assert [u.name for u in prose_units.internal_units(lines_of(text))] == ["办公室", "市场秩序科（物资储备科）", "产业科"]


def test_numbered_subordinate_entries_leave_out_the_department_itself():
    text = ("三、部门决算单位构成\n纳入部门决算编制范围的单位包括：\n序号 单位名称 备注1 某市某局（本级）2 某市某局财政所 "
            "预算不单列，并入本级3 某市某收付中心 预算不单列，并入本级\n")
    units = prose_units.subordinate_units(lines_of(text), "某市某局")
    assert [(u.name, u.note) for u in units] == [("某市某局财政所", "不单列预算"), ("某市某收付中心", "不单列预算")]


def test_sub_items_numbered_in_another_style_stay_inside_their_duty():
    text = "一、主要职责\n（一）负责数据工作，包括：\n1. 数据采集；\n2. 数据开放。\n（二）完成其他任务。\n二、机构设置"
    duties = prose.duties(lines_of(text))
    assert [d.text for d in duties] == ["负责数据工作，包括：1.数据采集；2.数据开放。", "完成其他任务。"]


def test_scope_from_the_count_of_units_in_the_final_account():
    two = "2023年度某局部门决算\n纳入本部门2023年部门决算编报范围的单位共2个。"
    one = "2023年度某局部门决算\n纳入本部门2023年部门决算编报范围的单位共1个。"
    assert (prose.metadata(lines_of(two)).scope, prose.metadata(lines_of(one)).scope) == ("consolidated", "standalone")


def test_an_indicator_read_from_a_paragraph_cites_the_line_printing_its_target():
    from operator import attrgetter

    from ingest.prose import at_own_lines, paragraphs
    from ingest.reader import Line
    from ingest.record import Indicator, Source
    paras = paragraphs([Line("（三）加强信息基础设施建设，推动智慧城市建设，提高云平台", 50),
                        Line("在线率至90%。（四）保障网络数据安全。", 52)])
    found = [Indicator("云平台在线率", ">=", 90.0, "%", text="提高云平台在线率至90%", source=Source("绩效自评", 50))]
    at_own_lines(found, paras, attrgetter("target"))
    assert (found[0].source.table, found[0].source.line) == ("绩效自评", 52)
