"""Question understanding over a fictional lexicon: aliases, entity mentions, intents and slots."""

from __future__ import annotations

import pytest

from query_api.lexicon import Entry, Lexicon, org_aliases, place_prefixes, program_aliases
from query_api.nlu import understand

DEPT = "临江市东湖区数据资源局"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon([
        Entry("d:1", "department", DEPT, ("区数据局",)),
        Entry("d:2", "department", "临江市文化广电旅游局"),
        Entry("u:1", "internal_unit", "热线运营股", parent="d:1"),
        Entry("s:1", "subordinate_unit", "临江市东湖区政务热线中心", parent="d:1"),
        Entry("p:1", "program", "政务热线外包服务项目（二期）", year=2025),
        Entry("i:1", "indicator", "热线人工接通率", year=2025),
        Entry("c:1", "item", "住房保障支出"),
    ])


def test_leading_places_are_dropped_for_aliases_but_not_city_words():
    assert place_prefixes(DEPT) == ["临江市", "东湖区"]
    assert org_aliases(DEPT) == ["东湖区数据资源局", "数据资源局"]
    assert org_aliases("智慧城市运行中心") == []
    assert "政务热线外包服务" in program_aliases("政务热线外包服务项目（二期）")


@pytest.mark.parametrize("question, intent", [
    ("东湖区数据资源局有哪些内设机构", "internal_units"),
    ("区数据局下面有哪些单位", "subordinate_units"),
    ("东湖区政务热线中心隶属于哪个部门", "parent"),
    ("热线运营股所在部门有哪些下属单位", "subordinate_units"),
    ("哪个部门负责政务热线管理工作", "duty_holder"),
    ("东湖区数据资源局的主要职责是什么", "duties"),
    ("哪些项目涉及政务热线", "programs_about"),
    ("跟政务热线相关的项目", "programs_about"),
    ("东湖区数据资源局2025年有哪些项目", "programs_of"),
    ("金额最高的项目是哪个", "rank_programs"),
    ("哪个项目预算最多", "rank_programs"),
    ("预算超过2000万元的项目有哪些", "filter_programs"),
    ("东湖区政务热线中心有多少个项目", "count_programs"),
    ("东湖区政务热线中心的项目预算合计", "sum_programs"),
    ("政务热线外包服务项目的预算是多少", "amount"),
    ("东湖区数据资源局2025年三公经费", "amount"),
    ("热线人工接通率的目标值是多少", "indicator"),
    ("哪些绩效指标没有达到目标值", "indicators_unmet"),
    ("政务热线外包服务用于什么", "program_purpose"),
    ("东湖区数据资源局有哪些年份的数据", "years"),
    ("知识库里有哪些部门", "departments"),
    ("哪个部门的预算最多", "rank_departments"),
    ("政务热线外包服务属于哪个部门", "program_owner"),
    ("哪些项目预算在100万到500万之间", "filter_programs"),
])
def test_intent(lexicon, question, intent):
    assert understand(question, lexicon).intent == intent


def test_short_name_resolves_to_the_full_department(lexicon):
    question = understand("东湖区数据资源局2025年收入预算总额是多少", lexicon)
    assert [e.label for e in question.entries("department")] == [DEPT]
    assert (question.year, question.doc_type, question.measure) == (2025, "budget", "revenue_total")


def test_alt_label_and_bare_place_name_resolve(lexicon):
    assert [e.label for e in understand("区数据局的三公经费", lexicon).entries("department")] == [DEPT]
    assert [e.label for e in understand("东湖区2025年住房保障支出", lexicon).entries("department")] == [DEPT]


def test_threshold_in_yi_and_a_year_are_told_apart(lexicon):
    question = understand("2024年预算超过1.5亿元的项目", lexicon)
    assert (question.year, question.comparator, question.number) == (2024, ">", 15000.0)
    question = understand("预算超过2000万元的项目", lexicon)
    assert question.year is None and question.number == 2000.0


def test_change_and_scope_slots(lexicon):
    question = understand("东湖区数据资源局本级2025年一般公共预算财政拨款收入比上年减少了多少", lexicon)
    assert question.change and question.scope == "standalone" and question.measure == "general_budget_revenue"


def test_topic_drops_question_words(lexicon):
    assert understand("哪些项目涉及政务热线", lexicon).topic == "政务热线"


def test_unknown_department_is_not_guessed(lexicon):
    question = understand("深圳市教育局2024年预算是多少", lexicon)
    assert question.entries("department") == []


def test_short_name_after_another_place_is_not_that_department(lexicon):
    assert understand("深圳市东湖区数据资源局有哪些项目", lexicon).entries("department") == []
    assert understand("上海市数据资源局的职责", lexicon).entries("department") == []
    assert [e.label for e in understand("临江市东湖区数据资源局的职责", lexicon).entries("department")] == [DEPT]


def test_ranges_and_written_out_limits(lexicon):
    question = understand("预算在100万到1亿元之间的项目", lexicon)
    assert (question.comparator, question.number, question.number_high) == ("between", 100.0, 10000.0)
    assert understand("预算最大的三个项目", lexicon).limit == 3
    assert understand("前十个预算最多的项目", lexicon).limit == 10
