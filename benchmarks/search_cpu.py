"""/api/search's CPU in-process: every dev question searched over a store (opened read-only: copy one a
server uses), each `--runs` times, its least CPU time kept (the least is the steadiest figure on a loaded
machine); prints the median and p90 over the questions, the matches a search scores, and with --phases
where the time goes (tokens and scoring, groups, facets, the page's rows).

    GOVKG_CACHE=/tmp/cache1000 .venv/bin/python benchmarks/search_cpu.py --store /tmp/store1000 [--runs 7]
        [--questions FILE] [--phases] [--json out.json]

The index is loaded (or made, with this code) first; each question's first search is timed apart (the words'
entries in the names and the common words' weights are looked for then, and kept).
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
from graph_store.registry import open_store  # noqa: E402
from query_api import search  # noqa: E402
from query_api.ask import one_state  # noqa: E402


def least_cpu(run, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best


def phases(index: search.SearchIndex, query: str, runs: int) -> dict[str, float]:
    """The least CPU of each step of a search (search._search's steps, one by one)."""
    tokens = index.lexicon.search_tokens(query)
    found, score, _ = index.matches(query, tokens)
    best = index.groups.best(found, score)
    positions, scores = found[best], score[best]
    return {"tokens": least_cpu(lambda: index.lexicon.search_tokens(query), runs),
            "matches": least_cpu(lambda: index.matches(query, tokens), runs),
            "groups": least_cpu(lambda: index.groups.best(found, score), runs),
            "facets": least_cpu(lambda: index.counted(positions, {}), runs),
            "page": least_cpu(lambda: index.hits(positions[search.best_first(scores, 20)]), runs)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", required=True)
    ap.add_argument("--questions", default=str(SHARED / "questions" / "dev.jsonl"))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--phases", action="store_true")
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    cases = [json.loads(line) for line in open(args.questions, encoding="utf-8") if line.strip()]
    store = open_store("oxigraph", args.store, read_only=True)
    started = time.perf_counter()
    search.search(store, "索引")  # the index loaded (or made)
    print(f"index: {time.perf_counter() - started:.1f} s; {len(search.index_for(store))} entries")
    first = []
    for case in cases:  # each question's first search: its words' entries and weights looked for once
        started = time.process_time()
        search.search(store, case["q"])
        first.append((time.process_time() - started) * 1000)
    print(f"first search of each question: CPU median {statistics.median(first):.2f} ms, max {max(first):.2f} ms")
    out = []
    for case in cases:
        reply = search.search(store, case["q"])
        cpu = least_cpu(lambda q=case["q"]: search.search(store, q), args.runs)
        row = {"id": case.get("id"), "q": case["q"], "cpu_ms": cpu * 1000, "total": reply["total"],
               "first": [r["uri"] for r in reply["results"][:3]]}
        if args.phases:
            with one_state(store):
                row["phases_ms"] = {k: v * 1000 for k, v in phases(search.index_for(store), case["q"], args.runs).items()}
        out.append(row)
    cpus = sorted(r["cpu_ms"] for r in out)
    print(f"{len(out)} questions: search CPU median {statistics.median(cpus):.2f} ms, "
          f"p90 {cpus[int(0.9 * (len(cpus) - 1))]:.2f} ms, max {cpus[-1]:.2f} ms; "
          f"results (total) median {statistics.median(r['total'] for r in out):.0f}, max {max(r['total'] for r in out)}")
    if args.phases:
        for name in out[0]["phases_ms"]:
            print(f"  {name}: median {statistics.median(r['phases_ms'][name] for r in out):.2f} ms")
    for r in sorted(out, key=lambda r: -r["cpu_ms"])[:5]:
        print(f"  {r['id']} {r['cpu_ms']:.2f} ms, {r['total']} results: {r['q']}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
