"""benchmarks/ingest_scale.py runs on the bundled samples and prints both ingests against bulk_load: every
record parsed, and into a new store with the records read from the record cache, saying what it read back; govkg
run as an installed package runs, its bytecode compiled once (into the work folder's PYTHONPYCACHEPREFIX), even
where the environment sets PYTHONDONTWRITEBYTECODE."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_ingest_scale_prints_the_first_ingest_and_the_one_with_the_records_cached(samples_dir, tmp_path):
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "ingest_scale.py"), str(samples_dir),
                           "--ingest-only", "--work", str(tmp_path)], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"})
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip().splitlines()[-1]
    assert line.startswith("samples: 3 documents") and "every record parsed" in line
    assert "the records read from the record cache" in line and line.count("× wall") == 2
    assert "it read back: 0 failed, 3 parsed before: read from the record cache (3 mapped, with their rows, before)" \
        in line
    assert done.stdout.startswith("govkg's modules: bytecode compiled once")
    compiled = {p.name.split(".")[0] for p in (tmp_path / "pycache").rglob("*.pyc")}
    assert {"cli", "store_commands", "prepare", "guangdong", "record_cache"} <= compiled
    assert not any(tmp_path.glob("warm-*"))  # the warming's store and cache are gone
