"""Questions → slots → one cube query: the operation read from the words alone, the compiler's cube
query for each operation, and operations answered end to end over an invented department (a final
account against its plan, a topic's programs added up or counted, every department ranked)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Program, Record, Source, Unit
from query_api.answering.compiler import compile_question
from query_api.app import create_app
from query_api.ask import DocInfo, Knowledge
from query_api.cube import compile_query
from query_api.lexicon import Entry, Lexicon
from query_api.nlu import understand
from query_api.slots import UNKNOWN
from tests.query_api.sample_clients import ask

DEPT, OTHER = "临江市东湖区数据资源局", "临江市文化广电旅游局"


@pytest.fixture(scope="module")
def known() -> Knowledge:
    lexicon = Lexicon([Entry("d:1", "department", DEPT, ("区数据局",)), Entry("d:2", "department", OTHER),
                       Entry("s:1", "subordinate_unit", "临江市东湖区政务热线中心", parent="d:1")])
    docs = {f"doc:{i}": DocInfo(f"doc:{i}", f"{name}{year}", name, year, kind, "consolidated")
            for i, (name, year, kind) in enumerate([(DEPT, 2025, "budget"), (DEPT, 2024, "final_account"),
                                                    (OTHER, 2025, "budget")])}
    return Knowledge(lexicon, docs)


@pytest.mark.parametrize("question, operation", [
    (f"{DEPT}和{OTHER}2025年谁的三公经费更多", "compare"),
    (f"{DEPT}2025年机关运行经费比2024年多了多少", "compare"),
    ("2025年哪个部门的三公经费最多", "rank"),
    ("2025年各部门的政府采购排前三", "rank"),
    ("哪些部门的三公经费比上年减少了", "condition"),
    ("哪些单位的机关运行经费是0", "condition"),
    ("预算超过2000万元的项目有哪些", "condition"),
    (f"{DEPT}项目支出占支出总额的比例", "share"),
    (f"{DEPT}的三公经费里公务接待费占几成", "share"),
    (f"{DEPT}有多少个项目", "count"),
    (f"{DEPT}的项目预算合计", "sum"),
    (f"{DEPT}2024年三公经费实际花的比预算少了多少", "plan_vs_actual"),
    (f"{DEPT}2025年收入比上年增加了多少", "change"),
    (f"{DEPT}今年因公出国费用预算涨了多少", "change"),
    (f"{DEPT}历年的收入", "trend"),
    (f"{DEPT}有哪些内设机构", "list"),
    (f"{DEPT}2025年三公经费是多少", "lookup"),
])
def test_the_operation_is_read_from_the_words(known, question, operation):
    assert understand(question, known.lexicon).operation == operation


def test_the_same_operation_whatever_is_asked_about(known):
    # the operation reader knows no question type: a count of programs and of units read alike
    ops = {understand(q, known.lexicon).operation for q in (f"{DEPT}有多少个项目", f"{DEPT}有几个下属单位")}
    assert ops == {"count"}


def test_a_comparison_of_two_departments_is_one_cube_query_cut_on_both(known):
    q = understand(f"{DEPT}和{OTHER}2025年谁的三公经费更多？", known.lexicon)
    compiled = compile_question(q, known)
    cuts = {c.dim: c.value for c in compiled.query.cuts}
    assert compiled.operation == "compare"
    assert cuts == {"fact": "three_public_budget|three_public_actual", "department": f"{DEPT}|{OTHER}", "year": "2025"}
    assert {"department", "year", "fact", "document", "table", "line"} <= set(compiled.query.drilldowns)
    assert compile_query(compiled.query).count("SELECT") >= 1  # compiles


def test_a_ranking_is_cut_on_one_year_and_no_department(known):
    q = understand("2025年哪个部门的机关运行经费最少？", known.lexicon)
    compiled = compile_question(q, known)
    assert compiled.operation == "rank" and q.smaller
    assert {c.dim: c.value for c in compiled.query.cuts} == {"fact": "administrative_operating_cost", "year": "2025"}


def test_a_share_cuts_the_part_and_the_whole(known):
    compiled = compile_question(understand(f"{DEPT}2025年项目支出占支出总额的比例", known.lexicon), known)
    assert compiled.operation == "share" and compiled.keys == ["project_expenditure", "expenditure_total"]


def test_a_lookup_of_one_departments_figure_is_not_compiled_to_a_ranking(known):
    assert compile_question(understand(f"{DEPT}2025年三公经费是多少", known.lexicon), known) is None


@pytest.fixture(scope="module")
def client():
    final = Record(DEPT, 2024, "final_account", "consolidated", "dongh-2024.pdf", "a" * 64, "raw")
    final.facts = [Fact("three_public_budget", 7.0, source=Source("“三公”经费支出决算表", 40)),
                   Fact("three_public_actual", 1.25, source=Source("“三公”经费支出决算表", 41))]
    budget = Record(DEPT, 2025, "budget", "consolidated", "dongh-2025.pdf", "b" * 64, "raw")
    budget.facts = [Fact("government_procurement", 300.5, source=Source("政府采购预算表", 12)),
                    Fact("procurement_services", 200.25, source=Source("政府采购预算表", 12)),
                    Fact("three_public_budget", 9.5, source=Source("“三公”经费支出表", 13)),
                    Fact("project_expenditure", 240.0, source=Source("支出总表", 15))]
    budget.internal_units = [Unit("网络运维股", "负责区政府门户网站的建设及维护工作。", source=Source("内设机构", 5)),
                             Unit("数据资源股", "负责政务数据的归集和共享。", source=Source("内设机构", 6))]
    budget.programs = [Program("数据共享平台运维", amount=120.0, source=Source("项目支出表", 20)),
                       Program("数据安全检测服务", amount=80.25, source=Source("项目支出表", 21)),
                       Program("机关食堂配餐", amount=30.0, source=Source("项目支出表", 22))]
    other = Record(OTHER, 2025, "budget", "consolidated", "culture-2025.pdf", "c" * 64, "raw")
    other.facts = [Fact("government_procurement", 512.75, source=Source("政府采购预算表", 9)),
                   Fact("three_public_budget", 12.0, source=Source("“三公”经费支出表", 30)),
                   Fact("three_public_change", -2.5, source=Source("“三公”经费说明", 31))]
    return create_app({"STORE": store_of([final, budget, other]), "TESTING": True}).test_client()


def test_a_final_account_against_the_plan_it_prints_is_signed(client):
    reply = ask(client, f"{DEPT}2024年三公经费实际花的比预算少了多少？")
    first = reply["answers"][0]
    assert first["value"] == -5.75 and "少" in first["label"]  # 1.25 − 7.00
    assert {a["value"] for a in reply["answers"][1:]} == {7.0, 1.25}
    assert "第40行" in first["source"] and "第41行" in first["source"] and reply["cube_query"]["cut"]


def test_a_topics_programs_are_added_up_not_every_program_of_the_department(client):
    reply = ask(client, f"{DEPT}跟数据有关的项目一共多少钱？")
    assert reply["answers"][0]["value"] == 200.25  # 120 + 80.25, not the 配餐 program
    assert reply["intent"] == "programs_about" and "SELECT" in reply["sparql"]


def test_a_topics_programs_are_counted(client):
    answers = ask(client, f"{DEPT}跟数据有关的项目有几个？")["answers"]
    assert (answers[0]["value"], answers[0]["unit"]) == (2, "个")


def test_every_department_ranked_by_a_figure(client):
    answers = ask(client, "2025年各部门政府采购预算排前二的是哪几个？")["answers"]
    assert [(a["label"], a["value"]) for a in answers] == [(OTHER, 512.75), (DEPT, 300.5)]
    assert all("2025年" in a["text"] and "预算" in a["text"] for a in answers)


def test_the_part_of_a_share_is_the_measure_named_before_its_word(known):
    q = understand(f"{DEPT}的三公经费里公务接待费占几成？", known.lexicon)
    assert q.share == ("three_public_reception", "three_public", None)
    assert compile_question(q, known).keys == ["three_public_reception", "three_public_budget"]


@pytest.mark.parametrize("question, part, whole", [
    (f"{DEPT}政府采购中服务类占多少比例", "procurement_services", "government_procurement"),
    (f"{DEPT}的政府采购里货物占几成", "procurement_goods", "government_procurement"),
    (f"{DEPT}项目支出占比是多少", "project_expenditure", "expenditure_total"),
    (f"{DEPT}的三公经费里公务接待费占了多大比例？", "three_public_reception", "three_public"),
    (f"{DEPT}公务用车运行维护费占公务用车费用的比重", "three_public_vehicle_operation", "three_public_vehicle"),
])
def test_a_share_of_a_part_named_alone_is_of_its_own_whole(known, question, part, whole):
    q = understand(question, known.lexicon)
    assert q.share == (part, whole, None) and q.operation == "share"


@pytest.mark.parametrize("question, measure", [
    (f"{DEPT}一般公共预算拨款比上年增加了多少", "general_budget_revenue"),
    (f"{DEPT}一般公共预算当年拨款是多少", "general_budget_revenue"),
    (f"{DEPT}一般公共预算拨款支出比上年增加了多少", "general_budget_expenditure"),
])
def test_a_funds_appropriation_is_its_income_and_its_spending_is_its_spending(known, question, measure):
    assert understand(question, known.lexicon).measures[0] == measure


@pytest.mark.parametrize("question, measure", [
    (f"{DEPT}2025年公务用车购置及运行费", "three_public_vehicle"),
    (f"{DEPT}2025年公务用车运行维护费", "three_public_vehicle_operation"),
    (f"{DEPT}2025年公务用车购置费", "three_public_vehicle_purchase"),
])
def test_the_vehicle_cost_and_each_of_its_halves(known, question, measure):
    assert understand(question, known.lexicon).measures[0] == measure


def test_a_share_of_what_is_no_measure_in_a_named_whole_is_not_the_wholes_own_share(known):
    # the part is an item, not a measure: never 项目支出's share of all spending instead
    share = understand(f"{DEPT}2026年信息化建设支出占项目支出的比重是多少？", known.lexicon).share
    assert share[:2] == (UNKNOWN, "project_expenditure")  # no answer, and a message naming what is missing


def test_a_share_of_a_cost_no_figure_stands_for_is_no_answer(client):
    reply = ask(client, f"{DEPT}2025年人员经费占基本支出的比例是多少？")
    assert reply["answers"] == [] and "人员经费" in reply["message"]


def test_a_part_of_the_procurement_as_a_share_of_it_through_ask(client):
    first = ask(client, f"{DEPT}2025年政府采购里服务类占多少比例？")["answers"][0]
    assert (first["value"], first["unit"]) == (66.64, "%") and "第12行" in first["source"]  # 200.25 ÷ 300.5


def test_a_programs_share_of_a_figure_is_its_amount_over_that_figure_of_the_same_document(client):
    reply = ask(client, f"{DEPT}2025年数据共享平台运维占项目支出的百分之几？")
    first = reply["answers"][0]
    assert (first["value"], first["unit"]) == (50.0, "%")  # 120 ÷ 240
    assert "第20行" in first["source"] and "第15行" in first["source"] and reply["cube_query"]["part"]


def test_a_year_against_one_not_held_is_the_change_the_later_document_states(client):
    reply = ask(client, f"{OTHER}2025年三公经费比2024年多了多少？")
    first = reply["answers"][0]
    assert first["value"] == -2.5 and "减少" in first["label"] and "第31行" in first["source"]
    assert reply["answers"][1]["value"] == 12.0


def test_a_comparison_with_a_year_not_held_says_what_is_held(client):
    reply = ask(client, f"{OTHER}2025年政府采购比2023年多了多少？")
    assert reply["answers"] == [] and "2025年部门预算" in reply["message"]


def test_the_internal_unit_responsible_for_a_kind_of_work(client):
    reply = ask(client, f"{DEPT}由哪个股负责区政府门户网站的建设和维护？")
    assert reply["intent"] == "duty_holder"
    assert [a["label"] for a in reply["answers"]] == ["网络运维股"], reply["answers"]
    assert "门户网站" in reply["answers"][0]["text"] and reply["answers"][0]["source"]


def test_second_level_budget_units_are_subordinate_units(known):
    assert understand(f"{DEPT}有哪些二级预算单位？", known.lexicon).intent == "subordinate_units"


def test_programs_ranked_by_one_cube_query(client):
    reply = ask(client, f"{DEPT}预算最大的两个项目")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [("数据共享平台运维", 120.0), ("数据安全检测服务", 80.25)]
    assert reply["intent"] == "rank_programs" and "column:预算数|执行数" in reply["cube_query"]["cut"]
    assert all("第" in a["source"] for a in reply["answers"])


def test_programs_over_a_threshold_and_between_two(client):
    over = ask(client, "预算超过50万元的项目有哪些")
    assert [a["value"] for a in over["answers"]] == [120.0, 80.25] and "value:>50.0" in over["cube_query"]["cut"]
    between = ask(client, "预算在50万到100万之间的项目")
    assert [a["label"] for a in between["answers"]] == ["数据安全检测服务"]


def test_a_departments_figure_year_by_year_with_signed_changes(client):
    answers = ask(client, f"{DEPT}历年的三公经费")["answers"]
    # each year's own document's figure: the 2024 final account's actual, not the plan it repeats
    assert [(a["value"], "决算" in a["label"]) for a in answers] == [(1.25, True), (9.5, False)]
    assert answers[1]["text"] == "比2024年增加8.25万元"


def test_the_mean_of_one_figure_per_department(client):
    first = ask(client, "2025年各部门三公经费平均是多少")["answers"][0]
    assert first["value"] == 10.75 and first["label"].startswith("2个部门2025年")  # (9.5 + 12) / 2


def test_the_mean_budget_of_a_departments_programs(client):
    reply = ask(client, f"{DEPT}项目平均预算是多少")
    assert reply["intent"] == "average_programs" and reply["answers"][0]["value"] == 76.75  # 230.25 / 3


def test_a_change_not_stated_is_no_answer_and_the_figure_is_said_in_words(client):
    reply = ask(client, f"{DEPT}2025年政府采购比上年增加了多少？")
    assert reply["answers"] == [] and "300.5万元" in reply["message"] and "没有写明比上年的增减" in reply["message"]


def test_programs_counted_added_up_and_averaged_by_the_program_cube_query(client):
    counted = ask(client, f"{DEPT}预算超过50万元的项目有几个？")
    assert counted["answers"][0]["value"] == 2 and "value:>50.0" in counted["cube_query"]["cut"]
    summed = ask(client, f"{DEPT}的项目预算合计")
    assert summed["answers"][0]["value"] == 230.25 and "column:预算数|执行数" in summed["cube_query"]["cut"]
    assert {a["label"] for a in summed["answers"][1:]} == {"数据共享平台运维", "数据安全检测服务", "机关食堂配餐"}
    assert "gk:program ?program" in summed["sparql"]
    assert ask(client, f"{DEPT}的项目平均预算是多少")["answers"][0]["value"] == 76.75  # 230.25 / 3

