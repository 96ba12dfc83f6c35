"""Ingest at the store's speed: `govkg ingest` of each corpus against pyoxigraph's bulk_load of the quads it
wrote, wall and CPU seconds side by side — first with every record parsed, then into a new store with the
records read from the record cache (a rebuild of a store from the same files) — and a re-ingest of one document
into the last store against one into an empty store (issue 10's ingest acceptance; bench_scale.py measures the
same among everything else).

    .venv/bin/python benchmarks/ingest_scale.py CORPUS... [--jobs 2] [--work DIR] [--store DIR [--cache DIR]]
                                                [--ingest-only] [--rounds N]
    .venv/bin/python benchmarks/ingest_scale.py CORPUS --sparql URL --base-iri IRI [--catalog IRI] [--server-pid PID]
                                                [--cache DIR] [--rounds N]

CORPUS: a folder of documents (benchmarks/multiply_corpus.py's, or the real corpus: its subfolders are read
too, as `govkg ingest` reads them). `--store DIR`: a store that already holds the (one) CORPUS (copied,
never written): only the re-ingests are measured; `--cache DIR`: the GOVKG_CACHE it was prepared with (copied
too; without it the first round makes every merged state from nothing). `--rounds N`: N re-ingests, each of
a new version of the document (each merged into the state the one before left), each beside one into a fresh
empty store. CPU seconds: the ingest's processes (its parsing processes included); bulk_load's threads. Every
run keeps its service files in a GOVKG_CACHE of its own.

`--sparql URL`: the stores are on that SPARQL server (the `sparql` backend): `--base-iri IRI` names the store that
holds CORPUS and `--catalog IRI` its catalog (default: the base IRI + `catalog`), as `GOVKG_BASE_IRI` and
`GOVKG_SPARQL_CATALOG` made it (with `--cache` its GOVKG_CACHE); each round's empty store gets IRIs of its own,
dropped afterwards. `--server-pid PID`: the
server's CPU seconds during each re-ingest are printed too (where a SPARQL store spends its time).

`govkg` runs as an installed package runs: its modules' bytecode compiled once, into a PYTHONPYCACHEPREFIX of the
work folder's own (PYTHONDONTWRITEBYTECODE unset for it), warmed by ingesting one file of each kind of the first
CORPUS twice (parsed, then read back) before anything is timed. `--from-source`: as the environment says instead
(a machine setting PYTHONDONTWRITEBYTECODE, as the one these figures were first measured on, has every process
compile every module it imports from source: 0.2-0.3 s of CPU each, which no user's installed package pays).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_scale import drop_sparql_store, new_version, run, server_cpu, store_beside  # noqa: E402
from benchmarks.scale_server import GOVKG  # noqa: E402
from ingest.parse import expand_paths  # noqa: E402


def _cpu(who: int) -> float:
    used = resource.getrusage(who)
    return used.ru_utime + used.ru_stime


def timed(cmd: list[str], env: dict, whole: bool = False, said: list[str] | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of a command and the processes it waited for. `whole`: every document must have been
    stored (a re-ingest that failed is no figure). `said`: given what the ingest said of what it read back
    (records parsed before, and mapped before: the parenthesis of its last line)."""
    cpu, started = _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
    done = run(cmd, env)
    if whole and done.returncode:
        raise SystemExit(f"ingest_scale: {' '.join(cmd)} stored not every document:\n{done.stderr[-2000:]}")
    if said is not None:
        last = ([line for line in done.stderr.splitlines() if line.startswith("ingested ")] or [""])[-1]
        said.append(last[last.find("(") + 1:last.find(") in ")] if ") in " in last else last)
    return time.perf_counter() - started, _cpu(resource.RUSAGE_CHILDREN) - cpu


def bulk_load(data: Path, scratch: Path) -> tuple[float, float, int]:
    """(wall, CPU, quads) of pyoxigraph's bulk_load of `data` into a new store, flushed: the store's own speed."""
    import pyoxigraph as ox

    target = ox.Store(str(scratch))
    cpu, started = _cpu(resource.RUSAGE_SELF), time.perf_counter()
    target.bulk_load(path=data, format=ox.RdfFormat.N_QUADS)
    target.flush()
    wall, cpu = time.perf_counter() - started, _cpu(resource.RUSAGE_SELF) - cpu
    count = len(target)
    del target
    shutil.rmtree(scratch, ignore_errors=True)
    return wall, cpu, count


