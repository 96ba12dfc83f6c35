"""Shares, sub-totals and splits answered end to end over an invented department: 人员支出 and 日常公用支出
(each, their difference, one's share of 基本支出), the budget's grand total asked as 收支总预算, one
classified line as a share of the line it sums into (both rows of one table and column), and a share the
document prints answered as printed rather than recomputed."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, LineItem, Record, Source, Unit
from query_api.app import create_app
from tests.query_api.sample_clients import ask, client_over

DEPT = "临江市气象局"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "consolidated", "1.pdf", "a" * 64, "raw")
    record.facts = [
        Fact("expenditure_total", 1000.0, source=Source("收支总表", 6)),
        Fact("grand_total", 1200.0, source=Source("收支总表", 8)),
        Fact("basic_expenditure", 600.0, source=Source("支出总表", 10)),
        Fact("personnel_expenditure", 450.0, source=Source("支出总表", 10)),
        Fact("public_expenditure", 150.0, source=Source("支出总表", 10)),
        # printed rounded otherwise than the quotient (400 ÷ 1000 = 40%): the printed one is the answer
        Fact("project_expenditure", 400.0, text="项目支出400.00万元，占39.9%", source=Source("说明", 40)),
        Fact("fiscal_appropriation_expenditure", 800.0, source=Source("财政拨款收支总表", 50)),
    ]
    record.line_items = [
        LineItem("支出总表", "201", "一般公共服务支出", {"合计": 300.0}, "functional", source=Source("支出总表", 11)),
        LineItem("支出总表", "20101", "人大事务", {"合计": 300.0}, "functional", source=Source("支出总表", 12)),
        LineItem("支出总表", "2010101", "行政运行", {"合计": 120.0}, "functional", source=Source("支出总表", 13)),
        LineItem("财政拨款支出表", "2010101", "行政运行", {"合计": 100.0}, "functional", source=Source("财政拨款支出表", 61)),
        # the same line in one fund's table, with other figures: never mixed with the total table's rows
        LineItem("一般公共预算支出表", "201", "一般公共服务支出", {"合计": 250.0}, "functional",
                 source=Source("一般公共预算支出表", 21)),
    ]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def test_personnel_and_public_spending_are_figures_of_their_own(client):
    reply = ask(client, f"{DEPT}2026年人员经费是多少")
    assert [a["value"] for a in reply["answers"]] == [450.0] and "第10行" in reply["answers"][0]["source"]
    assert [a["value"] for a in ask(client, f"{DEPT}2026年日常公用支出是多少")["answers"]] == [150.0]


def test_personnel_against_public_spending_is_a_signed_difference(client):
    reply = ask(client, f"{DEPT}2026年人员支出比公用经费多多少")
    assert reply["answers"][-1]["value"] == 300.0


def test_a_part_of_basic_spending_is_a_share_of_basic_spending_unless_another_whole_is_named(client):
    share = ask(client, f"{DEPT}2026年人员经费占比多少")["answers"][0]
    assert (share["value"], share["unit"]) == (75.0, "%")  # 450 ÷ 600: the whole it is a part of
    assert ask(client, f"{DEPT}2026年公用经费占支出总额的比例")["answers"][0]["value"] == 15.0


def test_the_grand_total_asked_in_peoples_words(client):
    for asked in ("收支总预算是多少", "收支总计多少"):
        assert [a["value"] for a in ask(client, f"{DEPT}2026年{asked}")["answers"]] == [1200.0]


def test_a_line_as_a_share_of_the_line_it_sums_into_reads_both_rows_of_one_table_and_column(client):
    reply = ask(client, f"{DEPT}2026年行政运行占一般公共服务支出的比例")
    first = reply["answers"][0]
    assert (first["value"], first["unit"]) == (40.0, "%")  # 120 ÷ 300 of 支出总表, never ÷ 250 of one fund's table
    assert "第13行" in first["source"] and "第11行" in first["source"] and "计算" in first["text"]


def test_a_share_the_document_prints_is_answered_as_printed_with_its_line(client):
    first = ask(client, f"{DEPT}2026年项目支出占总支出的比例")["answers"][0]
    assert first["value"] == 39.9 and "第40行" in first["source"] and "占39.9%" in first["text"]


def test_figures_asked_together_are_each_given_then_added_up_when_of_one_document(client):
    reply = ask(client, f"{DEPT}2026年人员经费和公用经费一共多少")
    assert [a["value"] for a in reply["answers"]] == [450.0, 150.0, 600.0]
    assert "450万元 + " in reply["answers"][-1]["text"]


def test_a_whole_that_is_a_sub_total_reads_the_part_from_its_own_table(client):
    first = ask(client, f"{DEPT}2026年行政运行占财政拨款支出的比例")["answers"][0]
    assert first["value"] == 12.5  # 100 of 财政拨款支出表 ÷ 800, never 120 of the 支出总表
    assert "第61行" in first["source"] and "第50行" in first["source"]


@pytest.mark.parametrize("asked", ["部门本级的基本支出是多少", "本级人员经费占基本支出的比例", "本级行政运行是多少"])
def test_a_scope_the_store_holds_no_document_of_is_said_plainly_with_no_figure(client, asked):
    reply = ask(client, f"{DEPT}2026年{asked}")
    assert reply["answers"] == [] and "汇总，含下属单位" in reply["message"] and "部门本级" in reply["message"]


def test_the_bundled_final_accounts_parts_of_basic_spending_answer_with_their_row(samples_dir):
    sample = client_over(samples_dir / "haizhou_data_2024_final_account.txt")
    first = ask(sample, "海州市数据资源局2024年人员经费占基本支出的比例")["answers"][0]
    assert first["value"] == 91.06  # 560.00 ÷ 615.00, both of the final account
    assert "人员经费合计" in ask(sample, "海州市数据资源局2024年公用经费是多少")["answers"][0]["text"]


def test_two_parts_asked_of_one_whole_are_each_a_share_of_it(client):
    reply = ask(client, f"{DEPT}2026年人员经费和公用经费各占基本支出的多少")
    assert [a["value"] for a in reply["answers"]] == [75.0, 25.0]


def test_a_scope_said_as_含下属单位_picks_the_consolidated_document_and_asks_no_units():
    def record(scope: str, total: float, line: int) -> Record:
        made = Record("临江市水务局", 2026, "budget", scope, f"{scope}.pdf", scope[0] * 64, "raw")
        made.subordinate_units = [Unit("临江市河道管理所", source=Source("机构设置", 3))]
        made.line_items = [LineItem("支出总表", "201", "一般公共服务支出", {"合计": total}, "functional",
                                    source=Source("支出总表", line))]
        return made

    client = create_app({"STORE": store_of([record("consolidated", 300.0, 11), record("standalone", 120.0, 12)]),
                         "TESTING": True}).test_client()
    # (a unit named inside the scope said is the scope too: 含下属河道管理所的部门汇总, 含临江市河道管理所在内)
    for scope in ("（含下属单位）", "含所属单位在内的", "包括下属单位", "（含下属河道管理所的部门汇总）", "（含临江市河道管理所在内）"):
        answers = ask(client, f"临江市水务局2026年部门预算{scope}一般公共服务支出多少？")["answers"]
        assert [a["value"] for a in answers] == [300.0], scope  # the consolidated line, not the units' list
        assert "第11行" in answers[0]["source"]
    units = ask(client, "临江市水务局有哪些下属单位")["answers"]
    assert [a["label"] for a in units] == ["临江市河道管理所"]  # a unit asked for is still answered


@pytest.mark.parametrize("asked", ["预算有百分之多少花在一般公共服务支出上", "支出有几成用在了一般公共服务支出上"])
def test_a_share_said_whole_first_is_the_parts_share_of_it(client, asked):
    # (the whole before 百分之多少, the part after 花在: never the part's amount alone)
    first = ask(client, f"{DEPT}2026年{asked}")["answers"][0]
    assert (first["value"], first["unit"]) == (30.0, "%")  # 300 ÷ 1000
