"""基本支出's two parts by use (人员经费 / 公用经费) are read from the narrative only when they add up to the
record's 基本支出: one fund's parts are another whole's."""

from ingest.gd_facts import basic_by_use
from ingest.grid_totals import basic_part_key
from ingest.prose import Paragraph
from ingest.record import Fact

TEXTS = ["（一）人员经费5,080.69万元，主要包括：基本工资、津贴补贴。", "（二）公用经费834.69万元，主要包括：办公费。"]


def _paras():
    return [Paragraph(t, line=i + 1) for i, t in enumerate(TEXTS)]


def test_parts_adding_up_to_basic_spending_are_kept_with_their_lines():
    found = basic_by_use(_paras(), 2026, [Fact("basic_expenditure", 5915.38)])
    assert {(f.key, f.value, f.source.line) for f in found} == {("personnel_expenditure", 5080.69, 1),
                                                                ("public_expenditure", 834.69, 2)}


def test_parts_of_another_whole_are_not_the_departments():
    assert basic_by_use(_paras(), 2026, [Fact("basic_expenditure", 6000.0)]) == []


def test_column_heads_name_the_parts_by_use():
    assert [basic_part_key(h) for h in ("人员经费", "日常公用支出", "公用经费", "人员经费和公用经费支出", "项目支出")] == \
        ["personnel_expenditure", "public_expenditure", "public_expenditure", None, None]
