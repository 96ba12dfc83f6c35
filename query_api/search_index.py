"""The search index as a table of entries that a change of the store is merged into, not rebuilt from every
document: each entry's words (term counts), name, group and facet values are rows of numpy arrays tagged
with their document, so removing a document is a mask and adding one cuts only its own entries' words.

What a search reads (`Table.derived`: BM25 postings, the name characters, the live entries) is made from
the table with numpy alone (no Python per entry), ~1 s at 1,000 documents against ~45 s to read every
document's entries and index them again. BM25 is Lucene's variant with bm25s's parameters, as the index
used through `bm25s.BM25(method="lucene")` (pinned by tests/query_api/test_search.py): bm25s bakes each
word's IDF into its matrix and cannot add or remove a document.

Entries are found by position; what a page shows of one is read from `Rows` (one SQLite file in the cache
directory for a store on disk: a document version's entries never change, so they are written once).
Imports numpy and our query_api modules only.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from query_api.lexicon import normalise
from query_api.search_entries import Hit
from query_api.search_select import run_starts

K1, B = 1.5, 0.75  # bm25s.BM25's defaults
FACETS = ("type", "department", "year", "document")


def _ragged(ptr: np.ndarray, rows: np.ndarray, *flats: np.ndarray) -> tuple[np.ndarray, ...]:
    """The rows `rows` (positions, or a mask) of ragged arrays sharing `ptr` (row i of each is
    flat[ptr[i]:ptr[i+1]]): the new ptr, then each flat array's rows; the gather index is made once for all."""
    rows = np.flatnonzero(rows) if rows.dtype == bool else rows
    lengths = np.diff(ptr)[rows]
    new_ptr = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    index = np.repeat(ptr[:-1][rows] - new_ptr[:-1], lengths) + np.arange(new_ptr[-1])
    return (new_ptr, *(flat[index] for flat in flats))


