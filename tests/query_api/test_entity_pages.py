"""The pages of a department, program, unit and indicator: what they show, that every figure links to
its source, and that names from documents are written as text (never as markup)."""

from __future__ import annotations

import json
import re

import pytest
from web_records import DEPT, IMG, LEAVES, SCRIPT, records, store_of

from ingest.rdf import DEFAULT_BASE
from ingest.resolve import org_iri
from query_api.app import create_app


def page_path(iri: str) -> str:
    return "/" + iri.split("://", 1)[1].split("/", 1)[1]


@pytest.fixture(scope="module")
def client():
    return create_app({"STORE": store_of(records()), "TESTING": True}).test_client()


def test_department_page_shows_documents_duties_units_programs_and_facts(client):
    html = client.get(page_path(org_iri(DEFAULT_BASE, DEPT))).get_data(as_text=True)
    for text in ("2025年", "2024年", "负责全区统计调查工作", "综合股", "临江市西湖区普查中心", "经济普查经费",
                 "统计调查经费", "“三公”经费支出"):
        assert text in html, text
    # the program's budget links to its observation, whose page names the document, table and line
    obs = re.search(r'<td class="num" data-value="60.5"><a href="([^"]+)">60.5</a>', html)
    assert obs, "the program's budget is a link"
    figure = client.get(obs.group(1)).get_data(as_text=True)
    assert "60.5" in figure and "项目表" in figure and "第20行" in figure


def test_program_page_has_amounts_by_source_indicators_met_or_not_and_its_department(client):
    reply = json.loads(client.get("/api/search", query_string={"q": "经济普查经费", "type": "program", "year": "2024"}).data)
    html = client.get(page_path(reply["results"][0]["uri"])).get_data(as_text=True)
    assert "执行数" in html and ">48<" in html and ">50<" in html
    assert "普查覆盖率" in html and "达标" in html and "未达标" in html
    assert f">{DEPT}</a>" in html  # the path to its department …
    assert "负责全区统计调查工作" in html  # … and the department's duties


def test_indicator_page_shows_target_actual_and_met(client):
    reply = json.loads(client.get("/api/search", query_string={"q": "数据报送及时率", "type": "indicator"}).data)
    html = client.get(page_path(reply["results"][0]["uri"])).get_data(as_text=True)
    assert "&gt;=99%" in html and "92.5%" in html and "未达标" in html


@pytest.mark.filterwarnings("ignore:Dataset.contexts is deprecated:DeprecationWarning")  # rdflib, on GRAPH ?g
def test_the_charts_calls_to_the_cube_give_the_rows_of_the_spending_table(client):
    """The parameters department.js sends to /api/aggregate: one call per code level of the table the
    page picked (a 类 printed without rows under it stays a leaf), and the facts joined by a bar."""
    from query_api.entities import main_tables

    store = client.application.extensions["govkg.store"].get()
    dept = org_iri(DEFAULT_BASE, DEPT)
    pick = next(t for t in main_tables(store, dept) if t["scheme"] == "functional")
    assert (pick["table"], pick["column"]) == ("支出总体情况表", "合计")  # not 收入总体情况表, not 基本支出
    cuts = [("cut", f"document:{pick['doc']}"), ("cut", "scheme:functional"), ("cut", f"table:{pick['table']}"),
            ("cut", f"column:{pick['column']}"), ("limit", "10000")]
    levels = ["code.class", "code.section", "code.item"]
    cells = [json.loads(client.get("/api/aggregate", query_string=cuts + [("drilldown", d) for d in levels[:i + 1]]).data)["cells"]
             for i in range(3)]
    assert {c["code.class"]: c["value"] for c in cells[0]} == {"201": 150, "208": 30, "213": 5.5}
    assert {c["code.item"]: c["value"] for c in cells[2]} == {k: v for k, v in LEAVES.items() if len(k) == 7}
    facts = [("cut", f"department:{dept}"), ("cut", "fact:expenditure_total|three_public_actual"), ("drilldown", "year"),
             ("drilldown", "fact"), ("aggregate", "max")]
    got = {(c["year"], c["fact"]): c["value"] for c in json.loads(client.get("/api/aggregate", query_string=facts).data)["cells"]}
    assert got == {(2025, "expenditure_total"): 185.5, (2024, "expenditure_total"): 170, (2024, "three_public_actual"): 2.9}


def test_observations_csv_of_a_department_keeps_sources(client):
    params = {"department": org_iri(DEFAULT_BASE, DEPT), "kind": "program", "format": "csv"}
    lines = client.get("/api/observations", query_string=params).data.decode("utf-8").splitlines()
    assert lines[0].startswith("\ufeffkind,department,year")
    assert any(",60.5,万元,budget.txt,20," in line for line in lines)
    assert client.get("/api/observations", query_string={"department": "x> <y"}).status_code == 400


@pytest.mark.parametrize("hostile", [SCRIPT, IMG])
def test_names_with_markup_are_written_as_text_on_every_page(hostile):
    client = create_app({"STORE": store_of(records(f"临江市南湖区统计局{hostile}", hostile)), "TESTING": True}).test_client()
    dept = org_iri(DEFAULT_BASE, f"临江市南湖区统计局{hostile}")
    pages = [page_path(dept)]
    for kind in ("program", "indicator", "internal_unit", "duty", "line_item"):
        reply = json.loads(client.get("/api/search", query_string={"q": "普查 综合股 统计 行政运行", "type": kind}).data)
        pages += [page_path(r["uri"]) for r in reply["results"][:2]]
    assert len(pages) >= 6
    for path in pages:
        html = client.get(path).get_data(as_text=True)
        assert "<script>window" not in html and "<img src=x" not in html, path
        assert "pwned" in html, f"{path} shows the hostile name (escaped)"


def test_every_api_route_is_described_in_openapi(client):
    spec = json.loads(client.get("/api/openapi.json").data)
    routes = {r.rule for r in client.application.url_map.iter_rules() if r.rule.startswith("/api/")}
    assert spec["openapi"].startswith("3.") and routes <= set(spec["paths"]), routes - set(spec["paths"])


def test_unit_page_shows_its_department_and_the_home_page_lists_departments(client):
    unit = org_iri(DEFAULT_BASE, "临江市西湖区普查中心")
    html = client.get(page_path(unit)).get_data(as_text=True)
    assert "下属单位" in html and f">{DEPT}</a>" in html
    home = client.get("/").get_data(as_text=True)
    assert f'href="{page_path(org_iri(DEFAULT_BASE, DEPT))}">{DEPT}</a>' in home


def test_a_code_page_lists_the_first_rows_of_a_code_with_their_count():
    from query_api.ask import knowledge_for
    from query_api.entities import code_rows, codes_of

    store = store_of(records())
    code = next(iri for iri, (_, notation, _) in codes_of(store).items() if notation == "2010501")
    docs = knowledge_for(store).documents
    every, total = code_rows(store, code, docs, limit=1000)
    first, counted = code_rows(store, code, docs, limit=1)
    assert total == counted == len(every) >= 2 and first == every[:1]
    html = create_app({"STORE": store, "TESTING": True}).test_client().get(page_path(code)).get_data(as_text=True)
    assert f"各部门的金额（{total}）" in html and all(f'data-value="{r["value"]}"' in html for r in every)
