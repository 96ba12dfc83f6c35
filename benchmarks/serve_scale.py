"""What serving costs as the corpus grows: start-up, the first answer, search and paths, on stores of
different sizes (e.g. 8 and 100 documents made by benchmarks/multiply_corpus.py and `govkg ingest`).

    .venv/bin/python benchmarks/serve_scale.py STORE_DIR [STORE_DIR ...] [--port 5400] [--rounds 5]

Per store, `govkg serve` is started twice on a cache directory of its own ($GOVKG_CACHE): first on an empty
one (what a store never served before costs: its knowledge and indexes are made and saved), then again
(what every later start costs: they are loaded). For each start it prints the seconds until the first
reply (/api/ask/help), the first answer (/api/ask), the first search and the first path, and the CPU
seconds the server (with its query workers) used until its first search (wall time on a machine shared
with other work stretches; CPU less). The second start is made --starts times, medians printed. On the
last server it then measures, over HTTP as a user would:
- /api/search p50 over domain words, against a SPARQL CONTAINS scan of every label for the same words
  posted to the same server's /sparql (the figure issue 10 asks ≥ 100× for);
- /api/path p50 between a department and a program of another department;
- /api/search p50 over the dev questions (each once, as bench_scale asks them; the sample questions
  without ../shared);
- the memory of the server with its query workers, RSS summed and PSS.
Then the ratio of every figure of the last store to the first's (issue 10 asks ≤ 2×).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.scale_server import Server as ScaleServer  # noqa: E402
from benchmarks.scale_server import questions, tree_of  # noqa: E402

# Words of the domain (not of one document): each is in many departments' budgets.
WORDS = ["信息化", "培训", "运行维护", "办公", "物业管理", "政务", "安全", "专项", "建设", "宣传"]
SCAN = """SELECT DISTINCT ?s ?label WHERE {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label .
  FILTER(CONTAINS(STR(?label), "{word}")) }}"""
DEPARTMENTS = "SELECT DISTINCT ?d WHERE { ?d a <https://w3id.org/govkg/def#Department> } ORDER BY ?d LIMIT 5"
PROGRAMS = """SELECT DISTINCT ?p ?d WHERE { ?p a <https://w3id.org/govkg/def#Program> ;
  <https://w3id.org/govkg/def#department> ?d } ORDER BY ?p LIMIT 100"""


class Server(ScaleServer):
    """`govkg serve` on a store (bench_scale's server, its log in a file) with this script's first figures:
    first reply, answer and search, and the CPU seconds used until then."""

    def __init__(self, store: Path, port: int, cache: Path):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "GOVKG_CACHE": str(cache)}
        super().__init__(["--store", str(store)], port, env, cache / "serve.log", "--query-timeout", "60")
        self.first = {"reply": self.first_reply, "answer": self.first_answer,
                      "search": self._wait("/api/search?q=" + requests.utils.quote("信息化")), "cpu": self.cpu_seconds()}

    def cpu_seconds(self) -> float:
        """CPU seconds the server and its query workers have used (a busy machine stretches wall time)."""
        me = psutil.Process(self.proc.pid)
        return sum(sum(p.cpu_times()[:2]) for p in [me, *me.children(recursive=True)])


def select(server: Server, query: str) -> list[dict[str, str]]:
    reply = requests.post(server.url + "/sparql", data={"query": query},
                          headers={"Accept": "application/sparql-results+json"}, timeout=600)
    return [{k: v["value"] for k, v in row.items()} for row in reply.json()["results"]["bindings"]]


def path_pairs(server: Server) -> list[tuple[str, str]]:
    """Each of the first departments with a program of another department."""
    programs = select(server, PROGRAMS)
    return [(d["d"], next(p["p"] for p in programs if p["d"] != d["d"])) for d in select(server, DEPARTMENTS)]


