"""Finding things by meaning beyond a topic's own words: a name resembling the topic (runs of characters it
shares), a description holding it, a word said the other way round, a classification item named by the start
of its name — each answer saying why it matched (a real store, fictional records)."""

from __future__ import annotations

import jieba
import pytest
from web_records import store_of

from ingest.record import Indicator, LineItem, Program, Record, Source
from query_api.answering.candidates import TextIndex
from query_api.app import create_app
from query_api.lexicon import Entry, Lexicon
from query_api.names import match_item
from query_api.topics import fine_words, reordered, resemblance
from tests.query_api.sample_clients import ask


def test_a_name_resembles_a_topic_by_the_runs_it_shares_with_it():
    assert resemblance("原水管道工程", "甲泵站至乙水库原水管建设工程-2026年") == ["原水管", "工程"]  # 5 of 6
    assert resemblance("道路维修工程", "道路建设工程") == []  # 道路 + 工程: 4 of 6
    assert resemblance("安保", "行政中心保安服务") == []  # one shared character at a time is no evidence
    assert resemblance("原水管", "原水管道工程") == []  # held whole: a match, not a resemblance
    assert resemblance("水管", "原水管建设") == []  # too short a topic to resemble anything


def test_resembling_texts_are_found_with_the_runs_they_share():
    index = TextIndex([("p:1", "program_name", "甲泵站至乙水库原水管建设工程"), ("p:2", "program_name", "办公设备购置"),
                       ("p:3", "program_target", "新建原水管道工程一处"), ("p:4", "program_name", "原水管道工程一期")])
    assert index.resembling(("program_name",), "原水管道工程") == {"p:1": ["原水管", "工程"]}  # p:4 holds it


def test_a_two_character_word_is_read_the_other_way_round_only_where_the_names_say_so():
    assert reordered("安保", {"保安", "服务"}) == ["保安"]
    assert reordered("安保", {"服务"}) == []
    assert reordered("安全保卫", {"保卫安全"}) == []


def test_a_name_is_cut_into_the_common_words_that_cover_it():
    tokenizer = jieba.Tokenizer()
    tokenizer.add_word("市行政中心保安服务", freq=2000)  # a label kept whole, as the lexicon's tokenizer does
    # 市行 then nothing (longest from the left) would leave 保安 unfound
    assert fine_words("市行政中心保安服务", tokenizer) == ["市", "行政", "中心", "保安", "服务"]


def test_an_item_is_named_by_the_start_of_its_name_the_code_above_its_catch_all():
    items = [Entry("c/functional/21508", "item", "支持中小企业发展和管理支出"),
             Entry("c/functional/2150899", "item", "其他支持中小企业发展和管理支出"),
             Entry("c/functional/2130314", "item", "防汛")]
    lexicon = Lexicon(items)
    assert [e.uri for e in match_item("支持中小企业", lexicon)] == ["c/functional/21508"]
    assert match_item("支持中小企业发展和管理支出", lexicon) == []  # a whole name is linked as such
    assert match_item("中小企业", lexicon) == []  # not the start of a name
    two = Lexicon([*items, Entry("c/functional/21509", "item", "支持中小企业融资")])
    assert match_item("支持中小企业", two) == []  # two codes, neither under the other: none


