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
        Entry("i:2", "indicator", "通话均长", year=2025),
        Entry("i:3", "indicator", "单位", year=2025),
        Entry("i:4", "indicator", "服务器数量", year=2025),
        Entry("c:1", "item", "住房保障支出"),
        Entry("c:2", "item", "数据事务"),
        Entry("p:2", "program", "数据事务", year=2025),
    ])


def test_leading_places_are_dropped_for_aliases_but_not_city_words():
    assert place_prefixes(DEPT) == ["临江市", "东湖区"]
    assert org_aliases(DEPT) == ["东湖区数据资源局", "数据资源局"]
    assert org_aliases("智慧城市运行中心") == []
    assert "政务热线外包服务" in program_aliases("政务热线外包服务项目（二期）")
    assert "驻京经费" in program_aliases("2026年驻京经费")  # the year it is budgeted for, before or after
    assert "第二条原水管建设工程" in program_aliases("第二条原水管建设工程-2026年")


def test_an_indicator_counting_people_is_named_by_asking_how_many():
    lex = Lexicon([Entry("d:1", "department", "临江市信访局"), Entry("d:2", "department", "海州市信访局"),
                   Entry("p:1", "program", "2026年驻外经费", year=2026, document="g:1", parent="d:1"),
                   Entry("p:2", "program", "驻外联络经费", year=2026, document="g:2", parent="d:2"),
                   Entry("i:1", "indicator", "驻外工作人员人数", year=2026, document="g:1", parent="p:1"),
                   Entry("i:2", "indicator", "驻外工作人员人数", year=2026, document="g:2", parent="p:2")])
    q = understand("临江信访局驻外经费的绩效目标里驻外工作人员最多几个人", lex)
    assert [e.uri for e in q.entries("program")] == ["p:1"] and [e.uri for e in q.indicators] == ["i:1"]
    q = understand("临江信访局的驻外工作人员有多少人", lex)  # no program named: the organisation's own
    assert [e.uri for e in q.indicators] == ["i:1"] and q.intent == "indicator"


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


@pytest.mark.parametrize(("question", "kinds"), [("数据事务项目2025年预算是多少", {"program"}),
                                                ("数据事务科目2025年预算是多少", {"item"}),
                                                ("数据事务2025年预算是多少", {"program", "item"})])
def test_a_name_followed_by_its_kind_word_means_that_kind(lexicon, question, kinds):
    mention = next(m for m in understand(question, lexicon).mentions if m.text == "数据事务")
    assert mention.kinds == kinds


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


@pytest.mark.parametrize("question", [
    "东湖区数资局有哪些内设机构",  # an abbreviation: the name's characters in order, same first and last
    "区数资局的职责",  # a bare level word is the level of the department's own place
    "东湖数据资源局的下属单位",  # a place without its level word
    "请问临江市东湖区数据资源局有哪些内设机构？谢谢",
])
def test_abbreviated_and_polite_names_resolve(lexicon, question):
    assert [e.label for e in understand(question, lexicon).entries("department")] == [DEPT]


@pytest.mark.parametrize("question, unknown", [
    ("东湖区教育局有哪些内设机构", "东湖区教育局"),  # the department's place, another department
    ("市数资局的职责", "市数资局"),  # the department is a district's
    ("教育局2025年住房保障支出", "教育局"),
    ("东湖区卫生健康委员会的三公经费", "东湖区卫生健康委员会"),
])
def test_organisations_the_graph_does_not_hold_are_reported(lexicon, question, unknown):
    question = understand(question, lexicon)
    assert question.unknown_orgs == [unknown] and question.entries("department") == []


def test_generic_references_are_not_organisation_names(lexicon):
    for question in ("热线运营股所在局的下属单位", "哪个局负责政务热线", "网上办事大厅的项目"):
        assert understand(question, lexicon).unknown_orgs == []


def test_years_as_people_write_them(lexicon):
    assert understand("东湖区数据资源局25年三公经费", lexicon).year == 2025
    assert understand("二〇二五年度东湖区数据资源局三公经费", lexicon).year == 2025
    assert understand("近3年的项目", lexicon).year is None


