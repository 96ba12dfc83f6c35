"""/api/ask on stores already made, of several sizes: issue 10's ask acceptance without bench_scale's ingest.
Per store, a `govkg serve` on a copy of it (a server writes caches beside its store): the 45 dev questions
asked once to warm it, then timed (p50, p99) and scored as ../shared/bin/score-qa does, then 32 clients for
30 s (requests, errors), the server's RSS; then the ratios of the last store to the first.

    .venv/bin/python benchmarks/ask_scale.py 8=/tmp/store8 100=/tmp/store100 1000=/tmp/store1000
        [--port 5410] [--clients 32] [--load-seconds 30] [--work DIR] [--json out.json]
    .venv/bin/python benchmarks/ask_scale.py --sparql http://127.0.0.1:5550/sparql \
        8=https://x.example/s8/ 100=https://x.example/s100/ 1000=https://x.example/s1000/

With --sparql, each store is one on that server (the `sparql` backend), named by the GOVKG_BASE_IRI it was
ingested with, its catalog that IRI + "catalog" (as bench_scale makes them); it is served where it is, with
the $GOVKG_CACHE given by --cache NAME=DIR (the one its `govkg ingest` prepared) or a new one, and the
catalog given by --catalog NAME=IRI for a store ingested without that convention.

Each store is copied into --work (default a temporary directory) with its own $GOVKG_CACHE, whose
per-document caches are made first by `govkg ask` (slow at 1,000 documents: every document read once);
the times are those of the server started after.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.scale_server import (  # noqa: E402
    GOVKG,
    ROOT,
    SHARED,
    Server,
    ask_all,
    load,
    percentile,
    questions,
    timed_gets,
)

WARM = ("哪个部门负责预算管理工作", "哪些项目涉及信息化")  # a duty topic and a program topic


def measure(name: str, store: str, work: Path, port: int, clients: int, seconds: float, sparql: str = "",
            cache: Path | None = None, catalog: str = "") -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GOVKG_SHARED": str(SHARED),
           "GOVKG_CACHE": str(cache or work / f"cache-{name}")}
    if sparql:
        env |= {"GOVKG_BASE_IRI": store, "GOVKG_SPARQL_CATALOG": catalog or f"{store}catalog"}
        store_args = ["--store-kind", "sparql", "--store", sparql]
    else:
        copy = work / f"store-{name}"
        if not copy.exists():
            shutil.copytree(store, copy)
        store_args = ["--store-kind", "oxigraph", "--store", str(copy)]
    cases, scorer, about = questions()
    # the caches a new store needs (lexicon, topic texts, candidate texts: per document) made first, by
    # `govkg ask` with no time limit, so the server's first questions do not time out making them
    started = time.perf_counter()
    for question in WARM:
        subprocess.run([*GOVKG, "ask", question, *store_args], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # its answer may time out
    made = time.perf_counter() - started
    print(f"{name}: caches made in {made:.0f} s; serving {store_args[-1]} ({about})", flush=True)
    server = Server(store_args, port, env, work / f"serve-{name}.log")
    try:
        out = {"store": name, "caches_s": made, "first_reply_s": server.first_reply,
               "first_answer_s": server.first_answer}
        ask_all(server, cases, None)  # warm: the topic and text indexes are made on the first topic question
        out |= ask_all(server, cases, scorer)
        print(f"{name}: first reply {out['first_reply_s']:.1f} s, first answer {out['first_answer_s']:.1f} s; "
              f"ask p50 {out['ask_p50'] * 1000:.0f} ms, p99 {out['ask_p99'] * 1000:.0f} ms, "
              f"right {out['correct']}/{out['asked']}"
              + (f" (of which paged, right over their pages: {', '.join(out['paged'])})" if out["paged"] else ""), flush=True)
        slowest = sorted(out["ms"].items(), key=lambda kv: -kv[1])[:5]
        print(f"{name}: slowest: {', '.join(f'{k} {v:.0f} ms' for k, v in slowest)}", flush=True)
        searched, _ = timed_gets(server, "/api/search", [{"q": c["q"]} for c in cases])
        out["search_p50"] = percentile(searched, 0.5)
        print(f"{name}: search p50 {out['search_p50'] * 1000:.0f} ms", flush=True)
        out |= load(server, cases, clients, seconds)
        out["rss_mb"] = server.rss_mb()
        out["rss_server_mb"] = server.rss_mb(workers=False)
        print(f"{name}: {clients} clients × {seconds:.0f} s: {out['load_requests']} requests, {out['load_errors']} errors, "
              f"{out['load_refused']} refused; RSS {out['rss_mb']:.0f} MB ({out['rss_server_mb']:.0f} MB the server "
              f"process, the rest its query workers)", flush=True)
        return out
    finally:
        server.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stores", nargs="+", help="NAME=PATH of an oxigraph store (NAME=BASE_IRI with --sparql), smallest first")
    ap.add_argument("--sparql", default="", help="the stores are on this SPARQL server (the sparql backend)")
    ap.add_argument("--cache", action="append", default=[], metavar="NAME=DIR", help="a store's $GOVKG_CACHE")
    ap.add_argument("--catalog", action="append", default=[], metavar="NAME=IRI", help="a sparql store's catalog")
    ap.add_argument("--port", type=int, default=5410)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--load-seconds", type=float, default=30)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="ask-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    caches = {name: Path(path) for name, _, path in (c.partition("=") for c in args.cache)}
    catalogs = {name: iri for name, _, iri in (c.partition("=") for c in args.catalog)}
    for spec in args.stores:
        name, _, where = spec.partition("=")
        results.append(measure(name, where, work, args.port, args.clients, args.load_seconds, args.sparql,
                               caches.get(name), catalogs.get(name, "")))
        if args.json:
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    first, last = results[0], results[-1]
    if len(results) > 1:
        print(f"{last['store']} vs {first['store']}: ask p50 {last['ask_p50'] / first['ask_p50']:.1f}×, "
              f"p99 {last['ask_p99'] / first['ask_p99']:.1f}×, search p50 {last['search_p50'] / first['search_p50']:.1f}×, "
              f"first answer {last['first_answer_s'] / first['first_answer_s']:.1f}×")
        same = sum(first["answers"].get(k) == v for k, v in last["answers"].items())
        print(f"questions answered exactly as at {first['store']}: {same}/{len(last['answers'])}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
