"""Programs of a self-evaluation grade in a final account (项目自评结果为优的有几个/有哪些, 自评等级是良的项目): the count
printed for that grade, which is all a document printing counts by grade says (asked which: the count, and that
none are listed; a count of 0: no such program); where it prints one rating for the programs it evaluated
(…等项目绩效自评情况：优秀), that rating when it is the grade asked, none when it is another — never the execution
rate or score of the same section in its place. The departments and figures are invented; a real store, a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

COUNTED, RATED = "临江市财政局", "临江市大数据中心"
SAID = "绩效评级为“优”的项目4个；绩效评级为“良”的项目0个；绩效评级为“合格”的项目0个。"


def _records() -> list[Record]:
    counted = Record(COUNTED, 2024, "final_account", "consolidated", "c.txt", "c" * 64, "raw")
    counted.facts = [Fact("graded_programs", n, "个", label=grade, text=SAID, source=Source("预算绩效管理情况", 471))
                     for grade, n in (("优", 4), ("良", 0), ("合格", 0))]
    counted.facts += [Fact("execution_rate", 98.2, "%", source=Source("说明", 408)),
                      Fact("performance_score", 99.43, "分", source=Source("说明", 475))]
    rated = Record(RATED, 2023, "final_account", "standalone", "r.txt", "r" * 64, "raw")
    rated.performance = {"overall_rating": "良好", "program_rating": "优秀"}
    rated.facts = [Fact("execution_rate", 31.21, "%", source=Source("绩效自评", 943))]
    return [counted, rated]


@pytest.fixture(scope="module")
def client():
    return create_app({"STORE": store_of(_records()), "TESTING": True}).test_client()


@pytest.mark.parametrize("asked", ["自评结果为优的项目有哪些", "自评等级是优的是哪几个项目", "项目自评结果为优的有几个"])
def test_a_grade_counted_by_the_document_is_its_count(client, asked):
    reply = ask(client, f"{COUNTED}2024年{asked}")
    assert [(a["value"], a["unit"]) for a in reply["answers"]] == [(4, "个")], reply
    assert "第471行" in reply["answers"][0]["source"]


def test_a_grade_of_no_program_is_said_so(client):
    reply = ask(client, f"{COUNTED}2024年自评等级是良的项目有哪些")
    assert [a["value"] for a in reply["answers"]] == [0] and "没有这样的项目" in reply["message"], reply


@pytest.mark.parametrize("asked", ["自评等级是优秀的项目有哪些", "项目自评结果为优的有几个"])
def test_one_rating_printed_for_the_programs_is_the_grade_asked(client, asked):
    reply = ask(client, f"{RATED}2023年{asked}")
    assert [a["value"] for a in reply["answers"]] == ["优秀"] and "一并写明" in reply["message"], reply


def test_another_grade_than_the_one_printed_gets_none(client):
    reply = ask(client, f"{RATED}2023年自评等级是良的项目有哪些")
    assert reply["answers"] == [] and "“优秀”" in reply["message"], reply
