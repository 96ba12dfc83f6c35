"""Ingest into a SPARQL server (the `sparql` backend, Virtuoso) against the server's own speed: `govkg ingest`
of a corpus (or a store made already) beside a Graph Store Protocol PUT of the same graphs' triples, wall and
CPU seconds (govkg's processes; Virtuoso's own with --server-pid), and a re-ingest of one document into that
store against one into an empty store on the same server (issue 10's ingest acceptance for the sparql backend).

    .venv/bin/python benchmarks/ingest_sparql.py --sparql http://127.0.0.1:5127/sparql \\
        --base https://x.example/s1000/ --cache /tmp/cache1000 [--server-pid PID] [--made] [--rounds N] CORPUS

A store is named by its GOVKG_BASE_IRI (`--base`), its catalog that IRI + "catalog" (as bench_scale and
ask_scale name them); `--cache` is its $GOVKG_CACHE (the one its ingest prepared: a re-ingest into it then
reads no other document). `--made`: the store holds CORPUS already; only the load and re-ingests are
measured. The raw load's graphs and the empty stores are dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_scale import Backend, new_version, run, server_cpu, store_beside  # noqa: E402
from benchmarks.ingest_scale import timed  # noqa: E402
from benchmarks.scale_server import GOVKG  # noqa: E402


class Server:
    """One SPARQL server and the stores on it, each by its base IRI."""

    def __init__(self, url: str, pid: int | None, work: Path):
        self.url, self.pid, self.work = url, pid, work

    def env(self, base: str, cache: Path) -> dict:
        return {**os.environ, "GOVKG_BASE_IRI": base, "GOVKG_SPARQL_CATALOG": f"{base}catalog",
                "GOVKG_CACHE": str(cache)}

    def ingest(self, paths: list[str], base: str, cache: Path) -> tuple[float, float, float]:
        """(wall, govkg's CPU, the server's CPU) seconds of `govkg ingest` of `paths` into the store `base`."""
        before = server_cpu(self.pid)
        wall, cpu = timed([*GOVKG, "ingest", "--store-kind", "sparql", "--store", self.url, *paths],
                          self.env(base, cache))
        return wall, cpu, server_cpu(self.pid) - before

    def raw_load(self, base: str, cache: Path, data: Path | None = None) -> tuple[float, float, int]:
        """(wall, the server's CPU, quads) of a PUT of each graph's triples of the store `base` as they are, or of
        the N-Quads file `data` (the same documents' quads from an oxigraph store: `govkg export` of a
        1,000-document sparql store reads it into memory, more than 20 min)."""
        made = data is None
        if made:
            data = self.work / "quads.nq"
            run([*GOVKG, "export", "--format", "nq", "--output", str(data), "--store-kind", "sparql", "--store",
                 self.url], self.env(base, cache))
        quads = sum(1 for _ in data.open("rb"))
        root, name = base.rstrip("/").rsplit("/", 1)
        before = server_cpu(self.pid)
        wall = Backend("sparql", self.work, self.url, f"{root}/{name}-").raw_load_seconds(data)
        if made:
            data.unlink()
        return wall, server_cpu(self.pid) - before, quads

    def drop(self, base: str) -> None:
        root, name = base.rstrip("/").rsplit("/", 1)
        Backend("sparql", self.work, self.url, f"{root}/").drop(name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sparql", required=True)
    parser.add_argument("--base", required=True, help="the store's GOVKG_BASE_IRI (ending in /)")
    parser.add_argument("--cache", type=Path, required=True, help="the store's $GOVKG_CACHE")
    parser.add_argument("--server-pid", type=int, help="the server's process, for its CPU seconds")
    parser.add_argument("--made", action="store_true", help="the store holds CORPUS already")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--quads", type=Path, help="the raw load's N-Quads (default: the store's, exported)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="ingest-sparql-"))
    server = Server(args.sparql, args.server_pid, work)
    if not args.made:
        load = os.getloadavg()[0]
        wall, cpu, served = server.ingest([str(args.corpus)], args.base, args.cache)
        print(f"govkg ingest {args.corpus.name}: {wall:.1f} s wall, {cpu:.1f} s CPU, the server {served:.1f} s CPU "
              f"(load average {load:.1f} → {os.getloadavg()[0]:.1f})", flush=True)
    load = os.getloadavg()[0]
    raw_wall, raw_cpu, quads = server.raw_load(args.base, args.cache, args.quads)
    print(f"raw load (a PUT of each graph of the store): {quads} quads, {raw_wall:.1f} s wall, the server "
          f"{raw_cpu:.1f} s CPU (load average {load:.1f} → {os.getloadavg()[0]:.1f})", flush=True)
    edited = new_version(args.corpus, work)
    original = edited.read_text(encoding="utf-8")
    for round_ in range(1, args.rounds + 1):
        edited.write_text(f"{original}（第{round_}次更新）\n", encoding="utf-8")  # a new version each round
        here = server.ingest([str(edited)], args.base, args.cache)
        empty = store_beside(args.base, f"empty{round_}")
        alone = server.ingest([str(edited)], empty, work / f"cache-empty{round_}")
        server.drop(empty)
        print(f"round {round_}, re-ingest one document: this store {here[0]:.2f} s wall / {here[1]:.2f} s CPU / "
              f"server {here[2]:.2f} s, an empty one {alone[0]:.2f} s / {alone[1]:.2f} s / {alone[2]:.2f} s "
              f"({here[0] / alone[0]:.2f}× wall; load average {os.getloadavg()[0]:.1f})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
