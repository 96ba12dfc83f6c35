"""A plain SPARQL 1.1 server for the tests: pyoxigraph behind http.server, speaking the Protocol (query and
update by POST, default-graph-uri / named-graph-uri) and the Graph Store Protocol (PUT) at /sparql-graph-crud,
as `graph_store.http.derive_gsp_url` guesses. Not Virtuoso: its default graph is its own (empty) default graph,
not the union, so the `sparql` backend must name its dataset as the standard says. With `max_rows` it cuts
answers as Virtuoso does at ResultSetMaxRows: a SELECT's first rows and an X-SPARQL-MaxRows header, a
CONSTRUCT's first triples and no sign at all."""

from __future__ import annotations

import itertools
import json
import threading
import urllib.parse
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox


class _Handler(BaseHTTPRequestHandler):
    store: ox.Store
    lock: threading.Lock
    max_rows: int | None = None

    def do_POST(self):
        form = urllib.parse.parse_qs(self._body().decode("utf-8"))
        try:
            if "update" in form:
                with self.lock:
                    self.store.update(form["update"][0])
                return self._reply(204, b"")
            kw = {}
            if "default-graph-uri" in form:
                kw["default_graph"] = [ox.NamedNode(g) for g in form["default-graph-uri"]]
            if "named-graph-uri" in form:
                kw["named_graphs"] = [ox.NamedNode(g) for g in form["named-graph-uri"]]
            result = self.store.query(form["query"][0], **kw)
            if isinstance(result, ox.QueryTriples):
                triples = itertools.islice(result, self.max_rows)  # cut without a word, as Virtuoso does
                return self._reply(200, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), "application/n-triples")
            body = result.serialize(format=ox.QueryResultsFormat.JSON)
            answer = json.loads(body)
            rows = answer.get("results", {}).get("bindings", [])
            if self.max_rows is not None and len(rows) > self.max_rows:
                answer["results"]["bindings"] = rows[:self.max_rows]
                return self._reply(200, json.dumps(answer).encode(), "application/sparql-results+json",
                                   {"X-SPARQL-MaxRows": str(self.max_rows)})
            return self._reply(200, body, "application/sparql-results+json")
        except SyntaxError as exc:
            return self._reply(400, str(exc).encode())

    def do_PUT(self):
        graph = ox.NamedNode(urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)["graph"][0])
        data = self._body()
        with self.lock:
            self.store.remove_graph(graph) if self.store.contains_named_graph(graph) else None
            self.store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        self._reply(201, b"")

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _reply(self, status: int, body: bytes, content_type: str = "text/plain", headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextmanager
def sparql_endpoint(max_rows: int | None = None):
    """A running endpoint on a free port (answers cut at `max_rows`, if given); yields its query URL (…/sparql)."""
    handler = type("Handler", (_Handler,), {"store": ox.Store(), "lock": threading.Lock(), "max_rows": max_rows})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/sparql"
    finally:
        server.shutdown()
        server.server_close()
