"""Question latency: answer every question of a file (default ../shared/questions/dev.jsonl) over a store
and print the median and 95th percentile (after one warm-up pass that builds the lexicon).

    .venv/bin/python benchmarks/ask_latency.py --store /tmp/qa-store [--store-kind oxigraph] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph_store.registry import open_store  # noqa: E402
from query_api.ask import answer  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", default=None)
    ap.add_argument("--store-kind", default=None)
    ap.add_argument("--questions", default=str(Path(__file__).resolve().parent.parent.parent / "shared/questions/dev.jsonl"))
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    questions = [json.loads(line)["q"] for line in open(args.questions, encoding="utf-8") if line.strip()]
    from graph_store.registry import default_kind

    kind = args.store_kind or default_kind()
    store = open_store(kind, args.store, **({"read_only": True} if kind == "oxigraph" else {}))
    started = time.perf_counter()
    answer(store, questions[0])
    print(f"warm-up (lexicon and pipeline): {time.perf_counter() - started:.2f} s")
    times = []
    for _ in range(args.rounds):
        for q in questions:
            t = time.perf_counter()
            answer(store, q)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"{len(times)} answers: median {statistics.median(times):.0f} ms, 95th percentile {p95:.0f} ms, max {times[-1]:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
