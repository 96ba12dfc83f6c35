"""Scale: issue 10's acceptance, measured in one run on stores of 8, ~100 and ~1,000 documents, on oxigraph
and on a SPARQL server (Virtuoso), printing the ratios of the largest store to the smallest.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 8,100,1000] [--backends oxigraph,sparql]
        [--sparql-sizes 8,100] [--sparql-url http://127.0.0.1:8890/sparql] [--load-seconds 30] [--port 5500]
        [--json bench_scale.json] [--work DIR]
    make bench-scale                        # all sizes;  make bench-scale SIZES=8,100  for a quicker run

Corpora come from benchmarks/multiply_corpus.py (the real corpus of ../shared — $GOVKG_SHARED — else the
bundled samples, and variants of its text documents that no dev question can meet). Per backend and size:
- ingest: `govkg ingest DIR` wall time, against pyoxigraph's bulk_load of the same quads (exported), and on
  the SPARQL server against a Graph Store Protocol PUT of each graph's triples (the server's own speed); and
  again into a new store with the records read from the record cache (every record parsed the first time);
- re-ingest of a new version of one document into this store and into an empty one (process included);
- serve start-up, first after the ingest (caches built) and again (caches loaded): until its first HTTP
  reply, and until its first answered question;
- /api/ask p50/p99 over the dev questions and how many are right (scored as ../shared/bin/score-qa);
- /api/search p50 over the same questions, and over ten words of the trade against a SPARQL CONTAINS scan of
  every label for the same words through /sparql (one run: the ratio is what the issue asks);
- 32 concurrent clients (each its own address, through X-Forwarded-For) for --load-seconds: requests, errors;
- server RSS with its query workers, after the load;
- a runaway SPARQL query: the reply at the server's time limit, the CPU it (and Virtuoso) used in the
  second after.
Progress goes to stdout as it runs, with an estimate of the time left; the figures also go to --json after
each store. On the SPARQL server the graphs are minted under --base-iri, listed in a catalog graph of
their own, and dropped before and after each store.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import scale_report  # noqa: E402
from benchmarks.multiply_corpus import default_sources, multiply  # noqa: E402
from benchmarks.scale_server import (  # noqa: E402
    GOVKG,
    ROOT,
    SHARED,
    Server,
    ask_all,
    load,
    questions,
    runaway,
    search_and_scan,
)

# Seconds per document before anything is measured (2 shared cores); replaced by what the run measures.
PRIOR_INGEST = {"oxigraph": 0.6, "sparql": 1.5}
FIXED_SECONDS = 150  # two start-ups, the questions, searches, scans, re-ingests, a runaway: about this


class Backend:
    """Where a store of one size lives, how govkg is pointed at it, and how it is emptied."""

    def __init__(self, kind: str, work: Path, sparql_url: str, base_iri: str):
        self.kind, self.work, self.url, self.base = kind, work, sparql_url, base_iri

    def args(self, name: str) -> list[str]:
        if self.kind == "sparql":
            return ["--store-kind", "sparql", "--store", self.url]
        return ["--store-kind", "oxigraph", "--store", str(self.work / f"store-{name}")]

    def env(self, name: str) -> dict:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "GOVKG_SHARED": str(SHARED),
               "GOVKG_CACHE": str(self.work / f"cache-{self.kind}-{name}")}
        if self.kind == "sparql":  # each store its own IRIs and catalog, so two never meet on the server
            env |= {"GOVKG_BASE_IRI": f"{self.base}{name}/", "GOVKG_SPARQL_CATALOG": f"{self.base}{name}/catalog"}
        return env

    def quads(self, name: str) -> Path:
        """The store's quads written to an N-Quads file (1,000 documents: ~1.5 GB, not held in memory)."""
        target = self.work / f"quads-{name}.nq"
        if self.kind == "oxigraph":
            ox.Store.read_only(str(self.work / f"store-{name}")).dump(target, format=ox.RdfFormat.N_QUADS)
        else:
            run([*GOVKG, "export", "--format", "nq", "--output", str(target), *self.args(name)], self.env(name))
        return target

    def raw_load_seconds(self, data: Path) -> float | None:
        """The SPARQL server's own speed: each graph's triples PUT as they are (None on oxigraph)."""
        if self.kind != "sparql":
            return None
        from graph_store.http import SparqlConnector

        connector, graphs = SparqlConnector(self.url), {}
        for quad in ox.parse(path=data, format=ox.RdfFormat.N_QUADS):
            if isinstance(quad.graph_name, ox.NamedNode):  # an oxigraph store's dump: its generation is in the default graph
                graphs.setdefault(quad.graph_name.value, []).append(f"{quad.triple} .\n")
        started = time.perf_counter()
        for i, lines in enumerate(graphs.values()):
            connector.put_graph(f"{self.base}raw/{i}", "".join(lines).encode("utf-8"))
        seconds = time.perf_counter() - started
        for i in range(len(graphs)):  # listed in no catalog: dropped one by one
            connector.update(f"DROP SILENT GRAPH <{self.base}raw/{i}>")
        return seconds

    def drop(self, name: str) -> None:
        """Remove a store: its directory, or every graph under its IRIs on the SPARQL server."""
        shutil.rmtree(self.work / f"store-{name}", ignore_errors=True)
        shutil.rmtree(self.work / f"cache-{self.kind}-{name}", ignore_errors=True)
        if self.kind == "sparql":
            drop_sparql_store(self.url, f"{self.base}{name}/catalog")


