"""How long parsing takes, in ms per document: `python benchmarks/parse_speed.py [FILES or DIRS...]`.

Without arguments it times the bundled samples and, when ../shared is beside the repo, the
Guangdong-family text documents of ../shared/corpus and the PDFs of ../shared/corpus/pdf and
../shared/corpus-national. Reading the file (decoding; for a PDF its text layer and ruled tables)
and parsing the text into a record are timed apart; each figure is the median of several runs.
A PDF is read twice: through pdfium (the default, `ingest.pdf_fast`) and through pdfplumber alone
(GOVKG_PDF_READER=pdfplumber, the reader before), so the two columns are the before and after.
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
    paths = sorted((REPO / "samples").glob("*.txt")) + sorted((REPO / "samples" / "pdf").glob("*.pdf"))
    shared = Path(os.environ.get("GOVKG_SHARED", REPO.parent / "shared"))
    return (paths + sorted((shared / "corpus").glob("*.txt")) + sorted((shared / "corpus" / "pdf").glob("*.pdf"))
            + sorted((shared / "corpus-national").glob("*.pdf")))


def slow_read_ms(path: Path) -> float:
    """Reading a PDF through pdfplumber alone (the reader before pdfium), for comparison."""
    os.environ["GOVKG_PDF_READER"] = "pdfplumber"
    try:
        return median_ms(lambda: read_document(path), runs=3)
    finally:
        del os.environ["GOVKG_PDF_READER"]


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
    print(f"{'document':44} {'KB':>6} {'pages':>5} {'read ms':>8} {'parse ms':>9} {'total ms':>9} {'pdfplumber read ms':>19}")
    totals, slow_totals = [], []
    for path in paths:
        pdf = path.suffix.lower() == ".pdf"
        runs = 5 if pdf else RUNS
        read_ms = median_ms(lambda p=path: read_document(p), runs)
        doc = read_document(path)
        parse_ms = median_ms(lambda d=doc: parse_document(d), runs)
        slow = slow_read_ms(path) if pdf else None
        if pdf:
            totals.append(read_ms + parse_ms)
            slow_totals.append(slow + parse_ms)
        print(f"{path.name[:44]:44} {path.stat().st_size / 1024:6.1f} {len(doc.pdf_pages) or '':>5} {read_ms:8.1f} "
              f"{parse_ms:9.1f} {read_ms + parse_ms:9.1f} {'' if slow is None else f'{slow:19.1f}'}")
    if totals:
        print(f"PDFs: median total {statistics.median(totals):.0f} ms with pdfium, "
              f"{statistics.median(slow_totals):.0f} ms with pdfplumber alone")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
