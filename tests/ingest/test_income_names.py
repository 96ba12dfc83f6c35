"""The name an income line's own item gives its money (其他收入…该项收入为“…对口帮扶专项资金”): kept as a part printed with
its own name — the line's amount, cited at the line printing it — so a question naming the money finds the amount;
never a change's reason, a glossary's definition or another year's figure. Departments and figures are invented."""

from __future__ import annotations

import pytest

from ingest.income_names import income_names
from ingest.prose import paragraphs
from ingest.reader import Line

DEPT = "临江市数据中心"
ITEM = ["一、收入支出决算总体情况说明", "8.其他收入3.17万元，比上年决算数增加3.17万元，增长--", "（基数为0，不可比）。主要变动情况：根据",
        "《会议纪要》[2022]12号,该项收入为“2022年临江区-河口区对口协作专项资金”，主要用于", "政务一体机运营。",
        "（二）支出决算情况"]


def _read(lines: list[str], year: int | None = 2023) -> list[tuple]:
    found = income_names(paragraphs([Line(t, 100 + i) for i, t in enumerate(lines)]), year)
    return [(f.label, f.value, f.source.line, f.source.table) for f in found]


def test_the_name_its_item_gives_an_income_line_with_its_amount_and_the_line_printing_it():
    assert _read(ITEM) == [("2022年临江区-河口区对口协作专项资金", 3.17, 101, "一、收入支出决算总体情况说明")]


def test_a_name_said_right_after_the_amount():
    assert _read(["3.上级补助收入120.00万元，主要是省级下达的数据共享专项补助。"]) == [
        ("省级下达的数据共享专项补助", 120.0, 100, "说明")]


@pytest.mark.parametrize("lines", [
    ["3.其他收入120.00万元，比上年增加20.00万元，主要是利息收入增加。"],  # a change's reason
    ["四、其他收入：指除上述“财政拨款收入”等以外的收入。主要是非本级财政拨款、存款利息收入等。"],  # a glossary
    ["3.2022年其他收入120.00万元，该项收入为“存量资金收回”。"],  # another year's figure
])
def test_no_name_from_a_reason_a_definition_or_another_year(lines):
    assert _read(lines) == []
