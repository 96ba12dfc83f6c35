"""Kinds of spending the text states beside the “三公” under a line's name (培训费, 会议费: all of the kind's money,
where the table's row of the economic item prints the basic spending alone, or no row): a change asked of the line
whose row states none is the kind's printed change, signed and worded, with its line; the row's amount comes first,
the kind's other amount beside it. The departments and figures are invented (a real store)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, LineItem, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DATA, ARCHIVES = "临江市数据局", "临江市档案局"
TRAINING = "临江市数据局2026年度一般公共预算拨款安排的培训费预算支出59.04万元，比上年预算减少5.93万元。"
MEETING = "本部门当年一般公共预算会议费预算支出2.00万元，较上年无增减。"


@pytest.fixture(scope="module")
def client():
    data = Record(DATA, 2026, "budget", "consolidated", "data.pdf", "d" * 64, "raw")
    # the basic spending's row of 培训费, and no row of 会议费
    data.line_items = [LineItem("财政拨款基本支出表（经济科目）", "30216", "培训费", {"合计": 2.45}, "economic",
                                source=Source("财政拨款基本支出表（经济科目）", 309))]
    data.facts = [Fact("training_costs", 59.04, text=TRAINING, source=Source("说明", 808)),
                  Fact("training_costs_change", -5.93, text=TRAINING, source=Source("说明", 808)),
                  Fact("meeting_costs", 2.0, text=MEETING, source=Source("说明", 805)),
                  Fact("meeting_costs_change", 0.0, text=MEETING, source=Source("说明", 805))]
    archives = Record(ARCHIVES, 2026, "budget", "standalone", "archives.pdf", "a" * 64, "raw")
    archives.line_items = [LineItem("基本支出表", "30215", "会议费", {"合计": 1.0}, "economic", source=Source("基本支出表", 40))]
    return create_app({"STORE": store_of([data, archives]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def test_a_lines_change_its_row_does_not_state_is_the_kinds_printed_change(client):
    (answer,) = ask(client, f"{DATA}培训费预算跟上年比怎么变的，差多少")["answers"]
    assert answer["value"] == -5.93 and "减少5.93万元" in answer["text"] and "第808行" in answer["source"]


def test_a_cut_asked_is_the_kinds_fall_positive(client):
    (answer,) = ask(client, f"{DATA}培训费压了多少")["answers"]
    assert answer["value"] == 5.93 and "第808行" in answer["source"]


def test_no_change_said_is_a_change_of_zero_where_no_row_is_printed(client):
    (answer,) = ask(client, f"{DATA}会议费比上年变化多少")["answers"]
    assert answer["value"] == 0.0 and "持平" in answer["text"] and "第805行" in answer["source"]


def test_the_rows_amount_comes_first_and_the_kinds_other_amount_beside_it(client):
    reply = ask(client, f"{DATA}2026年培训费多少")
    assert [a["value"] for a in reply["answers"]] == [2.45, 59.04]
    assert "第309行" in reply["answers"][0]["source"] and "第808行" in reply["answers"][1]["source"]
    assert "口径不同" in reply["message"] and "说明写明" in reply["answers"][1]["label"]


def test_a_kinds_amount_the_row_prints_too_is_given_once():
    record = Record(DATA, 2026, "budget", "standalone", "one.pdf", "1" * 64, "raw")
    record.line_items = [LineItem("基本支出表", "30216", "培训费", {"合计": 2.0}, "economic", source=Source("基本支出表", 239))]
    record.facts = [Fact("training_costs", 2.0, text="培训费预算2万元。", source=Source("说明", 83))]
    client = create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()
    assert [a["value"] for a in ask(client, f"{DATA}2026年培训费多少")["answers"]] == [2.0]
