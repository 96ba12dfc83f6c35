"""Question latency: answer every question of a file (default ../shared/questions/dev.jsonl) over a store
and print the median and 95th percentile (after one warm-up pass that builds the lexicon).

    .venv/bin/python benchmarks/ask_latency.py --store /tmp/qa-store [--store-kind oxigraph] [--rounds 3]

Without --store, the documents of ../shared/corpus (or, without ../shared, the bundled samples with a
few questions about them) are loaded into a temporary on-disk store first.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govkg.store_commands import named_ontology  # noqa: E402
from graph_store.registry import open_store  # noqa: E402
from ingest.parse import parse_paths  # noqa: E402
from ingest.rdf import ontology_graph, record_to_graph  # noqa: E402
from query_api.ask import answer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE_QUESTIONS = ["有哪些部门", "哪些项目涉及热线", "海州市数据资源局有哪些内设机构", "预算超过50万元的项目有哪些",
                    "哪些绩效指标没有达到目标值", "海州市数据资源局2025年三公经费预算"]


def temporary_store(directory: str):
    """An oxigraph store in `directory` holding the shared corpus, or the bundled samples without it."""
    source = SHARED / "corpus" if (SHARED / "corpus").is_dir() else ROOT / "samples"
    store = open_store("oxigraph", Path(directory) / "store")
    store.replace_graph(*named_ontology(ontology_graph()))
    for outcome in parse_paths([source]):
        if outcome.error is None:
            store.replace_graph(*record_to_graph(outcome.record))
    print(f"store: {len(store.graphs())} graphs from {source}")
    return store


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", default=None)
    ap.add_argument("--store-kind", default=None)
    ap.add_argument("--questions", default=str(SHARED / "questions" / "dev.jsonl"))
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if Path(args.questions).is_file():
        questions = [json.loads(line)["q"] for line in open(args.questions, encoding="utf-8") if line.strip()]
    else:
        questions = SAMPLE_QUESTIONS
    if args.store is None:
        with tempfile.TemporaryDirectory() as directory:
            return measure(temporary_store(directory), questions, args.rounds)
    from graph_store.registry import default_kind

    kind = args.store_kind or default_kind()
    return measure(open_store(kind, args.store, **({"read_only": True} if kind == "oxigraph" else {})),
                   questions, args.rounds)


def measure(store, questions: list[str], rounds: int) -> int:
    started = time.perf_counter()
    answer(store, questions[0])
    print(f"warm-up (lexicon and pipeline): {time.perf_counter() - started:.2f} s")
    times = []
    for _ in range(rounds):
        for q in questions:
            t = time.perf_counter()
            answer(store, q)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"{len(times)} answers: median {statistics.median(times):.0f} ms, 95th percentile {p95:.0f} ms, max {times[-1]:.0f} ms")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