DEPT = "临江市南湖区水务工程中心"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "consolidated", "water.pdf", "w" * 64, "raw")
    record.programs = [Program("甲泵站至乙水库第二条原水管建设工程", DEPT, 4237.0, source=Source("项目表", 20)),
                       Program("丙丁第二条原水管道工程一期工程", DEPT, 2579.0, source=Source("项目表", 21)),
                       Program("道路建设工程", DEPT, 900.0, source=Source("项目表", 22)),
                       Program("安全生产和应急管理专项经费", DEPT, 40.0, description="用于采购移动式防汛排水设施",
                               source=Source("项目表", 23)),
                       Program("行政中心保安服务", DEPT, 420.0, source=Source("项目表", 24)),
                       Program("经常性运转经费（水电气）", DEPT, 270.0, source=Source("项目表", 25)),
                       Program("长期护理保险补助", DEPT, 70.0, source=Source("项目表", 26))]
    record.indicators = [Indicator(name, "=", target, "万元", program="经常性运转经费（水电气）", source=Source("绩效表", line))
                         for name, target, line in (("水费", 120.0, 3), ("电费", 140.0, 4), ("燃气费", 10.0, 5))]
    record.line_items = [
        LineItem("支出表", "21508", "支持中小企业发展和管理支出", {"合计": 293.81}, "functional", source=Source("支出表", 40)),
        LineItem("支出表", "2150899", "其他支持中小企业发展和管理支出", {"合计": 293.81}, "functional",
                 source=Source("支出表", 41)),
        LineItem("经济分类表", "30216", "培训费", {"合计": 12.5}, "economic", source=Source("经济分类表", 7)),
        LineItem("经济分类表", "30231", "公务用车运行维护费", {"合计": 8.2}, "economic", source=Source("经济分类表", 8)),
        LineItem("经济分类表", "30209", "物业管理费", {"合计": 6.3}, "economic", source=Source("经济分类表", 9))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def matched(reply: dict) -> dict[str, str]:
    return {a["label"]: a.get("matched") for a in reply["answers"] if a.get("type") == "program"}


def test_a_topic_finds_a_name_resembling_it_and_says_why(client):
    found = matched(ask(client, "哪些项目涉及原水管道工程"))
    assert set(found) == {"丙丁第二条原水管道工程一期工程", "甲泵站至乙水库第二条原水管建设工程"}  # not 道路建设工程
    assert found["甲泵站至乙水库第二条原水管建设工程"] == "名称与“原水管道工程”相近（原水管…工程）"
    assert "名称含" in found["丙丁第二条原水管道工程一期工程"]


def test_the_programs_a_count_says_are_added_up_resembling_names_with_them(client):
    reply = ask(client, f"{DEPT}两个原水管道工程加起来多少钱")
    assert reply["answers"][0]["value"] == 6816.0 and "2个项目" in reply["answers"][0]["label"]


def test_a_topic_only_in_a_programs_description_finds_it(client):
    assert matched(ask(client, "哪些项目涉及防汛排水")) == {"安全生产和应急管理专项经费": "项目概述含“防汛”“排水”"}


def test_a_word_said_the_other_way_round_finds_the_program_when_nothing_else_does(client):
    assert matched(ask(client, f"{DEPT}有哪些安保方面的项目")) == {"行政中心保安服务": "名称含“保安”（与“安保”同义或相关）"}


def test_an_unrelated_topic_finds_nothing(client):
    assert matched(ask(client, "哪些项目涉及轨道交通运营")) == {}


def test_an_item_named_by_the_start_of_its_name_answers_its_amount(client):
    values = {a["value"] for a in ask(client, f"{DEPT}2026年支持中小企业的钱有多少")["answers"]}
    assert 293.81 in values


def test_a_topic_asked_in_the_names_leaves_out_what_only_a_description_says(client):
    assert matched(ask(client, "名字里带排水的项目有哪些")) == {}
    assert set(matched(ask(client, "名称含原水的项目有哪些"))) == {"丙丁第二条原水管道工程一期工程",
                                                                "甲泵站至乙水库第二条原水管建设工程"}


def test_money_spent_on_a_topic_is_its_programs_never_the_departments_total(client):
    reply = ask(client, f"{DEPT}在安保上花多少钱")  # no measure named: the topic's programs, added up
    assert reply["answers"][0]["value"] == 420.0 and "行政中心保安服务" in {a["label"] for a in reply["answers"]}
    assert reply["intent"] == "programs_about"  # the reply names what it answered
    reply = ask(client, f"{DEPT}在轨道交通上花多少钱")  # no such program: no answer, not the 收支总额
    assert reply["answers"] == [] and "轨道交通" in reply["message"]


def test_money_spent_on_a_topic_a_line_names_is_that_lines_amount(client):
    reply = ask(client, f"{DEPT}在培训上花了多少")  # 花了 (a general measure): the 经济分类 line, not the 支出合计
    assert [(a["value"], a["matched"]) for a in reply["answers"]] == [(12.5, "经济分类科目“培训费”含“培训”")]
    assert "经济分类表" in str(reply["answers"][0]["source"])  # the line it was read from
    reply = ask(client, f"{DEPT}用车方面的开支是多少")
    assert [a["value"] for a in reply["answers"]] == [8.2]


def test_money_spent_on_a_topic_no_line_names_is_its_programs_whatever_the_measure_word(client):
    reply = ask(client, f"{DEPT}在安保上花了多少")  # 花了 names expenditure_total: still the topic's programs
    assert reply["answers"][0]["value"] == 420.0 and reply["intent"] == "programs_about"


def test_a_topic_spread_over_a_programs_name_and_its_indicators_names_finds_it(client):
    # 水电 in its name, 燃气费 only an indicator's name: the program, saying which text holds which word
    assert matched(ask(client, "交水电燃气费的项目")) == {"经常性运转经费（水电气）": "名称含“水电”，绩效指标含“燃气费”"}
    assert matched(ask(client, "哪些项目涉及电费")) == {"经常性运转经费（水电气）": "绩效指标含“电费”"}


def test_money_on_a_topic_a_code_names_but_the_department_does_not_print_is_its_programs(client):
    # 防汛 names a code (2130314) the department prints no row of: its program on the topic, not 没有这个科目
    reply = ask(client, f"{DEPT}给防汛排水安排了多少钱")
    assert reply["intent"] == "programs_about" and reply["answers"][0]["value"] == 40.0


def test_money_on_a_lines_everyday_short_form_is_that_lines_amount(client):
    # 物业费: 物业管理费's characters in order, its first and last the name's own
    reply = ask(client, f"{DEPT}物业费花了多少")
    assert [(a["value"], a["matched"]) for a in reply["answers"]] == [(6.3, "经济分类科目“物业管理费”（“物业费”是它的简称）")]
    assert "经济分类表" in str(reply["answers"][0]["source"])
    reply = ask(client, f"{DEPT}取暖费花了多少")  # no line it shortens, no program: still no answer
    assert reply["answers"] == [] and "取暖费" in reply["message"]


def test_a_program_asked_with_an_abbreviation_inside_the_topic_is_found_by_its_long_form(client):
    # 长护险 is in no text; 长期护理保险 is, and abbreviates to it: the program, with its own amount first
    reply = ask(client, f"{DEPT}长护险补助安排了多少")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [("长期护理保险补助", 70.0)]
