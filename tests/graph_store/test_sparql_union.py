"""The sparql backend's own union graph (graph_store.sparql_union): a query names two graphs however many
documents the store holds, and stays exact beside another store on the same server. On a plain SPARQL 1.1
server in this process, and on Virtuoso when $GOVKG_VIRTUOSO_URL is set."""

from __future__ import annotations

import os
import uuid

import pytest
from rdflib import Graph, Literal, Namespace, Variable

from graph_store.base import StoreError
from graph_store.registry import open_store
from tests.graph_store.sparql_endpoint import sparql_endpoint

EX = Namespace("http://example.org/govkg-union/")
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX.says}> ?o }}"


@pytest.fixture(params=["sparql-http", "virtuoso"])
def url(request):
    if request.param == "virtuoso":
        if not os.environ.get("GOVKG_VIRTUOSO_URL"):
            pytest.skip("GOVKG_VIRTUOSO_URL is not set (start one with .ci/virtuoso.sh)")
        yield os.environ["GOVKG_VIRTUOSO_URL"]
        return
    with sparql_endpoint() as endpoint:
        yield endpoint


@pytest.fixture
def opened(url):
    """Opens stores of catalogs of their own on the server; removes what they wrote afterwards."""
    stores = []

    def open_(catalog: str | None = None, **options):
        store = open_store("sparql", url, catalog=catalog or f"urn:govkg:test-catalog:{uuid.uuid4()}", **options)
        stores.append(store)
        return store

    yield open_
    for store in stores:
        for g in store.graphs():
            if g != store.shared_graph:
                store.remove_graph(g)
        store.connector.update(f"DROP SILENT GRAPH <{store.catalog}> ; DROP SILENT GRAPH <{store.union_graph}>")


def graph(*objects: str) -> Graph:
    g = Graph()
    for o in objects:
        g.add((EX.doc, EX.says, Literal(o)))
    return g


def count(store, sparql: str = COUNT) -> int:
    return int(next(iter(store.query(sparql)))[0])


def test_two_stores_on_one_server_each_see_their_own_union_and_ontology(opened):
    a, b = opened(), opened()
    assert a.ontology_graph != b.ontology_graph and a.union_graph != b.union_graph
    a.replace_graph(f"{a.catalog}/doc/1", graph("甲", "共同"))
    b.replace_graph(f"{b.catalog}/doc/1", graph("乙", "共同"))
    a.replace_graph(a.ontology_graph, graph("词表"))
    b.replace_graph(b.ontology_graph, graph("词表"))
    assert count(a) == count(b) == 3
    a.remove_graph(a.ontology_graph)  # one store's ontology gone: the other's still answers
    assert count(a) == 2 and count(b) == 3
    assert b.ontology_graph in b.graphs() and a.ontology_graph not in a.graphs()


def test_a_triple_two_documents_state_stays_until_both_are_gone(opened):
    store = opened()
    one, two = f"{store.catalog}/doc/1", f"{store.catalog}/doc/2"
    store.replace_graph(one, graph("共同", "一"))
    store.replace_graph(two, graph("共同", "二"))
    objects = f"SELECT DISTINCT ?o WHERE {{ ?s <{EX.says}> ?o }}"
    assert {str(r[0]) for r in store.query(objects)} == {"共同", "一", "二"}
    store.remove_graph(one)
    assert {str(r[0]) for r in store.query(objects)} == {"共同", "二"}
    store.replace_graph(two, graph("新"))  # a new version drops what only the old one said
    assert {str(r[0]) for r in store.query(objects)} == {"新"}
    store.remove_graph(two)
    assert count(store) == 0


def test_a_query_names_two_graphs_whatever_the_store_holds(opened):
    store = opened()
    for i in range(30):
        store.replace_graph(f"{store.catalog}/doc/{i}", graph(f"第{i}"))
    sent = []
    query = store.connector.query

    def recording(sparql, accept, **kw):
        sent.append(kw)
        return query(sparql, accept, **kw)

    store.connector.query = recording
    assert count(store) == 30
    assert sent[-1]["default_graph_uris"] == [store.union_graph, store.shared_graph]
    assert not sent[-1]["named_graph_uris"]  # no GRAPH pattern: no named graphs to send
    in_graphs = f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?s <{EX.says}> ?o }} }}"
    assert count(store, in_graphs) == 30  # a GRAPH pattern ranges over the store's graphs, and no others
    assert len(sent[-1]["named_graph_uris"]) == 30


