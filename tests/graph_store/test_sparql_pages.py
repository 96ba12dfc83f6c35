"""A server that cuts answers at a row cap (Virtuoso's ResultSetMaxRows) must not make a short answer: the
`sparql` backend reads a cut SELECT or CONSTRUCT again a page at a time, and a query it cannot page is an
error. On the plain test endpoint cutting at 7 rows, as Virtuoso does (a header for a SELECT, no sign for a
CONSTRUCT)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace

from graph_store.base import ResultTruncated
from graph_store.registry import open_store
from graph_store.sparql_pages import construct_pages, select_pages
from graph_store.sparql_text import top_level_limit
from tests.graph_store.sparql_endpoint import sparql_endpoint

EX = Namespace("http://example.org/pages/")
ROWS = 30


@pytest.fixture()
def store():
    with sparql_endpoint(max_rows=7) as url:
        s = open_store("sparql", url)
        g = Graph()
        for i in range(ROWS):
            g.add((EX[f"item/{i:02d}"], EX.value, Literal(i)))
            g.add((EX[f"item/{i:02d}"], EX.group, EX[f"group/{i % 3}"]))
        s.replace_graph("urn:test:pages", g)
        yield s
        s.close()


def test_a_cut_select_is_read_whole_in_pages(store):
    rows = list(store.query(f"SELECT ?s ?v WHERE {{ ?s <{EX.value}> ?v }}"))
    assert len(rows) == ROWS and {int(r.v) for r in rows} == set(range(ROWS))
    assert store.connector.max_rows == 7


def test_pages_keep_the_querys_own_order(store):
    values = [int(r.v) for r in store.query(f"SELECT ?v WHERE {{ ?s <{EX.value}> ?v }} ORDER BY DESC(?v)")]
    assert values == list(range(ROWS - 1, -1, -1))


def test_a_limit_inside_a_sub_select_does_not_pass_a_cut_answer_as_whole(store):
    text = (f"SELECT ?s ?g WHERE {{ ?s <{EX.group}> ?g {{ SELECT ?g WHERE {{ ?x <{EX.group}> ?g }} LIMIT 1 }} }}")
    assert len(list(store.query(text))) == ROWS // 3


def test_a_cut_construct_is_read_whole_though_the_server_gives_no_sign(store):
    graph = store.query(f"CONSTRUCT {{ ?s <{EX.value}> ?v . ?s <{EX.copy}> ?v }} WHERE {{ ?s <{EX.value}> ?v }}").graph
    assert len(graph) == 2 * ROWS


def test_a_cut_answer_that_cannot_be_paged_is_an_error_not_a_short_list(store):
    with pytest.raises(ResultTruncated, match="结果不完整"):
        store.query(f"SELECT ?v FROM <urn:test:pages> WHERE {{ ?s <{EX.value}> ?v }}")
    with pytest.raises(ResultTruncated, match="结果不完整"):  # its order names what the answer leaves out
        store.query(f"SELECT ?s WHERE {{ ?s <{EX.value}> ?v }} ORDER BY ?v")


def test_an_answer_asked_for_within_the_cap_is_taken_as_it_comes(store):
    assert len(list(store.query(f"SELECT ?v WHERE {{ ?s <{EX.value}> ?v }} LIMIT 5"))) == 5


def test_only_the_querys_own_limit_counts():
    assert top_level_limit("SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?b ?c } LIMIT 3 } }") is None
    assert top_level_limit('SELECT ?a WHERE { ?a ?b "LIMIT 2" } LIMIT 40') == 40


def test_a_page_keeps_the_prologue_in_front_and_sorts_inside_a_sub_select():
    page = select_pages("PREFIX x: <urn:x#>\nSELECT ?a WHERE { ?a x:p ?b } ORDER BY DESC(?a)", ["a"])(10, 20)
    assert page.startswith("PREFIX x: <urn:x#>\nSELECT ?a WHERE { { SELECT ?a WHERE {")
    assert page.endswith("ORDER BY DESC(?a) ?a } } LIMIT 10 OFFSET 20")
    assert construct_pages("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3") is None
    pages, triples = construct_pages('CONSTRUCT { ?s ?p ?o ; <urn:y> "a.b" } WHERE { ?s ?p ?o }')
    assert triples == 2 and "SELECT DISTINCT ?o ?p ?s" in pages(5, 0)


def test_a_caller_that_uses_few_rows_gets_them_without_paging_the_rest(store):
    rows = list(store.query(f"SELECT ?v WHERE {{ ?s <{EX.value}> ?v }}", read_rows=10))
    assert 10 <= len(rows) < ROWS  # two pages of 7, not all 30
    assert len(store.query(f"CONSTRUCT WHERE {{ ?s <{EX.value}> ?v }}", read_rows=5).graph) >= 5
