"""Programs asked by their change on last year (哪个项目比上年增加最多, 预算减少的项目有哪些): the store holds no program's
last-year amount, so none is answered and the reply says why — never this year's amounts ranked as if they were the
change. Programs asked by this year's amount still are. The department and figures are invented; a real store, a
real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市审计局"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "standalone", "a.txt", "a" * 64, "raw")
    record.programs = [Program("购买中介机构审计服务", DEPT, 350.0, source=Source("项目表", 522)),
                       Program("审计培训", DEPT, 15.0, source=Source("项目表", 518))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


@pytest.mark.parametrize("asked", ["哪个项目比上年增加最多", "预算减少的项目有哪些", "哪些项目比上年减少了",
                                   "哪个项目较上年下降得最多"])
def test_a_change_of_programs_no_document_prints_is_not_answered(client, asked):
    reply = ask(client, f"{DEPT}2026年{asked}")
    assert reply["answers"] == [] and "上年" in reply["message"] and "不以当年的金额作答" in reply["message"], reply


def test_programs_ranked_by_their_amount_still_are(client):
    answers = ask(client, f"{DEPT}2026年哪个项目预算最多")["answers"]
    assert [(a["label"], a["value"]) for a in answers] == [("购买中介机构审计服务", 350.0)]
