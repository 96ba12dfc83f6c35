"""Time limits for queries run in this process (memory and oxigraph backends).

Neither rdflib nor pyoxigraph can interrupt a running query (pyoxigraph's Python API has no timeout:
oxigraph/oxigraph#1926), so the query runs in a daemon worker thread and the caller waits at most
`timeout` seconds. pyoxigraph releases the GIL while it evaluates, so the caller really is free.
On time-out the caller gets QueryTimeout at once and the worker is told to stop: it stops at the
next result row it reads, which bounds the wasted work to the query's first blocking step (a sort, an
aggregate). Pure-Python evaluators (rdflib) can be stopped mid-step: with `trace=True` the worker
installs a trace hook that raises Cancelled at the next Python call once the caller gave up. To keep runaway queries from piling up, at most MAX_ABANDONED such workers may still be
running; beyond that new timed queries are refused until they finish. (A served oxigraph store runs its
queries in worker processes instead, which are killed at the limit: graph_store.query_pool.)
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

from graph_store.base import QueryTimeout, StoreError

T = TypeVar("T")
log = logging.getLogger("govkg.queries")

MAX_ABANDONED = 4
_abandoned: list[threading.Thread] = []
_abandoned_lock = threading.Lock()


class Cancelled(Exception):
    """Raised inside a worker whose caller has given up waiting."""


def run_with_timeout(work: Callable[[threading.Event], T], timeout: float | None, backend: str,
                     trace: bool = False) -> T:
    """`work(cancel)` run to completion, or QueryTimeout after `timeout` seconds.

    `work` should check `cancel.is_set()` between result rows and stop early (raising Cancelled);
    exceptions it raises reach the caller unchanged. `trace` stops Python code at its next call.
    """
    cancel = threading.Event()
    if timeout is None:
        return work(cancel)
    if timeout <= 0:
        raise QueryTimeout(f"{backend}: the time limit must be positive (got {timeout} s)")
    with _abandoned_lock:
        _abandoned[:] = [t for t in _abandoned if t.is_alive()]
        if len(_abandoned) >= MAX_ABANDONED:
            log.warning("%s: query refused: %d timed-out queries are still running", backend, len(_abandoned))
            raise StoreError(f"{backend}: {len(_abandoned)} timed-out queries are still running; try again shortly")
    box: dict[str, object] = {}

    def stop_when_cancelled(frame, event, arg):
        if cancel.is_set():
            raise Cancelled()
        return None  # no per-line tracing: a check per call is enough and cheap

    def run() -> None:
        if trace:
            sys.settrace(stop_when_cancelled)
        try:
            box["value"] = work(cancel)
        except Cancelled:
            # Nobody is waiting. Dropping the exception here frees its frames (and any pyoxigraph
            # iterator in them, which must be freed on the thread that made it).
            return
        except BaseException as exc:  # handed to the caller, who re-raises it
            box["error"] = exc

    worker = threading.Thread(target=run, name=f"{backend}-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        cancel.set()
        with _abandoned_lock:
            _abandoned.append(worker)
        log.warning("%s: query cancelled at its time limit of %g s (its thread stops at its next row)", backend, timeout)
        raise QueryTimeout(f"{backend}: 查询超时 — the query ran longer than {timeout:g} s and was stopped")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def check(cancel: threading.Event) -> None:
    """Raise Cancelled if the caller has given up: call between rows."""
    if cancel.is_set():
        raise Cancelled()