class Place:
    """Where a store is: a folder (oxigraph), or IRIs of their own on a SPARQL server."""

    def __init__(self, sparql: str | None, base_iri: str | None, folder: Path, catalog: str | None = None):
        self.sparql, self.base, self.folder = sparql, base_iri, folder
        self.catalog = catalog or f"{base_iri}catalog"

    def args(self) -> list[str]:
        return ["--store-kind", "sparql", "--store", self.sparql] if self.sparql else ["--store", str(self.folder)]

    def env(self, env: dict) -> dict:
        return dict(env, GOVKG_BASE_IRI=self.base, GOVKG_SPARQL_CATALOG=self.catalog) if self.sparql else env

    def empty(self, name: str) -> Place:
        """A new empty store beside this one."""
        if self.sparql:
            return Place(self.sparql, store_beside(self.base, name), self.folder)
        shutil.rmtree(self.folder.parent / name, ignore_errors=True)
        return Place(None, None, self.folder.parent / name)

    def drop(self) -> None:
        if self.sparql:
            drop_sparql_store(self.sparql, self.catalog)
        else:
            shutil.rmtree(self.folder, ignore_errors=True)


def installed(env: dict, work: Path, corpus: Path, jobs: str) -> dict:
    """`env` for `govkg` run with its bytecode compiled once (module docstring), warmed: one file of each kind of
    `corpus` ingested, then ingested again (read back from the record cache), so every module either path imports
    is compiled before a timing."""
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    kinds: dict[str, Path] = {}
    for path in expand_paths([corpus]):
        kinds.setdefault(path.suffix.lower(), path)
    warm = dict(env, GOVKG_CACHE=str(work / "warm-cache"))
    for store in ("warm-store", "warm-again"):
        run([*GOVKG, "ingest", *map(str, kinds.values()), "--store", str(work / store), "--jobs", jobs], warm)
    for scratch in ("warm-cache", "warm-store", "warm-again"):
        shutil.rmtree(work / scratch, ignore_errors=True)
    return env


