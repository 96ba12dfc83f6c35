"""The slow part of the question layer's knowledge, saved on disk so a cold `govkg ask` does not rebuild it.

What is saved: the jieba prefix dictionary with the lexicon's words added, and the EntityRuler's
patterns (~2 s to build: jieba alone loads its 500,000-word dictionary in ~1.4 s). Both are made from
the lexicon's words only, so the file is named after a digest of those words: a store whose names
change gets a fresh one, and two stores with the same names share one. Older files are removed.

    $GOVKG_CACHE (default ~/.cache/govkg)/knowledge-<digest>.sqlite

The file is an SQLite database (one table of the words the lexicon adds to jieba's dictionary, which is
saved once in a file of its own, `jiebabase-<digest>.sqlite`; one row of the rest, pickled), so the
dictionary is read word by word as a question looks words up (`SavedFreq`): a cold `govkg ask` reads a
few hundred of its 500,000 words instead of all of them (0.2 s). A file that cannot be read (another
version, a partial write) is ignored and rebuilt; it is only ever written by us, in our own cache directory.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import tempfile
import threading
from contextlib import closing
from pathlib import Path

VERSION = 4  # bump when what is saved changes shape
KEEP = 8  # state files kept (several stores, or a store and its previous states)


def cache_dir() -> Path:
    return Path(os.environ.get("GOVKG_CACHE") or Path.home() / ".cache" / "govkg")


def path_for(words: list[str]) -> Path:
    """The file of the knowledge made from these words (the lexicon's words and surface forms)."""
    digest = hashlib.sha1(repr((VERSION, words)).encode("utf-8")).hexdigest()[:20]
    return cache_dir() / f"knowledge-{digest}.sqlite"


def load(path: Path) -> dict | None:
    """The saved knowledge at `path` ({"freq": a SavedFreq, "total", "patterns"}), or None (no file, its base
    dictionary's file gone, or one we cannot read)."""
    if not path.is_file():
        return None
    opened = []
    try:
        opened.append(db := _read_only(path))
        version, total, base, rest = db.execute("SELECT version, total, base, rest FROM knowledge").fetchone()
        if version != VERSION:
            raise ValueError(version)
        if base:
            if not (path.parent / base).is_file():
                raise ValueError(base)
            opened.append(_read_only(path.parent / base))
        return {"freq": SavedFreq(*opened), "total": total, **pickle.loads(rest)}
    except (sqlite3.Error, TypeError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        for db in opened:
            db.close()
        return None


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def save(path: Path, *, freq: dict[str, int], total: int, base: dict[str, int] | None = None, **parts) -> None:
    """Write the knowledge atomically (a temporary file renamed); a cache that cannot be written is skipped.
    `base`: the dictionary `freq` was made from by adding words (jieba's own, `lexicon.base_dictionary`): it
    is saved once in a file of its own, shared by every state's file, which holds only the words `freq`
    adds or changes (a few thousand rows, not 600,000 written at every ingest)."""
    shared = save_base(base, path.parent) if base is not None else None
    if base is not None and shared is None:
        base = None  # the base cannot be written: this file holds every word
    rows = freq.items() if base is None else [(w, n) for w, n in freq.items() if base.get(w) != n]

    def fill(db: sqlite3.Connection) -> None:
        _fill_words(db, rows)
        db.execute("CREATE TABLE knowledge (version INTEGER, total INTEGER, base TEXT, rest BLOB)")
        db.execute("INSERT INTO knowledge VALUES (?, ?, ?, ?)",
                   (VERSION, total, shared, pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL)))

    if write_sqlite(path, fill):
        prune(path, KEEP)


def _fill_words(db: sqlite3.Connection, rows) -> None:
    db.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
    db.executemany("INSERT INTO freq VALUES (?, ?)", rows)


_BASE_LOCK = threading.Lock()


def save_base(base: dict[str, int], directory: Path | None = None) -> str | None:
    """The name of the file in `directory` (the cache's) holding `base` (written when absent: ~1 s, once per
    cache), or None when it cannot be. Named after the dictionary's size and sum, as jieba's own cache is
    after its dictionary file: a jieba whose dictionary changes gets a new one."""
    directory = directory or cache_dir()
    digest = hashlib.sha1(repr((VERSION, len(base), sum(base.values()))).encode()).hexdigest()[:20]
    name = f"jiebabase-{digest}.sqlite"
    with _BASE_LOCK:  # `govkg ingest` writes it in a thread beside the parsing: the lexicon's save waits for it
        if (directory / name).is_file() or write_sqlite(directory / name, lambda db: _fill_words(db, base.items())):
            return name
    return None


def prune(file: Path, keep: int) -> None:
    """Of the files of `file`'s kind (its name up to the first '-') in its directory, all but the `keep`
    newest go; a file another process removed meanwhile (a server beside an ingest) is no error."""
    kind = file.name.split("-", 1)[0]
    try:
        old = sorted(file.parent.glob(f"{kind}-*"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[keep:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass


def write_sqlite(path: Path, fill) -> bool:
    """Make the SQLite file `path` with `fill(connection)`, atomically (a temporary file renamed into place
    when whole, so no journal is needed); False when it cannot be written (a cache is then only slower)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
    except OSError:
        return False
    try:
        with closing(sqlite3.connect(temporary)) as db:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            fill(db)
            db.commit()
        os.replace(temporary, path)
        return True
    except (OSError, sqlite3.Error):
        Path(temporary).unlink(missing_ok=True)
        return False


_MISSING = object()


class SavedFreq:
    """jieba's prefix dictionary (word → frequency; 0 for a prefix of a word), read from the saved file as
    words are looked up, each once. Past EAGER distinct look-ups (a server reading documents, not a
    question) the whole dictionary is read into memory at once. jieba uses `in`, `[]`, `.get` and, in
    add_word, assignment."""

    EAGER = 20000

    def __init__(self, db: sqlite3.Connection, base: sqlite3.Connection | None = None):
        self._dbs, self._lock = [db] if base is None else [db, base], threading.Lock()  # its own words first
        self._seen: dict[str, int | None] = {}
        self._all: dict[str, int] | None = None

    def _find(self, word: str) -> int | None:
        if self._all is not None:
            return self._all.get(word)
        found = self._seen.get(word, _MISSING)
        if found is _MISSING:
            with self._lock:
                if self._all is None and len(self._seen) > self.EAGER:
                    every: dict[str, int] = {}
                    for db in reversed(self._dbs):
                        every.update(db.execute("SELECT word, n FROM freq"))
                    every.update((w, n) for w, n in self._seen.items() if n is not None)
                    self._all = every
                if self._all is not None:
                    return self._all.get(word)
                found = None
                for db in self._dbs:  # the first database holding the word
                    row = db.execute("SELECT n FROM freq WHERE word = ?", (word,)).fetchone()
                    if row:
                        found = row[0]
                        break
            self._seen[word] = found
        return found

    def get(self, word: str, default=None):
        found = self._find(word)
        return default if found is None else found

    def __contains__(self, word: str) -> bool:
        return self._find(word) is not None

    def __getitem__(self, word: str) -> int:
        found = self._find(word)
        if found is None:
            raise KeyError(word)
        return found

    def __setitem__(self, word: str, n: int) -> None:
        with self._lock:
            (self._all if self._all is not None else self._seen)[word] = n
