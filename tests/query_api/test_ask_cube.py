"""Comparisons and rankings of summary figures, answered by one cube query: two departments, two years
of one department, a ranking of departments (the text samples and the PDF sample together)."""

from __future__ import annotations

import pytest

from tests.query_api.sample_clients import ask, client_over


@pytest.fixture(scope="module")
def client(samples_dir):
    return client_over(samples_dir / "haizhou_data_2025_budget.txt", samples_dir / "haizhou_data_2024_final_account.txt",
                       samples_dir / "pdf" / "sample_budget.pdf")


def test_two_departments_compared_give_the_winner_and_the_difference(client):
    reply = ask(client, "海州市数据资源局和东海市样例区档案管理局2025年谁的机关运行经费更多？多多少？")
    answers = reply["answers"]
    # 海州 2025 预算 45.00, 样例区 2025 预算 20.00
    assert answers[0]["label"].startswith("海州市数据资源局2025年") and answers[0]["value"] == 45.0
    assert answers[1]["value"] == 20.0 and 25.0 in [a["value"] for a in answers]
    assert "cube_query" in reply and "SELECT" in reply["sparql"]
    assert all(a["source"] for a in answers)  # each figure with its document, table and line
    # for the chart: the two sides in the order named and the signed difference, second − first
    cmp = reply["comparison"]
    assert (cmp["a"]["value"], cmp["b"]["value"], cmp["difference"]) == (45.0, 20.0, -25.0)
    assert cmp["label"].startswith("东海市样例区档案管理局") and cmp["a"]["source"] and cmp["unit"] == "万元"


def test_asked_for_the_smaller_the_smaller_comes_first(client):
    answers = ask(client, "海州市数据资源局和东海市样例区档案管理局，谁的三公经费预算更少？")["answers"]
    assert answers[0]["label"].startswith("东海市样例区档案管理局") and answers[0]["value"] == 5.0


def test_two_years_of_one_department_give_the_signed_change(client):
    # 2025 预算 45.00 against the 2024 final account's 55.00: a decrease of 10, signed
    reply = ask(client, "海州市数据资源局2025年机关运行经费预算比2024年决算多了多少？")
    answers = reply["answers"]
    assert answers[0]["value"] == -10.0 and "减少" in answers[0]["label"]
    cmp = reply["comparison"]  # the earlier year first, whatever order the question named them in
    assert (cmp["a"]["value"], cmp["b"]["value"], cmp["difference"]) == (55.0, 45.0, -10.0)
    assert {a["value"] for a in answers[1:]} == {45.0, 55.0}


def test_departments_are_ranked_on_one_year_phase_and_scope(client):
    reply = ask(client, "2025年哪个部门的机关运行经费最多？")
    answers = reply["answers"]
    assert [a["label"] for a in answers] == ["海州市数据资源局", "东海市样例区档案管理局"]
    assert all("2025年" in a["text"] and "预算" in a["text"] and "第" in a["source"] for a in answers)


def test_departments_whose_figure_fell(client):
    answers = ask(client, "2025年哪些部门的三公经费比上年减少了？")["answers"]
    assert [(a["label"], a["value"]) for a in answers] == [("海州市数据资源局", -1.0)]


def test_a_topic_total_adds_the_programs_named_after_it(client):
    reply = ask(client, "数据相关的项目一共安排了多少预算？")
    total = reply["answers"][0]
    # 数据资源目录编制经费 30.00 + 城市基础设施数据接入经费 20.00 (2025 预算, the only programs named with 数据)
    assert total["value"] == 50.0 and "2个项目2025年合计" in total["label"] and reply["cube_query"]


def test_a_share_is_one_figure_over_another_of_the_same_document(client):
    answers = ask(client, "海州市数据资源局2025年项目支出占支出总额的比例是多少？")["answers"]
    assert answers[0]["value"] == 34.0 and answers[0]["unit"] == "%"  # 340.00 / 1000.00
    above = ask(client, "2025年哪些部门的项目支出超过了支出总额的30%？")["answers"]
    assert "海州市数据资源局" in [a["label"] for a in above]
    assert ask(client, "2025年哪些部门的项目支出超过了支出总额的一半？")["answers"] == []


def test_departments_whose_figure_is_zero(client):
    answers = ask(client, "哪些单位的三公经费是0？")["answers"]
    assert answers == []  # 海州 8.00, 样例区 5.00: no department has none


def test_departments_without_subordinate_units(client):
    from graph_store.registry import open_store
    from ingest.rdf import record_to_graph
    from ingest.record import Record
    from query_api.ask import answer

    assert ask(client, "哪些部门没有下属单位？")["answers"] == []  # both sample departments list one
    store = open_store("memory")
    alone, with_unit = Record("某市某局", 2025, "budget", "standalone", "a.txt", "a" * 64, "tsv"), \
        Record("某市另一局", 2025, "budget", "consolidated", "b.txt", "b" * 64, "tsv")
    from ingest.record import Source, Unit

    with_unit.subordinate_units = [Unit("某市另一局服务中心", source=Source("下属单位", 3))]
    for record in (alone, with_unit):
        store.replace_graph(*record_to_graph(record))
    reply = answer(store, "哪些部门没有下属单位？")
    assert [a["label"] for a in reply["answers"]] == ["某市某局"] and "没有列出下属单位" in reply["message"]


def test_each_department_compared_in_the_year_named_beside_it(client):
    answers = ask(client, "海州市数据资源局2024年的机关运行经费和东海市样例区档案管理局2025年比，差多少？")["answers"]
    # 海州 2024 决算 55.00 against 样例区 2025 预算 20.00
    assert [a["value"] for a in answers] == [55.0, 20.0, 35.0]
    assert answers[0]["label"].startswith("海州市数据资源局2024年") and "决算" in answers[0]["label"]
