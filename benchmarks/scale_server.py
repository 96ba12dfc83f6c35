"""What bench_scale measures on a running `govkg serve`: start-up, answers, search against a CONTAINS scan,
load from concurrent clients, memory, and a runaway query. Every figure is taken over HTTP, as a user
meets the service, whatever the backend behind it.
"""

from __future__ import annotations

import importlib.machinery
import json
import os
import random
import subprocess
import sys
import threading
import time
import types
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GOVKG_SHARED", ROOT.parent / "shared"))
GOVKG = [sys.executable, "-m", "govkg.cli"]
# Queries with no end, in turn until one is cut at the time limit: Virtuoso refuses the first before running
# it (its estimate exceeds MaxQueryCostEstimationTime), and runs the second, whose estimate is low.
RUNAWAYS = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . OPTIONAL { ?d ?e ?c . ?g ?h ?d } }")
SAMPLE_QUESTIONS = [{"q": q} for q in ("有哪些部门", "哪些项目涉及热线", "海州市数据资源局2025年三公经费预算")]
# Words of the trade, each in many departments' documents: searched, and scanned for with CONTAINS.
WORDS = ["信息化", "培训", "运行维护", "办公", "物业管理", "政务", "安全", "专项", "建设", "宣传"]
SCAN = ("SELECT DISTINCT ?s ?label WHERE {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label . "
        "FILTER(CONTAINS(STR(?label), \"{word}\")) }}")


def questions() -> tuple[list[dict], types.ModuleType | None, str]:
    """The dev questions and score-qa's checker, or, without ../shared, a few questions scored by nobody
    (latencies only) and the reason."""
    path, scorer = SHARED / "questions" / "dev.jsonl", SHARED / "bin" / "score-qa"
    if not (path.is_file() and scorer.is_file()):
        return SAMPLE_QUESTIONS, None, f"{path} or {scorer} is missing: answers are timed, not scored"
    loader = importlib.machinery.SourceFileLoader("score_qa", str(scorer))
    module = types.ModuleType(loader.name)
    module.__file__ = str(scorer)
    loader.exec_module(module)
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return cases, module, f"{len(cases)} questions of {path}, scored as {scorer} does"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else float("nan")


def tree_of(pid: int) -> list[psutil.Process]:
    me = psutil.Process(pid)
    return [me, *me.children(recursive=True)]


def cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for p in processes:
        try:
            total += sum(p.cpu_times()[:2])
        except psutil.Error:
            pass  # a query worker replaced in between
    return total


def store_processes() -> list[psutil.Process]:
    """The SPARQL server's processes, where this machine shows them (Virtuoso's virtuoso-t)."""
    return [p for p in psutil.process_iter(["name"]) if (p.info["name"] or "").startswith("virtuoso")]


class Server:
    """`govkg serve` in its own process, stopped by its pid; `env` chooses the store and its caches. Its log
    goes to a file: a pipe nobody reads fills up (64 KB of waitress's 'Task queue depth' warnings under
    load) and then blocks the server's main loop on its next log line, which looks like a hung server."""

    def __init__(self, store_args: list[str], port: int, env: dict, log: Path, *extra: str):
        self.url, self.log = f"http://127.0.0.1:{port}", log
        self.started = time.perf_counter()
        with log.open("a", encoding="utf-8") as sink:
            self.proc = subprocess.Popen([*GOVKG, "serve", *store_args, "--port", str(port), "--log-level",
                                          "warning", "--trusted-proxy", "127.0.0.1", *extra],
                                         env=env, stdout=subprocess.DEVNULL, stderr=sink)
        try:
            self.first_reply = self._wait("/api/ask/help")
            self.first_answer = self._wait("/api/ask?q=" + requests.utils.quote("有哪些部门"))
        except BaseException:
            self.stop()
            raise

    def _wait(self, path: str, limit: float = 600) -> float:
        while time.perf_counter() - self.started < limit:
            if self.proc.poll() is not None:
                tail = self.log.read_text(encoding="utf-8", errors="replace")[-2000:]
                raise SystemExit(f"bench_scale: the server stopped (its log: {self.log}):\n{tail}")
            try:
                if requests.get(self.url + path, timeout=120).status_code == 200:
                    return time.perf_counter() - self.started
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise SystemExit(f"bench_scale: no reply from {self.url}{path} in {limit:.0f} s")

    def rss_mb(self, workers: bool = True) -> float:
        """The server's resident memory, with its query worker processes unless `workers` is False."""
        processes = tree_of(self.proc.pid) if workers else [psutil.Process(self.proc.pid)]
        return sum(p.memory_info().rss for p in processes) / 2**20

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def ask_all(server: Server, cases: list[dict], scorer) -> dict:
    """Latencies (and each question's, in ms: the tail is found by them), how many are right, and each
    question's answers (label and value of each, in order), so that stores of different sizes can be compared
    answer for answer."""
    times, wrong, paged, answers, each = [], [], [], {}, {}
    for case in cases:
        started = time.perf_counter()
        body: dict = {}
        try:
            reply = requests.get(server.url + "/api/ask", params={"q": case["q"]}, timeout=120)
            body = reply.json() if reply.status_code == 200 else {}
            problems = [f"HTTP {reply.status_code}"] if reply.status_code != 200 else (
                scorer.problems(case, body) if scorer else [])
            answers[case.get("id", case["q"])] = [[a.get("label"), a.get("value")] for a in body.get("answers") or []]
        except (requests.RequestException, ValueError) as exc:
            problems = [f"no reply: {exc}"]
        times.append(time.perf_counter() - started)
        each[case.get("id", case["q"])] = round(times[-1] * 1000, 1)
        if problems and scorer and body.get("total"):
            # a paged list (first page and its exact count): right when its pages hold what is expected, as a
            # user reads them with page=2, 3 … (untimed; counted apart from the first page's score)
            paged.append(case.get("id", case["q"]))
            if not scorer.problems(case, dict(body, answers=all_pages(server, case["q"], body))):
                problems = []
        if problems:
            wrong.append(f"{case.get('id', case['q'])}: {'; '.join(problems)[:160]}")
    return {"ask_p50": percentile(times, 0.5), "ask_p99": percentile(times, 0.99),
            "correct": len(cases) - len(wrong) if scorer else None, "asked": len(cases), "wrong": wrong,
            "paged": paged, "answers": answers, "ms": each}


