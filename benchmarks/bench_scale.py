"""Scale: the same measurements on stores of 8, ~100 and ~1,000 documents, in one run (issue 10's acceptance).

    .venv/bin/python benchmarks/bench_scale.py [--sizes 8,100,1000] [--load-seconds 30] [--port 5800]
    make bench-scale                        # all three sizes;  make bench-scale SIZES=8,100  for a quick run

Corpora come from benchmarks/multiply_corpus.py (../shared, else the bundled samples). Per size it prints:
- layout: how many rows a join over shared entities (a code's notation and label) gives over the union of
  graphs against how many distinct ones (the copies each document graph holds multiply them);
- ingest: `govkg ingest DIR` wall time, and `pyoxigraph` bulk_load of the same quads (exported) — the ratio;
- re-ingest of one document into this store vs into an empty one (`govkg ingest FILE`, process included);
- serve start-up: `govkg serve` until its first HTTP reply, and until its first answered question;
- /api/ask p50/p99 over the dev questions and how many answer correctly (scored as ../shared/bin/score-qa);
- /api/search p50 over the same questions as keywords;
- 32 concurrent clients asking for --load-seconds: requests, errors (HTTP ≥ 500 or no reply);
- server RSS (the process and its query workers) after the load;
- a runaway SPARQL query cut at the server's time limit: CPU seconds the server used in the second after.
Then the ratios of the largest size to the smallest. Servers listen on 127.0.0.1 from --port on.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import types
from pathlib import Path

import psutil
import pyoxigraph as ox
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("GOVKG_SHARED", ROOT.parent / "shared"))
GOVKG = [sys.executable, "-m", "govkg.cli"]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SAMPLE_QUESTIONS = [{"q": q} for q in ("有哪些部门", "哪些项目涉及热线", "海州市数据资源局2025年三公经费预算")]


def env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "GOVKG_SHARED": str(SHARED)}


def questions() -> tuple[list[dict], types.ModuleType | None]:
    """The dev questions and score-qa's checker (None without ../shared: latencies only)."""
    path, scorer = SHARED / "questions" / "dev.jsonl", SHARED / "bin" / "score-qa"
    if not (path.is_file() and scorer.is_file()):
        return SAMPLE_QUESTIONS, None
    loader = importlib.machinery.SourceFileLoader("score_qa", str(scorer))
    module = types.ModuleType(loader.name)
    module.__file__ = str(scorer)
    loader.exec_module(module)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()], module


