"""Questions about the bundled fictional sample asked the way people type them: short names and
abbreviations, polite prefixes, years written as 25年 or 二〇二五年, item names with 方面, other words
for ranking and amounts — and names the graph does not hold, which get no answers, never a guess."""

from __future__ import annotations

import pytest

from tests.query_api.sample_clients import ask, client_over

DEPT = "东海市样例区档案管理局"


@pytest.fixture(scope="module")
def client(samples_dir):
    return client_over(samples_dir / "pdf" / "sample_budget.pdf")


@pytest.mark.parametrize("question, intent, label, value", [
    ("请问样例区档案局设有哪些科室？", "internal_units", "档案管理科", None),
    ("区档案局下面有哪些直属单位", "subordinate_units", "东海市样例区档案服务中心", None),
    ("档案服务中心归哪个部门管", "parent", DEPT, None),
    ("帮我查一下样例区档案局的主要职能", "duties", DEPT, None),
    ("样例区档案管理局25年三公经费是多少", "amount", DEPT, 5.0),
    ("二〇二五年样例区档案管理局政府采购安排了多少", "amount", DEPT, 30.0),
    ("样例区档案管理局2025年预算金额排第一的项目", "rank_programs", "档案数字化项目", 100.5),
    ("样例区2025年社会保障和就业方面的支出", "amount", DEPT, 30.012345),
    ("档案数字化安排了多少钱", "amount", "档案数字化项目", 100.5),
    ("档案安全保管的经费花了多少", "amount", "档案安全保管项目", 20.0),
    ("样例区档案局有几个项目", "count_programs", DEPT, 2),
])
def test_paraphrases_of_sample_questions(client, question, intent, label, value):
    reply = ask(client, question)
    assert reply["intent"] == intent, reply["entities"]
    assert any(label in a["label"] for a in reply["answers"]), reply["answers"]
    if value is not None:
        assert any(a["value"] == pytest.approx(value, abs=0.006) for a in reply["answers"]), reply["answers"]


@pytest.mark.parametrize("question", [
    "样例区教育局有哪些内设机构",  # the same place, another department: not the sample's
    "教育局2025年行政运行支出",  # an item the sample has, of a department it is not
    "东海市样例区卫生健康委员会2025年三公经费",
    "西山市档案管理局的下属单位",
    "市档案局的职责",  # the sample's department is a district's, not the city's
    "东海市档案局的职责",  # the city's bureau, not the district's
])
def test_organisations_not_in_the_graph_get_no_answers(client, question):
    reply = ask(client, question)
    assert reply["answers"] == [], reply["answers"]
    assert reply["message"]


def test_a_refusal_names_what_was_not_found(client):
    assert "样例区教育局" in ask(client, "样例区教育局2025年预算是多少")["message"]


def test_a_generic_reference_to_a_department_is_not_an_unknown_one(client):
    reply = ask(client, "档案管理科所在局的下属单位")
    assert any(a["label"] == "东海市样例区档案服务中心" for a in reply["answers"]), reply


@pytest.fixture(scope="module")
def haizhou(samples_dir):
    """The two text samples (a budget and a final account of 海州市数据资源局)."""
    return client_over(samples_dir / "haizhou_data_2025_budget.txt", samples_dir / "haizhou_data_2024_final_account.txt")


@pytest.mark.parametrize("question, label, value", [
    ("海州数据局25年三公经费", "海州市数据资源局", 8.0),
    ("海州市数据资源局2025年基本支出和项目支出", "基本支出", 660.0),
    ("海州市数据资源局2025年基本支出和项目支出", "项目支出", 340.0),
    ("海州市2025年城乡社区方面的支出", "城乡社区支出", 20.0),
    ("政务热线外包服务执行了多少", "政务热线外包服务", 196.0),  # a final account's executed amount
    ("平均通话时长要求多少", "平均通话时长", 180.0),
    ("数字平台科是哪个局的", "海州市数据资源局", None),
    ("谁负责数字政府建设", "海州市数据资源局", None),
    ("海州市数据资源局2025年公务用车购置及运行费", "公务用车", 5.0),
    ("海州市数据资源局2025年人员经费和三公经费", "三公", 8.0),
])
def test_paraphrases_over_the_text_samples(haizhou, question, label, value):
    answers = ask(haizhou, question)["answers"]
    assert any(label in a["label"] and (value is None or a["value"] == pytest.approx(value)) for a in answers), answers


@pytest.mark.parametrize("question", ["江州市数据资源局有哪些内设机构", "区数据资源局的职责", "海州市数据资源局2023年三公经费"])
def test_unknown_names_and_years_of_the_text_samples_get_no_answers(haizhou, question):
    assert ask(haizhou, question)["answers"] == []


def test_departments_ranked_within_the_place_named(haizhou):
    answers = ask(haizhou, "海州市哪个部门的三公经费最多")["answers"]
    assert answers and all("海州市" in a["label"] for a in answers)


@pytest.mark.parametrize("question, value", [
    ("海州市数据资源局2025年三公经费比上年增加了多少", -1.0),  # a decrease asked as an increase stays negative
    ("海州市数据资源局2025年三公经费比上年减少了多少", 1.0),  # asked as a decrease, the decrease is positive
    ("海州市数据资源局2025年三公经费比上年变化了多少", -1.0),
    # an increase asked as a decrease is the increase, signed, the premise corrected (answering.change_direction)
    ("海州市数据资源局2025年收入比上年减少了多少", 50.0),
])
def test_a_change_is_signed_in_the_direction_asked(haizhou, question, value):
    reply = ask(haizhou, question)
    answers = reply["answers"]
    assert answers and answers[0]["value"] == pytest.approx(value), answers
    assert ("不是减少，而是增加" in reply["message"]) == question.endswith("收入比上年减少了多少")


def test_names_only_when_asked_so(haizhou):
    answers = ask(haizhou, "海州市数据资源局2025年有哪些项目？只列项目名称，不要金额")["answers"]
    assert answers and all(a["value"] is None and a["label"] for a in answers)
    with_amounts = ask(haizhou, "海州市数据资源局2025年有哪些项目？")["answers"]
    assert [a["label"] for a in with_amounts] == [a["label"] for a in answers] and with_amounts[0]["value"]


def test_a_question_in_traditional_chinese_gets_the_same_answer(haizhou):
    assert ask(haizhou, "海州市數據資源局2025年三公經費預算")["answers"] == ask(haizhou, "海州市数据资源局2025年三公经费预算")["answers"]


@pytest.mark.parametrize("question", ["海州市数据资源局城市数据接入经费有多少？", "城市数据接入经费有多少？"])
def test_a_program_named_with_words_left_out_and_its_department(haizhou, question):
    answers = ask(haizhou, question)["answers"]
    assert [(a["label"], a["value"]) for a in answers] == [("城市基础设施数据接入经费", 20.0)]