@dataclass
class Table:
    """Every entry of the documents at `versions` (a document's entries in the store's order of documents
    when first added; an entity several documents state is an entry of each, the first one live)."""

    versions: dict[str, str] = field(default_factory=dict)
    graphs: list[str] = field(default_factory=list)  # code → graph IRI
    columns: dict[str, np.ndarray] = field(default_factory=dict)  # one value per entry
    tok_ptr: np.ndarray = field(default_factory=lambda: np.zeros(1, np.int64))
    tok_id: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    tok_tf: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    name_ptr: np.ndarray = field(default_factory=lambda: np.zeros(1, np.int64))
    name_chars: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))
    uris: dict[str, int] = field(default_factory=dict)
    terms: dict[str, int] = field(default_factory=dict)
    groups: dict[tuple, int] = field(default_factory=dict)
    facet_codes: dict[str, dict[str, int]] = field(default_factory=lambda: {f: {} for f in FACETS})
    facet_values: dict[str, list[tuple[str, str | None]]] = field(default_factory=lambda: {f: [] for f in FACETS})

    COLUMNS = ("doc", "n", "uri", "group", *(f"facet_{f}" for f in FACETS))

    def __len__(self) -> int:
        return len(self.tok_ptr) - 1

    def merged(self, versions: dict[str, str], entries_of: Callable[[str, str], list[tuple[Hit, list[str]]]],
               documents: dict, rows: Rows) -> Table:
        """The table of the documents at `versions`: this one's entries of documents still at their version,
        then those of the documents new or changed, read by `entries_of(graph, version)`."""
        kept_graphs = [g for g in self.graphs if versions.get(g) == self.versions.get(g)]
        code = {g: i for i, g in enumerate(self.graphs)}
        keep = np.isin(self.columns.get("doc", np.zeros(0, np.int32)), [code[g] for g in kept_graphs])
        renumber = np.full(len(self.graphs) + 1, -1, dtype=np.int32)
        renumber[[code[g] for g in kept_graphs]] = np.arange(len(kept_graphs), dtype=np.int32)
        # the dictionaries only grow (a code never changes meaning); copied, as the old table may still serve
        table = Table(versions=dict(versions), graphs=kept_graphs, uris=dict(self.uris), terms=dict(self.terms),
                      groups=dict(self.groups), facet_codes={f: dict(c) for f, c in self.facet_codes.items()},
                      facet_values={f: list(v) for f, v in self.facet_values.items()})
        table.columns = {name: column[keep] for name, column in self.columns.items()}
        if "doc" in table.columns:
            table.columns["doc"] = renumber[table.columns["doc"]]
        table.tok_ptr, table.tok_id, table.tok_tf = _ragged(self.tok_ptr, keep, self.tok_id, self.tok_tf)
        table.name_ptr, table.name_chars = _ragged(self.name_ptr, keep, self.name_chars)
        table._add(self.added(versions), entries_of, documents, rows)
        return table

    def added(self, versions: dict[str, str]) -> list[tuple[str, str]]:
        """The documents of `versions` this table does not hold at their version, in the store's order."""
        return [(g, v) for g, v in versions.items() if self.versions.get(g) != v]

    def shared_with(self, versions: dict[str, str]) -> int:
        """How many documents of `versions` this table holds at their version (the best base to merge into)."""
        return sum(1 for g, v in versions.items() if self.versions.get(g) == v)

    def _add(self, added: list[tuple[str, str]], entries_of, documents: dict, rows: Rows) -> None:
        new: dict[str, list] = {name: [] for name in self.COLUMNS}
        counts, names = [], []
        for graph, version in added:
            entries = entries_of(graph, version)
            if not rows.holds(graph, version):  # kept already when read through the rows (search.document_hits)
                rows.add(graph, version, [hit for hit, _ in entries])
            code = len(self.graphs)
            self.graphs.append(graph)
            for n, hit, tokens in _one_line_item_per_row(entries):
                name = normalise(hit.label)
                new["doc"].append(code)
                new["n"].append(n)
                new["uri"].append(self.uris.setdefault(hit.uri, len(self.uris)))
                key = (hit.kind, name, hit.department) if hit.kind != "line_item" else (hit.uri,)
                new["group"].append(self.groups.setdefault(key, len(self.groups)))
                for facet in FACETS:
                    new[f"facet_{facet}"].append(self._facet_code(facet, hit, documents))
                counts.append(Counter(self.terms.setdefault(t, len(self.terms)) for t in tokens))
                names.append(name + "\n")
        if not counts:
            self.columns = {name: self.columns.get(name, np.zeros(0, np.int64)) for name in self.COLUMNS}
            return
        for name, values in new.items():
            self.columns[name] = np.concatenate((self.columns.get(name, np.zeros(0, np.int64)),
                                                 np.array(values, dtype=np.int64)))
        lengths = np.array([len(c) for c in counts], dtype=np.int64)
        self.tok_ptr = np.concatenate((self.tok_ptr, self.tok_ptr[-1] + np.cumsum(lengths)))
        self.tok_id = np.concatenate((self.tok_id, np.fromiter((t for c in counts for t in c), np.int32)))
        self.tok_tf = np.concatenate((self.tok_tf, np.fromiter((f for c in counts for f in c.values()), np.float32)))
        name_lengths = np.array([len(n) for n in names], dtype=np.int64)
        self.name_ptr = np.concatenate((self.name_ptr, self.name_ptr[-1] + np.cumsum(name_lengths)))
        self.name_chars = np.concatenate((self.name_chars,
                                          np.frombuffer("".join(names).encode("utf-32-le"), dtype=np.uint32)))

    def _facet_code(self, facet: str, hit: Hit, documents: dict) -> int:
        info = documents.get(hit.doc or "")
        value = {"type": hit.kind, "department": hit.department, "document": hit.doc,
                 "year": hit.year or (info.year if info else None)}[facet]
        if value is None:
            return -1
        codes = self.facet_codes[facet]
        if str(value) not in codes:
            codes[str(value)] = len(self.facet_values[facet])
            self.facet_values[facet].append((str(value), hit.doc))
        return codes[str(value)]

    def derived(self) -> Derived:
        """What a search reads, for the live entries: in the store's order of documents (`versions`), each
        entity's first entry, so that equal scores rank alike whatever order the documents were merged in."""
        columns = self.columns
        uri = columns.get("uri", np.zeros(0, np.int64))
        place = {g: i for i, g in enumerate(self.versions)}
        rank = np.array([place[g] for g in self.graphs] or [0], dtype=np.int64)
        ordered = np.lexsort((columns["n"], rank[columns["doc"]])) if len(uri) else np.zeros(0, np.int64)
        _, first = np.unique(uri[ordered], return_index=True)
        live = ordered[np.sort(first)]
        tok_ptr, tok_id, tok_tf = _ragged(self.tok_ptr, live, self.tok_id, self.tok_tf)
        entry = np.repeat(np.arange(len(live), dtype=np.int64), np.diff(tok_ptr))
        length = np.bincount(entry, weights=tok_tf, minlength=len(live))  # words of each entry, repeats too
        order = _stable_order(tok_id)  # postings: term by term, entries in order within a term
        df = np.bincount(tok_id, minlength=len(self.terms))
        indptr = np.concatenate(([0], np.cumsum(df))).astype(np.int64)
        entries = len(length)
        average = float(length.mean()) if entries else 1.0
        idf = np.log(1 + (entries - df + 0.5) / (df + 0.5))  # Lucene's IDF: positive for a word most entries hold
        tf = tok_tf[order].astype(np.float32)
        scaled = K1 * ((1 - B) + B * length[entry[order]] / average)
        data = (idf[tok_id[order]] * (tf / (scaled + tf))).astype(np.float32)
        name_ptr, name_chars = _ragged(self.name_ptr, live, self.name_chars)
        chars = name_chars[:-1] if len(name_chars) else name_chars  # names joined by line breaks
        # the places of each character in all names: a word is found in the names from its first character's
        by_char = _stable_order(chars).astype(np.int64)
        ordered_chars = chars[by_char]  # each character's first place among them: where the sorted run changes
        firsts = np.flatnonzero(run_starts(ordered_chars))
        char_keys = ordered_chars[firsts]
        facet_codes = {f: columns[f"facet_{f}"][live] if entries else np.zeros(0, np.int64) for f in FACETS}
        # each distinct combination of the facets' values (a few per document), and each entry's: a search
        # counts its results per cell, and each facet's values from the cells' counts
        cells, cell_of = np.unique(np.stack([facet_codes[f] for f in FACETS], axis=1).reshape(-1, len(FACETS)),
                                   axis=0, return_inverse=True)
        return Derived(
            terms=self.terms, held=df > 0, indptr=indptr, indices=entry[order].astype(np.int32), data=data,
            chars=chars, by_char=by_char, char_keys=char_keys,
            entry_of_char=np.repeat(np.arange(len(live), dtype=np.int32), np.diff(name_ptr))[:len(chars)],
            char_bounds=np.append(firsts, len(chars)),
            group=columns["group"][live] if entries else np.zeros(0, np.int64),
            doc=columns["doc"][live] if entries else np.zeros(0, np.int64), graphs=list(self.graphs),
            versions=dict(self.versions),
            n=columns["n"][live] if entries else np.zeros(0, np.int64),
            facet_values={f: list(v) for f, v in self.facet_values.items()},
            cells=cells, cell_of=cell_of.reshape(-1).astype(np.int32))


