"""Parts one sentence prints of a figure (其中区级资金…万元，市级资金…万元), added when the question names them together
(区级和市级加起来多少): each part with its line, the sum said computed; never parts of two sentences, nor a part the
sentence does not print. The department and figures are invented; a real store, a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.prose import Paragraph
from ingest.record import Record
from ingest.stated_parts import stated_parts
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市商务局"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2024, "budget", "standalone", "a.txt", "e" * 64, "raw")
    record.facts = stated_parts([Paragraph("安排外贸发展专项资金500万元，其中区级资金320.5万元，市级资金179.5万元。", 40),
                                 Paragraph("安排消费券资金100万元，其中区级资金60万元，市级资金40万元。", 41)], 2024)
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


@pytest.mark.parametrize(("asked", "parts", "line"), [
    ("外贸发展专项资金区级和市级加起来多少", [320.5, 179.5], "40行"), ("消费券的市级和区级一共多少", [40.0, 60.0], "41行")])
def test_the_parts_of_one_sentence_are_added_each_with_its_line(client, asked, parts, line):
    reply = ask(client, f"{DEPT}2024年{asked}")
    values = [(a["value"], a["source"].rsplit("第", 1)[-1]) for a in reply["answers"]]
    assert values == [(p, line) for p in parts] + [(sum(parts), line)] and "计算" in reply["answers"][-1]["text"]


@pytest.mark.parametrize("asked", ["外贸发展专项资金区级和省级加起来多少", "区级和市级加起来多少"])
def test_no_sum_with_a_part_not_printed_or_across_sentences(client, asked):
    assert ask(client, f"{DEPT}2024年{asked}")["answers"] == []
