"""Dump every document's record, as `govkg parse --json` prints it, to check that a change to the parsers
leaves the records byte-identical: `python benchmarks/parse_digest.py OUT PATH...`.

Each PATH (a file or a folder, read as `govkg parse` reads it: the parts of one publication joined) gives
one file per outcome in OUT, named after the folder and the file: the record's JSON, or the error. Run it
with the code before a change (`PYTHONPATH=/path/to/main`) and after, then `diff -r BEFORE AFTER`. It also
prints the CPU seconds parsing took, text and PDF apart.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))  # after PYTHONPATH, so the code compared can be another checkout's

from ingest.parse import parse_paths  # noqa: E402


def dump(out: Path, path: Path) -> tuple[int, float, int, float]:
    """Write the outcomes of `path`; (text documents, their CPU s, PDFs, their CPU s)."""
    counts = {False: [0, 0.0], True: [0, 0.0]}
    outcomes = parse_paths([path])
    while True:
        start = time.process_time()
        outcome = next(outcomes, None)
        spent = time.process_time() - start
        if outcome is None:
            break
        is_pdf = outcome.path.suffix.lower() == ".pdf"
        counts[is_pdf][0] += 1
        counts[is_pdf][1] += spent
        name = f"{outcome.path.parent.name}__{outcome.path.name}.json"
        if outcome.record is not None:
            text = json.dumps(outcome.record.to_json(), ensure_ascii=False, indent=1)
        else:
            text = f"error: {outcome.error}"
        (out / name).write_text(text + "\n", encoding="utf-8")
    return counts[False][0], counts[False][1], counts[True][0], counts[True][1]


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    texts = pdfs = 0
    text_cpu = pdf_cpu = 0.0
    for path in map(Path, argv[1:]):
        t, tc, p, pc = dump(out, path)
        texts, text_cpu, pdfs, pdf_cpu = texts + t, text_cpu + tc, pdfs + p, pdf_cpu + pc
    if texts:
        print(f"text: {texts} documents, {text_cpu:.1f} s CPU, {1000 * text_cpu / texts:.1f} ms a document")
    if pdfs:
        print(f"pdf:  {pdfs} documents, {pdf_cpu:.1f} s CPU, {1000 * pdf_cpu / pdfs:.0f} ms a document")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
