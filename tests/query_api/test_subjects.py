"""Understanding as slots that compose: the answer type read from the question phrase, with the entities named,
the operation and the topic left, over a small invented lexicon; and the combinations that each needed a
wording rule of their own before (a qualifier in brackets, other words for 项目, an average of a score, the
section responsible for something)."""

from __future__ import annotations

import pytest

from query_api.answer_type import answer_type
from query_api.lexicon import Entry, Lexicon
from query_api.nlu import understand


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon([
        Entry("d:1", "department", "临江市东湖区数据资源局", ("区数据局",)),
        Entry("d:2", "department", "临江市水务局"),
        Entry("u:1", "internal_unit", "热线运营股", parent="d:1"),
        Entry("u:2", "internal_unit", "规划建设科", parent="d:2"),
        Entry("s:1", "subordinate_unit", "临江市东湖区政务热线中心", parent="d:1"),
        Entry("p:1", "program", "政务热线外包服务项目", year=2025, parent="d:1"),
        Entry("p:2", "program", "河道清淤工程", year=2025, parent="d:2"),
        Entry("i:1", "indicator", "热线人工接通率", year=2025, parent="p:1"),
        Entry("c:20805", "item", "行政事业单位养老支出"),
    ])


@pytest.mark.parametrize("text, kind", [
    ("哪些项目涉及河道", "program"),
    ("项目有哪些", "program"),
    ("哪个工程的预算最多", "program"),
    ("有几个专项", "program"),
    ("哪个科室负责防汛", "internal_unit"),
    ("设有哪些股室", "internal_unit"),
    ("哪个部门的收入最多", "department"),
    ("收入最多的是哪个单位", "unit"),
    ("谁的收入最多", "who"),
    ("哪些部门没有下属单位", "subordinate_unit"),  # the units are asked about, whichever word asks
    ("部门有哪些项目", "program"),  # 哪些 governs 项目, not the 部门 before it
    ("主要职责有哪些", "duty"),
    ("负责什么", "activity"),
    ("有哪些年份的数据", "year"),
    ("2026年哪个部门的支出最多", "department"),  # a year given is not a year asked
    ("哪些绩效指标没有达到目标值", "indicator"),
    ("跟防汛相关的项目", "program"),  # the noun the question ends on
    ("政府采购预算最多的部门", "department"),
    ("各部门的三公经费", "department"),
    ("2026年的三公经费是多少", None),  # no question phrase: the measure decides
    ("审计事务这个项目要求提交多少篇审计报告", None),  # reports counted by their measure word: a figure asked
    ("这个项目一年要办几期培训", None),
    ("某局公开了哪些报告", "document"),  # a kind asked, not counted
    ("某局的预算报告", "document"),
])
def test_the_answer_type_is_the_noun_the_question_word_governs(text, kind):
    assert answer_type(text)[0] == kind


@pytest.mark.parametrize("question, answer, operation, kinds, topic, intent", [
    ("东湖区数据资源局有哪些内设机构", "internal_unit", "list", {"department"}, None, "internal_units"),
    ("区数据局下面有哪些单位", "unit", "list", {"department"}, None, "subordinate_units"),
    ("东湖区政务热线中心隶属于哪个部门", "department", "lookup", {"subordinate_unit"}, None, "parent"),
    ("哪个部门负责政务热线管理", "department", "lookup", set(), "政务热线", "duty_holder"),
    ("东湖区数据资源局哪个股负责热线考核", "internal_unit", "lookup", {"department"}, "热线考核", "duty_holder"),
    ("哪些项目涉及河道", "program", "list", set(), "河道", "programs_about"),
    ("临江市水务局有几个项目", "program", "count", {"department"}, None, "count_programs"),
    ("临江市水务局哪个项目预算最多", "program", "rank", {"department"}, None, "rank_programs"),
    ("哪个部门的项目支出最多", "department", "rank", set(), None, "rank_departments"),
    ("政务热线外包服务项目用于什么", "activity", "lookup", {"program"}, None, "program_purpose"),
    ("政务热线外包服务项目有哪些绩效指标", "indicator", "list", {"program"}, None, "program_indicators"),
    ("河道清淤工程属于哪个部门", "department", "lookup", {"program"}, None, "program_owner"),
    ("东湖区数据资源局2025年三公经费", None, "lookup", {"department"}, None, "amount"),
    ("临江市水务局2025年项目清单", "program", "list", {"department"}, None, "programs_of"),
    ("临江市水务局有哪几个科室", "internal_unit", "list", {"department"}, None, "internal_units"),
    ("2025年各部门的三公经费", "department", "lookup", set(), None, "rank_departments"),
])
def test_slots_of_a_question(lexicon, question, answer, operation, kinds, topic, intent):
    q = understand(question, lexicon)
    assert (q.answer_type, q.operation, {k for m in q.mentions for k in m.kinds}, q.topic, q.intent) \
        == (answer, operation, kinds, topic, intent)


