"""What a search page shows of its entries, read by position: each document version's entries (search_entries.Hit)
kept once, in memory or in one SQLite file in the cache directory for a store on disk (a document version's entries
never change, so they are written once). Imports the standard library and query_api.search_entries only.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

from query_api.search_entries import Hit

_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(…, ensure_ascii=False), its encoder made once


def entry_texts(hits: list[Hit]) -> list[str]:
    """Each entry as its row's text in the file (JSON of its fields)."""
    return [_ENCODE(vars(h)) for h in hits]  # ~500 a document: dumps made an encoder for each


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
        if self._file is None:
            with self._lock:
                self._memory.update(((graph, version), hits) for graph, version, hits in written)
            return
        self.add_texts([(graph, version, entry_texts(hits)) for graph, version, hits in written])

    def add_texts(self, written: list[tuple[str, str, list[str]]]) -> None:
        """`add_all` of entries already written as their rows' text (`entry_texts`): `govkg ingest` makes them in
        the processes that parse, so the process that writes the store only files them."""
        with self._lock:
            if self._file is None:
                self._memory.update(((graph, version), [Hit(**json.loads(t)) for t in texts])
                                    for graph, version, texts in written)
                return
            db = self._connection()
            with db:  # a document without entries (the ontology) is kept as such: a row -1, never read again
                for graph, version, texts in written:
                    db.executemany("INSERT OR IGNORE INTO rows VALUES (?, ?, ?, ?)",
                                   ((graph, version, n, text) for n, text in enumerate(texts))
                                   if texts else [(graph, version, -1, "null")])

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
