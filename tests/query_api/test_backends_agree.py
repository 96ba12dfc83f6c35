"""The same questions answer identically on the oxigraph store, on the sparql backend over a server that cuts
every answer at a few rows (as Virtuoso does at ResultSetMaxRows) and on a real Virtuoso (when
$GOVKG_VIRTUOSO_URL names one, e.g. from .ci/virtuoso.sh): the bundled samples (and, when ../shared is
there, the real corpus with its dev questions) are parsed, mapped and loaded into both, and every reply
is compared field by field."""

from __future__ import annotations

import json
import os
import uuid

import pytest
from rdflib import RDF

from govkg.store_commands import named_ontology
from graph_store.registry import open_store
from ingest.parse import expand_paths, parse_paths
from ingest.rdf import ontology_graph, record_to_graph
from ontology.ledger import described
from ontology.namespace import GK
from query_api.ask import answer

QUESTIONS = [
    "有哪些部门",
    "海州市数据资源局有哪些内设机构",
    "档案服务中心隶属于哪个部门",
    "哪个部门负责档案执法检查",
    "哪些项目涉及热线",
    "海州市数据资源局2025年预算最大的项目",
    "预算超过50万元的项目有哪些",
    "海州市数据资源局2025年三公经费预算",
    "海州市数据资源局2024年项目支出决算数",
    "哪些绩效指标没有达到目标值",
    "库房巡查次数的目标值是多少",
    "海州市数据资源局有哪些年份的数据",
    "海州市数据资源局2024年部门整体支出绩效自评结果是什么",
    "海州市数据资源局2024年预算执行率是多少",
    "深圳市教育局2024年预算是多少",
]


def _load(store, graphs) -> None:
    store.replace_graph(store.ontology_graph, named_ontology(ontology_graph())[1])  # its own, on a shared server
    for iri, graph in graphs:
        store.replace_graph(iri, graph)


def _graphs(directory) -> list:
    # A base of its own per run: runs sharing a Virtuoso never write each other's graphs.
    base = f"https://w3id.org/govkg-test/{uuid.uuid4()}/"
    outcomes = list(parse_paths(expand_paths([str(directory)])))
    assert outcomes and all(o.error is None for o in outcomes), [str(o.error) for o in outcomes]
    return [record_to_graph(o.record, base=base) for o in outcomes]


def _oxigraph(graphs, directory):
    store = open_store("oxigraph", directory / "store")
    _load(store, graphs)
    return store


def _virtuoso(graphs):
    url = os.environ.get("GOVKG_VIRTUOSO_URL")
    if not url:
        pytest.skip("GOVKG_VIRTUOSO_URL is not set (start one with .ci/virtuoso.sh)")
    store = open_store("sparql", url, catalog=f"urn:govkg:test-catalog:{uuid.uuid4()}")
    _load(store, graphs)
    return store


def _drop(store, graphs) -> None:
    for iri, _ in graphs:
        store.remove_graph(iri)
    store.connector.update(f"DROP SILENT GRAPH <{store.catalog}>")
    store.close()


@pytest.fixture(scope="module")
def sample_graphs(samples_dir):
    return _graphs(samples_dir)


@pytest.fixture(scope="module")
def oxigraph(sample_graphs, tmp_path_factory):
    store = _oxigraph(sample_graphs, tmp_path_factory.mktemp("oxigraph"))
    yield store
    store.close()


@pytest.fixture(scope="module")
def virtuoso(sample_graphs):
    store = _virtuoso(sample_graphs)
    yield store
    _drop(store, sample_graphs)


@pytest.fixture(scope="module")
def capped(sample_graphs, tmp_path_factory):
    from tests.graph_store.sparql_endpoint import sparql_endpoint

    with sparql_endpoint(max_rows=CAP) as url, pytest.MonkeyPatch.context() as env:
        env.setenv("GOVKG_CACHE", str(tmp_path_factory.mktemp("capped-cache")))
        store = open_store("sparql", url)
        _load(store, sample_graphs)
        yield store
        store.close()


CAP = 5  # rows: most lists the questions read are longer


def _comparable(reply: dict) -> dict:
    answers = sorted(
        (a["label"], a.get("value"), a.get("unit"), a.get("type"), a.get("text"), str(a.get("source")))
        for a in reply["answers"])
    return {"intent": reply["intent"], "answers": answers, "message": reply["message"]}


