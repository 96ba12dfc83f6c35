"""`govkg ask` from a cold process: wall-clock and CPU seconds of each run, the first one building and
saving the question layer's knowledge (query_api.knowledge_cache), the later ones reading it.

    .venv/bin/python benchmarks/ask_cold.py --store /tmp/qa-store [--runs 4] ["问题"]

CPU seconds matter on a busy machine: wall-clock there includes waiting for a core.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--store", required=True, help="an oxigraph store directory (e.g. made by govkg ingest)")
    p.add_argument("--runs", type=int, default=4)
    p.add_argument("question", nargs="?", default="有哪些部门")
    args = p.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GOVKG_CACHE": tempfile.mkdtemp(prefix="govkg-cache-")}
    command = [sys.executable, "-m", "govkg.cli", "ask", "--store", args.store, args.question]
    for run in range(args.runs):
        before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        label = "build + save knowledge" if run == 0 else "knowledge from disk"
        print(f"run {run + 1} ({label}): {time.perf_counter() - started:.2f} s wall, {cpu:.2f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
