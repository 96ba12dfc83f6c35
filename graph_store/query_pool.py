"""A pool of query worker processes (graph_store.query_worker) for an on-disk oxigraph store.

pyoxigraph cannot interrupt a query, and a query that overflows its native stack kills the process
running it. So a served store runs its queries in child processes: a query past its time limit has its
worker killed (SIGKILL, the CPU it used is freed at once), a worker that dies mid-query (a segfault)
costs only that query, and either way a fresh worker is started in the background. At most `size`
queries run at once; a query waits for a free worker within its own time limit.

Workers open the store read-only (oxigraph_view), so a `govkg ingest` writing meanwhile stays visible.
Every cancelled query and every crash is logged on the `govkg.queries` logger.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from multiprocessing.connection import Connection
from pathlib import Path

from graph_store.base import QueryTimeout, StoreError, WorkerCrashed

log = logging.getLogger("govkg.queries")
START_TIMEOUT = 30.0  # seconds a new worker may take to open the store
# Rows or triples a query may return (the service shows at most 10,000; the lexicon of a large corpus
# is tens of thousands): beyond this the answer is refused rather than held in memory twice.
MAX_RESULT_ROWS = 1_000_000
_PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent)


class _Worker:
    def __init__(self, path: Path):
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        # The child must import this checkout's graph_store, wherever the server was started from.
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "graph_store.query_worker", str(theirs.fileno()), str(path)],
            pass_fds=(theirs.fileno(),), env=env, stdin=subprocess.DEVNULL)
        theirs.close()
        self.conn = Connection(ours.detach())
        if not self.conn.poll(START_TIMEOUT):
            self.stop()
            raise StoreError(f"oxigraph: a query worker did not start within {START_TIMEOUT:g} s")
        try:
            ready = self.conn.recv()
        except (EOFError, OSError):
            ready = ("error", "store", f"it exited with code {self.stop()}")
        if ready[0] != "ready":
            self.stop()
            raise StoreError(f"oxigraph: a query worker could not open {path}: {ready[2]}")

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self) -> int | None:
        """Kill the process (if still running) and reap it; its exit code (negative: the signal)."""
        self.conn.close()
        if self.proc.poll() is None:
            self.proc.kill()
        return self.proc.wait()


class QueryPool:
    """Up to `size` worker processes over the store at `path`; `run(request, timeout)` answers one query."""

    def __init__(self, path: str | Path, size: int):
        self.path, self.size = Path(path), size
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._slots = threading.BoundedSemaphore(size)
        self._closed = False
        # Workers are started from this one long-lived thread: the kernel kills a worker when the thread
        # that started it ends (PR_SET_PDEATHSIG, query_worker.die_with_parent), not only the process.
        self._spawner = ThreadPoolExecutor(1, thread_name_prefix="query-worker-spawner")
        self._idle.append(self._start())  # one started now, so a store that cannot open fails at start-up
        # the others behind it (~0.25 s each): a server loads its lexicon meanwhile; a query finding none
        # idle waits for the next to start (`_take`)
        self._starting = [self._spawner.submit(self._start_idle) for _ in range(size - 1)]

    def started(self) -> None:
        """Wait until every worker of the start has started (or failed to)."""
        wait(self._starting)

    def run(self, request: dict, timeout: float | None) -> tuple:
        """The worker's reply to `request` (query_worker's module docstring). QueryTimeout past `timeout`
        seconds (waiting for a free worker included), WorkerCrashed if the worker died."""
        started = time.monotonic()
        if not self._slots.acquire(timeout=timeout):
            self._refuse_busy(timeout)
        try:
            left = None if timeout is None else timeout - (time.monotonic() - started)
            if left is not None and left <= 0.01:  # a worker came free just as our time ran out
                self._refuse_busy(timeout)
            worker = self._take()
            if left is not None:
                left = max(timeout - (time.monotonic() - started), 0.0)
            try:
                worker.conn.send({**request, "max_rows": MAX_RESULT_ROWS + 1})
                answered = worker.conn.poll(left)
                reply = worker.conn.recv() if answered else None
            except (EOFError, OSError):
                code = worker.stop()
                log.error("query worker %d crashed (exit code %s) running: %s", worker.pid, code, _short(request))
                self._refill()
                raise WorkerCrashed(f"oxigraph: 查询进程崩溃 — the worker running the query died (exit code {code}); "
                                    "the query was not answered") from None
            if reply is None:
                worker.stop()
                log.warning("query cancelled at its time limit of %g s (worker %d killed): %s",
                            timeout, worker.pid, _short(request))
                self._refill()
                raise QueryTimeout(f"oxigraph: 查询超时 — the query ran longer than {timeout:g} s and was stopped")
            self._give_back(worker)
            return reply
        finally:
            self._slots.release()

    def _refuse_busy(self, timeout: float | None) -> None:
        log.warning("query refused: all %d query workers stayed busy for %g s", self.size, timeout)
        raise QueryTimeout(f"oxigraph: 查询超时 — all {self.size} query workers stayed busy for {timeout:g} s")

    def _take(self) -> _Worker:
        while True:
            with self._lock:
                if self._closed:
                    raise StoreError("oxigraph: the store is closed")
                if self._idle:
                    return self._idle.pop()
                starting = [f for f in self._starting if not f.done()]
            if not starting:
                return self._start()  # the background refill has not caught up: start one now
            wait(starting, return_when=FIRST_COMPLETED)  # a worker of the start is on its way

    def _start_idle(self) -> None:
        try:
            self._give_back(_Worker(self.path))
        except StoreError as exc:
            log.error("could not start a query worker: %s", exc)  # a query then starts one itself

    def _start(self) -> _Worker:
        return self._spawner.submit(_Worker, self.path).result()

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if not self._closed and len(self._idle) < self.size:
                self._idle.append(worker)
                return
        worker.stop()

    def _refill(self) -> None:
        """Start a replacement worker in the background, so the next query does not wait for it."""
        with self._lock:
            if not self._closed:
                self._spawner.submit(self._start_idle)

    def close(self) -> None:
        """Stop the idle workers; busy ones are stopped when their query returns."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()
        # workers not yet started are not started; one starting is stopped as it comes (`_give_back`)
        self._spawner.shutdown(wait=True, cancel_futures=True)


def _short(request: dict) -> str:
    text = " ".join(request.get("query", "").split())
    return text[:200] + ("…" if len(text) > 200 else "")
