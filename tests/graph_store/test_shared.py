"""The reference graph (ontology.ledger), the same on every backend: a statement two documents share is
held once, and removing or replacing a document takes away exactly what no other document states."""

from __future__ import annotations

import uuid

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, RDFS, SKOS

from graph_store.base import StoreError
from ontology.ledger import stated

EX = Namespace("http://example.org/govkg-shared-test/")
CODE, DEPT = EX["code/201"], EX["org/a"]


def document(name: str, *shared: tuple, value: str = "1.0") -> Graph:
    """A document graph: one observation of its own, and a ledger of the shared statements given."""
    g = Graph()
    obs = EX[f"obs/{name}"]
    g.add((obs, EX.value, Literal(value)))
    g.add((obs, EX.classification, CODE))
    for s, p, o in shared:
        g.add((s, stated(p), o))
    return g


CODE_LABEL = (CODE, RDFS.label, Literal("一般公共服务支出", lang="zh"))
CODE_NOTATION = (CODE, SKOS.notation, Literal("201"))
DEPT_TYPE = (DEPT, RDF.type, EX.Department)


def shared(store) -> set:
    return {(s, p, o) for s, p, o, _ in store.quads(store.shared_graph)} if store.shared_graph in store.graphs() \
        else set()


@pytest.fixture
def names() -> list[str]:
    return [f"urn:govkg:test:{uuid.uuid4()}" for _ in range(3)]


def test_a_statement_several_documents_make_is_held_once(store, names):
    a, b = names[:2]
    store.replace_graph(a, document("a", CODE_LABEL, CODE_NOTATION))
    store.replace_graph(b, document("b", CODE_LABEL, CODE_NOTATION))
    assert shared(store) == {CODE_LABEL, CODE_NOTATION}
    rows = list(store.query(f"SELECT ?n ?l WHERE {{ <{CODE}> <{SKOS.notation}> ?n ; <{RDFS.label}> ?l }}"))
    assert len(rows) == 1  # one row, not one per document (nor per pair of documents)
    # each document still says which shared statements it made
    mine = store.query(f"SELECT ?p WHERE {{ GRAPH <{a}> {{ <{CODE}> ?p ?o }} }}")
    assert {str(r[0]) for r in mine} == {str(stated(RDFS.label)), str(stated(SKOS.notation))}


def test_removing_a_document_removes_only_what_no_other_document_states(store, names):
    a, b = names[:2]
    store.replace_graph(a, document("a", CODE_LABEL, CODE_NOTATION, DEPT_TYPE))
    store.replace_graph(b, document("b", CODE_LABEL))
    assert store.remove_graph(a)
    assert shared(store) == {CODE_LABEL}
    assert store.remove_graph(b)
    assert shared(store) == set() and store.graphs() == []


def test_replacing_a_document_drops_what_its_new_version_no_longer_states(store, names):
    a, b, a2 = names
    store.replace_graph(a, document("a", CODE_LABEL, DEPT_TYPE))
    store.replace_graph(b, document("b", CODE_LABEL))
    version = store.graph_versions()[store.shared_graph]
    store.replace_graph(a2, document("a2", CODE_NOTATION), replaces=[a])  # a new version under a new name
    assert shared(store) == {CODE_LABEL, CODE_NOTATION}
    assert store.graph_versions()[store.shared_graph] != version  # caches see the reference graph change
    store.replace_graph(b, document("b", value="2.0"))  # rewritten in place, without its statement
    assert shared(store) == {CODE_NOTATION}
    assert sorted(store.graphs()) == sorted([a2, b, store.shared_graph])


def test_the_reference_graph_is_kept_by_the_store_not_written_directly(store, names):
    store.replace_graph(names[0], document("a", CODE_LABEL))
    with pytest.raises(StoreError, match="reference graph"):
        store.remove_graph(store.shared_graph)
    with pytest.raises(StoreError, match="reference graph"):
        store.replace_graph(store.shared_graph, document("x"))
    assert shared(store) == {CODE_LABEL}


