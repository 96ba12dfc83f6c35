"""What the question layer holds in memory, step by step: a store opened read-only in this process (its
caches those `govkg ingest` prepared, in $GOVKG_CACHE), then each structure a server loads or makes — the
lexicon with its documents, the search index, the topic index, the summaries, the candidates' text index —
and the dev questions asked; the process's RSS and the CPU seconds after each step.

    GOVKG_CACHE=DIR .venv/bin/python benchmarks/ask_memory.py --store DIR [--questions FILE]

Run it on stores of two sizes to see which structure grows with the number of documents. The server's
query workers are other processes (graph_store.query_pool), not counted here.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.scale_server import SHARED  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", required=True)
    ap.add_argument("--questions", default=str(SHARED / "questions" / "dev.jsonl"))
    args = ap.parse_args()
    me = psutil.Process()
    last = {"rss": me.memory_info().rss, "cpu": sum(me.cpu_times()[:2])}

    def step(name: str, work) -> object:
        result = work()
        gc.collect()
        rss, cpu = me.memory_info().rss, sum(me.cpu_times()[:2])
        print(f"{name:<44} RSS {rss / 2**20:7.0f} MB ({(rss - last['rss']) / 2**20:+6.0f})  CPU {cpu - last['cpu']:6.2f} s",
              flush=True)
        last.update(rss=rss, cpu=cpu)
        return result

    from graph_store.registry import open_store
    from query_api import search, topic_store
    from query_api.answering import candidates, summaries
    from query_api.ask import answer, knowledge_for

    store = step("store opened (read-only)", lambda: open_store("oxigraph", args.store, read_only=True))
    known = step("lexicon and documents (knowledge_for)", lambda: knowledge_for(store))
    step("search index (search.index_for)", lambda: search.index_for(store))
    step("topic index (topic_store.index_for)", lambda: topic_store.index_for(store, known.lexicon))
    step("summaries (summaries.summary_for)", lambda: summaries.summary_for(store))
    step("candidates' text index (candidates.index_for)", lambda: candidates.index_for(store))
    cases = [json.loads(line) for line in open(args.questions, encoding="utf-8") if line.strip()]
    step(f"one search of each of {len(cases)} questions", lambda: [search.search(store, c["q"]) for c in cases])
    times: dict[str, float] = {}

    def ask_all() -> None:
        for c in cases:
            started = time.perf_counter()
            answer(store, c["q"])
            times[c.get("id", c["q"])] = time.perf_counter() - started

    step(f"the {len(cases)} questions asked", ask_all)
    step("the questions asked again", ask_all)
    slowest = sorted(times.items(), key=lambda kv: -kv[1])[:5]
    print("slowest (second pass): " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in slowest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
