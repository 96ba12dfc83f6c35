"""Questions over the bundled fictional sample (samples/pdf/sample_budget.pdf) parsed, mapped and stored
by the real pipeline: the layers meet as they do in `govkg ingest` + `govkg serve`."""

from __future__ import annotations

import pytest

from tests.query_api.sample_clients import ask, client_over

DEPT = "东海市样例区档案管理局"


@pytest.fixture(scope="module")
def client(samples_dir):
    return client_over(samples_dir / "pdf" / "sample_budget.pdf")


@pytest.mark.parametrize("question, intent, label, value", [
    ("样例区档案管理局有哪些内设机构", "internal_units", "档案管理科", None),
    ("样例区档案管理局的下属单位有哪些", "subordinate_units", "东海市样例区档案服务中心", None),
    ("档案服务中心隶属于哪个部门", "parent", DEPT, None),
    ("哪个部门负责档案执法检查", "duty_holder", DEPT, None),
    ("哪些项目涉及档案数字化", "programs_about", "档案数字化项目", 100.5),
    ("档案安全保管项目的预算是多少", "amount", "档案安全保管项目", 20.0),
    ("样例区档案管理局2025年预算金额最大的项目", "rank_programs", "档案数字化项目", 100.5),
    ("样例区档案管理局2025年三公经费预算", "amount", DEPT, 5.0),
    ("样例区档案管理局2025年政府采购预算", "amount", DEPT, 30.0),
    ("库房巡查次数的目标值是多少", "indicator", "库房巡查次数", 52.0),
    ("档案数字化项目用于什么", "program_purpose", "档案数字化项目", 100.5),
    ("样例区档案管理局有哪些年份的数据", "years", "2025", 2025),
    ("档案管理科是哪个单位的内设机构", "parent", DEPT, None),
    ("档案安全保管项目有哪些绩效指标", "program_indicators", "库房巡查次数", 52.0),
    ("政府采购预算最多的部门", "rank_departments", DEPT, 30.0),
    ("预算在50万到200万之间的项目", "filter_programs", "档案数字化项目", 100.5),
])
def test_sample_questions(client, question, intent, label, value):
    reply = ask(client, question)
    assert reply["intent"] == intent
    assert any(label in a["label"] for a in reply["answers"]), reply["answers"]
    if value is not None:
        assert any(a["value"] == pytest.approx(value) for a in reply["answers"])
    assert all(a["source"] for a in reply["answers"])


def test_duties_of_the_sample_department(client):
    assert len(ask(client, "样例区档案管理局的主要职责有哪些")["answers"]) == 4


def test_a_year_not_in_the_store_says_which_years_are(client):
    reply = ask(client, "样例区档案管理局2024年的预算")
    assert reply["answers"] == [] and "2025年" in reply["message"]


def test_an_amount_printed_in_yuan_keeps_every_decimal(client):
    # 3,505,123.45 元 is 350.512345 万元: four places would round the 分 away
    reply = ask(client, "样例区档案管理局2025年支出总计是多少万元")
    assert reply["intent"] == "amount"  # 万元 is the unit asked for, never a topic of programs
    assert [a["value"] for a in reply["answers"]] == [350.512345]


def test_a_program_with_a_money_verb_is_the_programs_amount(client):
    # 花了多少钱 gives the general spending measure: beside a program it is the program's amount, never the
    # department's total
    reply = ask(client, "样例区档案管理局档案安全保管项目花了多少钱")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [("档案安全保管项目", 20.0)]
