"""The SPARQL queries behind each question: answer every question of a file in-process over a store and
print, per question, its time and the queries it ran (time, rows, the query's first lines), slowest
first. Run it on stores of two sizes to see which queries grow with the number of documents.

    .venv/bin/python benchmarks/ask_queries.py --store /tmp/store100 [--questions FILE] [--top 3] [--json out.json]

The store is opened read-only (copy a store a server uses), its queries run in this process, so the CPU
time (less disturbed than wall time by a loaded machine) counts them. One warm-up pass builds the lexicon
and the indexes first; the figures are of the second pass.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.scale_server import SHARED  # noqa: E402
from graph_store.base import StoreError  # noqa: E402
from graph_store.registry import open_store  # noqa: E402
from query_api.ask import answer  # noqa: E402


class Timed:
    """`store.query` wrapped to keep (seconds, rows, text) of each query run."""

    def __init__(self, store):
        self.store, self.runs = store, []
        self._query = store.query
        store.query = self.query

    def query(self, sparql, **kwargs):
        started = time.perf_counter()
        rows = list(self._query(sparql, **kwargs))
        self.runs.append((time.perf_counter() - started, len(rows), sparql))
        return rows


def shape(sparql: str) -> str:
    """The lines of a query that tell it apart (its SELECT and its FILTERs), shortened."""
    lines = [line.strip() for line in sparql.splitlines() if line.strip() and not line.strip().startswith("PREFIX")]
    keep = [lines[0]] + [line for line in lines[1:] if "FILTER" in line or "VALUES" in line]
    return " | ".join(line[:140] for line in keep)[:400]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", required=True)
    ap.add_argument("--questions", default=str(SHARED / "questions" / "dev.jsonl"))
    ap.add_argument("--top", type=int, default=3, help="queries printed per question")
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    cases = [json.loads(line) for line in open(args.questions, encoding="utf-8") if line.strip()]
    store = open_store("oxigraph", args.store, read_only=True)
    timed = Timed(store)
    for case in cases:  # warm-up: lexicon, topic and search indexes
        try:
            answer(store, case["q"])
        except StoreError:
            pass
    out, totals, cpus = [], [], []
    for case in cases:
        timed.runs = []
        started, cpu = time.perf_counter(), time.process_time()
        try:
            reply = answer(store, case["q"])
        except StoreError as exc:  # a time-out: the server's 503
            reply = {"answers": [], "intent": f"error: {type(exc).__name__}"}
        total, cpu = time.perf_counter() - started, time.process_time() - cpu
        totals.append(total)
        sparql_time = sum(t for t, _, _ in timed.runs)
        out.append({"id": case.get("id"), "q": case["q"], "seconds": total, "sparql_seconds": sparql_time, "cpu_seconds": cpu,
                    "answers": reply["answers"], "intent": reply["intent"],
                    "queries": [{"seconds": t, "rows": n, "sparql": s} for t, n, s in timed.runs]})
        cpus.append(cpu)
        print(f"{case.get('id', '')} {total * 1000:7.0f} ms (CPU {cpu * 1000:6.0f} ms, SPARQL {sparql_time * 1000:6.0f} ms, {len(timed.runs)} queries) "
              f"{reply['intent']} {case['q']}")
        for t, n, s in sorted(timed.runs, reverse=True)[:args.top]:
            print(f"      {t * 1000:7.0f} ms {n:5d} rows  {shape(s)}")
    for name, values in (("wall", totals), ("CPU", cpus)):
        values.sort()
        print(f"{name}: p50 {statistics.median(values) * 1000:.0f} ms, p99 {values[min(len(values) - 1, int(len(values) * 0.99))] * 1000:.0f} ms, "
              f"total {sum(values):.1f} s over {len(values)} questions")
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
