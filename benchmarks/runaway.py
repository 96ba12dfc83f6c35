"""Queries that stop: the cost of running queries in worker processes, and what a runaway leaves behind.

    .venv/bin/python benchmarks/runaway.py [--store DIR] [--workers 4] [--limit 1] [--parallel 20]

Prints, for an on-disk oxigraph store (default: the bundled samples in a temporary store):
- the time of a small and of a large query in the server's threads and through the worker pool (the hop);
- `--parallel` runaway aggregates at once with a `--limit` s time limit: when each was stopped, and the
  CPU the process and its workers used in the second after (idle: ~0);
- a question-sized query right after, and the time until the pool is back to full strength.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph_store.base import QueryTimeout  # noqa: E402
from graph_store.oxigraph import OxigraphStore  # noqa: E402
from ingest.parse import parse_paths  # noqa: E402
from ingest.rdf import record_to_graph  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SMALL = "SELECT ?s ?o WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o } LIMIT 5"
LARGE = "SELECT * WHERE { ?s ?p ?o }"


def cpu_seconds() -> float:
    me = psutil.Process()
    return sum(sum(p.cpu_times()[:2]) for p in [me, *me.children(recursive=True)])


def per_query_ms(store: OxigraphStore, query: str, rounds: int) -> float:
    store.query(query, timeout=30)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        store.query(query, timeout=30)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", help="an existing oxigraph store (default: the samples in a temporary one)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--limit", type=float, default=1.0, help="the runaways' time limit, seconds")
    parser.add_argument("--parallel", type=int, default=20, help="runaway queries sent at once")
    args = parser.parse_args()
    logging.getLogger("govkg").setLevel(logging.ERROR)  # one line per cancelled query is for servers, not here
    with tempfile.TemporaryDirectory() as tmp:
        location = Path(args.store) if args.store else Path(tmp) / "store"
        if not args.store:
            with OxigraphStore(location) as writer:
                for outcome in parse_paths([ROOT / "samples"]):
                    if outcome.error is None:
                        writer.replace_graph(*record_to_graph(outcome.record))
        threads = OxigraphStore(location, read_only=True)
        started = time.perf_counter()
        pooled = OxigraphStore(location, read_only=True, query_workers=args.workers)
        print(f"{args.workers} query workers started in {time.perf_counter() - started:.2f} s")
        rows = len(threads.query(LARGE, timeout=30).bindings)
        for name, query, rounds in (("small query (5 rows)", SMALL, 200), (f"large query ({rows} rows)", LARGE, 10)):
            here, there = per_query_ms(threads, query, rounds), per_query_ms(pooled, query, rounds)
            print(f"{name}: {here:.2f} ms in a thread, {there:.2f} ms through a worker ({there - here:+.2f} ms)")

        stopped: list[float] = []
        started = time.perf_counter()

        def runaway() -> None:
            try:
                pooled.query(RUNAWAY, timeout=args.limit)
            except QueryTimeout:
                stopped.append(time.perf_counter() - started)

        runners = [threading.Thread(target=runaway) for _ in range(args.parallel)]
        for t in runners:
            t.start()
        for t in runners:
            t.join()
        print(f"{len(stopped)} of {args.parallel} runaways stopped ({args.workers} at a time, limit {args.limit:g} s), "
              f"the last {stopped and max(stopped):.2f} s after they were sent")
        for which in ("first", "second"):
            before = cpu_seconds()
            time.sleep(1.0)
            print(f"CPU used by the process and its workers in the {which} second after: "
                  f"{cpu_seconds() - before:.2f} s (starting replacement workers, then idle)")
        started = time.perf_counter()
        pooled.query(SMALL, timeout=30)
        print(f"next query answered in {(time.perf_counter() - started) * 1000:.1f} ms")
        pooled.close()
        threads.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
