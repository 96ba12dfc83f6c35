"""One error shape for the whole service, made by one function (`error_response`):

    {"error": {"status": 400, "code": "bad_query", "message": "…", ...details}}

Errors we raise on purpose and the lower-level ones that reach a view are translated here, so every
route answers in that shape:

    ApiError            raised by our views: status, code, plain-words message, details
    HTTPException       Flask/Werkzeug's 404, 405, 413, 415 … → same shape, code from the status name
    QueryTimeout        the store stopped a query at its time limit            → 503 query_timeout
    QueryTooComplex     the query exceeds a bound on size or nesting           → 400 query_too_complex
    QueryError          the store says the SPARQL text is not a valid query    → 400 bad_query
    WorkerCrashed       the process running the query died                     → 503 query_crashed
    ResultTruncated     the answer is larger than the store will hand over     → 503 result_too_large
    StoreError          the store could not be opened or could not answer      → 503 store_error
    Exception           anything else (a bug)                                  → 500 internal_error

A browser asking for HTML on a route outside /api gets the same content as a small HTML page.
Every refusal (4xx), time-out, crash and internal error is logged on `govkg.requests`.
"""

from __future__ import annotations

import json
import logging
from html import escape

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from graph_store.base import (
    QueryError,
    QueryTimeout,
    QueryTooComplex,
    ResultTruncated,
    StoreError,
    WorkerCrashed,
)

log = logging.getLogger("govkg.requests")


class ApiError(Exception):
    """An error a view raises on purpose; becomes `error_response(status, code, message, **details)`."""

    def __init__(self, status: int, code: str, message: str, **details):
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


def error_body(status: int, code: str, message: str, **details) -> dict:
    """The error object every route answers with: status, a stable snake_case code, a message for people."""
    return {"error": {"status": status, "code": code, "message": message, **details}}


def error_response(status: int, code: str, message: str, **details) -> Response:
    """The error as an HTTP response: JSON (UTF-8, Chinese kept readable), or HTML for a browser page."""
    body = error_body(status, code, message, **details)
    if request:
        level = logging.WARNING if status in (429, 503) else logging.ERROR if status >= 500 else logging.INFO
        log.log(level, "%s %s → %d %s: %s", request.method, request.path, status, code, message,
                extra={"status": status, "code": code, "client": request.remote_addr})
    if _wants_html():
        return Response(_html(body["error"]), status, mimetype="text/html")
    return Response(json.dumps(body, ensure_ascii=False), status, mimetype="application/json")


def init_app(app: Flask) -> None:
    """Route every error of `app` through `error_response`."""
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(QueryTimeout, _timeout)
    app.register_error_handler(QueryTooComplex, _too_complex)
    app.register_error_handler(QueryError, _bad_query)
    app.register_error_handler(WorkerCrashed, _crashed)
    app.register_error_handler(ResultTruncated, _too_large)
    app.register_error_handler(StoreError, _store_error)
    app.register_error_handler(Exception, _internal_error)


def _api_error(exc: ApiError) -> Response:
    return error_response(exc.status, exc.code, exc.message, **exc.details)


def _http_error(exc: HTTPException) -> Response:
    code = (exc.name or "error").lower().replace(" ", "_").replace("-", "_")
    response = error_response(exc.code or 500, code, exc.description or exc.name)
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


def _timeout(exc: QueryTimeout) -> Response:
    return error_response(503, "query_timeout", f"查询超时，已停止 (query timed out): {exc}. "
                          "Narrow the query or add LIMIT.")


def _bad_query(exc: QueryError) -> Response:
    return error_response(400, "bad_query", f"查询有误 (bad query): {exc}")


def _too_complex(exc: QueryTooComplex) -> Response:
    return error_response(400, "query_too_complex", f"查询过于复杂，未执行 (query too complex, not run): {exc}",
                          limit=exc.limit, value=exc.value, allowed=exc.most)


def _crashed(exc: WorkerCrashed) -> Response:
    return error_response(503, "query_crashed", f"查询进程崩溃，服务仍在运行 (the query crashed its worker; the service "
                          f"is still up): {exc}")


def _too_large(exc: ResultTruncated) -> Response:
    return error_response(503, "result_too_large", f"结果太大，未返回 (the result is too large): {exc}")


def _store_error(exc: StoreError) -> Response:
    return error_response(503, "store_error", f"图数据库无法回答 (the graph store failed): {exc}")


def _internal_error(exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.path)
    return error_response(500, "internal_error", "服务器内部错误 (internal server error); the log has the details.")


def _wants_html() -> bool:
    """True for a browser on a page route: it prefers text/html to JSON. API clients always get JSON."""
    if not request or request.path.startswith("/api"):
        return False
    return request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html"


def _html(error: dict) -> str:
    extra = "".join(f"<dt>{escape(str(k))}</dt><dd>{escape(str(v))}</dd>" for k, v in error.items()
                    if k not in ("status", "code", "message"))
    return (f"<!doctype html><html lang=\"zh\"><meta charset=\"utf-8\"><title>{error['status']} {escape(error['code'])}"
            f"</title><h1>{error['status']} {escape(error['code'])}</h1><p>{escape(str(error['message']))}</p>"
            f"{'<dl>' + extra + '</dl>' if extra else ''}<p><a href=\"/\">govkg</a></p></html>")
