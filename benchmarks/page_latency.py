"""Web latency: every department's page, its chart data (the calls department.js makes), its CSV of
figures, an entity's Turtle, and keyword searches, through Flask's test client over a store; prints the
median and the slowest of each.

    .venv/bin/python benchmarks/page_latency.py --store /tmp/qa-store [--store-kind oxigraph]

Without --store, the bundled samples are loaded into a memory store first.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph_store.registry import open_store  # noqa: E402
from ingest.parse import parse_paths  # noqa: E402
from ingest.rdf import record_to_graph  # noqa: E402
from query_api.app import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEARCHES = ["行政运行", "热线", "政务云", "三公经费", "信息化"]


FAILED: dict[str, int] = {}


def timed(client, url: str, **kw) -> float:
    """Milliseconds to answer `url`; an answer other than 200 (a query stopped at its time limit) is counted."""
    started = time.perf_counter()
    reply = client.get(url, **kw)
    if reply.status_code != 200:
        FAILED[url.split("?")[0]] = FAILED.get(url.split("?")[0], 0) + 1
    return (time.perf_counter() - started) * 1000


def chart_calls(department: str, tables: list[dict]) -> list[str]:
    """The /api/aggregate calls the department page's charts make for its latest document."""
    doc = tables[0]["doc"] if tables else None
    calls = [f"/api/aggregate?cut=department:{quote(department)}&cut=fact:expenditure_total&drilldown=year"
             f"&drilldown=phase&drilldown=scope&aggregate={how}" for how in ("max", "min")]
    for t in tables:
        if t["doc"] == doc and t["scheme"] == "functional":
            base = f"/api/aggregate?cut=document:{quote(doc)}&cut=scheme:functional&cut=table:{quote(t['table'])}&cut=column:{quote(t['column'])}"
            calls += [base + "&drilldown=code.class", base + "&drilldown=code.class&drilldown=code.section",
                      base + "&drilldown=code.class&drilldown=code.section&drilldown=code.item"]
    return calls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store")
    parser.add_argument("--store-kind", default="oxigraph")
    args = parser.parse_args()
    if args.store:
        store = open_store(args.store_kind, args.store, **({"read_only": True} if args.store_kind == "oxigraph" else {}))
    else:
        store = open_store("memory")
        for outcome in parse_paths([ROOT / "samples"]):
            if outcome.error is None:
                store.replace_graph(*record_to_graph(outcome.record))
    client = create_app({"STORE": store, "TESTING": True}).test_client()
    started = time.perf_counter()
    client.get("/")  # builds the lexicon and the documents once, as `govkg serve` does at start-up
    print(f"warm-up (lexicon, documents): {(time.perf_counter() - started) * 1000:.0f} ms")
    reply = json.loads(client.get("/api/ask?q=" + quote("知识库里有哪些部门")).data)
    departments = [a["uri"] for a in reply["answers"] if a.get("uri")]
    times: dict[str, list[float]] = {"department page": [], "chart data (per call)": [], "figures CSV": [],
                                     "entity as Turtle": [], "search (first builds the index)": []}
    from query_api.entities import main_tables

    for iri in departments:
        path = urlsplit(iri).path
        times["department page"].append(timed(client, path))
        for call in chart_calls(iri, main_tables(store, iri)):
            times["chart data (per call)"].append(timed(client, call))
        times["figures CSV"].append(timed(client, f"/api/observations?department={quote(iri)}&format=csv"))
        times["entity as Turtle"].append(timed(client, path, headers={"Accept": "text/turtle"}))
    for q in SEARCHES:
        times["search (first builds the index)"].append(timed(client, "/api/search?q=" + quote(q)))
    print(f"{len(departments)} departments, {len(store.graphs())} graphs, {store.triple_count()} triples")
    for name, values in times.items():
        if values:
            print(f"{name:34s} n={len(values):3d}  median {statistics.median(values):7.0f} ms   max {max(values):7.0f} ms")
    for route, n in FAILED.items():
        print(f"{route}: {n} answers other than 200 (stopped at the time limit)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
