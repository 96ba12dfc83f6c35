"""The HTTP connector for a remote SPARQL 1.1 store: the Protocol (query, update) and the Graph Store
Protocol (GET / PUT / DELETE of one graph). Bytes in, bytes out; it knows nothing of rdflib. The store
adapter in `graph_store.sparql` turns these into the Store contract, as rdflib keeps sparqlconnector
apart from sparqlstore.

urllib errors are translated here so callers see only StoreError and its subclasses.
"""

from __future__ import annotations

import http.client
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass

from graph_store.base import JOINS_AS_WRITTEN, QueryError, QueryTimeout, StoreError

DEADLOCK_RETRIES = 5
# Virtuoso echoes every default-graph-uri of a request as an X-SPARQL-default-graph header, and a query names
# all the store's graphs: http.client's limit of 100 headers refused every answer past ~100 documents.
http.client._MAXHEADERS = max(http.client._MAXHEADERS, 1_000_000)

DEFAULT_TIMEOUT = 120.0  # seconds for requests that carry no time limit of their own (loads, updates)
# Virtuoso answers 404 (and 503 when busy) for a moment while it writes a checkpoint: a request is sent again
# after these pauses (seconds; 15.5 s in all, less when its own time limit is nearer) before it fails.
UNAVAILABLE_PAUSES = (0.5, 1.0, 2.0, 4.0, 8.0)
UNAVAILABLE = (404, 503)
_ROLLED_BACK = re.compile(r"\b40001\b|\bSR171\b")


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-cased names
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()


def derive_gsp_url(query_url: str) -> str:
    """A guess at the Graph Store Protocol URL beside a query URL: Virtuoso serves it at
    /sparql-graph-crud next to /sparql. Other stores (Fuseki: /ds/data) should pass gsp_url."""
    parts = urllib.parse.urlsplit(query_url)
    if parts.path.rstrip("/").endswith("/sparql"):
        return urllib.parse.urlunsplit(parts._replace(path=parts.path.rstrip("/") + "-graph-crud"))
    return ""


