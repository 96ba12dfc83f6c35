"""A cost's 明细表 (会议费明细表, 培训费明细表) gives each row with a name and an amount as a part of that cost, with its line;
a table continued under another cost's header (its title left at the foot of the page before) gives that cost's parts.
Fictional tables in the layout a city prints."""

from __future__ import annotations

from ingest.cost_details import itemised_costs
from ingest.grid import Grid, GridRow

HEADER = ["序号", "会议名称", "时间", "人数", "金额", "备注"]


def meetings_then_trainings(unit: str = "万元") -> Grid:
    rows = [["1", "全区水务工作会", "2026-3-20", "80", "1.50", ""],
            ["序号", "培训名称", "时间", "人数", "金额", "备注"],  # the 培训费明细表 going on in the same ruling
            ["1", "河长制业务培训", "2026-04-10", "60", "2.40", ""],
            ["2", "防汛抢险技能培训", "2026-06-01", "90", "5.10", ""],
            ["", "合计", "", "", "7.50", ""]]
    return Grid("会议费明细表", 17, unit, header=[[h] for h in HEADER],
                rows=[GridRow(cells, 300 + n, 17 if n < 1 else 18) for n, cells in enumerate(rows)])


def test_each_row_is_a_part_of_the_cost_its_name_column_says():
    facts = [f for f in itemised_costs([meetings_then_trainings()]) if f.key == "stated_part"]
    assert [(f.key, f.label, f.value, f.source.table, f.source.line) for f in facts] == [
        ("stated_part", "全区水务工作会", 1.5, "会议费明细表", 300),
        ("stated_part", "河长制业务培训", 2.4, "培训费明细表", 302),
        ("stated_part", "防汛抢险技能培训", 5.1, "培训费明细表", 303)]  # never the 合计 row
    assert facts[2].text == "培训费明细表…防汛抢险技能培训（时间2026-06-01，人数90）5.10万元"


def test_each_row_s_persons_and_days_are_its_own_figures_in_their_units_with_its_line():
    grid = meetings_then_trainings()
    grid.header = [[h] for h in ["序号", "会议名称", "时间", "参会人数（人）", "会期（天）", "金额", "备注"]]
    grid.rows[0].cells = ["1", "全区水务工作会", "2026-3-20", "80", "2", "1.50", ""]
    counts = [(f.label, f.value, f.unit, f.source.line) for f in itemised_costs([grid]) if f.key == "stated_part_count"]
    assert counts[:2] == [("全区水务工作会", 80, "人", 300), ("全区水务工作会", 2, "天", 300)]
    assert ("防汛抢险技能培训", 90, "人", 303) in counts and all(c[0] != "合计" for c in counts)


def test_a_table_in_yuan_gives_its_parts_in_wan_yuan_exactly():
    (first, *_) = itemised_costs([meetings_then_trainings("元")])
    assert first.value == 0.00015


def test_a_table_that_itemises_no_cost_gives_none():
    grid = meetings_then_trainings()
    grid.title = "部门综合预算一般公共预算支出明细表"
    assert itemised_costs([grid]) == []
