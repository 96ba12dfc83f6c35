"""Time limits for in-process queries: the caller is freed on time, the worker is told to stop, and
runaway workers cannot pile up without bound."""

from __future__ import annotations

import threading
import time

import pytest

from graph_store import timeout as limits
from graph_store.base import QueryTimeout, StoreError


def test_the_answer_comes_back_when_in_time():
    assert limits.run_with_timeout(lambda cancel: 42, 1.0, "test") == 42


def test_errors_of_the_work_reach_the_caller():
    def broken(cancel):
        raise ValueError("bad query")

    with pytest.raises(ValueError, match="bad query"):
        limits.run_with_timeout(broken, 1.0, "test")


def test_a_late_worker_is_told_to_stop_at_its_next_row():
    stopped = threading.Event()

    def rows(cancel):
        try:
            while True:
                limits.check(cancel)
                time.sleep(0.01)
        finally:
            stopped.set()

    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="0.1 s"):
        limits.run_with_timeout(rows, 0.1, "test")
    assert time.monotonic() - started < 0.5
    assert stopped.wait(1.0)


def test_python_work_is_stopped_mid_step_when_traced():
    stopped = threading.Event()

    def step(n: int) -> int:
        return n + 1

    def busy(cancel):
        n = 0
        try:
            while True:  # never checks `cancel` itself: the trace hook stops it at a call
                n = step(n)
        finally:
            stopped.set()

    with pytest.raises(QueryTimeout):
        limits.run_with_timeout(busy, 0.1, "test", trace=True)
    assert stopped.wait(1.0)


def test_too_many_runaway_workers_refuse_new_timed_work():
    release = threading.Event()

    def deaf(cancel):
        release.wait(5)  # ignores `cancel`, like a query stuck in one long native step

    refused = False
    try:
        # Workers abandoned by earlier tests may still be finishing, so refusal may come sooner.
        for _ in range(limits.MAX_ABANDONED + 1):
            try:
                limits.run_with_timeout(deaf, 0.02, "test")
            except QueryTimeout:
                continue
            except StoreError as exc:
                assert "still running" in str(exc)
                refused = True
                break
    finally:
        release.set()
    assert refused
    deadline = time.monotonic() + 10
    while True:  # once they finish, timed work is accepted again
        try:
            assert limits.run_with_timeout(lambda cancel: 1, 1.0, "test") == 1
            break
        except StoreError:
            assert time.monotonic() < deadline
            time.sleep(0.05)