def ingest_against_bulk_load(corpus: Path, store: Path, work: Path, jobs: str, env: dict) -> None:
    """`govkg ingest` of `corpus` into an empty store, every record parsed, then again into another empty store
    with a service cache holding only the records the first kept, and what it made of them beside them
    (ingest.record_cache: what a rebuild of a store from the same files costs; what it read back is printed),
    each against pyoxigraph's bulk_load of the quads the first wrote."""
    documents = len(expand_paths([corpus]))
    load = os.getloadavg()[0]
    wall, cpu = timed([*GOVKG, "ingest", str(corpus), "--store", str(store), "--jobs", jobs], env)
    data = work / "quads.nq"
    run([*GOVKG, "export", "--format", "nq", "-o", str(data), "--store", str(store)], env)
    bulk_wall, bulk_cpu, quads = bulk_load(data, work / "bulk")
    data.unlink()
    again, cache = work / "store-again", work / "cache-again"
    for scratch in (again, cache):
        shutil.rmtree(scratch, ignore_errors=True)
    if (Path(env["GOVKG_CACHE"]) / "records").is_dir():  # a govkg before the record cache: ingested twice alike
        shutil.copytree(Path(env["GOVKG_CACHE"]) / "records", cache / "records")
    said: list[str] = []
    warm_wall, warm_cpu = timed([*GOVKG, "ingest", str(corpus), "--store", str(again), "--jobs", jobs],
                                dict(env, GOVKG_CACHE=str(cache)), True, said)
    for scratch in (again, cache):
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{corpus.name}: {documents} documents, {quads} quads: bulk_load {bulk_wall:.1f} s ({bulk_cpu:.1f} s CPU); "
          f"govkg ingest, every record parsed, {wall:.1f} s ({cpu:.1f} s CPU): {wall / bulk_wall:.2f}× wall, "
          f"{cpu / bulk_cpu:.2f}× CPU; into a new store, the records read from the record cache, {warm_wall:.1f} s "
          f"({warm_cpu:.1f} s CPU; it read back: {said[0]}): {warm_wall / bulk_wall:.2f}× wall, "
          f"{warm_cpu / bulk_cpu:.2f}× CPU (load average "
          f"{load:.1f} → {os.getloadavg()[0]:.1f})", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path, nargs="+", metavar="CORPUS")
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--work", type=Path)
    parser.add_argument("--store", type=Path, help="a store of the one CORPUS made already (copied)")
    parser.add_argument("--cache", type=Path, help="the GOVKG_CACHE --store was prepared with (copied): without "
                        "it the first round makes every merged state from nothing")
    parser.add_argument("--ingest-only", action="store_true", help="no re-ingest of one document")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--sparql", metavar="URL", help="the stores are on this SPARQL server (needs --base-iri)")
    parser.add_argument("--base-iri", help="with --sparql: the IRIs of the store that holds CORPUS")
    parser.add_argument("--catalog", help="with --sparql: that store's catalog IRI (default: --base-iri + catalog)")
    parser.add_argument("--server-pid", type=int, help="the SPARQL server's process: its CPU seconds are printed")
    parser.add_argument("--from-source", action="store_true", help="run govkg as the environment says (with "
                        "PYTHONDONTWRITEBYTECODE, every process compiles its modules), not with its bytecode compiled once")
    args = parser.parse_args(argv)
    if args.sparql and not args.base_iri:
        parser.error("--sparql needs --base-iri (the store holding CORPUS)")
    work = args.work or Path(tempfile.mkdtemp(prefix="ingest-scale-"))
    store = work / "store"
    place = Place(args.sparql, args.base_iri, store, args.catalog)
    environ = dict(os.environ) if args.from_source else installed(dict(os.environ), work, args.corpora[0], args.jobs)
    print(f"govkg's modules: {'as the environment says' if args.from_source else 'bytecode compiled once'} "
          f"(PYTHONDONTWRITEBYTECODE={environ.get('PYTHONDONTWRITEBYTECODE', '')!r}, "
          f"PYTHONPYCACHEPREFIX={environ.get('PYTHONPYCACHEPREFIX', '')!r})", flush=True)
    for n, corpus in enumerate(args.corpora):
        env = dict(environ, GOVKG_CACHE=str(work / f"cache{n}"))
        for scratch in (store, work / f"cache{n}"):
            shutil.rmtree(scratch, ignore_errors=True)
        if args.store and not args.sparql:
            shutil.copytree(args.store, store)
        if args.cache:
            shutil.copytree(args.cache, work / f"cache{n}")
        if not args.store and not args.sparql:  # a SPARQL store holds CORPUS already (no bulk_load to compare)
            ingest_against_bulk_load(corpus, store, work, args.jobs, env)
    if not args.ingest_only:
        edited = new_version(args.corpora[-1], work)
        original = edited.read_text(encoding="utf-8")
        for round_ in range(1, args.rounds + 1):
            edited.write_text(f"{original}（第{round_}次更新）\n", encoding="utf-8")  # a new version each round
            server = server_cpu(args.server_pid)
            here = timed([*GOVKG, "ingest", str(edited), *place.args(), "--jobs", args.jobs], place.env(env), True)
            server, empty = server_cpu(args.server_pid) - server, place.empty(f"empty{round_}")
            server_alone = server_cpu(args.server_pid)
            alone = timed([*GOVKG, "ingest", str(edited), *empty.args(), "--jobs", args.jobs],
                          empty.env(dict(env, GOVKG_CACHE=str(work / f"cache-empty{round_}"))), True)
            server_alone = server_cpu(args.server_pid) - server_alone
            empty.drop()
            on_server = (f"; the server's CPU {server:.2f} s / {server_alone:.2f} s ({server / server_alone:.2f}×)"
                         if args.server_pid else "")
            print(f"round {round_}, re-ingest one document: this store {here[0]:.2f} s wall / {here[1]:.2f} s CPU, "
                  f"an empty one {alone[0]:.2f} s / {alone[1]:.2f} s ({here[0] / alone[0]:.2f}× wall, "
                  f"{here[1] / alone[1]:.2f}× CPU{on_server}; load average {os.getloadavg()[0]:.1f})", flush=True)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
