"""/api/path's first call on stores of several sizes, in-process: each store in a fresh process (nothing
read before), the five pairs serve_scale.py uses (a department, a program of another department) twice; per
store the first call's wall and CPU time, what it read (nodes, quads through `Store.links`, links counted
through `Store.link_counts` and the largest count) and the p50 of the calls after it; then the ratios of
the last store to the first. CPU time is given because a loaded machine stretches wall time, not CPU.

    .venv/bin/python benchmarks/path_first.py 8=/tmp/store8 1000=/tmp/store1000 [--json out.json]

The stores are opened read-only (copies of a store a server uses are not needed).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPARTMENTS = "SELECT DISTINCT ?d WHERE { ?d a <https://w3id.org/govkg/def#Department> } ORDER BY ?d LIMIT 5"
PROGRAMS = """SELECT DISTINCT ?p ?d WHERE { ?p a <https://w3id.org/govkg/def#Program> ;
  <https://w3id.org/govkg/def#department> ?d } ORDER BY ?p LIMIT 100"""


def measure(path: str) -> dict:
    """The figures of one store (run in a process of its own)."""
    sys.path.insert(0, str(ROOT))
    from graph_store import network
    from graph_store.registry import open_store

    store = open_store("oxigraph", path, read_only=True)
    programs = [(str(r.p), str(r.d)) for r in store.query(PROGRAMS)]
    pairs = [(str(r.d), next(p for p, d in programs if d != str(r.d))) for r in store.query(DEPARTMENTS)]
    read = {"quads": 0, "counted": 0, "largest": 0}
    links, link_counts = store.links, store.link_counts

    def counting_links(nodes, limit=None):
        found = list(links(nodes, limit))
        read["quads"] += len(found)
        return iter(found)

    def counting_counts(nodes):
        counts = link_counts(nodes)
        degrees = [sum(c.values()) for c in counts.values()]
        read["counted"] += sum(degrees)
        read["largest"] = max([read["largest"], *degrees])
        return counts

    store.links, store.link_counts = counting_links, counting_counts
    times = []
    for a, b in pairs * 2:
        started, cpu = time.perf_counter(), time.process_time()
        network.shortest_path(store, a, b, timeout=600)
        times.append((time.perf_counter() - started, time.process_time() - cpu))
        if len(times) == 1:
            first = {"first_s": times[0][0], "first_cpu_s": times[0][1], "quads_read": read["quads"],
                     "links_counted": read["counted"], "largest_count": read["largest"],
                     "nodes": max(len(k[1]._of) for k in network._kept.values())}
    return {**first, "then_p50_ms": statistics.median(t for t, _ in times[1:]) * 1000}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stores", nargs="+", help="NAME=PATH of an oxigraph store, smallest first")
    ap.add_argument("--json", default=None)
    ap.add_argument("--one", help=argparse.SUPPRESS)  # the child process: one store's figures as JSON
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return 0
    results = {}
    for item in args.stores:
        name, _, path = item.partition("=")
        out = subprocess.run([sys.executable, __file__, "--one", path, item], capture_output=True, text=True, check=True)
        results[name] = json.loads(out.stdout.strip().splitlines()[-1])
        f = results[name]
        print(f"{name}: first path {f['first_s']:.2f} s (CPU {f['first_cpu_s']:.2f} s): {f['nodes']} nodes, "
              f"{f['quads_read']} quads read, {f['links_counted']} links counted (largest {f['largest_count']}); "
              f"then p50 {f['then_p50_ms']:.0f} ms", flush=True)
    names = list(results)
    for name in names[1:]:
        a, b = results[names[0]], results[name]
        print(f"{name} vs {names[0]}: first path {b['first_s'] / a['first_s']:.1f}× wall, "
              f"{b['first_cpu_s'] / a['first_cpu_s']:.1f}× CPU; p50 after {b['then_p50_ms'] / a['then_p50_ms']:.1f}×")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
