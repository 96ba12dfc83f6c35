"""Two departments compared on one figure, each of the year and scope said beside its own name (甲局2024年（含下属
单位的汇总数）和乙局2026年，谁的三公经费预算多？): the scope words are that side's, the other side's figure is of its own
documents (汇总 where it publishes one, else 本级), each with its line, and the difference computed. The departments and
figures are invented (a real store)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

EAST, WEST = "临江市东湖区档案局", "临江市西湖区审计局"
# (department, year, scope, the “三公” budget its text states)
FIGURES = [(EAST, 2024, "consolidated", 11.1), (EAST, 2024, "standalone", 4.5),
           (WEST, 2026, "standalone", 10.2), (WEST, 2024, "standalone", 3.0)]


@pytest.fixture(scope="module")
def client():
    records = []
    for i, (dept, year, scope, value) in enumerate(FIGURES):
        record = Record(dept, year, "budget", scope, f"{i}.txt", f"{i}" * 64, "raw")
        line = f"{year}年“三公”经费预算{value}万元。"
        record.facts = [Fact("three_public_budget", value, text=line, source=Source("说明", 60 + i))]
        records.append(record)
    return create_app({"STORE": store_of(records), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def test_a_scope_said_beside_one_department_is_that_sides_alone(client):
    reply = ask(client, f"{EAST}2024年（含下属单位的汇总数）和{WEST}2026年，谁的三公经费预算多？多多少")
    assert [a["value"] for a in reply["answers"]] == [11.1, 10.2, 0.9], reply
    assert "汇总" in reply["answers"][0]["label"] and "第60行" in reply["answers"][0]["source"]
    assert "本级" in reply["answers"][1]["label"] and "第62行" in reply["answers"][1]["source"]


def test_the_other_scope_said_beside_one_department(client):
    reply = ask(client, f"{EAST}2024年（本级）和{WEST}2026年，谁的三公经费预算多？多多少")
    assert [a["value"] for a in reply["answers"]] == [10.2, 4.5, 5.7], reply


def test_a_scope_a_side_does_not_publish_is_said_not_replaced(client):
    reply = ask(client, f"{WEST}2026年（含下属单位）和{EAST}2024年，谁的三公经费预算多？")
    assert reply["answers"] == [] and "汇总" in reply["message"] and "不拿一个的数字代替另一个" in reply["message"]


def test_a_scope_said_of_the_whole_question_is_both_sides(client):
    # after the last name, with no side's own before it: the question's scope, as before
    reply = ask(client, f"{EAST}和{WEST}2024年本级的三公经费预算谁多？多多少")
    assert [a["value"] for a in reply["answers"]] == [4.5, 3.0, 1.5], reply


def test_a_scope_in_brackets_beside_the_last_department_is_that_sides_alone(client):
    reply = ask(client, f"{WEST}2026年和{EAST}2024年（本级），谁的三公经费预算多？多多少")
    assert [a["value"] for a in reply["answers"]] == [10.2, 4.5, 5.7], reply
    reply = ask(client, f"{WEST}2026年和{EAST}2024年（含下属单位），谁的三公经费预算多？多多少")
    assert [a["value"] for a in reply["answers"]] == [11.1, 10.2, 0.9], reply
