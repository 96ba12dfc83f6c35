"""Amounts only a prose section states (委托业务费情况, a section some provinces add to the national
template): a fact of its own kind with its sentence and line, its change signed, of the document's year only."""

from __future__ import annotations

from ingest.prose import Paragraph
from ingest.section_amounts import named_amounts, section_amounts


def _found(paras: list[Paragraph], year: int = 2026) -> list[tuple]:
    return [(f.key, f.value, f.source.line) for f in section_amounts(paras, year)]


def test_a_section_under_its_own_heading_gives_its_amount_and_signed_change():
    paras = [Paragraph("四、委托业务费情况", 30),
             Paragraph("委托业务费指委托外单位办理业务而支付的各项资金。2026年本部门委托业务费财政拨款预算为698万元，"
                       "比上年预算减少107万元，下降13.29%。", 31)]
    assert _found(paras) == [("commissioned_services", 698.0, 31), ("commissioned_services_change", -107.0, 31)]


def test_a_section_opening_its_paragraph_gives_its_amount_without_a_change():
    paras = [Paragraph("（六）委托业务费情况：2026年本单位委托业务费预算总额6.98万元，主要用于电梯维保服务。", 12)]
    assert _found(paras) == [("commissioned_services", 6.98, 12)]


def test_another_years_figure_or_a_mention_outside_the_section_gives_none():
    last_year = [Paragraph("（五）委托业务费情况。2025年委托业务费涉及财拨资金9240.60万元。", 5)]
    outside = [Paragraph("五、政府采购情况", 4), Paragraph("2026年委托业务费预算100万元。", 5)]
    assert _found(last_year) == [] and _found(outside) == []


def _named(*texts: str, year: int = 2026) -> list[tuple]:
    return [(f.key, f.value, f.source.line) for f in named_amounts([Paragraph(t, 40 + i) for i, t in enumerate(texts)], year)]


def test_a_kind_a_sentence_opens_with_gives_its_amount_and_signed_change():
    got = _named("临江市数据局 2026 年度一般公共预算拨款安排的培训费预算支出 59.04 万元，比上年预算减少 5.93 万元，主要原因是压减。")
    assert got == [("training_costs", 59.04, 40), ("training_costs_change", -5.93, 40)]


def test_no_change_said_of_a_kind_is_a_change_of_zero():
    got = _named("本部门当年一般公共预算会议费预算支出2.00万元，较上年无增减。")
    assert got == [("meeting_costs", 2.0, 40), ("meeting_costs_change", 0.0, 40)]
    # 会议费 after a colon, 培训费 after a semicolon: each its own clause's subject, no change stated
    got = _named("（三）一般性支出情况：2026年本单位会议费预算0万元；培训费预算2万元，拟开展培训。")
    assert got == [("meeting_costs", 0.0, 40), ("training_costs", 2.0, 40)]


def test_a_kind_listed_among_parts_or_others_or_of_another_year_gives_none():
    assert _named("其中：其他交通费54.08万元，差旅费10万元，培训费3.98万元，印刷费2万元。") == []  # parts of a whole
    assert _named("会议费、培训费等支出合计21.00万元，较上年减少17.60万元。") == []
    assert _named("2025年培训费预算支出30.00万元。") == []
