"""Mapping a Record to RDF: determinism, one IRI per real thing, code hierarchy, units, SHACL conformance."""


from __future__ import annotations

import os
import re
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, QB

from ingest import resolve
from ingest.parse import parse_paths
from ingest.rdf import (
    SCHEMA,
    document_graph_iri,
    ontology_graph,
    record_to_graph,
)
from ingest.record import Duty, Fact, Indicator, LineItem, Program, Record, Source, Unit
from ontology.ledger import described, stated
from ontology.namespace import GK
from ontology.validate import validate

BASE = "https://w3id.org/govkg/id/"
# not rdflib's XSD: pytest probes module globals, and that open namespace warns on unknown names
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
DEPARTMENT = "东海市示例区数据局"


def mapped(record: Record, base: str = BASE) -> tuple[str, Graph]:
    """The document's graph IRI and full description (ontology.ledger.described): what the model says of
    it, whether the store keeps a statement in the document's graph or, shared, in the reference graph."""
    iri, graph = record_to_graph(record, base)
    return iri, described(graph)


def make_record(**overrides) -> Record:
    """A 本级 budget of a fictional department with one of everything a record can hold."""
    fields = dict(
        department=DEPARTMENT,
        fiscal_year=2024,
        document_type="budget",
        scope="standalone",
        source_file="sample_standalone.txt",
        sha256="a" * 64,
        layout="tsv",
        duties=[Duty("负责全区政务数据共享工作。", 1, Source("主要职能", 12)),
                Duty("负责示例热线的管理工作。", 2, Source("主要职能", 13))],
        internal_units=[Unit("办公室", source=Source("机构设置", 20)),
                        Unit("数据管理科", responsibilities="负责数据目录。", source=Source("机构设置", 21))],
        subordinate_units=[Unit("东海市示例区数据中心", note="不单列预算", source=Source("机构设置", 22))],
        line_items=[
            LineItem("支出总表", "2010301", "行政运行", {"合计": 1340.91, "基本支出": 1340.91},
                     "functional", source=Source("支出总表", 40, 3)),
            LineItem("基本支出表", "30227", "委托业务费", {"合计": 12.5}, "economic", source=Source("基本支出表", 55, 4)),
        ],
        programs=[Program("示例热线外包服务项目", amount=500.0, performance_target="接通率不低于80%",
                          funding={"财政拨款": 450.0, "其他资金": 50.0}, source=Source("项目支出表", 70, 5)),
                  Program("数据中心运维经费", unit="东海市示例区数据中心", amount=30.25, source=Source("项目支出表", 71, 5))],
        indicators=[Indicator("人工接通率", ">=", 80, "%", program="示例热线外包服务", source=Source("绩效目标表", 90, 6))],
        facts=[Fact("revenue_total", 1873.66, source=Source("收支总表", 30, 2)),
               Fact("three_public_budget", 4.5, text="“三公”经费预算4.5万元", source=Source("三公经费说明", 100, 7)),
               Fact("vehicles", 2, unit="辆", source=Source("资产说明", 110, 8))],
        aliases={DEPARTMENT: ["区数据局"]},
    )
    fields.update(overrides)
    return Record(**fields)


def union(*records: Record, base: str = BASE) -> Graph:
    graph = Graph()
    for record in records:
        graph += mapped(record, base)[1]
    return graph


def ask(graph: Graph, query: str, **bindings) -> list:
    prefixes = ("PREFIX gk: <https://w3id.org/govkg/def#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX org: <http://www.w3.org/ns/org#> "
                "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX schema: <https://schema.org/> ")
    return list(graph.query(prefixes + query, initBindings=bindings))


def consolidated() -> Record:
    """The 汇总 document of the same department and year: same program, another file."""
    return make_record(scope="consolidated", source_file="sample_consolidated.txt", sha256="b" * 64,
                       programs=[Program("示例热线外包服务", amount=500.0, source=Source("项目支出表", 300, 20))])


# ---------------------------------------------------------------- the document graph


def test_mapped_record_conforms_to_shapes():
    report = validate(mapped(make_record())[1])
    assert report.conforms, report.violations


