"""The small protections: security headers, HEAD like GET, no links for script IRIs, bad JSON bodies
and long questions refused, a per-client query limit, and log lines operators can read."""

from __future__ import annotations

import json
import logging

import pytest
from rdflib import Graph, URIRef

from query_api.guards import CONTENT_SECURITY_POLICY, ClientSlots
from query_api.logs import JsonLines

SCRIPT_IRIS = ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
               "vbscript:msgbox(1)"]


@pytest.mark.parametrize("path", ["/", "/sparql", "/api/ask/help", "/no/such/route"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_exact_policy_the_pages_are_built_for():
    assert CONTENT_SECURITY_POLICY == (
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


def test_head_on_sparql_answers_like_get_without_a_body(client):
    get, head = client.get("/sparql"), client.head("/sparql")
    assert head.status_code == get.status_code == 200
    assert head.headers["Content-Type"] == get.headers["Content-Type"]
    assert head.get_data() == b""


@pytest.mark.parametrize("iri", SCRIPT_IRIS)
def test_html_results_never_link_script_iris(store, make_app, iri):
    g = Graph()
    g.add((URIRef("http://example.org/x"), URIRef("http://example.org/link"), URIRef(iri)))
    store.replace_graph("http://example.org/graph/evil", g)
    page = make_app(store).test_client().get(
        "/sparql", query_string={"query": "SELECT ?o WHERE { ?s <http://example.org/link> ?o }", "format": "html"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "href=\"" + iri.split(":")[0] not in html.replace("href=\"/", "")
    assert "<script>" not in html


def test_html_results_still_link_web_iris(client):
    html = client.get("/sparql", query_string={"query": "SELECT ?s WHERE { ?s a ?t }", "format": "html"}).get_data(True)
    assert '<a href="http://example.org/dept1">' in html


@pytest.mark.parametrize("body", ["[1, 2]", "\"哪个部门\"", "42", "null", "true", "{\"q\": [\"a\"]}", "{\"q\": {}}"])
def test_json_that_is_no_object_with_a_text_q_is_a_400(client, body):
    response = client.post("/api/ask", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] in ("bad_json", "bad_parameter", "missing_parameter")


def test_a_question_longer_than_the_limit_is_refused_in_chinese(client):
    from query_api.ask import MAX_QUESTION_CHARS

    response = client.get("/api/ask", query_string={"q": "政务云" * MAX_QUESTION_CHARS})
    assert response.status_code == 400
    assert "太长" in response.get_json()["error"]["message"]
    assert client.get("/api/ask", query_string={"q": "哪些项目涉及政务云"}).status_code == 200


def test_a_client_beyond_its_concurrent_queries_gets_429_and_its_slots_come_back():
    from query_api.errors import ApiError

    slots = ClientSlots(2)
    with slots.hold("10.0.0.1"), slots.hold("10.0.0.1"):
        with pytest.raises(ApiError) as refused:
            with slots.hold("10.0.0.1"):
                pass
        assert refused.value.status == 429
        with slots.hold("10.0.0.2"):  # another client is not held up
            pass
    with slots.hold("10.0.0.1"), slots.hold("10.0.0.1"):
        pass


def test_the_429_response_says_when_to_retry(client, app):
    from query_api.guards import EXTENSION

    app.extensions[EXTENSION].most = 0  # every query is one too many
    response = client.get("/sparql", query_string={"query": "ASK {}"})
    assert response.status_code == 429
    assert response.headers["Retry-After"].isdigit()
    assert response.get_json()["error"]["code"] == "too_many_queries"


def test_requests_refusals_and_timeouts_are_logged(client, caplog):
    caplog.set_level(logging.INFO, "govkg")
    client.get("/api/ask", query_string={"q": "x" * 1000})
    client.get("/sparql", query_string={"query": "ASK " + "{" * 100 + "}" * 100})
    access = [r for r in caplog.records if r.name == "govkg.access"]
    assert [(r.method, r.path, r.status) for r in access] == [("GET", "/api/ask", 400), ("GET", "/sparql", 400)]
    assert all(r.duration_ms >= 0 and r.bytes > 0 and r.client == "127.0.0.1" for r in access)
    refused = [r.getMessage() for r in caplog.records if r.name == "govkg.requests"]
    assert "too_long" in refused[0] and "query_too_complex" in refused[1]


def test_json_log_lines_keep_the_fields_of_the_record():
    record = logging.LogRecord("govkg.access", logging.INFO, __file__, 1, "GET %s %s", ("/sparql", 200), None)
    record.status, record.path = 200, "/sparql"
    line = json.loads(JsonLines().format(record))
    assert line["message"] == "GET /sparql 200" and line["status"] == 200 and line["path"] == "/sparql"
    assert line["level"] == "INFO" and line["logger"] == "govkg.access" and "time" in line


def test_serve_configures_json_logs(capsys):
    from query_api.logs import configure

    configure("warning", "json")
    try:
        logging.getLogger("govkg.queries").warning("query cancelled", extra={"limit": 1.0})
        logging.getLogger("govkg.access").info("not shown at warning")
    finally:
        configure("info", "text")
        for name in ("govkg", "waitress", "query_api"):  # back to pytest's capture
            logging.getLogger(name).handlers[:] = []
            logging.getLogger(name).propagate = True
            logging.getLogger(name).setLevel(logging.NOTSET)
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["limit"] == 1.0


@pytest.mark.parametrize(("error", "code"), [("WorkerCrashed", "query_crashed"), ("ResultTruncated", "result_too_large"),
                                             ("QueryTimeout", "query_timeout")])
def test_a_query_that_crashed_or_overflowed_its_worker_is_a_503_and_logged(store, make_app, monkeypatch, caplog,
                                                                         error, code):
    from graph_store import base

    def fail(*args, **kwargs):
        raise getattr(base, error)("oxigraph: it went wrong")

    monkeypatch.setattr(store, "query", fail)
    caplog.set_level(logging.WARNING, "govkg")
    response = make_app(store).test_client().get("/sparql", query_string={"query": "ASK {}"})
    assert response.status_code == 503 and response.get_json()["error"]["code"] == code
    assert any(code in r.getMessage() for r in caplog.records if r.name == "govkg.requests")


@pytest.mark.parametrize("body", ["[" * 100_000, "{\"q\":" * 50_000, "{\"q\": \"unclosed", "\xff\xfe"])
def test_json_too_deep_or_broken_is_a_400_not_a_500(client, body):
    response = client.post("/api/ask", data=body.encode("utf-8", "surrogatepass"), content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_json"