def drop_sparql_store(url: str, catalog: str) -> None:
    """Remove the store of `catalog` from the SPARQL server at `url`: the graphs its catalog lists, and its own."""
    from graph_store.sparql import SparqlStore

    # a scan of every graph on the server for the store's prefix read all its quads (8 M beside a
    # 1,000-document store) and met Virtuoso's transaction time-out
    store = SparqlStore(url, catalog=catalog)
    for graph in {*store.graphs(), store.union_graph, store.shared_graph, store.ontology_graph, store.catalog}:
        store.connector.update(f"DROP SILENT GRAPH <{graph}>")


def store_beside(base: str, name: str) -> str:
    """The base IRI of a store `name` beside the store `base` on the same SPARQL server (IRIs of its own)."""
    return f"{base.rstrip('/')}-{name}/"


def server_cpu(pid: int | None) -> float:
    """CPU seconds the server's process has used (0 without a pid)."""
    if not pid:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(cmd: list[str], env: dict) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: some documents failed, reported by the run itself
        raise SystemExit(f"bench_scale: {' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return done


def timed(cmd: list[str], env: dict) -> float:
    started = time.perf_counter()
    run(cmd, env)
    return time.perf_counter() - started


def bulk_load_seconds(data: Path, scratch: Path) -> tuple[float, int]:
    """pyoxigraph's bulk_load of the quads the store holds: the embedded store's own speed."""
    target = ox.Store(str(scratch))
    started = time.perf_counter()
    target.bulk_load(path=data, format=ox.RdfFormat.N_QUADS)
    target.flush()
    seconds = time.perf_counter() - started
    count = len(target)
    del target
    shutil.rmtree(scratch, ignore_errors=True)
    return seconds, count


# A classification code's notation and label, as the search and the charts join them: the layout's cost when
# document graphs restate shared things (k documents citing a code: k² rows), one row each when they do not.
SHARED_JOIN = ("SELECT {} WHERE {{ ?c <http://www.w3.org/2004/02/skos/core#notation> ?n ; "
               "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l }}")


def shared_copies(store: Path) -> tuple[int, int, float]:
    """(rows of the code-label join over the union of graphs, distinct rows, seconds of the union query)."""
    s = ox.Store.read_only(str(store))
    started = time.perf_counter()
    rows = sum(1 for _ in s.query(SHARED_JOIN.format("?c ?n ?l"), use_default_graph_as_union=True))
    seconds = time.perf_counter() - started
    distinct = sum(1 for _ in s.query(SHARED_JOIN.format("DISTINCT ?c ?n ?l"), use_default_graph_as_union=True))
    return rows, distinct, seconds


def new_version(corpus: Path, work: Path) -> Path:
    """A new version of one original text document (one line added at the end): re-ingesting it replaces
    the old one, as an edited file would."""
    one = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")[0]
    target = work / "edited" / one.name
    target.parent.mkdir(exist_ok=True)
    target.write_text(one.read_text(encoding="utf-8") + "\n（本文件已更新）\n", encoding="utf-8")
    return target


class Progress:
    def __init__(self, plan: list[tuple[str, int]], documents: dict[int, int], load_seconds: float):
        self.began, self.plan, self.documents, self.load_seconds = time.perf_counter(), plan, documents, load_seconds
        self.rate = dict(PRIOR_INGEST)

    def estimate(self, plan: list[tuple[str, int]]) -> float:
        return sum(self.documents[size] * self.rate[kind] * 1.3 + FIXED_SECONDS + self.load_seconds
                   for kind, size in plan)

    def say(self, kind: str, size: int, what: str) -> None:
        elapsed = time.perf_counter() - self.began
        print(f"[{time.strftime('%H:%M:%S')} +{elapsed / 60:.1f} min] {kind} {size}: {what}", flush=True)


def measure(backend: Backend, size: int, corpus: Path, cases: list, scorer, args, progress: Progress) -> dict:
    name, say = f"s{size}", lambda what: progress.say(backend.kind, size, what)
    row: dict = {"backend": backend.kind, "size": progress.documents[size], "clients": args.clients,
                 "load_seconds": args.load_seconds}
    backend.drop(name)
    say(f"ingesting {row['size']} documents")
    row["ingest"] = timed([*GOVKG, "ingest", str(corpus), *backend.args(name)], backend.env(name))
    progress.rate[backend.kind] = row["ingest"] / row["size"]
    say(f"ingested in {row['ingest']:.0f} s; exporting and bulk-loading the same quads")
    data = backend.quads(name)
    row["bulk_load"], row["quads"] = bulk_load_seconds(data, backend.work / "bulk")
    say("ingesting them again into a new store, their records read from the record cache")
    backend.drop("again")
    shutil.copytree(Path(backend.env(name)["GOVKG_CACHE"]) / "records", Path(backend.env("again")["GOVKG_CACHE"]) / "records")
    row["ingest_again"] = timed([*GOVKG, "ingest", str(corpus), *backend.args("again")], backend.env("again"))
    backend.drop("again")
    row["raw_load"] = backend.raw_load_seconds(data)
    data.unlink()
    if backend.kind == "oxigraph":
        row["join_rows"], row["join_distinct"], row["join_s"] = shared_copies(backend.work / f"store-{name}")
    say("re-ingesting one document here and into an empty store")
    edited = new_version(corpus, backend.work)
    row["reingest_big"] = timed([*GOVKG, "ingest", str(edited), *backend.args(name)], backend.env(name))
    backend.drop("empty")
    row["reingest_empty"] = timed([*GOVKG, "ingest", str(edited), *backend.args("empty")], backend.env("empty"))
    backend.drop("empty")
    for start in ("cold", "warm"):
        say(f"serving ({start} start)")
        server = Server(backend.args(name), args.port, backend.env(name), backend.work / f"serve-{backend.kind}-{name}.log")
        try:
            row[f"{start}_reply"], row[f"{start}_answer"] = server.first_reply, server.first_answer
            if start == "cold":
                say("asking the questions, searching, scanning")
                row |= ask_all(server, cases, scorer)
                row |= search_and_scan(server, cases)
                say(f"{args.clients} clients for {args.load_seconds:.0f} s")
                row |= load(server, cases, args.clients, args.load_seconds)
                row["rss_mb"] = server.rss_mb()
                say("a runaway query")
                row |= runaway(server, watch_store=backend.kind == "sparql")
        finally:
            server.stop()
    if not args.keep:
        backend.drop(name)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="8,100,1000", help="documents per store, comma-separated")
    ap.add_argument("--backends", default="oxigraph,sparql", help="oxigraph and/or sparql")
    ap.add_argument("--sparql-sizes", default="8,100", help="the sizes also measured on the SPARQL server")
    ap.add_argument("--sparql-url", default="http://127.0.0.1:8890/sparql", help="the SPARQL server (Virtuoso)")
    ap.add_argument("--base-iri", default="https://h10-bench.example/govkg/",
                    help="IRIs of the benchmark's graphs on the SPARQL server (all dropped afterwards)")
    ap.add_argument("--load-seconds", type=float, default=30.0, help="how long the clients ask")
    ap.add_argument("--clients", type=int, default=32, help="concurrent clients")
    ap.add_argument("--port", type=int, default=5500, help="the port of the servers started (127.0.0.1)")
    ap.add_argument("--json", type=Path, default=Path("bench_scale.json"), help="write the figures here")
    ap.add_argument("--work", type=Path, default=None, help="corpora and stores here (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the stores (oxigraph) after measuring")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    kinds = [k for k in args.backends.split(",") if k]
    plan = [(k, s) for k in kinds for s in sizes if k != "sparql" or str(s) in args.sparql_sizes.split(",")]
    if "sparql" in kinds and not reachable(args.sparql_url):
        print(f"bench_scale: no SPARQL server answers at {args.sparql_url}: measuring oxigraph only")
        plan = [(k, s) for k, s in plan if k != "sparql"]
    cases, scorer, scoring = questions()
    print(f"questions: {scoring}")
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench_scale-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpora, documents = {}, {}
        for size in sizes:
            corpora[size] = work / f"corpus{size}"
            shutil.rmtree(corpora[size], ignore_errors=True)
            started = time.perf_counter()
            documents[size] = multiply(corpora[size], size, default_sources())
            print(f"corpus of {documents[size]} documents written in {time.perf_counter() - started:.1f} s")
        progress = Progress(plan, documents, args.load_seconds)
        print(f"estimate: about {progress.estimate(plan) / 60:.0f} min for {', '.join(f'{k} {s}' for k, s in plan)}")
        for i, (kind, size) in enumerate(plan):
            backend = Backend(kind, work, args.sparql_url, args.base_iri)
            rows.append(measure(backend, size, corpora[size], cases, scorer, args, progress))
            scale_report.block(rows[-1])
            args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
            if i + 1 < len(plan):
                print(f"estimate: about {progress.estimate(plan[i + 1:]) / 60:.0f} min left", flush=True)
    scale_report.ratios(rows)
    scale_report.table(rows)
    print(f"\nfigures written to {args.json}")
    return 0


def reachable(url: str) -> bool:
    try:
        return requests.get(url, params={"query": "ASK {}"}, timeout=10).status_code == 200
    except requests.RequestException:
        return False


if __name__ == "__main__":
    raise SystemExit(main())