def test_sample_document_conforms_to_shapes(samples_dir):
    outcomes = [o for o in parse_paths([samples_dir]) if o.record is not None]
    assert outcomes, "no sample document could be parsed"
    for outcome in outcomes:
        report = validate(mapped(outcome.record)[1])
        assert report.conforms, (outcome.path, report.violations[:10])


def test_mapping_twice_gives_the_same_triples_and_iris():
    iri1, g1 = mapped(make_record())
    iri2, g2 = mapped(make_record())
    assert iri1 == iri2
    assert set(g1) == set(g2)
    assert not any(isinstance(term, BNode) for triple in g1 for term in triple)


def test_graph_iri_names_the_document_and_base_is_configurable():
    record = make_record()
    iri, graph = mapped(record, "http://example.org/kg")
    assert iri == document_graph_iri(record, "http://example.org/kg") == "http://example.org/kg/graph/" + "a" * 16
    ours = {t for triple in graph for t in triple if isinstance(t, URIRef)
            and not str(t).startswith(("http://www.w3.org/", "http://purl.org/", "https://schema.org/",
                                       "https://w3id.org/govkg/def"))}
    assert ours and all(str(t).startswith("http://example.org/kg/") for t in ours)


def by_value(graph: Graph) -> set:
    """The triples with each literal as its value: '500.0' and '500' (xsd:decimal) are the same number."""
    def term(t):
        return (t.toPython(), t.datatype, t.language) if isinstance(t, Literal) else t
    return {tuple(term(t) for t in triple) for triple in graph}


def test_graph_round_trips_through_oxigraph_with_the_same_values_and_types():
    iri, graph = mapped(make_record())
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
               to_graph=ox.NamedNode(iri))
    back = Graph().parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri)), format="nt")
    assert by_value(back) == by_value(graph)
    label = f'"{DEPARTMENT}"@zh'
    rows = list(store.query(f"SELECT ?d WHERE {{ GRAPH ?g {{ ?d <{RDFS_LABEL}> {label} }} }}"))
    assert len(rows) == 1


