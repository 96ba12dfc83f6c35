"""Parts a sentence prints of a figure, each with its own amount (ingest/stated_parts.py): read with their names and
lines, never a change's parts, a list of what a figure buys, nor last year's (fictional sentences)."""

from __future__ import annotations

from ingest.prose import Paragraph
from ingest.stated_parts import stated_parts


def parts(*texts: str, year: int = 2026) -> list[tuple[str, float, int]]:
    found = stated_parts([Paragraph(t, line=10 + i) for i, t in enumerate(texts)], year)
    assert all(f.key == "stated_part" and f.unit == "万元" for f in found)
    return [(f.label, f.value, f.source.line) for f in found]


def test_parts_after_main_items_are_read_with_their_line():
    found = parts("前言。", "3.码头管理业务 12,000.50 万元，主要包括：码头养护工作 9,876.40 万元，用于开展5个码头的维护工作；"
                  "安检保障工作 345.10 万元，用于安检设备维护。")
    assert found == [("码头养护工作", 9876.4, 11), ("安检保障工作", 345.1, 11)]


def test_parts_of_a_sentence_broken_into_two_paragraphs_after_a_semicolon_are_one_wholes():
    # the page's text broke the list after 分号: the part of the next paragraph is the whole's too, at its own line;
    # a paragraph opening a whole of its own is not joined (its parts are its own)
    found = parts("3.码头管理业务 1,000.00 万元，主要包括：码头养护工作 900.00 万元，用于维护；安检保障工作 60.00 万元；",
                  "航道咨询服务项目 40.00 万元，用于咨询。", "4.综合管理 50.00 万元，主要包括：档案整理 50.00 万元；",
                  "5.其他业务 30.00 万元，其中：会务 30.00 万元。")
    assert found == [("码头养护工作", 900.0, 10), ("安检保障工作", 60.0, 10), ("航道咨询服务项目", 40.0, 10),
                     ("档案整理", 50.0, 12), ("会务", 30.0, 13)]


def test_parts_in_wan_after_qizhong_stop_at_their_sum():
    found = parts("2026年度项目总预算1500.00万，其中支持外贸发展300.00万，支持商销稳增长20.00万，湖展推进专项80.00万，"
                  "合计1500.00万。")
    assert found == [("支持外贸发展", 300.0, 10), ("支持商销稳增长", 20.0, 10), ("湖展推进专项", 80.0, 10)]


def test_parts_joined_by_enumeration_commas():
    assert parts("政府采购预算共有50.00万元，其中：货物类10.00万元、服务类40.00万元。") == \
        [("货物类", 10.0, 10), ("服务类", 40.0, 10)]


def test_a_change_a_list_of_things_and_last_year_give_no_parts():
    assert parts("支出预算减少900.00万元，其中基本支出增加71.22万元，项目支出减少971.22万元。",
                 "其中：人员经费215.26万元，主要包括：基本工资、津贴补贴；公用经费18.46万元，主要包括：办公费。",
                 "2025年项目总预算800.00万元，其中宣传推广200.00万元。") == []


def test_what_a_programs_goal_lists_it_pays_for_are_its_parts_with_the_goals_line():
    from ingest.record import Program, Source
    from ingest.stated_parts import goal_parts

    goal = ("1、支付2026年驻外房租费240.5万元。2、报销驻外人员差旅费20万元。3、开会2次。4、2025年安排房租10万元，"
            "比上年增加5万元。5、确保正常运转，支出300.00万元左右。")
    found = [f for f in goal_parts([Program("驻外经费", "某某局", 300.0, performance_target=goal,
                                            source=Source("绩效目标表", 77))], 2026) if f.key == "stated_part"]
    assert [(f.label, f.value, f.source.line) for f in found] == [("支付驻外房租费", 240.5, 77), ("报销驻外人员差旅费", 20.0, 77)]
    assert found[0].text.startswith("驻外经费") and "240.5万元" in found[0].text  # last year's, a change, the whole: none


def test_items_of_a_transfer_payment_section_and_parts_after_a_colon():
    found = parts("（三）上级转移支付项目", "1.甲作业服务费 7,083.34 万元，上年结转 564.09 万元，用于甲作业的开展。",
                  "2.乙设备维护费 120.00 万元，用于乙设备的维护。", "四、政府采购情况", "丙采购50万元，用于采购办公设备。",
                  "专项业务费300.00万元：丁调查100.00万元，用于调查；戊监测200.00万元。")
    assert found == [("甲作业服务费", 7083.34, 11), ("乙设备维护费", 120.0, 12), ("丁调查", 100.0, 15),
                     ("戊监测", 200.0, 15)]  # 丙采购 stands under no transfer payments' heading


def test_counts_a_goal_states_in_their_own_units_not_months_shares_or_money():
    from ingest.record import Program, Source
    from ingest.stated_parts import goal_parts

    goal = ("1.为全区各有关单位提供甲服务，覆盖全区32个单位及以上。2.开通服务器数量550台及以上。3.完成率达到90%以上，"
            "运行12个月。4、购买办公用品4万元。")
    found = goal_parts([Program("甲服务", "某某局", 300.0, performance_target=goal, source=Source("绩效目标表", 77))], 2026)
    assert [(f.key, f.value, f.unit, f.text, f.source.line) for f in found if f.key == "goal_count"] == [
        ("goal_count", 32, "个", "覆盖全区32个单位及以上", 77), ("goal_count", 550, "台", "2.开通服务器数量550台及以上", 77)]