@pytest.mark.parametrize("question", ["2025年哪个部门（单位）的三公经费最多", "2025年哪个单位(部门)的三公经费最多",
                                      "2025年哪个部门的三公经费最多"])
def test_a_qualifier_in_brackets_keeps_the_ranking(lexicon, question):
    q = understand(question, lexicon)
    assert (q.intent, q.operation, q.measure) == ("rank_departments", "rank", "three_public")


@pytest.mark.parametrize("noun", ["项目", "工程", "专项"])
def test_other_words_for_a_program_are_programs(lexicon, noun):
    assert understand(f"临江市水务局哪个{noun}预算最多", lexicon).intent == "rank_programs"
    assert understand(f"临江市水务局有几个{noun}", lexicon).intent == "count_programs"
    assert understand(f"临江市水务局有哪些{noun}", lexicon).intent == "programs_of"


@pytest.mark.parametrize("question, intent, measure", [
    ("临江市水务局工程类采购预算是多少", "amount", "procurement_works"),  # a kind of procurement, no program
    # a score asked as an average is the self-evaluation's score, never the programs' mean budget
    ("临江市水务局项目平均得分是多少", "self_evaluation", "performance_score"),
    ("临江市水务局项目绩效自评的平均分", "self_evaluation", "performance_score"),
    ("临江市水务局项目自评平均多少分", "self_evaluation", "performance_score"),
    ("临江市水务局项目平均预算是多少", "average_programs", None),  # their budgets' mean
])
def test_the_measure_decides_what_an_operation_is_of(lexicon, question, intent, measure):
    q = understand(question, lexicon)
    assert (q.intent, q.measure) == (intent, measure)


@pytest.mark.parametrize("question", ["临江市水务局哪个科室负责防汛调度", "临江市水务局由哪个科负责防汛调度",
                                      "临江市水务局的哪个处室承担防汛调度", "临江市水务局哪个科管防汛调度"])
def test_the_section_responsible_for_something_is_asked_by_its_duty(lexicon, question):
    q = understand(question, lexicon)
    assert (q.subject, q.topic) == ("unit_duty_holder", "防汛调度")


def test_a_section_listed_is_not_a_section_responsible(lexicon):
    assert understand("临江市水务局有哪些科室", lexicon).subject == "internal_units"


def test_names_are_no_question_phrase(lexicon):
    # the 局 and 中心 ending names are not the noun a question word governs
    assert understand("临江市水务局有哪些项目", lexicon).answer_type == "program"
    assert understand("东湖区政务热线中心是哪个部门的下属单位", lexicon).intent == "parent"


@pytest.mark.parametrize("question", ["临江市水务局2025年行政事业单位养老支出一共安排了多少", "临江市水务局行政事业单位养老支出是多少"])
def test_a_kind_noun_inside_a_classified_lines_name_is_no_noun_asked(lexicon, question):
    q = understand(question, lexicon)  # 单位 of 行政事业单位养老支出 asks for no units
    assert q.answer_type is None and q.subject == "figure", (q.answer_type, q.subject)


def test_a_work_that_is_which_departments_duty_asks_for_its_holder_not_units(lexicon):
    q = understand("临江市水务局推进河道治理改革是哪个部门的职责", lexicon)  # 哪个部门的 + 职责: whose duty, no 下属单位
    assert q.subject == "duty_holder", q.subject


def test_a_number_of_programs_said_makes_their_words_a_topic(lexicon):
    q = understand("临江市水务局两个清淤工程加起来多少钱", lexicon)
    assert (q.answer_type, q.operation, q.how_many, q.intent, q.topic) == \
        ("program", "sum", 2, "programs_about", "清淤工程")
    assert not q.entries("program")  # not the one program of that name: the two the words are about
    assert understand("临江市水务局两个数据共享项目加起来多少钱", lexicon).operation == "sum"  # 个数 is not asked


@pytest.mark.parametrize(("question", "topic"), [("临江市水务局有哪些科技项目", "科技"), ("临江市水务局有哪些科研项目", "科研")])
def test_a_topic_starting_like_a_section_noun_keeps_its_words(lexicon, question, topic):
    # 哪些科 of 哪些科技项目 is no section asked for: the topic keeps its first character
    assert understand(question, lexicon).topic == topic


def test_units_a_program_covers_counted_are_no_owner_asked(lexicon):
    """要覆盖多少个单位 counts what its goal states: never the organisation using it (whose amount was answered)."""
    assert understand("政务热线外包服务项目要覆盖多少个单位", lexicon).subject != "program_owner"
    assert understand("政务热线外包服务项目是哪个单位的", lexicon).subject == "program_owner"
