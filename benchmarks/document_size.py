"""How large real documents are, and what a large one costs to ingest:
`python benchmarks/document_size.py [FILES or DIRS...]`.

First, per document (the samples and, when ../shared is beside the repo, both corpora): pages,
lines, characters, records (line items + programs + indicators + facts) and triples, against the
limits of `ingest.limits`. Then a synthetic document (the bundled budget repeated) at a quarter,
half and all of the record limit, parsed, mapped and stored in a fresh on-disk store, each in a
process of its own: seconds and peak memory (MB).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest import limits  # noqa: E402
from ingest.errors import IngestError  # noqa: E402
from ingest.parse import expand_paths, parse_document  # noqa: E402
from ingest.rdf import record_to_graph  # noqa: E402
from ingest.reader import read_document  # noqa: E402

SAMPLE = REPO / "samples" / "haizhou_data_2025_budget.txt"


def default_paths() -> list[Path]:
    shared = Path(os.environ.get("GOVKG_SHARED", REPO.parent / "shared"))
    return [REPO / "samples", *(p for p in (shared / "corpus", shared / "corpus-national") if p.is_dir())]


def sizes(path: Path) -> tuple[int, int, int, int, int]:
    doc = read_document(path)
    record = parse_document(doc)
    pages = max((line.page or 0) for line in doc.lines)
    records = len(record.line_items) + len(record.programs) + len(record.indicators) + len(record.facts)
    return pages, len(doc.lines), sum(len(line.text) for line in doc.lines), records, len(record_to_graph(record)[1])


def ingest_once(path: str, store: str) -> None:
    """Child process: ingest one file, print seconds and peak memory."""
    from govkg.cli import main

    start = time.perf_counter()
    main(["ingest", path, "--store", store])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{time.perf_counter() - start:.1f} {peak:.0f}")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        ingest_once(argv[1], argv[2])
        return 0
    largest = [0] * 5
    print(f"{'document':44} {'pages':>6} {'lines':>7} {'chars':>9} {'records':>8} {'triples':>8}")
    for path in expand_paths(argv or default_paths()):
        try:
            row = sizes(path)
        except IngestError as exc:
            print(f"{path.name[:44]:44} refused: {exc.reason}")
            continue
        largest = [max(a, b) for a, b in zip(largest, row, strict=True)]
        print(f"{path.name[:44]:44} " + " ".join(f"{n:>{w}}" for n, w in zip(row, (6, 7, 9, 8, 8), strict=True)))
    print(f"{'largest':44} " + " ".join(f"{n:>{w}}" for n, w in zip(largest, (6, 7, 9, 8, 8), strict=True)))
    print(f"{'limits':44} {limits.MAX_PAGES:>6} {limits.MAX_LINES:>7} {limits.MAX_CHARACTERS:>9} "
          f"{limits.MAX_RECORDS:>8}")
    text = SAMPLE.read_text(encoding="utf-8")
    per_copy = sizes(SAMPLE)[3]
    print("\nsynthetic documents (the sample budget repeated), parse + map + store in a fresh process:")
    with tempfile.TemporaryDirectory() as tmp:
        for share in (0.25, 0.5, 0.95):
            copies = int(limits.MAX_RECORDS * share / per_copy)
            path = Path(tmp) / f"x{copies}.txt"
            path.write_text(text * copies, encoding="utf-8")
            out = subprocess.run([sys.executable, __file__, "--child", str(path), f"{tmp}/store{copies}"],
                                 capture_output=True, text=True, check=False).stdout.split()
            seconds, mb = (out + ["?", "?"])[:2]
            print(f"  {copies * per_copy:>6} records  {path.stat().st_size / 1e6:5.1f} MB text  {seconds:>6} s  {mb:>6} MB peak")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