def test_rank_words_and_item_short_names(lexicon):
    question = understand("东湖区数据资源局预算排第一的项目", lexicon)
    assert (question.intent, question.order, question.limit) == ("rank_programs", "desc", 1)
    assert [e.label for e in understand("东湖区2025年住房保障方面的支出", lexicon).entries("item")] == ["住房保障支出"]


def test_measures_written_differently(lexicon):
    assert understand("东湖区数据资源局一般公共预算拨款收入", lexicon).measure == "general_budget_revenue"
    assert understand("东湖区数据资源局的采购预算", lexicon).measure == "government_procurement"


def test_indicators_by_synonym_and_not_by_generic_words(lexicon):
    assert [e.label for e in understand("平均通话时长的目标是多少", lexicon).indicators] == ["通话均长"]
    assert understand("哪些单位负责政务热线", lexicon).indicators == []
    assert understand("东湖区政务热线中心的项目数量是多少", lexicon).intent == "count_programs"


def test_a_program_named_with_words_left_out(lexicon):
    question = understand("政务热线外包二期的预算是多少", lexicon)
    assert [e.label for e in question.entries("program")] == ["政务热线外包服务项目（二期）"]
    assert understand("热线外包的预算是多少", lexicon).entries("program") == []  # too few words to pick one


def test_synonyms_replace_a_word_inside_a_topic():
    lexicon = Lexicon([], synonyms=[("进口博览会", "进博会")])
    assert lexicon.expand("进博会服务保障") == ["进博会服务保障", "进口博览会服务保障"]
    assert lexicon.expand("进博会") == ["进博会", "进口博览会"]


def test_the_bundled_synonyms_hold_everyday_words_of_spending():
    from query_api.lexicon import load_synonyms

    lexicon = Lexicon([], synonyms=load_synonyms())
    assert "支持中小企业" in lexicon.expand("扶持中小企业")  # 其他支持中小企业发展和管理支出
    assert "安保服务" in lexicon.expand("保安服务")


def test_amounts_in_chinese_numerals(lexicon):
    question = understand("预算超过两千万元的项目有哪些", lexicon)
    assert (question.intent, question.comparator, question.number) == ("filter_programs", ">", 2000.0)
    question = understand("预算在一百五十万到一亿之间的项目", lexicon)
    assert (question.number, question.number_high) == (150.0, 10000.0)


@pytest.mark.parametrize("question", ["哪些指标没有达标", "未达标的绩效指标", "哪些指标没完成"])
def test_unmet_indicators_in_other_words(lexicon, question):
    assert understand(question, lexicon).intent == "indicators_unmet"


def test_names_people_shorten_in_the_usual_ways():
    lexicon = Lexicon([Entry("d:1", "department", "临江市东湖区人民政府办公室"),
                       Entry("d:2", "department", "临江市东湖区发展和改革局"),
                       Entry("d:3", "department", "临江市市场监督管理局"),
                       Entry("u:1", "internal_unit", "办公室", parent="d:2")])

    def named(question: str) -> list[str]:
        return [e.label for e in understand(question, lexicon).entries("department", "internal_unit")]

    assert named("东湖区政府办公室的职责") == ["临江市东湖区人民政府办公室"]  # 人民政府 said 政府; 办公室 ends a longer name
    assert named("区发改局2025年项目") == ["临江市东湖区发展和改革局"]
    assert named("市监局三公经费") == ["临江市市场监督管理局"]  # 市 here begins the name, not a level word
    assert named("请问办公室负责什么") == ["办公室"]
    assert understand("区发改局2025年项目", lexicon).intent == "programs_of"
    assert understand("档案办公室的职责", lexicon).unknown_orgs == ["档案办公室"]


@pytest.mark.parametrize("question, measures", [
    ("东湖区数据资源局基本支出和项目支出各多少", ["basic_expenditure", "project_expenditure"]),
    ("东湖区数据资源局收入总额和三公经费", ["revenue_total", "three_public"]),
    ("东湖区数据资源局收入和支出", ["revenue_total", "expenditure_total"]),
    ("东湖区数据资源局三公经费实际支出", ["three_public"]),  # 支出 says which figure, not another one
    ("东湖区数据资源局收入预算总额", ["revenue_total"]),
])
def test_every_measure_named_is_asked_for(lexicon, question, measures):
    assert understand(question, lexicon).measures == measures


