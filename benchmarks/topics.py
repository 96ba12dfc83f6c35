"""Finding things by meaning, timed on a store: what the topic index costs to make (the first topic question
of a store state pays it), what a word's related words cost the first time (then kept), a phrase near a
topic, a word's long forms (`abbreviated`, through the clauses' char postings), and the programs a topic
names otherwise (a resembling name, a description: what every topic question of four characters or more
adds, `answering.candidates.by_meaning`). The words tried are the store's own: the two- and three-character
words of its program names, and its program names with their last characters left out.

    .venv/bin/python benchmarks/topics.py --store /tmp/qa-store [--store-kind oxigraph] [--words 40]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph_store.registry import open_store  # noqa: E402
from query_api import topic_store  # noqa: E402
from query_api.answering import candidates  # noqa: E402
from query_api.ask import knowledge_for  # noqa: E402
from query_api.char_postings import CharPostings  # noqa: E402


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _timed(fn, items) -> list[float]:
    out = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        out.append(_ms(started))
    return out


def _summary(name: str, times: list[float]) -> None:
    if times:
        times = sorted(times)
        print(f"{name}: n={len(times)} p50 {statistics.median(times):.1f} ms, "
              f"p95 {times[int(0.95 * (len(times) - 1))]:.1f} ms, max {times[-1]:.1f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", required=True)
    ap.add_argument("--store-kind", default="oxigraph")
    ap.add_argument("--words", type=int, default=40)
    args = ap.parse_args()
    store = open_store(args.store_kind, args.store)
    started = time.perf_counter()
    lexicon = knowledge_for(store).lexicon
    print(f"store: {len(store.graph_versions())} document graphs, {len(lexicon.entries)} entries; "
          f"knowledge {_ms(started):.0f} ms")
    started = time.perf_counter()
    index = topic_store.index_for(store, lexicon)
    print(f"topic index: {_ms(started):.0f} ms ({len(index.clauses)} clauses, {len(index.learned)} learned synonyms)")
    names = sorted({e.label for e in lexicon.entries if e.kind == "program"})
    words = sorted({w for n in names for w in lexicon.tokens(n) if 2 <= len(w) <= 3 and not w.isdigit()})
    words = words[:: max(1, len(words) // args.words)][: args.words]
    _summary("related(word), first time", _timed(index.related, words))
    _summary("related(word), again", _timed(index.related, words))
    # a word's long forms, from the clauses holding its characters (never kept: each call looks again)
    _summary("abbreviated(word)", _timed(index.abbreviated, words))
    started = time.perf_counter()
    CharPostings(index.clauses)
    print(f"char postings of the clauses (made with the index): {_ms(started):.0f} ms")
    phrases = [n[:-2] for n in names[:: max(1, len(names) // args.words)][: args.words] if len(n) > 6]
    _summary("near(topic)", _timed(index.near, phrases))
    started = time.perf_counter()
    texts = candidates.index_for(store)
    print(f"text index (candidates): {_ms(started):.0f} ms ({len(texts._keys)} distinct texts)")
    # a topic as people type it: a name's words with one character changed, and the names' own words
    typed = [p[:len(p) // 2] + "甲" + p[len(p) // 2 + 1:] for p in phrases] + [w for w in words if len(w) >= 4]
    found = [len(candidates.by_meaning(texts, t, [[t]])) for t in typed]
    _summary("by_meaning(topic)", _timed(lambda t: candidates.by_meaning(texts, t, [[t]]), typed))
    print(f"by_meaning: {sum(1 for n in found if n)} of {len(typed)} topics find programs, {max(found, default=0)} at most")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
