"""Amounts only a prose section states (委托业务费情况, a section some provinces add to the national
template): a fact of its own kind with its sentence and line, its change signed, of the document's year only."""

from __future__ import annotations

from ingest.prose import Paragraph
from ingest.section_amounts import section_amounts


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
