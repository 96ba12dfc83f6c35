"""What operators see: an access log line per request, and the logging set-up of `govkg serve`.

Loggers (all under `govkg`, so one level setting governs them):

    govkg.access     one line per request: method, path, status, duration, bytes, client
    govkg.queries    queries refused, timed out, cancelled, or whose worker crashed (graph_store.query_pool)
    govkg.requests   requests refused (4xx) with the reason, and internal errors (query_api.errors)

`configure(level, fmt)` writes them to stderr as text, or as JSON lines (`fmt="json"`) with the
record's extra fields (status, duration_ms …) as keys, for log collectors.
"""

from __future__ import annotations

import json
import logging
import sys
import time

from flask import Flask, Response, g, request

access = logging.getLogger("govkg.access")
# Fields an access line carries besides its message, kept as keys in JSON lines.
ACCESS_FIELDS = ("method", "path", "status", "duration_ms", "bytes", "client")
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def init_app(app: Flask) -> None:
    """Log every request of `app` on govkg.access when it is answered."""
    app.before_request(_start_clock)
    app.after_request(_log_request)


def _start_clock() -> None:
    g.started = time.perf_counter()


def _log_request(response: Response) -> Response:
    started = g.get("started")
    fields = {"method": request.method, "path": request.path, "status": response.status_code,
              "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
              "bytes": response.calculate_content_length(), "client": request.remote_addr}
    access.info("%s %s %s %sms %sB %s", *(fields[k] for k in ACCESS_FIELDS), extra=fields)
    return response


class JsonLines(logging.Formatter):
    """One JSON object a line: time, level, logger, message and the record's extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"), "level": record.levelname,
                "logger": record.name, "message": record.getMessage()}
        line.update({k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class _Stderr(logging.StreamHandler):
    """A handler writing to the process's stderr of the moment (a test's captured stream is closed after
    the test; a server thread still logging then must not write to it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure(level: str = "info", fmt: str = "text") -> None:
    """Send govkg's and waitress's logs to stderr at `level` (debug, info, warning, error), as text or json."""
    handler = _Stderr()
    handler.setFormatter(JsonLines() if fmt == "json" else
                         logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in ("govkg", "waitress", "query_api"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level.upper())
        logger.propagate = False
