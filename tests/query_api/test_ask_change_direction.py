"""A change asked in the direction it did not move (减少了多少 of a rise, 增加了多少 of a fall, 下降了百分之几 of a
growth) is answered as the true change, signed, its direction said in the label and text and the premise corrected
in the message — never the premise's sign on it (−2.55 as a 减少); asked the way it moved, its size, as before. A real
store, fictional records."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市测绘局"
ROSE = "机关运行经费支出184.65万元，比上年增加2.55万元，增长1.40%。"
FELL = "项目支出577.15万元，比上年减少195万元。"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "consolidated", "m.pdf", "m" * 64, "raw")
    record.facts = [Fact("administrative_operating_cost", 184.65, text=ROSE, source=Source("说明", 481)),
                    Fact("administrative_operating_cost_change", 2.55, text=ROSE, source=Source("说明", 481)),
                    Fact("administrative_operating_cost_change_pct", 1.4, unit="%", text=ROSE, source=Source("说明", 481)),
                    Fact("project_expenditure", 577.15, text=FELL, source=Source("说明", 482)),
                    Fact("project_expenditure_change", -195.0, text=FELL, source=Source("说明", 482))]
    record.programs = [Program("地图更新业务", DEPT, 300.0, source=Source("项目支出表", 500), change=31.65,
                               change_base="上年年初预算", change_source=Source(line=104))]
    return create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def test_a_rise_asked_as_a_fall_is_the_rise_said_so(client):
    reply = ask(client, f"{DEPT}2026年机关运行经费比上年减少了多少")
    (answer,) = reply["answers"]
    assert answer["value"] == 2.55 and "增加" in answer["label"] and "减少" not in answer["label"], reply
    assert "不是减少，而是增加2.55万元" in answer["text"] and "不是减少，而是增加2.55万元" in reply["message"]
    assert "第481行" in answer["source"]


def test_a_fall_asked_as_a_rise_is_the_fall_signed_and_said_so(client):
    reply = ask(client, f"{DEPT}2026年项目支出比上年增加了多少")
    (answer,) = reply["answers"]
    assert answer["value"] == -195.0 and "减少" in answer["label"], reply
    assert "不是增加，而是减少195万元" in reply["message"]


def test_a_change_asked_the_way_it_moved_is_its_size_with_no_correction(client):
    reply = ask(client, f"{DEPT}2026年项目支出比上年减少了多少")
    assert [a["value"] for a in reply["answers"]] == [195.0] and "不是" not in reply["message"], reply


def test_a_growth_rate_asked_as_a_fall_is_the_growth(client):
    reply = ask(client, f"{DEPT}2026年机关运行经费比上年下降了百分之几")
    (answer,) = reply["answers"]
    assert (answer["value"], answer["unit"]) == (1.4, "%") and "不是下降，而是增长1.4%" in reply["message"], reply


def test_a_program_s_stated_rise_asked_as_a_fall(client):
    reply = ask(client, f"{DEPT}地图更新业务比上年减少了多少")
    (answer,) = reply["answers"]
    assert answer["value"] == 31.65 and "增加" in answer["label"], reply
    assert "不是减少，而是增加31.65万元" in reply["message"] and "第104行" in answer["source"]
