"""`govkg ingest | remove | export | stats`: load records into the store and look at it.

    govkg ingest PATH... [--store DIR|URL] [--store-kind oxigraph|memory|sparql]
    govkg remove [DOC] [--department D] [--year Y] [--kind K] [--scope S] [--all]
                              (DOC: a file name, a sha256, a graph IRI or the document's label)
    govkg export [--format ttl|nq|trig|nt|jsonld|csv] [-o FILE]   (csv: every figure with its source)
    govkg stats

Every command works with no flags: the store is $GOVKG_STORE or ~/.local/share/govkg/store
(kind $GOVKG_STORE_KIND or oxigraph). export and stats open the store read-only, so they run
beside `govkg serve`; ingest and remove need it to themselves.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import replace
from functools import partial
from pathlib import Path

from rdflib import BNode, URIRef
from rdflib.namespace import OWL, RDF

from govkg import lean_imports
from govkg.beside import Beside
from govkg.documents import find_documents, identity_of, store_version, stored_documents, versions
from graph_store.base import Store, StoreError
from graph_store.registry import backend_names, default_kind, default_location, open_store
from ontology.files import ONTOLOGY_IRI
from ontology.ledger import DocumentGraph

ONTOLOGY_GRAPH = ONTOLOGY_IRI
# What each document graph says about its source (terms of ontology/govkg.ttl); labels may sit in the
# ontology graph, so they are read from the union (each OPTIONAL names its link, so a missing link
# cannot match every label in the store).
DOCUMENTS = """
PREFIX gk: <https://w3id.org/govkg/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?g (SAMPLE(?file) AS ?f) (SAMPLE(?name) AS ?dept) (SAMPLE(?year) AS ?y) (SAMPLE(?kind) AS ?k)
       (SAMPLE(?scopeName) AS ?sc) WHERE {
  GRAPH ?g { ?doc a gk:Document . OPTIONAL { ?doc gk:fileName ?file } OPTIONAL { ?doc gk:fiscalYear ?year } }
  OPTIONAL { GRAPH ?g { ?doc gk:department ?d } ?d rdfs:label|skos:prefLabel ?name FILTER(LANG(?name) IN ("zh", "")) }
  OPTIONAL { GRAPH ?g { ?doc gk:phase ?phase } ?phase skos:prefLabel ?kind FILTER(LANG(?kind) IN ("zh", "")) }
  OPTIONAL { GRAPH ?g { ?doc gk:scope ?scope } ?scope skos:prefLabel ?scopeName FILTER(LANG(?scopeName) IN ("zh", "")) }
} GROUP BY ?g"""
ENTITY_TYPES = """
SELECT ?type (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?type .
  OPTIONAL { ?type <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(LANG(?l) = "zh" || LANG(?l) = "") }
} GROUP BY ?type ORDER BY DESC(?n) ?type"""


def register(sub) -> None:
    """Registers ingest, remove, export and stats."""
    p = sub.add_parser("ingest", help="parse documents and load them into the store (one named graph each)")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.pdf files or directories")
    p.add_argument("--jobs", "-j", type=int, default=min(os.cpu_count() or 1, 4), metavar="N",
                   help="documents read and parsed at once, in that many processes (default: the CPUs, at most 4)")
    p.add_argument("--reparse", action="store_true", help="parse every file again, not reading the records kept of "
                   "files parsed before (in $GOVKG_CACHE/records, by the file's name and bytes and the parser's code)")
    _store_options(p)
    p.set_defaults(func=run_ingest)

    p = sub.add_parser("remove", help="remove a document's graph from the store")
    p.add_argument("document", metavar="DOC", nargs="?", help="the document's file name, its sha256 (or its first 8+ "
                   "digits), its graph IRI, or its label as `govkg stats` prints it (or the start of it)")
    p.add_argument("--department", help="the department's name (full or short)")
    p.add_argument("--year", type=int, help="the fiscal year")
    p.add_argument("--kind", help="budget (预算) or final_account (决算)")
    p.add_argument("--scope", help="consolidated (汇总) or standalone (本级)")
    p.add_argument("--all", action="store_true", help="remove every document that matches, not just one")
    _store_options(p)
    p.set_defaults(func=run_remove)

    p = sub.add_parser("export", help="write out the whole graph")
    p.add_argument("--format", "-f", default="ttl", help="ttl, nt, jsonld (the union graph), nq, trig (one graph "
                   "per document), or csv (every figure: line items, program amounts, facts, with source); default ttl")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    _store_options(p)
    p.set_defaults(func=run_export)

    p = sub.add_parser("stats", help="documents, triples and entities by type in the store")
    _store_options(p)
    p.set_defaults(func=run_stats)


def _store_options(p) -> None:
    p.add_argument("--store", metavar="DIR|URL", help="store directory, or the SPARQL endpoint URL for --store-kind "
                   "sparql (default $GOVKG_STORE or ~/.local/share/govkg/store)")
    p.add_argument("--store-kind", choices=backend_names(), help="backend (default $GOVKG_STORE_KIND or oxigraph)")


def _open(args, read_only: bool = False) -> Store:
    kind = args.store_kind or default_kind()
    options = {"read_only": True} if read_only and kind in ("oxigraph", "sparql") else {}
    return open_store(kind, args.store, **options)


def _where(args) -> str:
    kind = args.store_kind or default_kind()
    if kind == "memory":
        return "memory"
    return str(args.store or (default_location() if kind == "oxigraph" else "$GOVKG_STORE"))


# New documents are written in bulk loads of about this many quads (25 documents of the real corpus): big
# enough that a load costs what the store's own bulk_load costs, small enough to keep in memory.
BATCH_QUADS = 200_000
# Once the command has loaded this many quads (5 loads), the later new documents' N-Quads go to a file beside the store,
# loaded once after the last record (on a store that loads files: oxigraph): each load lands in RocksDB's first level
# and its compactions rewrite what the store holds below, so 44 loads of c1000 cost 159 s of CPU where one load of the
# same quads costs ~100 (benchmarks/bulk_batches.py). Only where nothing is parsed (every record read back from the
# record cache: a rebuild, -35 % wall at 1,000): where documents are parsed, the batches load beside the parsing, and
# one load after the last record made a first ingest at 1,000 7 % longer for 6 % less CPU (and twice the memory).
SPOOL_AFTER = 1_000_000
# Replaced documents' rows are kept this many at a time: keeping them reads the store's versions (two catalog
# queries on a SPARQL store), and every write changes them, so a keep per document was ~20 ms of it at 1,000.
KEEP_ROWS = 25


class _Writer:
    """Writes what `govkg ingest` parsed: a new version of a stored document in one transaction (replacing
    the old), new documents in bulk loads of a batch (Store.write_new). Failures go to `failures`."""

    def __init__(self, args, failures: list[str], ontology: Callable[[], object]) -> None:
        self.args, self.failures, self.ontology = args, failures, ontology
        self.store: Store | None = None
        self.opened = None
        self.held: set[str] = set()
        self.written: set[str] = set()  # the graphs this command wrote: what the service has not prepared
        self.pending: list[tuple] = []  # (path, DocumentGraph) of new documents waiting for a bulk load
        self.spool = None  # the file of the pending documents' N-Quads once they are spooled (their graphs keep the rest)
        self.spooling = False  # the later documents loaded once from a file (SPOOL_AFTER): set where nothing is parsed
        self.pending_quads = self.loaded = self.quads = 0
        self.rows: dict[str, dict] = {}  # graph -> what the service keeps of it, made where it was parsed

    def open(self, stack: ExitStack) -> Store:
        if self.store is None:
            # Opened at the first record to store, so a batch that fails leaves no store behind.
            self.store = stack.enter_context(_open(self.args))
            self.held = set(self.store.graphs())
            self.written.update(_load_ontology(self.store, self.ontology(), self.held))
            self.opened = self.store.state()  # what the service prepared last is of this state at most
        return self.store

    def write(self, path, document, rows: dict | None = None) -> None:
        store = self.store
        if rows is not None:
            self.rows[document.iri] = rows
        old = [g for g in versions(store, identity_of(document)) if g != document.iri]
        if not old and document.iri not in self.held:
            if self.spool is None and self.quads >= SPOOL_AFTER and store.loads_files and store.persistent \
                    and not self.pending and self.spooling:
                try:
                    self.spool = tempfile.NamedTemporaryFile(dir=Path(store.path).parent, prefix=".govkg-ingest-",
                                                             suffix=".nq")
                except OSError:  # a folder that cannot hold the file: loaded batch by batch, as before
                    self.spooling = False
            if self.spool is not None:
                self.spool.write(document.own)
                self.spool.write(document.ledger)
                # its quads are in the file; its shared statements as mapping wrote them (the ledger is not kept to read)
                document = replace(document, own=b"", ledger=b"", shared="\n".join(document.statements()))
            self.pending.append((path, document))
            self.pending_quads += len(document)
            if self.pending_quads >= BATCH_QUADS and self.spool is None:
                self.flush()
            return
        self.flush()  # the documents before it first, in order
        try:
            replaced = store_version(store, document.iri, document, old)
        except StoreError as exc:
            self.failures.append(f"{path}: 未能写入存储 (not stored): {exc}")
            self.rows.pop(document.iri, None)
            return
        self.done(document)
        if len(self.rows) >= KEEP_ROWS:  # each row waiting is of a written document (the batch was flushed)
            self.keep()
        for doc in replaced:
            print(f"{path}: 替换 {doc.describe()} (replaces the earlier version)", file=sys.stderr)

    def flush(self) -> None:
        if not self.pending:
            return
        batch, self.pending, self.pending_quads = self.pending, [], 0
        spool, self.spool = self.spool, None
        try:
            if spool is not None:
                spool.flush()
                self.store.write_new([d for _, d in batch], spooled=Path(spool.name))
            else:
                self.store.write_new([d for _, d in batch])
        except StoreError as exc:
            self.failures.extend(f"{path}: 未能写入存储 (not stored): {exc}" for path, _ in batch)
            for _, document in batch:
                self.rows.pop(document.iri, None)
            return
        finally:
            if spool is not None:
                spool.close()  # and removed
        for _, document in batch:
            self.done(document)
        self.keep()

    def keep(self) -> None:
        """Keep the rows made of the documents just written under their new versions, so that `_prepare` reads
        none of them back from the store (0.1-0.3 s a document); a document not written keeps none."""
        ready = self.rows.keys() & self.written  # not the document waiting for the batch before it to be written
        if not ready:
            return
        from query_api.prepare import keep_rows

        versions = self.store.graph_versions()
        keep_rows(self.store, [(g, versions[g], self.rows.pop(g)) for g in ready if g in versions])

    def done(self, document) -> None:
        self.loaded += 1
        self.quads += len(document)
        self.held.add(document.iri)
        self.written.add(document.iri)


def run_ingest(args) -> int:
    from tqdm import tqdm

    from govkg.derived import derived_digest
    from ingest import rdf as mapping
    from ingest.parse import expand_paths, import_parsers, parse_paths
    from ingest.record_cache import RecordCache
    from query_api.knowledge_cache import cache_dir

    paths = expand_paths(args.paths)
    if not paths:
        print(f"govkg ingest: 没有可读取的文件 — no .txt or .pdf files in {' '.join(args.paths)}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    failures: list[str] = []
    # files read as a part of another's publication (情况说明 + 报表); records not parsed again; nor mapped again
    joined = cached = derived = 0
    batch: dict = {}  # identity -> the file loaded for it in this run
    kept = (args.store_kind or default_kind()) != "memory"  # a store whose service keeps rows per document
    beside = Beside(mapping.ontology_document, dictionary=kept)
    writer = _Writer(args, failures, beside.ontology)
    try:
        with ExitStack() as open_store_:
            # Records are parsed and mapped in worker processes while this one writes.
            # before the fork: its digests
            records = RecordCache(cache_dir() / "records", reuse=not args.reparse, derived=derived_digest(kept))
            # Every file's record and what was made of it kept (a store rebuilt from files ingested before): each is
            # read back in a thread here, ~8 ms, rather than by parsing processes forked with the parsers imported
            # for them (0.5-0.7 s before the first record at 8 documents)
            read_back = records.made_before(paths)
            jobs = 1 if read_back else args.jobs
            writer.spooling = bool(read_back)  # nothing parsed beside the loads: one load after the last record
            if kept:  # jieba, which the service's rows and the prepare after the writes use, without pkg_resources
                lean_imports.load(spacy=False)
            if jobs > 1 and len(paths) > 1:  # imported once here, before the parsing processes are forked
                # the PDF readers where the first files sent to the processes hold a PDF to parse
                import_parsers(pdf=any(p.suffix.lower() == ".pdf" and not records.holds(p) for p in paths[:16 * args.jobs]))
                if kept:
                    from query_api.prepare import import_rows

                    import_rows()
            outcomes = parse_paths(paths, jobs, prepare=partial(_mapped, rows=kept), cache=records,
                                   started=beside.start, read_back=read_back)
            for outcome in tqdm(outcomes, total=len(paths), desc="ingest", unit="doc", file=sys.stderr, disable=None):
                if outcome.error is not None:
                    failures.append(str(outcome.error))
                    continue
                document, rows = outcome.mapped
                if isinstance(document, str):
                    failures.append(f"{outcome.path}: {document}")
                    continue
                identity = identity_of(document)
                earlier = batch.get(identity) if identity else None
                if earlier and earlier[0] != document.iri:
                    failures.append(f"{outcome.path}: 与本批的 {earlier[1]} 是同一文档（部门、年度、类型、范围相同），未载入 — "
                                    f"same department, year, kind and scope as {earlier[1]}; not loaded (ingest "
                                    "it on its own to replace the other)")
                    continue
                writer.open(open_store_)
                writer.write(outcome.path, document, rows)
                if identity:
                    batch[identity] = (document.iri, outcome.path)
                joined += max(len(outcome.record.parts) - 1, 0)
                cached += outcome.cached
                derived += outcome.derived
                for warning in outcome.record.warnings:
                    print(f"warning: {outcome.path}: {warning}", file=sys.stderr)
            writer.flush()
            writer.keep()  # the replaced documents' rows that wait
            if writer.store is not None:
                documents = len(writer.store.graphs())
                if writer.loaded and writer.store.state() != writer.opened:  # an unchanged file writes nothing
                    _prepare(writer.store, writer.written, records.derived)
    except StoreError as exc:
        print(f"govkg ingest: {exc}", file=sys.stderr)
        return 1
    finally:
        beside.join()  # not cut off halfway through writing its file at exit
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    if (args.store_kind or default_kind()) == "memory":
        print("note: the memory store keeps nothing once this command ends", file=sys.stderr)
    seconds = time.perf_counter() - started
    # The store's size is not counted: a COUNT of every quad costs seconds at a million.
    held = (f"{writer.quads} triples written; the store at {_where(args)} holds {documents} graphs"
            if writer.store is not None else f"nothing was written to {_where(args)}")
    parts = f", {joined} joined to their publication's other part" if joined else ""
    parts += f", {cached} parsed before: read from the record cache" if cached else ""
    parts += f" ({derived} mapped, with their rows, before)" if derived else ""
    print(f"ingested {writer.loaded} of {len(paths) - joined} documents ({len(failures)} failed{parts}) in "
          f"{seconds:.1f} s ({_rate(writer.loaded, seconds)}); {held}", file=sys.stderr)
    return 1 if failures else 0


def _mapped(outcome, rows: bool):
    """What the parsing processes make of a record (parse_paths' `prepare`): its DocumentGraph
    (ingest.rdf.map_outcome) and, with `rows`, what the service keeps of the document (query_api.prepare.
    read_rows, as row_texts: the JSON its files keep), as `mapped` = (graph or the reason it failed, rows): made
    from the mapped quads beside the next files' parsing, not read back from the store once written. Rows not
    made, or that cannot be, are None: read from the store then. The record goes back as its `head` (unpickling
    all it lists cost the writing process ~2 ms a document)."""
    from ingest.rdf import map_outcome

    outcome = map_outcome(outcome, described=rows)
    outcome.record = outcome.record.head()  # what the writing process reads of it: its parts and warnings
    made = None
    if rows and not isinstance(outcome.mapped, str):
        from graph_store.shared import description_of
        from query_api.prepare import read_rows, row_texts

        document, quads = outcome.mapped
        outcome.mapped = document
        try:
            made = row_texts(read_rows(description_of(document, quads), document.iri))
        except Exception:  # noqa: BLE001 - a document whose rows fail is read from the store by _prepare
            outcome.unfinished = True  # and made again next time, not read back as None
    outcome.mapped = (outcome.mapped, made)
    return outcome


def _prepare(store: Store, written: set[str], kept=None) -> None:
    """Make what `govkg serve` needs of the store's new state (query_api.prepare), so its first start after
    this command reads no document again; a store that keeps nothing needs none. `written`: the graphs the
    command wrote (read ahead); `kept`: the record cache's Derived, where the words of their search entries are
    kept (query_api.search_words)."""
    if not store.persistent:
        return
    from query_api.prepare import prepare

    started = time.perf_counter()
    prepare(store, written, serving=False, kept=kept)
    print(f"prepared the service's lexicon and search index in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def _load_ontology(store: Store, ontology, graphs: set[str]) -> list[str]:
    """The ontology in a graph of its own, so SPARQL users see the labels of our terms; not rewritten when the
    store holds it already (same size, same triples but for blank nodes' names), so an ingest that adds a
    document changes no other graph's version. The graph written ([] when none)."""
    iri, graph = named_ontology(ontology)
    if iri == ONTOLOGY_GRAPH:  # a store beside others on one server keeps it in a graph of its own
        iri = store.ontology_graph
    named = lambda triples: {t for t in triples if not any(isinstance(x, BNode) for x in t)}  # noqa: E731
    if iri in graphs:  # the store's graphs, listed once by the caller
        held = [q[:3] for q in store.quads(iri)]
        if len(held) == len(graph) and named(held) == named(graph):
            return []
    store.replace_graph(iri, graph)
    return [iri]


def named_ontology(ontology) -> tuple[str, object]:
    """(graph IRI, graph) for what `ingest.rdf.ontology_graph()` returns: a pair already, or a plain
    Graph named after the owl:Ontology it declares (https://w3id.org/govkg/def)."""
    if isinstance(ontology, tuple):
        return str(ontology[0]), ontology[1]
    if isinstance(ontology, DocumentGraph):  # ingest.rdf.ontology_document: named already
        return ontology.iri, ontology
    if isinstance(ontology.identifier, URIRef):
        return str(ontology.identifier), ontology
    declared = sorted(str(s) for s in ontology.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef))
    return (declared or [ONTOLOGY_GRAPH])[0], ontology


def run_remove(args) -> int:
    fields = {"department": args.department, "year": args.year, "kind": args.kind, "scope": args.scope}
    if not args.document and not any(v is not None for v in fields.values()):
        print("govkg remove: 请指明文件 — name a document (file name, sha256, graph IRI or label) or give "
              "--department/--year/--kind/--scope", file=sys.stderr)
        return 2
    asked = " ".join([repr(args.document)] * bool(args.document)
                     + [f"--{k} {v}" for k, v in fields.items() if v is not None])
    try:
        with _open(args) as store:
            found = find_documents(store, args.document, **fields)
            if not found:
                print(f"govkg remove: 存储中没有这个文件 — no document {asked} in the store at {_where(args)}",
                      file=sys.stderr)
                return 1
            if len(found) > 1 and not args.all:
                print(f"govkg remove: {asked} matches {len(found)} documents; name one (by graph IRI) or add --all:",
                      file=sys.stderr)
                known = stored_documents(store)
                for g in found:
                    print(f"  {known[g].describe() if g in known else g}", file=sys.stderr)
                return 1
            for graph_iri in found:
                before = store.triple_count(graph_iri)
                store.remove_graph(graph_iri)
                print(f"removed {graph_iri} ({before} triples)", file=sys.stderr)
            _prepare(store, set())  # nothing written: nothing to read ahead (the removed graphs' are left out)
    except StoreError as exc:
        print(f"govkg remove: {exc}", file=sys.stderr)
        return 1
    return 0


def run_export(args) -> int:
    try:
        with _open(args, read_only=True) as store:
            if args.format.lower() == "csv":
                from query_api.exports import COLUMNS, observations, to_csv

                data = to_csv(observations(store), COLUMNS)
            else:
                data = store.export(args.format)
    except StoreError as exc:
        print(f"govkg export: {exc}", file=sys.stderr)
        return 1
    if args.output:
        Path(args.output).write_bytes(data)
        print(f"wrote {len(data)} bytes to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def run_stats(args) -> int:
    try:
        with _open(args, read_only=True) as store:
            sizes = {g: store.triple_count(g) for g in store.graphs()}
            about = {str(row[0]): [str(v) if v is not None else "" for v in row[1:]] for row in store.query(DOCUMENTS)}
            from graph_store.network import local_name  # networkx loads in 0.2 s: not for every command

            types = [(str(row[1] or local_name(str(row[0]))), int(row[2])) for row in store.query(ENTITY_TYPES)]
    except StoreError as exc:
        print(f"govkg stats: {exc}", file=sys.stderr)
        return 1
    print(f"store: {_where(args)} ({args.store_kind or default_kind()})")
    print(f"documents: {len(about)}   graphs: {len(sizes)}   triples: {sum(sizes.values())}")
    for graph_iri, n in sorted(sizes.items(), key=lambda item: (item[0] not in about, about.get(item[0], ""))):
        if graph_iri in about:
            file, dept, year, kind, scope = about[graph_iri]
            scope = f"（{scope}）" if scope else ""
            kind = f"部门{kind}" if kind else ""
            print(f"  {dept or '?'} {year or '?'}年{kind}{scope}  {file}  {n} triples  <{graph_iri}>")
        else:
            print(f"  (not a document) {n} triples  <{graph_iri}>")
    print("entities by type:")
    for label, n in types:
        print(f"  {n:>7}  {label}")
    return 0


def _rate(documents: int, seconds: float) -> str:
    """Documents per second, or seconds per document when that is under one (12 in 316 s is 26.3 s/document,
    not "0.0 documents/s")."""
    if documents and seconds > documents:
        return f"{seconds / documents:.1f} s/document"
    return f"{documents / max(seconds, 1e-9):.1f} documents/s"
