"""The endpoint is safe by default: read-only, no SERVICE, FROM never leaves the store, runaway queries
are stopped at the time limit."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
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


def test_an_update_is_refused_without_being_read(client):
    # Not even parsed: whatever is sent as an update is refused the same way.
    error = client.post("/sparql", data={"update": "CLEAR XYZ"}).get_json()["error"]
    assert (error["status"], error["code"]) == (403, "read_only")


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?q ?r } } }",
    "ASK { { SELECT ?s WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } } }",
])
def test_service_is_refused_wherever_it_is_nested(client, query):
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "service_not_allowed"


@pytest.mark.parametrize("query", [
    'SELECT ?t WHERE { BIND("SERVICE <http://x/> { }" AS ?t) }',
    "SELECT ?service WHERE { ?service ?p ?o } # SERVICE <http://x/> { }",
    "PREFIX ex: <http://example.org/> SELECT ?o WHERE { ex:SERVICE ex:p ?o }",
    "SELECT ?o WHERE { <http://example.org/SERVICE> ?p ?o }",
])
def test_the_word_service_in_strings_names_and_comments_is_not_refused(client, query):
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 200, response.get_data(as_text=True)


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
    "oxigraph": (170, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"),
}


@pytest.fixture
def runaway_cleanup() -> Iterator[None]:
    """After the test, wait for the store's abandoned query workers (threads named "<backend>-query") to end:
    the store refuses new timed queries while too many are still running, which would fail later tests."""
    yield
    for thread in threading.enumerate():
        if thread.name.endswith("-query"):
            thread.join(10)


def test_a_runaway_query_is_stopped_at_the_time_limit_and_the_server_keeps_answering(any_store, make_app,
                                                                                    runaway_cleanup):
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


def _get(url: str, query: str) -> tuple[int, float]:
    """The status of a query sent to the server at `url`, and when its answer came back (time.monotonic())."""
    request = urllib.request.Request(f"{url}/sparql?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            json.load(response)
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return status, time.monotonic()


# The runaway of the next test runs a few seconds past its time limit of one second, so that its neighbours'
# answers are told apart from its own by order, not by a clock threshold a loaded machine would miss.
HELD_UP = {"memory": 500, "oxigraph": 250}


def test_runaway_queries_do_not_hold_up_other_clients_of_a_real_server(any_store, make_app, serve, runaway_cleanup):
    runaway = RUNAWAY[any_store.name][1]
    any_store.replace_graph("http://example.org/graph/big", _many_triples(HELD_UP[any_store.name]))
    # The "other clients" all come from 127.0.0.1 here: let them past the per-client limit.
    url = serve(make_app(any_store, QUERY_TIMEOUT=1.0, SPARQL_PER_CLIENT=8))
    quick = "PREFIX ex: <http://example.org/> SELECT ?name WHERE { ?d ex:name ?name }"
    with ThreadPoolExecutor(6) as pool:
        slow = pool.submit(_get, url, runaway)
        time.sleep(0.05)  # let the runaway query start first
        fast = [pool.submit(_get, url, quick) for _ in range(4)]
        slow_status, slow_back = slow.result()
        answered = [f.result() for f in fast]
    assert slow_status == 503  # stopped at its limit
    if any_store.name == "oxigraph":
        # oxigraph reads in parallel: the others are answered while the runaway still runs
        assert all(status == 200 and back < slow_back for status, back in answered)
    else:
        # the memory backend reads one query at a time: the others wait their turn behind the runaway (its
        # time limit bounds the wait) and are answered, or meet their own limit while waiting; none hangs
        assert {status for status, _ in answered} <= {200, 503}


def test_a_forged_host_header_cannot_write_into_the_query(client):
    forged = "x> ASK { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } #"
    response = client.get("/sparql", query_string={"query": "SELECT ?x WHERE { BIND(<a> AS ?x) }"},
                          headers={"Host": forged})
    assert response.status_code == 200  # not 403: no SERVICE reached the query
    resolved = response.get_json()["results"]["bindings"][0]["x"]["value"]
    assert resolved.endswith("/a") and not any(c in resolved for c in " <>{}")
