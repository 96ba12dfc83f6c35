"""Questions in people's own words over an invented department: two requests in one question (a count and
its members, a ranking and its amount), everyday nouns for a department's sections and units, programs
pointed at with a demonstrative (那几个…项目加起来), a program's money asked with its indicators' words, an
indicator's target asked through words of its program's name. Fictional records, a real store."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.program_prose import describe
from ingest.prose import Paragraph
from ingest.record import Indicator, Program, Record, Source, Unit
from query_api.app import create_app
from query_api.slots import output_wish
from tests.query_api.sample_clients import ask

DEPT = "临江市河务局"


def _record() -> Record:
    record = Record(DEPT, 2026, "budget", "consolidated", "hewu.pdf", "e" * 64, "raw")
    record.internal_units = [Unit(name, source=Source("内设机构", 5 + n))
                             for n, name in enumerate(["办公室", "规划处", "工程管理处"])]
    record.subordinate_units = [Unit(name, source=Source("下属单位", 10 + n))
                                for n, name in enumerate(["临江市河道监测站", "临江市堤防维护中心"])]
    record.programs = [Program(name, DEPT, amount, source=Source("项目支出表", 20 + n)) for n, (name, amount) in enumerate([
        ("东岸引水管建设工程", 300.0), ("西岸引水管道工程一期", 120.5), ("河务巡查中心运行费", 80.0),
        ("经常性运转经费（水电气）", 45.0)])]
    record.indicators = [
        Indicator("巡查人员人数", "<=", 12, "人", "河务巡查中心运行费", text="<=12人", source=Source("绩效目标表", 40)),
        Indicator("燃气费", "<=", 5, "万元", "经常性运转经费（水电气）", text="<=5万元", source=Source("绩效目标表", 41))]
    return record


@pytest.fixture(scope="module")
def client():
    return create_app({"STORE": store_of([_record()]), "TESTING": True}).test_client()


def _labels(reply: dict) -> list[str]:
    return [a["label"] for a in reply["answers"]]


@pytest.mark.parametrize("question, rest, wish", [
    ("某局有几个科室，分别是什么", "某局有几个科室", "members"),
    ("某局共几个项目，各叫什么", "某局共几个项目", "members"),
    ("某局有几个项目，分别多少钱", "某局有几个项目", "members"),
    ("某局预算最大的项目是哪个，花了多少", "某局预算最大的项目是哪个", "amounts"),
    ("某局钱最多的项目是哪个？多少钱？", "某局钱最多的项目是哪个", "amounts"),  # the second ask as a sentence of its own
    ("某局有哪些科室，一共几个", "某局有哪些科室，一共几个", "members"),  # the count stays asked
    ("某局一共几个项目？列一下", "某局一共几个项目", "members"),
    ("某局设了几个内设机构？分别是哪些", "某局设了几个内设机构", "members"),  # the second ask as a sentence of its own
    ("某局有几个一级项目？都叫什么", "某局有几个一级项目", "members"),
    ("某局有哪些项目？", "某局有哪些项目？", None),
    ("某局的原水管项目，加起来多少钱", "某局的原水管项目，加起来多少钱", None),  # one ask, after a comma
    ("某局，有哪些项目", "某局，有哪些项目", None),
])
def test_a_second_ask_after_a_comma_is_an_output_wish(question, rest, wish):
    assert output_wish(question) == (rest, wish)


def test_a_count_asked_with_its_members_answers_the_members_and_says_the_count(client):
    # the answers are the members, as many as the count the message states: no count row as one more
    reply = ask(client, f"{DEPT}有几个科室，分别是什么")
    assert set(_labels(reply)) == {"办公室", "规划处", "工程管理处"} and "共有3个" in reply["message"]
    listed = ask(client, f"{DEPT}有哪些二级单位，一共几个")
    assert set(_labels(listed)) == {"临江市河道监测站", "临江市堤防维护中心"} and "共有2个" in listed["message"]
    programs = ask(client, f"{DEPT}有几个项目，各叫什么")
    assert {a["value"] for a in programs["answers"]} == {300.0, 120.5, 80.0, 45.0} and "共有4个项目" in programs["message"]
    assert len(ask(client, f"{DEPT}一共几个项目？列一下")["answers"]) == 4


def test_a_count_asked_with_their_money_gives_the_count_the_total_and_each(client):
    programs = ask(client, f"{DEPT}有几个项目，一共多少钱")
    assert [a["value"] for a in programs["answers"][:2]] == [4, 545.5] and len(programs["answers"]) == 1 + 1 + 4


def test_a_count_alone_is_one_number(client):
    assert [a["value"] for a in ask(client, f"{DEPT}一共有几个项目")["answers"]] == [4]


def test_a_ranking_asked_with_its_amount_is_the_one_program_and_its_figure(client):
    (top,) = ask(client, f"{DEPT}预算最少的项目是哪个，多少钱")["answers"]
    assert (top["label"], top["value"]) == ("经常性运转经费（水电气）", 45.0)
    (top,) = ask(client, f"{DEPT}2026年钱最多的项目是哪个？多少钱？")["answers"]  # never a topic 最多 added up
    assert (top["label"], top["value"]) == ("东岸引水管建设工程", 300.0)


@pytest.mark.parametrize("question, expected", [
    (f"{DEPT}设了几个部门", 3),
    (f"{DEPT}内部有哪些部门", ["办公室", "规划处", "工程管理处"]),
    (f"{DEPT}管着几个二级单位", 2),
    (f"{DEPT}有多少个预算单位", 2),
    (f"{DEPT}底下有哪些机构", ["临江市河道监测站", "临江市堤防维护中心"]),
])
def test_everyday_nouns_for_sections_and_units_inside_a_department(client, question, expected):
    reply = ask(client, question)
    if isinstance(expected, int):
        assert reply["answers"][0]["value"] == expected and reply["answers"][0]["unit"] == "个"
    else:
        assert sorted(_labels(reply)) == sorted(expected)


def test_programs_pointed_at_with_a_demonstrative_are_added_up_not_counted(client):
    reply = ask(client, f"{DEPT}那几个引水管项目加起来多少钱")
    assert reply["answers"][0]["value"] == 420.5 and reply["answers"][0]["unit"] == "万元"


def test_a_program_s_money_asked_by_its_indicators_words_is_the_program_s(client):
    reply = ask(client, f"{DEPT}交水电燃气费的项目预算多少钱")
    assert 45.0 in {a["value"] for a in reply["answers"]}
    assert "经常性运转经费（水电气）" in _labels(reply) and "燃气费" not in _labels(reply)


def test_an_indicator_s_target_is_asked_through_words_of_its_program_s_name(client):
    # 巡查中心 is no organisation of the store: words of the department's program 河务巡查中心运行费
    (answer,) = ask(client, f"{DEPT}巡查中心要求巡查人员有多少人")["answers"]
    assert (answer["label"], answer["value"]) == ("巡查人员人数", 12.0)


def test_a_topic_only_the_narrative_s_description_of_a_program_holds_finds_it():
    record = _record()
    record.programs.append(Program("安全生产和应急管理专项经费", DEPT, 40.0, source=Source("项目支出表", 30)))
    describe(record.programs, [Paragraph("3.新增了安全生产和应急管理专项经费，用于提升汛期防汛抢险能力。", 60),
                               Paragraph("1.安全生产和应急管理专项经费 40.00 万元,主要用于移动式排水设施采购。", 61)])
    client = create_app({"STORE": store_of([record]), "TESTING": True}).test_client()
    reply = ask(client, f"{DEPT}给防汛排水安排了多少钱")
    assert reply["answers"][0]["value"] == 40.0
    assert [a["label"] for a in reply["answers"][1:]] == ["安全生产和应急管理专项经费"]
    assert "防汛" in reply["answers"][1]["matched"]


def test_a_topic_s_programs_counted_and_added_up_in_one_question_answer_both(client):
    reply = ask(client, f"{DEPT}引水管的项目有几个，总共多少钱")
    count, total = reply["answers"][:2]
    assert (count["value"], count["unit"], total["value"], total["unit"]) == (2, "个", 420.5, "万元")


def test_how_much_money_a_part_takes_is_no_share():
    from query_api.slots import share_slot
    assert share_slot("政府采购里工程类占多少钱") is None
    assert share_slot("项目支出占支出总额的多少") == ("project_expenditure", "expenditure_total", None)


@pytest.mark.parametrize("text, measures", [
    ("某局公务用车购置费比运行费多多少", ["three_public_vehicle_purchase", "three_public_vehicle_operation"]),
    ("某局公务接待费比上年多多少", ["three_public_reception"]),  # 上年 is a year, no figure
    ("某局基本支出比项目支出少多少", ["basic_expenditure", "project_expenditure"]),
])
def test_the_figure_after_bi_may_leave_out_the_head_the_one_before_it_gives(text, measures):
    from query_api.nlu import Question
    from query_api.slots import document_slots
    q = Question(text=text)
    document_slots(q, text)
    assert q.measures == measures
