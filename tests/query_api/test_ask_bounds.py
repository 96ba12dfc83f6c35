"""The question layer bounds the queries it writes: a word said twice is one condition, a topic adds a
bounded number of conditions, and an over-long question is refused in plain words."""

from __future__ import annotations

import pytest

from query_api.answering.sparql_parts import MAX_TOPIC_WORDS
from query_api.ask import MAX_QUESTION_CHARS, answer
from tests.query_api.sample_clients import ask, client_over


@pytest.fixture(scope="module")
def client(samples_dir):
    return client_over(*sorted(samples_dir.glob("*.txt")))


def test_a_topic_said_many_times_is_one_condition(client):
    once, often = ask(client, "哪些项目涉及热线"), ask(client, "哪些项目涉及" + "热线" * 50)
    assert once["sparql"].count("CONTAINS") == often["sparql"].count("CONTAINS") > 0
    assert [a["label"] for a in once["answers"]] == [a["label"] for a in often["answers"]]


def test_a_long_topic_adds_a_bounded_number_of_conditions(client):
    words = "热线数据平台运维档案数字化政务服务管理系统建设安全保管执法检查培训会议办公设备采购"  # 20 distinct words
    reply = ask(client, "哪些项目涉及" + words)
    assert (reply["sparql"] or "").count("CONTAINS") <= MAX_TOPIC_WORDS
    assert reply["answers"] == [] and reply["message"]


def test_a_question_over_the_limit_is_refused_before_it_is_read(client):
    store = client.application.extensions["govkg.store"].get()
    reply = answer(store, "哪些项目涉及热线" * (MAX_QUESTION_CHARS // 8 + 1))
    assert reply["sparql"] is None and reply["answers"] == [] and "问题太长" in reply["message"]
