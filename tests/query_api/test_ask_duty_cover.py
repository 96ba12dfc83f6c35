"""Who does a work asked in a long paraphrase of its printed duty (answering.duty_cover): no duty holds every word,
the one holding most of them answers with its printed line and the words it lacks; a question whose words no duty
mostly holds is refused, never answered with a duty sharing a word or two. Fictional records, a real store."""

from __future__ import annotations

import pytest
from web_records import store_of

from query_api.app import create_app
from tests.query_api.sample_clients import ask
from tests.query_api.test_ask_duty_holders import _record


@pytest.fixture(scope="module")
def client():
    store = store_of([
        _record("临江市来访接待局", "a", ["贯彻执行有关工作的方针政策。",
                                   "负责受理人民群众、法人给市委、市政府领导的来信，接待来访，承办应由市政府受理的事项。"]),
        _record("临江市档案局", "b", ["负责接收、征集全市档案，接待群众查阅档案。", "指导机关档案工作。"])])
    return create_app({"STORE": store, "TESTING": True}).test_client()


@pytest.mark.parametrize("asked", ["受理群众写给领导的来信、接待来访，是哪个部门的职责？",
                                   "群众写给市领导的来信由谁受理、来访由谁接待"])
def test_the_duty_holding_most_of_a_paraphrase_answers_with_its_line(client, asked):
    reply = ask(client, asked)
    assert [(a["label"], a["source"].split(" · ")[-1]) for a in reply["answers"]] == [("临江市来访接待局", "第11行")], reply
    assert "写给" in reply["message"]  # the word its duty does not print, said


def test_a_paraphrase_no_duty_mostly_holds_is_refused(client):
    # 群众 and 接待 stand in both departments' duties: two words of five state no work
    reply = ask(client, "负责培训群众驾驶无人机并接待外宾，是哪个部门的职责")
    assert reply["answers"] == [] and "大部分词" in reply["message"], reply
