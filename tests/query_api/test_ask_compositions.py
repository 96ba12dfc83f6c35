"""Compositions of slots answered end to end over invented departments: a measure compared between two
departments named as people type them (glued to 和/比), a program named with words left out as a share's
part, a classified line's final account against its plan, and the honest no-answers (no common year, a
missing plan, a whole the store keeps no figure of)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, LineItem, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

BASE, PETITION, ARCHIVE = "临江市职业教育基地综合协调办公室", "临江市信访局", "临江市档案局"


def _record(dept: str, year: int, kind: str, n: int, facts: list[Fact]) -> Record:
    record = Record(dept, year, kind, "standalone", f"{n}.pdf", f"{n:x}" * 64, "raw")
    record.facts = facts
    return record


@pytest.fixture(scope="module")
def client():
    base = _record(BASE, 2026, "budget", 1, [Fact("project_expenditure", 270.0, source=Source("支出总表", 7)),
                                               Fact("revenue_total", 656.73, source=Source("收支总表", 6)),
                                               Fact("three_public_budget", 3.15, source=Source("“三公”经费表", 9))])
    petition = _record(PETITION, 2026, "budget", 2, [Fact("project_expenditure", 474.56, source=Source("支出总表", 8)),
                                                     Fact("revenue_total", 1682.76, source=Source("收支总表", 3)),
                                                     Fact("three_public_budget", 18.3, source=Source("“三公”经费表", 5))])
    petition.programs = [Program("农村供水工程运行维护补助", amount=237.28, source=Source("项目支出表", 20)),
                         Program("信访事项办理", amount=237.28, source=Source("项目支出表", 21))]
    # the archive: a 2025 budget and a 2024 final account only — no year and phase in common with the others
    archive_budget = _record(ARCHIVE, 2025, "budget", 3, [Fact("project_expenditure", 99.0, source=Source("支出总表", 4))])
    archive_final = _record(ARCHIVE, 2024, "final_account", 4,
                            [Fact("project_expenditure", 88.0, source=Source("支出决算表", 6))])
    archive_final.line_items = [
        LineItem("一般公共预算财政拨款支出决算表", "2013201", "行政运行", {"年初预算数": 100.0, "决算数": 90.5},
                 "functional", source=Source("一般公共预算财政拨款支出决算表", 30)),
        LineItem("一般公共预算财政拨款支出决算表", "2013202", "一般行政管理事务", {"合计": 12.0}, "functional",
                 source=Source("一般公共预算财政拨款支出决算表", 31))]
    store = store_of([base, petition, archive_budget, archive_final])
    return create_app({"STORE": store, "TESTING": True}).test_client()


def test_two_departments_glued_by_he_are_compared_signed_with_both_sources(client):
    reply = ask(client, "临江信访局和临江职教基地办2026年项目支出相差多少")
    values = [a["value"] for a in reply["answers"]]
    assert values == [474.56, 270.0, 204.56]
    assert "第8行" in reply["answers"][2]["source"] and "第7行" in reply["answers"][2]["source"]


@pytest.mark.parametrize("asked", ["多多少", "高出多少", "多出多少", "高多少"])
def test_a_department_named_after_bi_and_a_figure_is_the_other_side(client, asked):
    reply = ask(client, f"临江信访局的三公经费比临江职教基地办{asked}")
    assert reply["answers"][-1]["value"] == 15.15  # 18.30 − 3.15
    assert {e["label"] for e in reply["entities"]} >= {PETITION, BASE}


def test_departments_with_no_phase_in_common_are_not_compared(client):
    reply = ask(client, f"{ARCHIVE}和临江信访局的项目支出决算相差多少")
    assert reply["answers"] == []
    assert "同一阶段" in reply["message"] and "2024年决算" in reply["message"] and "2026年预算" in reply["message"]


def test_departments_with_no_year_in_common_are_compared_each_by_its_latest_said_so(client):
    reply = ask(client, f"{ARCHIVE}和临江信访局的项目支出相差多少")
    assert [a["value"] for a in reply["answers"]] == [474.56, 99.0, 375.56]  # the 2025 budget, not the final account
    assert "没有同一年份" in reply["message"] and "2025年" in reply["message"]


def test_a_program_named_with_words_left_out_is_a_shares_part(client):
    reply = ask(client, "临江信访局农村供水运维补助占项目支出的百分之几")
    first = reply["answers"][0]
    assert (first["value"], first["unit"]) == (50.0, "%")  # 237.28 ÷ 474.56
    assert "第20行" in first["source"] and "第8行" in first["source"]


def test_a_share_of_a_whole_the_store_keeps_no_figure_of_is_no_answer(client):
    reply = ask(client, "临江信访局项目支出占财政拨款支出的比例")
    assert reply["answers"] == [] and "合计数" in reply["message"]


def test_a_lines_final_account_against_the_plan_its_table_prints(client):
    reply = ask(client, f"{ARCHIVE}2024年行政运行的决算数比年初预算少了多少")
    first = reply["answers"][0]
    assert first["value"] == -9.5 and "少" in first["label"] and "第30行" in first["source"]
    rate = ask(client, f"{ARCHIVE}2024年行政运行完成了预算的百分之几")["answers"][0]
    assert (rate["value"], rate["unit"]) == (90.5, "%")


def test_a_line_with_no_plan_printed_or_budgeted_is_no_answer_naming_the_missing_side(client):
    reply = ask(client, f"{ARCHIVE}2024年一般行政管理事务的决算比预算少多少")
    assert reply["answers"] == []
    assert "只有决算数12万元" in reply["message"] and "预算数" in reply["message"]


def test_the_lesser_asked_as_which_is_low_comes_first(client):
    reply = ask(client, "临江信访局和临江职教基地办谁的项目支出低")
    assert [a["value"] for a in reply["answers"]][:2] == [270.0, 474.56] and "更少" in reply["message"]


def test_two_departments_compared_with_no_figure_named_are_compared_by_their_whole_budget(client):
    answers = ask(client, "临江信访局跟临江职教基地办比差多少")["answers"]
    assert [a["value"] for a in answers] == [1682.76, 656.73, 1026.03] and "收入总额" in answers[0]["label"]


@pytest.mark.parametrize("asked", ["行政运行这项，年初预算和最后决算各是多少", "行政运行年初预算多少？最后实际用掉多少"])
def test_a_lines_plan_and_actual_asked_together_are_both_of_the_final_accounts_line(client, asked):
    answers = ask(client, f"{ARCHIVE}2024年{asked}")["answers"]
    by_label = {a["label"]: (a["value"], a["source"]) for a in answers}
    assert any("（预算" in label and value == 100.0 and "第30行" in source for label, (value, source) in by_label.items())
    assert any("（决算" in label and value == 90.5 and "第30行" in source for label, (value, source) in by_label.items())
