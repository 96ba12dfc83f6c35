"""Staff counts asked (一共多少人？在职的有几个 / 核定编制多少人，实有多少人): each count the narrative prints
(ingest.staff_counts), in 人, with its line; money is never the answer. A fictional paragraph, a real (memory) store."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.prose import Paragraph
from ingest.record import Fact, Record, Source
from ingest.staff_counts import staff_counts
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市数据局"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "standalone", "a.txt", "a" * 64, "raw")
    record.facts = [*staff_counts([Paragraph("本部门核定编制25人，实有人员30人，其中在职22人、离退休8人。", 12)]),
                    Fact("expenditure_total", 500.0, source=Source("收支总表", 5)),
                    Fact("project_expenditure", 200.0, source=Source("收支总表", 7))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


@pytest.mark.parametrize(("asked", "expected"), [("一共多少人？在职的有几个", [30, 22]),
                                                  ("核定编制多少人，实有多少人", [25, 30]),
                                                  ("离退休人员有多少", [8])])
def test_each_staff_count_asked_is_answered_in_people_with_its_line(client, asked, expected):
    answers = ask(client, f"{DEPT}{asked}")["answers"]
    assert [(a["value"], a["unit"]) for a in answers] == [(n, "人") for n in expected]
    assert all("第12行" in a["source"] for a in answers)


@pytest.mark.parametrize("asked", ["实有人员比核定编制多几个人", "核定编制比实有人员少几个人", "实有人员和核定编制相差多少人",
                                   "编制数和实有人数相差几人", "编制比实有人员少多少人"])
def test_two_staff_counts_compared_are_their_difference_in_people(client, asked):
    # one sentence of a budget states both: like with like (a count of people is of no phase of spending)
    answers = ask(client, f"{DEPT}{asked}")["answers"]
    assert [(a["value"], a["unit"]) for a in answers] == [(30, "人"), (25, "人"), (5, "人")]
    assert all("第12行" in a["source"] for a in answers)


def test_a_count_of_people_and_an_amount_are_never_compared(client):
    reply = ask(client, f"{DEPT}实有人员比项目支出少多少")
    assert reply["answers"] == [] and "单位不同" in reply["message"]
