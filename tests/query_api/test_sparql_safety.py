"""The endpoint is safe by default: read-only, no SERVICE, FROM never leaves the store, runaway queries
are stopped at the time limit."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rdflib import Graph, Literal, URIRef

UPDATES = [
    "INSERT DATA { <http://example.org/x> <http://example.org/p> 1 }",
    "DELETE WHERE { ?s ?p ?o }",
    "CLEAR ALL",
    "DROP SILENT GRAPH <http://example.org/graph/baiyun-2023-budget>",
    "LOAD <http://example.org/data.ttl>",
    "CREATE GRAPH <http://example.org/new>",
]


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_however_they_are_sent_and_change_nothing(any_store, make_app, update):
    client = make_app(any_store).test_client()
    before = any_store.triple_count()
    sent = [
        client.post("/sparql", data={"update": update}),
        client.post("/sparql", data=update.encode(), content_type="application/sparql-update"),
        client.get("/sparql", query_string={"update": update}),
        client.get("/sparql", query_string={"query": update}),
        client.post("/sparql", data=update.encode(), content_type="application/sparql-query"),
    ]
    for response in sent:
        assert response.status_code == 403, response.get_data(as_text=True)
        assert response.get_json()["error"]["code"] == "read_only"
    assert any_store.triple_count() == before


def test_an_update_that_does_not_parse_gets_400_with_the_parser_message(client):
    error = client.post("/sparql", data={"update": "CLEAR XYZ"}).get_json()["error"]
    assert error["code"] == "bad_update" and error["status"] == 400
    assert "line" in error and "column" in error


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?q ?r } } }",
    "ASK { { SELECT ?s WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } } }",
])
def test_service_is_refused_wherever_it_is_nested(client, query):
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "service_not_allowed"


def test_service_written_in_a_string_is_just_text(client):
    query = 'SELECT ?t WHERE { BIND("SERVICE <http://x/> { }" AS ?t) }'
    assert client.get("/sparql", query_string={"query": query}).status_code == 200


@pytest.fixture
def web_server():
    """A local web server that serves Turtle at any path and counts the requests it gets."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            hits.append(self.path)
            body = b"<http://example.org/leak> <http://example.org/p> \"fetched\" .\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/turtle")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_from_never_fetches_urls_or_reads_files(any_store, make_app, web_server, tmp_path):
    url, hits = web_server
    local = tmp_path / "secret.ttl"
    local.write_text('<http://example.org/leak> <http://example.org/p> "read from disk" .\n', encoding="utf-8")
    client = make_app(any_store).test_client()
    for dataset in (f"FROM <{url}/data.ttl>", f"FROM NAMED <{url}/named.ttl>", f"FROM <{local.as_uri()}>"):
        query = f"SELECT ?o {dataset} WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
        response = client.get("/sparql", query_string={"query": query})
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.get_json()["results"]["bindings"] == []
    assert hits == []


def _many_triples(n: int) -> Graph:
    graph = Graph()
    for i in range(n):
        graph.add((URIRef(f"http://example.org/s{i}"), URIRef("http://example.org/p"), Literal(i)))
    return graph


# A query that is quick to write and slow to answer: a cross product counted in one aggregate row
# (about a second past the limit on each backend, so the abandoned worker does not run long).
RUNAWAY = {
    "memory": (300, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d }"),
    "oxigraph": (200, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"),
}


def test_a_runaway_query_is_stopped_at_the_time_limit_and_the_server_keeps_answering(any_store, make_app):
    size, query = RUNAWAY[any_store.name]
    any_store.replace_graph("http://example.org/graph/big", _many_triples(size))
    client = make_app(any_store, QUERY_TIMEOUT=0.2).test_client()
    started = time.monotonic()
    response = client.get("/sparql", query_string={"query": query})
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "query_timeout"
    assert elapsed < 0.2 + 0.5
    fast = make_app(any_store, QUERY_TIMEOUT=5).test_client()
    assert fast.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}).status_code == 200