@dataclass
class Derived:
    """The arrays a search works on (see `Table.derived`): BM25 scores as a term-major sparse matrix
    (`indptr`, `indices`, `data`, as bm25s keeps them), the live entries' names, groups and facet cells,
    and each entry's document and position for its row."""

    terms: dict[str, int]
    held: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    chars: np.ndarray
    by_char: np.ndarray
    char_keys: np.ndarray
    entry_of_char: np.ndarray  # the entry whose name each character is of
    char_bounds: np.ndarray
    group: np.ndarray
    doc: np.ndarray
    graphs: list[str]
    versions: dict[str, str]
    n: np.ndarray
    facet_values: dict[str, list[tuple[str, str | None]]]
    cells: np.ndarray  # each cell's code of each facet (a row, facets in FACETS' order)
    cell_of: np.ndarray  # each entry's cell

    def row_of(self, position: int) -> tuple[str, str, int]:
        """The document graph, its version and the entry's place among its entries (`Rows.get_many`)."""
        graph = self.graphs[int(self.doc[position])]
        return graph, self.versions[graph], int(self.n[position])

    def holds(self, word: str) -> bool:
        t = self.terms.get(word)
        return t is not None and t < len(self.held) and bool(self.held[t])


def _stable_order(values: np.ndarray) -> np.ndarray:
    """`np.argsort(values, kind="stable")`; values that fit 16 bits (terms and characters of a store's names
    mostly do) sorted as such, by numpy's radix sort: 4× faster than its timsort of 32-bit values, which was
    most of the arrays made again at each change at 1,000 documents (3 M postings, 2 M characters)."""
    if len(values) and 0 <= values.min() and values.max() < 1 << 16:
        return np.argsort(values.astype(np.uint16), kind="stable")
    return np.argsort(values, kind="stable")


def _one_line_item_per_row(entries: list[tuple[Hit, list[str]]]) -> list[tuple[int, Hit, list[str]]]:
    """One entry per entity of the document (its first), and a table row, one observation per column that
    tables repeat, one entry per code, document and department: the largest figure (a row's 合计 is never
    below one of its parts). Each with its place among the document's entries (its row)."""
    by_uri: dict[str, tuple[int, Hit, list[str]]] = {}
    for n, (hit, tokens) in enumerate(entries):
        by_uri.setdefault(hit.uri, (n, hit, tokens))
    best: dict[tuple, Hit] = {}
    for _, hit, _ in by_uri.values():
        if hit.kind == "line_item":
            key = (hit.label, hit.doc, hit.department)
            if key not in best or (hit.amount or 0) > (best[key].amount or 0):
                best[key] = hit
    kept = {h.uri for h in best.values()}
    return [(n, h, t) for n, h, t in by_uri.values() if h.kind != "line_item" or h.uri in kept]


