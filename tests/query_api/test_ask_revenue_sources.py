"""The income's other sources (其他收入, 事业收入, 上级补助收入 …) are each their own row of the 收支总表: asked, that
row's figure with its line; its change on last year the one stated, checked against both years' figures where
both documents are held (the sign as the figures make it), or computed from them — never the whole income's."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT, OTHER = "临江市数据局", "滨海市审计局"
SUMMARY = "收入支出决算总表"


def _final(dept: str, year: int, other: float, business: float, change: float | None = None) -> Record:
    record = Record(dept, year, "final_account", "standalone", f"{dept}-{year}.txt", f"{len(dept)}{year}".ljust(64, "a" if dept == DEPT else "b"), "tsv")
    record.facts = [Fact("revenue_total", 500.0 + year - 2000, source=Source(SUMMARY, 20)),
                    Fact("other_revenue", other, source=Source(SUMMARY, 27)),
                    Fact("business_revenue", business, source=Source(SUMMARY, 25))]
    if change is not None:
        record.facts.append(Fact("other_revenue_change", change, text=f"8.其他收入{other}万元，比上年决算数增加{change}万元。",
                                 source=Source("收入支出决算总体情况说明", 516)))
    return record


def _records() -> list[Record]:
    return [_final(DEPT, 2022, 1.5, 10.0), _final(DEPT, 2023, 2.54, 7.0, change=1.04), _final(OTHER, 2023, 3.0, 0.0)]


@pytest.fixture(scope="module")
def client():
    return create_app({"STORE": store_of(_records()), "TESTING": True}).test_client()


def test_a_source_is_its_own_row(client):
    answers = ask(client, f"{DEPT}2023年其他收入是多少")["answers"]
    assert [a["value"] for a in answers] == [2.54] and "第27行" in answers[0]["source"]


def test_its_change_stated_is_answered_with_its_sentence(client):
    answers = ask(client, f"{DEPT}2023年其他收入比上年多了多少")["answers"]
    assert answers[0]["value"] == 1.04 and "第516行" in answers[0]["source"]


def test_its_change_unstated_is_computed_from_both_years_with_the_sign(client):
    answers = ask(client, f"{DEPT}2023年事业收入比2022年多了多少")["answers"]
    assert answers[0]["value"] == -3.0  # 7 − 10: a fall, never the whole income's change
    assert {10.0, 7.0} <= {a["value"] for a in answers}