@pytest.mark.virtuoso
def test_graph_round_trips_through_virtuoso_with_the_same_values_and_types():
    url = os.environ.get("GOVKG_VIRTUOSO_URL")
    if not url:
        pytest.skip("GOVKG_VIRTUOSO_URL is not set (start one with .ci/virtuoso.sh)")

    def post(key: str, text: str) -> bytes:
        request = urllib.request.Request(url, data=urllib.parse.urlencode({key: text}).encode(),
                                         headers={"Accept": "application/n-triples"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    _, graph = mapped(make_record())
    iri = f"urn:govkg:test:{uuid.uuid4()}"
    try:
        post("update", f"INSERT DATA {{ GRAPH <{iri}> {{ {graph.serialize(format='nt')} }} }}")
        back = Graph().parse(data=post("query", f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"),
                             format="nt")
    finally:
        post("update", f"DROP SILENT GRAPH <{iri}>")
    assert by_value(back) == by_value(graph)


def test_minted_iris_are_plain_ascii():
    graph = mapped(make_record())[1]
    iris = {t for triple in graph for t in triple if isinstance(t, URIRef)}
    assert all(str(t).isascii() for t in iris)


def test_ontology_is_separate_from_document_graphs():
    graph = mapped(make_record())[1]
    assert (URIRef("https://w3id.org/govkg/def"), None, None) not in graph
    assert (GK.Program, None, None) in ontology_graph()


def test_document_carries_its_provenance():
    graph = mapped(make_record())[1]
    doc = URIRef(BASE + "doc/" + "a" * 16)
    assert graph.value(doc, GK.sha256) == Literal("a" * 64)
    assert graph.value(doc, GK.fileName) == Literal("sample_standalone.txt")
    assert graph.value(doc, GK.phase) == GK.Budget and graph.value(doc, GK.scope) == GK.Standalone
    assert (doc, RDF.type, PROV.Entity) in graph


# ---------------------------------------------------------------- one IRI per real thing


def test_department_has_one_iri_across_years_types_and_name_spellings():
    later = make_record(department="东海市 示例区数据局", fiscal_year=2021, document_type="final_account",
                        sha256="c" * 64)
    a, b = mapped(make_record())[1], mapped(later)[1]
    depts_a = set(a.subjects(RDF.type, GK.Department))
    assert depts_a and depts_a == set(b.subjects(RDF.type, GK.Department))


def test_program_in_standalone_and_consolidated_documents_is_one_program_with_two_amounts():
    graph = union(make_record(), consolidated())
    rows = ask(graph, """SELECT DISTINCT ?p ?v ?file WHERE { ?p a gk:Program ; rdfs:label ?name .
        FILTER(STRSTARTS(STR(?name), "示例热线外包服务"))
        ?o gk:program ?p ; gk:column "预算数" ; gk:value ?v ; prov:wasDerivedFrom/gk:fileName ?file }""")
    assert len({r.p for r in rows}) == 1
    assert sorted(str(r.file) for r in rows) == ["sample_consolidated.txt", "sample_standalone.txt"]


def test_program_of_another_year_is_another_program():
    graph = union(make_record(), make_record(fiscal_year=2025, sha256="d" * 64))
    assert len(set(graph.subjects(RDF.type, GK.Program))) == 4


def test_a_programs_year_said_with_or_without_nian_is_one_program():
    record = Record("临江市信访局", 2026, "budget", "standalone", "a.pdf", "e" * 64, "grid",
                    programs=[Program("2026驻京经费", "临江市信访局", 312.0, source=Source("项目支出表", 316))],
                    indicators=[Indicator("接待人次", ">=", 100.0, "人次", "2026年驻京经费", source=Source("绩效目标表", 399))])
    graph = mapped(record)[1]
    programs = set(graph.subjects(RDF.type, GK.Program))
    assert len(programs) == 1 and set(graph.objects(None, GK.program)) == programs
    assert [str(label) for label in graph.objects(programs.pop(), RDFS.label)] == ["2026驻京经费"]  # its first name only


def test_same_unit_name_in_two_departments_is_two_internal_units():
    other = make_record(department="东海市另一局", sha256="e" * 64, aliases={})
    graph = union(make_record(), other)
    offices = [s for s in graph.subjects(RDF.type, GK.InternalUnit) if graph.value(s, SKOS.prefLabel) is None
               and str(graph.value(s, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == "办公室"]
    assert len(offices) == 2


def test_subordinate_unit_is_one_organisation_and_its_programs_point_at_it():
    graph = union(make_record(), consolidated())
    subs = set(graph.subjects(RDF.type, GK.SubordinateUnit))
    assert len(subs) == 1
    sub = subs.pop()
    assert (sub, ORG.subOrganizationOf, URIRef(resolve.org_iri(BASE, DEPARTMENT))) in graph
    assert any(graph.subjects(GK.spendingUnit, sub))


def test_alias_is_an_alt_label_of_the_department():
    graph = mapped(make_record())[1]
    dept = URIRef(resolve.org_iri(BASE, DEPARTMENT))
    assert Literal("区数据局", lang="zh") in set(graph.objects(dept, SKOS.altLabel))


def test_duty_is_a_purpose_of_its_department_and_shared_across_documents():
    graph = union(make_record(), consolidated())
    rows = ask(graph, """SELECT DISTINCT ?d WHERE { ?org org:purpose ?d . ?d gk:text ?t .
        FILTER(CONTAINS(STR(?t), "热线")) }""")
    assert len(rows) == 1


# ---------------------------------------------------------------- codes, amounts, indicators


@pytest.mark.parametrize("code, chain", [("2010301", ["2010301", "20103", "201"]), ("30227", ["30227", "302"])])
def test_code_hierarchy_follows_the_code(code, chain):
    graph = mapped(make_record())[1]
    rows = ask(graph, "SELECT ?n WHERE { ?c skos:notation ?code ; skos:broader* ?up . ?up skos:notation ?n }",
               code=Literal(code))
    assert sorted(str(r.n) for r in rows) == sorted(chain)


def test_top_codes_get_their_standard_name_when_the_document_prints_none():
    graph = mapped(make_record())[1]
    top = URIRef(BASE + "code/functional/201")
    assert graph.value(top, SKOS.prefLabel) == Literal("一般公共服务支出", lang="zh")
    assert (top, SKOS.topConceptOf, GK.FunctionalClassification) in graph


def test_every_amount_states_its_unit_and_source_line():
    graph = mapped(make_record())[1]
    observations = set(graph.subjects(RDF.type, QB.Observation))
    assert len(observations) == 3 + 4 + 3  # line-item cells, program amounts, facts
    for obs in observations:
        assert graph.value(obs, GK.unit) is not None, obs
        assert graph.value(obs, GK.sourceLine) is not None, obs
    vehicles = ask(graph, 'SELECT ?u WHERE { ?o gk:factKey "vehicles" ; gk:unit ?u }')
    assert [str(r.u) for r in vehicles] == ["辆"]


def test_amount_is_the_exact_printed_decimal():
    graph = mapped(make_record())[1]
    values = set(graph.objects(None, GK.value))
    assert Literal("1340.91", datatype=XSD_DECIMAL) in values
    assert Literal("500.0", datatype=XSD_DECIMAL) in values  # not "500": Virtuoso would make that an integer
    assert all(v.datatype == XSD_DECIMAL for v in values)


def test_final_account_columns_and_program_amounts_keep_their_own_phase():
    record = make_record(document_type="final_account", sha256="f" * 64,
                         line_items=[LineItem("支出决算表", "2010301", "行政运行", {"年初预算数": 10.0, "决算数": 9.5},
                                              "functional", source=Source("支出决算表", 5))],
                         programs=[Program("示例热线外包服务", amount=10.0, executed=9.0, source=Source("项目", 9))])
    graph = mapped(record)[1]
    phases = {str(r.col): r.phase for r in ask(graph, "SELECT ?col ?phase WHERE { ?o gk:column ?col ; gk:phase ?phase }")}
    assert phases["年初预算数"] == GK.Budget and phases["决算数"] == GK.FinalAccount
    assert phases["预算数"] == GK.Budget and phases["执行数"] == GK.FinalAccount


def test_indicator_has_target_actual_and_met():
    record = make_record(indicators=[Indicator("人工接通率", ">=", 80, "%", program="示例热线外包服务项目",
                                               actual=78.1, met=False, source=Source("绩效", 91))])
    graph = mapped(record)[1]
    rows = ask(graph, """SELECT ?program ?t ?u ?a ?met WHERE { ?i a gk:Indicator ; gk:program/rdfs:label ?program ;
        gk:target [ schema:value ?t ; schema:unitText ?u ] ; gk:actual/schema:value ?a ; gk:met ?met }""")
    assert len(rows) == 1
    row = rows[0]
    assert (str(row.program), float(row.t), str(row.u), float(row.a), row.met.toPython()) == \
        ("示例热线外包服务项目", 80.0, "%", 78.1, False)
    assert any(graph.subjects(RDF.type, SCHEMA.QuantitativeValue))


def test_three_public_facts_are_observations_with_key_and_sentence():
    graph = mapped(make_record())[1]
    rows = ask(graph, 'SELECT ?v ?phase ?text WHERE { ?o gk:factKey "three_public_budget" ; gk:value ?v ; '
                      'gk:phase ?phase ; gk:text ?text }')
    assert [(float(r.v), r.phase) for r in rows] == [(4.5, GK.Budget)]


def test_text_valued_fact_is_kept_as_text():
    record = make_record(facts=[Fact("performance_score", "优", unit=None, source=Source("绩效", 3))])
    graph = mapped(record)[1]
    assert validate(graph).conforms
    assert ask(graph, 'SELECT ?t WHERE { ?o gk:factKey "performance_score" ; gk:valueText ?t }')


def test_self_evaluation_ratings_are_chinese_literals_with_their_section():
    record = make_record(document_type="final_account", performance={
        "overall_budget": 120.0, "overall_executed": 96.0, "overall_execution_rate": 80.0,
        "overall_rating": "良好", "program_rating": " 优秀 "})
    graph = mapped(record)[1]
    assert validate(graph).conforms
    rows = ask(graph, 'SELECT ?e ?overall ?program ?year ?table ?file ?label WHERE { ?e a gk:SelfEvaluation ; '
                      'gk:overallRating ?overall ; gk:programRating ?program ; gk:fiscalYear ?year ; '
                      'gk:department/rdfs:label ?label ; gk:sourceTable ?table ; prov:wasDerivedFrom/gk:fileName ?file }')
    assert [(r.overall, r.program, int(r.year), str(r.table), str(r.file), str(r.label)) for r in rows] == [
        (Literal("良好", lang="zh"), Literal("优秀", lang="zh"), 2024, "绩效自评", "sample_standalone.txt", DEPARTMENT)]
    assert (rows[0].e, URIRef(RDFS_LABEL), Literal(f"{DEPARTMENT}2024年绩效自评结果", lang="zh")) in graph


def test_no_rating_makes_no_self_evaluation():
    for performance in ({}, {"overall_execution_rate": 80.0}, {"overall_rating": "  "}):
        graph = mapped(make_record(performance=performance))[1]
        assert not any(graph.subjects(RDF.type, GK.SelfEvaluation))


def test_unused_record_parts_do_not_make_dangling_resources():
    graph = mapped(make_record(duties=[Duty("  ")], internal_units=[], subordinate_units=[],
                                        line_items=[], programs=[], indicators=[], facts=[]))[1]
    assert not any(graph.subjects(RDF.type, GK.Duty))
    assert validate(graph).conforms


# ---------------------------------------------------------------- the real corpus


@pytest.fixture(scope="module")
def corpus_records(shared_dir):
    records = [o.record for o in parse_paths([shared_dir / "corpus"]) if o.record is not None]
    if not records:
        pytest.skip("no corpus document can be parsed yet")
    return records


@pytest.fixture(scope="module")
def corpus_store(corpus_records) -> ox.Store:
    """The corpus mapped into Oxigraph, one named graph per document (rdflib's SPARQL is too slow here)."""
    store = ox.Store()
    for record in corpus_records:
        iri, graph = mapped(record)
        store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                   to_graph=ox.NamedNode(iri))
    return store


def select(store: ox.Store, query: str) -> list[list[str]]:
    prefixes = ("PREFIX gk: <https://w3id.org/govkg/def#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX org: <http://www.w3.org/ns/org#> "
                "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
    return [[None if v is None else str(v.value) for v in row]
            for row in store.query(prefixes + query, use_default_graph_as_union=True)]


def test_corpus_amounts_all_state_unit_and_source(corpus_store):
    missing = select(corpus_store, "SELECT ?o WHERE { ?o gk:value ?v . "
                                   "FILTER NOT EXISTS { ?o gk:unit ?u ; gk:sourceLine ?l ; prov:wasDerivedFrom ?d } }")
    assert not missing, missing[:3]
    not_wan = select(corpus_store, """SELECT ?o WHERE { { ?o a gk:LineItemObservation } UNION
        { ?o a gk:ProgramObservation } ?o gk:unit ?u FILTER(?u != "万元") }""")
    assert not not_wan, not_wan[:3]


def test_corpus_codes_all_reach_a_top_class(corpus_store):
    orphans = select(corpus_store, """SELECT DISTINCT ?n WHERE {
        { SELECT DISTINCT ?c WHERE { ?o gk:classification ?c } } ?c skos:notation ?n .
        FILTER NOT EXISTS { ?c skos:broader* ?top . ?top skos:topConceptOf ?scheme ; skos:notation ?t
                            FILTER(STRLEN(?t) = 3 && STRSTARTS(?n, ?t)) } }""")
    assert not orphans


def test_corpus_departments_keep_their_units(corpus_records, corpus_store):
    named = {r.department for r in corpus_records if r.internal_units or r.subordinate_units}
    rows = select(corpus_store, """SELECT DISTINCT ?name WHERE { ?d a gk:Department ; rdfs:label ?name .
        { ?d org:hasUnit ?u } UNION { ?d org:hasSubOrganization ?s } }""")
    assert named == {row[0] for row in rows}


def test_corpus_programs_shared_by_standalone_and_consolidated_documents_are_joined(corpus_records, corpus_store):
    scopes: dict[tuple, set[str]] = {}
    for r in corpus_records:
        scopes.setdefault((r.department, r.fiscal_year, r.document_type), set()).add(r.scope)
    if not any(s == {"standalone", "consolidated"} for s in scopes.values()):
        pytest.skip("no department has both a 本级 and a 汇总 document parsed yet")
    shared = select(corpus_store, """SELECT DISTINCT ?p WHERE {
        ?a gk:program ?p ; gk:column "预算数" ; gk:scope gk:Standalone .
        ?b gk:program ?p ; gk:column "预算数" ; gk:scope gk:Consolidated }""")
    assert shared


def test_unit_written_without_its_region_is_the_same_organisation():
    short = make_record(sha256="9" * 64, subordinate_units=[Unit("示例区数据中心", source=Source("机构设置", 5))])
    graph = union(make_record(), short)
    subs = set(graph.subjects(RDF.type, GK.SubordinateUnit))
    assert len(subs) == 1
    labels = {str(o) for o in graph.objects(subs.pop(), None) if isinstance(o, Literal) and o.language == "zh"}
    assert {"东海市示例区数据中心", "示例区数据中心"} <= labels


@pytest.mark.parametrize("unit", ["本级", f"{DEPARTMENT}（本级）", "区数据局"])
def test_program_spent_by_the_department_itself_names_the_department(unit):
    record = make_record(programs=[Program("示例经费", unit=unit, amount=1.0, source=Source("项目", 3))])
    graph = mapped(record)[1]
    program = next(graph.subjects(RDF.type, GK.Program))
    assert graph.value(program, GK.spendingUnit) == URIRef(resolve.org_iri(BASE, DEPARTMENT))


@pytest.mark.parametrize("department, region", [
    ("上海市普陀区司法局", "上海市普陀区"), ("清远市政务服务数据管理局", "清远市"),
    ("广东省广州市白云区政务服务数据管理局", "广东省广州市白云区"), ("深圳市市场监督管理局", "深圳市"),
])
def test_region_of_a_department_name(department, region):
    assert resolve.region_of(department) == region


def test_names_differing_in_spaces_width_quotes_and_dash_runs_share_a_key():
    assert resolve.name_key("市直单位党员活动经费----市政数局") == resolve.name_key("市直单位党员活动经费---市政数局")
    assert resolve.name_key("“三公” 经费ＡＢ") == resolve.name_key("三公经费AB")
    assert resolve.program_key("外包服务项目") == resolve.program_key("外包服务")


def test_every_example_query_of_the_model_doc_runs_on_a_mapped_graph():
    text = (Path(__file__).resolve().parents[2] / "docs" / "model.md").read_text(encoding="utf-8")
    prefixes, *examples = re.findall(r"```sparql\n(.*?)```", text, re.S)
    assert len(examples) >= 8
    store = ox.Store()
    store.load(union(make_record(), consolidated()).serialize(format="nt", encoding="utf-8"),
               format=ox.RdfFormat.N_TRIPLES)
    answered = 0
    for example in examples:
        query = prefixes + example.replace("清远市政务服务数据管理局", DEPARTMENT)
        answered += bool(list(store.query(query)))
    assert answered >= 3  # the examples naming the (substituted) department find it


def test_organisations_are_also_labelled_without_their_leading_region():
    graph = mapped(make_record())[1]
    alts = {str(o) for o in graph.objects(URIRef(resolve.org_iri(BASE, DEPARTMENT)), SKOS.altLabel)}
    assert "示例区数据局" in alts
    sub = URIRef(resolve.org_iri(BASE, "东海市示例区数据中心"))
    assert Literal("示例区数据中心", lang="zh") in set(graph.objects(sub, SKOS.altLabel))


def test_amount_that_is_not_a_number_makes_no_observation():
    record = make_record(programs=[Program("示例经费", amount=float("nan"), executed=None, source=Source("项目", 3))],
                         line_items=[], facts=[])
    graph = mapped(record)[1]
    assert not any(graph.subjects(RDF.type, QB.Observation))
    assert any(graph.subjects(RDF.type, GK.Program))


def test_every_typed_resource_has_a_chinese_label(samples_dir):
    records = [make_record()] + [o.record for o in parse_paths([samples_dir]) if o.record is not None]
    for record in records:
        graph = mapped(record)[1]
        unlabelled = {s for s in graph.subjects(RDF.type, None)
                      if not any(isinstance(o, Literal) and o.language == "zh"
                                 for o in graph.objects(s, URIRef(RDFS_LABEL)))}
        assert not unlabelled, (record.source_file, sorted(unlabelled)[:3])


def test_messy_record_maps_to_a_conforming_graph():
    record = make_record(
        internal_units=[Unit(" "), Unit("办公室")],
        subordinate_units=[Unit("")],
        line_items=[LineItem("表", "2010301", "", {"合计": 1.0, "空": None}, None, source=Source(None, 4)),
                    LineItem("表", "2010301", "行政运行", {"合计": 1.0}, "functional", source=Source("表", 4))],
        facts=[Fact("new_kind_of_fact", 3.0, text="新的一类数据3万元", source=Source("说明", 9))],
    )
    graph = mapped(record)[1]
    report = validate(graph)
    assert report.conforms, report.violations
    rows = ask(graph, 'SELECT ?l WHERE { ?o gk:factKey "new_kind_of_fact" ; rdfs:label ?l }')
    assert [str(r.l) for r in rows] == ["新的一类数据3万元"]


def test_a_row_printed_without_a_code_keeps_the_row_it_is_part_of():
    items = [LineItem("表", "", "差旅费", {"合计": 2.0}, "economic", source=Source("表", 5), parent="商品和服务支出"),
             LineItem("表", "", "商品和服务支出", {"合计": 2.0}, "economic", source=Source("表", 4))]
    graph = mapped(make_record(line_items=items))[1]
    rows = ask(graph, "SELECT ?l ?p WHERE { ?o a gk:LineItemObservation ; rdfs:label ?l OPTIONAL { ?o gk:parentName ?p } }")
    assert {(str(r.l), r.p) for r in rows} == {("差旅费 合计", Literal("商品和服务支出", lang="zh")), ("商品和服务支出 合计", None)}


def test_a_code_printed_without_its_name_is_labelled_by_the_code_marked_as_such():
    items = [LineItem("表", "2010399", "", {"合计": 1.0}, "functional", source=Source("表", 4))]
    graph = mapped(make_record(line_items=items))[1]
    label = str(graph.value(URIRef(resolve.code_iri(BASE, resolve.FUNCTIONAL, "2010399")), SKOS.prefLabel))
    assert label == "（文件未列名称）功能分类科目 2010399"  # no name the document did not print
    assert str(graph.value(URIRef(resolve.code_iri(BASE, resolve.FUNCTIONAL, "201")), SKOS.prefLabel)) == "一般公共服务支出"


def test_code_names_differing_in_bracket_width_give_one_label():
    items = [LineItem("表", "30213", name, {"合计": 1.0}, "economic", source=Source("表", i + 1))
             for i, name in enumerate(["维修（护）费", "维修(护)费"])]
    graph = union(make_record(line_items=items[:1]), make_record(line_items=items[1:], sha256="8" * 64))
    assert len(set(graph.objects(URIRef(BASE + "code/economic/30213"), SKOS.prefLabel))) == 1


def test_stored_graph_keeps_the_documents_own_triples_and_a_ledger_of_the_shared_ones():
    iri, graph = record_to_graph(make_record())
    dept = URIRef(resolve.org_iri(BASE, DEPARTMENT))
    code = URIRef(resolve.code_iri(BASE, resolve.FUNCTIONAL, "201"))
    # shared things are stated through the ledger only: the store keeps them once, in the reference graph
    assert (dept, RDFS.label, None) not in graph and (dept, stated(RDFS.label), None) in graph
    assert (code, SKOS.notation, Literal("201")) not in graph
    assert (code, stated(SKOS.notation), Literal("201")) in graph
    # the document's own resources, and where it printed a shared thing, are in its graph as they are
    assert (dept, PROV.wasDerivedFrom, None) in graph
    assert any(graph.triples((None, GK.value, None)))
    duty = next(graph.subjects(stated(RDF.type), GK.Duty))
    assert (duty, GK.sourceLine, None) in graph
    assert validate(graph).conforms  # checked as the full description
