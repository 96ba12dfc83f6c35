"""The pages of a department, program, unit and indicator: what they show, that every figure links to
its source, and that names from documents are written as text (never as markup)."""

from __future__ import annotations

import json
import re

import pytest
from web_records import DEPT, IMG, SCRIPT, records, store_of

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


def test_aggregate_sums_the_leaf_rows_of_a_table_by_class_section_and_item(client):
    from web_records import LEAVES

    params = [("cut", f"department:{org_iri(DEFAULT_BASE, DEPT)}"), ("cut", "table:支出总体情况表"), ("cut", "column:合计"),
              ("cut", "scheme:functional"), ("drilldown", "code.class"), ("drilldown", "code.section"), ("drilldown", "code.item")]
    reply = json.loads(client.get("/api/aggregate-lite", query_string=params).data)
    assert {c["code.item"]: c["value"] for c in reply["cells"]} == LEAVES
    assert all(c["source"] for c in reply["cells"])  # one observation each: a link to its line
    by_class = json.loads(client.get("/api/aggregate-lite", query_string=params[:4] + [("drilldown", "code.class")]).data)
    assert {c["code.class"]: c["value"] for c in by_class["cells"]} == {"201": 150, "208": 30, "213": 5.5}
    assert by_class["cells"][0]["code.class_label"] == "一般公共服务支出" and by_class["unit"] == "万元"


def test_aggregate_csv_has_a_bom_a_header_and_plain_numbers(client):
    params = [("cut", "fact:expenditure_total"), ("drilldown", "year"), ("drilldown", "phase"), ("format", "csv")]
    reply = client.get("/api/aggregate-lite", query_string=params)
    text = reply.data.decode("utf-8")
    assert reply.mimetype == "text/csv" and text.startswith("\ufeffyear,phase,value,count")
    assert "2024,final_account,170,1" in text and "2025,budget,185.5,1" in text


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


def test_cuts_take_several_values_of_one_dimension_joined_by_a_bar():
    from query_api.aggregate_lite import parse_cuts
    from query_api.errors import ApiError

    assert parse_cuts(["fact:three_public_budget|three_public_actual", "year:2024|phase:budget"]) == {
        "fact": ["three_public_budget", "three_public_actual"], "year": ["2024"], "phase": ["budget"]}
    assert parse_cuts(["document:https://w3id.org/govkg/id/doc/1"]) == {"document": ["https://w3id.org/govkg/id/doc/1"]}
    with pytest.raises(ApiError):
        parse_cuts(["2024"])
