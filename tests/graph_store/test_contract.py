"""The Store contract, asserted the same way on every registered backend (memory, oxigraph on disk,
and Virtuoso over HTTP when $GOVKG_VIRTUOSO_URL names a running one, e.g. from .ci/virtuoso.sh)."""

from __future__ import annotations

import time
import uuid

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDFS, XSD

from graph_store.base import QueryError, QueryTimeout, Store, StoreError
from graph_store.registry import backend_names, open_store

EX = Namespace("http://example.org/govkg-test/")


@pytest.fixture
def g_iri() -> str:
    # Unique graph names, so nothing can pass by meeting data left behind on a shared server.
    return f"urn:govkg:test:{uuid.uuid4()}"


def department(name: str, amount: str, duty: str) -> Graph:
    g = Graph()
    dept, d = EX[f"dept/{name}"], EX[f"duty/{name}"]
    g.add((dept, RDFS.label, Literal(name, lang="zh")))
    g.add((dept, EX.budget, Literal(amount, datatype=XSD.decimal)))
    g.add((dept, EX.hasDuty, d))
    g.add((d, RDFS.label, Literal(duty)))
    node = BNode()
    g.add((dept, EX.source, node))
    g.add((node, EX.line, Literal(12)))
    return g


def labels(store: Store, sparql: str, **kw) -> list[str]:
    return sorted(str(row[0]) for row in store.query(sparql, **kw))


def test_a_replaced_graph_is_listed_and_counted(store, g_iri):
    store.replace_graph(g_iri, department("市财政局", "1234.56", "编制预算"))
    assert store.graphs() == [g_iri]
    assert store.triple_count(g_iri) == 6
    assert store.triple_count() == 6


def test_graphs_where_names_the_graphs_a_pattern_matches(store):
    a, b = "http://example.org/govkg-where/a", "http://example.org/govkg-where/b"
    store.replace_graph(a, department("市财政局", "1234.56", "编制预算"))
    store.replace_graph(b, department("市财政局", "99", "管理国库"))
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    assert store.graphs_where(f'?d {label} "编制预算"') == [a]
    assert store.graphs_where(f"?d {label} ?l") == [a, b]
    assert store.graphs_where(f'?d {label} "没有这个"') == []


