"""Who does a work, asked without 负责 (归哪个单位制定, 是哪个部门组织的): the organisations whose duty holds most of
the asked phrase, the best first, and not those whose duties only hold its words apart. Fictional records, a
real store."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Duty, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask


def _record(dept: str, sha: str, duties: list[str]) -> Record:
    record = Record(dept, 2026, "budget", "consolidated", f"{sha}.pdf", sha * 64, "raw")
    record.duties = [Duty(text, n + 1, Source("主要职责", 10 + n)) for n, text in enumerate(duties)]
    return record


@pytest.fixture(scope="module")
def client():
    store = store_of([
        _record("临江市气象局", "a", ["制定人工影响天气作业方案，并组织实施人工影响天气作业。"]),
        # every word of the phrase, but apart and in another order: not the one that does it
        _record("临江市农业局", "b", ["制定农业防灾方案，协调人工增雨作业，评估天气对农业生产的影响。"]),
        _record("临江市财政局", "c", ["拟订本市行政事业单位国有资产管理规章制度。"]),
        _record("临江市司法局", "d", ["负责本系统国有资产的日常管理。"]),
        _record("临江市统计局", "e", ["组织实施全市统计调查。"])])
    return create_app({"STORE": store, "TESTING": True}).test_client()


def _labels(reply: dict) -> list[str]:
    return [a["label"] for a in reply["answers"]]


@pytest.mark.parametrize("asked", ["人工影响天气的作业方案归哪个单位制定？", "人工影响天气作业是哪个部门组织实施的"])
def test_the_work_asked_without_a_word_of_responsibility_names_its_organisation(client, asked):
    reply = ask(client, asked)
    assert _labels(reply) == ["临江市气象局"] and "第10行" in reply["answers"][0]["source"]


def test_the_duty_holding_the_phrase_whole_comes_before_one_holding_its_words_apart(client):
    assert _labels(ask(client, "哪个部门负责国有资产管理"))[0] == "临江市财政局"


def test_the_store_s_departments_are_still_listed_when_asked_for(client):
    assert len(ask(client, "知识库里有哪些部门")["answers"]) == 5
