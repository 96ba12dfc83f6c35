"""One program across a final account and a later budget of its department, over invented documents: each
year's figure in the phase asked and the signed change, the program found in the later year under a name
resembling the earlier one; a year the store does not hold for it is said so, with no number."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市政务服务数据管理局"


@pytest.fixture(scope="module")
def client():
    final = Record(DEPT, 2023, "final_account", "standalone", "lj-2023-final.txt", "c" * 64, "raw")
    final.programs = [Program("12345服务热线外包服务", DEPT, amount=600.0, executed=593.76, source=Source("绩效自评", 586)),
                      Program("政务云租用经费", DEPT, amount=80.0, executed=79.5, source=Source("项目支出决算表", 90))]
    budget = Record(DEPT, 2025, "budget", "consolidated", "lj-2025-budget.pdf", "d" * 64, "raw")
    budget.programs = [Program("临江市12345政府服务热线2025年度外包服务项目", DEPT, amount=500.0, source=Source("项目支出表", 923)),
                       Program("政务服务工作经费", DEPT, amount=27.0, source=Source("项目支出表", 918))]
    return create_app({"STORE": store_of([final, budget]), "TESTING": True}).test_client()


@pytest.mark.parametrize("question", [f"{DEPT}12345服务热线外包服务2025年预算比2023年决算多多少",
                                      f"{DEPT}12345服务热线外包服务从2023年决算到2025年预算变化了多少"])
def test_a_program_from_a_final_account_to_a_later_budget_is_the_signed_change(client, question):
    reply = ask(client, question)
    *sides, change = reply["answers"]
    assert [(a["value"], a["source"].split("第")[-1]) for a in sides] == [(593.76, "586行"), (500.0, "923行")]
    assert change["value"] == -93.76 and "减少" in change["label"] and "第586行" in change["source"]


@pytest.mark.parametrize("less", ["少了多少", "少花了多少", "少用了多少"])
def test_a_fall_asked_as_less_is_a_positive_amount(client, less):
    change = ask(client, f"{DEPT}12345服务热线外包服务2025年比2023年{less}")["answers"][-1]
    assert change["value"] == 93.76 and "减少" in change["label"]


def test_a_year_the_program_is_missing_from_is_said_with_no_number(client):
    reply = ask(client, f"{DEPT}政务服务工作经费2025年预算比2023年决算多多少")
    assert not reply["answers"] and "2023年决算" in reply["message"] and "27万元" in reply["message"]
    wrong_phase = ask(client, f"{DEPT}12345服务热线外包服务2025年决算比2023年决算多多少")
    assert not wrong_phase["answers"] and "2025年决算" in wrong_phase["message"]


def test_a_programs_execution_rate_is_its_own_spending_over_its_budget(client):
    reply = ask(client, f"{DEPT}2023年政务云租用经费的预算执行率")
    assert [(a["value"], a["unit"]) for a in reply["answers"]] == [(99.38, "%")] and "第90行" in reply["answers"][0]["source"]
    budget_only = ask(client, f"{DEPT}政务服务工作经费执行率")  # a budget states no spending: no rate
    assert not budget_only["answers"] and "执行数" in budget_only["message"]


def test_the_two_years_asked_each_are_each_documents_own_figure_with_no_change(client):
    reply = ask(client, f"{DEPT}12345热线外包项目2025年预算和2023年决算各是多少")
    assert [(a["value"], a["source"].split("第")[-1]) for a in reply["answers"]] == [(593.76, "586行"), (500.0, "923行")]
    assert "2023年决算" in reply["answers"][0]["text"] and "2025年预算" in reply["answers"][1]["text"]


@pytest.mark.parametrize("question", [f"{DEPT}2023年政务云租用经费年初预算多少，实际执行了多少",
                                      f"{DEPT}2023年政务云租用经费的预算数和执行数各是多少",
                                      f"{DEPT}2023年政务云项目的预算执行情况"])
def test_a_programs_plan_and_actual_are_both_answered_from_its_final_account(client, question):
    reply = ask(client, question)
    assert [(a["label"], a["value"], a["source"].split("第")[-1]) for a in reply["answers"]] \
        == [("政务云租用经费2023年预算数", 80.0, "90行"), ("政务云租用经费2023年执行数", 79.5, "90行")]


@pytest.mark.parametrize("less", ["决算比预算少多少", "实际比预算少用了多少", "实际比预算少花了多少", "比预算节约了多少"])
def test_a_programs_spending_against_its_plan_is_the_signed_difference(client, less):
    *sides, difference = ask(client, f"{DEPT}2023年政务云租用经费{less}")["answers"]
    assert [a["value"] for a in sides] == [80.0, 79.5]  # never the spending alone as the difference
    assert difference["value"] == 0.5 and "减少" in difference["label"] and "79.5 − 80 = -0.5" in difference["text"]


def test_a_plan_and_actual_of_a_program_with_no_final_account_is_said_missing(client):
    reply = ask(client, f"{DEPT}政务服务工作经费实际执行了多少，预算多少")
    assert not reply["answers"] and "执行数" in reply["message"] and "27万元" in reply["message"]