class Rows:
    """The entries of each document version, read by position as a page shows them: in memory, or (`file`)
    in one SQLite file shared by every state and every store using the cache directory, written once per
    document version (versions are fresh tokens per write) and read by other processes meanwhile (WAL)."""

    def __init__(self, file: Path | None = None):
        self._file, self._lock = file, threading.Lock()
        self._memory: dict[tuple[str, str], list[Hit]] = {}
        self._db: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self._file, timeout=30, check_same_thread=False)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")  # no fsync a commit (3.6 ms; 1,000 at 1,000 documents): a cache
            db.execute("CREATE TABLE IF NOT EXISTS rows (graph TEXT, version TEXT, n INTEGER, row TEXT, "
                       "PRIMARY KEY (graph, version, n)) WITHOUT ROWID")
            self._db = db
        return self._db

    def add(self, graph: str, version: str, hits: list[Hit]) -> None:
        self.add_all([(graph, version, hits)])

    def add_all(self, written: list[tuple[str, str, list[Hit]]]) -> None:
        """`add` each (graph, version, hits), in one transaction (`govkg ingest` keeps a batch's at once)."""
        with self._lock:
            if self._file is None:
                self._memory.update(((graph, version), hits) for graph, version, hits in written)
                return
            db = self._connection()
            with db:  # a document without entries (the ontology) is kept as such: a row -1, never read again
                for graph, version, hits in written:
                    db.executemany("INSERT OR IGNORE INTO rows VALUES (?, ?, ?, ?)",
                                   ((graph, version, n, json.dumps(vars(h), ensure_ascii=False))
                                    for n, h in enumerate(hits)) if hits else [(graph, version, -1, "null")])

    def holds(self, graph: str, version: str) -> bool:
        with self._lock:
            if self._file is None:
                return (graph, version) in self._memory
            return self._connection().execute("SELECT 1 FROM rows WHERE graph = ? AND version = ? LIMIT 1",
                                              (graph, version)).fetchone() is not None

    def held(self, versions: dict[str, str]) -> set[str]:
        """The graphs of `versions` whose entries are kept at their version, in one statement."""
        pairs, found = list(versions.items()), set()
        with self._lock:
            if self._file is None:
                return {g for g, v in pairs if (g, v) in self._memory}
            for start in range(0, len(pairs), 1000):  # SQLite binds 32,766 values at most
                chunk = pairs[start:start + 1000]
                found.update(g for (g,) in self._connection().execute(
                    f"WITH k(g, v) AS (VALUES {', '.join(['(?, ?)'] * len(chunk))}) SELECT g FROM k WHERE EXISTS "
                    "(SELECT 1 FROM rows WHERE graph = k.g AND version = k.v)", [x for gv in chunk for x in gv]))
        return found

    def hits(self, graph: str, version: str) -> list[Hit] | None:
        """Every entry of one document version, in order; None when they are not kept."""
        with self._lock:
            if self._file is None:
                return self._memory.get((graph, version))
            found = self._connection().execute("SELECT n, row FROM rows WHERE graph = ? AND version = ? ORDER BY n",
                                               (graph, version)).fetchall()
        return [Hit(**json.loads(row)) for n, row in found if n >= 0] if found else None

    def prune(self, keep: set[tuple[str, str]]) -> int:
        """Drop the entries of every document version not in `keep` (graph, version) from the file; how many
        versions went (rows in memory are a store's own, and go with it)."""
        with self._lock:
            if self._file is None:
                return 0
            db = self._connection()
            gone = [gv for gv in db.execute("SELECT DISTINCT graph, version FROM rows") if gv not in keep]
            with db:
                db.executemany("DELETE FROM rows WHERE graph = ? AND version = ?", gone)
        return len(gone)

    def get_many(self, keys: list[tuple[str, str, int]]) -> list[Hit]:
        """The entries at `keys` (graph, version, place), in their order: a page's rows in one read."""
        with self._lock:
            if self._file is None:
                return [self._memory[(g, v)][n] for g, v, n in keys]
            found = dict(((g, v, n), row) for g, v, n, row in self._connection().execute(  # looked up by key, each
                f"WITH k(g, v, n) AS (VALUES {', '.join(['(?, ?, ?)'] * len(keys))}) SELECT rows.graph, rows.version, "
                "rows.n, row FROM k JOIN rows ON rows.graph = k.g AND rows.version = k.v AND rows.n = k.n",
                [part for key in keys for part in key]))
        missing = [key for key in keys if key not in found]
        if missing:
            raise KeyError(missing[0])
        return [Hit(**json.loads(found[key])) for key in keys]
