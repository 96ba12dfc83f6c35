"""How many programs a department evaluated is the count its final account prints, with its sentence — never the
number of programs the store happens to hold; a document printing none gets no count."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

PRINTED, SILENT = "临江市数据局", "滨海市审计局"
SAID = "我局组织对2021年度“热线外包服务项目”等4个一般公共预算项目支出开展绩效自评。"


def _records() -> list[Record]:
    printed = Record(PRINTED, 2021, "final_account", "standalone", "linjiang-2021.txt", "a" * 64, "tsv")
    printed.programs = [Program("热线外包服务", PRINTED, 593.76, source=Source("项目表", 30))]
    printed.facts = [Fact("expenditure_total", 500.0, source=Source("收入支出决算总表", 20)),
                     Fact("evaluated_programs", 4, "个", text=SAID, source=Source("绩效评价情况", 580)),
                     Fact("key_evaluated_programs", 1, "个", text="对1个项目进行重点绩效评价。", source=Source("绩效评价情况", 582))]
    silent = Record(SILENT, 2021, "final_account", "standalone", "binhai-2021.txt", "b" * 64, "tsv")
    silent.programs = [Program("审计培训", SILENT, 20.0, source=Source("项目表", 30)),
                       Program("审计信息化", SILENT, 30.0, source=Source("项目表", 31))]
    silent.facts = [Fact("expenditure_total", 300.0, source=Source("收入支出决算总表", 20))]
    return [printed, silent]


@pytest.fixture(scope="module")
def client():
    return create_app({"STORE": store_of(_records()), "TESTING": True}).test_client()


@pytest.mark.parametrize("asked", ["对几个项目开展了绩效自评", "有多少个项目做了绩效自评", "绩效自评了多少个项目"])
def test_the_programs_evaluated_are_the_count_printed_with_its_sentence(client, asked):
    answers = ask(client, f"{PRINTED}2021年{asked}")["answers"]
    assert [(a["value"], a["unit"]) for a in answers] == [(4, "个")]  # never the 1 program held
    assert answers[0]["text"] == SAID and "第580行" in answers[0]["source"]


def test_the_key_evaluations_are_their_own_count(client):
    assert [a["value"] for a in ask(client, f"{PRINTED}2021年开展重点绩效评价的项目有几个")["answers"]] == [1]


def test_no_count_printed_gets_no_answer_not_the_programs_held(client):
    reply = ask(client, f"{SILENT}2021年对几个项目开展了绩效自评")
    assert reply["answers"] == [] and "没有写明" in reply["message"]
    assert [a["value"] for a in ask(client, f"{SILENT}2021年有几个项目")["answers"]][:1] == [2]


@pytest.mark.parametrize("asked", ["有几个项目自评得分低于90分", "自评为优秀的项目有几个", "有几个项目自评超过100万元",
                                   "重点项目里有几个项目自评得分在90分以上"])
def test_a_count_with_a_condition_is_not_the_count_evaluated(client, asked):
    answers = ask(client, f"{PRINTED}2021年{asked}")["answers"]  # never the 4 evaluated (or 1 key evaluation) printed
    assert not any("第580行" in (a.get("source") or "") or "第582行" in (a.get("source") or "") for a in answers)


def test_a_key_program_evaluated_is_not_a_key_evaluation(client):
    answers = ask(client, f"{PRINTED}2021年重点项目中有几个项目开展了绩效自评")["answers"]
    assert not any("第582行" in (a.get("source") or "") for a in answers)  # the key evaluations' count is of 重点评价


GRADED = "其中，绩效评级为“优”的项目3个；“良”的项目1个；“合格”的项目0个。"


@pytest.fixture(scope="module")
def graded_client():
    record = Record(PRINTED, 2021, "final_account", "standalone", "linjiang-2021.txt", "a" * 64, "tsv")
    record.facts = [Fact("execution_rate", 98.2, "%", text="预算执行率98.2%", source=Source("说明", 570)),
                    Fact("performance_score", 99.4, "分", text="平均得分99.4分", source=Source("说明", 575)),
                    *(Fact("graded_programs", n, "个", label=g, text=GRADED, source=Source("预算绩效管理情况", 576))
                      for g, n in (("优", 3), ("良", 1), ("合格", 0)))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


@pytest.mark.parametrize("asked, value", [("评为“优”的有几个", 3), ("绩效评级为优秀的项目有几个", 3),
                                          ("自评等级为良的项目有多少个", 1), ("评为“合格”的项目有几个", 0)])
def test_a_grade_s_count_is_the_one_printed_with_its_line(graded_client, asked, value):
    answers = ask(graded_client, f"{PRINTED}2021年{asked}")["answers"]
    assert [(a["value"], a["unit"]) for a in answers] == [(value, "个")]  # never the rate nor the score
    assert "第576行" in answers[0]["source"]


def test_a_grade_not_printed_gets_no_count(graded_client):
    reply = ask(graded_client, f"{PRINTED}2021年评为“不合格”的项目有几个")
    assert reply["answers"] == [] and "没有写明" in reply["message"]
