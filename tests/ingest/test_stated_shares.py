"""Shares printed beside an amount in the narrative (项目支出2,131.61万元，占36.3%; …（类）326.72万元，占11.11%;
占部门预算总支出的71.80%): each a fact in %, its clause from the figure's name to the percentage, its line."""

from ingest.prose import Paragraph
from ingest.stated_shares import stated_shares


def test_each_share_after_an_amount_is_kept_with_its_clause_and_line():
    paras = [Paragraph("本年支出合计5,876.67万元，其中：人员支出2,906.80万元，占49.4%；项目支出 2,131.61 万元，占 36.3%。", 7),
             Paragraph("社会保障和就业支出（类）326.72万元，占11.11%。其中基本支出预算1208.20万元，占部门预算总支出的71.80%", 9)]
    found = [(f.key, f.value, f.unit, f.text, f.source.line) for f in stated_shares(paras, 2026)]
    assert found == [("stated_share", 49.4, "%", "其中：人员支出2,906.80万元，占49.4%"[3:], 7),
                     ("stated_share", 36.3, "%", "项目支出2,131.61万元，占36.3%", 7),
                     ("stated_share", 11.11, "%", "社会保障和就业支出（类）326.72万元，占11.11%", 9),
                     ("stated_share", 71.8, "%", "其中基本支出预算1208.20万元，占部门预算总支出的71.80%", 9)]


def test_a_rate_or_a_share_after_no_amount_is_none():
    paras = [Paragraph("比上年增加43.74万元，增长29.3%。市民诉求受理渠道占比达100.00%。", 3)]
    assert stated_shares(paras, 2026) == []


def test_a_share_of_another_years_figure_is_not_kept():
    """The fact has no year of its own: a share printed for last year's figure would answer this year's."""
    paras = [Paragraph("2025年项目支出1,000.00万元，占40.0%；2026年项目支出1,200.00万元，占45.0%。", 4),
             Paragraph("上年基本支出800.00万元，占60.0%。与上年持平；基本支出900.00万元，占55.0%。", 5)]
    found = [(f.value, f.text) for f in stated_shares(paras, 2026)]
    assert found == [(45.0, "2026年项目支出1,200.00万元，占45.0%"), (55.0, "基本支出900.00万元，占55.0%")]
    assert [f.value for f in stated_shares(paras, None)] == [40.0, 45.0, 60.0, 55.0]
