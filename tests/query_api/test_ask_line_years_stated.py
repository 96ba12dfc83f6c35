"""A line's change between two years the question names, where documents print their own 比上年增减: that stated
change is of the year before only, so it answers 比2024年 of a 2025 document but never 比2023年; and the earlier
year's document's own 比上年 (against the year before it) is not a change asked, only its figure is. The
departments and figures are invented; a real store, a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import LineItem, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

ONE_YEAR, THREE_YEARS = "临江市东湖区供销社", "临江市西湖区供销社"


def _budget(dept: str, year: int, value: float, change: float | None, sha: str) -> Record:
    record = Record(dept, year, "budget", "consolidated", f"{sha}.pdf", sha * 64, "raw")
    record.line_items = [LineItem("支出总表", "2010301", "行政运行", {"合计": value}, "functional",
                                  source=Source("支出总表", 41))]
    if change is not None:
        record.line_items.append(LineItem("说明：支出说明", "2010301", "行政运行", {"比上年增减": change}, "functional",
                                          source=Source("说明", 60)))
    return record


@pytest.fixture(scope="module")
def client():
    records = [_budget(ONE_YEAR, 2025, 500.0, 50.0, "a"),
               _budget(THREE_YEARS, 2023, 300.0, None, "b"), _budget(THREE_YEARS, 2024, 450.0, -30.0, "c"),
               _budget(THREE_YEARS, 2025, 500.0, 50.0, "d")]
    return create_app({"STORE": store_of(records), "TESTING": True}).test_client()


def test_a_stated_change_on_last_year_is_no_change_on_a_year_further_back(client):
    reply = ask(client, f"{ONE_YEAR}2025年行政运行比2023年多了多少")
    assert [a for a in reply["answers"] if a["type"] == "change"] == []  # never the 50 against 2024
    assert "比2023年" in reply["message"]
    (worked,) = [a for a in ask(client, f"{THREE_YEARS}2025年行政运行比2023年多了多少")["answers"]
                 if a["type"] == "change"]
    assert worked["value"] == 200.0 and "两年文件相减" in worked["label"]  # 500 − 300, no "inconsistent" 50


def test_the_earlier_years_own_change_is_not_the_change_asked(client):
    reply = ask(client, f"{THREE_YEARS}2025年行政运行比2024年多了多少")
    assert [(a["type"], a["value"]) for a in reply["answers"]] == [("change", 50.0), ("line_item", 450.0)]
    assert "-30" not in (reply["message"] or "")
