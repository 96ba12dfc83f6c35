"""What `govkg ingest`'s bulk loads cost as the store grows: the document graphs of an export (`govkg export -f nq`),
copied K times under other graph names, loaded into a new oxigraph store by `OxigraphStore.write_new` (the marks,
one pyoxigraph bulk_load, the shared statements, versions and generation) in loads of about N quads each — or, with
`--then-all M`, M such loads and then the rest in one — against one pyoxigraph bulk_load of all of them into an empty
store: CPU seconds of this process (every thread: RocksDB's compactions run in threads of their own).

    .venv/bin/python benchmarks/bulk_batches.py QUADS.nq [--copies 10] [--batch 200000] [--then-all M] [--per-load]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox  # noqa: E402

from graph_store.oxigraph import OxigraphStore  # noqa: E402
from ontology.ledger import DocumentGraph  # noqa: E402


def documents(export: Path, copies: int) -> list[DocumentGraph]:
    """The document graphs of `export` (its graphs named …/graph/…), `copies` times, each copy's graphs renamed."""
    graphs: dict[bytes, list[bytes]] = defaultdict(list)
    with export.open("rb") as lines:
        for line in lines:
            end = line.rstrip()[:-1].rstrip()  # the quad without " ."
            graphs[end[end.rfind(b" <") + 1:]].append(line)
    made = []
    for copy in range(copies):
        for name, lines in graphs.items():
            if b"/graph/" in name:
                renamed = name[:-1] + b"c%d>" % copy
                made.append(DocumentGraph(renamed[1:-1].decode(), b"".join(q.replace(name, renamed) for q in lines),
                                          b"", len(lines), None, ""))
    return made


def in_loads(docs: list[DocumentGraph], batch: int, then_all: int | None, per_load: bool, folder: Path) -> float:
    """CPU seconds of writing `docs` by write_new in loads of about `batch` quads (the rest in one after `then_all`)."""
    store = OxigraphStore(folder)
    started, pending, quads, loads = time.process_time(), [], 0, 0

    def load() -> None:
        nonlocal pending, quads, loads
        clock = time.process_time()
        store.write_new(pending)
        loads += 1
        if per_load:
            print(f"  load {loads}: {quads} quads, {time.process_time() - clock:.2f} s CPU", flush=True)
        pending, quads = [], 0

    for doc in docs:
        pending.append(doc)
        quads += len(doc)
        if quads >= batch and (then_all is None or loads < then_all):
            load()
    if pending:
        load()
    store.close()
    return time.process_time() - started


def at_once(docs: list[DocumentGraph], folder: Path) -> float:
    store = ox.Store(str(folder))
    started = time.process_time()
    store.bulk_load(input=b"".join(d.own for d in docs), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", type=Path, metavar="QUADS.nq")
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--batch", type=int, default=200_000, help="quads a load (govkg ingest's BATCH_QUADS)")
    parser.add_argument("--then-all", type=int, metavar="M", help="M loads of --batch, then the rest in one")
    parser.add_argument("--per-load", action="store_true", help="print each load's CPU")
    args = parser.parse_args(argv)
    docs = documents(args.export, args.copies)
    total = sum(map(len, docs))
    work = Path(tempfile.mkdtemp(prefix="bulk-batches-"))
    try:
        loads = in_loads(docs, args.batch, args.then_all, args.per_load, work / "loads")
        one = at_once(docs, work / "once")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    how = f"loads of {args.batch}" + (f", the rest in one after {args.then_all}" if args.then_all is not None else "")
    print(f"{len(docs)} documents, {total} quads: write_new in {how}: {loads:.1f} s CPU; one bulk_load: {one:.1f} s "
          f"CPU ({loads / one:.2f}×)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
