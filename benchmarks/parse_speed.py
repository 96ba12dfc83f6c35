"""How long parsing takes, in ms per document: `python benchmarks/parse_speed.py [FILES or DIRS...]`.

Without arguments it times the bundled samples and, when ../shared is beside the repo, the
Guangdong-family text documents of ../shared/corpus. Reading the file (decoding) and parsing the
text into a record are timed apart; each figure is the median of several runs.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest.parse import expand_paths, parse_document  # noqa: E402
from ingest.reader import read_document  # noqa: E402

RUNS = 15


def default_paths() -> list[Path]:
    paths = sorted((REPO / "samples").glob("*.txt"))
    shared = Path(os.environ.get("GOVKG_SHARED", REPO.parent / "shared")) / "corpus"
    return paths + sorted(shared.glob("*.txt"))


def median_ms(action, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    paths = expand_paths(argv) if argv else default_paths()
    if not paths:
        print("no documents to time", file=sys.stderr)
        return 1
    print(f"{'document':44} {'KB':>6} {'read ms':>8} {'parse ms':>9}")
    for path in paths:
        read_ms = median_ms(lambda p=path: read_document(p))
        doc = read_document(path)
        parse_ms = median_ms(lambda d=doc: parse_document(d))
        print(f"{path.name[:44]:44} {path.stat().st_size / 1024:6.1f} {read_ms:8.2f} {parse_ms:9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