@pytest.mark.virtuoso
@pytest.mark.parametrize("question", QUESTIONS)
def test_a_question_answers_the_same_on_oxigraph_and_virtuoso(question, oxigraph, virtuoso):
    on_oxigraph, on_virtuoso = _comparable(answer(oxigraph, question)), _comparable(answer(virtuoso, question))
    assert on_virtuoso == on_oxigraph


@pytest.mark.parametrize("question", QUESTIONS)
def test_a_question_answers_the_same_on_a_server_that_cuts_answers_at_a_few_rows(question, oxigraph, capped):
    assert _comparable(answer(capped, question)) == _comparable(answer(oxigraph, question))


def test_the_compared_questions_mostly_have_answers(oxigraph):
    # Agreement on empty replies would prove nothing: all but the refusal must find something.
    empty = [q for q in QUESTIONS if not answer(oxigraph, q)["answers"]]
    assert empty == ["深圳市教育局2024年预算是多少"]


@pytest.mark.virtuoso
@pytest.mark.shared
def test_the_dev_questions_answer_the_same_on_both_stores_over_the_real_corpus(shared_dir, tmp_path):
    graphs = _graphs(shared_dir / "corpus")
    questions = [json.loads(line)["q"] for line in (shared_dir / "questions" / "dev.jsonl").open(encoding="utf-8")
                 if line.strip()]
    on_virtuoso = _virtuoso(graphs)
    on_oxigraph = _oxigraph(graphs, tmp_path)
    try:
        differ = [q for q in questions
                  if _comparable(answer(on_oxigraph, q)) != _comparable(answer(on_virtuoso, q))]
        answered = [q for q in questions if answer(on_oxigraph, q)["answers"]]
    finally:
        _drop(on_virtuoso, graphs)
        on_oxigraph.close()
    assert differ == []
    assert len(answered) >= len(questions) - 2  # agreement on empty replies would prove nothing


@pytest.mark.virtuoso
def test_the_rows_under_a_code_are_the_same_on_both_stores(sample_graphs, oxigraph, virtuoso):
    # the codes live in the reference graph, the observations in the documents' graphs: Virtuoso found no
    # row through a zero-length path (skos:broader*) across the two; the cube reads a code's rows from the
    # code and the codes under it (a code cut by IRI)
    from query_api.answering.figures import ITEM_DIMS
    from query_api.cube import CubeQuery, Cut, run

    base = sample_graphs[0][0].split("graph/")[0]
    dept = next(next(described(g).subjects(RDF.type, GK.Department)) for _, g in sample_graphs)
    query = CubeQuery([Cut("code", f"{base}code/functional/201"), Cut("department", str(dept)), Cut("year", "2025")],
                      ITEM_DIMS, limit=1000, leaves_only=False)
    rows = [sorted((c["code"], c["value"], c["column"]) for c in run(store, query)["cells"])
            for store in (oxigraph, virtuoso)]
    assert rows[0] == rows[1]
    assert {code for code, _, _ in rows[0]} >= {"201", "20103", "2010301"}


def test_a_path_is_the_same_on_oxigraph_and_virtuoso(oxigraph, virtuoso):
    from graph_store.network import shortest_path

    programs = [str(r.label) for r in oxigraph.query(
        "SELECT DISTINCT ?label WHERE { ?p a <https://w3id.org/govkg/def#Program> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label LIMIT 3")]
    for program in programs:
        on_oxigraph = shortest_path(oxigraph, "海州市数据资源局", program)
        assert on_oxigraph and shortest_path(virtuoso, "海州市数据资源局", program) == on_oxigraph


def test_every_figure_is_exported_the_same_over_a_server_that_cuts_answers(oxigraph, capped):
    from query_api.exports import observations

    everything = observations(oxigraph)
    assert len(everything) > 10 * CAP and observations(capped) == everything


@pytest.mark.virtuoso
def test_a_fact_kinds_drilldown_and_its_check_are_the_same_on_both_stores(oxigraph, virtuoso):
    # a kind's cut is a VALUES of the kind and those under it, grouped on the kind even when not drilled down
    from query_api.cube import CubeQuery, Cut, run

    query = CubeQuery([Cut("fact_kind", "three_public|government_procurement")], ["document", "fact_kind"], limit=1000)
    cells = [sorted((c["fact_kind"], c["phase"], c["value"], c.get("parts_check")) for c in run(store, query)["cells"])
             for store in (oxigraph, virtuoso)]
    assert cells[0] == cells[1]
    assert ("government_procurement", "budget", 230.0, "agree") in cells[0]  # 10 + 0 + 220, the sample's text
