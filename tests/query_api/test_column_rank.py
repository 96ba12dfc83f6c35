"""Which column of a line holds its whole figure (`rows.column_rank`)."""

from __future__ import annotations

from query_api.answering.rows import column_rank


def test_a_whole_row_total_comes_before_a_group_subtotal():
    # a 支出总表 line: 支出总计 43108.34 beside the 小计 of its 政府采购 columns (66.73)
    columns = ["小计", "支出总计", "基本支出", "项目支出"]
    ranked = sorted((c for c in columns if column_rank(c) is not None), key=column_rank)
    assert ranked == ["支出总计", "小计"]


def test_the_named_columns_keep_their_order():
    assert sorted(["小计", "决算数", "合计", "收入合计"], key=column_rank) == ["合计", "决算数", "收入合计", "小计"]
    assert column_rank("基本支出") is None and column_rank(None) is None
