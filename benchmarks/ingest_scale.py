"""Ingest at the store's speed: `govkg ingest` of a corpus against pyoxigraph's bulk_load of the quads it
wrote, and a re-ingest of one document into that store against one into an empty store (issue 10's ingest
acceptance; bench_scale.py measures the same among everything else).

    .venv/bin/python benchmarks/ingest_scale.py CORPUS [--jobs 2] [--work DIR] [--store DIR] [--rounds N]

CORPUS: a folder from benchmarks/multiply_corpus.py. `--store DIR`: a store that already holds CORPUS
(copied, never written): only the re-ingests are measured. `--rounds N`: N re-ingests, each of a new version
of the document (each merged into the state the one before left), each beside one into a fresh empty store.
Prints wall and CPU seconds (the `govkg ingest` process's user + system) and their ratios.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_scale import bulk_load_seconds, new_version, timed  # noqa: E402
from benchmarks.scale_server import GOVKG  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--work", type=Path)
    parser.add_argument("--store", type=Path, help="a store of CORPUS made already (copied)")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="ingest-scale-"))
    env = dict(os.environ)
    store = work / "store"
    shutil.rmtree(store, ignore_errors=True)
    documents = sum(1 for p in args.corpus.iterdir() if p.is_file())
    if args.store:
        shutil.copytree(args.store, store)
    else:
        ingest = timed([*GOVKG, "ingest", str(args.corpus), "--store", str(store), "--jobs", args.jobs], env)
        data = work / "quads.nq"
        timed([*GOVKG, "export", "--format", "nq", "-o", str(data), "--store", str(store)], env)
        bulk, quads = bulk_load_seconds(data, work / "bulk")
        data.unlink()
        print(f"{documents} documents, {quads} quads: govkg ingest {ingest:.1f} s, bulk_load {bulk:.1f} s "
              f"({ingest / bulk:.2f}×)", flush=True)
    edited = new_version(args.corpus, work)
    original = edited.read_text(encoding="utf-8")
    for round_ in range(1, args.rounds + 1):
        edited.write_text(f"{original}（第{round_}次更新）\n", encoding="utf-8")  # a new version each round
        here = cpu_timed([*GOVKG, "ingest", str(edited), "--store", str(store), "--jobs", args.jobs], env)
        empty = work / "empty"
        shutil.rmtree(empty, ignore_errors=True)
        alone = cpu_timed([*GOVKG, "ingest", str(edited), "--store", str(empty), "--jobs", args.jobs], env)
        print(f"round {round_}, re-ingest one document: this store {here[0]:.2f} s wall / {here[1]:.2f} s CPU, "
              f"an empty one {alone[0]:.2f} s / {alone[1]:.2f} s ({here[0] / alone[0]:.2f}× wall, "
              f"{here[1] / alone[1]:.2f}× CPU; load average {os.getloadavg()[0]:.1f})", flush=True)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def cpu_timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, of the command and its children) of running `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(cmd, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


if __name__ == "__main__":
    sys.exit(main())
