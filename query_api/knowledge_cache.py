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
import shutil
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


def save(path: Path, *, freq: dict[str, int], total: int, base: dict[str, int] | None = None,
         base_total: int | None = None, **parts) -> None:
    """Write the knowledge atomically (a temporary file renamed); a cache that cannot be written is skipped.
    `base`: the dictionary `freq` was made from by adding words (jieba's own, `lexicon.base_dictionary`): it
    is saved once in a file of its own, shared by every state's file, which holds only the words `freq`
    adds or changes (a few thousand rows, not 600,000 written at every ingest), with `base_total`, its total
    (jieba's, not the sum of its words: its dictionary names some words twice). `freq` may be a `SavedFreq.over`
    the cache's base file (words added to it): the words it changed are saved, `base` is not needed."""
    if isinstance(freq, SavedFreq) and freq.file is not None:  # jieba's read from its file, our words over it
        shared = freq.file.name if freq.file.parent == path.parent else None
        rows = freq.changed() if shared is not None else freq.whole().items()
    else:
        shared = save_base(base, path.parent, base_total) if base is not None else None
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


def save_base(base: dict[str, int], directory: Path | None = None, total: int | None = None) -> str | None:
    """The name of the file in `directory` (the cache's) holding `base` (written when absent: ~1 s, once per
    cache), or None when it cannot be. Named after the dictionary's size and sum, as jieba's own cache is
    after its dictionary file: a jieba whose dictionary changes gets a new one. With `total` (the dictionary's
    total) that is kept too, for `SavedFreq.over` (a file kept without it is written again)."""
    directory = directory or cache_dir()
    digest = hashlib.sha1(repr((VERSION, len(base), sum(base.values()))).encode()).hexdigest()[:20]
    name = f"jiebabase-{digest}.sqlite"

    def fill(db: sqlite3.Connection) -> None:
        _fill_words(db, base.items())
        if total is not None:
            db.execute("CREATE TABLE total (n INTEGER)")
            db.execute("INSERT INTO total VALUES (?)", (total,))

    with _BASE_LOCK:  # `govkg ingest` writes it in a thread beside the parsing: the lexicon's save waits for it
        kept = (directory / name).is_file() and (total is None or _total(directory / name) is not None)
        if kept or write_sqlite(directory / name, fill):
            return name
    return None


def _total(path: Path) -> int | None:
    """The total kept in a base file (`save_base`), or None."""
    try:
        with closing(_read_only(path)) as db:
            return db.execute("SELECT n FROM total").fetchone()[0]
    except (sqlite3.Error, TypeError):
        return None


def jieba_key() -> str:
    """What names this machine's copy of jieba's base (`leave_machine_copy`): jieba's version and its dictionary
    file's size and time, which jieba's own cache in the temporary directory is made from."""
    import jieba

    dictionary = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    try:
        stat = dictionary.stat()
        made = (stat.st_size, stat.st_mtime_ns)
    except OSError:
        made = None
    return hashlib.sha1(repr((VERSION, jieba.__version__, str(dictionary), made)).encode()).hexdigest()[:16]


def _machine_copies() -> list[Path]:
    """This machine's copies of jieba's base (this user's own files only: another's could say anything)."""
    try:
        found = Path(tempfile.gettempdir()).glob(f"govkg-{jieba_key()}-jiebabase-*.sqlite")
        return [p for p in found if p.is_file() and not p.is_symlink() and p.stat().st_uid == os.getuid()]
    except OSError:
        return []


def jieba_base_file(directory: Path | None = None) -> Path | None:
    """The cache's file of jieba's own prefix dictionary (`save_base` of `lexicon.base_dictionary`), copied from
    this machine's copy when the cache lacks it (~10 ms, where writing it took ~1 s of CPU and loading jieba's
    dictionary to write it ~0.7 s: once per cache, so at every ingest into a new cache); None when this machine
    keeps no copy (`leave_machine_copy`)."""
    directory = directory or cache_dir()
    with _BASE_LOCK:
        for copy in _machine_copies():
            path = directory / copy.name.split("-", 2)[2]
            if path.is_file() or _copied(copy, path):
                return path
    return None


def leave_machine_copy(name: str, directory: Path | None = None) -> None:
    """Copy the base `name` (jieba's own dictionary, just saved in the cache) to the temporary directory, where
    jieba keeps its own cache, so the next new cache on this machine takes it (`jieba_base_file`)."""
    directory = directory or cache_dir()
    _copied(directory / name, Path(tempfile.gettempdir()) / f"govkg-{jieba_key()}-{name}")


def _copied(source: Path, path: Path) -> bool:
    """`source` copied to `path` atomically (`_atomic`); False when not."""
    return _atomic(path, lambda temporary: shutil.copyfile(source, temporary))


def _atomic(path: Path, make) -> bool:
    """`make(temporary)` writes a temporary file beside `path`, renamed into place when whole; False (and no file
    left) when it cannot be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
    except OSError:
        return False
    try:
        make(temporary)
        os.replace(temporary, path)
        return True
    except (OSError, sqlite3.Error):
        Path(temporary).unlink(missing_ok=True)
        return False


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
    def make(temporary: str) -> None:
        with closing(sqlite3.connect(temporary)) as db:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            fill(db)
            db.commit()

    return _atomic(path, make)


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
        self.own: dict[str, int] = {}  # the words assigned (jieba's add_word), each with its last value
        self.file: Path | None = None  # `over`: the base file read

    @classmethod
    def over(cls, path: Path) -> SavedFreq | None:
        """jieba's base dictionary read from its file (`jieba_base_file`) as words are looked up, for a lexicon to
        add its words to (`own`) and `save` them alone: a process that makes one lexicon (`govkg ingest`) looks
        up ~13,000 words at 8 documents, where loading jieba's whole dictionary cost ~0.7 s of CPU. Its `total`
        is the dictionary's, kept in the file. None when the file keeps none (or cannot be read)."""
        total = _total(path)
        if total is None:
            return None
        words = cls(_read_only(path))
        words.file, words.total = path, total
        return words

    def changed(self) -> list[tuple[str, int]]:
        """The words assigned whose value is not the one the file holds."""
        with self._lock:
            held = {w: self._dbs[-1].execute("SELECT n FROM freq WHERE word = ?", (w,)).fetchone() for w in self.own}
        return [(w, n) for w, n in self.own.items() if held[w] is None or held[w][0] != n]

    def whole(self) -> dict[str, int]:
        """Every word, read from the files with the words assigned over them."""
        every: dict[str, int] = {}
        with self._lock:
            for db in reversed(self._dbs):
                every.update(db.execute("SELECT word, n FROM freq"))
        every.update(self.own)
        return every

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
            self.own[word] = n
