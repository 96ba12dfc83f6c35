"""Start-up on stores of several sizes already made and prepared (issue 10: start-up ≤ 2× from 8 to 1,000
documents): per store and round, a cold `govkg serve` — seconds to its first reply (/api/ask/help), its
first answer (/api/ask 有哪些部门) and the CPU seconds it and its query workers used until then, then a
search and a topic question (answered once the indexes loaded behind the open port are in) — and a cold
`govkg ask 有哪些部门` (wall and CPU seconds); the medians, and the ratios of the last store to the first.

    .venv/bin/python benchmarks/start_scale.py 8=/tmp/store8,/tmp/cache8 1000=/tmp/store1000,/tmp/cache1000
        [--rounds 3] [--port 5115] [--code /work/main]

--code: the checkout whose govkg is run (default this one), to measure another commit with the same script.

Each store is served where it is with its $GOVKG_CACHE (a server writes caches beside them: give copies);
serve each once with the code measured first, so that the merged indexes are made by it, not timed here.
Rounds alternate between the stores, so the machine's other load falls on both alike.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.scale_server import GOVKG, ROOT, Server, cpu_seconds, tree_of  # noqa: E402

QUESTION = "有哪些部门"


def serve_once(code: str, store: str, cache: str, port: int, log: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": code, "GOVKG_CACHE": cache}
    server = Server(["--store-kind", "oxigraph", "--store", store], port, env, log)
    cpu = cpu_seconds(tree_of(server.proc.pid))  # the server's and its query workers', at its first answer
    try:
        requests.get(server.url + "/api/search", params={"q": "信息化项目"}, timeout=300).raise_for_status()
        searched = time.perf_counter() - server.started
        requests.get(server.url + "/api/ask", params={"q": "哪些项目涉及信息化"}, timeout=300).raise_for_status()
        loaded = time.perf_counter() - server.started
        return {"first_reply": server.first_reply, "first_answer": server.first_answer,
                "first_search": searched, "topic_answer": loaded,
                "serve_cpu": cpu}
    finally:
        server.stop()


def ask_once(code: str, store: str, cache: str) -> dict:
    env = {**os.environ, "PYTHONPATH": code, "GOVKG_CACHE": cache}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([*GOVKG, "ask", QUESTION, "--store", store], env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"ask_wall": wall, "ask_cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("stores", nargs="+", metavar="NAME=STORE,CACHE")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--port", type=int, default=5115)
    p.add_argument("--code", default=str(ROOT), help="the checkout whose govkg is run (default this one)")
    args = p.parse_args()
    stores = {spec.split("=", 1)[0]: spec.split("=", 1)[1].split(",") for spec in args.stores}
    runs: dict[str, list[dict]] = {name: [] for name in stores}
    logs = Path(tempfile.mkdtemp(prefix="start-scale-"))
    for round_ in range(args.rounds):
        for name, (store, cache) in stores.items():
            run = serve_once(args.code, store, cache, args.port, logs / f"serve-{name}.log") | ask_once(args.code, store, cache)
            runs[name].append(run)
            print(f"round {round_ + 1} {name}: " + ", ".join(f"{k} {v:.2f} s" for k, v in run.items())
                  + f" (load average {os.getloadavg()[0]:.1f})", flush=True)
    medians = {name: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for name, rs in runs.items()}
    first, last = list(medians)[0], list(medians)[-1]
    for key in medians[first]:
        print(f"{key:13s} " + " / ".join(f"{medians[n][key]:.2f}" for n in medians)
              + f" s   ratio {medians[last][key] / medians[first][key]:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
