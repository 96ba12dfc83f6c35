"""Protections every response or request gets, whatever the route:

- security headers: a Content-Security-Policy that allows only our own scripts (the pages load external
  JS files only), no sniffing of content types, no framing by other sites;
- a per-client limit on concurrent /sparql queries (`SPARQL_PER_CLIENT`, by the peer address): one client
  cannot hold every query worker; beyond it the answer is 429 with Retry-After.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, Response, current_app, request

from query_api.errors import ApiError

CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                           "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
RETRY_AFTER = 2  # seconds; queries are limited to a few seconds, so a slot frees soon
EXTENSION = "govkg.client_slots"


class ClientSlots:
    """Counts the queries each client has running; `hold(client)` refuses beyond `most`."""

    def __init__(self, most: int):
        self.most = most
        self._running: Counter[str] = Counter()
        self._lock = threading.Lock()

    @contextmanager
    def hold(self, client: str) -> Iterator[None]:
        with self._lock:
            if self._running[client] >= self.most:
                raise ApiError(429, "too_many_queries", f"同时运行的查询太多 (too many queries at once): at most "
                               f"{self.most} from one client; try again in {RETRY_AFTER} s.",
                               retry_after=RETRY_AFTER)
            self._running[client] += 1
        try:
            yield
        finally:
            with self._lock:
                self._running[client] -= 1
                if not self._running[client]:
                    del self._running[client]


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = ClientSlots(app.config["SPARQL_PER_CLIENT"])
    app.after_request(_security_headers)


def client_slot():
    """A context that holds one of this request's client's query slots (ApiError 429 when none is free)."""
    return current_app.extensions[EXTENSION].hold(request.remote_addr or "unknown")


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    if response.status_code == 429:
        response.headers["Retry-After"] = str(RETRY_AFTER)
    return response
