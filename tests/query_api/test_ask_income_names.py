"""A question naming the money an income line's item names (该项收入为“…对口协作专项资金”) is answered with the line's
amount and the line printing it (ingest.income_names). The department and figures are invented; a real store, a real
app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.income_names import income_names
from ingest.prose import paragraphs
from ingest.reader import Line
from ingest.record import Record
from query_api.app import create_app
from tests.ingest.test_income_names import DEPT, ITEM
from tests.query_api.sample_clients import ask


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2023, "final_account", "standalone", "a.txt", "a" * 64, "raw")
    record.facts = income_names(paragraphs([Line(t, 100 + i) for i, t in enumerate(ITEM)]), 2023)
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def test_a_question_naming_the_money_finds_the_lines_amount_and_its_line(client):
    reply = ask(client, f"{DEPT}对口协作专项资金有多少")
    assert [a["value"] for a in reply["answers"]] == [3.17], reply
    assert "第101行" in reply["answers"][0]["source"], reply
