"""/api/aggregate over the real pipeline: the text samples (hand-summed below) and, when ../shared is
there, every classified figure of the hand-checked gold records."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest
from rdflib import RDF

from graph_store.registry import open_store
from ingest.parse import parse_file
from ingest.rdf import record_to_graph
from ontology.ledger import described
from ontology.namespace import GK
from query_api.app import create_app
from query_api.cube import Compare, CubeQuery, Cut, run
from tests.query_api.sample_clients import client_over

DEPT = "海州市数据资源局"
SPENDING = [f"department:{DEPT}", "year:2025", "table:支出总体情况表", "column:合计"]


@pytest.fixture(scope="module")
def client(samples_dir):
    return client_over(samples_dir / "haizhou_data_2025_budget.txt", samples_dir / "haizhou_data_2024_final_account.txt")


def aggregate(client, **params) -> dict:
    resp = client.get("/api/aggregate", query_string=params)
    assert resp.status_code == 200, resp.data
    return json.loads(resp.data)


def by(cells: list[dict], key: str) -> dict:
    return {c[key]: c["value"] for c in cells}


def test_a_class_drilldown_takes_the_printed_class_rows(client):
    reply = aggregate(client, cut=SPENDING, drilldown="code.class")
    # 支出总体情况表 of the sample: 201 820.00, 208 100.00, 212 20.00, 221 60.00 (their 项 rows add up the same)
    assert by(reply["cells"], "code.class") == {"201": 820.0, "208": 100.0, "212": 20.0, "221": 60.0}
    assert {c["code.class_label"] for c in reply["cells"]} >= {"一般公共服务支出", "住房保障支出"}
    assert all((c["phase"], c["scope"]) == ("budget", "consolidated") for c in reply["cells"])
    assert reply["unit"] == "万元" and reply["aggregate"] == "sum" and "SELECT" in reply["sparql"]


def test_an_item_drilldown_under_a_code_cut_sums_to_the_class(client):
    cells = aggregate(client, cut=[*SPENDING, "code:201"], drilldown="code.item")["cells"]
    assert by(cells, "code.item") == {"2010301": 300.0, "2010350": 200.0, "2010399": 320.0}
    total = aggregate(client, cut=[*SPENDING, "code:201"])["cells"]
    assert [c["value"] for c in total] == [820.0]  # the 201 row as printed, not 201 + 20103 + its items


def test_count_min_max_and_order(client):
    cells = aggregate(client, cut=[*SPENDING, "code:201"], drilldown="code.item", order="value:asc")["cells"]
    assert [c["code.item"] for c in cells] == ["2010350", "2010301", "2010399"]
    assert aggregate(client, cut=[*SPENDING, "code:201"], drilldown="code.class", aggregate="count")["cells"][0]["value"] == 1
    assert aggregate(client, cut=[*SPENDING, "code:201"], drilldown="code.class", aggregate="max")["cells"][0]["value"] == 820.0
    items = aggregate(client, cut=[*SPENDING, "code:2"], drilldown="code.item", aggregate="max", limit=2)
    assert len(items["cells"]) == 2 and items["total_cell_count"] > 2


def test_a_threshold_cut_keeps_the_larger_rows(client):
    cells = aggregate(client, cut=[*SPENDING, "code:201", "value:>250"], drilldown="code.item")["cells"]
    assert by(cells, "code.item") == {"2010301": 300.0, "2010399": 320.0}


def test_phases_are_never_mixed_in_a_cell(client):
    cells = aggregate(client, cut=[f"department:{DEPT}", "fact:three_public_budget|three_public_actual|three_public"],
                      drilldown="year")["cells"]
    assert len({(c["year"], c["phase"]) for c in cells}) == len(cells)


def test_compare_gives_the_signed_difference_and_ratio(client):
    # the 2024 final account (本级, 支出决算表 本年支出合计 201: 775.00) against the 2025 budget (汇总, 820.00)
    reply = aggregate(client, cut=[f"department:{DEPT}", "code:201"], drilldown="code.class",
                      compare_a=["year:2024", "phase:final_account", "scope:standalone", "table:支出决算表",
                                 "column:本年支出合计"],
                      compare_b=["year:2025", "phase:budget", "scope:consolidated", "table:支出总体情况表", "column:合计"])
    (cell,) = reply["cells"]
    assert (cell["value_a"], cell["value_b"], cell["difference"]) == (775.0, 820.0, 45.0)
    assert cell["ratio"] == pytest.approx(820 / 775, rel=1e-5) and "scope" not in cell
    assert reply["cube_query"]["compare_a"][0] == "year:2024"


def test_the_csv_export_opens_with_the_right_numbers(client):
    resp = client.get("/api/aggregate", query_string={"cut": SPENDING, "drilldown": "code.item", "format": "csv",
                                                      "order": "code.item:asc"})
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    text = resp.data.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheets read the Chinese as UTF-8
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [(r["code.item"], r["value"]) for r in rows][:3] == [("2010301", "300"), ("2010350", "200"),
                                                                ("2010399", "320")]
    assert rows[0]["code.item_label"] == "行政运行" and sum(float(r["value"]) for r in rows) == pytest.approx(1000.0)


@pytest.mark.parametrize("params, word", [
    ({"drilldown": "colour"}, "colour"), ({"cut": "year:next"}, "year"), ({"aggregate": "median"}, "median"),
    ({"cut": "phase:draft"}, "phase"), ({"limit": "0"}, "limit"), ({"cut": "value:lots"}, "lots"),
    ({"order": "colour:asc"}, "colour"), ({"compare": "year:2024"}, "compare"),
])
def test_a_bad_parameter_is_a_400_naming_it(client, params, word):
    resp = client.get("/api/aggregate", query_string=params)
    assert resp.status_code == 400
    error = json.loads(resp.data)["error"]
    assert error["code"] == "bad_parameter" and word in error["message"]


@pytest.mark.shared
def test_every_classified_gold_figure_is_a_cell(shared_dir, tmp_path):
    """Each gold line item (hand-checked against its document) is the value of a cell of its document,
    table and column at its code's level: a printed row, or its rows below summed."""
    checked, missed = 0, []
    for gold_path in sorted((shared_dir / "gold").glob("0*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        store = open_store("oxigraph", tmp_path / gold_path.stem)  # the memory store is too slow for real documents
        store.replace_graph(*record_to_graph(parse_file(shared_dir / "corpus" / gold["source"])))
        client = create_app({"STORE": store, "TESTING": True}).test_client()
        levels = {3: "code.class", 5: "code.section", 7: "code.item"}
        cells = {level: aggregate(client, drilldown=[level, "table", "column"], limit=10000)["cells"]
                 for level in {levels[len(i["code"])] for i in gold["line_items"]}}
        for item in gold["line_items"]:
            level = levels[len(item["code"])]
            values = [c["value"] for c in cells[level] if c[level] == item["code"]]
            if not any(v == pytest.approx(item["value"], abs=0.001) for v in values):
                missed.append((gold["source"], item["code"], item["value"], sorted(values)))
            checked += 1
        store.close()
    assert checked >= 30
    # Known gap: 004 prints one 按经济分类科目 table per 单位名称 under one title, and a line item does not
    # record its spending unit, so its two 30227 rows (11,517.62 + 353.07) share one cell.
    assert [(src, code) for src, code, *_ in missed] == [("004_90a4164a1188f86b.txt", "30227")]


CUBE_QUERIES = [
    (["table:支出总体情况表", "column:合计"], ["code.class"], None),
    (["code:201"], ["code.item", "table", "column"], None),
    (["fact:three_public_budget|three_public_actual|administrative_operating_cost"], ["fact", "year"], None),
    ([], ["program"], None),
    (["column:预算数|执行数"], ["unit", "year"], None),
    (["code:201"], ["code.class"], Compare((Cut("year", "2024"), Cut("phase", "final_account")),
                                           (Cut("year", "2025"), Cut("phase", "budget")))),
    # each figure its own cell, with its sentence and unit (a department's figures as answers read them)
    (["fact:three_public_budget|three_public_actual|execution_rate"], ["document", "observation", "line", "text",
                                                                        "measure_unit"], None),
    (["code:201"], ["document", "observation", "code", "column", "line"], None),
]


@pytest.mark.virtuoso
def test_cube_queries_give_the_same_cells_on_oxigraph_and_virtuoso(samples_dir, tmp_path):
    from tests.query_api.test_backends_agree import _drop, _graphs, _oxigraph, _virtuoso

    graphs = _graphs(samples_dir)
    on_virtuoso, on_oxigraph = _virtuoso(graphs), _oxigraph(graphs, tmp_path)
    # the Virtuoso is shared: cut on this run's own departments (their IRIs carry the run's base)
    departments = "|".join(sorted({str(s) for _, g in graphs for s in described(g).subjects(RDF.type, GK.Department)}))
    try:
        for cuts, drilldowns, compare in CUBE_QUERIES:
            # ordered by value, and by the first drilldown (Virtuoso gave every row the first row's document when
            # ORDER BY named ?document twice)
            for order in ([("value", "desc")], [(drilldowns[0], "asc"), ("value", "desc")]):
                query = CubeQuery([Cut("department", departments), *(Cut(*c.split(":", 1)) for c in cuts)], drilldowns,
                                  compare=compare, order=order)
                cells = run(on_oxigraph, query)["cells"]
                assert cells, query
                assert run(on_virtuoso, query)["cells"] == cells, query
    finally:
        _drop(on_virtuoso, graphs)
        on_oxigraph.close()


def test_a_code_is_named_by_the_document_that_printed_its_name(samples_dir):
    # the 2026 copy prints the 20103 items but not the 20103 row: its concept gets a label minted from the
    # code, marked as such ("（文件未列名称）功能分类科目 20103"); the 2025 document printed the name, which the cell takes
    printed = parse_file(samples_dir / "haizhou_data_2025_budget.txt")
    unnamed = dataclasses.replace(printed, fiscal_year=2026, sha256="f" * 64,
                                  line_items=[i for i in printed.line_items if i.code.strip() != "20103"])
    store = open_store("memory")
    store.replace_graph(*record_to_graph(unnamed))
    cut = [Cut("year", "2026"), Cut("table", "支出总体情况表"), Cut("column", "合计"), Cut("code", "201")]
    query = CubeQuery(list(cut), ["code.class", "code.section"])
    (alone,) = run(store, query)["cells"]
    assert alone["code.section_label"] == "（文件未列名称）功能分类科目 20103"  # nothing better is known: the code itself
    store.replace_graph(*record_to_graph(printed))
    (cell,) = run(store, query)["cells"]
    assert (cell["code.section"], cell["code.section_label"], cell["value"]) == ("20103", "政府办公厅(室)及相关机构事务", 820.0)
    assert cell["code.class_label"] == "一般公共服务支出"


def test_the_same_figure_in_two_documents_counts_in_each(samples_dir, tmp_path):
    # a figure read twice from ONE document counts once; the same key and value printed by another
    # department's document is that department's own figure (the union holds both documents)
    record = parse_file(samples_dir / "haizhou_data_2025_budget.txt")
    other = dataclasses.replace(record, department="海州市另一局", sha256="e" * 64, aliases={})
    store = open_store("oxigraph", tmp_path / "store")
    for r in (record, other):
        store.replace_graph(*record_to_graph(r))
    query = CubeQuery([Cut("fact", "revenue_total")], ["department"])
    cells = run(store, query)["cells"]
    assert sorted(c["department_label"] for c in cells) == sorted(["海州市另一局", record.department])
    assert len({c["value"] for c in cells}) == 1
    store.close()
