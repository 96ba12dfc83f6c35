"""Parse a document (or a directory of them) into `Record`s.

`parse_file(path)` reads the file, recognises its layout family and hands it to the family's parser:
`ingest.guangdong` (extracted text, tab-separated or raw) or `ingest.shanghai` (Shanghai PDF family:
amounts in 元, codes split in 类/款/项 columns). A PDF's ruled tables are then read once more by
meaning, whatever the family (`ingest.tables`: the national templates' tables, from any province),
and what they print wins over what was read from text.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path

from ingest import limits, parts
from ingest.errors import IngestError, NotABudgetDocument
from ingest.reader import SUFFIXES, Document, read_document
from ingest.record import Record
from ingest.record_cache import Derived, RecordCache

BUDGET_WORDS = ("部门预算", "部门决算", "单位预算", "单位决算", "预算", "决算")


def detect_family(doc: Document) -> str:
    """'shanghai' or 'guangdong'."""
    from ingest import shanghai

    return "shanghai" if shanghai.matches(doc) else "guangdong"


def parse_document(doc: Document) -> Record:
    head = "\n".join(line.text for line in doc.lines[:400])
    if not any(word in head for word in BUDGET_WORDS):
        raise NotABudgetDocument(doc.path, "不是部门预算或部门决算文件 (no 预算/决算 found in the text)")
    # here, not at the top: a store rebuilt from the record cache parses nothing (the narrative's patterns alone
    # took 0.2-0.5 s to import)
    from ingest import blocks, checks, guangdong, narrative, prose, shanghai

    family = detect_family(doc)
    if family == "guangdong" and doc.kind == "txt":
        guangdong.assign_pages(doc.lines)  # the pages its feet print, which its paragraphs carry
    paras = prose.paragraphs(doc.lines)  # joined once, for the family parser, the narrative and the warnings
    record = shanghai.parse(doc) if family == "shanghai" else guangdong.parse(doc, paras)
    from ingest.tables import apply_tables

    try:
        apply_tables(record, doc)  # a PDF's ruled tables, read by meaning whatever the family
    except Exception as exc:  # a fault of the table reader must not lose what the family parser read
        record.warnings.append(f"表格未能按全国模板读取，保留按文字读出的内容 (tables not read by template: "
                               f"{exc.__class__.__name__}: {str(exc)[:120]})")
    blocks.number_unnamed(record.line_items)  # blocks the tables print without naming them
    record = narrative.complete(record, doc, paras)
    # what the record lacks once the tables and the narrative completed it
    if record.layout == "shanghai":
        shanghai.state_warnings(record)
    else:
        guangdong.state_warnings(record, paras)
    record = checks.check(record)
    record.warnings[:0] = [w for w in doc.warnings if w not in record.warnings]
    limits.check_record(doc.path, record)  # before it is mapped, where a large record costs most
    return record


def import_parsers(pdf: bool = False) -> None:
    """Import the layout families' parsers (imported at a first document otherwise), with `pdf` the PDF readers
    too (ingest.pdf.import_readers): a caller about to fork parsing processes imports them once for all of them."""
    from ingest import blocks, checks, guangdong, narrative, shanghai, tables  # noqa: F401

    if pdf:
        from ingest.pdf import import_readers

        import_readers()


def parse_file(path: str | Path) -> Record:
    return parse_document(read_document(path))


@dataclass
class Outcome:
    path: Path
    record: Record | None = None
    error: IngestError | None = None
    mapped: object = None  # what `parse_paths(prepare=…)` made of the record, in the process that parsed it
    cached: bool = False  # the record was read from the record cache, not parsed
    derived: bool = False  # `mapped` (and the record, as `prepare` left it) read from beside it, not made again
    # `prepare` failed in part (`mapped` holds the reason, or lacks what it could not make): never kept beside the
    # record, so the next run tries again rather than reading the failure back
    unfinished: bool = False


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Files named, plus the .txt/.pdf files under directories named, in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
        else:
            out.append(p)
    return out


Prepare = Callable[[Outcome], Outcome]


def parse_paths(paths: list[str | Path], workers: int = 1, prepare: Prepare | None = None,
                cache: RecordCache | None = None, started: Callable[[], None] | None = None,
                read_back: bool = False) -> Iterator[Outcome]:
    """Parse every file; a failure is reported in its Outcome and the batch goes on. The text and
    tables parts of one publication (two files of one department and year) become one record,
    reported under the text part's path once the batch has been read. With `workers` > 1 files are
    read and parsed in that many processes (a PDF takes seconds), the outcomes still in file order.
    `prepare` (a module-level function, so a process can run it) is applied to each outcome with a record
    where it was parsed: ingest maps the record there, beside the parsing of the next files. With `cache`
    a file parsed before with the same code is not parsed again (ingest.record_cache; `Outcome.cached`), and
    with the cache's `derived` what `prepare` made of it is not made again (`Outcome.derived`).
    `started` is called once the parsing processes run (before the first outcome is waited for): a thread
    started then is not copied into them. `read_back`: every file's record and what `prepare` made of it are
    kept in `cache` (RecordCache.made_before): they are read in a thread of this process, ahead of the caller
    (reading a file and its decompression leave the caller run, as does a store's bulk load), not by processes
    forked to parse (~8 ms a file, and what a process sends back was unpickled here alike)."""
    joiner = parts.Joiner()
    for part, outcome in _read_each(expand_paths(paths), workers, prepare, cache, started or (lambda: None),
                                    read_back):
        if outcome is not None:
            yield outcome
        else:
            joiner.add(*part)
    for group in joiner.groups():
        yield _parsed(group, prepare)


def _read_each(paths: list[Path], workers: int, prepare: Prepare | None, cache: RecordCache | None,
               started: Callable[[], None], read_back: bool = False
               ) -> Iterator[tuple[tuple[Document, str] | None, Outcome | None]]:
    if (workers <= 1 and not read_back) or len(paths) < 2:
        started()
        yield from (_read(path, prepare, cache) for path in paths)
        return
    # A window of files in flight, not the whole batch: parsed records wait in memory until stored. Wide
    # enough (about a bulk load's worth of documents) that the processes go on parsing while the caller
    # writes a batch.
    with ThreadPoolExecutor(1) if read_back else ProcessPoolExecutor(workers) as pool:
        ahead = iter(paths)
        first = list(islice(ahead, 16 * max(workers, 2)))
        submitted = {i: pool.submit(_read, first[i], prepare, cache) for i in _submission_order(first)}
        pending = deque(submitted[i] for i in range(len(first)))
        started()  # the processes are forked at the first submits
        while pending:
            done = pending.popleft().result()
            pending.extend(pool.submit(_read, path, prepare, cache) for path in islice(ahead, 1))
            yield done


def _submission_order(paths: list[Path]) -> list[int]:
    """The indexes of `paths`: the first file first — the caller, taking outcomes in file order, does its own work on
    the first (the store opened, the ontology written) beside the parsing of the rest — then the slowest, so the
    slow files are parsed beside the others rather than after them all: a PDF or office file (its pages read by a
    library: ~10 times a text file) before a text file, a larger one before a smaller, files alike in the order
    given."""

    def slow(i: int) -> tuple[bool, int]:
        try:
            size = paths[i].stat().st_size
        except OSError:
            size = 0
        return paths[i].suffix.lower() != ".txt", size

    return [0, *sorted(range(1, len(paths)), key=slow, reverse=True)] if paths else []


def _read(path: Path, prepare: Prepare | None = None, cache: RecordCache | None = None
          ) -> tuple[tuple[Document, str] | None, Outcome | None]:
    """The outcome of `path` as a publication of its own (read from `cache` when kept there), or, when it is a
    part of one (ingest.parts), (its document, its kind) for the joiner."""
    key, record = cache.lookup(path) if cache is not None else (None, None)
    if record is not None:
        return None, _outcome(path, lambda: record, prepare, cached=True, derived=cache.derived, key=key)
    try:
        doc = read_document(path)
    except IngestError as exc:
        return None, Outcome(path, error=exc)
    kind = parts.kind_of(doc)
    if kind != "whole":
        return (doc, kind), None
    keep = partial(cache.keep, key) if cache is not None else None
    return None, _outcome(path, lambda: parse_parts([doc]), prepare, keep, derived=cache and cache.derived, key=key)


def parse_parts(docs: list[Document]) -> Record:
    """The record of one publication from its documents (one, or its text and tables parts)."""
    if len(docs) > 1:
        joined, spans = parts.join(docs)
        return parts.assign_sources(parse_document(joined), spans)
    try:
        return parse_document(docs[0])
    except NotABudgetDocument:
        found = parts.headless(docs[0])  # a tables part alone: its titles and headers name it
        if found is None:
            raise
        return parts.assign_sources(parse_document(found[0]), found[1])


def _parsed(docs: list[Document], prepare: Prepare | None = None) -> Outcome:
    return _outcome(docs[0].path, lambda: parse_parts(docs), prepare)


def _outcome(path: Path, parse: Callable[[], Record], prepare: Prepare | None, keep: Callable[[Record], bool]
             | None = None, cached: bool = False, derived: Derived | None = None, key: str | None = None) -> Outcome:
    """The outcome of the record `parse` gives, `prepare`d; `keep` is given the record before `prepare` sees it.
    With `derived` (the record cache's `Derived`), what `prepare` makes of a record kept under `key` is kept beside
    it, and read back, not made again, when the record was read back (`cached`); a failed or `unfinished`
    prepare's is not kept."""
    try:
        if cached and derived is not None and prepare is not None:
            made = derived.lookup(key)
            if isinstance(made, tuple) and len(made) == 2 and isinstance(made[0], Record):
                return Outcome(path, record=made[0], mapped=made[1], cached=True, derived=True)
        record = parse()
        stored = cached or (keep is not None and keep(record))  # the record is kept under `key`
        outcome = Outcome(path, record=record, cached=cached)
        if prepare is None:
            return outcome
        outcome = prepare(outcome)
        if stored and derived is not None and outcome.error is None and not outcome.unfinished:
            derived.keep(key, (outcome.record, outcome.mapped))
        return outcome
    except IngestError as exc:
        return Outcome(path, error=exc)
    except Exception as exc:  # a parser bug must not stop the batch or show a traceback
        reason = f"解析失败 (parser error: {exc.__class__.__name__}: {str(exc)[:120]})"
        return Outcome(path, error=IngestError(path, reason))
