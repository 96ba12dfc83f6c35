"""Two parts of one document asked together and added up (培训费和会议费一共多少, 公务接待费和公务用车运行维护费合计): each
part with its line, then their sum; never one part alone, and never a sum where a part has two rows (two tables) or
the parts are one inside the other. The department and figures are invented; a real store, a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, LineItem, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市审计局"
TABLE = "一般公共预算支出明细表（按支出经济分类科目）"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "standalone", "a.txt", "e" * 64, "raw")
    record.line_items = [LineItem(TABLE, code, name, {"合计": value}, "economic", source=Source(TABLE, line))
                         for code, name, value, line in (("30215", "会议费", 2.0, 399), ("30216", "培训费", 21.0, 400),
                                                         ("30201", "办公费", 13.5, 390))]
    text = "公务接待费2.00万元，较上年无增减；公务用车运行维护费8.20万元，较上年减少1.80万元。"
    record.facts = [Fact(key, value, unit="万元", text=text, source=Source("说明", line)) for key, value, line in (
        ("three_public", 10.2, 192), ("three_public_reception", 2.0, 193), ("three_public_vehicle", 8.2, 194),
        ("three_public_vehicle_operation", 8.2, 195))]
    other = Record("临江市统计局", 2026, "budget", "standalone", "b.txt", "b" * 64, "raw")  # (差旅费: a known item)
    other.line_items = [LineItem(TABLE, "30211", "差旅费", {"合计": 5.0}, "economic", source=Source(TABLE, 300))]
    return create_app({"STORE": store_of([record, other]), "TESTING": True}).test_client()


@pytest.mark.parametrize("asked", ["培训费和会议费一共多少", "会议费与培训费合计是多少"])
def test_two_items_are_each_shown_then_added(client, asked):
    answers = ask(client, f"{DEPT}2026年{asked}")["answers"]
    parts = {(a["value"], a["source"].rsplit("第", 1)[-1]) for a in answers[:-1]}
    assert parts == {(2.0, "399行"), (21.0, "400行")}, answers
    assert answers[-1]["type"] == "sum" and answers[-1]["value"] == 23.0, answers


def test_two_three_public_parts_are_each_shown_then_added(client):
    answers = ask(client, f"{DEPT}2026年公务接待费和公务用车运行维护费合计多少")["answers"]
    parts = {(a["value"], a["source"].rsplit("第", 1)[-1]) for a in answers[:-1]}
    assert parts == {(2.0, "193行"), (8.2, "195行")}, answers
    assert answers[-1]["type"] == "sum" and answers[-1]["value"] == 10.2, answers


def test_a_part_and_the_part_inside_it_are_never_added(client):
    answers = ask(client, f"{DEPT}2026年公务用车购置及运行费和公务用车运行维护费合计多少")["answers"]
    assert not any(a["type"] == "sum" for a in answers), answers


def test_a_three_public_part_and_an_item_are_each_shown_then_added(client):
    answers = ask(client, f"{DEPT}2026年公务接待费和培训费合计多少")["answers"]
    parts = {(a["value"], a["source"].rsplit("第", 1)[-1]) for a in answers[:-1]}
    assert parts == {(2.0, "193行"), (21.0, "400行")}, answers
    assert answers[-1]["type"] == "sum" and answers[-1]["value"] == 23.0, answers


def test_a_part_not_found_is_said_and_nothing_is_added(client):
    reply = ask(client, f"{DEPT}2026年培训费和差旅费一共多少")
    assert [(a["value"], a["type"]) for a in reply["answers"]] == [(21.0, "line_item")], reply
    assert "差旅费" in reply["message"] and "没有加总" in reply["message"], reply