def test_a_store_written_before_the_union_graph_answers_and_gets_one_at_its_next_write(opened):
    catalog = f"urn:govkg:test-catalog:{uuid.uuid4()}"
    old = opened(catalog, union="explicit")
    old.replace_graph(f"{catalog}/doc/1", graph("旧一"))
    old.replace_graph(f"{catalog}/doc/2", graph("旧二"))
    new = opened(catalog)
    assert count(new) == 2  # every graph named, as before
    new.replace_graph(f"{catalog}/doc/3", graph("新三"))
    assert count(new) == 3
    held = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{new.union_graph}> {{ ?s <{EX.says}> ?o }} }}"
    assert int(next(iter(new._select(held)))[0]) == 3  # the earlier documents were copied in


def test_graphs_where_names_only_the_store_s_own_graphs(opened):
    # asked of the whole server (no graph named in the request) and joined to the store's catalog
    mine, other = opened(), opened()
    mine.replace_graph(f"{EX}mine", graph("同一句话"))
    other.replace_graph(f"{EX}other", graph("同一句话"))
    pattern = f'?s <{EX.says}> "同一句话"'
    assert mine.graphs_where(pattern) == [f"{EX}mine"]
    assert other.graphs_where(pattern) == [f"{EX}other"]
    mine.remove_graph(f"{EX}mine")
    assert mine.graphs_where(pattern) == []


def union_objects(store) -> set[str]:
    held = f"SELECT ?o WHERE {{ GRAPH <{store.union_graph}> {{ ?s <{EX.says}> ?o }} }}"
    return {str(row[Variable("o")]) for row in store._select(held).bindings}


def test_a_new_version_keeps_what_it_states_again_and_drops_only_what_no_listed_graph_holds(opened):
    store = opened()
    one, two, three = (f"{store.catalog}/doc/{n}" for n in (1, 2, 3))
    store.replace_graph(one, graph("共同", "旧", "留"))
    store.replace_graph(two, graph("共同", "别"))
    store.replace_graph(three, graph("留", "新"), replaces=[one])  # a new version under a new name
    assert store.graphs() == sorted([two, three])
    assert union_objects(store) == {"共同", "别", "留", "新"}  # "旧" only the old version held
    store.replace_graph(three, graph("新"))  # the same name rewritten (through a staging graph)
    assert union_objects(store) == {"共同", "别", "新"}
    assert not any(":staging:" in g for g in store.graphs())


def test_a_reader_between_a_replacements_requests_sees_the_old_version_whole(opened):
    store, reader = opened(), None
    old, new = f"{store.catalog}/doc/old", f"{store.catalog}/doc/new"
    store.replace_graph(old, graph("甲", "乙"))
    reader = opened(store.catalog)
    seen = []
    update = store.connector.update

    def looking(sparql, *args, **kw):  # what another process reads before each request of the write
        seen.append((reader.graphs(), count(reader)))
        return update(sparql, *args, **kw)

    store.connector.update = looking
    store.replace_graph(new, graph("丙"), replaces=[old])
    assert seen and all(state == ([old], 2) for state in seen)
    assert (reader.graphs(), count(reader)) == ([new], 1)


def test_a_replacement_that_fails_leaves_the_old_version_and_no_new_graph(opened):
    store = opened()
    old, new = f"{store.catalog}/doc/old", f"{store.catalog}/doc/new"
    store.replace_graph(old, graph("甲"))
    update = store.connector.update

    def failing(sparql, *args, **kw):
        if "DROP SILENT GRAPH" in sparql and "INSERT" in sparql:  # the write's one update request
            raise StoreError("sparql: update failed (made to fail by the test)")
        return update(sparql, *args, **kw)

    store.connector.update = failing
    with pytest.raises(StoreError):
        store.replace_graph(new, graph("乙"), replaces=[old])
    store.connector.update = update
    assert store.graphs() == [old] and union_objects(store) == {"甲"}
    on_server = f"ASK {{ GRAPH <{new}> {{ ?s ?p ?o }} }}"
    assert not store._select(on_server).askAnswer  # the graph written before the update is gone too


def test_another_writer_s_change_is_seen_by_the_next_listing(opened):
    store = opened()
    other = opened(store.catalog)
    store.replace_graph(f"{store.catalog}/doc/1", graph("一"))
    assert store.graphs() == [f"{store.catalog}/doc/1"] and len(store.graph_versions()) == 1
    other.replace_graph(f"{store.catalog}/doc/2", graph("二"))
    assert store.graphs() == [f"{store.catalog}/doc/1", f"{store.catalog}/doc/2"]
    assert set(store.graph_versions()) == set(store.graphs())
