"""The /sparql endpoint speaks the SPARQL 1.1 Protocol: the ways to send a query, the dataset
parameters, content negotiation of every result format, and the service description."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

from query_api.sparql import TRUNCATED_HEADER

EX = "http://example.org/"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
NAMES = "PREFIX ex: <http://example.org/> SELECT ?name WHERE { ?d ex:name ?name } ORDER BY ?name"


def names(response) -> list[str]:
    assert response.status_code == 200, response.get_data(as_text=True)
    return [str(b["name"]["value"]) for b in response.get_json()["results"]["bindings"]]


def test_a_query_by_get_by_form_post_and_by_direct_post_gives_the_same_answer(client):
    by_get = client.get("/sparql", query_string={"query": NAMES})
    by_form = client.post("/sparql", data={"query": NAMES})
    by_body = client.post("/sparql", data=NAMES.encode(), content_type="application/sparql-query")
    with_slash = client.get("/sparql/", query_string={"query": NAMES})
    assert names(by_get) == names(by_form) == names(by_body) == names(with_slash) == ["白云区财政局", "越秀区教育局"]


@pytest.mark.parametrize(("method", "kwargs", "status", "code"), [
    ("get", {"query_string": "query=ASK%20%7B%7D&query=ASK%20%7B%7D"}, 400, "multiple_queries"),
    ("post", {"data": "ASK {}", "content_type": "text/plain"}, 415, "unsupported_media_type"),
    ("post", {"data": b"query=ASK%20%7B%7D"}, 415, "missing_content_type"),
    ("post", {"data": "ASK {}", "content_type": "application/sparql-query; charset=UTF-16"}, 415,
     "unsupported_charset"),
    ("post", {"data": b"ASK { \xff }", "content_type": "application/sparql-query"}, 400, "bad_encoding"),
    ("post", {"data": {"format": "json"}}, 400, "missing_query"),
    ("get", {"query_string": {"query": "ASK {"}}, 400, "bad_query"),
    ("get", {"query_string": {"query": "SELECT * { ?s ex:undeclared ?o }"}}, 400, "bad_query"),
    ("post", {"data": {"query": "ASK {}", "update": "CLEAR ALL"}}, 400, "query_and_update"),
    ("get", {"query_string": {"query": "ASK " + "{" * 3000 + "}" * 3000}}, 400, "query_too_complex"),
    ("get", {"query_string": {"query": "hello"}}, 400, "bad_query"),
])
def test_requests_the_protocol_forbids_are_refused_with_a_reason(client, method, kwargs, status, code):
    response = getattr(client, method)("/sparql", **kwargs)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code


def test_a_syntax_error_gives_the_parser_message_and_position(any_store, make_app):
    client = make_app(any_store).test_client()
    response = client.get("/sparql", query_string={"query": "SELECT ?x\nWHERE { ?x ?p }"})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "bad_query"
    assert ("line:2" in error["message"]) or ("2:" in error["message"])  # rdflib / oxigraph spell it differently


@pytest.mark.parametrize(("accept", "media", "parse_as"), [
    (None, "application/sparql-results+json", "json"),
    ("*/*", "application/sparql-results+json", "json"),
    ("application/sparql-results+json", "application/sparql-results+json", "json"),
    ("application/json", "application/json", "json"),
    ("application/sparql-results+xml", "application/sparql-results+xml", "xml"),
    ("text/csv", "text/csv", "csv"),
    ("text/tab-separated-values", "text/tab-separated-values", "tsv"),
    ("image/png", "application/sparql-results+json", "json"),  # nothing acceptable: the default
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml", "xml"),
])
def test_select_results_come_in_the_format_the_client_accepts(client, accept, media, parse_as):
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", query_string={"query": NAMES}, headers=headers)
    assert response.status_code == 200
    assert response.mimetype == media
    assert "Accept" in response.headers["Vary"]
    result = Result.parse(io.BytesIO(response.data), format=parse_as)
    assert sorted(str(row[0]) for row in result) == ["白云区财政局", "越秀区教育局"]


def test_tsv_keeps_terms_exact_and_escapes_tabs_and_newlines(client):
    query = "PREFIX ex: <http://example.org/> SELECT ?d ?note ?name ?budget WHERE { ?d ex:name ?name ; ex:budget ?budget " \
            "OPTIONAL { ?d ex:note ?note } } ORDER BY ?d"
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": "text/tab-separated-values"})
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "?d\t?note\t?name\t?budget"
    assert len(lines) == 3  # the note's tab and newline are escaped, not written raw
    assert lines[2].split("\t")[1] == ""  # dept2 has no note: unbound is empty
    rows = list(Result.parse(io.BytesIO(response.data), format="tsv"))
    assert rows[0][0] == URIRef(EX + "dept1")
    assert rows[0][1] == Literal("第一行\t制表符\n第二行")
    assert rows[0][2] == Literal("白云区财政局", lang="zh")
    assert rows[0][3].toPython() == Decimal("1234.56")


def test_the_format_parameter_wins_over_accept_and_tolerates_sparqlwrapper_repeats(client):
    response = client.get("/sparql", query_string=[("query", NAMES), ("format", "tsv"),
                                                   ("format", "text/tab-separated-values")],
                          headers={"Accept": "application/sparql-results+json"})
    assert response.mimetype == "text/tab-separated-values"
    unknown = client.get("/sparql", query_string={"query": NAMES, "format": "yaml"}, headers={"Accept": "text/csv"})
    assert unknown.mimetype == "text/csv"  # a format word we do not know falls back to Accept


@pytest.mark.parametrize(("accept", "media", "truth"), [
    ("application/sparql-results+json", "application/sparql-results+json", '"boolean": true'),
    ("application/sparql-results+xml", "application/sparql-results+xml", "<boolean>true</boolean>"),
])
def test_ask_answers_a_boolean_in_json_or_xml(client, accept, media, truth):
    query = 'PREFIX ex: <http://example.org/> ASK { ?d ex:name "越秀区教育局"@zh }'
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.mimetype == media
    assert truth in response.get_data(as_text=True)


@pytest.mark.parametrize(("accept", "media", "rdf_format"), [
    (None, "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("text/n3", "text/n3", "n3"),
])
def test_construct_answers_rdf_in_the_format_the_client_accepts(client, accept, media, rdf_format):
    query = "PREFIX ex: <http://example.org/> CONSTRUCT { ?d ex:name ?n } WHERE { ?d ex:name ?n }"
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept} if accept else {})
    assert response.mimetype == media
    got = Graph().parse(data=response.get_data(as_text=True), format=rdf_format)
    expected = Graph()
    expected.add((URIRef(EX + "dept1"), URIRef(EX + "name"), Literal("白云区财政局", lang="zh")))
    expected.add((URIRef(EX + "dept2"), URIRef(EX + "name"), Literal("越秀区教育局", lang="zh")))
    assert isomorphic(got, expected)


def test_describe_answers_rdf_about_the_resource(client):
    response = client.get("/sparql", query_string={"query": f"DESCRIBE <{EX}dept2>"})
    graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    assert (URIRef(EX + "dept2"), URIRef(EX + "name"), Literal("越秀区教育局", lang="zh")) in graph


def test_relative_iris_resolve_against_the_endpoint(any_store, make_app):
    client = make_app(any_store).test_client()
    response = client.get("/sparql", query_string={"query": "SELECT ?x WHERE { BIND(<thing> AS ?x) }"})
    assert response.get_json()["results"]["bindings"][0]["x"]["value"] == "http://localhost/thing"


def test_default_graph_uri_and_named_graph_uri_choose_the_dataset(any_store, make_app, graph_iris):
    first, second = graph_iris
    client = make_app(any_store).test_client()
    only_first = client.get("/sparql", query_string={"query": NAMES, "default-graph-uri": first})
    assert names(only_first) == ["白云区财政局"]
    in_graph = ("PREFIX ex: <http://example.org/> SELECT ?g ?name WHERE { GRAPH ?g { ?d ex:name ?name } }")
    only_second = client.post("/sparql", data={"query": in_graph, "named-graph-uri": second})
    rows = only_second.get_json()["results"]["bindings"]
    assert [(r["g"]["value"], r["name"]["value"]) for r in rows] == [(second, "越秀区教育局")]


def test_from_picks_graphs_of_the_store_and_the_protocol_dataset_overrides_it(any_store, make_app, graph_iris):
    first, second = graph_iris
    client = make_app(any_store).test_client()
    from_second = NAMES.replace("WHERE", f"FROM <{second}> WHERE")
    assert names(client.get("/sparql", query_string={"query": from_second})) == ["越秀区教育局"]
    overridden = client.get("/sparql", query_string={"query": from_second, "default-graph-uri": first})
    assert names(overridden) == ["白云区财政局"]


def test_without_a_query_get_describes_the_service(client, graph_iris):
    response = client.get("/sparql")
    assert response.mimetype == "text/turtle"
    graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    service = graph.value(predicate=SD.endpoint, object=URIRef("http://localhost/sparql"))
    assert service is not None
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert {str(n) for n in graph.objects(None, SD.name)} == set(graph_iris)
    as_jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert as_jsonld.mimetype == "application/ld+json"


def test_a_browser_gets_a_query_form_and_an_html_table(client):
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    form = client.get("/sparql", headers=browser)
    assert form.mimetype == "text/html"
    assert '<textarea name="query"' in form.get_data(as_text=True)
    table = client.get("/sparql", query_string={"query": NAMES}, headers=browser)
    assert table.mimetype == "text/html"
    assert "<td>白云区财政局</td>" not in table.get_data(as_text=True)  # language tag shown with the text
    assert "白云区财政局" in table.get_data(as_text=True) and "<table>" in table.get_data(as_text=True)


def test_results_are_cut_at_max_rows_and_the_cut_is_announced(store, make_app):
    client = make_app(store, MAX_ROWS=3).test_client()
    everything = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(everything.get_json()["results"]["bindings"]) == 3
    assert everything.headers[TRUNCATED_HEADER] == "3"
    graph = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert len(Graph().parse(data=graph.get_data(as_text=True), format="turtle")) == 3
    assert graph.headers[TRUNCATED_HEADER] == "3"
    small = client.get("/sparql", query_string={"query": NAMES})
    assert TRUNCATED_HEADER not in small.headers


def test_queries_rdflib_cannot_parse_still_reach_the_oxigraph_store(tmp_path, make_app):
    from graph_store.registry import open_store

    with open_store("oxigraph", tmp_path / "store") as store:
        client = make_app(store).test_client()
        response = client.get("/sparql", query_string={"query": "SELECT ?x WHERE { BIND(-2.5 AS ?x) }"})
        assert response.status_code == 200
        assert response.get_json()["results"]["bindings"][0]["x"]["value"] == "-2.5"
