"""Figures the tables print per unit or the text states beside them: each budget unit's own total
(a 收入总表's row per unit) ranked or added up, and a classified item's change on last year. The
department, units and figures are invented."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, LineItem, Record, Source, Unit, UnitTotal
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市西湖区水务局"
UNITS = [("临江市西湖区水文站", 12.5), ("临江市西湖区河道管理所", 40.25), ("临江市西湖区节水中心", 7.0)]


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "consolidated", "water.pdf", "e" * 64, "raw")
    record.subordinate_units = [Unit(name, source=Source("单位构成", 5 + i)) for i, (name, _) in enumerate(UNITS)]
    # the department's own (本级) row is no subordinate unit's
    record.unit_totals = [UnitTotal(DEPT, "101001", 100.0, "合计", Source("收入总表", 30))] + [
        UnitTotal(name, f"10100{i + 2}", value, "合计", Source("收入总表", 31 + i)) for i, (name, value) in enumerate(UNITS)]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def test_the_unit_with_the_largest_own_budget(client):
    answers = ask(client, f"{DEPT}的下属单位里，哪个单位2026年预算最多？")["answers"]
    assert [(a["label"], a["value"]) for a in answers] == [("临江市西湖区河道管理所", 40.25)]
    assert "收入总表" in answers[0]["source"] and "第32行" in answers[0]["source"]


def test_the_units_own_budgets_added_up(client):
    answers = ask(client, f"{DEPT}三个下属单位2026年的预算加起来是多少？")["answers"]
    assert len(answers) == 1 and answers[0]["value"] == 59.75  # 12.5 + 40.25 + 7.0, not the 本级 100


def test_units_listed_without_an_amount_asked_have_none(client):
    answers = ask(client, f"{DEPT}的下属单位有哪些？")["answers"]
    assert sorted(a["label"] for a in answers) == sorted(name for name, _ in UNITS)
    assert all(a["value"] is None for a in answers)


@pytest.fixture(scope="module")
def items_client():
    record = Record(DEPT, 2026, "budget", "consolidated", "water-items.pdf", "f" * 64, "raw")
    record.line_items = [
        LineItem("支出总表", "213", "农林水支出", {"合计": 80.5}, "functional", source=Source("支出总表", 40)),
        LineItem("支出总表", "2130106", "水利工程建设", {"合计": 30.25}, "functional", source=Source("支出总表", 41)),
        LineItem("说明：支出说明", "213", "农林水支出", {"比上年增减": -12.5}, "functional", source=Source("说明", 60)),
        LineItem("说明：支出说明", "2130106", "水利工程建设", {"上年执行数": 20.0}, "functional", source=Source("说明", 61))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def test_an_items_change_stated_in_the_text_is_answered_with_its_sign(items_client):
    answers = ask(items_client, f"{DEPT}2026年农林水支出和上年比变化了多少？")["answers"]
    assert answers[0]["value"] == -12.5 and "减少" in answers[0]["label"]


def test_an_items_change_on_last_years_execution_is_computed(items_client):
    answers = ask(items_client, f"{DEPT}2026年水利工程建设预算比2025年执行数增加了多少万元？")["answers"]
    assert answers[0]["value"] == 10.25 and "执行数20万元" in answers[0]["label"]  # 30.25 - 20.00


@pytest.mark.parametrize("asked", ["下降了百分之几", "减少了百分之多少", "的降幅是多少"])
def test_an_items_change_asked_as_a_rate_is_over_last_years_figure(items_client, asked):
    answers = ask(items_client, f"{DEPT}2026年农林水支出比上年{asked}")["answers"]
    # -12.5 on last year's 93.0 (80.5 + 12.5): 13.44%, computed and said so, never the 12.5 万元
    assert [(a["value"], a["unit"]) for a in answers] == [(13.44, "%")]
    assert "计算所得" in answers[0]["text"] and "第60行" in answers[0]["source"]


def test_an_items_amount_is_not_its_change(items_client):
    answers = ask(items_client, f"{DEPT}2026年农林水支出是多少？")["answers"]
    assert answers[0]["value"] == 80.5


@pytest.fixture(scope="module")
def unit_client():
    line = "收入预算1,731万元，其中：财政拨款收入1,600万元，比2025年预算增加254万元；事业收入131万元。"
    record = Record("临江市西湖区水政监察大队", 2026, "budget", "standalone", "unit.pdf", "9" * 64, "raw")
    record.facts = [Fact("revenue_total", 1731.0, text=line, source=Source("说明", 53)),
                    Fact("fiscal_appropriation_revenue", 1600.0, text=line, source=Source("说明", 53)),
                    Fact("fiscal_appropriation_revenue_change", 254.0, text=line, source=Source("说明", 53)),
                    Fact("administrative_operating_cost", 48.78, source=Source("说明", 90)),
                    Fact("administrative_operating_cost_change", -4.98, source=Source("说明", 90)),
                    Fact("administrative_operating_cost_change_pct", -9.0, "%", source=Source("说明", 90))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def test_a_revenue_lines_change_is_its_own_not_the_totals(unit_client):
    reply = ask(unit_client, "临江市西湖区水政监察大队2026年财政拨款收入比上年增加了多少")
    assert [(a["value"], a["source"].split("第")[-1]) for a in reply["answers"]] == [(254.0, "53行")]
    # the total's change is stated nowhere: never the fund's 254 in its place
    total = ask(unit_client, "临江市西湖区水政监察大队2026年收入比上年增加了多少")
    assert all(a["value"] != 254.0 for a in total["answers"])


def test_a_figures_change_rate_is_the_one_printed(unit_client):
    reply = ask(unit_client, "临江市西湖区水政监察大队2026年机关运行经费比上年下降了百分之几")
    assert [(abs(a["value"]), a["unit"]) for a in reply["answers"]] == [(9.0, "%")]
