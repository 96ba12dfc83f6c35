"""Queries in worker processes: the same answers as in-process, a runaway killed at its limit with the
CPU freed, a crashed worker costing only its query, and a writer's commits visible to the workers."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import psutil
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDFS

from graph_store.base import QueryError, QueryTimeout, WorkerCrashed
from graph_store.oxigraph import OxigraphStore
from tests.waiting import settled

EX = Namespace("http://example.org/pool/")
DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def sample(n: int = 300) -> Graph:
    g = Graph()
    for i in range(n):
        g.add((EX[f"item{i}"], RDFS.label, Literal(f"项目{i}", lang="zh")))
        g.add((EX[f"item{i}"], EX.amount, Literal(f"{i}.50", datatype=DECIMAL)))
    g.add((EX.item0, EX.note, Literal("plain")))
    g.add((EX.item0, EX.part, BNode("b0")))
    return g


@pytest.fixture
def stores(tmp_path):
    """A writable store holding `sample()`, and a read-only one over it that queries through 2 workers."""
    writer = OxigraphStore(tmp_path / "s")
    writer.replace_graph("urn:doc:1", sample())
    pooled = OxigraphStore(tmp_path / "s", read_only=True, query_workers=2)
    pooled._pool.started()  # the second worker starts behind the first: the tests count both
    yield writer, pooled
    pooled.close()
    writer.close()


def workers_of_this_process() -> list[psutil.Process]:
    return [p for p in psutil.Process().children() if "graph_store.query_worker" in " ".join(p.cmdline())]


@pytest.mark.parametrize("query", [
    "SELECT ?s ?label ?amount WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label ; "
    "<http://example.org/pool/amount> ?amount } ORDER BY ?s",
    "SELECT ?o WHERE { <http://example.org/pool/item0> ?p ?o } ORDER BY ?o",
    "ASK { ?s ?p \"plain\" }",
    "CONSTRUCT WHERE { <http://example.org/pool/item1> ?p ?o }",
])
def test_workers_answer_as_the_store_does_in_process(stores, query):
    writer, pooled = stores
    here, there = writer.query(query, timeout=5), pooled.query(query, timeout=5)
    assert here.type == there.type
    if here.type == "SELECT":
        assert there.bindings == here.bindings and len(there.bindings) > 0
    elif here.type == "ASK":
        assert there.askAnswer is here.askAnswer is True
    else:
        assert set(there.graph) == set(here.graph) and len(there.graph) == 2


def test_a_syntax_error_is_a_query_error(stores):
    with pytest.raises(QueryError, match="oxigraph"):
        stores[1].query("SELECT * WHERE { ?s ?p }", timeout=5)


def test_a_runaway_is_killed_at_its_limit_and_the_cpu_goes_idle(stores, caplog):
    pooled = stores[1]
    caplog.set_level(logging.WARNING, "govkg.queries")
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="1 s"):
        pooled.query(RUNAWAY, timeout=1)
    assert time.monotonic() - started < 30  # the runaway runs for minutes: an answer this soon is the cut
    assert "cancelled at its time limit" in caplog.text
    deadline = time.monotonic() + 60  # the replacement worker starts in the background
    while len(workers_of_this_process()) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    processes = [psutil.Process()] + workers_of_this_process()
    settled(lambda: sum(sum(p.cpu_times()[:2]) for p in processes))  # the new worker's imports done
    before = sum(sum(p.cpu_times()[:2]) for p in processes)
    time.sleep(1.0)
    after = sum(sum(p.cpu_times()[:2]) for p in processes)
    assert after - before < 0.2
    assert len(workers_of_this_process()) == 2
    assert pooled.query("ASK { ?s ?p ?o }", timeout=5).askAnswer is True


def test_a_worker_that_crashes_costs_only_its_query(stores, caplog):
    pooled = stores[1]
    caplog.set_level(logging.ERROR, "govkg.queries")
    pids = {p.pid for p in workers_of_this_process()}

    def crash_the_busy_worker():
        time.sleep(0.3)
        busy = max(workers_of_this_process(), key=lambda p: p.cpu_percent(0.1))
        os.kill(busy.pid, signal.SIGSEGV)

    threading.Thread(target=crash_the_busy_worker).start()
    with pytest.raises(WorkerCrashed, match=str(-signal.SIGSEGV)):
        pooled.query(RUNAWAY, timeout=5)
    assert "crashed" in caplog.text
    assert pooled.query("ASK { ?s ?p ?o }", timeout=5).askAnswer is True
    assert {p.pid for p in workers_of_this_process()} != pids


def test_queries_waiting_for_a_busy_pool_wait_only_their_own_limit(stores):
    pooled = stores[1]
    outcomes: list[str] = []

    def run(timeout: float) -> None:
        try:
            pooled.query(RUNAWAY, timeout=timeout)
        except QueryTimeout:
            outcomes.append("timeout")

    threads = [threading.Thread(target=run, args=(1.0,)) for _ in range(5)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes == ["timeout"] * 5 and time.monotonic() - started < 2.0


def test_a_writers_commit_is_seen_by_the_workers(stores):
    writer, pooled = stores
    query = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    assert [str(r.g) for r in pooled.query(query, timeout=5)] == ["urn:doc:1"]
    writer.replace_graph("urn:doc:2", sample(3))
    assert [str(r.g) for r in pooled.query(query, timeout=5)] == ["urn:doc:1", "urn:doc:2"]
    assert URIRef("urn:doc:2") in {r.g for r in pooled.query(query, timeout=5)}


def test_closing_the_store_stops_its_workers(tmp_path):
    OxigraphStore(tmp_path / "s").replace_graph("urn:doc:1", sample(3))
    pooled = OxigraphStore(tmp_path / "s", read_only=True, query_workers=2)
    pooled._pool.started()
    assert len(workers_of_this_process()) == 2
    pooled.close()
    assert workers_of_this_process() == []
    OxigraphStore(tmp_path / "s", read_only=True, query_workers=3).close()  # closed while its workers start
    assert workers_of_this_process() == []


def test_an_answer_larger_than_the_cap_is_refused_not_held(stores, monkeypatch):
    from graph_store import query_pool
    from graph_store.base import ResultTruncated

    monkeypatch.setattr(query_pool, "MAX_RESULT_ROWS", 100)
    with pytest.raises(ResultTruncated, match="more than 100 rows"):
        stores[1].query("SELECT * WHERE { ?s ?p ?o }", timeout=5)
    assert len(stores[1].query("SELECT * WHERE { ?s ?p ?o } LIMIT 100", timeout=5).bindings) == 100


def test_workers_die_with_a_server_killed_outright_even_mid_query(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    OxigraphStore(tmp_path / "s").replace_graph("urn:doc:1", sample())
    script = ("import threading, time; from graph_store.oxigraph import OxigraphStore\n"
              f"s = OxigraphStore({str(tmp_path / 's')!r}, read_only=True, query_workers=2)\n"
              "s._pool.started(); pids = [w.pid for w in s._pool._idle]\n"
              f"for _ in pids: threading.Thread(target=s.query, args=({RUNAWAY!r},), kwargs={{'timeout': 60}}).start()\n"
              "time.sleep(0.5); print(*pids, flush=True); time.sleep(60)\n")
    server = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parents[2])
    pids = [int(p) for p in server.stdout.readline().split()]
    assert len(pids) == 2 and all(psutil.pid_exists(p) for p in pids)
    server.kill()
    server.wait()
    deadline = time.monotonic() + 2
    while any(psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE for p in pids):
        assert time.monotonic() < deadline, "a worker outlived its server"
        time.sleep(0.05)


@pytest.mark.parametrize("which", [0, 1], ids=["in-process", "workers"])
def test_a_caller_needing_few_rows_gets_the_first_ones_only(stores, which):
    query = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s ?p"
    everything = stores[0].query(query, timeout=5).bindings
    first = stores[which].query(query, timeout=5, read_rows=7).bindings
    assert len(everything) > 500 and first == everything[:7]
    graph = stores[which].query("CONSTRUCT WHERE { ?s ?p ?o }", timeout=5, read_rows=5).graph
    assert len(graph) == 5


def test_a_query_arriving_while_the_workers_start_is_answered(tmp_path):
    # one worker starts with the store, the others behind it: queries taking every worker meanwhile wait
    # for the ones starting (none started twice), and each is answered
    OxigraphStore(tmp_path / "s").replace_graph("urn:doc:1", sample())
    pooled = OxigraphStore(tmp_path / "s", read_only=True, query_workers=3)
    try:
        with ThreadPoolExecutor(3) as clients:
            answers = list(clients.map(lambda _: pooled.query("ASK { ?s ?p ?o }", timeout=30).askAnswer, range(6)))
        pooled._pool.started()
        assert answers == [True] * 6 and len(workers_of_this_process()) == 3
    finally:
        pooled.close()
