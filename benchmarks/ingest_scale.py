"""Ingest at the store's speed: `govkg ingest` of a corpus against pyoxigraph's bulk_load of the quads it
wrote, and a re-ingest of one document into that store against one into an empty store (issue 10's ingest
acceptance; bench_scale.py measures the same among everything else).

    .venv/bin/python benchmarks/ingest_scale.py CORPUS [--jobs 2] [--work DIR] [--store DIR]

CORPUS: a folder from benchmarks/multiply_corpus.py. `--store DIR`: a store that already holds CORPUS
(copied, never written): only the re-ingests are measured. Prints seconds and ratios.
"""

from __future__ import annotations

import argparse
import os
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
    here = timed([*GOVKG, "ingest", str(edited), "--store", str(store), "--jobs", args.jobs], env)
    empty = work / "empty"
    shutil.rmtree(empty, ignore_errors=True)
    alone = timed([*GOVKG, "ingest", str(edited), "--store", str(empty), "--jobs", args.jobs], env)
    print(f"re-ingest one document: this store {here:.2f} s, an empty one {alone:.2f} s ({here / alone:.2f}×)")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
