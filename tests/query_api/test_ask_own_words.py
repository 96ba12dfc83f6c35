"""Changes, shares and comparisons asked in people's own words, over an invented department: each
phrasing read into the same slots (measure, part and whole, change and its direction or rate), and
answered from the stored figures, signed, with the source of every figure."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, LineItem, Record, Source
from query_api.app import create_app
from query_api.lexicon import Entry, Lexicon
from query_api.nlu import understand
from tests.query_api.sample_clients import ask

DEPT, OTHER = "临江市东湖区数据资源局", "临江市文化广电旅游局"
FUNCTIONAL = "https://w3id.org/govkg/id/code/functional/"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon([Entry("d:1", "department", DEPT, ("东湖数据局",)), Entry("d:2", "department", OTHER),
                    Entry(FUNCTIONAL + "201", "item", "一般公共服务支出"),
                    Entry(FUNCTIONAL + "2040613", "item", "信息化建设"),
                    Entry("https://w3id.org/govkg/id/code/economic/30217", "item", "公务接待费")])


@pytest.mark.parametrize("question, share", [
    (f"{DEPT}项目支出占总支出的百分之几？", ("project_expenditure", "expenditure_total", None)),
    (f"{DEPT}基本支出占支出总额几成", ("basic_expenditure", "expenditure_total", None)),
    (f"{DEPT}项目支出占比是多少", ("project_expenditure", "expenditure_total", None)),  # the whole implied
    (f"{DEPT}的项目支出在总支出里占几成", ("project_expenditure", "expenditure_total", None)),
    (f"{DEPT}三公经费中公务用车运行维护费占多大比重", ("three_public_vehicle_operation", "three_public", None)),
    (f"{DEPT}公务接待费占比多少", ("three_public_reception", "three_public", None)),  # a 三公 part: of 三公
    (f"{DEPT}三公经费占基本支出的比例", ("three_public", "basic_expenditure", None)),
    (f"{DEPT}一般公共服务支出占总支出的比例", ("item", "expenditure_total", None)),  # a 类 of spending
    (f"{DEPT}信息化建设支出占项目支出的比重", ("item", "project_expenditure", None)),  # 支出 after the name is its own
    ("哪些部门的项目支出超过了支出总额的一半", ("project_expenditure", "expenditure_total", (">", 0.5))),
])
def test_a_share_is_its_part_and_its_whole_however_it_is_asked(lexicon, question, share):
    assert understand(question, lexicon).share == share


@pytest.mark.parametrize("question, sign, rate", [
    (f"{DEPT}三公经费比去年多了还是少了", 0, False),
    (f"{DEPT}公务接待费今年涨了多少", 1, False),
    (f"{DEPT}公车购置费同比降了多少", -1, False),
    (f"{DEPT}2025年支出降幅是多少", -1, True),
    (f"{DEPT}2025年收入同比增长率", 1, True),
    (f"{DEPT}2025年收入预算同比是增是减", 0, False),
    (f"{DEPT}的支出预算增长了还是下降了", 0, False),  # the direction asked as a choice
    (f"{DEPT}2025年三公经费与去年相比", 0, False),
    (f"{DEPT}公务接待费比2024年减少多少", -1, False),  # the one year named is the base
])
def test_a_change_is_read_with_its_direction_and_whether_a_rate_is_asked(lexicon, question, sign, rate):
    q = understand(question, lexicon)
    assert (q.operation, q.change_sign, q.change_rate) == ("change", sign, rate)


def test_the_one_year_a_figure_is_measured_against_asks_the_change_of_the_year_after(lexicon):
    q = understand(f"{DEPT}公务接待费比2024年减少多少", lexicon)
    assert (q.year, q.years, q.base_year, q.change) == (2025, [2025], 2024, True)
    two = understand(f"{DEPT}和{OTHER}2025年的三公经费哪个多", lexicon)  # 和 before a year joins names, no base
    assert (two.year, two.base_year, two.operation) == (2025, None, "compare")


def test_a_vehicle_purchase_is_that_part_of_the_three_public_costs(lexicon):
    assert understand(f"{DEPT}公车购置费是多少", lexicon).measure == "three_public_vehicle_purchase"
    assert understand(f"{DEPT}公务用车运行费是多少", lexicon).measure == "three_public_vehicle_operation"


def test_two_figures_of_one_department_asked_apart_are_compared(lexicon):
    q = understand(f"{DEPT}基本支出比项目支出少多少", lexicon)
    assert q.operation == "compare" and q.measures == ["basic_expenditure", "project_expenditure"]
    assert understand(f"{DEPT}基本支出和项目支出各多少", lexicon).operation == "lookup"  # both, not compared


def test_two_offices_named_one_after_the_other_are_both_linked():
    lex = Lexicon([Entry("d:1", "department", "临江市审计局"), Entry("d:2", "department", "海州市信访局")])
    q = understand("临江审计局和海州信访局谁的三公经费多", lex)
    assert [e.label for e in q.entries("department")] == ["临江市审计局", "海州市信访局"] and not q.unknown_orgs


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2025, "budget", "consolidated", "donghu-2025.pdf", "d" * 64, "raw")
    record.facts = [Fact("expenditure_total", 800.0, source=Source("收支总表", 10)),
                    Fact("basic_expenditure", 300.0, source=Source("支出总表", 11)),
                    Fact("project_expenditure", 500.0, source=Source("支出总表", 12)),
                    Fact("three_public_budget", 20.0, source=Source("“三公”经费支出表", 30)),
                    Fact("three_public_reception", 5.0, source=Source("“三公”经费支出表", 31)),
                    Fact("three_public_vehicle_purchase", 12.0, source=Source("“三公”经费支出表", 32)),
                    Fact("three_public_reception_change", -0.5, source=Source("“三公”经费说明", 33)),
                    Fact("three_public_vehicle_purchase_change", 4.0, source=Source("“三公”经费说明", 34)),
                    Fact("expenditure_change", -64.0, source=Source("收支说明", 50)),
                    Fact("expenditure_change_pct", -7.41, "%", source=Source("收支说明", 50))]
    record.line_items = [
        LineItem("部门支出总表", "201", "一般公共服务支出", {"合计": 600.0, "基本支出": 250.0, "项目支出": 350.0},
                 "functional", source=Source("部门支出总表", 40)),
        LineItem("部门支出总表", "20101", "人大事务", {"合计": 600.0}, "functional", source=Source("部门支出总表", 41)),
        LineItem("部门经济分类支出表", "30217", "公务接待费", {"合计": 4.0}, "economic", source=Source("部门经济分类支出表", 60))]
    other = Record(OTHER, 2025, "budget", "consolidated", "culture-2025.pdf", "e" * 64, "raw")
    other.facts = [Fact("expenditure_total", 100.0, source=Source("收支总表", 9))]
    return create_app({"STORE": store_of([record, other]), "TESTING": True}).test_client()


def test_a_classified_items_share_of_spending_is_its_own_row_over_the_total(client):
    reply = ask(client, f"{DEPT}一般公共服务支出占总支出的比例是多少？")
    first = reply["answers"][0]
    assert (first["value"], first["unit"]) == (75.0, "%")  # 600 ÷ 800: the 类 row's 合计, not its parts added
    assert "第40行" in first["source"] and "第10行" in first["source"] and "part" in reply["cube_query"]


def test_a_part_of_the_three_public_costs_in_their_whole(client):
    first = ask(client, f"{DEPT}三公经费里公务接待费占几成？")["answers"][0]
    assert first["value"] == 25.0 and "第31行" in first["source"]


def test_a_share_with_its_whole_left_unsaid_is_of_total_spending(client):
    assert ask(client, f"{DEPT}项目支出占比多少")["answers"][0]["value"] == 62.5


def test_two_figures_of_one_department_give_the_signed_difference(client):
    reply = ask(client, f"{DEPT}基本支出比项目支出少多少？")
    assert [a["value"] for a in reply["answers"]] == [500.0, 300.0, 200.0]
    assert "项目支出" in reply["answers"][0]["label"] and reply["cube_query"]["cut"][0].startswith("fact:")


def test_a_change_asked_as_a_rise_that_was_a_fall_keeps_its_sign(client):
    first = ask(client, f"{DEPT}公务接待费今年涨了多少？")["answers"][0]
    assert first["value"] == -0.5 and "减少" in first["text"] and "第33行" in first["source"]


def test_a_change_against_the_year_before_named_is_the_stated_change(client):
    first = ask(client, f"{DEPT}支出比2024年减少了多少")["answers"][0]
    assert first["value"] == 64.0 and "第50行" in first["source"]  # asked as a fall, the fall is positive


def test_a_final_account_asked_of_a_department_with_only_budgets_gets_no_answer(client):
    reply = ask(client, f"{DEPT}2025年决算支出是多少")
    assert reply["answers"] == [] and "没有" in reply["message"] and "2025年部门预算" in reply["message"]


def test_a_change_of_a_vehicle_purchase_asked_as_a_fall(client):
    first = ask(client, f"{DEPT}公车购置费同比降了多少")["answers"][0]
    # it rose: asked as a fall, the true change (+4), the premise corrected in words
    assert first["value"] == 4.0 and "不是减少，而是增加4万元" in first["text"]


def test_a_fall_asked_as_a_rate_is_the_stated_percentage(client):
    first = ask(client, f"{DEPT}2025年支出降幅是多少？")["answers"][0]
    assert (first["value"], first["unit"]) == (7.41, "%") and "减少" in first["text"]


def test_more_or_less_than_last_year_is_answered_signed(client):
    first = ask(client, f"{DEPT}2025年支出比去年多了还是少了？")["answers"][0]
    assert first["value"] == -64.0 and "减少" in first["text"]


def test_the_vehicle_purchase_and_running_costs_together_are_the_whole_vehicle_figure(lexicon):
    assert understand(f"{DEPT}公务用车购置及运行费是多少", lexicon).measure == "three_public_vehicle"


def test_a_figure_named_inside_another_is_the_one_asked(lexicon):
    q = understand(f"{DEPT}三公经费中公务接待费多少", lexicon)
    assert q.measure == "three_public_reception" and q.operation == "lookup"


def test_a_three_public_part_named_as_its_economic_item_is_the_three_public_tables_figure(client):
    first = ask(client, f"{DEPT}2025年公务接待费预算多少？")["answers"][0]
    assert first["value"] == 5.0 and "第31行" in first["source"]  # the 三公 table's 5.0, not the item row's 4.0


def test_a_filler_word_inside_a_name_is_no_part_of_it():
    lex = Lexicon([Entry("d:1", "department", "临江市交通市政工务中心")])
    q = understand("临江那个交通市政工务中心有哪些项目", lex)
    assert [e.label for e in q.entries("department")] == ["临江市交通市政工务中心"] and not q.unknown_orgs
