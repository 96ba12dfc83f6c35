"""What a request costs beyond its own query, over stores of different sizes: telling whether the store
changed (the old way, its graphs and a COUNT(*) of every triple, against its generation), a search
(the cached index) against a SPARQL CONTAINS scan of every label for the same words, and the time to
build the question layer's knowledge and the search index from nothing (what start-up pays).

    .venv/bin/python benchmarks/request_cost.py STORE_DIR [STORE_DIR ...] [--rounds 20]

Each store is opened read-only, as `govkg serve` opens it. Prints one block per store, then the ratios
of every figure to the first store's.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph_store.registry import open_store  # noqa: E402
from query_api import ask, lexicon, search  # noqa: E402
from query_api.queries import literal  # noqa: E402

# Words of the domain (not of one document): each is in many departments' budgets.
WORDS = ["信息化", "培训", "运行维护", "办公", "物业管理", "政务", "安全", "专项", "建设", "宣传"]
SCAN = """SELECT DISTINCT ?s ?label WHERE {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label .
  FILTER(CONTAINS(STR(?label), {word})) }}"""


def p50(action, arguments, rounds: int) -> float:
    """The median milliseconds of `action(argument)` over `rounds` passes through `arguments`."""
    times = []
    for _ in range(rounds):
        for argument in arguments:
            started = time.perf_counter()
            action(argument)
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(path: Path, rounds: int) -> dict[str, float]:
    store = open_store("oxigraph", path, read_only=True)
    figures = {"graphs": len(store.graphs()), "triples": store.triple_count()}
    figures["state_scan_ms"] = p50(lambda _: (tuple(store.graphs()), store.triple_count()), [0], rounds)
    figures["state_generation_ms"] = p50(lambda _: store.state(), [0], rounds)
    started = time.perf_counter()
    ask.knowledge_for(store)
    figures["knowledge_build_s"] = time.perf_counter() - started
    started = time.perf_counter()
    search.index_for(store)
    figures["search_index_build_s"] = time.perf_counter() - started
    figures["search_p50_ms"] = p50(lambda w: search.search(store, w), WORDS, rounds)
    figures["contains_scan_p50_ms"] = p50(lambda w: list(store.query(SCAN.format(word=literal(w)), timeout=60)),
                                          WORDS, max(1, rounds // 5))
    store.close()
    lexicon._CACHE.clear()  # the next store builds its own: what a fresh server would do
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(argv)
    results = []
    for path in args.stores:
        figures = measure(path, args.rounds)
        results.append(figures)
        print(f"{path}: " + ", ".join(f"{k}={v:.4g}" for k, v in figures.items()), flush=True)
        print(f"  search is {figures['contains_scan_p50_ms'] / figures['search_p50_ms']:.1f}x faster than the "
              f"CONTAINS scan; the generation {figures['state_scan_ms'] / figures['state_generation_ms']:.0f}x "
              "cheaper than the scan", flush=True)
    first = results[0]
    for path, figures in zip(args.stores[1:], results[1:], strict=True):
        print(f"{path} vs {args.stores[0]}: " + ", ".join(
            f"{k} {figures[k] / first[k]:.2f}x" for k in figures if first[k]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
