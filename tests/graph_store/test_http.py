"""The HTTP connector against a small real HTTP server in this process: what reaches the endpoint,
and how the server's failures come back (always as StoreError and its kinds)."""

from __future__ import annotations

import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from graph_store.base import JOINS_AS_WRITTEN, QueryError, QueryTimeout, StoreError
from graph_store.http import SparqlConnector, derive_gsp_url


class Endpoint(BaseHTTPRequestHandler):
    """Answers by the query text: 'slow' sleeps, 'bad' is a 400, 'boom' a 500, 'partial' comes back cut
    short the way Virtuoso marks it, 'deadlock N' is refused as deadlocked its first N times
    ('locked N': its lock wait timed out), 'checkpoint N'
    is a 404 its first N times (Virtuoso in a checkpoint), 'estimate' is refused for its estimated time; it
    calls itself Virtuoso."""

    server_version = "Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu"
    sys_version = ""
    seen: list = []

    def do_POST(self):
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8"))
        Endpoint.seen.append((self.path, self.headers.get("Accept"), form))
        text = (form.get("query") or form.get("update"))[0]
        if "slow" in text:
            time.sleep(1.0)
        refusal = next((word for word in ("deadlock", "locked") if word in text), None)
        deadlocked = refusal is not None and sum(refusal in (f.get("update") or [""])[0]
                                                 for _, _, f in Endpoint.seen) <= int(text.split()[-1])
        checkpoint = "checkpoint" in text and sum((f.get("query") or f.get("update"))[0] == text
                                                  for _, _, f in Endpoint.seen) <= int(text.split()[-1])
        status = 400 if "bad" in text else 500 if "boom" in text or deadlocked or "estimate" in text \
            else 404 if checkpoint else 200
        body = b"<html><body><h1>Error</h1><p>SP030: syntax error at 'bad'</p></body></html>" if status != 200 \
            else b'{"head": {"vars": []}, "results": {"bindings": []}}'
        if deadlocked:
            body = b"Virtuoso 40001 Error SR172: Transaction deadlocked" if refusal == "deadlock" \
                else b"Virtuoso S1T00 Error SR171: Transaction timed out"
        if "estimate" in text:  # 'estimate -': the figure as Virtuoso overflows it on a large store
            figure = b"-850347008" if "estimate -" in text else b"2728245"
            body = b"Virtuoso 42000 Error The estimated execution time " + figure + b" (sec) exceeds the limit of 400 (sec)."
        self.send_response(status)
        if "partial" in text:
            self.send_header("X-SQL-State", "S1TAT")
            self.send_header("X-SQL-Message", "RC...: Returning incomplete results, query interrupted by result timeout.")
        for graph in form.get("default-graph-uri", []):  # as Virtuoso does, one header per graph
            self.send_header("X-SPARQL-default-graph", graph)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    Endpoint.seen = []
    yield f"http://127.0.0.1:{server.server_port}/sparql"
    server.shutdown()
    server.server_close()


def test_a_query_carries_its_dataset_and_accept_header(url):
    SparqlConnector(url).query("SELECT * { ?s ?p \"中文\" }", "application/sparql-results+json",
                               default_graph_uris=["urn:g:1", "urn:g:2"], named_graph_uris=["urn:g:2"])
    path, accept, form = Endpoint.seen[0]
    assert path == "/sparql" and accept == "application/sparql-results+json"
    assert form["query"] == ['SELECT * { ?s ?p "中文" }']
    assert form["default-graph-uri"] == ["urn:g:1", "urn:g:2"] and form["named-graph-uri"] == ["urn:g:2"]


def test_a_query_over_many_graphs_is_answered_though_each_comes_back_as_a_header(url):
    graphs = [f"urn:g:{i}" for i in range(500)]
    reply = SparqlConnector(url).query("ASK {}", "application/sparql-results+json", default_graph_uris=graphs)
    assert reply.status == 200


def test_a_rejected_query_is_a_query_error_with_the_servers_words(url):
    with pytest.raises(QueryError, match="SP030: syntax error"):
        SparqlConnector(url).query("bad", "application/sparql-results+json")


def test_a_server_failure_is_a_store_error_naming_the_status(url):
    with pytest.raises(StoreError, match="HTTP 500"):
        SparqlConnector(url).update("boom")


