"""CPU a document costs `govkg ingest`'s parsing processes besides its parsing: the mapping to the graph's
N-Quads (ingest.rdf.record_to_described), the description made of them (graph_store.shared.description_of),
and each kind of row the service keeps of it (query_api.prepare.read_rows), in milliseconds of CPU a document
(this process's, all its threads), the documents parsed beforehand and not counted.

    .venv/bin/python benchmarks/rows_cpu.py CORPUS [--documents 100] [--rounds 1]

CORPUS: a folder of .txt documents (benchmarks/multiply_corpus.py's, or the real corpus). With --rounds N each
figure is the least of N rounds (the machine's other load only adds).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph_store.shared import description_of  # noqa: E402
from ingest.parse import parse_parts, read_document  # noqa: E402
from ingest.rdf import record_to_described  # noqa: E402
from query_api import topic_store  # noqa: E402
from query_api.answering import candidates, summaries  # noqa: E402
from query_api.ask import documents_rows_of, lexicon_rows  # noqa: E402
from query_api.search_entries import hits_of  # noqa: E402

STEPS = ("map", "describe", "search", "lexicon", "texts", "summaries", "topics", "documents")


def one_round(records: list) -> dict[str, float]:
    spent = dict.fromkeys(STEPS, 0.0)
    for record in records:
        clock = time.process_time()

        def step(name: str) -> None:
            nonlocal clock
            now = time.process_time()
            spent[name] += now - clock
            clock = now

        document, lines = record_to_described(record)
        step("map")
        view = description_of(document, lines)
        step("describe")
        hits_of(view)
        step("search")
        lexicon_rows(view)
        step("lexicon")
        candidates.read_rows(view)
        step("texts")
        summaries.document_rows(None, document.iri, view)
        step("summaries")
        topic_store.texts(view, document.iri)
        step("topics")
        documents_rows_of(view)
        step("documents")
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.txt"))[:args.documents]
    if not files:
        print(f"rows_cpu: no .txt documents in {args.corpus}", file=sys.stderr)
        return 1
    records = [parse_parts([read_document(f)]) for f in files]
    one_round(records[:3])  # imports and first-use caches, not counted
    best = dict.fromkeys(STEPS, float("inf"))
    for _ in range(args.rounds):
        for name, seconds in one_round(records).items():
            best[name] = min(best[name], seconds)
    per = {name: seconds / len(records) * 1000 for name, seconds in best.items()}
    print(f"{len(records)} documents, ms of CPU a document:")
    for name in STEPS:
        print(f"  {name:10s} {per[name]:7.1f}")
    print(f"  {'total':10s} {sum(per.values()):7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