def p50_ms(call, arguments, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        for argument in arguments:
            started = time.perf_counter()
            reply = call(argument)
            times.append((time.perf_counter() - started) * 1000)
            if reply.status_code != 200:
                raise SystemExit(f"serve_scale: {reply.url} answered {reply.status_code}: {reply.text[:300]}")
    return statistics.median(times)


def memory_mb(server: Server) -> dict[str, float]:
    """The server's memory with its query workers: RSS summed (pages the processes share, such as the store's
    files mapped by every worker, counted once per process) and PSS (each shared page divided among them)."""
    rss = pss = 0
    for process in tree_of(server.proc.pid):
        info = process.memory_full_info()
        rss, pss = rss + info.rss, pss + info.pss
    return {"rss_mb": rss / 2**20, "pss_mb": pss / 2**20}


def latencies(url: str, pairs: list[tuple[str, str]], rounds: int) -> dict[str, float]:
    search = lambda q: requests.get(url + "/api/search", params={"q": q}, timeout=600)  # noqa: E731
    return {"search_questions_p50_ms": p50_ms(search, [case["q"] for case in questions()[0]], 1),
            "search_p50_ms": p50_ms(search, WORDS, rounds),
            "contains_scan_p50_ms": p50_ms(lambda w: requests.post(
                url + "/sparql", data={"query": SCAN.format(word=w)},
                headers={"Accept": "application/sparql-results+json"}, timeout=600), WORDS, 1),
            "path_p50_ms": p50_ms(lambda ab: requests.get(url + "/api/path", params={"from": ab[0], "to": ab[1]},
                                                          timeout=600), pairs, rounds)}


def measure(store: Path, port: int, rounds: int, starts: int, prepared: Path | None = None) -> dict[str, float]:
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="serve-scale-cache-") as cache:
        if prepared is not None:  # the cache `govkg ingest` prepared: copied, so the runs leave it as it was
            cache = shutil.copytree(prepared, Path(cache) / "prepared")
        runs: list[dict[str, float]] = []
        for start in ["prepared" if prepared else "new"] + ["again"] * starts:
            server = Server(store, port, Path(cache))
            try:
                run = {(f"{start}_first_{what}_s" if what != "cpu" else f"{start}_cpu_until_search_s"): seconds
                       for what, seconds in server.first.items()}
                pairs = path_pairs(server)
                started = time.perf_counter()
                requests.get(server.url + "/api/path", params={"from": pairs[0][0], "to": pairs[0][1]}, timeout=600)
                run[f"{start}_first_path_s"] = time.perf_counter() - started
                runs.append(run)
                if len(runs) == starts + 1:
                    figures.update(latencies(server.url, pairs, rounds))
                    figures.update(memory_mb(server))
            finally:
                server.stop()
        figures = {name: statistics.median(r[name] for r in runs if name in r) for name in {**runs[0], **runs[-1]}} \
            | figures
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stores", nargs="+", type=Path)
    parser.add_argument("--port", type=int, default=5400)
    parser.add_argument("--rounds", type=int, default=5, help="passes over the words and pairs for each p50")
    parser.add_argument("--starts", type=int, default=3, help="starts on the saved state (median printed)")
    parser.add_argument("--prepared", type=Path, action="append", default=[], metavar="CACHE",
                        help="the $GOVKG_CACHE `govkg ingest` prepared for each store, in order (the first start "
                             "is then the first after an ingest, not one that makes everything)")
    args = parser.parse_args(argv)
    results = []
    for n, path in enumerate(args.stores):
        figures = measure(path, args.port, args.rounds, args.starts, args.prepared[n] if args.prepared else None)
        results.append(figures)
        print(f"{path}:", flush=True)
        for name, value in figures.items():
            print(f"  {name:<26} {value:10.3f}")
        print(f"  search is {figures['contains_scan_p50_ms'] / figures['search_p50_ms']:.0f}x faster than the "
              "CONTAINS scan", flush=True)
    for path, figures in zip(args.stores[1:], results[1:], strict=True):
        print(f"{path} vs {args.stores[0]} (issue 10: ≤ 2x):")
        for name, value in figures.items():
            print(f"  {name:<26} {value / results[0][name]:10.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