def test_a_deadlocked_update_is_sent_again_and_a_lasting_one_reported(url):
    SparqlConnector(url).update("deadlock 2")  # rolled back twice by the server, then done
    assert len(Endpoint.seen) == 3
    with pytest.raises(StoreError, match="40001"):
        SparqlConnector(url).update("deadlock 9")


def test_an_update_whose_lock_wait_timed_out_is_sent_again(url):
    SparqlConnector(url).update("locked 1")  # Virtuoso rolled it back whole (SR171), then done
    assert len(Endpoint.seen) == 2
    with pytest.raises(StoreError, match="SR171: Transaction timed out"):
        SparqlConnector(url).update("locked 9")


def test_no_answer_within_the_time_limit_is_a_timeout(url):
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        SparqlConnector(url).query("slow", "application/sparql-results+json", timeout=0.2)
    assert time.monotonic() - started < 0.9


def test_an_endpoint_nobody_listens_on_is_reported_plainly():
    with pytest.raises(StoreError, match="cannot reach"):
        SparqlConnector("http://127.0.0.1:9/sparql").query("ASK {}", "application/sparql-results+json")


def test_the_location_must_be_an_http_url():
    with pytest.raises(StoreError, match="endpoint URL"):
        SparqlConnector("/var/lib/store")


def test_the_graph_store_url_is_guessed_beside_virtuosos_sparql():
    assert derive_gsp_url("http://h:8890/sparql") == "http://h:8890/sparql-graph-crud"
    assert derive_gsp_url("http://h:3030/ds/query") == ""


def test_a_partial_answer_cut_by_the_servers_clock_is_a_timeout(url):
    with pytest.raises(QueryTimeout, match="partial"):
        SparqlConnector(url).query("partial", "application/sparql-results+json")


def test_virtuoso_is_asked_to_stop_at_the_time_limit_itself(url):
    connector = SparqlConnector(url)
    connector.query("ASK {}", "application/sparql-results+json")  # learns who answers
    connector.query("ASK {}", "application/sparql-results+json", timeout=2.5)
    assert Endpoint.seen[-1][2]["timeout"] == ["2500"]


def test_virtuoso_keeps_the_join_order_of_a_query_that_asks_for_it_and_only_then(url):
    connector = SparqlConnector(url)
    connector.query("ASK {}", "application/sparql-results+json")  # learns who answers
    connector.query(JOINS_AS_WRITTEN + "SELECT * { ?s ?p ?o }", "application/sparql-results+json")
    connector.query("SELECT * { ?s ?p ?o }", "application/sparql-results+json")
    ordered, plain = Endpoint.seen[-2][2]["query"][0], Endpoint.seen[-1][2]["query"][0]
    assert ordered == 'DEFINE sql:select-option "order"\n' + JOINS_AS_WRITTEN + "SELECT * { ?s ?p ?o }"
    assert plain == "SELECT * { ?s ?p ?o }"


def test_a_404_of_a_server_in_its_checkpoint_is_sent_again_and_a_lasting_one_reported(url, monkeypatch):
    monkeypatch.setattr("graph_store.http.UNAVAILABLE_PAUSES", (0.01, 0.02, 0.04))
    SparqlConnector(url).query("ASK { } # checkpoint 2", "application/sparql-results+json")
    assert len(Endpoint.seen) == 3  # two 404s, then the answer
    SparqlConnector(url).update("INSERT DATA {} # checkpoint 3")
    with pytest.raises(StoreError, match=r"HTTP 404\), still after .*checkpoint"):
        SparqlConnector(url).update("INSERT DATA {} # checkpoint 99")
    assert len(Endpoint.seen) == 3 + 4 + 4  # 404 three times, then done; four tries (three pauses), then the error


def test_a_query_virtuoso_expects_to_outlast_its_limit_is_a_timeout(url):
    with pytest.raises(QueryTimeout, match="expects to run past"):
        SparqlConnector(url).query("estimate", "application/sparql-results+json")


def test_an_estimate_virtuoso_overflowed_to_a_negative_figure_is_a_timeout_too(url):
    # seen on a Virtuoso holding a 1,000-document store (8 M quads): "-850347008 (sec) exceeds the limit"
    with pytest.raises(QueryTimeout, match="expects to run past"):
        SparqlConnector(url).query("estimate -", "application/sparql-results+json")