def all_pages(server: Server, question: str, first: dict) -> list[dict]:
    """Every answer of a paged reply: its first page and the pages after it."""
    answers, page = list(first["answers"]), 1
    while len(answers) < first["total"]:
        page += 1
        more = requests.get(server.url + "/api/ask", params={"q": question, "page": page}, timeout=120).json()
        if not more.get("answers"):
            break
        answers += more["answers"]
    return answers


def timed_gets(server: Server, path: str, params: list[dict]) -> tuple[list[float], list[int]]:
    times, statuses = [], []
    for p in params:
        started = time.perf_counter()
        try:
            statuses.append(requests.get(server.url + path, params=p, timeout=120).status_code)
        except requests.RequestException:
            statuses.append(0)
        times.append(time.perf_counter() - started)
    return times, statuses


def search_and_scan(server: Server, cases: list[dict]) -> dict:
    """/api/search over the questions and over the trade's words, and a SPARQL CONTAINS scan of every label
    for the same words through the server's /sparql (cut at its time limit: then the p50 is a floor)."""
    asked, _ = timed_gets(server, "/api/search", [{"q": c["q"]} for c in cases])
    words, _ = timed_gets(server, "/api/search", [{"q": w} for w in WORDS])
    scans, statuses = timed_gets(server, "/sparql", [{"query": SCAN.format(word=w)} for w in WORDS])
    return {"search_p50": percentile(asked, 0.5), "search_words_p50": percentile(words, 0.5),
            "scan_p50": percentile(scans, 0.5), "scans_cut": sum(s != 200 for s in statuses)}


def load(server: Server, cases: list[dict], clients: int, seconds: float) -> dict:
    """`clients` threads asking questions (two in three) and searching for `seconds`: requests, errors
    (HTTP ≥ 500 or no reply), and how many were refused as too many from one client (HTTP 429)."""
    counts = {"load_requests": 0, "load_errors": 0, "load_refused": 0}
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(seed: int) -> None:
        rnd, session = random.Random(seed), requests.Session()
        # 32 people, not one client 32 times: the server trusts this proxy header from 127.0.0.1 (see Server)
        session.headers["X-Forwarded-For"] = f"10.0.{seed // 250}.{seed % 250 + 1}"
        while time.perf_counter() < stop_at:
            path = rnd.choice(("/api/ask", "/api/ask", "/api/search"))
            try:
                status = session.get(server.url + path, params={"q": rnd.choice(cases)["q"]}, timeout=60).status_code
            except requests.RequestException:
                status = 0
            with lock:
                counts["load_requests"] += 1
                counts["load_errors"] += status >= 500 or status == 0
                counts["load_refused"] += status == 429

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counts


def runaway(server: Server, watch_store: bool) -> dict:
    """A query with no end sent to /sparql: the status and when it came, then the CPU seconds the server
    (and its query workers; and the SPARQL server's processes when `watch_store`, whose other users' work
    shows in the second measured before) used in the next second."""
    theirs = store_processes() if watch_store else []
    before_store = cpu_seconds(theirs)
    time.sleep(1.0)
    store_before = cpu_seconds(theirs) - before_store if theirs else None
    for query in RUNAWAYS:
        started = time.perf_counter()
        try:
            reply = requests.post(server.url + "/sparql", data={"query": query}, timeout=300)
            status, why = reply.status_code, (reply.json().get("error") or {}).get("code", "") if reply.text else ""
        except (requests.RequestException, ValueError):
            status, why = 0, "no reply"
        waited = time.perf_counter() - started
        if why == "query_timeout":
            break
    mine = tree_of(server.proc.pid)
    before, before_store = cpu_seconds(mine), cpu_seconds(theirs)
    time.sleep(1.0)
    return {"runaway_status": status, "runaway_why": why, "runaway_s": waited, "cpu_after": cpu_seconds(mine) - before,
            "store_cpu_after": cpu_seconds(theirs) - before_store if theirs else None, "store_cpu_before": store_before}