def test_a_department_named_as_the_one_units_belong_to(lexicon):
    assert understand("哪些单位隶属于东湖区数据资源局", lexicon).intent == "subordinate_units"
    assert [m.text for m in understand("哪个单位隶属于东湖区数据资源局", lexicon).mentions] == ["东湖区数据资源局"]


def test_a_programs_indicators_without_a_question_word(lexicon):
    assert understand("政务热线外包服务项目的绩效指标", lexicon).intent == "program_indicators"
    assert understand("政务热线外包服务项目热线人工接通率指标是多少", lexicon).intent == "indicator"


def test_a_year_inside_a_name_is_not_the_year_asked():
    lexicon = Lexicon([Entry("p:1", "program", "热线智慧办理系统2021年建设项目经费", year=2023)])
    question = understand("热线智慧办理系统2021年建设项目经费的预算", lexicon)
    assert question.year is None and question.entries("program")
    assert understand("热线智慧办理系统2021年建设项目经费2023年的预算", lexicon).year == 2023


def test_an_indicator_named_without_a_question_word(lexicon):
    assert understand("2025年热线人工接通率", lexicon).intent == "indicator"


def test_a_unit_named_as_the_way_to_its_department(lexicon):
    question = understand("热线运营股所在部门的三公经费", lexicon)
    assert question.intent == "amount" and [e.label for e in question.entries("department")] == [DEPT]
    assert understand("热线运营股所属部门有哪些项目", lexicon).intent == "programs_of"
    question = understand("热线运营股所在部门是哪个", lexicon)
    assert question.intent == "parent" and question.entries("internal_unit")


@pytest.mark.parametrize("question, intent", [
    ("能告诉我哪些项目和政务热线有关吗", "programs_about"),
    ("列举一下与政务热线相关的所有项目", "programs_about"),
    ("有没有涉及政务热线的项目？", "programs_about"),
    ("东湖区政务热线中心项目数", "count_programs"),
    ("东湖区数据资源局有几年的数据", "years"),
    ("热线外包服务项目的投资审核是哪个部门的职责", "duty_holder"),  # 项目 in a topic, no program named
    ("能告诉我谁负责政务热线的管理吗", "duty_holder"),
])
def test_intents_of_questions_worded_as_requests(lexicon, question, intent):
    assert understand(question, lexicon).intent == intent


def test_request_words_stay_out_of_the_topic(lexicon):
    assert understand("能告诉我哪些项目和政务热线有关吗", lexicon).topic == "政务热线"


def test_the_indicator_whose_name_the_question_holds_most_of():
    lexicon = Lexicon([Entry("i:1", "indicator", "热线人工接通率", year=2025), Entry("i:2", "indicator", "接通率", year=2024)])
    assert [e.label for e in understand("热线的人工接通率要达到多少", lexicon).indicators] == ["热线人工接通率"]
    assert [e.label for e in understand("2024年接通率", lexicon).indicators] == ["接通率"]


def test_topic_words_are_not_read_as_a_program_named_in_part():
    lexicon = Lexicon([Entry("p:1", "program", "公共资源交易系统运维经费", year=2025)])
    assert understand("公共资源交易是哪个部门管的", lexicon).entries("program") == []
    assert understand("公共资源交易系统经费是多少", lexicon).entries("program")


def test_words_from_inside_a_name_with_its_place():
    lexicon = Lexicon([Entry("d:1", "department", "临江市东湖区政务服务数据管理局")])
    assert [e.label for e in understand("东湖区数据局2025年三公经费", lexicon).entries("department")] == \
        ["临江市东湖区政务服务数据管理局"]
    assert understand("数据局的三公经费", lexicon).unknown_orgs == ["数据局"]  # no place said: too loose
    assert understand("东湖区管理局的三公经费", lexicon).unknown_orgs == ["东湖区管理局"]


def test_a_name_with_digits_in_it(lexicon):
    question = understand("东湖区政务热线中心隶属于哪个部门", lexicon)
    lexicon2 = Lexicon([Entry("s:1", "subordinate_unit", "临江市东湖区12345政务服务热线中心", parent="d:1")])
    assert [e.label for e in understand("12345热线中心隶属于哪个部门", lexicon2).entries("subordinate_unit")] == \
        ["临江市东湖区12345政务服务热线中心"]
    assert question.intent == "parent"
    assert understand("2025年东湖区教育局的预算", lexicon).unknown_orgs == ["东湖区教育局"]


