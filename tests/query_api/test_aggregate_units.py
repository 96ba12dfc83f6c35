"""The unit_total facts (each budget unit's own total, a 收入总表's row per unit) through the cube like any
other observation: cut and drilled down by the unit they are of, summed against hand sums."""

from __future__ import annotations

import json

import pytest
from web_records import store_of

from ingest.record import Fact, Program, Record, Source, UnitTotal
from query_api.app import create_app

DEPT = "临江市东湖区林业局"
# two units with the same total: two figures, never one read twice
UNITS = [("临江市东湖区林场", 12.5), ("临江市东湖区苗圃", 40.25), ("临江市东湖区护林站", 12.5)]


def _record(year: int, scale: float, sha: str) -> Record:
    record = Record(DEPT, year, "budget", "consolidated", f"forest{year}.pdf", sha * 64, "raw")
    record.unit_totals = [UnitTotal(DEPT, "201001", 100.0 * scale, "合计", Source("收入总表", 30))] + [
        UnitTotal(name, f"20100{i + 2}", value * scale, "合计", Source("收入总表", 31 + i))
        for i, (name, value) in enumerate(UNITS)]
    record.facts = [Fact("revenue_total", 165.25 * scale, source=Source("收支总表", 10))]
    record.programs = [Program("森林防火", UNITS[1][0], 3.0, source=Source("项目表", 50))]
    return record


@pytest.fixture(scope="module")
def client():
    store = store_of([_record(2025, 1.0, "a"), _record(2026, 2.0, "b")])
    return create_app({"STORE": store, "TESTING": True}).test_client()


def aggregate(client, **params) -> list[dict]:
    resp = client.get("/api/aggregate", query_string=params)
    assert resp.status_code == 200, resp.data
    return json.loads(resp.data)["cells"]


def test_each_unit_own_total_drilled_down_by_unit(client):
    cells = aggregate(client, cut=["fact:unit_total", "year:2025"], drilldown="unit")
    assert {c["unit_label"]: c["value"] for c in cells} == {
        DEPT: 100.0, "临江市东湖区林场": 12.5, "临江市东湖区苗圃": 40.25, "临江市东湖区护林站": 12.5}


def test_unit_totals_add_up_to_the_hand_sum(client):
    # 100 + 12.5 + 40.25 + 12.5: the two equal totals are both counted
    assert [c["value"] for c in aggregate(client, cut=["fact:unit_total", "year:2025"])] == [165.25]
    assert [c["value"] for c in aggregate(client, cut=["fact:unit_total", "year:2025"], aggregate="count")] == [4]


def test_a_unit_is_cut_on_by_name_and_drilled_down_by_year(client):
    cells = aggregate(client, cut=["fact:unit_total", "unit:临江市东湖区苗圃"], drilldown="year")
    assert {c["year"]: c["value"] for c in cells} == {2025: 40.25, 2026: 80.5}


def test_the_units_beside_the_department_ranked(client):
    cells = aggregate(client, cut=["fact:unit_total", "year:2026", "value:<200"], drilldown="unit", order="value:desc")
    assert [(c["unit_label"], c["value"]) for c in cells] == [
        ("临江市东湖区苗圃", 80.5), ("临江市东湖区护林站", 25.0), ("临江市东湖区林场", 25.0)]


def test_a_program_amount_keeps_its_program_unit(client):
    cells = aggregate(client, cut=["program:森林防火", "year:2025"], drilldown="unit")
    assert [(c["unit_label"], c["value"]) for c in cells] == [("临江市东湖区苗圃", 3.0)]


@pytest.mark.virtuoso
def test_unit_totals_give_the_same_cells_on_oxigraph_and_virtuoso(tmp_path):
    import uuid

    from rdflib import RDF

    from ingest.rdf import record_to_graph
    from ontology.ledger import described
    from ontology.namespace import GK
    from query_api.cube import CubeQuery, Cut, run
    from tests.query_api.test_backends_agree import _drop, _oxigraph, _virtuoso

    base = f"https://w3id.org/govkg-test/{uuid.uuid4()}/"  # a shared Virtuoso: this run's own IRIs
    graphs = [record_to_graph(_record(2025, 1.0, "a"), base=base), record_to_graph(_record(2026, 2.0, "b"), base=base)]
    on_virtuoso, on_oxigraph = _virtuoso(graphs), _oxigraph(graphs, tmp_path)
    department = next(str(s) for s in described(graphs[0][1]).subjects(RDF.type, GK.Department))  # carries the run's base
    try:
        for drilldowns in (["unit"], ["unit", "year"], []):
            query = CubeQuery([Cut("fact", "unit_total"), Cut("year", "2025"), Cut("department", department)],
                              drilldowns, order=[("value", "desc")])
            cells = run(on_oxigraph, query)["cells"]
            assert run(on_virtuoso, query)["cells"] == cells, query
        assert [c["value"] for c in cells] == [165.25]
    finally:
        _drop(on_virtuoso, graphs)
        on_oxigraph.close()
