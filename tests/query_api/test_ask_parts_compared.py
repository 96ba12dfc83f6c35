"""Printed parts of a whole the question does not name, compared or ranked (河道保洁工作和河道巡查工作哪个钱多？多多少？;
甲、乙、丙哪项最多): the one sentence holding every name — each part with its amount and line, the larger first and the
difference computed, never the whole's amount; names printed under two sentences alike are refused with both. The
department and figures are invented; a real store, a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.prose import Paragraph
from ingest.record import Program, Record, Source
from ingest.stated_parts import stated_parts
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市港航局"
WHOLE = "航道管理业务900万元，主要包括："
PARTS = "航道保洁工作510万元，用于保洁；航道巡查工作290万元，用于巡查；航标维护工作100万元。"


def _client(paragraphs: list[Paragraph]):
    record = Record(DEPT, 2026, "budget", "standalone", "a.txt", "e" * 64, "raw")
    record.facts += stated_parts(paragraphs, 2026)
    record.programs = [Program("航道管理业务", DEPT, 900.0, description=WHOLE + PARTS, source=Source("项目支出表", 30))]
    return create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


@pytest.fixture(scope="module")
def client():
    return _client([Paragraph(WHOLE + PARTS, 88)])


def _pairs(reply: dict) -> list[tuple]:
    return [(a["label"], a["value"]) for a in reply["answers"]]


@pytest.mark.parametrize("asked", ["航道保洁工作和航道巡查工作哪个钱多？多多少？", "航道巡查工作和航道保洁工作哪个多",
                                   "航道管理业务里，航道巡查工作和航道保洁工作哪个钱多？"])
def test_two_parts_of_an_unnamed_whole_are_ordered_with_their_difference(client, asked):
    reply = ask(client, f"{DEPT}2026年{asked}")
    assert _pairs(reply)[:2] == [("航道保洁工作", 510.0), ("航道巡查工作", 290.0)]  # never the whole's 900
    assert reply["answers"][2]["value"] == 220.0 and "计算所得" in reply["answers"][2]["text"]
    assert all("第88行" in a["source"] for a in reply["answers"][:2])


def test_the_smaller_asked_comes_first(client):
    reply = ask(client, f"{DEPT}2026年航道保洁工作和航道巡查工作哪个少")
    assert _pairs(reply)[0] == ("航道巡查工作", 290.0) and reply["answers"][2]["value"] == 220.0


def test_three_parts_of_an_unnamed_whole_are_ranked(client):
    reply = ask(client, f"{DEPT}2026年航标维护工作、航道巡查工作、航道保洁工作哪项最少")
    assert _pairs(reply) == [("航标维护工作", 100.0), ("航道巡查工作", 290.0), ("航道保洁工作", 510.0)]


def test_parts_printed_under_two_wholes_alike_are_refused():
    other = "航道应急业务300万元，主要包括：航道保洁工作200万元，用于应急保洁；航道巡查工作100万元。"
    reply = ask(_client([Paragraph(WHOLE + PARTS, 88), Paragraph(other, 120)]),
                f"{DEPT}2026年航道保洁工作和航道巡查工作哪个钱多")
    assert reply["answers"] == [] and "航道管理业务" in reply["message"] and "航道应急业务" in reply["message"]