def test_a_unit_named_after_its_department_is_called_by_the_rest():
    lexicon = Lexicon([Entry("d:1", "department", "临江市财政局"),
                       Entry("s:1", "subordinate_unit", "临江市财政局国库支付中心", parent="d:1")])
    question = understand("国库支付中心是哪个部门的下属单位", lexicon)
    assert question.intent == "parent" and question.entries("subordinate_unit")
    assert understand("国库支付中心归哪个局管", lexicon).unknown_orgs == []


def test_departments_ranked_by_a_measure_of_programs(lexicon):
    assert understand("哪个部门2025年的项目支出最多", lexicon).intent == "rank_departments"
    assert understand("东湖区哪个部门的三公经费最多", lexicon).entries("department")


def test_the_programs_an_organisation_is_responsible_for(lexicon):
    assert understand("东湖区数据资源局负责哪些项目", lexicon).intent == "programs_of"
    assert understand("东湖区数据资源局负责哪些工作", lexicon).intent == "duties"


def test_a_topic_keeps_its_content_words(lexicon):
    assert understand("哪些项目涉及数据中心", lexicon).topic == "数据中心"


@pytest.mark.parametrize("question, intent", [
    ("东湖区数据资源局下面有什么股", "internal_units"),
    ("东湖区政务热线中心归谁管", "parent"),
    ("政务热线管理是哪几个部门的职责", "duty_holder"),
    ("东湖区数据资源局主要干啥", "duties"),
])
def test_colloquial_questions(lexicon, question, intent):
    assert understand(question, lexicon).intent == intent


def test_places_typed_together_without_level_words(lexicon):
    assert [e.label for e in understand("临江东湖区数资局的职责", lexicon).entries("department")] == [DEPT]
    assert understand("临江市数资局的职责", lexicon).unknown_orgs == ["临江市数资局"]  # the city's, not the district's


def test_programs_on_a_topic_asked_for_their_money(lexicon):
    assert understand("政务热线的项目花了多少钱", lexicon).intent == "programs_about"
    assert understand("2025年项目支出是多少", lexicon).intent == "amount"


def test_every_year_named(lexicon):
    assert understand("东湖区数据资源局2025年和2024年的三公经费", lexicon).years == [2025, 2024]


@pytest.mark.parametrize("typed, label", [
    ("深圳口岸办", "深圳市人民政府口岸办公室"),  # 办 for 办公室, the place without its level word
    ("上海应急执法总队", "上海市应急管理局执法总队"),  # words left out of a 总队's name
    ("长春信访局", "长春市信访局"),
])
def test_short_forms_of_names_find_the_organisation(typed, label):
    from query_api.names import OrgIndex, match_org

    entries = [Entry("d:a", "department", "深圳市人民政府口岸办公室"), Entry("d:b", "department", "上海市应急管理局执法总队"),
               Entry("d:c", "department", "长春市信访局"), Entry("d:d", "department", "上海市应急管理局")]
    assert [e.label for e in match_org(typed, OrgIndex(entries))] == [label]


def test_traditional_chinese_is_read_as_simplified(lexicon):
    question = understand("臨江市東湖區數據局2025年「三公」經費預算是多少", lexicon)
    assert question.measure == "three_public" and question.year == 2025
    assert question.entries("department")[0].label == DEPT


@pytest.mark.parametrize("text, wish", [
    ("区数据局2025年有哪些项目？只列项目名称，不要金额", "names"),
    ("区数据局2025年有哪些项目？只要金额", "amounts"),
    ("区数据局2025年有哪些项目？", None),
])
def test_a_trailing_instruction_is_an_output_wish_not_part_of_the_question(lexicon, text, wish):
    question = understand(text, lexicon)
    assert question.output == wish and question.intent == "programs_of"


def test_a_program_named_like_a_table_header_does_not_hide_the_measure():
    lexicon = Lexicon([Entry("d:1", "department", DEPT, ("区数据局",)), Entry("p:x", "program", "项目支出"),
                       Entry("p:y", "program", "一般公共预算"), Entry("i:x", "indicator", "项目支出"),
                       Entry("i:y", "indicator", "2026年预算总支出")])
    question = understand("区数据局2025年项目支出决算数", lexicon)
    assert question.measure == "project_expenditure" and not question.entries("program", "indicator")
    assert understand("区数据局2025年一般公共预算财政拨款收入", lexicon).measure == "general_budget_revenue"
    spending = understand("区数据局2026年支出预算比上年执行数增加了多少", lexicon)
    assert spending.measure == "expenditure_total" and spending.intent == "amount" and not spending.indicators


