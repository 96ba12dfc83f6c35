"""A sentence stating two years' figures gives the document's own year's only, in every reader of
sentences: the “三公” and its parts, 机关运行经费, 政府采购, totals, the split of spending, changes
on the year before and an item's change. Departments and figures are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import changes, item_changes, narrative, prose, sh_facts
from ingest.reader import Document, Line
from ingest.record import LineItem, Record
from ingest.stated import of_year


def _lines(text: str) -> list[Line]:
    return [Line(t, i, None) for i, t in enumerate(text.split("\n"), 1)]


def _first(facts) -> dict[str, float]:
    out: dict[str, float] = {}
    for f in facts:
        out.setdefault(f.key, f.value)
    return out


def completed(text: str, year: int = 2026) -> Record:
    """The record `narrative.complete` makes of a budget's snippet, no table read before it."""
    record = Record("东海市示例局", year, "budget", "standalone", "snippet.txt", "0", "tsv")
    return narrative.complete(record, Document(Path("snippet.txt"), "0", "txt", _lines(text)))


def _facts(text: str, year: int = 2026) -> dict[str, float]:
    """What `narrative.complete` reads of a snippet: the first figure of each key."""
    return _first(completed(text, year).facts)


@pytest.mark.parametrize(("text", "key", "value"), [
    ("2025年公务接待费支出30.00万元，2026年公务接待费预算28.00万元。", "three_public_reception", 28.0),
    ("2025年因公出国（境）费用支出5.00万元，2026年因公出国（境）费用预算4.00万元。", "three_public_outbound", 4.0),
    ("2025年公务用车购置及运行维护费12.00万元，2026年公务用车购置和运行维护费10.00万元。", "three_public_vehicle", 10.0),
    ("2025年公务用车运行维护费8.00万元，2026年公务用车运行维护费7.00万元。", "three_public_vehicle_operation", 7.0),
    ("2025年公务用车购置费3.00万元，2026年公务用车购置费0.00万元。", "three_public_vehicle_purchase", 0.0),
    ("2025年“三公”经费预算20.00万元，2026年“三公”经费预算18.00万元。", "three_public_budget", 18.0),
    ("2025年机关运行经费支出50.00万元，2026年机关运行经费预算45.00万元。", "administrative_operating_cost", 45.0),
    ("2025年政府采购预算80.00万元，2026年政府采购预算70.00万元。", "government_procurement", 70.0),
    ("2025年政府采购货物类8.00万元，2026年政府采购货物类7.00万元。", "procurement_goods", 7.0),
    ("2025年本年收入合计900.00万元，2026年本年收入合计1000.00万元。", "revenue_total", 1000.0),
    ("2025年一般公共预算财政拨款收入700.00万元，2026年一般公共预算财政拨款收入800.00万元。",
     "general_budget_revenue", 800.0),
    ("2025年支出预算90.00万元，其中：基本支出50.00万元，项目支出40.00万元；2026年支出预算100.00万元，"
     "其中：基本支出60.00万元，项目支出40.00万元。", "basic_expenditure", 60.0),
])
def test_of_two_years_in_one_sentence_the_budgets_own_is_read(text, key, value):
    assert _facts(text)[key] == value
    # last year's alone is not this budget's: no figure rather than a wrong one
    assert key not in _facts(text[: text.index("2026年") - 1] + "。")


def test_last_year_said_in_the_figures_own_clause_is_not_this_years():
    assert "three_public_reception" not in _facts("上年公务接待费预算为5.00万元。")
    assert "administrative_operating_cost" not in _facts("机关运行经费比上年预算数40.00万元增加5.00万元。")
    # said in an earlier clause, an aside or a comparison says nothing of the figure after it
    found = _facts("因公出国（境）费0万元（上年基数为0，不可比）；公务接待费2.00万元，与上年持平；公务用车运行费17.50万元。")
    assert (found["three_public_reception"], found["three_public_vehicle_operation"]) == (2.0, 17.5)


def test_a_stock_at_a_date_is_read_whatever_year_it_names():
    found = _facts("截至2025年12月31日，本部门共有车辆5辆，国有资产总额1200.00万元。")
    assert (found["vehicles"], found["state_assets_total"]) == (5.0, 1200.0)


def test_a_final_account_reads_its_own_year():
    found = _facts("2024年度公务接待费支出决算为3.00万元，2023年度公务接待费支出决算为4.00万元。", year=2024)
    assert found["three_public_reception"] == 3.0
    assert "three_public_reception" not in _facts("2023年度公务接待费支出决算为4.00万元。", year=2024)


def test_a_change_on_the_year_before_is_of_the_documents_year():
    text = "2025年收入预算90.00万元，比上年增加5.00万元；2026年收入预算100.00万元，比上年增加10.00万元。"
    assert _facts(text)["revenue_change"] == 10.0
    paras = prose.paragraphs(_lines("2025年公务接待费预算30.00万元，比上年减少2.00万元。"))
    assert changes.changes(paras, 2026) == []  # 2025's change on 2024 is not 2026's
    # the year compared with named, after a figure of last year's: still this year's change
    said = "2026年“三公”经费预算数为7.61万元，2025年预算数为9.23万元，和2025年相比预算减少1.62万元。"
    assert _facts(said)["three_public_change"] == -1.62


_ITEMS = [LineItem("经济表", "30216", "培训费", {"合计": 21.0}, "economic"),
          LineItem("支出表", "2010801", "行政运行", {"合计": 2338.24}, "functional")]


def _item_changes(text: str) -> list[tuple[str, dict]]:
    paras = [prose.Paragraph(text, line=1)]
    return [(i.code, i.values) for i in item_changes.item_statements(paras, _ITEMS, 2026)]


def test_an_items_change_is_its_change_on_the_year_before_this_years():
    # the first comparison is with two years before, the second with the year before
    said = "1.行政运行（2010801）2,338.24万元，比2024年增加300.00万元，比上年增加126.15万元。"
    assert _item_changes(said) == [("2010801", {"比上年增减": 126.15})]
    # a sentence naming the item twice: the change after this year's figure
    twice = "2025年培训费预算支出30.00万元，较上年减少5.00万元；2026年培训费预算支出21.00万元，较上年减少9.00万元。"
    assert _item_changes(twice) == [("30216", {"比上年增减": -9.0})]
    assert _item_changes("2025年培训费预算支出21.00万元，较上年减少5.00万元。") == []


def test_the_shanghai_reader_reads_its_own_year_too():
    text = ("2025年公务接待费预算30.00万元，2026年公务接待费预算28.00万元。"
            "机关运行经费预算100.00万元，比2024年预算增加5.00万元。")
    found = _first(sh_facts.narrative_facts(_lines(text), 2026))
    assert found["three_public_reception"] == 28.0
    assert "administrative_operating_cost_change" not in found  # a change on 2024 is not on the year before


@pytest.mark.parametrize(("text", "expected"), [
    ("2026年预算28.00万元", True), ("2025年支出28.00万元", False), ("2025年支出30万元，2026年预算28.00万元", True),
    ("与2025年相比，预算28.00万元", True), ("比2025年预算28.00万元", False), ("上年结转28.00万元", True),
    ("上年预算28.00万元", False), ("上年持平；预算28.00万元", True), ("2025年12月31日止。预算28.00万元", True),
])
def test_the_year_a_figure_is_of(text, expected):
    assert of_year(text, text.index("28.00"), 2026) is expected
    assert of_year(text, text.index("28.00"), None)  # a document of no known year: any