class SparqlConnector:
    """Talks to one endpoint. `update_url` defaults to the query URL; `gsp_url` to `derive_gsp_url`
    ('' turns the Graph Store Protocol off). `user`/`password` answer Basic or Digest challenges."""

    def __init__(self, query_url: str, *, update_url: str | None = None, gsp_url: str | None = None,
                 user: str | None = None, password: str | None = None, timeout: float = DEFAULT_TIMEOUT):
        if not query_url.startswith(("http://", "https://")):
            raise StoreError(f"sparql: the location must be the endpoint URL (http://…/sparql), not {query_url!r}")
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.gsp_url = derive_gsp_url(query_url) if gsp_url is None else gsp_url
        self.timeout = timeout
        self.server = ""  # the Server header, once seen: Virtuoso gets its own time-limit parameter
        self.max_rows: int | None = None  # the server's row cap, once it has shown it (X-SPARQL-MaxRows)
        handlers: list = []
        if user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {self.query_url, self.update_url, self.gsp_url} - {""}:
                passwords.add_password(None, url, user, password or "")
            handlers += [urllib.request.HTTPBasicAuthHandler(passwords), urllib.request.HTTPDigestAuthHandler(passwords)]
        self._opener = urllib.request.build_opener(*handlers)

    def query(self, sparql: str, accept: str, *, default_graph_uris: Iterable[str] = (),
              named_graph_uris: Iterable[str] = (), timeout: float | None = None) -> Response:
        """POST the query (application/x-www-form-urlencoded, as the Protocol allows)."""
        if sparql.startswith(JOINS_AS_WRITTEN) and self.server.startswith("Virtuoso"):
            # Virtuoso's planner misjudges patterns over a list of graphs (a cube query: 0.8–1.3 s, 20–90 ms
            # in the order written); this pragma makes it keep the order (Virtuoso-only syntax)
            sparql = 'DEFINE sql:select-option "order"\n' + sparql
        fields = [("query", sparql)]
        fields += [("default-graph-uri", g) for g in default_graph_uris]
        fields += [("named-graph-uri", g) for g in named_graph_uris]
        if timeout is not None and self.server.startswith("Virtuoso"):
            # Virtuoso stops the query itself at `timeout` ms (instead of running on after we hang up).
            fields.append(("timeout", str(max(1, int(timeout * 1000)))))
        reply = self._send("POST", self.query_url, urllib.parse.urlencode(fields).encode("utf-8"),
                           {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}, timeout, "query")
        if reply.headers.get("x-sql-state") == "S1TAT":
            # Virtuoso's "anytime" answer: cut short by a time limit (ours, or its MaxQueryExecutionTime),
            # yet sent as a success. A partial count or list is a wrong answer, so it is a time-out here.
            raise QueryTimeout(f"sparql: 查询超时 — the server stopped the query at its time limit and sent a "
                               f"partial answer ({reply.headers.get('x-sql-message', '')[:80]})")
        return reply

    def update(self, sparql_update: str, timeout: float | None = None) -> Response:
        body = urllib.parse.urlencode({"update": sparql_update}).encode("utf-8")
        return self._write("POST", self.update_url, body, {"Content-Type": "application/x-www-form-urlencoded"},
                           timeout, "update")

    def put_graph(self, graph_iri: str, data: bytes, content_type: str = "application/n-triples") -> Response:
        """Replace one graph by the Graph Store Protocol (the server swaps it in one request)."""
        return self._write("PUT", self._gsp(graph_iri), data, {"Content-Type": f"{content_type}; charset=utf-8"},
                           None, "graph store PUT")

    def _write(self, method: str, url: str, body: bytes, headers: dict[str, str], timeout: float | None,
               what: str) -> Response:
        for attempt in range(DEADLOCK_RETRIES + 1):
            try:
                return self._send(method, url, body, headers, timeout, what)
            except StoreError as exc:
                # Virtuoso rolls a deadlocked transaction back whole (SQL state 40001) and asks for a retry:
                # two writers keeping one reference graph meet there. A lock waited on past its limit
                # (SR171 "Transaction timed out": the server's own start-up or checkpoint work, a writer
                # another client left running) is rolled back whole too, and is retried the same way.
                if not _ROLLED_BACK.search(str(exc)) or attempt == DEADLOCK_RETRIES:
                    raise
                time.sleep(0.2 * 2 ** attempt)  # 6.2 s in all: a lock held that long is let go
        raise AssertionError("unreachable")

    def get_graph(self, graph_iri: str, accept: str = "application/n-triples") -> Response:
        return self._send("GET", self._gsp(graph_iri), None, {"Accept": accept}, None, "graph store GET")

    def _gsp(self, graph_iri: str) -> str:
        if not self.gsp_url:
            raise StoreError("sparql: no Graph Store Protocol URL (pass gsp_url)")
        return f"{self.gsp_url}?{urllib.parse.urlencode({'graph': graph_iri})}"

    def _send(self, method: str, url: str, body: bytes | None, headers: dict[str, str], timeout: float | None,
              what: str) -> Response:
        started = time.monotonic()
        limit = timeout or self.timeout
        # (a graph that is not there is a 404 of the Graph Store Protocol itself: _send_once never retries it)
        pauses = list(UNAVAILABLE_PAUSES)
        while True:
            try:
                return self._send_once(method, url, body, headers, timeout, what)
            except _Unavailable as exc:
                waited = time.monotonic() - started
                if not pauses or waited + pauses[0] > limit:
                    raise StoreError(f"sparql: {what} failed at {url.split('?')[0]} (HTTP {exc.code}), still after "
                                     f"{waited:.1f} s: {exc.detail} — a Virtuoso writing a checkpoint answers so for "
                                     "a moment; if it lasts, check the URL and that the server is up") from exc.__cause__
                time.sleep(pauses.pop(0))

    def _send_once(self, method: str, url: str, body: bytes | None, headers: dict[str, str], timeout: float | None,
                   what: str) -> Response:
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with self._opener.open(request, timeout=timeout or self.timeout) as reply:
                self.server = self.server or reply.headers.get("Server", "")
                cap = reply.headers.get("X-SPARQL-MaxRows", "")
                self.max_rows = int(cap) if cap.isdigit() else self.max_rows
                return Response(reply.status, {k.lower(): v for k, v in reply.headers.items()}, reply.read())
        except urllib.error.HTTPError as exc:
            detail = _server_message(exc.read())
            if exc.code in UNAVAILABLE and what != "graph store GET":
                raise _Unavailable(exc.code, detail) from exc
            if what == "query" and _ESTIMATE_TOO_LONG.search(detail):
                # Virtuoso refuses, before running it, a query it estimates past MaxQueryCostEstimationTime
                raise QueryTimeout(f"sparql: 查询超时 — the server refused a query it expects to run past its time "
                                   f"limit: {detail[:160]}") from exc
            if exc.code == 400 and what == "query":
                raise QueryError(f"sparql: the server rejected the query: {detail}") from exc
            raise StoreError(f"sparql: {what} failed at {url.split('?')[0]} (HTTP {exc.code}): {detail}") from exc
        except TimeoutError as exc:
            limit = timeout or self.timeout
            raise QueryTimeout(f"sparql: 查询超时 — no answer from {url.split('?')[0]} within {limit:g} s") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise QueryTimeout(f"sparql: 查询超时 — {url.split('?')[0]} did not answer in time") from exc
            raise StoreError(f"sparql: cannot reach {url.split('?')[0]}: {exc.reason}") from exc
        except OSError as exc:  # connection reset mid-answer and the like
            raise StoreError(f"sparql: {what} at {url.split('?')[0]} broke off: {exc}") from exc


# (the figure overflows to a negative one on a large store: -850347008 at 8 M quads)
_ESTIMATE_TOO_LONG = re.compile(r"estimated execution time -?\d+ \(sec\) exceeds the limit")


class _Unavailable(Exception):
    """A 404 or 503 that may pass (a checkpoint): retried by `_send`, never seen outside this module."""

    def __init__(self, code: int, detail: str):
        super().__init__(code, detail)
        self.code, self.detail = code, detail


def _server_message(body: bytes, limit: int = 400) -> str:
    """The readable part of an error page: tags dropped, blank runs squeezed, cut to `limit` chars."""
    text = re.sub(r"<[^>]+>", " ", body.decode("utf-8", "replace"))
    text = re.sub(r"\s+", " ", text).strip()
    return text[:limit] or "(no message)"