def test_replacing_with_the_same_graph_changes_nothing(store, g_iri):
    g = department("市财政局", "1234.56", "编制预算")
    store.replace_graph(g_iri, g)
    before = labels(store, "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    store.replace_graph(g_iri, g)
    assert store.triple_count() == 6
    assert labels(store, "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }") == before


def test_replace_drops_what_the_new_graph_no_longer_says(store, g_iri):
    store.replace_graph(g_iri, department("市财政局", "1234.56", "编制预算"))
    store.replace_graph(g_iri, department("市财政局", "99", "管理国库"))
    duties = labels(store, f"SELECT ?l WHERE {{ <{EX['duty/市财政局']}> <{RDFS.label}> ?l }}")
    assert duties == ["管理国库"]
    assert store.triple_count(g_iri) == 6


def test_replacing_a_graph_without_blank_nodes_keeps_exactly_the_new_triples(store, g_iri):
    def graph(*amounts: str) -> Graph:
        g = Graph()
        for n, amount in enumerate(amounts):
            g.add((EX[f"program/{n}"], EX.amount, Literal(amount, datatype=XSD.decimal)))
            g.add((EX[f"program/{n}"], RDFS.label, Literal(f"项目{n}", lang="zh")))
            g.add((EX[f"program/{n}"], EX.note, Literal(f"说明{amount}", datatype=XSD.string)))
        return g

    store.replace_graph(g_iri, graph("1.5", "2", "3"))
    store.replace_graph(g_iri, graph("1.5", "20"))
    assert store.triple_count(g_iri) == 6
    rows = store.query(f"SELECT ?p ?a WHERE {{ ?p <{EX.amount}> ?a }} ORDER BY ?p")
    assert [(str(p).rsplit("/", 1)[1], float(a)) for p, a in rows] == [("0", 1.5), ("1", 20.0)]
    assert labels(store, f"SELECT ?n WHERE {{ ?p <{EX.note}> ?n }}") == ["说明1.5", "说明20"]
    store.replace_graph(g_iri, graph("1.5", "20"))
    assert store.triple_count(g_iri) == 6


def test_a_graph_with_blank_nodes_is_replaced_by_one_without_and_back(store, g_iri):
    store.replace_graph(g_iri, department("市财政局", "1", "编制预算"))
    plain = Graph()
    plain.add((EX["dept/市财政局"], EX.budget, Literal("2", datatype=XSD.decimal)))
    store.replace_graph(g_iri, plain)
    assert store.triple_count(g_iri) == 1
    assert labels(store, f"SELECT ?l WHERE {{ ?s <{EX.source}> ?n . ?n <{EX.line}> ?l }}") == []
    store.replace_graph(g_iri, department("市财政局", "3", "管理国库"))
    assert store.triple_count(g_iri) == 6
    assert labels(store, f"SELECT ?l WHERE {{ ?s <{EX.source}> ?n . ?n <{EX.line}> ?l }}") == ["12"]
    assert [float(a) for a in labels(store, f"SELECT ?a WHERE {{ ?d <{EX.budget}> ?a }}")] == [3.0]


def test_a_new_version_replaces_the_old_graphs_in_one_step(store):
    old, older, other, new = (f"urn:govkg:test:{uuid.uuid4()}" for _ in range(4))
    store.replace_graph(old, department("市财政局", "1", "编制预算"))
    store.replace_graph(older, department("市财政局", "2", "编制预算"))
    store.replace_graph(other, department("市教育局", "3", "发展教育"))
    store.replace_graph(new, department("市财政局", "99", "管理国库"), replaces=[old, older])
    assert store.graphs() == sorted([new, other])
    amounts = labels(store, f"SELECT ?a WHERE {{ <{EX['dept/市财政局']}> <{EX.budget}> ?a }}")
    assert [float(a) for a in amounts] == [99.0]
    assert store.triple_count() == 12


def test_a_large_new_version_with_blank_nodes_replaces_the_old_one(store):
    # Larger than one update request of the update-only Virtuoso path (500 triples a chunk).
    old, new = f"urn:govkg:test:{uuid.uuid4()}", f"urn:govkg:test:{uuid.uuid4()}"
    store.replace_graph(old, department("市财政局", "1", "编制预算"))
    g = department("市财政局", "2", "管理国库")
    for n in range(700):
        g.add((EX[f"obs/{n}"], EX.amount, Literal(str(n), datatype=XSD.decimal)))
    store.replace_graph(new, g, replaces=[old, new])
    assert store.graphs() == [new]
    assert store.triple_count(new) == 706
    assert labels(store, f"SELECT ?l WHERE {{ ?s <{EX.source}> ?n . ?n <{EX.line}> ?l }}") == ["12"]


def test_a_version_that_cannot_be_stored_leaves_the_old_one(store, g_iri):
    store.replace_graph(g_iri, department("市财政局", "1", "编制预算"))
    bad = department("市财政局", "2", "管理国库")
    bad.add((URIRef("http://example.org/a b"), RDFS.label, Literal("x")))
    with pytest.raises(StoreError):
        store.replace_graph(f"urn:govkg:test:{uuid.uuid4()}", bad, replaces=[g_iri])
    assert store.graphs() == [g_iri]
    assert [float(a) for a in labels(store, f"SELECT ?a WHERE {{ ?d <{EX.budget}> ?a }}")] == [1.0]


def test_string_literals_match_the_text_they_were_made_from(store, g_iri):
    from graph_store.sparql_text import string_literal

    # (Not "\\u0022": rdflib reads \\uXXXX escapes before parsing, even after a backslash.)
    texts = ("a\rb", 'q"uote', "back\\slash", "nul\x01", "tab\tand\nline", "x\x7f", "中文", "{ } . ?x ;")
    g = Graph()
    for n, text in enumerate(texts):
        g.add((EX[f"s{n}"], RDFS.label, Literal(text)))
    store.replace_graph(g_iri, g)
    for n, text in enumerate(texts):
        rows = store.query(f"SELECT ?s WHERE {{ ?s <{RDFS.label}> ?l FILTER(STR(?l) = {string_literal(text)}) }}")
        assert [str(row[0]) for row in rows] == [str(EX[f"s{n}"])], repr(text)


def test_remove_graph_reports_whether_it_existed(store, g_iri):
    store.replace_graph(g_iri, department("市财政局", "1", "编制预算"))
    assert store.remove_graph(g_iri) is True
    assert store.remove_graph(g_iri) is False
    assert store.graphs() == []
    assert store.triple_count() == 0
    assert labels(store, f"SELECT ?l WHERE {{ ?s <{RDFS.label}> ?l }}") == []


def test_every_write_changes_the_state(store, g_iri):
    seen = [store.state()]
    store.replace_graph(g_iri, department("市财政局", "1", "编制预算"))
    seen.append(store.state())
    store.replace_graph(g_iri, department("市财政局", "2", "编制预算"))  # same size, other amount
    seen.append(store.state())
    store.remove_graph(g_iri)
    seen.append(store.state())
    assert len(set(seen)) == 4
    assert store.generation() is not None  # kept by every backend: no scan to see a change
    assert store.state()[0] == "generation"
    assert labels(store, f"SELECT ?l WHERE {{ ?s <{RDFS.label}> ?l }}") == []


def test_a_graph_keeps_its_version_until_it_is_written(store):
    a, b = f"urn:govkg:test:{uuid.uuid4()}", f"urn:govkg:test:{uuid.uuid4()}"
    store.replace_graph(a, department("市财政局", "1", "编制预算"))
    first = store.graph_versions()
    store.replace_graph(b, department("市教育局", "2", "发展教育"))
    second = store.graph_versions()
    assert set(first) == {a} and set(second) == {a, b} and second[a] == first[a]
    store.replace_graph(b, department("市教育局", "3", "发展教育"))  # same size, another amount
    third = store.graph_versions()
    assert third[a] == first[a] and third[b] != second[b]
    store.remove_graph(a)
    assert set(store.graph_versions()) == {b}


def test_another_reader_of_the_same_store_sees_the_new_generation(store, g_iri, tmp_path):
    if not store.persistent:
        pytest.skip("the memory store is not shared between processes")
    if store.name == "oxigraph":
        store.replace_graph(g_iri, department("市财政局", "1", "编制预算"))
        store.flush()
        reader = open_store("oxigraph", store.path, read_only=True)
    else:
        reader = open_store("sparql", store.connector.query_url, catalog=store.catalog)
        store.replace_graph(g_iri, department("市财政局", "1", "编制预算"))
    try:
        before = reader.state()
        store.replace_graph(f"{g_iri}:2", department("市教育局", "2", "发展教育"))
        assert reader.state() != before
        assert reader.generation() == store.generation()
        assert labels(reader, f"SELECT ?l WHERE {{ ?s <{EX.hasDuty}> ?x . ?x <{RDFS.label}> ?l }}") == ["发展教育", "编制预算"]
    finally:
        reader.close()


def test_an_empty_graph_does_not_exist(store, g_iri):
    store.replace_graph(g_iri, department("市财政局", "1", "编制预算"))
    store.replace_graph(g_iri, Graph())
    assert store.graphs() == []
    assert store.triple_count(g_iri) == 0


def test_the_default_graph_is_the_union_of_named_graphs(store):
    a, b = f"urn:govkg:test:{uuid.uuid4()}", f"urn:govkg:test:{uuid.uuid4()}"
    store.replace_graph(a, department("市财政局", "1", "编制预算"))
    store.replace_graph(b, department("市教育局", "2", "发展教育"))
    assert store.graphs() == sorted([a, b])
    assert labels(store, f"SELECT ?l WHERE {{ ?d <{EX.hasDuty}> ?x . ?x <{RDFS.label}> ?l }}") == ["发展教育", "编制预算"]
    assert labels(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }") == sorted([a, b])
    assert store.triple_count() == 12


def test_a_triple_in_two_graphs_comes_once_with_distinct(store):
    a, b = f"urn:govkg:test:{uuid.uuid4()}", f"urn:govkg:test:{uuid.uuid4()}"
    store.replace_graph(a, department("市财政局", "1", "编制预算"))
    store.replace_graph(b, department("市财政局", "1", "编制预算"))
    assert labels(store, f"SELECT DISTINCT ?l WHERE {{ ?d <{EX.hasDuty}> ?x . ?x <{RDFS.label}> ?l }}") == ["编制预算"]
    assert store.triple_count() == 12


def test_a_query_can_name_its_own_dataset(store):
    a, b = f"urn:govkg:test:{uuid.uuid4()}", f"urn:govkg:test:{uuid.uuid4()}"
    store.replace_graph(a, department("市财政局", "1", "编制预算"))
    store.replace_graph(b, department("市教育局", "2", "发展教育"))
    q = f"SELECT ?l WHERE {{ ?d <{EX.hasDuty}> ?x . ?x <{RDFS.label}> ?l }}"
    assert labels(store, q, default_graph_uris=[a]) == ["编制预算"]
    assert labels(store, q.replace("SELECT ?l", f"SELECT ?l FROM <{b}>")) == ["发展教育"]
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert labels(store, named, named_graph_uris=[b]) == [b]


def test_chinese_and_typed_literals_round_trip(store, g_iri):
    store.replace_graph(g_iri, department("广州市白云区财政局（本级）", "1234.56", "负责“三公”经费管理\n及其他"))
    rows = list(store.query(f"SELECT ?name ?amount WHERE {{ ?d <{RDFS.label}> ?name ; <{EX.budget}> ?amount }}"))
    assert len(rows) == 1
    name, amount = rows[0]
    assert name == Literal("广州市白云区财政局（本级）", lang="zh")
    assert amount == Literal("1234.56", datatype=XSD.decimal) and float(amount) == pytest.approx(1234.56)
    duty = list(store.query(f"SELECT ?l WHERE {{ ?d <{EX.hasDuty}> ?x . ?x <{RDFS.label}> ?l }}"))[0][0]
    assert str(duty) == "负责“三公”经费管理\n及其他"
    assert store.query('ASK { ?s ?p "广州市白云区财政局（本级）"@zh }').askAnswer is True


def test_ask_construct_and_describe_come_back_as_rdflib_results(store, g_iri):
    store.replace_graph(g_iri, department("市财政局", "1", "编制预算"))
    assert store.query(f"ASK {{ ?s <{EX.hasDuty}> ?o }}").askAnswer is True
    assert store.query(f"ASK {{ ?s <{EX.nothing}> ?o }}").askAnswer is False
    built = store.query(f"CONSTRUCT {{ ?s <{EX.duty}> ?o }} WHERE {{ ?s <{EX.hasDuty}> ?o }}")
    assert set(built.graph) == {(EX["dept/市财政局"], EX.duty, EX["duty/市财政局"])}
    described = store.query(f"DESCRIBE <{EX['duty/市财政局']}>")
    assert (EX["duty/市财政局"], RDFS.label, Literal("编制预算")) in set(described.graph)


def test_unbound_optional_values_are_left_out_of_a_row(store, g_iri):
    store.replace_graph(g_iri, department("市财政局", "1", "编制预算"))
    q = f"SELECT ?d ?missing WHERE {{ ?d <{EX.hasDuty}> ?x OPTIONAL {{ ?d <{EX.nothing}> ?missing }} }}"
    (row,) = list(store.query(q))
    assert row[0] == EX["dept/市财政局"] and row[1] is None


def test_bad_sparql_and_updates_are_refused_as_query_errors(store, g_iri):
    store.replace_graph(g_iri, department("市财政局", "1", "编制预算"))
    with pytest.raises(QueryError):
        store.query("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(QueryError):
        store.query(f"DROP GRAPH <{g_iri}>")
    assert store.triple_count(g_iri) == 6


def test_a_slow_query_is_stopped_at_its_time_limit(store, g_iri):
    g = Graph()
    for i in range(2000):
        g.add((EX[f"item/{i}"], EX.value, Literal(f"值{i}")))
    store.replace_graph(g_iri, g)
    slow = (f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a <{EX.value}> ?x . ?b <{EX.value}> ?y "
            'FILTER(CONCAT(STR(?x), STR(?y)) != "") }')
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        store.query(slow, timeout=0.2)
    assert time.monotonic() - started < 1.5


def test_export_writes_the_dataset_or_the_union_graph(store):
    a, b = f"urn:govkg:test:{uuid.uuid4()}", f"urn:govkg:test:{uuid.uuid4()}"
    store.replace_graph(a, department("市财政局", "1", "编制预算"))
    store.replace_graph(b, department("市教育局", "2", "发展教育"))
    from rdflib import Dataset

    data = Dataset()
    data.parse(data=store.export("nq"), format="nquads")
    assert {str(g.identifier) for g in data.graphs() if len(g)} == {a, b}
    assert sum(len(g) for g in data.graphs()) == 12
    for fmt, parse_as in (("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")):
        union = Graph().parse(data=store.export(fmt), format=parse_as)
        assert len(union) == 12, fmt
        assert (EX["dept/市教育局"], RDFS.label, Literal("市教育局", lang="zh")) in union
    trig = Dataset().parse(data=store.export("trig"), format="trig")
    assert sum(len(g) for g in trig.graphs()) == 12
    with pytest.raises(StoreError):
        store.export("xlsx")


def test_quads_name_the_graph_each_triple_came_from(store):
    a, b = f"urn:govkg:test:{uuid.uuid4()}", f"urn:govkg:test:{uuid.uuid4()}"
    store.replace_graph(a, department("市财政局", "1", "编制预算"))
    store.replace_graph(b, department("市教育局", "2", "发展教育"))
    by_graph = {}
    for s, p, o, g in store.quads():
        by_graph.setdefault(g, set()).add((s, p, o))
    assert {g: len(t) for g, t in by_graph.items()} == {a: 6, b: 6}
    assert (EX["dept/市财政局"], RDFS.label, Literal("市财政局", lang="zh")) in by_graph[a]
    assert len(list(store.quads(b))) == 6


def test_a_graph_name_that_is_not_an_iri_is_refused(store):
    with pytest.raises(StoreError):
        store.replace_graph("not an iri>", department("市财政局", "1", "编制预算"))
    assert store.graphs() == []


def test_a_graph_that_cannot_be_stored_leaves_the_previous_one(store, g_iri):
    store.replace_graph(g_iri, department("市财政局", "1", "编制预算"))
    bad = department("市教育局", "2", "发展教育")
    for i in range(500):
        bad.add((EX[f"item/{i}"], EX.b, Literal(i)))
    bad.add((URIRef("http://example.org/a name with spaces"), EX.b, Literal("x")))
    with pytest.raises(StoreError, match="a name with spaces"):
        store.replace_graph(g_iri, bad)
    assert store.triple_count(g_iri) == 6
    assert labels(store, f"SELECT ?l WHERE {{ ?x <{RDFS.label}> ?l }}") == ["市财政局", "编制预算"]


def test_every_registered_backend_is_covered_here():
    # Adding a backend to the registry without adding it to the contract run must fail loudly.
    covered = {"memory", "oxigraph", "sparql"}
    assert set(backend_names()) == covered


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_the_registry_default_comes_from_the_environment(kind, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVKG_STORE_KIND", kind)
    monkeypatch.setenv("GOVKG_STORE", str(tmp_path / "s"))
    with open_store() as s:
        assert s.name == kind
        s.replace_graph("urn:x:1", department("市财政局", "1", "编制预算"))
        assert s.triple_count() == 6


def test_rows_keep_each_term_as_stored_when_values_recur(store, g_iri):
    # terms recurring in many rows are built once per answer: alike-looking terms must stay apart
    g = Graph()
    values = [Literal("1.5", datatype=XSD.decimal), Literal("1.5"), Literal("1.5", lang="zh"),
              Literal("1.5", lang="en"), URIRef("urn:govkg:test:1.5")]
    for i, value in enumerate(values * 2):
        g.add((EX[f"row/{i}"], EX.budget, value))
    store.replace_graph(g_iri, g)
    rows = list(store.query(f"SELECT ?s ?v WHERE {{ ?s <{EX.budget}> ?v }}"))
    got = {str(s): v for s, v in rows}
    assert len(rows) == 10
    for i, value in enumerate(values * 2):
        found = got[str(EX[f"row/{i}"])]
        assert found == value and type(found) is type(value) and str(found) == str(value)
        assert getattr(found, "language", None) == getattr(value, "language", None)
        assert getattr(found, "datatype", None) == getattr(value, "datatype", None)
