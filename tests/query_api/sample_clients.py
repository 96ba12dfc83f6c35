"""The bundled samples behind Flask's test client, as `govkg ingest` + `govkg serve` would put them
(parsed, mapped, one graph a document in a memory store), and the one way the tests ask a question."""

from __future__ import annotations

import json
from pathlib import Path

from graph_store.registry import open_store
from ingest.parse import parse_file
from ingest.rdf import record_to_graph
from query_api.app import create_app


def client_over(*paths: Path):
    """A test client of an app whose store holds the documents at `paths`."""
    store = open_store("memory")
    for path in paths:
        store.replace_graph(*record_to_graph(parse_file(path)))
    # a generous time limit: these tests ask what is answered, and a loaded machine must not turn a slow answer into
    # a 503 (the limits themselves are tested with their own apps)
    return create_app({"STORE": store, "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def ask(client, q: str) -> dict:
    """The reply of GET /api/ask?q=…, which must be a 200 whatever the question."""
    resp = client.get("/api/ask", query_string={"q": q})
    assert resp.status_code == 200
    return json.loads(resp.data)
