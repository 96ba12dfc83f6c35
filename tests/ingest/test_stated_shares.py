"""Shares printed beside an amount in the narrative (项目支出2,131.61万元，占36.3%; …（类）326.72万元，占11.11%;
占部门预算总支出的71.80%): each a fact in %, its clause from the figure's name to the percentage, its line."""

from ingest.prose import Paragraph
from ingest.stated_shares import stated_shares


def test_each_share_after_an_amount_is_kept_with_its_clause_and_line():
    paras = [Paragraph("本年支出合计5,876.67万元，其中：人员支出2,906.80万元，占49.4%；项目支出 2,131.61 万元，占 36.3%。", 7),
             Paragraph("社会保障和就业支出（类）326.72万元，占11.11%。其中基本支出预算1208.20万元，占部门预算总支出的71.80%", 9)]
    found = [(f.key, f.value, f.unit, f.text, f.source.line) for f in stated_shares(paras)]
    assert found == [("stated_share", 49.4, "%", "其中：人员支出2,906.80万元，占49.4%"[3:], 7),
                     ("stated_share", 36.3, "%", "项目支出2,131.61万元，占36.3%", 7),
                     ("stated_share", 11.11, "%", "社会保障和就业支出（类）326.72万元，占11.11%", 9),
                     ("stated_share", 71.8, "%", "其中基本支出预算1208.20万元，占部门预算总支出的71.80%", 9)]


def test_a_rate_or_a_share_after_no_amount_is_none():
    paras = [Paragraph("比上年增加43.74万元，增长29.3%。市民诉求受理渠道占比达100.00%。", 3)]
    assert stated_shares(paras) == []
