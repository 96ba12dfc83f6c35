"""A classified item's change on last year checked against two documents: the 比上年增减 a budget's text
states for a 功能/经济分类 line, set against the same code's figure in last year's budget of the same
department, phase and scope (same column); confirmed, shown beside a disagreement, or recomputed where the
text states none. The departments and figures are invented."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import LineItem, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

AGREES, DISAGREES, UNSTATED = "临江市东湖区水务局", "临江市东湖区林业局", "临江市东湖区档案局"
# (department, 2025 行政运行, 2026 行政运行, the change the 2026 text states or None)
FIGURES = [(AGREES, 100.0, 130.5, 30.5), (DISAGREES, 80.0, 70.0, 5.0), (UNSTATED, 40.0, 46.25, None)]


def _budget(dept: str, year: int, value: float, change: float | None, n: int) -> Record:
    record = Record(dept, year, "budget", "consolidated", f"{dept}{year}.pdf", f"{n:x}" * 64, "raw")
    record.line_items = [
        LineItem("支出总表", "201", "一般公共服务支出", {"合计": value + 10}, "functional", source=Source("支出总表", 40)),
        LineItem("支出总表", "2010301", "行政运行", {"合计": value, "基本支出": value}, "functional",
                 source=Source("支出总表", 41)),
        LineItem("支出总表", "2010302", "一般行政管理事务", {"合计": 10.0}, "functional", source=Source("支出总表", 42))]
    if change is not None:
        record.line_items.append(LineItem("说明：支出说明", "2010301", "行政运行", {"比上年增减": change}, "functional",
                                          source=Source("说明", 60)))
    return record


@pytest.fixture(scope="module")
def client():
    records = []
    for i, (dept, before, after, change) in enumerate(FIGURES):
        records += [_budget(dept, 2025, before, None, 2 * i + 1), _budget(dept, 2026, after, change, 2 * i + 2)]
    return create_app({"STORE": store_of(records), "TESTING": True}).test_client()


def test_a_stated_item_change_the_two_years_confirm_says_so(client):
    reply = ask(client, f"{AGREES}2026年行政运行比上年增加了多少")
    (answer,) = reply["answers"]
    assert answer["value"] == 30.5 and "与两年文件相减一致" in answer["text"]
    assert "130.5万元 − 2025年100万元 = 30.5万元" in answer["text"]


def test_a_stated_item_change_the_two_years_contradict_is_shown_beside_them(client):
    reply = ask(client, f"{DISAGREES}2026年行政运行比上年增加了多少")
    assert [a["value"] for a in reply["answers"]] == [5.0, -10.0]  # the text's own words, then 70 − 80
    assert "两年文件相减" in reply["answers"][1]["label"]
    assert "第41行" in reply["answers"][1]["source"]  # each year's row, with its line
    assert "不一致" in reply["message"] and "-10" in reply["message"]


def test_an_item_change_no_text_states_is_recomputed_from_the_two_years(client):
    reply = ask(client, f"{UNSTATED}2026年行政运行比上年增加了多少")
    (answer,) = reply["answers"]
    assert answer["value"] == 6.25 and "两年文件相减" in answer["label"]
    assert "文件没有写明比上年增减" in answer["text"]


def test_an_item_asked_as_a_decrease_is_positive_for_a_decrease(client):
    reply = ask(client, f"{DISAGREES}2026年行政运行比上年减少了多少")
    # the text's rise is no decrease: the true change (+5), the premise corrected; 70 − 80 a decrease, positive
    assert [a["value"] for a in reply["answers"]] == [5.0, 10.0]
    assert "不是减少，而是增加5万元" in reply["answers"][0]["text"] and "不是减少" in reply["message"]


def test_an_items_amount_is_not_checked_as_a_change(client):
    (answer,) = ask(client, f"{AGREES}2026年行政运行是多少")["answers"]
    assert answer["value"] == 130.5


def test_a_change_neither_stated_nor_computable_gives_no_figure_and_says_the_amount_is_not_one(client):
    # 2025's document has no text and no year before it: its 行政运行 (100) is never answered as its change
    reply = ask(client, f"{AGREES}2025年行政运行比上年增加了多少")
    assert reply["answers"] == [] and "不是增减" in reply["message"] and "100万元" in reply["message"]