def timed(cmd: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env(), capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: some documents failed, reported by the run itself
        raise SystemExit(f"bench_scale: {' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def bulk_load_seconds(store: Path, scratch: Path) -> tuple[float, int]:
    """pyoxigraph's bulk_load of the quads `govkg ingest` wrote: the store's own speed."""
    data = ox.Store.read_only(str(store)).dump(format=ox.RdfFormat.N_QUADS)
    target = ox.Store(str(scratch))
    started = time.perf_counter()
    target.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    target.flush()
    seconds = time.perf_counter() - started
    return seconds, len(target)


# A classification code's notation and label, as the search and the charts join them: each document graph
# states them again, so over the union a code matches once per pair of copies (k documents: k² rows).
SHARED_JOIN = ("SELECT {} WHERE {{ ?c <http://www.w3.org/2004/02/skos/core#notation> ?n ; "
               "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l }}")


def shared_copies(store: Path) -> tuple[int, int, float]:
    """(rows of the code-label join over the union of graphs, distinct rows, seconds of the union query)."""
    s = ox.Store.read_only(str(store))
    started = time.perf_counter()
    rows = sum(1 for _ in s.query(SHARED_JOIN.format("?c ?n ?l"), use_default_graph_as_union=True))
    seconds = time.perf_counter() - started
    distinct = sum(1 for _ in s.query(SHARED_JOIN.format("DISTINCT ?c ?n ?l"), use_default_graph_as_union=True))
    return rows, distinct, seconds


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Server:
    """`govkg serve` on a store, in its own process, stopped by its pid."""

    def __init__(self, store: Path, port: int):
        self.url = f"http://127.0.0.1:{port}"
        self.started = time.perf_counter()
        self.proc = subprocess.Popen([*GOVKG, "serve", "--store", str(store), "--port", str(port),
                                      "--log-level", "warning"], env=env(),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.first_reply = self._wait("/api/ask/help")
        self.first_answer = self._wait("/api/ask?q=" + requests.utils.quote("有哪些部门"))

    def _wait(self, path: str, limit: float = 300) -> float:
        while time.perf_counter() - self.started < limit:
            if self.proc.poll() is not None:
                raise SystemExit(f"bench_scale: the server stopped:\n{self.proc.stderr.read()[-2000:]}")
            try:
                if requests.get(self.url + path, timeout=60).status_code == 200:
                    return time.perf_counter() - self.started
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise SystemExit(f"bench_scale: no reply from {self.url}{path} in {limit:.0f} s")

    def rss_mb(self) -> float:
        me = psutil.Process(self.proc.pid)
        return sum(p.memory_info().rss for p in [me, *me.children(recursive=True)]) / 2**20

    def cpu_seconds(self) -> float:
        me = psutil.Process(self.proc.pid)
        return sum(sum(p.cpu_times()[:2]) for p in [me, *me.children(recursive=True)])

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def ask_all(server: Server, cases: list[dict], scorer) -> tuple[list[float], int, list[str]]:
    times, good, bad = [], 0, []
    for case in cases:
        started = time.perf_counter()
        reply = requests.get(server.url + "/api/ask", params={"q": case["q"]}, timeout=60)
        times.append(time.perf_counter() - started)
        body = reply.json() if reply.status_code == 200 else {}
        wrong = [f"HTTP {reply.status_code}"] if reply.status_code != 200 else (
            scorer.problems(case, body) if scorer else [])
        if wrong:
            bad.append(f"{case.get('id', case['q'])}: {'; '.join(wrong)[:120]}")
        else:
            good += 1
    return times, good, bad


def search_all(server: Server, cases: list[dict]) -> list[float]:
    times = []
    for case in cases:
        started = time.perf_counter()
        requests.get(server.url + "/api/search", params={"q": case["q"]}, timeout=60)
        times.append(time.perf_counter() - started)
    return times


def load(server: Server, cases: list[dict], clients: int, seconds: float) -> tuple[int, int]:
    counts = {"requests": 0, "errors": 0}
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(seed: int) -> None:
        rnd, session = random.Random(seed), requests.Session()
        while time.perf_counter() < stop_at:
            path = rnd.choice(("/api/ask", "/api/ask", "/api/search"))
            try:
                failed = session.get(server.url + path, params={"q": rnd.choice(cases)["q"]},
                                     timeout=60).status_code >= 500
            except requests.RequestException:
                failed = True
            with lock:
                counts["requests"] += 1
                counts["errors"] += failed

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counts["requests"], counts["errors"]


def runaway(server: Server) -> tuple[int, float, float]:
    """(HTTP status, seconds until the reply, server CPU seconds in the second after it)."""
    started = time.perf_counter()
    reply = requests.post(server.url + "/sparql", data={"query": RUNAWAY}, timeout=120)
    waited = time.perf_counter() - started
    before = server.cpu_seconds()
    time.sleep(1.0)
    return reply.status_code, waited, server.cpu_seconds() - before


def measure(size: int, work: Path, port: int, cases: list[dict], scorer, load_seconds: float) -> dict:
    from benchmarks.multiply_corpus import multiply

    corpus, store = work / f"corpus{size}", work / f"store{size}"
    documents = multiply(corpus, size, [p for p in (SHARED / "corpus", SHARED / "corpus-national") if p.is_dir()]
                         or [ROOT / "samples"])
    row: dict = {"size": documents}
    row["ingest"] = timed([*GOVKG, "ingest", str(corpus), "--store", str(store)])
    row["bulk_load"], row["quads"] = bulk_load_seconds(store, work / f"bulk{size}")
    row["join_rows"], row["join_distinct"], row["join_s"] = shared_copies(store)
    one = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")[0]
    row["reingest_big"] = timed([*GOVKG, "ingest", str(one), "--store", str(store)])
    row["reingest_empty"] = timed([*GOVKG, "ingest", str(one), "--store", str(work / f"empty{size}")])
    server = Server(store, port)
    try:
        row["first_reply"], row["first_answer"] = server.first_reply, server.first_answer
        asks, row["correct"], row["wrong"] = ask_all(server, cases, scorer)
        row["ask_p50"], row["ask_p99"] = percentile(asks, 0.5), percentile(asks, 0.99)
        row["search_p50"] = percentile(search_all(server, cases), 0.5)
        row["load_requests"], row["load_errors"] = load(server, cases, 32, load_seconds)
        row["rss_mb"] = server.rss_mb()
        row["runaway_status"], row["runaway_s"], row["cpu_after"] = runaway(server)
    finally:
        server.stop()
    return row


def report(row: dict, questions_total: int) -> None:
    print(f"\n== {row['size']} documents, {row['quads']} quads")
    print(f"ingest {row['ingest']:.1f} s; bulk_load of the same quads {row['bulk_load']:.1f} s "
          f"(ratio {row['ingest'] / row['bulk_load']:.1f}x)")
    print(f"layout: the code-label join gives {row['join_rows']} rows over the union for {row['join_distinct']} "
          f"distinct ({row['join_s']:.2f} s): shared entities are repeated in every document graph")
    print(f"re-ingest one document: {row['reingest_big']:.2f} s into this store, {row['reingest_empty']:.2f} s "
          f"into an empty one (ratio {row['reingest_big'] / row['reingest_empty']:.2f}x)")
    print(f"serve start-up: first reply {row['first_reply']:.1f} s, first answer {row['first_answer']:.1f} s")
    print(f"/api/ask p50 {row['ask_p50'] * 1000:.0f} ms, p99 {row['ask_p99'] * 1000:.0f} ms; "
          f"{row['correct']} of {questions_total} correct")
    for line in row["wrong"]:
        print(f"    wrong: {line}")
    print(f"/api/search p50 {row['search_p50'] * 1000:.0f} ms")
    print(f"32 clients: {row['load_requests']} requests, {row['load_errors']} errors; RSS {row['rss_mb']:.0f} MB")
    print(f"runaway query: HTTP {row['runaway_status']} after {row['runaway_s']:.1f} s; "
          f"server CPU in the next second {row['cpu_after']:.2f} s")


def ratios(small: dict, big: dict) -> None:
    print(f"\n== {big['size']} documents versus {small['size']} (acceptance: each ≤ 2)")
    for key, label in (("ask_p50", "/api/ask p50"), ("ask_p99", "/api/ask p99"), ("search_p50", "/api/search p50"),
                       ("first_reply", "start-up (first reply)"), ("first_answer", "start-up (first answer)")):
        print(f"{label:<26} {big[key] / small[key]:.1f}x")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="8,100,1000", help="documents per store, comma-separated")
    ap.add_argument("--load-seconds", type=float, default=30.0, help="how long the 32 clients ask")
    ap.add_argument("--port", type=int, default=5800, help="first port of the servers (one per size)")
    ap.add_argument("--work", type=Path, default=None, help="keep corpora and stores here (default: a temp dir)")
    args = ap.parse_args(argv)
    cases, scorer = questions()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        for i, size in enumerate(int(s) for s in args.sizes.split(",")):
            rows.append(measure(size, work, args.port + i, cases, scorer, args.load_seconds))
            report(rows[-1], len(cases))
    if len(rows) > 1:
        ratios(rows[0], rows[-1])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
