"""Programs and duties asked in everyday words not literally in their names: a place said for the word of
it (在北京 for 驻京), a plainer word a synonym gives (看病 for 医疗), a number naming a thing (a hotline's
96196), the words only an organisation's indicators hold, a duty stated on a line after one ending a
sentence; and the refusals kept (a real store, fictional records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Duty, Fact, Indicator, LineItem, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市信访局"
OTHER = "临江市政务服务数据管理局"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "consolidated", "petition.pdf", "p" * 64, "raw")
    record.duties = [Duty("负责全市信访工作。承担全市河长制工作的组织和协调日常工作。", 1, Source("主要职责", 3))]
    record.programs = [Program("驻京经费", DEPT, 312.0, source=Source("项目表", 20)),
                       Program("企业离休干部医疗补助", DEPT, 1000.0, source=Source("项目表", 21)),
                       Program("96196电梯应急处置服务平台", DEPT, 57.0, source=Source("项目表", 22)),
                       Program("话务场地租赁费用", DEPT, 175.09, source=Source("项目表", 23)),
                       Program("市级机关公务用车委托管理费", DEPT, 1778.31, source=Source("项目表", 24))]
    record.facts = [Fact("three_public_vehicle", 293.9, source=Source("“三公”经费支出表", 30))]
    record.indicators = [Indicator(name, ">=", 100.0, "%", program="话务场地租赁费用", source=Source("绩效表", line))
                         for name, line in (("热线接通率达标", 3), ("12345平台解决群众合理诉求", 4))]
    record.line_items = [LineItem("经济分类表", code, name, {"合计": value}, "economic", source=Source("经济分类表", line))
                         for code, name, value, line in (("30205", "水费", 1.5, 7), ("30206", "电费", 47.5, 8))]
    other = Record(OTHER, 2026, "budget", "consolidated", "data.pdf", "q" * 64, "raw")
    other.programs = [Program("12345热线运作经费", OTHER, 12.87, source=Source("项目表", 30))]
    other.line_items = [LineItem("经济分类表", "30205", "水费", {"合计": 1.9}, "economic", source=Source("经济分类表", 7))]
    return create_app({"STORE": store_of([record, other]), "TESTING": True}).test_client()


def found(reply: dict) -> list[tuple[str, float | None]]:
    return [(a["label"], a["value"]) for a in reply["answers"] if a.get("type") == "program"]


def test_money_spent_in_a_place_is_the_program_named_by_its_word_for_the_place(client):
    reply = ask(client, f"{DEPT}在北京的开销有多少")  # 开销: money, never a figure the store lacks
    assert found(reply) == [("驻京经费", 312.0)]


def test_a_plainer_word_and_a_modifier_still_find_the_program_its_name_resembles(client):
    # 看病 is 医疗 (synonyms.txt); 离休老干部医疗补助 then resembles 企业离休干部医疗补助 (离休 + 干部医疗补助)
    reply = ask(client, f"{DEPT}给离休老干部看病的补助是多少")
    assert found(reply) == [("企业离休干部医疗补助", 1000.0)] and "相近" in reply["answers"][-1]["matched"]


def test_a_number_naming_a_thing_is_a_topic_word(client):
    assert found(ask(client, "跟96196有关的项目有哪些")) == [("96196电梯应急处置服务平台", 57.0)]
    assert found(ask(client, "哪些项目涉及12366")) == []  # a number no text holds: nothing


def test_an_amount_or_a_count_is_no_topic_word(client):
    reply = ask(client, f"{DEPT}预算超过500万的项目有哪些")
    assert {label for label, _ in found(reply)} == {"企业离休干部医疗补助", "市级机关公务用车委托管理费"}


def test_the_named_organisations_program_whose_indicators_hold_the_words_when_only_others_names_do(client):
    # 12345 and 热线 are both in another department's program name; of this one, only in its indicators
    reply = ask(client, f"{DEPT}12345热线的项目花了多少")
    assert found(reply) == [("话务场地租赁费用", 175.09)]
    assert reply["answers"][0]["matched"] == "绩效指标含“12345”，绩效指标含“热线”"


def test_a_duty_is_found_by_its_name_and_a_duty_nobody_states_is_not(client):
    reply = ask(client, "河长制的日常工作归哪个部门管")
    assert [a["label"] for a in reply["answers"]] == [DEPT] and "河长制" in reply["answers"][0]["text"]
    assert ask(client, "林长制的日常工作归哪个部门管")["answers"] == []


def test_a_program_named_beside_a_three_public_word_wins_over_the_three_public_figure(client):
    # 公车 names the 三公 vehicle figure; 委托 beside it is the program's (公务用车委托管理费)
    reply = ask(client, f"{DEPT}公车委托管理花了多少")
    assert found(reply) == [("市级机关公务用车委托管理费", 1778.31)]
    reply = ask(client, f"{DEPT}公车的费用是多少")  # nothing beside 公车 but a money noun: the 三公 figure
    assert [a["value"] for a in reply["answers"]] == [293.9] and found(reply) == []


def test_lines_said_at_once_by_their_shared_last_word_are_each_answered_and_added_up(client):
    reply = ask(client, f"{DEPT}水电费花了多少")  # 水电费: 水费 and 电费
    assert [a["value"] for a in reply["answers"]] == [1.5, 47.5, 49.0] and reply["answers"][-1]["type"] == "sum"
    reply = ask(client, f"{OTHER}水电费花了多少")  # no 电费 line: 水费 alone, said so, never summed as 水电费
    assert [a["value"] for a in reply["answers"]] == [1.9] and "没有单列的电费" in reply["message"]


@pytest.mark.parametrize("question, number, kept", [
    ("跟96196热线有关的项目有哪些", "96196", True),
    ("12345热线的项目", "12345", True),
    ("预算大于2000的热线项目", "2000", False),  # a bound, not a name
    ("预算超过500万的热线项目", "500", False),
    ("预算500万以上的热线项目", "500", False),
    ("前100个热线项目", "100", False),
])
def test_a_number_is_a_topic_word_only_when_it_names_something(question, number, kept):
    from query_api.lexicon import Entry, Lexicon
    from query_api.nlu import understand

    words = understand(question, Lexicon([Entry("d:1", "department", DEPT)])).words_left or ""
    assert (number in words) is kept and "热线" in words


def test_a_number_before_项目_is_a_name_not_a_count_of_items(client):
    # 96196项目 is no "96196 items" leaving 目 as the topic (that summed six programs)
    assert found(ask(client, f"{DEPT}96196项目预算多少")) == [("96196电梯应急处置服务平台", 57.0)]


def test_time_and_place_fillers_are_no_topic_words(client):
    assert found(ask(client, f"{DEPT}在北京那边一年要花多少钱")) == [("驻京经费", 312.0)]


@pytest.mark.parametrize("asked", ["有个管公车的项目，预算多少", "公车的项目预算多少"])
def test_a_program_asked_by_a_synonym_of_its_words_is_the_program_not_the_三公_line(client, asked):
    # 项目 said: the program whose name holds 公务用车 (公车's synonym), not the 三公 vehicle figure
    assert found(ask(client, f"{DEPT}{asked}")) == [("市级机关公务用车委托管理费", 1778.31)]


def test_a_place_said_without_its_level_word_is_the_place_not_a_word_of_the_program(client):
    # 临江 (临江市) names where, not a word the program's name must hold
    assert found(ask(client, "临江那个96196的项目预算多少钱")) == [("96196电梯应急处置服务平台", 57.0)]


def test_a_place_said_without_its_level_word_inside_a_name_is_a_word_of_the_name(client):
    # 智慧临江: 临江 inside a program's words is no place said
    record = Record(DEPT, 2026, "budget", "consolidated", "p.pdf", "s" * 64, "raw")
    record.programs = [Program("智慧临江一期", DEPT, 30.0, source=Source("项目表", 5)),
                       Program("智慧社区", DEPT, 20.0, source=Source("项目表", 6))]
    own = create_app({"STORE": store_of([record]), "TESTING": True}).test_client()
    assert found(ask(own, "智慧临江相关的项目有哪些")) == [("智慧临江一期", 30.0)]