def test_an_organisation_s_name_is_never_a_program_s():
    # a parser read the unit row 退役军人事务局 of a table as a program
    lexicon = Lexicon([Entry("d:1", "department", "湖州市退役军人事务局"), Entry("p:1", "program", "退役军人事务局")])
    assert [e.kind for e in lexicon.lookup("退役军人事务局")] == ["department"]


def test_a_place_typed_without_its_level_word_before_a_short_name(lexicon):
    lex = Lexicon([Entry("d:1", "department", "湖州市退役军人事务局"), Entry("d:2", "department", "深圳市人民政府口岸办公室")])
    question = understand("深圳口岸办和湖州退役军人事务局2026年谁的收入预算更多", lex)
    assert [e.label for e in question.entries("department")] == ["深圳市人民政府口岸办公室", "湖州市退役军人事务局"]


def test_an_indicator_of_a_program_run_by_the_departments_own_unit_is_its_own():
    lex = Lexicon([Entry("d:1", "department", "临江市数据局"), Entry("d:2", "department", "海州市信访局"),
                   Entry("s:1", "subordinate_unit", "临江市政务热线中心", parent="d:1"),
                   Entry("p:1", "program", "政务热线运营", year=2026, document="g:1", parent="s:1"),
                   Entry("i:1", "indicator", "预算完成率", year=2026, document="g:1", parent="p:1")])
    assert [m.text for m in understand("临江市数据局预算完成率是多少", lex).mentions] == ["临江市数据局", "预算完成率"]
    assert [m.text for m in understand("海州市信访局预算完成率是多少", lex).mentions] == ["海州市信访局"]


@pytest.mark.parametrize("text, operation", [(f"{DEPT}2025年的几个项目里，哪个预算最少", "rank"),
                                             (f"{DEPT}2025年几个项目中哪个最大", "rank"),
                                             (f"{DEPT}2025年有几个项目", "count")])
def test_several_things_said_as_the_set_asked_among_ask_no_count(lexicon, text, operation):
    assert understand(text, lexicon).operation == operation


@pytest.mark.parametrize("text, kept", [("临江市那块地的租金是多少", "那块地"), ("扶持中小企业的那块钱有多少", ""),
                                        ("农林水支出那块是多少", ""), ("农林水支出那块的预算是多少", "")])
def test_a_spot_s_demonstrative_is_dropped_never_a_thing_s_measure_word(text, kept):
    from query_api.slots import plain_question
    assert ("那块" in plain_question(text)) == bool(kept) and kept in plain_question(text)


def test_a_year_said_relative_to_today_is_that_year(lexicon):
    """去年的预算是多少 asks last year's figure: read as no year it answered the latest document's (this year's)."""
    from datetime import date

    from query_api.slots import relative_years

    today = date(2026, 12, 7)
    assert relative_years("区数据局去年的支出预算是多少", today) == "区数据局2025年的支出预算是多少"
    assert relative_years("区数据局去年度三公经费", today) == "区数据局2025年三公经费"
    assert relative_years("前年的决算", today) == "2024年的决算"
    # the change's own words keep theirs: measured against last year, or a year already written
    assert relative_years("今年比去年增加多少", today) == "今年比去年增加多少"  # 今年: the latest, as no year
    assert relative_years("去年比前年增加多少", today) == "2025年比前年增加多少"
    assert relative_years("有多少是去年结转过来的", today) == "有多少是去年结转过来的"  # the money's origin
    assert relative_years("与去年相比减少了多少", today) == "与去年相比减少了多少"
    assert relative_years("2026年预算比去年多多少", today) == "2026年预算比去年多多少"
    last = date.today().year - 1
    q = understand(f"{DEPT}去年的支出预算是多少", lexicon)
    assert (q.year, q.years, q.change) == (last, [last], False)
    q = understand(f"{DEPT}去年比前年支出增加了多少", lexicon)
    assert q.year == last and q.change
