"""Indicators asked by their words when those words also name a classified item, targets printed without a
number, and completion rates stated only in prose — over an invented department: each answer is the thing
asked with its own source line, and what the documents do not state is said so, never something near."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Indicator, LineItem, Program, Record, Source
from query_api.answering.rates import printed_rate
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市医疗保障局"
RATE_LINE = ("临江市医疗保障局2023年度“三公”经费财政拨款支出决算为2.40万元，完成预算8.00万元的30.00%。其中：因公出国（境）费"
             "支出决算为0.00万元，完成预算0.00万元的0.00%；公务接待费支出决算为0.60万元，完成预算2.00万元的30.00%；"
             "公务用车运行费支出决算为1.80万元，完成预算6.00万元的30.01%。")


@pytest.fixture(scope="module")
def client():
    budget = Record(DEPT, 2025, "budget", "consolidated", "lj-medical-2025.pdf", "a" * 64, "raw")
    budget.line_items = [LineItem("支出总表", "21013", "医疗救助", {"合计": 420.0}, "functional", source=Source("支出总表", 20))]
    budget.programs = [Program(name, DEPT, amount=100.0, source=Source("项目支出表", 30 + n))
                       for n, name in enumerate(["医疗救助资金", "城乡医疗救助中央补助资金", "医保专线运维经费", "购买中介机构审计服务",
                                               "公务用车委托管理费", "农村医保经办专项资金", "门诊慢特病管理服务经费",
                                               "公车统管费用", "医疗保障工作经费"])]
    budget.indicators = [
        Indicator("城乡医疗救助政策知晓率", ">=", 80.0, "%", "医疗救助资金", text=">=80%", source=Source("绩效目标表", 40)),
        Indicator("城乡医疗救助政策知晓率", ">=", 85.0, "%", "城乡医疗救助中央补助资金", text=">=85%", source=Source("绩效目标表", 41)),
        Indicator("专线最低带宽", None, None, None, "医保专线运维经费", text="≥20M", source=Source("绩效目标表", 42)),
        Indicator("提交运维报告（篇）", ">=", 12.0, None, "医保专线运维经费", text=">=12", source=Source("绩效目标表", 43)),
        Indicator("聘请中介机构（家）", ">=", 5.0, None, "购买中介机构审计服务", text=">=5", source=Source("绩效目标表", 44)),
        Indicator("固定资产利用率", ">=", 100.0, "%", "公务用车委托管理费", text=">=100%", source=Source("绩效目标表", 45)),
        Indicator("建设农村经办网点项目数量", ">=", 49.0, "个", "农村医保经办专项资金", text=">=49个",
                  source=Source("绩效目标表", 46)),
        Indicator("参保人员满意度", ">=", 95.0, "%", "门诊慢特病管理服务经费", text=">=95%", source=Source("绩效目标表", 47)),
        Indicator("职工满意度", ">=", 90.0, "%", "公车统管费用", text=">=90%", source=Source("绩效目标表", 48)),
        Indicator("预算执行率", ">=", 95.0, "%", "公车统管费用", text=">=95%", source=Source("绩效目标表", 49)),
        Indicator("全年租用车辆次数", "<=", 120.0, "次", "公车统管费用", text="<=120次", source=Source("绩效目标表", 50)),
        Indicator("审核定点医疗机构数量", ">=", 30.0, "家", "医疗保障工作经费", text=">=30家", source=Source("绩效目标表", 51))]
    final = Record(DEPT, 2023, "final_account", "standalone", "lj-medical-2023.txt", "b" * 64, "raw")
    final.facts = [Fact("three_public_actual", 2.4, text=RATE_LINE, source=Source("“三公”经费说明", 546)),
                   Fact("three_public_budget", 8.0, text=RATE_LINE, source=Source("“三公”经费说明", 546)),
                   Fact("three_public_reception", 0.6, text=RATE_LINE, source=Source("“三公”经费说明", 546)),
                   Fact("execution_rate", 99.5, "%", text="部门整体支出完成预算的99.50%。", source=Source("绩效自评", 600))]
    return create_app({"STORE": store_of([budget, final]), "TESTING": True}).test_client()


def test_an_indicator_holding_an_items_name_is_the_indicator_not_the_items_money(client):
    reply = ask(client, f"{DEPT}医疗救助政策知晓率的目标值是多少")
    assert reply["intent"] == "indicator"
    # both programs' indicators of that name, each with its program and line: none picked silently
    assert sorted((a["value"], a["source"].split("第")[-1]) for a in reply["answers"]) == [(80.0, "40行"), (85.0, "41行")]
    assert all("医疗救助" in a["text"] and "：" in a["text"] for a in reply["answers"])


def test_the_items_money_is_still_its_own_when_no_indicator_is_asked(client):
    first = ask(client, f"{DEPT}2025年医疗救助预算多少")["answers"][0]
    assert first["value"] == 420.0 and "第20行" in first["source"]


def test_a_target_printed_without_a_number_is_said_as_printed(client):
    first = ask(client, f"{DEPT}医保专线最低带宽要求是多少")["answers"][0]
    assert "≥20M" in first["text"] and "None" not in first["text"]


def test_a_figures_completion_rate_is_the_one_printed_beside_it(client):
    reply = ask(client, f"{DEPT}2023年三公经费预算完成率是多少")
    assert [(a["value"], a["unit"]) for a in reply["answers"]] == [(30.0, "%")]
    assert "第546行" in reply["answers"][0]["source"]  # not the overall 99.5 of line 600


def test_a_figures_rate_is_not_a_programs_indicator_of_that_name(client):
    # 预算执行率 is also an indicator of one of the department's programs: the 三公 rate is still the printed one
    reply = ask(client, f"{DEPT}2023年三公经费预算执行率是多少")
    assert [a["value"] for a in reply["answers"]] == [30.0]


def test_a_figure_inside_a_programs_name_makes_no_indicator_a_figures_rate(client):
    # 公车 of 公车统管费用 is the program's name, not a figure the indicator 全年租用车辆次数 is said of
    first = ask(client, f"{DEPT}公车统管费用项目的全年租用车辆次数目标是多少")["answers"][0]
    assert (first["value"], first["unit"]) == (120.0, "次") and "第50行" in first["source"]


def test_a_parts_completion_rate_is_read_from_its_own_clause(client):
    reply = ask(client, f"{DEPT}2023年公务接待费完成预算的百分之几")
    assert [a["value"] for a in reply["answers"]] == [30.0]


def test_a_rate_no_sentence_states_is_said_so_not_the_overall_rate(client):
    reply = ask(client, f"{DEPT}2025年三公经费预算执行率是多少")
    assert not reply["answers"] and "没有写明" in reply["message"]


def test_a_rate_is_taken_only_from_the_clause_stating_the_figure():
    assert printed_rate(RATE_LINE, 1.8) == 30.01
    assert printed_rate(RATE_LINE, 3.3) is None
    assert printed_rate("预算执行率达100.00%，支出593.76万元。", 593.76) is None  # another clause's rate


def test_an_indicator_named_with_its_unit_in_brackets_is_found_by_its_words(client):
    first = ask(client, f"{DEPT}医保专线运维经费要求提交多少篇运维报告")["answers"][0]
    assert (first["value"], first["unit"]) == (12.0, "篇") and "第43行" in first["source"]


@pytest.mark.parametrize("question", [f"{DEPT}医保专线运维经费要求提交多少篇运维报告",  # 报告: no documents asked
                                      f"{DEPT}医保专线运维经费提交运维报告的篇数目标"])
def test_a_noun_that_is_an_indicators_word_asks_the_indicator(client, question):
    assert ask(client, question)["intent"] == "indicator"


def test_a_programs_money_asked_through_its_indicators_words_is_its_money(client):
    reply = ask(client, f"{DEPT}请中介机构做审计的那个项目预算多少万元")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [("购买中介机构审计服务", 100.0)]
    counted = ask(client, f"{DEPT}购买中介机构审计服务项目聘请中介机构多少家")["answers"]  # 家: the indicator's unit
    assert [(a["value"], a["unit"]) for a in counted] == [(5.0, "家")]


@pytest.mark.parametrize("question", [f"{DEPT}医疗保障工作经费里，要审核多少家定点医疗机构",
                                      f"{DEPT}医疗保障工作经费审核定点医疗机构数量的目标"])
def test_a_count_asked_in_words_names_the_indicator_counting_it(client, question):
    # 多少家…医疗机构 is …医疗机构数量's target: 家 says how many, it asks for no organisation
    reply = ask(client, question)
    assert reply["intent"] == "indicator" and [a["value"] for a in reply["answers"]] == [30.0], reply


def test_what_a_program_is_for_is_still_its_purpose(client):
    assert ask(client, "医保专线运维经费用于什么")["intent"] != "indicator"


def test_an_indicators_whole_name_asks_it_whatever_figure_its_programs_words_name(client):
    # 公车 names a 三公 figure, but the question says the indicator's whole name and asks a requirement
    first = ask(client, f"{DEPT}公车委托管理的固定资产利用率要求")["answers"][0]
    assert (first["value"], first["unit"]) == (100.0, "%") and "第45行" in first["source"]


def test_the_program_noun_inside_an_indicators_words_asks_no_count_of_programs(client):
    first = ask(client, f"{DEPT}农村经办网点项目建设数量目标")["answers"][0]  # word order changed
    assert first["value"] == 49.0 and "第46行" in first["source"]
    assert ask(client, f"{DEPT}2025年有几个项目")["answers"][0]["value"] == 9


def test_a_rate_the_document_prints_as_not_comparable_is_no_number():
    text = ("其中：因公出国（境）费支出决算为0万元，完成预算0万元的--%（基数为0，不可比）；"
            "公务接待费支出决算为0万元，完成预算0.4万元的0%。")
    assert printed_rate(text, 0.0, "因公出国（境）费") is None  # not the next clause's 0%
    assert printed_rate(text, 0.0, "公务接待费") == 0.0


def test_of_indicators_that_fit_alike_the_one_whose_program_the_words_name(client):
    # 慢特病 names the program; 医保 of the department's own name is no word of any indicator
    reply = ask(client, f"{DEPT}慢特病患者满意度目标")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [("参保人员满意度", 95.0)]


def test_indicators_that_fit_alike_are_all_listed_not_one_picked(client):
    labels = {a["label"] for a in ask(client, f"{DEPT}的满意度目标")["answers"]}
    assert labels == {"参保人员满意度", "职工满意度"}


@pytest.mark.parametrize("asked", ["完成了预算的百分之多少", "完成了预算的百分之几", "完成预算的比例是多少"])
def test_the_departments_overall_completion_rate_is_the_one_it_states(client, asked):
    reply = ask(client, f"{DEPT}2023年部门整体支出{asked}")
    assert [(a["value"], a["unit"], a["source"].split("第")[-1]) for a in reply["answers"]] == [(99.5, "%", "600行")]
