"""Virtuoso's own pitfalls, on a real server ($GOVKG_VIRTUOSO_URL; skipped when unset): its row cap
(ResultSetMaxRows, 10000 by default) and graphs of its own that are not ours."""

from __future__ import annotations

import os
import uuid

import pytest
from rdflib import Graph, Literal, Namespace

from graph_store.base import ResultTruncated
from graph_store.registry import open_store

EX = Namespace("http://example.org/govkg-test/")
pytestmark = pytest.mark.virtuoso


@pytest.fixture(scope="module")
def store():
    url = os.environ.get("GOVKG_VIRTUOSO_URL")
    if not url:
        pytest.skip("GOVKG_VIRTUOSO_URL is not set (start one with .ci/virtuoso.sh)")
    s = open_store("sparql", url, catalog=f"urn:govkg:test-catalog:{uuid.uuid4()}")
    yield s
    for g in (g for g in s.graphs() if g != s.shared_graph):  # the reference graph empties with them
        s.remove_graph(g)
    s.connector.update(f"DROP SILENT GRAPH <{s.catalog}>")


@pytest.fixture(scope="module")
def big(store) -> tuple[str, int]:
    n = 12_000  # above Virtuoso's default ResultSetMaxRows
    g = Graph()
    for i in range(n):
        g.add((EX[f"item/{i}"], EX.value, Literal(f"值{i}")))
    iri = f"urn:govkg:test:{uuid.uuid4()}"
    store.replace_graph(iri, g)
    return iri, n


def test_a_graph_larger_than_the_row_cap_is_read_whole(store, big):
    iri, n = big
    assert store.triple_count(iri) == n
    values = {str(o) for _, _, o, _ in store.quads(iri)}
    assert len(values) == n and "值11999" in values


def test_a_cut_answer_is_read_whole_in_pages_or_is_an_error(store, big):
    iri, n = big
    whole = store.query(f"SELECT ?o WHERE {{ ?s <{EX.value}> ?o }}")
    assert len(whole) == n and "值11999" in {str(r.o) for r in whole}
    assert len(store.query(f"CONSTRUCT WHERE {{ ?s <{EX.value}> ?o }}").graph) == n
    if store.connector.max_rows is None:
        pytest.skip("this Virtuoso's ResultSetMaxRows is above the 12,000 rows written: nothing is cut")
    assert store.connector.max_rows < n
    with pytest.raises(ResultTruncated, match="结果不完整"):  # a dataset of its own cannot be paged
        store.query(f"SELECT ?o FROM <{iri}> WHERE {{ ?s <{EX.value}> ?o }}")


def test_the_servers_own_graphs_stay_out_of_the_union(store, big):
    iri = f"urn:govkg:test:{uuid.uuid4()}"
    g = Graph()
    g.add((EX.a, EX.b, Literal("只有这一条")))
    store.replace_graph(iri, g)
    # Virtuoso's own default graph would hold its system graphs (virtrdf: thousands of triples).
    rows = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
    assert int(rows[0][0]) == store.triple_count() == big[1] + 1
    assert sorted(store.graphs()) == sorted([big[0], iri])


def test_a_runaway_query_ends_at_its_limit_and_the_server_answers_on(store, big):
    from graph_store.base import QueryTimeout

    # No wall-clock bound here (a loaded machine stretches any): the query is cut (a time-out, refused before
    # it ran or stopped at its limit, never an answer), and the server answers the next one.
    with pytest.raises(QueryTimeout):
        store.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=1)
    assert store.query("ASK { ?s ?p ?o }", timeout=60).askAnswer is True


def test_a_graph_read_in_pyoxigraph_terms_is_the_graph_written(store, big):
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    iri, n = big
    assert sum(1 for _ in store.ox_quads(iri)) == n  # past the row cap, page by page
    g, node = Graph(), BNode()
    g.add((node, EX.label, Literal("预算\n“引号”", lang="zh")))
    g.add((EX.a, EX.amount, Literal("12.50", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))))
    g.add((EX.a, EX.part, node))
    small = f"urn:govkg:test:{uuid.uuid4()}"
    store.replace_graph(small, g)
    quads = list(store.ox_quads(small))
    assert {q.graph_name for q in quads} == {ox.NamedNode(small)}
    blanks = {q.subject for q in quads if isinstance(q.subject, ox.BlankNode)}
    assert len(blanks) == 1 and {q.object for q in quads if q.predicate == ox.NamedNode(str(EX.part))} == blanks
    assert ox.Literal("预算\n“引号”", language="zh") in {q.object for q in quads}
    assert len(quads) == 3


def test_a_graph_of_more_texts_than_the_row_cap_gives_the_topic_index_every_text(store, tmp_path, monkeypatch):
    # a document is read whole (its quads in pages) before its texts are taken from it: none is lost to the cap
    from rdflib import RDF, RDFS

    from ontology.namespace import GK
    from query_api import topic_store

    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path / "cache"))
    g = Graph()
    for i in range(10_500):
        g.add((EX[f"program/{i}"], RDF.type, GK.Program))
        g.add((EX[f"program/{i}"], RDFS.label, Literal(f"项目{i}")))
    iri = f"urn:govkg:test:{uuid.uuid4()}"
    store.replace_graph(iri, g)
    texts = topic_store.document_texts(store)[iri]
    assert len(texts) == 10_500 and "项目10499" in texts
