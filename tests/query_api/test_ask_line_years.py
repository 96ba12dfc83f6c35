"""A classified line asked of two years the question names, one department: its figure in each year's document
(a budget against last year's final account, each labelled with its phase) and the signed difference, never the
department's 支出 the line's name ends with. The department and figures are invented; a real store, a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, LineItem, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市数据局"


def _record(year: int, kind: str, scope: str, sha: str, lines: dict[str, float], total: float) -> Record:
    record = Record(DEPT, year, kind, scope, f"{sha}.txt", sha * 64, "raw")
    names = {"201": "一般公共服务支出", "2010301": "行政运行"}
    record.line_items = [LineItem("支出表", code, names[code], {"合计": value}, "functional", source=Source("支出表", 40 + i))
                         for i, (code, value) in enumerate(lines.items())]
    record.facts = [Fact("expenditure_total", total, source=Source("收支总表", 10))]
    return record


@pytest.fixture(scope="module")
def client():
    store = store_of([_record(2025, "budget", "consolidated", "a", {"201": 820.0, "2010301": 300.0}, 1000.0),
                      _record(2024, "final_account", "consolidated", "b", {"201": 775.0, "2010301": 495.0}, 895.0)])
    return create_app({"STORE": store, "TESTING": True}).test_client()


@pytest.mark.parametrize(("asked", "value"), [("2025年一般公共服务支出比2024年增加了多少", 45.0),
                                              ("2025年行政运行比2024年多了多少", -195.0),
                                              ("2025年行政运行比2024年少了多少", 195.0)])
def test_a_lines_change_between_two_years_named_is_of_its_own_figures(client, asked, value):
    change, before = ask(client, f"{DEPT}{asked}")["answers"]
    # the line's figures (820 − 775), not the department's 支出 (1000 − 895)
    assert (change["value"], change["unit"]) == (value, "万元") and "2024年部门决算" in change["label"]
    assert "部门预算" in change["text"] and "部门决算" in change["text"] and "第4" in change["source"]
    assert before["label"].startswith(f"{DEPT}2024年")


def test_two_years_of_both_another_phase_and_another_scope_are_not_subtracted():
    store = store_of([_record(2025, "budget", "consolidated", "c", {"201": 820.0, "2010301": 300.0}, 1000.0),
                      _record(2024, "final_account", "standalone", "d", {"201": 775.0, "2010301": 495.0}, 895.0)])
    app = create_app({"STORE": store, "TESTING": True}).test_client()
    reply = ask(app, f"{DEPT}2025年行政运行比2024年多了多少")
    assert [a for a in reply["answers"] if a["type"] == "change"] == []


def test_two_years_of_another_scope_are_subtracted_with_each_scope_said():
    store = store_of([_record(2025, "budget", "consolidated", "e", {"201": 820.0, "2010301": 300.0}, 1000.0),
                      _record(2024, "budget", "standalone", "f", {"201": 775.0, "2010301": 200.0}, 895.0)])
    app = create_app({"STORE": store, "TESTING": True}).test_client()
    change = ask(app, f"{DEPT}2025年行政运行比2024年多了多少")["answers"][0]
    assert change["value"] == 100.0 and "（本级）" in change["label"]
    assert "（汇总）300万元" in change["text"] and "（本级）200万元" in change["text"]