def test_export_of_the_union_has_each_statement_once_and_no_ledger(store, names):
    store.replace_graph(names[0], document("a", CODE_LABEL))
    store.replace_graph(names[1], document("b", CODE_LABEL))
    union = Graph().parse(data=store.export("nt"), format="nt")
    assert CODE_LABEL in union
    assert not any(str(p).startswith("urn:govkg:stated:") for p in union.predicates())
    dataset = store.export("nq").decode()
    assert "urn:govkg:stated:" in dataset  # the dataset keeps the ledgers: loaded again, removal stays exact


def _ox_quads(graph: Graph, name: str) -> list:
    import pyoxigraph as ox

    from graph_store.oxigraph import to_ox

    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(name)) for s, p, o in graph]


def test_a_description_reads_its_ledger_as_the_statements_and_queries_in_the_callers_thread(monkeypatch):
    import pyoxigraph as ox

    from graph_store import timeout
    from graph_store.shared import _described, _lines

    name = "urn:test:description"
    view = _described(_lines(_ox_quads(document("a", CODE_LABEL, CODE_NOTATION), name)), ox.NamedNode(name))

    def no_thread(*args, **kwargs):
        raise AssertionError("a description's query ran in a thread of its own")

    monkeypatch.setattr(timeout.threading, "Thread", no_thread)
    rows = view.query(f"SELECT ?p ?o WHERE {{ <{CODE}> ?p ?o }} ORDER BY ?p", timeout=5)
    assert {(r.p, r.o) for r in rows} == {(RDFS.label, CODE_LABEL[2]), (SKOS.notation, CODE_NOTATION[2])}


def test_a_description_of_no_quads_is_empty():
    import pyoxigraph as ox

    from graph_store.shared import _described, _lines

    assert len(_described(_lines([]), ox.NamedNode("urn:test:description"))._store) == 0


def test_a_description_loaded_without_validating_iris_holds_the_quads_a_validating_parse_reads():
    """The description is loaded `lenient` (the lines are terms' own forms): every quad as a store loading the
    same lines with every IRI validated holds it, on a real document's mapping (literals in Chinese, typed and
    tagged; a store writes a decimal in its canonical form, either way)."""
    from pathlib import Path

    import pyoxigraph as ox

    from graph_store.shared import description_of
    from ingest.parse import parse_parts, read_document
    from ingest.rdf import record_to_described
    from ontology.ledger import n_quads

    sample = Path(__file__).resolve().parents[2] / "samples" / "haizhou_data_2025_budget.txt"
    document, lines = record_to_described(parse_parts([read_document(sample)]))
    validating = ox.Store()
    validating.load(n_quads(sorted(lines)), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(document.iri))
    strict = set(validating)
    held = set(description_of(document, lines)._store)
    assert len(strict) > 1000
    assert held == strict


def test_a_descriptions_values_are_its_rows_terms_as_strings():
    """`Description.values`: the rows `query` gives, in its order, each term as its string (an IRI, a literal's
    lexical form, decimals and years too; None unbound)."""
    from pathlib import Path

    from graph_store.shared import description_of
    from ingest.parse import parse_parts, read_document
    from ingest.rdf import record_to_described
    from query_api import queries
    from query_api.search_entries import CODES, DOCS

    sample = Path(__file__).resolve().parents[2] / "samples" / "haizhou_data_2024_final_account.txt"
    view = description_of(*record_to_described(parse_parts([read_document(sample)])))
    for sparql in (DOCS, CODES, queries.LEXICON):  # what search's entries and the lexicon's rows are read with
        rows = [tuple(None if t is None else str(t) for t in row) for row in view.query(queries.sparql(sparql))]
        assert len(rows) >= 20 and any(None in row for row in rows) == (sparql != CODES)
        assert view.values(queries.sparql(sparql)) == rows
    with pytest.raises(Exception, match="oxigraph"):
        view.values("SELECT ?s WHERE { ?s")
